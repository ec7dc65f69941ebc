// Collects what the rules match in one job log, bounded whatever its size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/finding.h"
#include "log/log_model.h"
#include "rules/matcher.h"
#include "rules/rule.h"

namespace re2 {
class RE2;
}

namespace ci_triage {

/// The rules compiled for matching: one Matcher over every pattern of every
/// rule (evidence patterns and step/job conditions), plus the command
/// conditions. Built once, shared by every log of a run.
class CompiledRules {
 public:
  enum class Role : std::uint8_t { kEvidence, kStepText, kNotStepText, kJobText, kFieldsOutput, kFieldsCommand };
  struct PatternRef {
    std::uint32_t rule;
    Role role;
  };

  explicit CompiledRules(RuleSet rules);
  ~CompiledRules();

  const RuleSet& rules() const { return rules_; }
  const std::vector<PatternRef>& patterns() const { return refs_; }
  Matcher& matcher() { return *matcher_; }
  /// Does the step command satisfy the rule's command / not_command conditions?
  bool command_allows(std::uint32_t rule, const std::string& command) const;
  /// Rule ids whose patterns have no literal atoms (they slow every line down).
  std::vector<std::string> slow_rules() const;

 private:
  RuleSet rules_;
  std::vector<PatternRef> refs_;
  std::unique_ptr<Matcher> matcher_;
  std::vector<std::unique_ptr<re2::RE2>> command_, not_command_;
};

/// What one rule matched in one step.
struct Accumulation {
  std::uint32_t rule = 0;
  std::uint32_t step = 0;
  std::uint64_t count = 0;
  std::vector<EvidenceLine> lines;  ///< bounded: the first (or last) kMaxEvidence lines.
  Fields fields;
};

class Collector {
 public:
  static constexpr std::size_t kMaxEvidence = 12;
  static constexpr std::size_t kMaxListItems = 50;

  explicit Collector(CompiledRules& rules);

  /// Runs the rules over one batch of the log.
  void scan(const Batch& batch);

  const std::vector<Accumulation>& accumulations() const { return accums_; }
  bool step_text_seen(std::uint32_t rule, std::uint32_t step) const;
  bool not_step_text_seen(std::uint32_t rule, std::uint32_t step) const;
  bool job_text_seen(std::uint32_t rule) const;
  /// Fields from the rule's fields_from (output) / fields_from_command lines of a step.
  const Fields* output_fields(std::uint32_t rule, std::uint32_t step) const;
  const Fields* command_fields(std::uint32_t rule, std::uint32_t step) const;

 private:
  void on_hit(std::uint32_t pattern, const Line& line, std::string_view text,
              const std::vector<Capture>& captures);

  CompiledRules& rules_;
  std::vector<Accumulation> accums_;
  std::unordered_map<std::uint64_t, std::size_t> index_;  // (rule, step) → accums_
  std::unordered_set<std::uint64_t> step_text_, not_step_text_;
  std::unordered_set<std::uint32_t> job_text_;
  std::unordered_map<std::uint64_t, Fields> output_fields_, command_fields_;
};

/// Adds typed captures to `fields` (scalars: first value wins; lists: distinct values).
void merge_captures(const Rule& rule, const std::vector<Capture>& captures, Fields& fields);

/// Parses a captured value as the field type says; false when it is not one.
bool parse_field(FieldType type, std::string_view text, FieldValue& out);

}  // namespace ci_triage
