// The pipeline for one or more logs: source → log → rules → diagnosis → advice.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "advice/advice.h"
#include "core/finding.h"
#include "diagnosis/collector.h"
#include "sources/log_source.h"

namespace ci_triage {

/// Rules compiled once; analyses any number of logs, one streaming pass each.
class Engine {
 public:
  explicit Engine(RuleSet rules);

  /// Streams the source through the parser and the rules and returns the
  /// job's report. Throws Error on I/O failure.
  JobReport analyze(LogSource& source);

  const CompiledRules& rules() const { return compiled_; }

 private:
  CompiledRules compiled_;
  Advisor advisor_;
};

/// The rule set for a run: the built-in table unless `builtin` is false, then
/// each user file in order (later files override earlier ones by rule id).
RuleSet load_rule_set(const std::vector<std::string>& user_files, bool builtin);

}  // namespace ci_triage
