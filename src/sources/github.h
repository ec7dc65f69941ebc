// The GitHub source: where a run's context comes from (the runner's
// environment and the event payload) and the REST calls ci-triage makes
// (FACTS.md §1–§3). Every call degrades to an ApiError, never an exception.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/http.h"

namespace ci_triage::github {

/// What the runner tells a step about its run (FACTS.md §2), plus what the
/// event payload adds. Strings are empty when unknown.
struct Context {
  std::string api_url = "https://api.github.com";  ///< no trailing slash
  std::string server_url = "https://github.com";
  std::string repo;  ///< owner/name
  std::string token;
  std::uint64_t run_id = 0;
  int run_attempt = 1;
  std::string event_name;
  std::string workflow;       ///< the workflow's name (sticky-comment key)
  std::string workflow_path;  ///< ".github/workflows/ci.yml" (patches edit it)
  std::string step_summary_path, output_path, workspace, runner_name, runner_temp;
  std::uint64_t check_run_id = 0;  ///< ${{ job.check_run_id }} of the job running ci-triage
  // From the event payload.
  std::optional<int> pr_number;
  std::string head_sha;
  std::string head_branch;
  std::string head_owner;  ///< owner login of the head repository
  bool from_fork = false;
  std::string triggering_conclusion;  ///< workflow_run.conclusion ("" otherwise)
};

using Getenv = std::function<std::optional<std::string>(const char*)>;

/// Reads the environment and GITHUB_EVENT_PATH. Throws UsageError naming the
/// variable when something required is missing or malformed; a missing or
/// unreadable event file only loses the PR information (`notes` says so).
Context load_context(const Getenv& getenv, std::vector<std::string>& notes);

struct Step {
  int number = 0;
  std::string name, status, conclusion;
};

struct Job {
  std::uint64_t id = 0;
  std::string name, status, conclusion, started_at, completed_at, runner_name, html_url, workflow_name;
  std::vector<Step> steps;
};

struct Pull {
  int number = 0;
  std::string head_sha, head_ref, state;
};

struct Comment {
  std::uint64_t id = 0;
  std::string body;
  std::string html_url;
};

struct PrFile {
  std::string filename;
  std::string patch;  ///< the file's diff hunks ("" for binary or very large diffs)
};

struct ApiError {
  long status = 0;                   ///< 0: no answer
  std::string message;               ///< one line, no token, no signed URL
  std::string accepted_permissions;  ///< x-accepted-github-permissions on a 403
  bool rate_limited = false;
  bool incomplete = false;  ///< a list longer than ci-triage reads (the items read are kept)
  bool permission() const { return status == 403 && !rate_limited; }
};

template <class T>
struct Result {
  T value{};
  std::optional<ApiError> error;
  bool ok() const { return !error.has_value(); }
};

/// `what` names the request in messages ("listing the jobs of run 123").
ApiError api_error(const http::Response& r, const std::string& what);

class Api {
 public:
  Api(http::Client& client, std::string api_url, std::string repo);

  /// Every job of one attempt of a run, following `link: rel="next"` verbatim.
  Result<std::vector<Job>> list_jobs(std::uint64_t run_id, int attempt);
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
  http::Client& client() { return client_; }

 private:
  std::string repo_url(const std::string& tail) const;

  http::Client& client_;
  std::string api_url_;
  std::string repo_;
};

/// The parsers behind Api and load_context, one body each (for the tests and
/// the fuzz targets). Bounded: any body gives a value or an ApiError/note.
namespace parse {
std::optional<ApiError> jobs_page(std::string_view body, const std::string& what, std::vector<Job>& jobs);
/// With `containing`, only the comments whose body holds it are kept.
std::optional<ApiError> comments_page(std::string_view body, const std::string& what,
                                      std::vector<Comment>& comments, const std::string& containing = "");
std::optional<ApiError> pr_files_page(std::string_view body, const std::string& what,
                                      std::vector<PrFile>& files);
Result<Comment> comment(std::string_view body, const std::string& what);
Result<std::vector<Pull>> pulls(std::string_view body, const std::string& what);
/// What the event payload adds to the context (PR, head, fork, workflow_run).
void event(std::string_view json, Context& c, std::vector<std::string>& notes);
}  // namespace parse

/// The next-page URL of a `link` header ("" when there is none).
std::string next_link(const std::string& link_header);

/// JSON string literal (with quotes) for request bodies.
std::string json_string(const std::string& s);

}  // namespace ci_triage::github
