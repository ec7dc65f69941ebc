#include "publish/pull_request.h"

namespace ci_triage::publish {

std::optional<int> find_pull_request(github::Client& client, const github::Context& ctx,
                                     std::string& why_not) {
  if (ctx.pr_number && *ctx.pr_number > 0) return ctx.pr_number;
  if (!ctx.head_branch.empty() && !ctx.head_owner.empty() &&
      (ctx.event_name == "workflow_run" || ctx.event_name == "pull_request" ||
       ctx.event_name == "pull_request_target")) {
    // workflow_run.pull_requests is empty for PRs from forks: resolve by head branch and sha.
    auto pulls = client.pulls_for_branch(ctx.head_owner, ctx.head_branch);
    if (!pulls.ok()) {
      why_not = "could not look up the pull request: " + pulls.error->message;
      return std::nullopt;
    }
    for (const auto& p : pulls.value)
      if (ctx.head_sha.empty() || p.head_sha == ctx.head_sha) return p.number;
    return std::nullopt;
  }
  if (ctx.event_name == "push" && !ctx.head_sha.empty()) {
    auto pulls = client.pulls_for_commit(ctx.head_sha);
    if (!pulls.ok()) {
      why_not = "could not look up the commit's pull requests: " + pulls.error->message;
      return std::nullopt;
    }
    for (const auto& p : pulls.value)
      if (p.state == "open") return p.number;
  }
  return std::nullopt;
}

}  // namespace ci_triage::publish
