// A finding's fields past what its rule's evidence patterns captured
// (diagnose.cc's report phase fills them in, once per reported finding).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "diagnosis/collector.h"
#include "log/log_model.h"
#include "rules/compiled_rules.h"

namespace ci_triage {

/// Reads the fields that cost regex runs, only for the findings a report keeps.
class FindingFields {
 public:
  FindingFields(const CompiledRules& compiled, const Collector& collector, const LogModel& log);

  /// Adds the fields of what `a` matched: fields_from lines, the tail, the
  /// command, the rule's constants, derived counts, the step's exit code.
  /// Fields already set keep their values.
  void enrich(const Accumulation& a, Fields& fields) const;
  /// Adds what the rules files' extractors find for fields the rule did not
  /// capture (evidence and last lines, the step's command, any step's command,
  /// plain output's text), then the registry and tag an image reference implies.
  void add_extracted(Finding& f) const;
  /// The step's Run block with its env: variables expanded (computed once per step).
  const std::string& command_of(std::size_t step_index) const;

 private:
  const CompiledRules& compiled_;
  const Collector& collector_;
  const LogModel& log_;
  mutable std::vector<std::optional<std::string>> expanded_;  ///< command_of(), per step.
};

}  // namespace ci_triage
