#include "github/context.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/json.h"
#include "core/text.h"
#include "github/json_fields.h"

namespace ci_triage::github {
namespace {

using fields::member;
using fields::str;
using fields::u64;
using rapidjson::Value;

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

}  // namespace

Context load_context(const Getenv& getenv, std::vector<std::string>& notes) {
  Context c;
  auto env = [&](const char* name) { return getenv(name).value_or(""); };
  c.in_actions = env("GITHUB_ACTIONS") == "true";
  if (auto v = env("GITHUB_API_URL"); !v.empty()) c.api_url = strip_slash(v);
  if (auto v = env("GITHUB_SERVER_URL"); !v.empty()) c.server_url = strip_slash(v);
  c.repo = env("GITHUB_REPOSITORY");
  c.token = env("GITHUB_TOKEN");
  if (c.token.empty()) c.token = env("GH_TOKEN");  // the gh CLI's variable, for local use
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
  if (auto ref = env("GITHUB_BASE_REF"); !ref.empty())
    c.base_branch = ref;
  else if (auto full = env("GITHUB_REF"); full.rfind("refs/heads/", 0) == 0)
    c.base_branch = full.substr(11);
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
      if (const Value* hrepo = member(*head, "repo"))
        if (const Value* owner = member(*hrepo, "owner")) c.head_owner = str(*owner, "login");
    }
    if (const Value* base = member(*pr, "base"); base && !str(*base, "ref").empty())
      c.base_branch = str(*base, "ref");
  } else if (const Value* wr = member(ev, "workflow_run")) {
    // A workflow_run workflow triages the run that triggered it.
    c.run_id = u64(*wr, "id") ? u64(*wr, "id") : c.run_id;
    if (const auto a = u64(*wr, "run_attempt")) c.run_attempt = static_cast<int>(a);
    c.head_sha = str(*wr, "head_sha");
    c.head_branch = str(*wr, "head_branch");
    // A push run compares with its own branch; a pull request's run with its base (below), or,
    // from a fork (pull_requests empty), with the repository's default branch.
    c.base_branch = c.head_branch;
    if (str(*wr, "event").rfind("pull_request", 0) == 0) {
      const Value* repo = member(ev, "repository");
      c.base_branch = repo ? str(*repo, "default_branch") : "";
    }
    if (auto name = str(*wr, "name"); !name.empty()) c.workflow = name;
    if (auto wpath = str(*wr, "path"); !wpath.empty()) c.workflow_path = wpath.substr(0, wpath.find('@'));
    if (const Value* hrepo = member(*wr, "head_repository"))
      if (const Value* owner = member(*hrepo, "owner")) c.head_owner = str(*owner, "login");
    if (const Value* prs = member(*wr, "pull_requests"); prs && prs->IsArray())
      for (const auto& p : prs->GetArray()) {
        // pull_requests also lists PRs of other repositories with the same head; take ours.
        const Value* base = member(p, "base");
        const Value* brepo = base ? member(*base, "repo") : nullptr;
        if (brepo && !str(*brepo, "name").empty() && c.repo.find('/') != std::string::npos &&
            str(*brepo, "name") != c.repo.substr(c.repo.find('/') + 1))
          continue;
        c.pr_number = static_cast<int>(u64(p, "number"));
        if (base && !str(*base, "ref").empty()) c.base_branch = str(*base, "ref");
        break;
      }
  } else if (const Value* head = member(ev, "head_commit")) {
    if (auto id = str(*head, "id"); !id.empty()) c.head_sha = id;
  }
}

}  // namespace ci_triage::github
