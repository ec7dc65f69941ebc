// The job log as ci-triage sees it: steps and normalised lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace ci_triage {

/// Kind of a normalised line.
enum class LineKind : std::uint8_t {
  kOutput,   ///< program output (what rules look at).
  kCommand,  ///< a step's `Run …` header, script, shell: and env: block.
  kMarker,   ///< a runner marker other than ##[error]/##[warning] (##[group], ##[endgroup], …).
};

/// One normalised line inside a Batch.
struct Line {
  std::uint32_t offset = 0;  ///< into Batch::text.
  std::uint32_t length = 0;  ///< without the trailing '\n'.
  std::uint64_t number = 0;  ///< 1-based raw line number in the job log.
  std::uint32_t step = 0;    ///< index into LogModel::steps.
  LineKind kind = LineKind::kOutput;
  /// The length of a prefix a rule may look past when it does not match the
  /// whole line — a constant indentation (plain output only: in a step's output
  /// the matcher looks past indentation itself), a docker-compose `svc_1  | ` or
  /// concurrently `[0] ` prefix, a foreign time stamp (LogParser:
  /// wrapper_prefix_length).
  std::uint16_t skip = 0;
  /// With `skip`: bytes at the end the rule may look past too (the `",` closing
  /// an Ansible result's quoted `"stderr": "…"` value).
  std::uint16_t trim = 0;
  /// The line's text without its wrapper (skip and trim), or "" when it has none.
  std::string_view bare(std::string_view text) const {
    if (skip == 0 || static_cast<std::size_t>(skip) + trim >= text.size()) return {};
    return text.substr(skip, text.size() - skip - trim);
  }
};

/// A batch of consecutive normalised lines: timestamps, BOM, CR and ANSI
/// codes removed, each line followed by '\n' in `text`. Batches are bounded
/// (LogParser's batch_bytes, 256 KiB) so a log of any size streams through in
/// constant memory.
struct Batch {
  std::string_view text;  ///< owned by the LogParser; valid during the sink call.
  std::vector<Line> lines;
  std::string_view line_text(const Line& l) const { return {text.data() + l.offset, l.length}; }
};

struct Step {
  int number = 0;                ///< 1-based ordinal in this log.
  std::string name;              ///< "Set up job", "Run pytest -q", "Post job cleanup", …
  std::string command;           ///< the header's script, shell: and env: lines (bounded).
  bool failed = false;           ///< the step printed ##[error].
  std::optional<int> exit_code;  ///< from "Process completed with exit code N."
  std::uint64_t first_line = 0;
  std::uint64_t last_line = 0;
  /// Its last non-blank output lines (at most LogParser::kTailLines) — up to
  /// its first ##[error] line when it failed: what the program said last.
  std::vector<EvidenceLine> tail;
  /// Its first ##[error] line, unless that is "Process completed with exit code N.".
  std::optional<EvidenceLine> first_error;
  /// Plain output (no step framing) only: its first lines without their
  /// wrapper prefixes (bounded, LogParser::kMaxPlainBytes). A rule's
  /// `when.command` is checked against them, at lower confidence, when the
  /// step has no command block that says what ran.
  std::string plain_text;
  /// A failed step of a job log (##[group] framing): its output before it failed, last
  /// lines first kept (bounded, LogParser::kMaxStepTextBytes), wrapper prefixes removed.
  /// When the command block names no runbook area (`./ci.sh`, `make deploy`), it is what
  /// says what ran, as plain_text does for plain output.
  std::string output_text;
};

struct LogModel {
  std::vector<Step> steps;
  std::uint64_t line_count = 0;
  std::uint64_t byte_count = 0;
  std::uint64_t truncated_lines = 0;  ///< lines longer than the line limit.
  bool has_timestamps = false;
  bool has_runner_preamble = false;  ///< "Current runner version" seen: the log is a whole job.
  bool has_markers = false;          ///< any ##[…] marker seen.
  bool reached_job_end = false;  ///< the job ran to its end ("Cleaning up orphan processes", Azure's tasks)
  bool binary = false;           ///< NUL bytes in the first 4 KiB (LogParser::kBinaryProbe).
  /// Plain output from another CI system said how the job ended: Jenkins'
  /// "Finished: SUCCESS", GitLab's "Job succeeded", Travis' "Done. Your build
  /// exited with 0.", CodeBuild's phases all "SUCCEEDED"; or an excerpt ends
  /// with Maven's "BUILD SUCCESS" / Gradle's "BUILD SUCCESSFUL in" and its
  /// footer. A failure verdict from the same systems or tools sticks.
  bool plain_passed = false;
  bool plain_failed = false;

  /// True when the log is a whole GitHub job log (not an excerpt or piped output).
  bool complete() const { return has_runner_preamble; }
  /// Index of the first failed step, or -1.
  int first_failed_step() const {
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (steps[i].failed) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace ci_triage
