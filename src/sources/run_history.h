// Is it this change? The run's failures against the history of its workflow: the latest
// completed runs on the base branch (a pull request's base, or for a push its own branch) and
// the earlier attempts of this run (issue 12). The history source gathers them through
// github::Client (the runs list, their jobs lists, the base logs of the jobs that failed here,
// triaged by the same consumer as the run's); history/marks.h decides.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/finding.h"
#include "github/client.h"
#include "github/context.h"
#include "sources/github_run.h"

namespace ci_triage {

/// One completed run of the same workflow on the base branch.
struct HistoryRun {
  RunRef ref;
  std::string conclusion;
  std::vector<JobOutcome> jobs;  ///< its latest attempt's jobs.
  bool jobs_listed = false;
  std::vector<JobOutcome> earlier;  ///< jobs of its previous attempt (read when it was re-run).
  /// Root-cause fingerprints of the failed jobs whose logs were triaged, by job name.
  std::map<std::string, std::vector<std::string>> fingerprints;
};

struct History {
  std::string base;              ///< the branch compared with.
  bool read = false;             ///< false: no marks (notices say why).
  std::vector<HistoryRun> runs;  ///< newest first; never the run being triaged.
  /// This run's jobs in its earlier attempts (when attempt > 1), with their attempt numbers.
  std::vector<JobOutcome> earlier_attempts;
  /// Jobs that failed in an earlier attempt of this run and passed in this one.
  std::vector<RerunJob> passed_on_rerun;
  std::vector<std::string> notices;
  int requests = 0;  ///< API requests made (log downloads count one each, their blobs not).
};

/// Job names are compared exactly: a matrix leg is "test (3.11)" in every run.
bool failed_conclusion(const std::string& conclusion);

class RunHistorySource {
 public:
  struct Options {
    int runs = 3;           ///< base runs read at most (fewer when every failed job's streak ended).
    int attempts = 3;       ///< earlier attempts of this run read at most.
    std::size_t logs = 20;  ///< base logs triaged at most (one per distinct failure of this run).
    GithubRunSource::Options download;
  };

  /// `client` must outlive the source.
  RunHistorySource(github::Client& client, github::Context context, Options options);

  /// The history of `run` (what the run source found): nothing is read when no job failed.
  /// Never throws for what GitHub answers: anything that cannot be read gives a History with
  /// read false and a notice (no marks), never a failed step.
  History read(const RunJobs& run, const StartJobLog& start);

 private:
  github::Client& client_;
  github::Context ctx_;
  Options options_;
};

}  // namespace ci_triage
