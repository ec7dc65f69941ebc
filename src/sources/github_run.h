// The GitHub run as a log source: the run's jobs (GET …/attempts/N/jobs), the
// failed ones picked (never ci-triage's own: a job cannot read its own log),
// each log streamed from its blob URL into a consumer as it downloads, and the
// job's web-log steps mapped to the log's. Talks to GitHub only through
// github::Client, so the unit tests drive it with a fake Transport.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "github/client.h"
#include "github/context.h"

namespace ci_triage {

/// Receives one job's log as it downloads (app wires it to the engine).
class JobLog {
 public:
  virtual ~JobLog() = default;
  virtual void feed(std::string_view bytes) = 0;
  /// Ends the log and returns the job's report. Called once.
  virtual JobReport finish() = 0;
};
/// Starts a JobLog for a job; called again when a download starts over.
using StartJobLog =
    std::function<std::unique_ptr<JobLog>(const std::string& job_name, const std::string& origin)>;

/// A job as a jobs list shows it: what ran and how it ended.
struct JobOutcome {
  std::uint64_t id = 0;
  std::string name;
  std::string conclusion;  ///< success, failure, timed_out, cancelled, skipped, …
  int attempt = 1;
};

/// What the run source found.
struct RunJobs {
  std::vector<JobReport> jobs;  ///< the failed jobs other than ci-triage's own, in the API's order.
  bool listed = false;          ///< the job list was read (false: nothing was triaged).
  int total = 0;                ///< jobs listed, ci-triage's own included.
  std::string workflow_name;    ///< the workflow's name as the jobs give it ("" when none).
  std::int64_t started_at = 0;  ///< epoch seconds of the earliest job start (0 = unknown).
  /// Jobs cancelled because a job of their matrix failed (fail-fast): not failures, not downloaded.
  std::vector<CancelledJob> cancelled;
  /// Every job of this attempt but ci-triage's own (history: which jobs passed on a rerun).
  std::vector<JobOutcome> outcomes;
  std::vector<std::string> notices;  ///< run-level: the list failed, own job failing, jobs still running.
  bool degraded = false;             ///< something was not read (a notice, or a log that failed).
};

class GithubRunSource {
 public:
  struct Options {
    std::size_t parallel = 8;       ///< concurrent log downloads.
    long log_timeout_ms = 300'000;  ///< per log download attempt.
  };

  /// `client` must outlive the source.
  GithubRunSource(github::Client& client, github::Context context, Options options);

  /// Lists the run's jobs and streams every failed job's log into `start`'s
  /// consumers (all at once, at most `parallel` at a time). Never throws for
  /// what GitHub answers: a log that cannot be read is a job with a notice.
  RunJobs fetch(const StartJobLog& start);

 private:
  github::Client& client_;
  github::Context ctx_;
  Options options_;
};

/// A job whose log to stream, and the run it belongs to (its web page).
struct LogRequest {
  const github::Job* job = nullptr;
  std::uint64_t run_id = 0;
};

/// Streams each job's log from its blob URL into `start`'s consumers (at most
/// `options.parallel` at once) and returns one report per job, in order. A log
/// that cannot be read is a job with a notice; `degraded` is set unless it had
/// expired. Used for the run's failed jobs and for its history's.
std::vector<JobReport> stream_job_logs(github::Client& client, const github::Context& ctx,
                                       const std::vector<LogRequest>& jobs, const StartJobLog& start,
                                       const GithubRunSource::Options& options, bool& degraded);

}  // namespace ci_triage
