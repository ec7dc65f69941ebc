// The one diagnostic type every stage shares: the diagnosis produces Findings,
// the advice stage enriches them, every reporter renders them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ci_triage {

enum class Severity { kError, kWarning, kNotice };

/// "error" | "warning" | "notice".
const char* severity_name(Severity s);

/// One of the CI/CD runbook's areas (the FORMAT.md categories tests …
/// dependency-install), as opposed to the extra ones (network, git, lint, …).
bool is_runbook_category(std::string_view category);

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
  Location() = default;
  Location(std::string file_, int line_, std::string message_ = {}, std::uint64_t log_line_ = 0)
      : file(std::move(file_)), line(line_), message(std::move(message_)), log_line(log_line_) {}

  std::string file;
  int line = 0;                ///< 0 when only the file is known.
  std::string message;         ///< what the tool said there (its log line); "" = the finding's own words.
  std::uint64_t log_line = 0;  ///< the raw log line that names it (0 = unknown).
};

/// A finding points at no more places than this (one annotation each).
inline constexpr std::size_t kMaxLocations = 12;

/// One quoted log line: its 1-based raw line number and its normalised text
/// (no timestamp, no ANSI codes, no trailing blanks, at most a few hundred bytes). The text is
/// untrusted: reporters must escape it.
struct EvidenceLine {
  std::uint64_t line = 0;
  std::string text;
};

/// A suggested change to one file of the checked-out repository, as a unified
/// diff `git apply` accepts (paths a/FILE b/FILE, relative to the repository
/// root; /dev/null for a new file). Produced by src/advice/patches.
struct Patch {
  std::string kind;       ///< the generator: "python-dependency", "mypy-stubs", "docker-cache", …
  std::string file;       ///< repository-relative path of the file it changes or creates.
  std::string diff;       ///< the unified diff, ending with '\n'.
  std::string rationale;  ///< one line: why this change fixes the finding.
  double confidence = 0;  ///< 0..1: how sure the generator is that this is the right change.
};

struct Finding {
  std::string category;  ///< e.g. "imports"; "unknown" when no rule explains a failed step.
  std::string rule;      ///< kebab-case rule id ("inferred-failure", "unrecognized-failure" for fallbacks).
  /// How sure the category is: 0.9 a rule recognised the tool's own words;
  /// 0.6 inferred from the step's command or action, 0.4 from its output's
  /// tool signature (no rule recognised the failure); 0 unknown.
  double confidence = 0.9;
  std::string inferred_from;  ///< "command", "action" or "output" when the category was inferred; "".
  std::string context;        ///< the context (rules `contexts`) the category was inferred from; "".
  Severity severity = Severity::kError;
  int priority = 0;  ///< from the rule: higher explains lower (root cause first).
  std::string title;
  std::string summary;
  StepRef step;
  std::vector<EvidenceLine> evidence;  ///< sorted by line number.
  std::uint64_t hit_count = 0;         ///< matching lines, including those not quoted.
  std::optional<Location> location;    ///< the first place it points at (repository-relative when known).
  /// Every place in the project the finding's evidence points at, in log
  /// order (three mypy errors: three locations; a traceback: its innermost
  /// frame in the project), each with its own message; one annotation each.
  /// Empty when the evidence names no project file.
  std::vector<Location> locations;
  Fields fields;
  std::vector<std::string> causes;
  std::vector<std::string> remedies;
  std::string patch_kind;                ///< the patch generator this finding enables ("" = none).
  std::optional<Patch> patch;            ///< the change that fixes it, when a generator is sure.
  std::vector<std::string> patch_notes;  ///< why no patch (or what to check), from the generator.
};

/// A step as the job log shows it.
struct StepSummary {
  int number = 0;
  std::string name;
  bool failed = false;
  std::optional<int> exit_code;
  std::uint64_t first_line = 0;
  std::uint64_t last_line = 0;
  int api_number = 0;   ///< the API's steps[].number for this step (0 = unknown; numbers have gaps).
  std::string command;  ///< the `Run …` header's script block (patch generators read it).
  std::optional<Location> source;  ///< the step in its workflow file, when the repository is known.
};

enum class JobStatus { kFailed, kPassed, kUnknown };

/// What a log was compared with (`analyze --baseline GOOD.log`): a passing log of the same job.
struct BaselineComparison {
  std::string log;                   ///< the passing log, as given.
  std::uint64_t baseline_lines = 0;  ///< its output lines.
  std::uint64_t distinct = 0;        ///< the distinct normalised lines remembered of it.
  bool complete = true;              ///< false: it had more distinct lines than are remembered.
  std::uint64_t compared = 0;        ///< this log's output lines.
  std::uint64_t fresh = 0;           ///< of which the passing log has no equal.
  bool explained = false;            ///< an unrecognised failure quotes new lines.
};

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
  std::optional<BaselineComparison> baseline;
  /// Tests that passed only after a rerun plugin ran them again (log/rerun_markers.h): flaky.
  std::vector<std::string> flaky_tests;
  // Set when the log came from the GitHub API.
  std::uint64_t job_id = 0;
  std::string url;            ///< the job's web page ({server}/{repo}/actions/runs/{run}/job/{id}).
  std::string conclusion;     ///< the API's conclusion (failure, timed_out, cancelled).
  bool log_available = true;  ///< false: the log could not be read (expired, API error).
};

/// A job of the run that was cancelled because another job failed (matrix fail-fast): listed
/// once, counted apart from the failed jobs, never triaged.
struct CancelledJob {
  std::string name;
  std::string url;    ///< the job's web page.
  std::string after;  ///< the failed job of the same matrix it was cancelled after ("" = not known).
};

/// A job that failed in an earlier attempt of the run and passed when re-run.
struct RerunJob {
  std::string name;
  std::string url;         ///< the failed attempt's job page.
  int failed_attempt = 1;  ///< the attempt it failed in.
};

/// The workflow run a report covers (GitHub mode only).
struct RunInfo {
  std::string repo;        ///< owner/name
  std::string server_url;  ///< https://github.com or a GHES host
  std::string workflow;    ///< the workflow's name
  std::string event;
  std::string head_sha;
  std::uint64_t run_id = 0;
  int attempt = 1;
  std::string url;                ///< the run's web page
  std::int64_t started_at = 0;    ///< epoch seconds of the earliest job start (0 = unknown)
  std::int64_t generated_at = 0;  ///< epoch seconds when the report was made
  bool jobs_listed = false;       ///< false: the jobs could not be listed (nothing was triaged)
  int jobs_total = 0;
  int jobs_failed = 0;                  ///< failed jobs other than ci-triage's own
  std::vector<CancelledJob> cancelled;  ///< cancelled because a job of the same matrix failed
  std::string base;                     ///< the branch the failures were compared with ("" = none).
  bool history_read = false;            ///< the marks of the groups are set.
  /// Jobs that failed in an earlier attempt of this run and passed in this one: flaky.
  std::vector<RerunJob> passed_on_rerun;
  std::vector<std::string> notices;  ///< run-level degradations (API errors, skipped comment, …)
};

/// A run of the same workflow that a failure is compared with (sources/run_history.h).
struct RunRef {
  std::uint64_t run_id = 0;
  int attempt = 1;
  std::string url;       ///< the run's web page.
  std::string head_sha;  ///< the commit it ran on.
  std::string branch;
};

/// Is this failure the change's? (issue 12: history/marks.h decides; kUnknown when the history
/// could not be read).
enum class FailureMark {
  kUnknown,
  kNew,          ///< not seen on the base branch: most likely this change.
  kPreExisting,  ///< the same failure on the base branch's latest run: not this change.
  kFlaky,        ///< the same test or job failed and passed on the same commit.
};

/// One distinct failure of a run: the failed jobs whose root causes are the same failure
/// (core/signature.h), in report order. Reporters show one section per group.
struct FailureGroup {
  std::string fingerprint;        ///< of the root cause; "" for jobs without one (no log, no pattern).
  std::vector<std::size_t> jobs;  ///< indices into Report::jobs; the first is the one shown.
  FailureMark mark = FailureMark::kUnknown;
  /// kPreExisting: the newest base run where it fails the same way, and the oldest run of the
  /// unbroken streak of failures of that job before it ("since").
  std::optional<RunRef> seen_in, since;
  bool compared = true;      ///< kPreExisting: false when only the job's conclusion was compared (no log).
  std::string flaky_reason;  ///< kFlaky: one line saying where it failed and passed.
};

struct Report {
  std::vector<JobReport> jobs;
  std::optional<RunInfo> run;
  std::vector<FailureGroup> groups;  ///< the failed jobs grouped by failure (group_failures).
};

/// A string field of the finding ("" when it is missing or not a string).
std::string field_string(const Finding& f, const std::string& name);
/// A string or list field as a list ("" entries dropped).
std::vector<std::string> field_list(const Finding& f, const std::string& name);

/// The finding that explains why the job failed: its first error finding
/// (findings are ranked root cause first, errors before advisories); nullptr
/// when there is none (a passed job, advisories only, no log). Every reporter
/// and output (primary-category) asks this, never findings.front().
const Finding* root_cause(const JobReport& job);

}  // namespace ci_triage
