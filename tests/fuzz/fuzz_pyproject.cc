// libFuzzer: a repository's pyproject.toml (untrusted: the pull request's)
// through inspect_pyproject and every pyproject editor. The guard in front of
// toml++ must keep its assertion and its __builtin_unreachable unreachable:
// this target is built without NDEBUG, so toml++'s assertions are live.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "advice/patches/edit/pyproject.h"
#include "advice/patches/edit/text_file.h"

using namespace ci_triage::patches;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)inspect_pyproject(text);
  const TextFile original = TextFile::parse(text);
  TextFile f = original;
  (void)add_pep621_dependency(f, "python-dateutil");
  f = original;
  (void)add_pep621_dependency(f, "pytest-cov", "dev");
  f = original;
  (void)add_poetry_dependency(f, "requests");
  f = original;
  (void)add_poetry_dependency(f, "mypy", "dev");
  f = original;
  (void)add_mypy_override_toml(f, {"yaml", "google.protobuf"});
  f = original;
  (void)add_pytest_pythonpath_toml(f, "src");
  (void)unified_diff("pyproject.toml", original, f);
  return 0;
}
