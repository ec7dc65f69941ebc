// The sticky PR comment of GitHub mode: one section per distinct failure (new
// ones first, those not this change's folded), root cause first, the escalation block for deployments; and
// the note that replaces it when the workflow passes again.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "core/signature.h"
#include "core/text.h"
#include "report/github_markdown.h"
#include "report/report.h"

namespace ci_triage {
namespace {

using namespace markdown;

constexpr std::size_t kQuotedInComment = 5;
constexpr std::size_t kAlsoInComment = 3;
constexpr std::size_t kJobsInComment = 12;  // jobs of a group linked in the comment

bool is_deployment(const JobReport& job) {
  static const std::set<std::string> kDeploy = {"kubectl-auth", "pods-not-ready", "registry-auth",
                                                "rollback",     "smoke-tests",    "monitoring"};
  for (const auto& f : job.findings)
    if (kDeploy.count(f.category)) return true;
  const std::string name = ascii_lower(job.name);
  for (const char* w : {"deploy", "release", "rollout", "production", "staging"})
    if (name.find(w) != std::string::npos) return true;
  return false;
}

// The runbook's escalation template, filled in (a fenced Markdown block people copy).
std::string escalation_block(const Report& report, const JobReport& job, const Escalation& esc) {
  const RunInfo& run = *report.run;
  const Finding* f = root_cause(job);
  std::ostringstream t;
  t << "## CI/CD Issue Escalation\n\n";
  t << "**Issue**: " << (f ? sanitize_utf8(f->title, 300) : "job " + job.name + " failed") << " (job "
    << sanitize_utf8(job.name, 200) << ")\n";
  std::string env;
  if (f) env = field_string(*f, "environment");
  if (env.empty() && f) env = field_string(*f, "namespace");
  t << "**Impact**: deployment blocked"
    << (env.empty() ? " (job " + sanitize_utf8(job.name, 200) + ")" : " in " + sanitize_utf8(env, 100))
    << "\n";
  if (run.started_at > 0 && run.generated_at >= run.started_at)
    t << "**Duration**: " << duration(run.generated_at - run.started_at) << " since the run started ("
      << utc(run.started_at) << ")\n";
  t << "**Attempted Solutions**: ci-triage read the logs of " << run.jobs_failed
    << " failed job(s) and matched them against its rule table";
  if (f) {
    t << "; root cause: " << f->category;
    if (!f->remedies.empty()) t << "; suggested first step: " << sanitize_utf8(f->remedies.front(), 300);
  }
  t << "\n**Error Logs**:\n";
  std::string logs;
  if (f)
    for (std::size_t i = 0; i < f->evidence.size() && i < kQuotedInComment; ++i)
      logs += f->evidence[i].text + "\n";
  const std::string inner = escape::markdown_fence(logs);
  t << inner << "\n" << logs << inner << "\n";
  t << "**Workflow Run**: " << run.url << "\n\n";
  if (!esc.request.empty())
    t << "**Request**: " << sanitize_utf8(esc.request, 500) << "\n";
  else
    t << "**Request**: help with " << (f ? f->category : std::string("the failed deployment")) << " in job "
      << sanitize_utf8(job.name, 200) << "\n";
  if (!esc.contacts.empty()) {
    t << "\n**Escalation contacts**:\n";
    for (const auto& c : esc.contacts) t << "- " << sanitize_utf8(c, 300) << "\n";
  }
  const std::string text = t.str();
  const std::string outer = escape::markdown_fence(text);
  return "<details><summary>Escalation (deployment blocked): copy this into the escalation "
         "channel</summary>\n\n" +
         outer + "markdown\n" + text + outer + "\n\n</details>\n\n";
}

std::string comment_group(const Report& report, const Delivery& delivery, const FailureGroup& g,
                          const Escalation& esc) {
  const JobReport& job = report.jobs[g.jobs.front()];
  std::ostringstream out;
  const Finding* f = root_cause(job);
  out << "#### " << icon(Severity::kError) << " " << group_heading(report, g) << "\n\n";
  out << mark_line(report, g);
  if (f == nullptr) {
    out << (job.log_available ? "No known failure pattern found in this job's log.\n\n"
                              : "The log of this job could not be read.\n\n");
    out << same_failure_line(report, g, kJobsInComment, "the job summary");
    for (const auto& n : job.notices) out << "> " << escape::markdown_inline(n) << "\n\n";
    return out.str();
  }
  out << "**" << escape::markdown_inline(f->title) << "** · `" << f->category << "` · " << where(job, *f)
      << "\n\n";
  if (!f->summary.empty()) out << escape::markdown_text(f->summary) << "\n\n";
  if (!f->evidence.empty()) out << evidence_block(job, *f, kQuotedInComment, false) << "\n";
  out << same_failure_line(report, g, kJobsInComment, "the job summary");
  if (!f->remedies.empty()) {
    out << "**What to do**\n\n";
    for (const auto& r : f->remedies) out << "- [ ] " << escape::markdown_text(r) << "\n";
    out << "\n";
  }
  write_fix(*f, delivery, out);
  std::size_t others = job.findings.size() - 1;
  if (others > 0) {
    out << "**Also found**\n\n";
    std::size_t listed = 0;
    for (const auto& other : job.findings) {
      if (&other == f) continue;
      if (listed++ == kAlsoInComment) {
        out << "- _+" << others - kAlsoInComment << " more in the job summary_\n";
        break;
      }
      out << "- " << icon(other.severity) << " " << escape::markdown_inline(other.title) << " (`"
          << other.category << "`, " << where(job, other) << ")\n";
    }
    out << "\n";
  }
  if (esc.enabled && is_deployment(job) && report.run) out << escalation_block(report, job, esc);
  return out.str();
}

std::string comment_footer(const RunInfo& run) {
  return fmt::format(
      "<sub>{} · commit {} · updated {} by ci-triage {} · this comment is edited in place on every "
      "run</sub>\n",
      link(run_label(run), run.url), short_sha(run.head_sha), utc(run.generated_at), CI_TRIAGE_VERSION);
}

}  // namespace

std::string sticky_marker(const std::string& workflow) {
  std::string w;
  for (char c : sanitize_utf8(workflow, 200)) w += (c == '-' || c == '>' || c == '<' || c == '"') ? '_' : c;
  return "<!-- ci-triage:sticky workflow=\"" + w + "\" -->";
}

std::string render_pr_comment(const Report& report, const Delivery& delivery, const std::string& marker,
                              std::size_t max_chars, const Escalation& escalation) {
  const std::vector<FailureGroup> groups = report.groups.empty() ? group_failures(report) : report.groups;
  std::string out = marker + "\n";
  if (report.run) {
    const RunInfo& run = *report.run;
    out += fmt::format("### {} ci-triage: {} failed", icon(Severity::kError), link(run_label(run), run.url));
    if (!run.head_sha.empty()) out += " on " + short_sha(run.head_sha);
    out += " — " + failure_count(report.jobs.size(), groups, &run) + "\n\n";
  }
  const std::string footer = report.run ? comment_footer(*report.run) : "";
  std::size_t written = 0;
  out += group_sections(
      report, groups, max_chars - std::min(max_chars, code_points(out) + code_points(footer) + 200),
      code_points, [&](const FailureGroup& g) { return comment_group(report, delivery, g, escalation); },
      written);
  if (written < groups.size())
    out += fmt::format("_+{} more failure(s) in the run's job summary._\n\n", groups.size() - written);
  if (report.run) out += cancelled_line(*report.run, kJobsInComment);  // after the failures: they come first
  return out + footer;
}

std::string render_resolved_comment(const Report& report, const std::string& marker) {
  std::string out = marker + "\n";
  if (!report.run) return out + "### \xE2\x9C\x85 ci-triage: the failures reported here are resolved\n";
  const RunInfo& run = *report.run;
  out += "### \xE2\x9C\x85 ci-triage: the failures reported here are resolved\n\n";
  out += fmt::format("{} passed", link(run_label(run), run.url));
  if (!run.head_sha.empty()) out += " on " + short_sha(run.head_sha);
  out += ". The previous failure report was replaced by this note.\n\n";
  return out + comment_footer(run);
}

}  // namespace ci_triage
