// The pull request a run belongs to: from the event payload, else by the head
// branch (a fork's workflow_run lists none) or the commit (push events).
#pragma once

#include <optional>
#include <string>

#include "github/client.h"
#include "github/context.h"

namespace ci_triage::publish {

/// The PR number, or nullopt with the reason in `why_not` (a lookup that
/// failed; "" when the run simply has none).
std::optional<int> find_pull_request(github::Client& client, const github::Context& ctx,
                                     std::string& why_not);

}  // namespace ci_triage::publish
