// `ci-triage github`: triage the failed jobs of a workflow run and answer in
// the run (summary, annotations, outputs) and on its pull request; outside
// Actions, a text report for a person.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "github/context.h"
#include "github/transport.h"

namespace ci_triage {

/// Runs the GitHub loop. Workflow commands (or, outside Actions, the text
/// report) go to `out`, progress to `err`. Returns 0 even when GitHub or the
/// logs fail (the report says what is missing) unless --fail-on-error is
/// given; throws UsageError on bad options or a missing repository / run id.
/// `transport` = nullptr: libcurl (github/curl_transport.h); the unit tests
/// pass a GitHub in memory.
int github_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   const github::Getenv& getenv, http::Transport* transport = nullptr);

}  // namespace ci_triage
