// The multi-pattern engine: one pass of a literal prefilter (Vectorscan)
// over each batch, RE2 only on the few lines that can match.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "log/log_model.h"
#include "rules/fields.h"
#include "rules/prefilter.h"

namespace ci_triage {

/// Called for every (pattern, line) that matches. `captures` lists only the
/// named groups that participated in the match.
using HitFn = std::function<void(std::uint32_t pattern, const Line& line, std::string_view text,
                                 const std::vector<Capture>& captures)>;

/// Asked before a regex runs on a line; true skips it. A plain function
/// pointer: it is called for every candidate (regex, line) pair.
struct SkipFn {
  bool (*fn)(void* context, std::uint32_t pattern, const Line& line);
  void* context;
  bool operator()(std::uint32_t pattern, const Line& line) const { return fn(context, pattern, line); }
};

/// Compiles RE2 regexes into one matcher. Each regex yields "atoms" (literal
/// strings every match must contain, see PrefilterPlan); the scanned atoms go
/// into one case-insensitive Vectorscan literal database that scans a whole
/// batch in a single pass. Only lines holding the atoms of a regex are run
/// through RE2, and a regex is compiled the first time a line needs it.
/// Regexes without atoms ("unfiltered") are run on every line: slow, and
/// reported by unfiltered() so callers can warn about them.
class Matcher {
 public:
  /// Plans the prefilter and compiles the literal database now (the regexes
  /// themselves are compiled on first use). `portable`: a database for any CPU
  /// of this architecture, not only this one (build-time images).
  /// Throws Error("pattern N (RE): …") when a regex does not compile.
  explicit Matcher(const std::vector<std::string>& regexes, bool portable = false);
  /// A matcher from image() bytes made for exactly these regexes; nullptr
  /// when the image is for other regexes or unreadable.
  static std::unique_ptr<Matcher> from_image(const std::vector<std::string>& regexes, std::string_view image);
  /// The plan and literal database as bytes (for from_image()).
  std::string image() const;
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  /// Runs every regex over the lines of the batch whose kind is in `kinds`
  /// (a bit mask of 1 << LineKind), with one prefilter pass over the batch.
  /// `skip`, when given, is asked before RE2 runs a regex on a line: a caller
  /// that already knows the answer (a condition seen in this step) saves the run.
  void scan(const Batch& batch, unsigned kinds, const HitFn& on_hit, const SkipFn* skip = nullptr);

  /// The named groups of regex i.
  const std::vector<std::string>& group_names(std::uint32_t i) const;

  const std::vector<std::string>& atoms() const { return atoms_; }
  /// Per regex: how many lines RE2 ran on, and how many matched (for tuning rules).
  struct Stats {
    std::uint64_t candidates = 0;  // lines whose atoms made the regex a candidate
    std::uint64_t runs = 0;        // of those, lines the regex ran on
    std::uint64_t matches = 0;
  };
  const std::vector<Stats>& stats() const;
  /// Candidate lines left unmatched because the regex work budget ran out
  /// (matcher.cc: a log whose every line is a candidate), in all scans so far.
  std::uint64_t over_budget_lines() const;
  const std::vector<int>& unfiltered() const { return unfiltered_; }
  /// The prefilter plan in use (for ci-triage-bench --plan).
  const PrefilterPlan& plan() const;
  /// The atoms the literal prefilter really scans for (the others are pruned).
  std::vector<std::string> scanned_atoms() const;

 private:
  Matcher(std::vector<std::string> regexes, PrefilterPlan plan);
  /// scan() on a dense batch: lines seen before take their candidates from a memo.
  void scan_dense(const Batch& batch, unsigned kinds, const HitFn& on_hit, const SkipFn* skip);
  void compile_database(bool portable);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> atoms_;
  std::vector<int> unfiltered_;
};

}  // namespace ci_triage
