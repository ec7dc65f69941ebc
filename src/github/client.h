// The GitHub REST calls ci-triage makes (FACTS.md §1–§3), typed, over any
// Transport. Every call degrades to an ApiError, never an exception; every
// message about an HTTP answer is composed here (api_error, log_error).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "github/payloads.h"
#include "github/transport.h"

namespace ci_triage::github {

/// The error of an API answer: `what` names the request ("listing the jobs of
/// run 123"), then the status, GitHub's message, and what to do (a rate limit,
/// the permission GitHub asks for).
ApiError api_error(const http::Response& r, const std::string& what);

/// The report line for a job log that could not be downloaded: expired,
/// still being written, forbidden (which permission), rate limited, unreachable.
std::string log_error(const http::Response& r);

class Client {
 public:
  /// `transport` must outlive the client; `api_url` without a trailing slash
  /// is GITHUB_API_URL, `repo` is owner/name.
  Client(http::Transport& transport, std::string api_url, std::string repo);

  /// Every job of one attempt of a run, following `link: rel="next"` verbatim.
  Result<std::vector<Job>> list_jobs(std::uint64_t run_id, int attempt);
  /// The newest `count` (≤ 100) completed runs of a workflow (its file name, "ci.yml") on
  /// `branch`, newest first: one request, one page (history reads no further).
  Result<std::vector<WorkflowRun>> list_workflow_runs(const std::string& workflow_file,
                                                      const std::string& branch, int count);
  /// The comments of an issue or PR, oldest first; with `containing`, only
  /// those whose body holds it (the others are not kept: a PR may have
  /// thousands). More than 10,000 comments: error->incomplete.
  Result<std::vector<Comment>> list_comments(int issue, const std::string& containing = "");
  Result<Comment> create_comment(int issue, const std::string& body);
  Result<Comment> update_comment(std::uint64_t id, const std::string& body);
  Result<bool> delete_comment(std::uint64_t id);
  Result<std::vector<PrFile>> list_pr_files(int pr);
  Result<std::vector<Comment>> list_review_comments(int pr);
  /// A single-comment review suggestion on the right side of the diff.
  Result<Comment> create_review_comment(int pr, const std::string& commit_sha, const std::string& path,
                                        int start_line, int line, const std::string& body);
  /// Open PRs whose head is `owner:branch`.
  Result<std::vector<Pull>> pulls_for_branch(const std::string& owner, const std::string& branch);
  /// PRs associated with a commit (push events).
  Result<std::vector<Pull>> pulls_for_commit(const std::string& sha);

  /// The job-logs endpoint (answers 302 to the log's blob URL).
  std::string job_logs_url(std::uint64_t job_id) const;
  const std::string& api_url() const { return api_url_; }
  http::Transport& transport() { return transport_; }

 private:
  std::string repo_url(const std::string& tail) const;
  /// Every page of a list, within the API's origin; `page` parses one body.
  std::optional<ApiError> pages(std::string url, const std::string& what,
                                const std::function<std::optional<ApiError>(std::string_view)>& page);
  http::Response send(const char* method, std::string url, std::string body = "");

  http::Transport& transport_;
  std::string api_url_;
  std::string repo_;
};

}  // namespace ci_triage::github
