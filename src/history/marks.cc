#include "history/marks.h"

#include <fmt/format.h>

#include <algorithm>

#include "log/rerun_markers.h"

namespace ci_triage {

namespace {

const Finding* first_error(const JobReport& job) {
  for (const auto& f : job.findings)
    if (f.severity == Severity::kError) return &f;
  return nullptr;
}

std::vector<std::string> test_ids(const Finding& f) {
  const auto it = f.fields.find("test_ids");
  if (it == f.fields.end()) return {};
  if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) return *l;
  if (const auto* s = std::get_if<std::string>(&it->second)) return {*s};
  return {};
}

std::string short_sha(const std::string& sha) { return sha.substr(0, 7); }

// Every failing test of the root cause passed after a rerun somewhere in this run.
std::string flaky_by_rerun(const Report& report, const FailureGroup& g) {
  const Finding* f = first_error(report.jobs[g.jobs.front()]);
  if (f == nullptr) return "";
  const auto ids = test_ids(*f);
  if (ids.empty()) return "";
  std::string where;
  for (const auto& id : ids) {
    bool passed = false;
    for (const auto& job : report.jobs)
      for (const auto& t : job.flaky_tests)
        if (same_test(id, t)) {
          passed = true;
          if (where.empty()) where = job.name;
        }
    if (!passed) return "";
  }
  return fmt::format("its failing test{} passed when the rerun plugin ran {} again (in {})",
                     ids.size() == 1 ? "" : "s", ids.size() == 1 ? "it" : "them", where);
}

const JobOutcome* job_named(const std::vector<JobOutcome>& jobs, const std::string& name) {
  for (const auto& j : jobs)
    if (j.name == name) return &j;
  return nullptr;
}

bool ran(const JobOutcome& j) { return j.conclusion == "success" || failed_conclusion(j.conclusion); }

// A job of the group that passed in an earlier attempt of this run (the same commit).
std::string flaky_by_attempt(const Report& report, const FailureGroup& g, const History& h) {
  for (std::size_t i : g.jobs)
    for (const auto& e : h.earlier_attempts)
      if (e.name == report.jobs[i].name && e.conclusion == "success")
        return fmt::format("{} passed in attempt {} of this run, on the same commit", e.name, e.attempt);
  return "";
}

// The job failed and passed on one base commit: two runs of it, or two attempts of one run.
std::string flaky_on_base(const std::string& name, const History& h) {
  for (const auto& r : h.runs) {
    const JobOutcome* j = job_named(r.jobs, name);
    if (j == nullptr || !ran(*j)) continue;
    for (const auto& e : r.earlier)
      if (e.name == name && ran(e) && failed_conclusion(e.conclusion) != failed_conclusion(j->conclusion))
        return fmt::format("{} failed and passed in two attempts of one {} run on commit {}", name, h.base,
                           short_sha(r.ref.head_sha));
    for (const auto& o : h.runs) {
      if (&o == &r || o.ref.head_sha != r.ref.head_sha || o.ref.head_sha.empty()) continue;
      const JobOutcome* k = job_named(o.jobs, name);
      if (k != nullptr && ran(*k) && failed_conclusion(k->conclusion) != failed_conclusion(j->conclusion))
        return fmt::format("{} failed and passed in two {} runs on commit {}", name, h.base,
                           short_sha(r.ref.head_sha));
    }
  }
  return "";
}

int rank(FailureMark m) {
  switch (m) {
    case FailureMark::kUnknown:
    case FailureMark::kNew:
      return 0;
    case FailureMark::kPreExisting:
      return 1;
    case FailureMark::kFlaky:
      return 2;
  }
  return 0;
}

}  // namespace

void mark_failures(Report& report, const History& h) {
  if (!h.read) return;
  for (FailureGroup& g : report.groups) {
    g.mark = FailureMark::kNew;
    if (std::string why = flaky_by_rerun(report, g); !why.empty()) {
      g.mark = FailureMark::kFlaky;
      g.flaky_reason = std::move(why);
      continue;
    }
    if (std::string why = flaky_by_attempt(report, g, h); !why.empty()) {
      g.mark = FailureMark::kFlaky;
      g.flaky_reason = std::move(why);
      continue;
    }
    // The newest base run that ran a job of the group decides.
    for (const auto& r : h.runs) {
      bool fingerprint_seen = false;
      if (!g.fingerprint.empty())
        for (const auto& [name, fps] : r.fingerprints)
          if (std::find(fps.begin(), fps.end(), g.fingerprint) != fps.end()) fingerprint_seen = true;
      const JobOutcome* job = nullptr;
      for (std::size_t i : g.jobs)
        if (const JobOutcome* j = job_named(r.jobs, report.jobs[i].name); j != nullptr && ran(*j)) {
          job = j;
          break;
        }
      if (job == nullptr && !fingerprint_seen) continue;  // it did not run there: look further back
      const bool same_job_failed = job != nullptr && failed_conclusion(job->conclusion);
      const auto fps = job != nullptr ? r.fingerprints.find(job->name) : r.fingerprints.end();
      const bool compared = fps != r.fingerprints.end() && !g.fingerprint.empty();
      if (fingerprint_seen || (same_job_failed && !compared)) {
        g.mark = FailureMark::kPreExisting;
        g.seen_in = r.ref;
        g.compared = fingerprint_seen;
        g.since = r.ref;
        if (job != nullptr) {  // the unbroken streak of that job's failures before it
          bool streak = false;
          for (const auto& older : h.runs) {
            if (&older == &r) {
              streak = true;
              continue;
            }
            if (!streak) continue;
            const JobOutcome* o = job_named(older.jobs, job->name);
            if (o == nullptr || !older.jobs_listed) break;
            if (!ran(*o)) continue;
            if (!failed_conclusion(o->conclusion)) break;
            g.since = older.ref;
          }
        }
      }
      break;
    }
    for (std::size_t i : g.jobs) {
      if (std::string why = flaky_on_base(report.jobs[i].name, h); !why.empty()) {
        g.mark = FailureMark::kFlaky;
        g.flaky_reason = std::move(why);
        break;
      }
    }
  }
  std::stable_sort(report.groups.begin(), report.groups.end(),
                   [](const FailureGroup& a, const FailureGroup& b) { return rank(a.mark) < rank(b.mark); });
}

}  // namespace ci_triage
