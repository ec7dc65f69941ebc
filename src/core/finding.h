// The one diagnostic type every stage shares: the diagnosis produces Findings,
// the advice stage enriches them, every reporter renders them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ci_triage {

enum class Severity { kError, kWarning, kNotice };

/// "error" | "warning" | "notice".
const char* severity_name(Severity s);

/// A field value: text, a number (integers are printed without a fraction),
/// or a list of texts (test ids, error codes).
using FieldValue = std::variant<std::string, double, std::vector<std::string>>;

/// Field names follow the vocabulary of shared/corpus/FORMAT.md; keys are
/// sorted so reports are deterministic.
using Fields = std::map<std::string, FieldValue>;

struct StepRef {
  int number = 0;  ///< 1-based ordinal of the step in the job log.
  std::string name;
};

struct Location {
  std::string file;
  int line = 0;  ///< 0 when only the file is known.
};

/// One quoted log line: its 1-based raw line number and its normalised text
/// (no timestamp, no ANSI codes, at most a few hundred bytes). The text is
/// untrusted: reporters must escape it.
struct EvidenceLine {
  std::uint64_t line = 0;
  std::string text;
};

struct Finding {
  std::string category;  ///< e.g. "imports"; "unknown" when no rule explains a failed step.
  std::string rule;      ///< kebab-case rule id.
  Severity severity = Severity::kError;
  int priority = 0;  ///< from the rule: higher explains lower (root cause first).
  std::string title;
  std::string summary;
  StepRef step;
  std::vector<EvidenceLine> evidence;  ///< sorted by line number.
  std::uint64_t hit_count = 0;         ///< matching lines, including those not quoted.
  std::optional<Location> location;
  Fields fields;
  std::vector<std::string> causes;
  std::vector<std::string> remedies;
  std::string patch_kind;  ///< the patch generator this finding enables ("" = none).
};

/// A step as the job log shows it.
struct StepSummary {
  int number = 0;
  std::string name;
  bool failed = false;
  std::optional<int> exit_code;
  std::uint64_t first_line = 0;
  std::uint64_t last_line = 0;
};

enum class JobStatus { kFailed, kPassed, kUnknown };

/// Everything ci-triage says about one job log.
struct JobReport {
  std::string name;  ///< job name (file stem for local logs).
  std::string log;   ///< where the log came from (path or "-").
  JobStatus status = JobStatus::kUnknown;
  std::vector<StepSummary> steps;
  std::vector<Finding> findings;     ///< root cause first.
  std::vector<std::string> notices;  ///< degraded input, truncated lines, …
  std::uint64_t lines = 0;
  std::uint64_t bytes = 0;
};

struct Report {
  std::vector<JobReport> jobs;
};

}  // namespace ci_triage
