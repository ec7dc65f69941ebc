#include "sources/github_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>

#include "core/text.h"
#include "github/url.h"

namespace ci_triage {
namespace {

using github::Job;

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
// job that had started ends with `##[error]The operation was canceled.` (actions/runner). So the
// jobs list decides: a job cancelled while a job of the same matrix (same name before " (")
// failed was cancelled by fail-fast, not by a failure of its own. Returns that sibling or nullptr.
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

// The job running ci-triage (FACTS.md §1): by its check run id, else by its runner.
const Job* own_job(const std::vector<Job>& jobs, const github::Context& ctx) {
  for (const auto& j : jobs)
    if (ctx.check_run_id != 0 && j.id == ctx.check_run_id) return &j;
  if (!ctx.runner_name.empty())
    for (const auto& j : jobs)
      if (j.runner_name == ctx.runner_name && j.status == "in_progress") return &j;
  return nullptr;
}

// One failed job whose log streams into its consumer as it downloads.
struct Download {
  const Job* job = nullptr;
  std::unique_ptr<JobLog> log;
  std::uint64_t bytes = 0;
  http::Stream stream;
  http::Call call;
  int hops = 0;
};

}  // namespace

std::vector<JobReport> stream_job_logs(github::Client& client, const github::Context& ctx,
                                       const std::vector<LogRequest>& jobs, const StartJobLog& start,
                                       const GithubRunSource::Options& options, bool& degraded) {
  std::vector<JobReport> out;
  if (jobs.empty()) return out;
  std::vector<Download> downloads(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) downloads[i].job = jobs[i].job;
  const auto api_origin = http::origin_of(client.api_url());
  std::vector<http::Call*> calls;
  for (auto& d : downloads) {
    Download* dp = &d;
    const std::string name = d.job->name;
    const std::string origin = fmt::format("job {}", d.job->id);
    d.log = start(name, origin);
    d.stream.on_data = [dp](std::string_view bytes) {
      dp->bytes += bytes.size();
      dp->log->feed(bytes);
    };
    d.stream.on_restart = [dp, &start, name, origin] {
      dp->bytes = 0;
      dp->log = start(name, origin);
    };
    d.call.stream = &d.stream;
    d.call.request.url = client.job_logs_url(d.job->id);
    d.call.request.authorized = true;
    d.call.request.timeout_ms = options.log_timeout_ms;
    const http::Request first = d.call.request;
    d.call.then = [dp, first, api_origin](const http::Response& r) -> std::optional<http::Request> {
      if (r.redirect() && !r.location.empty() && dp->hops < 4) {
        ++dp->hops;
        http::Request blob;
        blob.url = r.location;  // a signed URL: the token never goes there
        blob.authorized = http::origin_of(r.location) == api_origin;
        blob.timeout_ms = first.timeout_ms;
        return blob;
      }
      // A signed URL that expired before we used it: ask the API for a fresh one, once.
      if (r.status == 403 && r.body.find("AuthenticationFailed") != std::string::npos && dp->hops < 2) {
        dp->hops = 2;
        return first;
      }
      return std::nullopt;
    };
    calls.push_back(&d.call);
  }
  client.transport().run(calls, options.parallel);

  for (auto& d : downloads) {
    const Job& j = *d.job;
    const http::Response& r = d.call.response;
    JobReport jr;
    if (r.ok() && r.error.empty()) {
      jr = d.log->finish();
    } else if (d.bytes > 0 && r.ok()) {
      jr = d.log->finish();
      jr.notices.push_back(
          fmt::format("The log is truncated: its download {} after {} bytes ({}); only that "
                      "part was analysed.",
                      r.stalled ? "stalled" : "broke off", d.bytes, sanitize_utf8(r.error, 200)));
    } else {
      jr.name = sanitize_utf8(j.name, 200);
      jr.log = fmt::format("job {}", j.id);
      jr.status = JobStatus::kFailed;
      jr.log_available = false;
      jr.notices.push_back(github::log_error(r));
      if (r.status != 404 && r.status != 410) degraded = true;
    }
    jr.job_id = j.id;
    jr.conclusion = j.conclusion;
    jr.url = fmt::format("{}/{}/actions/runs/{}/job/{}", ctx.server_url, ctx.repo,
                         jobs[static_cast<std::size_t>(&d - downloads.data())].run_id, j.id);
    map_steps(j, jr);
    out.push_back(std::move(jr));
  }
  return out;
}

GithubRunSource::GithubRunSource(github::Client& client, github::Context context, Options options)
    : client_(client), ctx_(std::move(context)), options_(options) {}

RunJobs GithubRunSource::fetch(const StartJobLog& start) {
  RunJobs run;
  auto notice = [&](std::string text) {
    run.notices.push_back(std::move(text));
    run.degraded = true;
  };
  auto jobs = client_.list_jobs(ctx_.run_id, ctx_.run_attempt);
  if (!jobs.ok()) {
    notice("Could not list the run's jobs: " + jobs.error->message + ". No job was triaged.");
    if (jobs.value.empty()) return run;
  }
  run.listed = jobs.ok();
  run.total = static_cast<int>(jobs.value.size());
  if (!jobs.value.empty()) run.workflow_name = jobs.value.front().workflow_name;
  const Job* self = own_job(jobs.value, ctx_);
  std::vector<Download> downloads;  // the failed jobs to download
  downloads.reserve(jobs.value.size());
  std::vector<std::string> running;
  for (const auto& j : jobs.value) {
    if (const auto t = parse_time(j.started_at); t > 0 && (run.started_at == 0 || t < run.started_at))
      run.started_at = t;
    if (&j == self) continue;
    run.outcomes.push_back(
        {j.id, j.name, j.status == "completed" ? j.conclusion : j.status, ctx_.run_attempt});
    if (j.status != "completed") running.push_back(j.name);
    if (const Job* sibling = failed_sibling(j, jobs.value)) {
      run.cancelled.push_back(
          {sanitize_utf8(j.name, 200),
           fmt::format("{}/{}/actions/runs/{}/job/{}", ctx_.server_url, ctx_.repo, ctx_.run_id, j.id),
           sanitize_utf8(sibling->name, 200)});
      continue;
    }
    if (is_failed(j)) downloads.emplace_back().job = &j;
  }
  if (self != nullptr && std::any_of(self->steps.begin(), self->steps.end(),
                                     [](const github::Step& st) { return st.conclusion == "failure"; }))
    notice(fmt::format(
        "ci-triage runs as a step of the failing job \"{}\", and a job cannot read its own log. "
        "Run ci-triage in a final job (needs: [the other jobs], if: failure()) or in a workflow_run "
        "workflow instead; see the README.",
        sanitize_utf8(self->name, 100)));
  if (!running.empty())
    notice(
        fmt::format("{} job(s) were still running and could not be triaged ({}): list them in the "
                    "ci-triage job's needs: so it starts after them.",
                    running.size(), sanitize_utf8(running.front(), 100)));
  if (downloads.empty()) return run;

  std::vector<LogRequest> requests;
  for (const auto& d : downloads) requests.push_back({d.job, ctx_.run_id});
  run.jobs = stream_job_logs(client_, ctx_, requests, start, options_, run.degraded);
  return run;
}

}  // namespace ci_triage
