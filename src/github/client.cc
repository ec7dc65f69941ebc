#include "github/client.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "core/json.h"
#include "core/text.h"
#include "github/json_fields.h"
#include "github/url.h"

namespace ci_triage::github {
namespace {

std::string strip_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

Result<Comment> comment_answer(const http::Response& r, long expected, const std::string& what) {
  if (r.status != expected) return {{}, api_error(r, what)};
  return parse::comment(r.body, what);
}

Result<std::vector<Pull>> pulls_answer(const http::Response& r, const std::string& what) {
  if (r.status != 200) return {{}, api_error(r, what)};
  return parse::pulls(r.body, what);
}

}  // namespace

ApiError api_error(const http::Response& r, const std::string& what) {
  ApiError e;
  e.status = r.status;
  e.rate_limited = r.rate_limited;
  e.accepted_permissions = r.header("x-accepted-github-permissions");
  if (r.status == 0) {
    e.message = sanitize_utf8(fmt::format("{}: {}", what, r.error.empty() ? "no answer" : r.error), 400);
    return e;
  }
  std::string detail;
  rapidjson::Document doc;
  if (json::parse(doc, r.body).empty() && doc.IsObject()) detail = fields::str(doc, "message");
  if (detail.empty() && !r.error.empty()) detail = r.error;
  e.message =
      fmt::format("{}: HTTP {}{}{}", what, r.status, detail.empty() ? "" : " ", sanitize_utf8(detail, 200));
  if (e.rate_limited)
    e.message += " (GitHub's API rate limit; the report is partial)";
  else if (e.status == 403 && !e.accepted_permissions.empty())
    e.message +=
        " (the token lacks a permission; GitHub accepts: " + sanitize_utf8(e.accepted_permissions, 100) + ")";
  e.message = sanitize_utf8(e.message, 400);
  return e;
}

std::string log_error(const http::Response& r) {
  if (r.status == 410 || r.status == 404) {
    if (r.body.find("BlobNotFound") != std::string::npos)
      return "The log is not available: the job was still running when ci-triage asked for it.";
    return fmt::format(
        "The log is no longer available (HTTP {}): logs expire after the repository's retention period.",
        r.status);
  }
  if (r.rate_limited) return "The log was not downloaded: GitHub's API rate limit was reached.";
  if (r.status == 403)
    return "The log was not downloaded (HTTP 403): the token needs `actions: read` "
           "(add it to the job's permissions).";
  if (r.status == 0) return "The log could not be downloaded: " + sanitize_utf8(r.error, 200) + ".";
  return fmt::format("The log could not be downloaded (HTTP {}).", r.status);
}

Client::Client(http::Transport& transport, std::string api_url, std::string repo)
    : transport_(transport), api_url_(strip_slash(std::move(api_url))), repo_(std::move(repo)) {}

std::string Client::repo_url(const std::string& tail) const { return api_url_ + "/repos/" + repo_ + tail; }

std::string Client::job_logs_url(std::uint64_t job_id) const {
  return repo_url(fmt::format("/actions/jobs/{}/logs", job_id));
}

http::Response Client::send(const char* method, std::string url, std::string body) {
  http::Request rq;
  rq.method = method;
  rq.url = std::move(url);
  rq.body = std::move(body);
  rq.authorized = true;
  return transport_.fetch(std::move(rq));
}

// Follows `link: rel="next"` verbatim but only within the API's origin (the
// token goes nowhere else). Items of the pages before an error are kept.
std::optional<ApiError> Client::pages(std::string url, const std::string& what,
                                      const std::function<std::optional<ApiError>(std::string_view)>& page) {
  constexpr int kMaxPages = 100;  // 10,000 items: enough for any run or PR
  const auto origin = http::origin_of(api_url_);
  for (int n = 0; !url.empty(); ++n) {
    if (n == kMaxPages) {
      ApiError e = ApiError::of(0, fmt::format("{}: more than {} pages; stopped", what, kMaxPages));
      e.incomplete = true;
      return e;
    }
    const http::Response r = send("GET", url);
    if (r.status != 200) return api_error(r, what);
    if (auto error = page(r.body)) return error;
    url = next_link(r.header("link"));
    if (!url.empty() && http::origin_of(url) != origin)
      return ApiError::of(0, what + ": the next-page link points outside GITHUB_API_URL; stopped");
  }
  return std::nullopt;
}

Result<std::vector<Job>> Client::list_jobs(std::uint64_t run_id, int attempt) {
  Result<std::vector<Job>> out;
  const std::string what = fmt::format("listing the jobs of run {} attempt {}", run_id, attempt);
  out.error = pages(repo_url(fmt::format("/actions/runs/{}/attempts/{}/jobs?per_page=100", run_id, attempt)),
                    what, [&](std::string_view body) { return parse::jobs_page(body, what, out.value); });
  return out;
}

Result<std::vector<WorkflowRun>> Client::list_workflow_runs(const std::string& workflow_file,
                                                            const std::string& branch, int count) {
  Result<std::vector<WorkflowRun>> out;
  const std::string what = fmt::format("listing the completed runs of {} on {}", workflow_file, branch);
  const http::Response r = send(
      "GET", repo_url(fmt::format("/actions/workflows/{}/runs?branch={}&status=completed&"
                                  "exclude_pull_requests=true&per_page={}",
                                  url_encode(workflow_file), url_encode(branch), std::clamp(count, 1, 100))));
  if (r.status != 200) {
    out.error = api_error(r, what);
    return out;
  }
  out.error = parse::workflow_runs_page(r.body, what, out.value);
  return out;
}

Result<std::vector<Comment>> Client::list_comments(int issue, const std::string& containing) {
  Result<std::vector<Comment>> out;
  const std::string what = fmt::format("listing the comments of #{}", issue);
  out.error =
      pages(repo_url(fmt::format("/issues/{}/comments?per_page=100", issue)), what,
            [&](std::string_view body) { return parse::comments_page(body, what, out.value, containing); });
  return out;
}

Result<Comment> Client::create_comment(int issue, const std::string& body) {
  return comment_answer(send("POST", repo_url(fmt::format("/issues/{}/comments", issue)),
                             "{\"body\":" + json_string(body) + "}"),
                        201, fmt::format("commenting on #{}", issue));
}

Result<Comment> Client::update_comment(std::uint64_t id, const std::string& body) {
  return comment_answer(
      send("PATCH", repo_url(fmt::format("/issues/comments/{}", id)), "{\"body\":" + json_string(body) + "}"),
      200, fmt::format("updating comment {}", id));
}

Result<bool> Client::delete_comment(std::uint64_t id) {
  const http::Response r = send("DELETE", repo_url(fmt::format("/issues/comments/{}", id)));
  Result<bool> out;
  out.value = r.status == 204 || r.status == 404;  // 404: someone else removed it already
  if (!out.value) out.error = api_error(r, fmt::format("deleting comment {}", id));
  return out;
}

Result<std::vector<PrFile>> Client::list_pr_files(int pr) {
  Result<std::vector<PrFile>> out;
  const std::string what = fmt::format("listing the files of PR #{}", pr);
  out.error = pages(repo_url(fmt::format("/pulls/{}/files?per_page=100", pr)), what,
                    [&](std::string_view body) { return parse::pr_files_page(body, what, out.value); });
  return out;
}

Result<std::vector<Comment>> Client::list_review_comments(int pr) {
  Result<std::vector<Comment>> out;
  const std::string what = fmt::format("listing the review comments of PR #{}", pr);
  out.error = pages(repo_url(fmt::format("/pulls/{}/comments?per_page=100", pr)), what,
                    [&](std::string_view body) { return parse::comments_page(body, what, out.value); });
  return out;
}

Result<Comment> Client::create_review_comment(int pr, const std::string& commit_sha, const std::string& path,
                                              int start_line, int line, const std::string& body) {
  std::string json = "{\"body\":" + json_string(body) + ",\"commit_id\":" + json_string(commit_sha) +
                     ",\"path\":" + json_string(path) + fmt::format(",\"line\":{},\"side\":\"RIGHT\"", line);
  if (start_line > 0 && start_line < line)
    json += fmt::format(",\"start_line\":{},\"start_side\":\"RIGHT\"", start_line);
  json += "}";
  return comment_answer(send("POST", repo_url(fmt::format("/pulls/{}/comments", pr)), std::move(json)), 201,
                        fmt::format("suggesting a change on PR #{}", pr));
}

Result<std::vector<Pull>> Client::pulls_for_branch(const std::string& owner, const std::string& branch) {
  return pulls_answer(
      send("GET", repo_url("/pulls?state=open&per_page=100&head=" + url_encode(owner + ":" + branch))),
      "finding the pull request of " + owner + ":" + branch);
}

Result<std::vector<Pull>> Client::pulls_for_commit(const std::string& sha) {
  return pulls_answer(send("GET", repo_url("/commits/" + url_encode(sha) + "/pulls")),
                      "finding the pull requests of commit " + sha.substr(0, 12));
}

}  // namespace ci_triage::github
