// Where a run's context comes from: the runner's environment and the event
// payload (FACTS.md §2). Pure but for reading GITHUB_EVENT_PATH: the
// environment is passed in.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::github {

/// What the runner tells a step about its run, plus what the event payload
/// adds. Strings are empty when unknown.
struct Context {
  bool in_actions = false;                         ///< GITHUB_ACTIONS=true: running as a workflow step.
  std::string api_url = "https://api.github.com";  ///< no trailing slash
  std::string server_url = "https://github.com";
  std::string repo;   ///< owner/name
  std::string token;  ///< GITHUB_TOKEN, else GH_TOKEN
  std::uint64_t run_id = 0;
  int run_attempt = 1;
  std::string event_name;
  std::string workflow;       ///< the workflow's name (sticky-comment key)
  std::string workflow_path;  ///< ".github/workflows/ci.yml" (patches edit it, SARIF points at it)
  std::string step_summary_path, output_path, workspace, runner_name, runner_temp;
  std::uint64_t check_run_id = 0;  ///< ${{ job.check_run_id }} of the job running ci-triage
  // From the event payload.
  std::optional<int> pr_number;
  std::string head_sha;
  std::string head_branch;
  std::string head_owner;  ///< owner login of the head repository
  /// The branch whose history the failures are compared with: a pull request's base branch,
  /// else the pushed branch ("" = unknown: no history is read).
  std::string base_branch;
};

using Getenv = std::function<std::optional<std::string>(const char*)>;

/// Reads the environment and GITHUB_EVENT_PATH. Throws UsageError naming the
/// variable when something required is missing or malformed; a missing or
/// unreadable event file only loses the PR information (`notes` says so).
Context load_context(const Getenv& getenv, std::vector<std::string>& notes);

namespace parse {
/// What the event payload adds to the context (PR, head, workflow_run).
/// Bounded: any bytes give a context and, for a bad payload, a note.
void event(std::string_view json, Context& c, std::vector<std::string>& notes);
}  // namespace parse

}  // namespace ci_triage::github
