// What makes two findings "the same failure": across the jobs of a matrix, across runs of a
// workflow, across a pull request and its base branch. Used to group findings, to give SARIF
// results a stable fingerprint, and to compare a run with its history.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace ci_triage {

/// The finding's identity as text: its rule and the key fields that name what failed (the
/// module, the test ids, the image, the deployment, the URL, the located file …), normalised
/// (lower case, sorted lists, digits of ports/durations/counts never included). Never includes
/// what differs between runs of the same failure: log line numbers, timestamps, counts,
/// measured values (coverage, durations), the job's name or the runner.
std::string finding_signature(const Finding& f);

/// A short stable hash of finding_signature (16 hex digits, FNV-1a 64).
std::string finding_fingerprint(const Finding& f);

/// The fingerprint of a job's root cause (its first error finding); "" when it has none.
std::string job_fingerprint(const JobReport& job);

/// The failed jobs of a report (status failed, or whose log could not be read) grouped by the
/// signature of their root cause (their first error finding), groups in the order of their first
/// job. Jobs without a root cause group by why: the log could not be read, or no rule and no
/// failed step explained it. A 12-job matrix failing one way is one group of 12.
std::vector<FailureGroup> group_failures(const Report& report);

}  // namespace ci_triage
