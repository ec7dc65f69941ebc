// Comparing a failed job's log with a passing log of the same job (`analyze --baseline`):
// what always differs between two runs is normalised away, the lines the passing log also
// has are dropped, and what is left in the failed step is what changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "log/log_model.h"

namespace ci_triage {

class LogSource;

/// A normalised log line's text for comparison across runs: timestamps, dates, durations
/// ("0.12s", "3 ms", "1m2s"), sizes ("12.5 MB"), decimal numbers and versions, numbers of 4+
/// digits (ports, PIDs, run ids, counts of bytes), hexadecimal ids of 7+ characters (commit
/// and image hashes), 0x addresses, UUIDs, random-looking words (3+ digits in 8+ characters,
/// tempfile names) and paths under temporary directories become `#`; whitespace runs become
/// one space. Small numbers (test counts, exit codes, line numbers) are kept: they tell runs
/// apart when they matter.
std::string comparison_text(std::string_view line);

/// A 64-bit hash of comparison_text(line) (std::hash: stable within one process only).
std::uint64_t comparison_key(std::string_view line);

/// The distinct comparison keys of a passing log's output lines. Bounded: at most kMaxLines
/// keys (8 bytes each, so 8 MiB; twice that while it is being filled); past that, later lines
/// are not remembered and saturated() says so.
class LineSet {
 public:
  static constexpr std::size_t kMaxLines = std::size_t{1} << 20;

  void add(std::uint64_t key);
  /// Ends filling; call before contains().
  void seal();
  bool contains(std::uint64_t key) const;
  std::size_t size() const { return keys_.size(); }
  bool saturated() const { return saturated_; }

 private:
  void compact();
  std::vector<std::uint64_t> keys_;
  bool saturated_ = false;
};

/// The passing log, read once and shared by every failed log compared with it.
struct Baseline {
  std::string name;  ///< how reports name it (the path given).
  LineSet lines;
  std::uint64_t line_count = 0;  ///< its output lines.
  bool had_failure = false;      ///< it has a failed step itself (it is not a green log).
};

/// Streams a log into a Baseline (output lines only: not step scripts or runner markers).
/// Throws Error on I/O failure.
Baseline read_baseline(LogSource& source);

/// A failed step's lines that the passing log does not have.
struct NewLines {
  static constexpr std::size_t kKeep = 8;
  std::uint64_t compared = 0;        ///< output lines of the step.
  std::uint64_t fresh = 0;           ///< of which the baseline does not have.
  std::vector<EvidenceLine> first;   ///< the first kKeep new lines.
  std::vector<EvidenceLine> errors;  ///< the first kKeep new error-looking lines.
  std::vector<EvidenceLine> last;    ///< the last kKeep new lines, oldest first.
};

/// Runs over a failed log's batches as they stream and keeps, per step, its first new lines,
/// first new error-looking lines and last new lines (bounded: 3 x kKeep lines of at most
/// kMaxQuotedBytes per step). `looks_like_error` is asked only about new lines, and only until a
/// step holds kKeep error-looking ones.
class BaselineDiff {
 public:
  static constexpr std::size_t kMaxQuotedBytes = 320;
  using Predicate = std::function<bool(std::string_view)>;

  BaselineDiff(const Baseline& baseline, Predicate looks_like_error);

  void scan(const Batch& batch);
  /// The step at `index` (LogModel::steps), or nullptr when it printed nothing.
  const NewLines* step(std::size_t index) const;
  const Baseline& baseline() const { return *baseline_; }
  std::uint64_t compared() const { return compared_; }
  std::uint64_t fresh() const { return fresh_; }

 private:
  const Baseline* baseline_;
  Predicate looks_like_error_;
  std::vector<NewLines> steps_;
  std::uint64_t compared_ = 0;
  std::uint64_t fresh_ = 0;
};

}  // namespace ci_triage
