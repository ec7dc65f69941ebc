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

/// The rules compiled for matching: one Matcher over the output patterns of
/// every rule (evidence, fields_from, step/job conditions), run while the log
/// streams; and the patterns about a step's command (its `Run` header block),
/// evaluated only when a rule has fired in that step. Built once, shared by
/// every log of a run.
class CompiledRules {
 public:
  enum class Role : std::uint8_t { kEvidence, kStepText, kNotStepText, kJobText, kFieldsOutput };
  struct PatternRef {
    std::uint32_t rule;
    Role role;
    /// A condition, or a fields_from pattern whose fields are all scalars:
    /// once seen in a step, running it again there cannot change anything.
    bool once_per_step = false;
    std::vector<std::string> groups;  ///< the named groups it captures.
  };

  explicit CompiledRules(RuleSet rules);
  ~CompiledRules();

  const RuleSet& rules() const { return rules_; }
  /// Patterns of the output matcher.
  const std::vector<PatternRef>& output_patterns() const { return output_refs_; }
  /// The regex text of output pattern i (diagnostics, benchmarks).
  const std::string& output_regex(std::size_t i) const { return output_regexes_[i]; }
  /// Runs over output lines: evidence, fields_from and step/job conditions.
  Matcher& output_matcher() { return *output_matcher_; }
  /// Does the step command satisfy the rule's command / not_command conditions?
  bool command_allows(std::uint32_t rule, const std::string& command) const;
  /// Does a line of the command match one of the rule's step_text / not_step_text / job_text?
  bool command_has_step_text(std::uint32_t rule, const std::string& command) const;
  bool command_has_not_step_text(std::uint32_t rule, const std::string& command) const;
  bool command_has_job_text(std::uint32_t rule, const std::string& command) const;
  /// Adds the fields the rule's fields_from_command capture from the command's lines.
  void command_fields(std::uint32_t rule, const std::string& command, Fields& out) const;
  /// Adds the fields the rule's fields_from patterns capture from `lines`.
  void output_fields(std::uint32_t rule, const std::vector<std::string>& lines, Fields& out) const;
  /// Adds the fields the rule's fields_from_tail patterns capture from `lines`.
  void tail_fields(std::uint32_t rule, const std::vector<EvidenceLine>& lines, Fields& out) const;
  /// Rule ids with output patterns that have no literal atoms (they run on every line).
  std::vector<std::string> slow_rules() const;

 private:
  RuleSet rules_;
  struct CommandPatterns {
    std::unique_ptr<re2::RE2> command, not_command;
    std::vector<std::unique_ptr<re2::RE2>> step_text, not_step_text, job_text, fields, output_fields,
        tail_fields;
  };
  std::vector<PatternRef> output_refs_;
  std::vector<std::string> output_regexes_;
  std::unique_ptr<Matcher> output_matcher_;
  std::vector<CommandPatterns> command_;
};

/// What one rule matched in one step.
struct Accumulation {
  std::uint32_t rule = 0;
  std::uint32_t step = 0;
  std::uint64_t count = 0;
  std::vector<EvidenceLine> lines;  ///< bounded: the first (or last) kMaxEvidence lines, raw text.
  Fields fields;
  /// Evidence and fields were full, so later lines were not examined: `count`
  /// is a lower bound.
  bool saturated = false;
};

class Collector {
 public:
  static constexpr std::size_t kMaxEvidence = 12;
  static constexpr std::size_t kMaxListItems = 50;
  static constexpr std::size_t kMaxQuotedBytes = 320;  ///< raw bytes kept per quoted line (300 are shown).
  static constexpr std::size_t kMaxFieldLineBytes = 512;
  /// All quoted and field lines of a log together: past this, lines are still
  /// counted but no longer kept (a log of a thousand steps all matching).
  static constexpr std::size_t kMaxStoredBytes = 16 << 20;

  explicit Collector(CompiledRules& rules);

  /// Runs the rules over one batch of the log.
  void scan(const Batch& batch);

  const std::vector<Accumulation>& accumulations() const { return accums_; }
  bool step_text_seen(std::uint32_t rule, std::uint32_t step) const;
  bool not_step_text_seen(std::uint32_t rule, std::uint32_t step) const;
  bool job_text_seen(std::uint32_t rule) const;
  /// Lines of a step that may hold a fields_from value of the rule (kept raw,
  /// at most kMaxFieldLines): the regexes run on them only if the rule fires there.
  const std::vector<std::string>* field_lines(std::uint32_t rule, std::uint32_t step) const;
  static constexpr std::size_t kMaxFieldLines = 6;

 private:
  bool already_known(const CompiledRules::PatternRef& ref, const Line& line);
  void on_hit(const CompiledRules::PatternRef& ref, const Line& line, std::string_view text,
              const std::vector<Capture>& captures);

  CompiledRules& rules_;
  std::vector<Accumulation> accums_;
  std::unordered_map<std::uint64_t, std::size_t> index_;  // (rule, step) → accums_
  std::unordered_set<std::uint64_t> step_text_, not_step_text_;
  std::unordered_set<std::uint32_t> job_text_;
  std::unordered_map<std::uint64_t, std::vector<std::string>> field_lines_;
  std::size_t stored_bytes_ = 0;
  /// Copies at most `max` bytes of `text` if the budget allows; false if not.
  bool keep(std::string_view text, std::size_t max, std::string& out);
  const Batch* batch_ = nullptr;  // during scan(): the batch being matched
};

/// Adds typed captures to `fields` (scalars: first value wins; lists: distinct values).
void merge_captures(const Rule& rule, const std::vector<Capture>& captures, Fields& fields);

/// Parses a captured value as the field type says; false when it is not one.
bool parse_field(FieldType type, std::string_view text, FieldValue& out);

}  // namespace ci_triage
