// libFuzzer: a user rules file (analyze --rules): loading, validation and
// compiling it with the built-in table. Errors are UsageError/Error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "diagnosis/collector.h"
#include "rules/rule_loader.h"

using namespace ci_triage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  RuleSet set;
  try {
    load_rules(json, "fuzz.json", set);
  } catch (const Error&) {
    return 0;
  }
  if (set.rules.empty() || size > 4096) return 0;  // compiling is the slow part: small files only
  try {
    CompiledRules compiled(std::move(set));
  } catch (const Error&) {
  }
  return 0;
}
