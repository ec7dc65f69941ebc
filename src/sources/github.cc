#include "sources/github.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/error.h"
#include "core/json.h"
#include "core/text.h"

namespace ci_triage::github {
namespace {

using rapidjson::Value;

std::string str(const Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  const auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

std::uint64_t u64(const Value& obj, const char* key) {
  if (!obj.IsObject()) return 0;
  const auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return 0;
  if (it->value.IsUint64()) return it->value.GetUint64();
  return 0;
}

const Value* member(const Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  const auto it = obj.FindMember(key);
  return it == obj.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

std::uint64_t parse_u64(const std::string& s, const char* name) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || errno != 0 || v == 0 || s[0] == '-')
    throw UsageError(fmt::format("{} must be a positive number, not \"{}\"", name, sanitize_utf8(s, 40)));
  return v;
}

std::string strip_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

Job parse_job(const Value& j) {
  Job job;
  job.id = u64(j, "id");
  job.name = str(j, "name");
  job.status = str(j, "status");
  job.conclusion = str(j, "conclusion");
  job.started_at = str(j, "started_at");
  job.completed_at = str(j, "completed_at");
  job.runner_name = str(j, "runner_name");
  job.html_url = str(j, "html_url");
  job.workflow_name = str(j, "workflow_name");
  if (const Value* steps = member(j, "steps"); steps && steps->IsArray())
    for (const auto& s : steps->GetArray()) {
      Step st;
      st.number = static_cast<int>(u64(s, "number"));
      st.name = str(s, "name");
      st.status = str(s, "status");
      st.conclusion = str(s, "conclusion");
      job.steps.push_back(std::move(st));
    }
  return job;
}

Pull parse_pull(const Value& p) {
  Pull pull;
  pull.number = static_cast<int>(u64(p, "number"));
  pull.state = str(p, "state");
  if (const Value* head = member(p, "head")) {
    pull.head_sha = str(*head, "sha");
    pull.head_ref = str(*head, "ref");
  }
  return pull;
}

template <class T, class F>
Result<T> parse_body(std::string_view body, const std::string& what, F&& f) {
  rapidjson::Document doc;
  Result<T> r;
  if (const std::string error = json::parse(doc, body); !error.empty()) {
    r.error = ApiError{200, what + ": the answer is not usable JSON (" + error + ")", "", false};
    return r;
  }
  if (!f(doc, r.value)) r.error = ApiError{200, what + ": the answer has an unexpected shape", "", false};
  return r;
}

}  // namespace

std::string json_string(const std::string& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  // Valid UTF-8 for the API, but keep the line breaks: comment bodies are Markdown.
  std::string clean;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t nl = std::min(s.find('\n', start), s.size());
    const std::string_view seg(s.data() + start, nl - start);
    clean += sanitize_utf8(seg, seg.size() * 3 + 16);
    if (nl < s.size()) clean += '\n';
    start = nl + 1;
  }
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
  return buf.GetString();
}

std::string next_link(const std::string& link) {
  // <url>; rel="next", <url>; rel="last"
  std::size_t pos = 0;
  while (pos < link.size()) {
    const auto lt = link.find('<', pos);
    if (lt == std::string::npos) break;
    const auto gt = link.find('>', lt);
    if (gt == std::string::npos) break;
    auto end = link.find(',', gt);
    if (end == std::string::npos) end = link.size();
    const std::string params = link.substr(gt + 1, end - gt - 1);
    if (params.find("rel=\"next\"") != std::string::npos || params.find("rel=next") != std::string::npos)
      return link.substr(lt + 1, gt - lt - 1);
    pos = end + 1;
  }
  return {};
}

ApiError api_error(const http::Response& r, const std::string& what) {
  ApiError e;
  e.status = r.status;
  e.rate_limited = r.rate_limited;
  e.accepted_permissions = r.header("x-accepted-github-permissions");
  if (r.status == 0) {
    e.message = fmt::format("{}: {}", what, r.error.empty() ? "no answer" : r.error);
    return e;
  }
  std::string detail;
  rapidjson::Document doc;
  if (json::parse(doc, r.body).empty() && doc.IsObject()) detail = str(doc, "message");
  if (detail.empty() && !r.error.empty()) detail = r.error;
  e.message =
      fmt::format("{}: HTTP {}{}{}", what, r.status, detail.empty() ? "" : " ", sanitize_utf8(detail, 200));
  return e;
}

Context load_context(const Getenv& getenv, std::vector<std::string>& notes) {
  Context c;
  auto env = [&](const char* name) { return getenv(name).value_or(""); };
  if (auto v = env("GITHUB_API_URL"); !v.empty()) c.api_url = strip_slash(v);
  if (auto v = env("GITHUB_SERVER_URL"); !v.empty()) c.server_url = strip_slash(v);
  c.repo = env("GITHUB_REPOSITORY");
  c.token = env("GITHUB_TOKEN");
  c.event_name = env("GITHUB_EVENT_NAME");
  c.workflow = env("GITHUB_WORKFLOW");
  c.step_summary_path = env("GITHUB_STEP_SUMMARY");
  c.output_path = env("GITHUB_OUTPUT");
  c.workspace = env("GITHUB_WORKSPACE");
  c.runner_name = env("RUNNER_NAME");
  c.runner_temp = env("RUNNER_TEMP");
  c.head_sha = env("GITHUB_SHA");
  if (auto v = env("GITHUB_RUN_ID"); !v.empty()) c.run_id = parse_u64(v, "GITHUB_RUN_ID");
  if (auto v = env("GITHUB_RUN_ATTEMPT"); !v.empty())
    c.run_attempt = static_cast<int>(parse_u64(v, "GITHUB_RUN_ATTEMPT"));
  if (auto v = env("CI_TRIAGE_CHECK_RUN_ID"); !v.empty()) {
    char* end = nullptr;
    const unsigned long long id = std::strtoull(v.c_str(), &end, 10);
    if (*end == '\0') c.check_run_id = id;
  }
  if (auto ref = env("GITHUB_HEAD_REF"); !ref.empty()) c.head_branch = ref;
  // GITHUB_WORKFLOW_REF: "owner/repo/.github/workflows/ci.yml@refs/heads/main".
  if (auto ref = env("GITHUB_WORKFLOW_REF");
      !ref.empty() && !c.repo.empty() && ref.rfind(c.repo + "/", 0) == 0)
    c.workflow_path =
        ref.substr(c.repo.size() + 1, ref.find('@') == std::string::npos ? std::string::npos
                                                                         : ref.find('@') - c.repo.size() - 1);

  const std::string path = env("GITHUB_EVENT_PATH");
  if (path.empty()) return c;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  if (in) buf << in.rdbuf();
  if (!in) {
    notes.push_back("The event payload (GITHUB_EVENT_PATH) could not be read: no pull request information.");
    return c;
  }
  parse::event(buf.str(), c, notes);
  return c;
}

void parse::event(std::string_view json, Context& c, std::vector<std::string>& notes) {
  rapidjson::Document ev;
  const std::string error = json::parse(ev, json);
  if (!error.empty() || !ev.IsObject()) {
    notes.push_back(
        fmt::format("The event payload (GITHUB_EVENT_PATH) could not be read ({}): no pull request "
                    "information.",
                    error.empty() ? "not a JSON object" : error));
    return;
  }
  if (const Value* pr = member(ev, "pull_request")) {
    c.pr_number = static_cast<int>(u64(*pr, "number"));
    if (const Value* head = member(*pr, "head")) {
      c.head_sha = str(*head, "sha");
      c.head_branch = str(*head, "ref");
      const Value* hrepo = member(*head, "repo");
      const Value* base = member(*pr, "base");
      const Value* brepo = base ? member(*base, "repo") : nullptr;
      if (hrepo && brepo) c.from_fork = str(*hrepo, "full_name") != str(*brepo, "full_name");
      if (hrepo)
        if (const Value* owner = member(*hrepo, "owner")) c.head_owner = str(*owner, "login");
    }
  } else if (const Value* wr = member(ev, "workflow_run")) {
    // A workflow_run workflow triages the run that triggered it.
    c.run_id = u64(*wr, "id") ? u64(*wr, "id") : c.run_id;
    if (const auto a = u64(*wr, "run_attempt")) c.run_attempt = static_cast<int>(a);
    c.head_sha = str(*wr, "head_sha");
    c.head_branch = str(*wr, "head_branch");
    c.triggering_conclusion = str(*wr, "conclusion");
    if (auto name = str(*wr, "name"); !name.empty()) c.workflow = name;
    if (auto wpath = str(*wr, "path"); !wpath.empty()) c.workflow_path = wpath.substr(0, wpath.find('@'));
    if (const Value* hrepo = member(*wr, "head_repository")) {
      if (const Value* owner = member(*hrepo, "owner")) c.head_owner = str(*owner, "login");
      c.from_fork = str(*hrepo, "full_name") != c.repo;
    }
    if (const Value* prs = member(*wr, "pull_requests"); prs && prs->IsArray())
      for (const auto& p : prs->GetArray()) {
        // pull_requests also lists PRs of other repositories with the same head; take ours.
        const Value* base = member(p, "base");
        const Value* brepo = base ? member(*base, "repo") : nullptr;
        if (brepo && !str(*brepo, "name").empty() && c.repo.find('/') != std::string::npos &&
            str(*brepo, "name") != c.repo.substr(c.repo.find('/') + 1))
          continue;
        c.pr_number = static_cast<int>(u64(p, "number"));
        break;
      }
  } else if (const Value* head = member(ev, "head_commit")) {
    if (auto id = str(*head, "id"); !id.empty()) c.head_sha = id;
  }
}

Api::Api(http::Client& client, std::string api_url, std::string repo)
    : client_(client), api_url_(strip_slash(std::move(api_url))), repo_(std::move(repo)) {}

std::string Api::repo_url(const std::string& tail) const { return api_url_ + "/repos/" + repo_ + tail; }

std::string Api::job_logs_url(std::uint64_t job_id) const {
  return repo_url(fmt::format("/actions/jobs/{}/logs", job_id));
}

namespace {
// Every item of a paginated list (top-level array, or the array under `key`),
// following `link: rel="next"` verbatim but only within the API's origin (the
// token goes nowhere else). Items of the pages before an error are kept.
// The items of one page: the top-level array, or the array under `key`.
std::optional<ApiError> page_items(std::string_view body, const std::string& what, const char* key,
                                   const std::function<void(const Value&)>& item) {
  rapidjson::Document doc;
  if (const std::string error = json::parse(doc, body); !error.empty())
    return ApiError{200, what + ": the answer is not usable JSON (" + error + ")", "", false};
  const Value* list = key != nullptr ? member(doc, key) : &doc;
  if (list == nullptr || !list->IsArray())
    return ApiError{200, what + ": the answer has an unexpected shape", "", false};
  for (const auto& v : list->GetArray()) item(v);
  return std::nullopt;
}

std::optional<ApiError> get_items(
    http::Client& client, const std::string& api_url, std::string url, const std::string& what,
    const std::function<std::optional<ApiError>(std::string_view body)>& page_parser) {
  constexpr int kMaxPages = 100;  // 10,000 items: enough for any run or PR
  const auto origin = http::origin_of(api_url);
  for (int page = 0; !url.empty(); ++page) {
    if (page == kMaxPages) {
      ApiError e{0, fmt::format("{}: more than {} pages; stopped", what, kMaxPages), "", false};
      e.incomplete = true;
      return e;
    }
    http::Request rq;
    rq.url = url;
    rq.authorized = true;
    const http::Response r = client.fetch(std::move(rq));
    if (r.status != 200) return api_error(r, what);
    if (auto error = page_parser(r.body)) return error;
    url = next_link(r.header("link"));
    if (!url.empty() && http::origin_of(url) != origin)
      return ApiError{0, what + ": the next-page link points outside GITHUB_API_URL; stopped", "", false};
  }
  return std::nullopt;
}

Comment parse_comment(const Value& c) { return {u64(c, "id"), str(c, "body"), str(c, "html_url")}; }
}  // namespace

namespace parse {

std::optional<ApiError> jobs_page(std::string_view body, const std::string& what, std::vector<Job>& jobs) {
  return page_items(body, what, "jobs", [&](const Value& j) { jobs.push_back(parse_job(j)); });
}

std::optional<ApiError> comments_page(std::string_view body, const std::string& what,
                                      std::vector<Comment>& comments, const std::string& containing) {
  return page_items(body, what, nullptr, [&](const Value& c) {
    Comment comment = parse_comment(c);
    if (comment.body.find(containing) != std::string::npos) comments.push_back(std::move(comment));
  });
}

std::optional<ApiError> pr_files_page(std::string_view body, const std::string& what,
                                      std::vector<PrFile>& files) {
  return page_items(body, what, nullptr, [&](const Value& f) {
    files.push_back({str(f, "filename"), str(f, "patch")});
  });
}

Result<Comment> comment(std::string_view body, const std::string& what) {
  return parse_body<Comment>(body, what, [](const rapidjson::Document& d, Comment& c) {
    c = parse_comment(d);
    return c.id != 0;
  });
}

Result<std::vector<Pull>> pulls(std::string_view body, const std::string& what) {
  return parse_body<std::vector<Pull>>(body, what, [](const rapidjson::Document& d, std::vector<Pull>& ps) {
    if (!d.IsArray()) return false;
    for (const auto& p : d.GetArray()) ps.push_back(parse_pull(p));
    return true;
  });
}

}  // namespace parse

Result<std::vector<Job>> Api::list_jobs(std::uint64_t run_id, int attempt) {
  Result<std::vector<Job>> out;
  const std::string what = fmt::format("listing the jobs of run {} attempt {}", run_id, attempt);
  out.error =
      get_items(client_, api_url_,
                repo_url(fmt::format("/actions/runs/{}/attempts/{}/jobs?per_page=100", run_id, attempt)),
                what, [&](std::string_view body) { return parse::jobs_page(body, what, out.value); });
  return out;
}

Result<std::vector<Comment>> Api::list_comments(int issue, const std::string& containing) {
  Result<std::vector<Comment>> out;
  const std::string what = fmt::format("listing the comments of #{}", issue);
  out.error = get_items(
      client_, api_url_, repo_url(fmt::format("/issues/{}/comments?per_page=100", issue)), what,
      [&](std::string_view body) { return parse::comments_page(body, what, out.value, containing); });
  return out;
}

namespace {
Result<Comment> comment_answer(const http::Response& r, long expected, const std::string& what) {
  Result<Comment> out;
  if (r.status != expected) {
    out.error = api_error(r, what);
    return out;
  }
  return parse::comment(r.body, what);
}
}  // namespace

Result<Comment> Api::create_comment(int issue, const std::string& body) {
  http::Request rq;
  rq.method = "POST";
  rq.url = repo_url(fmt::format("/issues/{}/comments", issue));
  rq.body = "{\"body\":" + json_string(body) + "}";
  rq.authorized = true;
  return comment_answer(client_.fetch(std::move(rq)), 201, fmt::format("commenting on #{}", issue));
}

Result<Comment> Api::update_comment(std::uint64_t id, const std::string& body) {
  http::Request rq;
  rq.method = "PATCH";
  rq.url = repo_url(fmt::format("/issues/comments/{}", id));
  rq.body = "{\"body\":" + json_string(body) + "}";
  rq.authorized = true;
  return comment_answer(client_.fetch(std::move(rq)), 200, fmt::format("updating comment {}", id));
}

Result<bool> Api::delete_comment(std::uint64_t id) {
  http::Request rq;
  rq.method = "DELETE";
  rq.url = repo_url(fmt::format("/issues/comments/{}", id));
  rq.authorized = true;
  const http::Response r = client_.fetch(std::move(rq));
  Result<bool> out;
  out.value = r.status == 204 || r.status == 404;  // 404: someone else removed it already
  if (!out.value) out.error = api_error(r, fmt::format("deleting comment {}", id));
  return out;
}

namespace {
Result<std::vector<Pull>> pulls_answer(const http::Response& r, const std::string& what) {
  Result<std::vector<Pull>> out;
  if (r.status != 200) {
    out.error = api_error(r, what);
    return out;
  }
  return parse::pulls(r.body, what);
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
}  // namespace

Result<std::vector<PrFile>> Api::list_pr_files(int pr) {
  Result<std::vector<PrFile>> out;
  const std::string what = fmt::format("listing the files of PR #{}", pr);
  out.error = get_items(client_, api_url_, repo_url(fmt::format("/pulls/{}/files?per_page=100", pr)), what,
                        [&](std::string_view body) { return parse::pr_files_page(body, what, out.value); });
  return out;
}

Result<std::vector<Comment>> Api::list_review_comments(int pr) {
  Result<std::vector<Comment>> out;
  const std::string what = fmt::format("listing the review comments of PR #{}", pr);
  out.error = get_items(client_, api_url_, repo_url(fmt::format("/pulls/{}/comments?per_page=100", pr)), what,
                        [&](std::string_view body) { return parse::comments_page(body, what, out.value); });
  return out;
}

Result<Comment> Api::create_review_comment(int pr, const std::string& commit_sha, const std::string& path,
                                           int start_line, int line, const std::string& body) {
  http::Request rq;
  rq.method = "POST";
  rq.url = repo_url(fmt::format("/pulls/{}/comments", pr));
  rq.body = "{\"body\":" + json_string(body) + ",\"commit_id\":" + json_string(commit_sha) +
            ",\"path\":" + json_string(path) + fmt::format(",\"line\":{},\"side\":\"RIGHT\"", line);
  if (start_line > 0 && start_line < line)
    rq.body += fmt::format(",\"start_line\":{},\"start_side\":\"RIGHT\"", start_line);
  rq.body += "}";
  rq.authorized = true;
  return comment_answer(client_.fetch(std::move(rq)), 201, fmt::format("suggesting a change on PR #{}", pr));
}

Result<std::vector<Pull>> Api::pulls_for_branch(const std::string& owner, const std::string& branch) {
  http::Request rq;
  rq.url = repo_url("/pulls?state=open&per_page=100&head=" + url_encode(owner + ":" + branch));
  rq.authorized = true;
  return pulls_answer(client_.fetch(std::move(rq)), "finding the pull request of " + owner + ":" + branch);
}

Result<std::vector<Pull>> Api::pulls_for_commit(const std::string& sha) {
  http::Request rq;
  rq.url = repo_url("/commits/" + url_encode(sha) + "/pulls");
  rq.authorized = true;
  return pulls_answer(client_.fetch(std::move(rq)),
                      "finding the pull requests of commit " + sha.substr(0, 12));
}

}  // namespace ci_triage::github
