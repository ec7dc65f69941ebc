// GitHub's REST answers as ci-triage reads them: the types and their parsers,
// one body each (used by Client, the unit tests and the fuzz targets).
// Bounded: any body gives a value or an ApiError, never an exception.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::github {

struct Step {
  int number = 0;
  std::string name, status, conclusion;
};

struct Job {
  std::uint64_t id = 0;
  std::string name, status, conclusion, started_at, runner_name, html_url, workflow_name;
  std::vector<Step> steps;
};

/// A workflow run as the runs list shows it (GET …/actions/workflows/{file}/runs).
struct WorkflowRun {
  std::uint64_t id = 0;
  int run_attempt = 1;
  std::string head_sha, head_branch, event, status, conclusion, html_url, created_at;
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

/// A request that did not give what was asked, in one line that names it
/// ("listing the jobs of run 1 attempt 1: HTTP 403 Resource not accessible by
/// integration (the token lacks a permission; GitHub accepts: actions=read)").
/// Never holds the token or a signed URL.
struct ApiError {
  long status = 0;                   ///< 0: no answer
  std::string message;               ///< one line, with what to do when GitHub says
  std::string accepted_permissions;  ///< x-accepted-github-permissions on a 403
  bool rate_limited = false;
  bool incomplete = false;  ///< a list longer than ci-triage reads (the items read are kept)

  static ApiError of(long status, std::string message) {
    ApiError e;
    e.status = status;
    e.message = std::move(message);
    return e;
  }
};

template <class T>
struct Result {
  T value{};
  std::optional<ApiError> error;
  bool ok() const { return !error.has_value(); }
};

namespace parse {
std::optional<ApiError> jobs_page(std::string_view body, const std::string& what, std::vector<Job>& jobs);
std::optional<ApiError> workflow_runs_page(std::string_view body, const std::string& what,
                                           std::vector<WorkflowRun>& runs);
/// With `containing`, only the comments whose body holds it are kept.
std::optional<ApiError> comments_page(std::string_view body, const std::string& what,
                                      std::vector<Comment>& comments, const std::string& containing = "");
std::optional<ApiError> pr_files_page(std::string_view body, const std::string& what,
                                      std::vector<PrFile>& files);
Result<Comment> comment(std::string_view body, const std::string& what);
Result<std::vector<Pull>> pulls(std::string_view body, const std::string& what);
}  // namespace parse

/// The next-page URL of a `link` header ("" when there is none).
std::string next_link(const std::string& link_header);

/// JSON string literal (with quotes) for request bodies.
std::string json_string(const std::string& s);

}  // namespace ci_triage::github
