// Is it this change? The run's failures against the history of its workflow: the latest runs
// on the base branch (or, for a push, the earlier runs on the branch) and the earlier attempts
// of this run (issue 12). This header is the data the GitHub loop gathers; marks.h decides.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/finding.h"

namespace ci_triage {

/// A job of a history run as the jobs list shows it.
struct JobOutcome {
  std::uint64_t id = 0;
  std::string name;
  std::string conclusion;  ///< success, failure, timed_out, cancelled, skipped, …
  int attempt = 1;
};

/// One completed run of the same workflow on the base branch.
struct HistoryRun {
  RunRef ref;
  std::string conclusion;
  std::vector<JobOutcome> jobs;  ///< its latest attempt's jobs ("" when not listed).
  bool jobs_listed = false;
  std::vector<JobOutcome> earlier;  ///< jobs of its earlier attempts (read when it was re-run).
  /// Root-cause fingerprints of the failed jobs whose logs were triaged, by job name.
  std::map<std::string, std::vector<std::string>> fingerprints;
};

struct History {
  std::string base;              ///< the branch compared with.
  bool read = false;             ///< false: no marks (notices say why).
  std::vector<HistoryRun> runs;  ///< newest first; never the run being triaged.
  /// This run's jobs in its earlier attempts (when attempt > 1), with their attempt numbers.
  std::vector<JobOutcome> earlier_attempts;
  std::vector<std::string> notices;
};

/// Job names are compared exactly: a matrix leg is "test (3.11)" in every run.
bool failed_conclusion(const std::string& conclusion);

}  // namespace ci_triage
