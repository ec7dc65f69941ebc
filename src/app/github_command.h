// `ci-triage github`: triage the failed jobs of the current workflow run and
// answer in the run (summary, annotations, outputs) and on its pull request.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sources/github.h"

namespace ci_triage {

/// Runs the GitHub loop. Workflow commands go to `out`, progress to `err`.
/// Returns 0 even when GitHub or the logs fail (the report says what is
/// missing) unless --fail-on-error is given; throws UsageError on bad options
/// or a missing GITHUB_REPOSITORY / GITHUB_RUN_ID.
int github_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   const github::Getenv& getenv);

}  // namespace ci_triage
