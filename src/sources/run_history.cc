#include "sources/run_history.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <set>

#include "core/signature.h"
#include "core/text.h"

namespace ci_triage {

bool failed_conclusion(const std::string& conclusion) {
  return conclusion == "failure" || conclusion == "timed_out";
}

namespace {

std::vector<JobOutcome> outcomes(const std::vector<github::Job>& jobs, int attempt) {
  std::vector<JobOutcome> out;
  out.reserve(jobs.size());
  for (const auto& j : jobs)
    out.push_back({j.id, j.name, j.status == "completed" ? j.conclusion : j.status, attempt});
  return out;
}

const github::Job* named(const std::vector<github::Job>& jobs, const std::string& name) {
  for (const auto& j : jobs)
    if (j.name == name) return &j;
  return nullptr;
}

std::string file_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

RunHistorySource::RunHistorySource(github::Client& client, github::Context context, Options options)
    : client_(client), ctx_(std::move(context)), options_(options) {}

History RunHistorySource::read(const RunJobs& run, const StartJobLog& start) {
  History h;
  h.base = ctx_.base_branch;
  if (run.jobs.empty()) return h;  // nothing to mark
  auto unreadable = [&h](const std::string& why) {
    h.read = false;
    h.runs.clear();
    h.notices.push_back(
        fmt::format("The history of the base branch could not be read ({}): the failures are not marked "
                    "new, pre-existing or flaky.",
                    sanitize_utf8(why, 300)));
    return h;
  };
  if (h.base.empty()) return unreadable("no base branch: neither a pull request's base nor a pushed branch");
  const std::string workflow = file_name(ctx_.workflow_path);
  if (workflow.empty()) return unreadable("the workflow's file is not known (GITHUB_WORKFLOW_REF)");

  // This run's earlier attempts: a job that failed there and passed now (or the reverse).
  for (int a = ctx_.run_attempt - 1; a >= 1 && a >= ctx_.run_attempt - options_.attempts; --a) {
    ++h.requests;
    auto jobs = client_.list_jobs(ctx_.run_id, a);
    if (!jobs.ok()) return unreadable(jobs.error->message);
    for (auto& o : outcomes(jobs.value, a)) {
      const bool passed_now = std::any_of(run.outcomes.begin(), run.outcomes.end(), [&](const JobOutcome& c) {
        return c.name == o.name && c.conclusion == "success";
      });
      const bool listed = std::any_of(h.passed_on_rerun.begin(), h.passed_on_rerun.end(),
                                      [&](const RerunJob& r) { return r.name == o.name; });
      if (failed_conclusion(o.conclusion) && passed_now && !listed)
        h.passed_on_rerun.push_back(
            {sanitize_utf8(o.name, 200),
             fmt::format("{}/{}/actions/runs/{}/job/{}", ctx_.server_url, ctx_.repo, ctx_.run_id, o.id), a});
      h.earlier_attempts.push_back(std::move(o));
    }
  }

  // The base branch's latest completed runs, newest first (one page: a few more than needed,
  // as this run itself and pull-request runs from a fork's same-named branch are skipped).
  ++h.requests;
  auto runs = client_.list_workflow_runs(workflow, h.base, options_.runs + 2);
  if (!runs.ok()) return unreadable(runs.error->message);

  // The failed jobs' names still waiting for a base run that passed them (their streak's end).
  std::set<std::string> pending;
  for (const auto& j : run.jobs) pending.insert(j.name);
  std::deque<std::vector<github::Job>> listed;           // keeps the jobs the log requests point at
  std::vector<std::pair<std::size_t, LogRequest>> logs;  // (history run, job) to triage
  std::set<std::string> fingerprints_asked, names_asked;
  std::vector<std::string> wanted;  // this run's distinct root causes, in job order
  for (const auto& j : run.jobs)
    if (const std::string fp = job_fingerprint(j);
        !fp.empty() && std::find(wanted.begin(), wanted.end(), fp) == wanted.end())
      wanted.push_back(fp);

  const bool own_branch = !ctx_.pr_number && (ctx_.head_branch.empty() || ctx_.head_branch == h.base);
  for (const auto& r : runs.value) {
    if (static_cast<int>(h.runs.size()) >= options_.runs || pending.empty()) break;  // stop early
    if (r.id == ctx_.run_id || r.status != "completed" || r.event.rfind("pull_request", 0) == 0) continue;
    // A push compares with the runs before it on its branch, not with later pushes' runs (run
    // ids grow with time); a pull request with its base's newest state.
    if (own_branch && r.id > ctx_.run_id) continue;
    HistoryRun hr;
    hr.ref = {r.id, r.run_attempt, r.html_url, r.head_sha, r.head_branch};
    hr.conclusion = r.conclusion;
    ++h.requests;
    auto jobs = client_.list_jobs(r.id, r.run_attempt);
    if (!jobs.ok()) return unreadable(jobs.error->message);
    hr.jobs = outcomes(jobs.value, r.run_attempt);
    hr.jobs_listed = true;
    if (r.run_attempt > 1) {  // failed and passed on one commit: two attempts of this run
      ++h.requests;
      auto earlier = client_.list_jobs(r.id, r.run_attempt - 1);
      if (!earlier.ok()) return unreadable(earlier.error->message);
      hr.earlier = outcomes(earlier.value, r.run_attempt - 1);
    }
    listed.push_back(std::move(jobs.value));
    for (const auto& mine : run.jobs) {
      if (pending.count(mine.name) == 0) continue;
      const github::Job* there = named(listed.back(), mine.name);
      if (there == nullptr || there->status != "completed") continue;
      if (!failed_conclusion(there->conclusion)) {
        if (there->conclusion == "success") pending.erase(mine.name);
        continue;
      }
      // Its log, once per distinct failure of this run and per job name, in the newest run
      // that failed it: does the base branch fail the same way?
      const std::string fp = job_fingerprint(mine);
      if (names_asked.count(mine.name) != 0 || (!fp.empty() && fingerprints_asked.count(fp) != 0) ||
          logs.size() >= options_.logs)
        continue;
      names_asked.insert(mine.name);
      if (!fp.empty()) fingerprints_asked.insert(fp);
      logs.push_back({h.runs.size(), {there, r.id}});
    }
    h.runs.push_back(std::move(hr));
  }

  if (!logs.empty()) {
    std::vector<LogRequest> requests;
    for (const auto& [run_index, rq] : logs) requests.push_back(rq);
    bool degraded = false;
    h.requests += static_cast<int>(requests.size());
    const std::vector<JobReport> base =
        stream_job_logs(client_, ctx_, requests, start, options_.download, degraded);
    for (std::size_t i = 0; i < base.size(); ++i) {
      if (!base[i].log_available) continue;  // not compared: its conclusion alone decides
      auto& fps = h.runs[logs[i].first].fingerprints[logs[i].second.job->name];
      if (const std::string fp = job_fingerprint(base[i]); !fp.empty()) fps.push_back(fp);
    }
  }
  if (h.runs.empty() && h.earlier_attempts.empty()) {
    h.notices.push_back(
        fmt::format("No completed run of {} on {} to compare with: the failures are not marked new, "
                    "pre-existing or flaky.",
                    sanitize_utf8(workflow, 100), sanitize_utf8(h.base, 100)));
    return h;
  }
  h.read = true;
  return h;
}

}  // namespace ci_triage
