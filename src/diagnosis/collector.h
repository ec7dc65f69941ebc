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
  /// `count` is a lower bound once a pattern's lines and fields are full (Collector::already_known).
  Fields fields;
  /// Tally lines that took a detail line's place once `lines` was full.
  std::uint8_t tallies = 0;
};

class Collector {
 public:
  static constexpr std::size_t kMaxEvidence = 12;
  /// At most this many of the kMaxEvidence quoted lines are late tallies.
  static constexpr std::uint8_t kMaxTallyLines = 2;
  /// Raw bytes kept per quoted line: 300 are shown, the rest feeds the field extractors (a URL or
  /// an HTTP status at the end of a long registry error).
  static constexpr std::size_t kMaxQuotedBytes = 1024;
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
  /// What the rule's not_step_text regexes with named groups captured in the step (name, value):
  /// each cancels only a finding whose field of that name holds the value. Null: none matched.
  /// Distinct pairs, at most kMaxNotStepValues per rule and step.
  using NamedValues = std::vector<std::pair<std::string, std::string>>;
  const NamedValues* not_step_values(std::uint32_t rule, std::uint32_t step) const;
  static constexpr std::size_t kMaxNotStepValues = 64;
  bool job_text_seen(std::uint32_t rule) const;
  bool after_text_seen(std::uint32_t rule, std::uint32_t step) const;
  /// Did a line of the step match one of the context's output signatures?
  bool context_seen(std::uint32_t context, std::uint32_t step) const;
  /// Lines of a step that one of the rule's fields_from regexes matched (kept raw, at
  /// most kMaxFieldLines): their values are taken only if the rule fires there.
  const std::vector<std::string>* field_lines(std::uint32_t rule, std::uint32_t step) const;
  static constexpr std::size_t kMaxFieldLines = 6;

  /// A Python traceback frame in the project (diagnosis/locations.h) that a
  /// step printed: where the program was when it failed.
  struct Frame {
    std::uint64_t log_line = 0;
    Location where;  ///< repository-relative.
  };
  /// The project frames a step printed, in log order (its last kMaxFrames).
  std::vector<Frame> frames(std::uint32_t step) const;
  static constexpr std::size_t kMaxFrames = 64;
  /// The paths of all kept frames together (a log of a million tracebacks stays bounded).
  static constexpr std::size_t kMaxFrameBytes = 1 << 20;

 private:
  void scan_frames(const Batch& batch);

  bool already_known(const CompiledRules::PatternRef& ref, const Line& line);
  /// A capture of the tool's count of failures or errors: the line is its tally.
  static bool is_tally(const std::vector<Capture>& captures);
  void on_hit(const CompiledRules::PatternRef& ref, const Line& line, std::string_view text,
              const std::vector<Capture>& captures);

  CompiledRules& rules_;
  std::vector<Accumulation> accums_;
  /// Per rule, its accumulation of the latest step it matched in (steps come in order).
  struct Latest {
    std::uint32_t step = 0xffffffffu;
    std::size_t index = 0;
  };
  std::vector<Latest> latest_;
  /// Per output pattern, the step in which already_known() last said yes (kNoStep: none yet).
  static constexpr std::uint32_t kNoStep = 0xffffffffu;
  std::vector<std::uint32_t> known_in_step_;
  std::unordered_set<std::uint64_t> step_text_, not_step_text_, after_text_, context_text_;
  /// Per rule and step with `when.until`: the latest line that opened its section and the
  /// latest that closed it (0: none).
  struct Section {
    std::uint64_t open = 0, close = 0;
  };
  std::unordered_map<std::uint64_t, Section> sections_;
  std::unordered_set<std::uint32_t> job_text_;
  std::unordered_map<std::uint64_t, NamedValues> not_step_values_;
  struct FieldLines {
    std::vector<std::string> texts;  ///< each kept line, and after it its text without a wrapper prefix.
    std::size_t count = 0;           ///< lines kept (at most kMaxFieldLines).
  };
  std::unordered_map<std::uint64_t, FieldLines> field_lines_;
  struct StepFrames {
    std::vector<Frame> ring;  ///< at most kMaxFrames; the oldest at `next` once full.
    std::size_t next = 0;
  };
  std::unordered_map<std::uint32_t, StepFrames> frames_;
  std::size_t frame_bytes_ = 0;
  std::string frame_path_;  ///< scratch for scan_frames()
  std::size_t stored_bytes_ = 0;
  /// Copies at most `max` bytes of `text` if the budget allows; false if not.
  bool keep(std::string_view text, std::size_t max, std::string& out);
  const Batch* batch_ = nullptr;  // during scan(): the batch being matched
};

}  // namespace ci_triage
