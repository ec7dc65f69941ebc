#include "github/payloads.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <functional>

#include "core/json.h"
#include "core/text.h"
#include "github/json_fields.h"

namespace ci_triage::github {
namespace {

using fields::member;
using fields::str;
using fields::u64;
using rapidjson::Value;

ApiError unusable(const std::string& what, const std::string& why) {
  return ApiError::of(200, what + ": " + why);
}

Job parse_job(const Value& j) {
  Job job;
  job.id = u64(j, "id");
  job.name = str(j, "name");
  job.status = str(j, "status");
  job.conclusion = str(j, "conclusion");
  job.started_at = str(j, "started_at");
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

Comment parse_comment(const Value& c) { return {u64(c, "id"), str(c, "body"), str(c, "html_url")}; }

template <class T, class F>
Result<T> parse_body(std::string_view body, const std::string& what, F&& f) {
  rapidjson::Document doc;
  Result<T> r;
  if (const std::string error = json::parse(doc, body); !error.empty()) {
    r.error = unusable(what, "the answer is not usable JSON (" + error + ")");
    return r;
  }
  if (!f(doc, r.value)) r.error = unusable(what, "the answer has an unexpected shape");
  return r;
}

// The items of one page: the top-level array, or the array under `key`.
std::optional<ApiError> page_items(std::string_view body, const std::string& what, const char* key,
                                   const std::function<void(const Value&)>& item) {
  rapidjson::Document doc;
  if (const std::string error = json::parse(doc, body); !error.empty())
    return unusable(what, "the answer is not usable JSON (" + error + ")");
  const Value* list = key != nullptr ? member(doc, key) : &doc;
  if (list == nullptr || !list->IsArray()) return unusable(what, "the answer has an unexpected shape");
  for (const auto& v : list->GetArray()) item(v);
  return std::nullopt;
}

}  // namespace

namespace parse {

std::optional<ApiError> jobs_page(std::string_view body, const std::string& what, std::vector<Job>& jobs) {
  return page_items(body, what, "jobs", [&](const Value& j) { jobs.push_back(parse_job(j)); });
}

std::optional<ApiError> workflow_runs_page(std::string_view body, const std::string& what,
                                           std::vector<WorkflowRun>& runs) {
  return page_items(body, what, "workflow_runs", [&](const Value& r) {
    WorkflowRun run;
    run.id = u64(r, "id");
    run.run_attempt = std::max(1, static_cast<int>(std::min<std::uint64_t>(u64(r, "run_attempt"), 1000)));
    run.head_sha = str(r, "head_sha");
    run.head_branch = str(r, "head_branch");
    run.event = str(r, "event");
    run.status = str(r, "status");
    run.conclusion = str(r, "conclusion");
    run.html_url = str(r, "html_url");
    run.created_at = str(r, "created_at");
    if (run.id != 0) runs.push_back(std::move(run));
  });
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

}  // namespace ci_triage::github
