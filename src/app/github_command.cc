#include "app/github_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "advice/patches.h"
#include "app/analyze.h"
#include "app/cxxopts.h"
#include "core/error.h"
#include "core/signature.h"
#include "core/text.h"
#include "report/report.h"
#include "report/suggestions.h"
#include "sources/ca_bundle.h"
#include "sources/http.h"

namespace ci_triage {
namespace {

using github::Api;
using github::Context;
using github::Job;

enum class CommentMode { kAuto, kAlways, kNever };

struct Settings {
  CommentMode comment = CommentMode::kAuto;
  bool annotations = true;
  bool summary = true;
  std::size_t max_annotations = 10;
  bool fail_on_error = false;
  std::string json_path;
  std::vector<std::string> rules;
  std::size_t parallel = 8;
  long timeout_s = 300;
  long stall_s = 30;  ///< a download slower than 1 KiB/s for this long is cut short
  bool patches = true;
  std::string repo_root;  ///< "" = GITHUB_WORKSPACE, else the current directory
};

// Seconds since the epoch of an ISO 8601 time as the API writes it
// ("2025-04-14T13:55:08Z", "2025-04-14T13:55:08.000-08:00"); 0 when unparseable.
std::int64_t parse_time(const std::string& s) {
  int y, mo, d, h, mi, sec;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6) return 0;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  std::int64_t t = timegm(&tm);
  std::size_t i = 19;
  while (i < s.size() && (s[i] == '.' || std::isdigit(static_cast<unsigned char>(s[i])))) ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh = 0, om = 0;
    if (std::sscanf(s.c_str() + i + 1, "%2d:%2d", &oh, &om) == 2)
      t -= (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  }
  return t;
}

bool is_failed(const Job& j) {
  if (j.status != "completed") return false;
  if (j.conclusion == "failure" || j.conclusion == "timed_out") return true;
  if (j.conclusion == "cancelled") {  // only when it got to run something
    for (const auto& s : j.steps)
      if (s.status == "completed" && s.conclusion != "skipped" && s.conclusion != "cancelled") return true;
  }
  return false;
}

// A matrix leg's job is named "<job name> (<matrix values>)": the part before " (".
std::string matrix_base(const std::string& name) { return name.substr(0, name.find(" (")); }

// How the API shows a fail-fast cancellation: only as the job's conclusion `cancelled` (steps
// cancelled or skipped); the reason ("The strategy configuration was canceled because
// "test._3_11" failed") is a check-run annotation of the cancelled job, one more request per
// job under `checks: read` (seen in users' reports; no REST field carries it), and the log of a
// job that had started ends with `##[error]The operation was canceled.` (actions/runner). So
// ci-triage decides from the jobs list it already has: a job cancelled while a job of the same
// matrix (same name before " (") failed was cancelled by fail-fast, not by a failure of its own.
// Returns the failed sibling, or nullptr.
const Job* failed_sibling(const Job& j, const std::vector<Job>& all) {
  if (j.status != "completed" || j.conclusion != "cancelled") return nullptr;
  const std::string base = matrix_base(j.name);
  for (const auto& o : all)
    if (&o != &j && (o.conclusion == "failure" || o.conclusion == "timed_out") && matrix_base(o.name) == base)
      return &o;
  return nullptr;
}

// The API's steps that wrote to the log (skipped steps write nothing), in order.
void map_steps(const Job& job, JobReport& report) {
  std::vector<const github::Step*> ran;
  for (const auto& s : job.steps)
    if (s.conclusion != "skipped" && s.status != "queued" && s.status != "pending") ran.push_back(&s);
  std::stable_sort(ran.begin(), ran.end(), [](auto* a, auto* b) { return a->number < b->number; });
  if (ran.size() == report.steps.size()) {
    for (std::size_t i = 0; i < ran.size(); ++i) report.steps[i].api_number = ran[i]->number;
    return;
  }
  // Otherwise match by name, in order (unnamed `run:` steps are "Run <first line>" in both).
  std::size_t cursor = 0;
  for (auto& s : report.steps)
    for (std::size_t k = cursor; k < ran.size(); ++k)
      if (ran[k]->name == s.name) {
        s.api_number = ran[k]->number;
        cursor = k + 1;
        break;
      }
}

std::string describe_log_failure(const http::Response& r) {
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

std::string describe_api_error(const github::ApiError& e) {
  std::string m = sanitize_utf8(e.message, 300);
  if (e.rate_limited) return m + " (GitHub's API rate limit; the report is partial)";
  if (e.status == 403 && !e.accepted_permissions.empty())
    return m +
           " (the token lacks a permission; GitHub accepts: " + sanitize_utf8(e.accepted_permissions, 100) +
           ")";
  return m;
}

// One failed job whose log streams through the engine as it downloads.
struct Slot {
  const Job* job = nullptr;
  std::optional<Analysis> analysis;
  std::uint64_t bytes = 0;
  http::Stream stream;
  http::Call call;
  int hops = 0;
};

void write_file_atomically(const std::string& path, const std::string& data) {
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    f.close();
    if (!f) {
      std::remove(tmp.c_str());
      throw Error("writing " + path + ": cannot write");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw Error("writing " + path + ": cannot rename into place");
  }
}

bool append_file(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary | std::ios::app);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
  f.close();
  return static_cast<bool>(f);
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

class GithubRun {
 public:
  GithubRun(Settings settings, Context ctx, std::ostream& out, std::ostream& err)
      : s_(std::move(settings)), ctx_(std::move(ctx)), out_(out), err_(err) {}

  int run(const std::vector<std::string>& context_notes);

 private:
  void notice(std::string text) {
    degraded_ = true;
    run_.notices.push_back(text);
    out_ << "::warning title=ci-triage::" << escape::command_data(one_line(text)) << "\n";
  }
  // stderr reaches the job log too: defuse "##[" like any command data.
  void info(const std::string& text) {
    err_ << "ci-triage: " << escape::command_data(one_line(text)) << "\n";
  }
  void fetch_and_analyse(Api& api, Engine& engine, Report& report);
  void comment(Api& api, Report& report);
  void propose(Report& report);
  void suggest(Api& api, int pr, Report& report);
  std::optional<int> find_pull(Api& api);

  Settings s_;
  Context ctx_;
  std::ostream& out_;
  std::ostream& err_;
  RunInfo run_;
  bool degraded_ = false;
};

void GithubRun::fetch_and_analyse(Api& api, Engine& engine, Report& report) {
  auto jobs = api.list_jobs(ctx_.run_id, ctx_.run_attempt);
  if (!jobs.ok()) {
    notice("Could not list the run's jobs: " + describe_api_error(*jobs.error) + ". No job was triaged.");
    if (jobs.value.empty()) return;
  }
  run_.jobs_listed = jobs.ok();
  run_.jobs_total = static_cast<int>(jobs.value.size());
  if (ctx_.workflow.empty() && !jobs.value.empty())
    run_.workflow = ctx_.workflow = jobs.value.front().workflow_name;
  // The job running ci-triage cannot read its own log (FACTS.md §1).
  const Job* self = nullptr;
  for (const auto& j : jobs.value)
    if (ctx_.check_run_id != 0 && j.id == ctx_.check_run_id) self = &j;
  if (self == nullptr && !ctx_.runner_name.empty())
    for (const auto& j : jobs.value)
      if (j.runner_name == ctx_.runner_name && j.status == "in_progress") self = &j;
  std::vector<Slot> slots;
  slots.reserve(jobs.value.size());
  std::vector<std::string> running;
  for (const auto& j : jobs.value) {
    if (const auto t = parse_time(j.started_at); t > 0 && (run_.started_at == 0 || t < run_.started_at))
      run_.started_at = t;
    if (&j == self) continue;
    if (j.status != "completed") running.push_back(j.name);
    if (const Job* sibling = failed_sibling(j, jobs.value)) {
      run_.cancelled.push_back(
          {sanitize_utf8(j.name, 200),
           fmt::format("{}/{}/actions/runs/{}/job/{}", ctx_.server_url, ctx_.repo, ctx_.run_id, j.id),
           sanitize_utf8(sibling->name, 200)});
      continue;
    }
    if (!is_failed(j)) continue;
    Slot& slot = slots.emplace_back();
    slot.job = &j;
  }
  if (self != nullptr) {
    const bool own_failure = std::any_of(self->steps.begin(), self->steps.end(),
                                         [](const github::Step& st) { return st.conclusion == "failure"; });
    if (own_failure)
      notice(fmt::format(
          "ci-triage runs as a step of the failing job \"{}\", and a job cannot read its own log. "
          "Run ci-triage in a final job (needs: [the other jobs], if: failure()) or in a workflow_run "
          "workflow instead; see the README.",
          sanitize_utf8(self->name, 100)));
  }
  if (!running.empty())
    notice(
        fmt::format("{} job(s) were still running and could not be triaged ({}): list them in the "
                    "ci-triage job's needs: so it starts after them.",
                    running.size(), sanitize_utf8(running.front(), 100)));
  run_.jobs_failed = static_cast<int>(slots.size());
  if (slots.empty()) return;

  const auto api_origin = http::origin_of(ctx_.api_url);
  // A quarter of the budget stays for the comment, whatever the downloads do.
  const long log_timeout_ms = std::clamp(s_.timeout_s * 750, 1000L, 300'000L);
  std::vector<http::Call*> calls;
  for (auto& slot : slots) {
    Slot* sp = &slot;
    const std::string name = slot.job->name;
    const std::string origin = fmt::format("job {}", slot.job->id);
    slot.analysis.emplace(engine.start(name, origin));
    slot.stream.on_data = [sp](std::string_view d) {
      sp->bytes += d.size();
      sp->analysis->feed(d);
    };
    slot.stream.on_restart = [sp, &engine, name, origin] {
      sp->bytes = 0;
      sp->analysis.emplace(engine.start(name, origin));
    };
    slot.call.stream = &slot.stream;
    slot.call.request.url = api.job_logs_url(slot.job->id);
    slot.call.request.authorized = true;
    slot.call.request.timeout_ms = log_timeout_ms;
    const http::Request first = slot.call.request;
    slot.call.then = [sp, first, api_origin](const http::Response& r) -> std::optional<http::Request> {
      const bool redirect =
          r.status == 301 || r.status == 302 || r.status == 303 || r.status == 307 || r.status == 308;
      if (redirect && !r.location.empty() && sp->hops < 4) {
        ++sp->hops;
        http::Request blob;
        blob.url = r.location;  // a signed URL: the token never goes there
        blob.authorized = http::origin_of(r.location) == api_origin;
        blob.timeout_ms = first.timeout_ms;
        return blob;
      }
      // A signed URL that expired before we used it: ask the API for a fresh one, once.
      if (r.status == 403 && r.body.find("AuthenticationFailed") != std::string::npos && sp->hops < 2) {
        sp->hops = 2;
        return first;
      }
      return std::nullopt;
    };
    calls.push_back(&slot.call);
  }
  api.client().run(calls, s_.parallel);

  for (auto& slot : slots) {
    const Job& j = *slot.job;
    const http::Response& r = slot.call.response;
    JobReport jr;
    if (r.ok() && r.error.empty()) {
      jr = slot.analysis->finish();
    } else if (slot.bytes > 0 && r.ok()) {
      jr = slot.analysis->finish();
      jr.notices.push_back(
          fmt::format("The log is truncated: its download {} after {} bytes ({}); only that "
                      "part was analysed.",
                      r.stalled ? "stalled" : "broke off", slot.bytes, sanitize_utf8(r.error, 200)));
    } else {
      jr.name = sanitize_utf8(j.name, 200);
      jr.log = fmt::format("job {}", j.id);
      jr.status = JobStatus::kFailed;
      jr.log_available = false;
      jr.notices.push_back(describe_log_failure(r));
      if (r.status != 404 && r.status != 410) degraded_ = true;
    }
    jr.job_id = j.id;
    jr.conclusion = j.conclusion;
    jr.url = fmt::format("{}/{}/actions/runs/{}/job/{}", ctx_.server_url, ctx_.repo, ctx_.run_id, j.id);
    map_steps(j, jr);
    report.jobs.push_back(std::move(jr));
  }
}

std::optional<int> GithubRun::find_pull(Api& api) {
  if (ctx_.pr_number && *ctx_.pr_number > 0) return ctx_.pr_number;
  if (!ctx_.head_branch.empty() && !ctx_.head_owner.empty() &&
      (ctx_.event_name == "workflow_run" || ctx_.event_name == "pull_request" ||
       ctx_.event_name == "pull_request_target")) {
    // workflow_run.pull_requests is empty for PRs from forks: resolve by head branch and sha.
    auto pulls = api.pulls_for_branch(ctx_.head_owner, ctx_.head_branch);
    if (!pulls.ok()) {
      info("could not look up the pull request: " + describe_api_error(*pulls.error));
      return std::nullopt;
    }
    for (const auto& p : pulls.value)
      if (ctx_.head_sha.empty() || p.head_sha == ctx_.head_sha) return p.number;
    return std::nullopt;
  }
  if (ctx_.event_name == "push" && !ctx_.head_sha.empty()) {
    auto pulls = api.pulls_for_commit(ctx_.head_sha);
    if (!pulls.ok()) {
      info("could not look up the commit's pull requests: " + describe_api_error(*pulls.error));
      return std::nullopt;
    }
    for (const auto& p : pulls.value)
      if (p.state == "open") return p.number;
  }
  return std::nullopt;
}

void GithubRun::propose(Report& report) {
  if (!s_.patches) return;
  PatchOptions po;
  // The checkout the user pointed at, or the runner's workspace; never the current directory.
  po.repo_root =
      !s_.repo_root.empty() ? std::filesystem::path(s_.repo_root) : std::filesystem::path(ctx_.workspace);
  if (po.repo_root.empty()) return;
  po.workflow_file = ctx_.workflow_path;
  std::error_code ec;
  if (!std::filesystem::is_directory(po.repo_root, ec)) {
    info("no checked-out repository at " + po.repo_root.string() + ": no patches");
    return;
  }
  for (auto& j : report.jobs) propose_patches(j, po);
}

// Patches whose lines are in the PR's diff become one-click suggestions,
// posted one by one (a review is all-or-nothing), never twice.
void GithubRun::suggest(Api& api, int pr, Report& report) {
  std::vector<Finding*> with_patch;
  for (auto& j : report.jobs)
    for (auto& f : j.findings)
      if (f.patch && !f.patch->diff.empty()) with_patch.push_back(&f);
  if (with_patch.empty() || ctx_.head_sha.empty()) return;
  auto files = api.list_pr_files(pr);
  if (!files.ok()) {
    info("no suggestions: " + describe_api_error(*files.error));
    return;
  }
  std::map<std::string, DiffLines> diff;
  for (const auto& f : files.value) diff[f.filename] = right_side_lines(f.patch);
  std::optional<std::vector<github::Comment>> existing;
  for (Finding* f : with_patch) {
    const auto sugg = suggestions_from_patch(*f->patch);
    if (sugg.empty()) continue;
    bool all_fit = true;
    for (const auto& sg : sugg) {
      const auto it = diff.find(sg.path);
      all_fit = all_fit && it != diff.end() && fits_pr_diff(sg, it->second);
    }
    if (!all_fit) continue;  // shown as a diff block instead
    if (!existing) {
      auto list = api.list_review_comments(pr);
      if (!list.ok()) {
        info("no suggestions: " + describe_api_error(*list.error));
        return;
      }
      existing = std::move(list.value);
    }
    std::string url;
    for (const auto& sg : sugg) {
      const std::string marker = suggestion_marker(sg);
      const auto same = std::find_if(existing->begin(), existing->end(), [&](const github::Comment& c) {
        return c.body.find(marker) != std::string::npos;
      });
      if (same != existing->end()) {
        if (url.empty()) url = same->html_url;
        continue;
      }
      auto posted = api.create_review_comment(pr, ctx_.head_sha, sg.path, sg.start_line, sg.line,
                                              suggestion_body(sg, *f->patch));
      if (!posted.ok()) {
        info("suggestion not posted: " + describe_api_error(*posted.error));
        url.clear();
        break;
      }
      if (url.empty()) url = posted.value.html_url.empty() ? "#" : posted.value.html_url;
    }
    f->suggestion_url = url;
  }
}

void GithubRun::comment(Api& api, Report& report) {
  if (s_.comment == CommentMode::kNever) return;
  const bool failed = !report.jobs.empty();
  const auto pr = find_pull(api);
  if (!pr) {
    info("no pull request for this run: no comment");
    return;
  }
  run_.pr = pr;
  if (ctx_.token.empty()) {
    notice(
        fmt::format("No comment on PR #{}: GITHUB_TOKEN is not set (pass github-token to the action).", *pr));
    return;
  }
  if (failed) suggest(api, *pr, report);
  const std::string marker = sticky_marker(ctx_.workflow);
  auto forbidden = [&](const github::ApiError& e) {
    if (e.status == 403 && !e.rate_limited) {
      notice(fmt::format(
          "No comment on PR #{}: the token may not write to pull requests (HTTP 403{}). Give the job "
          "`permissions: pull-requests: write`; for pull requests from forks, whose token is read-only, use "
          "the "
          "workflow_run set-up from the README. The summary and annotations are complete.",
          *pr,
          e.accepted_permissions.empty() ? "" : "; accepted: " + sanitize_utf8(e.accepted_permissions, 80)));
    } else {
      notice(fmt::format("No comment on PR #{}: {}", *pr, describe_api_error(e)));
    }
  };
  auto list = api.list_comments(*pr, marker);
  // Past the first 10,000 comments ours may still exist: one found is the oldest
  // (the list is oldest first) and is edited; none found means none is posted.
  if (!list.ok() && !(list.error->incomplete && !list.value.empty())) {
    if (!list.error->incomplete) return forbidden(*list.error);
    if (!failed && s_.comment != CommentMode::kAlways) return;  // nothing to post or resolve
    notice(
        fmt::format("No comment on PR #{}: it has more comments than ci-triage reads (10,000), so it could "
                    "not make sure that it has not commented already.",
                    *pr));
    return;
  }
  std::vector<github::Comment> ours = std::move(list.value);
  std::sort(ours.begin(), ours.end(), [](auto& a, auto& b) { return a.id < b.id; });

  std::string body;
  if (failed) {
    body = render_pr_comment(report, marker);
  } else if (!ours.empty() || s_.comment == CommentMode::kAlways) {
    body = render_resolved_comment(report, marker);
  } else {
    info("the run has no failed job and there is no earlier comment: nothing to post");
    return;
  }
  if (ours.empty()) {
    auto created = api.create_comment(*pr, body);
    if (!created.ok()) return forbidden(*created.error);
    info(fmt::format("commented on PR #{}", *pr));
    // Another writer (a matrix leg, a rerun) may have created one at the same
    // time: the oldest marker comment wins, newer ones are folded into it.
    auto again = api.list_comments(*pr, marker);
    if (!again.ok()) return;
    std::uint64_t oldest = created.value.id;
    for (const auto& c : again.value) oldest = std::min(oldest, c.id);
    if (oldest != created.value.id) {
      auto upd = api.update_comment(oldest, body);
      if (upd.ok()) api.delete_comment(created.value.id);
    }
    return;
  }
  const github::Comment& keep = ours.front();
  if (keep.body != body) {
    auto upd = api.update_comment(keep.id, body);
    if (!upd.ok()) return forbidden(*upd.error);
    info(fmt::format("updated the comment on PR #{}", *pr));
  }
  for (std::size_t i = 1; i < ours.size(); ++i) api.delete_comment(ours[i].id);
}

int GithubRun::run(const std::vector<std::string>& context_notes) {
  if (!ctx_.token.empty()) {
    if (ctx_.token.find_first_of("\r\n") != std::string::npos) {
      ctx_.token.clear();
      notice("GITHUB_TOKEN contains a line break and was ignored.");
    } else {
      out_ << "::add-mask::" << ctx_.token << "\n";
    }
  }
  for (const auto& n : context_notes) notice(n);
  run_.repo = ctx_.repo;
  run_.server_url = ctx_.server_url;
  run_.workflow = ctx_.workflow;
  run_.event = ctx_.event_name;
  run_.head_sha = ctx_.head_sha;
  run_.run_id = ctx_.run_id;
  run_.attempt = ctx_.run_attempt;
  run_.url = fmt::format("{}/{}/actions/runs/{}", ctx_.server_url, ctx_.repo, ctx_.run_id);
  if (ctx_.run_attempt > 1) run_.url += fmt::format("/attempts/{}", ctx_.run_attempt);

  Report report;
  const auto origin = http::origin_of(ctx_.api_url);
  bool api_usable = true;
  if (!origin) {
    notice("GITHUB_API_URL is not an http(s) URL: nothing was fetched.");
    api_usable = false;
  } else if (origin->rfind("http://", 0) == 0 && !http::is_loopback_host(http::host_of(ctx_.api_url))) {
    notice(
        "GITHUB_API_URL uses plain http:// to a non-loopback host; ci-triage refuses to send the token "
        "unencrypted, so nothing was fetched.");
    api_usable = false;
  }
  http::Options ho;
  ho.user_agent = fmt::format("ci-triage/{} (+https://github.com/org/ci-triage)", CI_TRIAGE_VERSION);
  ho.token = ctx_.token;
  ho.token_origin = origin.value_or("");
  ho.extra_headers = {"Accept: application/vnd.github+json", "X-GitHub-Api-Version: 2022-11-28"};
  // SSL_CERT_FILE/SSL_CERT_DIR, else the system's bundle: the static release binary's libcurl
  // has no CA path built in (the build machine's need not exist where it runs).
  const CaBundle ca = find_ca_bundle();
  ho.ca_file = ca.file;
  ho.ca_path = ca.dir;
  ho.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(s_.timeout_s);
  ho.low_speed_time_s = s_.stall_s;
  ho.on_event = [this](const std::string& e) { info(e); };
  http::Client client(ho);
  Api api(client, ctx_.api_url, ctx_.repo);

  Engine engine(load_rule_set(s_.rules, true));
  if (api_usable) fetch_and_analyse(api, engine, report);
  propose(report);
  report.groups = group_failures(report);
  run_.generated_at = static_cast<std::int64_t>(std::time(nullptr));
  report.run = run_;

  // The JSON report first: the outputs point at it.
  std::string json_path = s_.json_path;
  if (json_path.empty())
    json_path = (ctx_.runner_temp.empty() ? std::string(".") : ctx_.runner_temp) + "/ci-triage-report.json";
  if (s_.annotations) write_run_annotations(report, out_, s_.max_annotations);
  // Without the job list the run's state is unknown: leave any comment as it is.
  if (api_usable && run_.jobs_listed) comment(api, report);
  report.run = run_;  // with the comment's notices

  std::ostringstream json;
  write_json(report, json);
  try {
    write_file_atomically(json_path, json.str());
  } catch (const Error& e) {
    notice(std::string("The JSON report was not written: ") + e.what());
    json_path.clear();
  }
  if (s_.summary) {
    if (ctx_.step_summary_path.empty())
      info("GITHUB_STEP_SUMMARY is not set: no job summary");
    else if (!append_file(ctx_.step_summary_path, render_github_summary(report)))
      notice("The job summary could not be written to GITHUB_STEP_SUMMARY.");
  }
  std::string primary = "none";
  for (const auto& j : report.jobs)
    if (primary == "none" && !j.findings.empty()) primary = j.findings.front().category;
  if (!ctx_.output_path.empty()) {
    // findings-count counts distinct failures: a matrix failing one way in 12 jobs is one.
    const std::string outputs = fmt::format(
        "primary-category={}\nfindings-count={}\nfailed-jobs={}\ncancelled-jobs={}\nreport-path={}\n",
        primary, report.groups.size(), report.jobs.size(), run_.cancelled.size(), one_line(json_path));
    if (!append_file(ctx_.output_path, outputs))
      notice("The step outputs could not be written to GITHUB_OUTPUT.");
  }
  const auto& st = client.stats();
  info(fmt::format("triaged {} failed job(s) of {}; {} API request(s), {} in all, {} retried, {:.1f} MB",
                   report.jobs.size(), run_.jobs_total, st.api_requests, st.requests, st.retries,
                   static_cast<double>(st.bytes) / 1e6));
  out_.flush();
  return degraded_ && s_.fail_on_error ? kExitFailure : kExitOk;
}

}  // namespace

int github_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   const github::Getenv& getenv) {
  cxxopts::Options opts("ci-triage github", "Triage the failed jobs of this workflow run");
  opts.add_options()("repo", "OWNER/NAME (default GITHUB_REPOSITORY)", cxxopts::value<std::string>())(
      "run-id", "run id (default GITHUB_RUN_ID)", cxxopts::value<std::string>())(
      "attempt", "run attempt (default GITHUB_RUN_ATTEMPT)", cxxopts::value<std::string>())(
      "comment", "auto|always|never", cxxopts::value<std::string>()->default_value("auto"))(
      "annotations", "write annotations (default)")("no-annotations", "no annotations")(
      "summary", "write the job summary (default)")("no-summary", "no job summary")(
      "max-annotations", "annotations per severity (at most 10 are shown per step)",
      cxxopts::value<std::size_t>()->default_value("10"))("fail-on-error",
                                                          "exit 1 when ci-triage itself could not complete")(
      "json", "JSON report path (default $RUNNER_TEMP/ci-triage-report.json)", cxxopts::value<std::string>())(
      "r,rules", "extra rules file (repeatable)", cxxopts::value<std::vector<std::string>>())(
      "parallel", "concurrent log downloads", cxxopts::value<std::size_t>()->default_value("8"))(
      "timeout", "seconds ci-triage may spend talking to GitHub",
      cxxopts::value<long>()->default_value("300"))(
      "stall-timeout",
      "seconds a download may stay under 1 KiB/s before it is cut short (what arrived is analysed)",
      cxxopts::value<long>()->default_value("30"))(
      "repo-root", "checked-out repository for patches (default GITHUB_WORKSPACE)",
      cxxopts::value<std::string>())("no-patches", "no suggested patches");
  std::vector<const char*> argv{"github"};
  for (const auto& a : args) argv.push_back(a.c_str());
  cxxopts::ParseResult parsed;
  try {
    parsed = opts.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(e.what());
  }
  if (!parsed.unmatched().empty())
    throw UsageError("unexpected argument \"" + parsed.unmatched().front() + "\"");
  Settings s;
  const std::string mode = parsed["comment"].as<std::string>();
  if (mode == "auto")
    s.comment = CommentMode::kAuto;
  else if (mode == "always")
    s.comment = CommentMode::kAlways;
  else if (mode == "never")
    s.comment = CommentMode::kNever;
  else
    throw UsageError("unknown --comment \"" + mode + "\" (expected auto, always or never)");
  s.annotations = parsed.count("no-annotations") == 0;
  s.summary = parsed.count("no-summary") == 0;
  s.max_annotations = std::min<std::size_t>(parsed["max-annotations"].as<std::size_t>(), 50);
  s.fail_on_error = parsed.count("fail-on-error") > 0;
  if (parsed.count("json")) s.json_path = parsed["json"].as<std::string>();
  if (parsed.count("rules")) s.rules = parsed["rules"].as<std::vector<std::string>>();
  s.parallel = std::clamp<std::size_t>(parsed["parallel"].as<std::size_t>(), 1, 32);
  s.timeout_s = std::clamp<long>(parsed["timeout"].as<long>(), 1, 3600);
  s.stall_s = std::clamp<long>(parsed["stall-timeout"].as<long>(), 1, 3600);
  s.patches = parsed.count("no-patches") == 0;
  if (parsed.count("repo-root")) s.repo_root = parsed["repo-root"].as<std::string>();

  std::vector<std::string> notes;
  Context ctx = github::load_context(getenv, notes);
  if (parsed.count("repo")) ctx.repo = parsed["repo"].as<std::string>();
  if (parsed.count("run-id")) {
    const auto v = parsed["run-id"].as<std::string>();
    ctx.run_id = std::strtoull(v.c_str(), nullptr, 10);
    if (ctx.run_id == 0) throw UsageError("--run-id must be a positive number");
  }
  if (parsed.count("attempt")) {
    ctx.run_attempt = std::atoi(parsed["attempt"].as<std::string>().c_str());
    if (ctx.run_attempt <= 0) throw UsageError("--attempt must be a positive number");
  }
  const auto slash = ctx.repo.find('/');
  if (ctx.repo.empty() || slash == std::string::npos || slash == 0 || slash + 1 == ctx.repo.size() ||
      ctx.repo.find_first_of(" ?#\r\n", 0) != std::string::npos ||
      ctx.repo.find('/', slash + 1) != std::string::npos)
    throw UsageError(
        "no repository: set GITHUB_REPOSITORY or --repo OWNER/NAME (ci-triage github runs in a workflow)");
  if (ctx.run_id == 0) throw UsageError("no run: set GITHUB_RUN_ID or --run-id");

  GithubRun run(std::move(s), std::move(ctx), out, err);
  try {
    return run.run(notes);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    // ci-triage's own failure never fails the user's job unless asked to.
    out << "::warning title=ci-triage::"
        << escape::command_data("ci-triage: internal error: " + one_line(e.what())) << "\n";
    return parsed.count("fail-on-error") ? kExitFailure : kExitOk;
  }
}

}  // namespace ci_triage
