// Marks each distinct failure of a run new, pre-existing on the base branch, or flaky.
#pragma once

#include "core/finding.h"
#include "sources/run_history.h"

namespace ci_triage {

/// Sets mark, seen_in/since and flaky_reason of every group of `report` (report.groups must be
/// filled). Without a readable history (history.read false) the marks stay kUnknown. In order:
///  - flaky when every failing test of the root cause passed after a rerun in a job of this run
///    (JobReport::flaky_tests), or a job of the group passed in an earlier attempt of this run;
///  - pre-existing when the newest base run that ran a job of the group failed it with the same
///    root cause (or, its log not compared, failed it at all), or any of its triaged jobs has the
///    same fingerprint; `since` is the oldest run of the unbroken streak of that job's failures;
///  - flaky when that job both failed and passed on one base commit (two runs or two attempts);
///  - new otherwise.
/// Groups are then ordered new (and unknown) first, pre-existing, flaky; the order within each
/// kind is kept.
void mark_failures(Report& report, const History& history);

}  // namespace ci_triage
