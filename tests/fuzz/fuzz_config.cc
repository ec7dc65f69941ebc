// libFuzzer: the repository config file (untrusted: a pull request can change
// it) through libyaml, the bounded tree builder and the settings reader. Every
// input must parse or be refused with a ConfigError; nothing else escapes.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "config/config.h"
#include "core/text.h"

using namespace ci_triage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const config::Config c = config::parse_config(text, "fuzz.yml");
    const config::Known known{{"python-module-not-found"}, {"imports"}, {"docker-cache"}};
    try {
      config::check_names(c, known);
    } catch (const config::ConfigError&) {
    }
    for (const auto& g : c.ignore_paths.value) (void)glob_match(g.name, "src/vendor/a/b.go");
    std::ostringstream out;
    config::write_check(c, out);
  } catch (const config::ConfigError&) {
  }
  return 0;
}
