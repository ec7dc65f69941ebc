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
#include "rules/compiled_rules.h"
#include "rules/fields.h"
#include "rules/rule.h"

namespace ci_triage {

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
  bool after_text_seen(std::uint32_t rule, std::uint32_t step) const;
  /// Did a line of the step match one of the context's output signatures?
  bool context_seen(std::uint32_t context, std::uint32_t step) const;
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
  std::unordered_set<std::uint64_t> step_text_, not_step_text_, after_text_, context_text_;
  std::unordered_set<std::uint32_t> job_text_;
  std::unordered_map<std::uint64_t, std::vector<std::string>> field_lines_;
  std::size_t stored_bytes_ = 0;
  /// Copies at most `max` bytes of `text` if the budget allows; false if not.
  bool keep(std::string_view text, std::size_t max, std::string& out);
  const Batch* batch_ = nullptr;  // during scan(): the batch being matched
};

}  // namespace ci_triage
