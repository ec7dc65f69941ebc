// GitHub-mode reporters: the job summary, the sticky PR comment and the run's
// annotations. Log text is untrusted: everything quoted goes through escape::.
#include <fmt/format.h>

#include <ctime>
#include <set>
#include <sstream>

#include "core/signature.h"
#include "core/text.h"
#include "report/report.h"

namespace ci_triage {
namespace {

constexpr std::size_t kQuotedInSummary = 8;
constexpr std::size_t kQuotedInComment = 5;
constexpr std::size_t kMaxTableRows = 50;
constexpr std::size_t kAlsoInComment = 3;
constexpr std::size_t kJobsInComment = 12;  // jobs of a group linked in the comment

const char* icon(Severity s) {
  switch (s) {
    case Severity::kError:
      return "\xE2\x9D\x8C";  // cross mark
    case Severity::kWarning:
      return "\xE2\x9A\xA0\xEF\xB8\x8F";  // warning sign
    case Severity::kNotice:
      return "\xE2\x84\xB9\xEF\xB8\x8F";  // information
  }
  return "";
}

const Finding* root_cause(const JobReport& job) {
  for (const auto& f : job.findings)
    if (f.severity == Severity::kError) return &f;
  return job.findings.empty() ? nullptr : &job.findings.front();
}

const StepSummary* step_of_line(const JobReport& job, std::uint64_t line) {
  for (const auto& s : job.steps)
    if (line >= s.first_line && line <= s.last_line) return &s;
  return nullptr;
}

std::string link(const std::string& text, const std::string& url) {
  return url.empty() ? text : fmt::format("[{}]({})", text, url);
}

std::string short_sha(const std::string& sha) { return sha.substr(0, 7); }

std::string utc(std::int64_t t) {
  if (t <= 0) return "";
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// "42 minutes", "5 hours 3 minutes", "3 days 4 hours".
std::string duration(std::int64_t seconds) {
  const std::int64_t m = seconds / 60, h = m / 60, d = h / 24;
  auto unit = [](std::int64_t n, const char* name) {
    return fmt::format("{} {}{}", n, name, n == 1 ? "" : "s");
  };
  if (d > 0) return unit(d, "day") + (h % 24 ? " " + unit(h % 24, "hour") : "");
  if (h > 0) return unit(h, "hour") + (m % 60 ? " " + unit(m % 60, "minute") : "");
  return unit(m, "minute");
}

std::string run_label(const RunInfo& run) {
  const std::string name = run.workflow.empty() ? "workflow" : run.workflow;
  std::string s = escape::markdown_inline(name) + " run " + std::to_string(run.run_id);
  if (run.attempt > 1) s += fmt::format(" (attempt {})", run.attempt);
  return s;
}

// Quoted evidence lines with the web-log links under the fence.
std::string evidence_block(const JobReport& job, const Finding& f, std::size_t max_lines, bool collapsed) {
  std::ostringstream body;
  std::size_t shown = 0;
  for (const auto& e : f.evidence) {
    if (shown++ == max_lines) break;
    body << e.text << "\n";
  }
  const std::string text = body.str();
  const std::string fence = escape::markdown_fence(text);
  std::string links;
  shown = 0;
  for (const auto& e : f.evidence) {
    if (shown++ == max_lines) break;
    const std::string url = log_line_url(job, e.line);
    if (url.empty()) break;
    links += (links.empty() ? "" : " · ") + link(log_line_label(job, e.line), url);
  }
  std::string more;
  if (f.evidence.size() > max_lines)
    more = fmt::format("\n_+{} more quoted lines in the JSON report_\n", f.evidence.size() - max_lines);
  else if (f.hit_count > f.evidence.size())
    more = fmt::format("\n_{} matching lines in all_\n", f.hit_count);
  std::string block = fmt::format("{}text\n{}{}\n", fence, text, fence);
  if (!links.empty()) block += "\nIn the log: " + links + "\n";
  block += more;
  if (!collapsed) return block;
  return fmt::format("<details><summary>Evidence ({} line{})</summary>\n\n{}\n</details>\n",
                     f.evidence.size(), f.evidence.size() == 1 ? "" : "s", block);
}

std::string where(const JobReport& job, const Finding& f) {
  std::string s;
  if (!f.evidence.empty()) {
    s = link(log_line_label(job, f.evidence.front().line), log_line_url(job, f.evidence.front().line));
  } else {
    const std::string step = f.step.name.empty() ? "" : " " + escape::markdown_inline(f.step.name);
    s = fmt::format("step{}", step);
  }
  if (f.location) {
    s += " · " + escape::markdown_inline(sanitize_utf8(f.location->file, 200));
    if (f.location->line > 0) s += fmt::format(" line {}", f.location->line);
  }
  return s;
}

void write_fix(const Finding& f, std::ostream& out) {
  if (f.patch && !f.suggestion_url.empty()) {
    out << "**Suggested patch** \xC2\xB7 posted as a one-click "
        << link("suggestion on the PR", f.suggestion_url) << " (" << escape::markdown_inline(f.patch->file)
        << ")\n\n";
  } else if (f.patch) {
    write_patch_markdown(*f.patch, out);
  }
  for (const auto& n : f.patch_notes) out << "> " << escape::markdown_text(n) << "\n\n";
}

void write_finding(const JobReport& job, const Finding& f, std::size_t max_lines, std::ostream& out) {
  out << "**" << icon(f.severity) << " " << escape::markdown_inline(f.title) << "**\n\n";
  out << "Category `" << f.category << "` · " << where(job, f) << "\n\n";
  if (!f.summary.empty()) out << escape::markdown_text(f.summary) << "\n\n";
  if (!f.evidence.empty()) out << evidence_block(job, f, max_lines, false) << "\n";
  if (!f.remedies.empty()) {
    out << "**What to do**\n\n";
    for (const auto& r : f.remedies) out << "- [ ] " << escape::markdown_text(r) << "\n";
    out << "\n";
  }
  write_fix(f, out);
  if (!f.causes.empty()) {
    out << "<details><summary>Likely causes</summary>\n\n";
    for (const auto& c : f.causes) out << "- " << escape::markdown_text(c) << "\n";
    out << "\n</details>\n\n";
  }
}

std::string job_heading(const JobReport& job) {
  const std::string name = escape::markdown_inline(job.name);
  std::string s = link(name, job.url);
  if (!job.conclusion.empty() && job.conclusion != "failure") s += " (" + job.conclusion + ")";
  return s;
}

std::string failure_count(std::size_t jobs, const std::vector<FailureGroup>& groups, const RunInfo* run) {
  const std::size_t n = groups.size();
  std::string s;
  if (run != nullptr && run->history_read && n > 0) {
    // Is it this change? New failures first, the others counted apart.
    std::size_t fresh = 0, pre = 0, flaky = 0;
    for (const auto& g : groups)
      (g.mark == FailureMark::kPreExisting ? pre : g.mark == FailureMark::kFlaky ? flaky : fresh) += 1;
    std::vector<std::string> parts;
    if (fresh > 0 || (pre == 0 && flaky == 0))
      parts.push_back(fmt::format("{} new failure{}", fresh, fresh == 1 ? "" : "s"));
    if (pre > 0) parts.push_back(fmt::format("{} also on {}", pre, escape::markdown_inline(run->base)));
    if (flaky > 0) parts.push_back(fmt::format("{} flaky", flaky));
    for (std::size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? "" : ", ") + parts[i];
    s += fmt::format(" ({} failed job{})", jobs, jobs == 1 ? "" : "s");
  } else {
    s = n == jobs || n == 0 ? fmt::format("{} failed job{}", jobs, jobs == 1 ? "" : "s")
                            : fmt::format("{} distinct failure{} in {} failed job{}", n, n == 1 ? "" : "s",
                                          jobs, jobs == 1 ? "" : "s");
  }
  if (run != nullptr && !run->cancelled.empty())
    s += fmt::format(" \xC2\xB7 {} cancelled", run->cancelled.size());
  return s;
}

std::string commit_link(const RunInfo& run, const std::string& sha) {
  if (sha.empty()) return "";
  const std::string text = "`" + short_sha(sha) + "`";
  if (run.server_url.empty() || run.repo.empty()) return text;
  return link(text, fmt::format("{}/{}/commit/{}", run.server_url, run.repo, sha));
}

std::string run_ref_link(const RunInfo& run, const RunRef& r) {
  std::string s = link(fmt::format("run {}", r.run_id), r.url);
  if (!r.head_sha.empty()) s += " (" + commit_link(run, r.head_sha) + ")";
  return s;
}

// One line under a group's heading: is it this change?
std::string mark_line(const Report& report, const FailureGroup& g) {
  if (!report.run || !report.run->history_read) return "";
  const RunInfo& run = *report.run;
  const std::string base = "`" + sanitize_utf8(run.base, 100) + "`";
  switch (g.mark) {
    case FailureMark::kUnknown:
      return "";
    case FailureMark::kNew:
      return "\xF0\x9F\x86\x95 **New**: " + base +
             " does not fail this way, so this change most likely caused it.\n\n";
    case FailureMark::kPreExisting: {
      std::string out = "\xE2\x86\xA9\xEF\xB8\x8F **Also failing on " + base + "**";
      if (g.since && g.seen_in && g.since->run_id != g.seen_in->run_id)
        out += " since " + run_ref_link(run, *g.since) + ", last in " + run_ref_link(run, *g.seen_in);
      else if (g.seen_in)
        out += " in " + run_ref_link(run, *g.seen_in);
      out += ": not this change.";
      if (!g.compared) out += " (The same job fails there; its log was not compared.)";
      return out + "\n\n";
    }
    case FailureMark::kFlaky:
      return "\xF0\x9F\x8E\xB2 **Flaky**: " + escape::markdown_text(g.flaky_reason) + ".\n\n";
  }
  return "";
}

// The folds for failures that are not this change's: pre-existing, then flaky.
std::string fold_open(const Report& report, FailureMark mark, std::size_t count) {
  const std::string base = "`" + sanitize_utf8(report.run->base, 100) + "`";
  if (mark == FailureMark::kPreExisting)
    return fmt::format(
        "<details><summary>\xE2\x86\xA9\xEF\xB8\x8F {} failure{} also on {}: not this change</summary>\n\n",
        count, count == 1 ? "" : "s", base);
  return fmt::format(
      "<details><summary>\xF0\x9F\x8E\xB2 {} flaky failure{}: failed and passed on the same "
      "commit</summary>\n\n",
      count, count == 1 ? "" : "s");
}

// Jobs that failed in an earlier attempt of this run and passed when re-run.
std::string rerun_passes(const RunInfo& run) {
  if (run.passed_on_rerun.empty()) return "";
  std::string out = "\xF0\x9F\x8E\xB2 Passed when re-run (flaky): ";
  for (std::size_t i = 0; i < run.passed_on_rerun.size() && i < kMaxTableRows; ++i) {
    const RerunJob& j = run.passed_on_rerun[i];
    out += (i == 0 ? "" : " \xC2\xB7 ") + link(escape::markdown_inline(j.name), j.url) +
           fmt::format(" failed in attempt {}", j.failed_attempt);
  }
  return out + "\n\n";
}

// Sections in order, the groups that are not this change's folded. `render` gives one section.
template <typename Render>
std::string sections(const Report& report, const std::vector<FailureGroup>& groups, std::size_t budget,
                     std::size_t (*size)(std::string_view), Render render, std::size_t& written) {
  std::string out;
  written = 0;
  FailureMark open = FailureMark::kUnknown;
  const bool marked = report.run && report.run->history_read;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const FailureGroup& g = groups[k];
    std::string part;
    const bool folded = marked && (g.mark == FailureMark::kPreExisting || g.mark == FailureMark::kFlaky);
    if (folded && g.mark != open) {
      if (open != FailureMark::kUnknown) part += "</details>\n\n";
      std::size_t count = 0;
      for (const auto& o : groups) count += o.mark == g.mark;
      part += fold_open(report, g.mark, count);
      if (g.mark == FailureMark::kFlaky && report.run) part += rerun_passes(*report.run);
      open = g.mark;
    }
    part += render(g);
    if (size(out) + size(part) + 64 > budget) break;
    out += part;
    ++written;
  }
  if (marked && open != FailureMark::kFlaky && report.run && !report.run->passed_on_rerun.empty()) {
    if (open != FailureMark::kUnknown) out += "</details>\n\n";
    out += "<details><summary>\xF0\x9F\x8E\xB2 Flaky: passed when re-run</summary>\n\n" +
           rerun_passes(*report.run);
    open = FailureMark::kFlaky;
  }
  if (open != FailureMark::kUnknown) out += "</details>\n\n";
  return out;
}

std::size_t byte_size(std::string_view s) { return s.size(); }

// The jobs of a group after the first, each linked to where its log shows the failure.
std::string same_failure_line(const Report& report, const FailureGroup& g, std::size_t max_listed,
                              const char* rest_in) {
  if (g.jobs.size() < 2) return "";
  std::string out = fmt::format("**Failed the same way** ({} more job{}): ", g.jobs.size() - 1,
                                g.jobs.size() == 2 ? "" : "s");
  for (std::size_t k = 1; k < g.jobs.size(); ++k) {
    if (k > max_listed) {
      out += fmt::format(" · _+{} more in {}_", g.jobs.size() - k, rest_in);
      break;
    }
    const JobReport& j = report.jobs[g.jobs[k]];
    const Finding* f = root_cause(j);
    std::string url = j.url;
    if (f != nullptr && !f->evidence.empty()) url = log_line_url(j, f->evidence.front().line);
    out += (k == 1 ? "" : " · ") + link(escape::markdown_inline(j.name), url);
  }
  return out + "\n\n";
}

// "[test (3.9)](url)" or "[test (3.9)](url) and 11 more jobs".
std::string group_heading(const Report& report, const FailureGroup& g) {
  std::string s = job_heading(report.jobs[g.jobs.front()]);
  if (g.jobs.size() > 1)
    s += fmt::format(" and {} more job{}", g.jobs.size() - 1, g.jobs.size() == 2 ? "" : "s");
  return s;
}

std::string group_section(const Report& report, const FailureGroup& g) {
  const JobReport& job = report.jobs[g.jobs.front()];
  std::ostringstream out;
  out << "### " << icon(Severity::kError) << " " << group_heading(report, g) << "\n\n";
  out << mark_line(report, g);
  const Finding* primary = root_cause(job);
  if (primary == nullptr) {
    out << (job.log_available ? "No known failure pattern found in this job's log.\n\n"
                              : "The log of this job could not be read.\n\n");
  } else {
    write_finding(job, *primary, kQuotedInSummary, out);
  }
  out << same_failure_line(report, g, kMaxTableRows, "the JSON report");
  std::size_t others = 0;
  for (const auto& f : job.findings)
    if (&f != primary) ++others;
  if (others > 0) {
    out << "**Also found**\n\n";
    for (const auto& f : job.findings) {
      if (&f == primary) continue;
      out << "- " << icon(f.severity) << " " << escape::markdown_inline(f.title) << " (`" << f.category
          << "`, " << where(job, f) << ")\n";
    }
    out << "\n";
  }
  for (const auto& n : job.notices) out << "> " << escape::markdown_inline(n) << "\n\n";
  return out.str();
}

// The jobs cancelled because a job of their matrix failed: one line, not a section each.
std::string cancelled_line(const RunInfo& run) {
  if (run.cancelled.empty()) return "";
  std::string after;
  for (const auto& c : run.cancelled)
    if (!c.after.empty()) after = c.after;
  std::string out = fmt::format("> \xE2\x8A\x98 **{} cancelled** ", run.cancelled.size());
  out += after.empty() ? std::string("after a job of the run failed")
                       : "after " + escape::markdown_inline(after) + " failed (matrix fail-fast)";
  out += ", not failures of their own: ";
  std::size_t listed = 0;
  for (const auto& c : run.cancelled) {
    if (listed++ == kMaxTableRows) {
      out += fmt::format(" · _+{} more_", run.cancelled.size() - kMaxTableRows);
      break;
    }
    out += (listed == 1 ? "" : " · ") + link(escape::markdown_inline(c.name), c.url);
  }
  return out + "\n\n";
}

// "4 distinct failures in 12 failed jobs", "1 failed job", "+ · 3 cancelled".

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_deployment(const JobReport& job) {
  static const std::set<std::string> kDeploy = {"kubectl-auth", "pods-not-ready", "registry-auth",
                                                "rollback",     "smoke-tests",    "monitoring"};
  for (const auto& f : job.findings)
    if (kDeploy.count(f.category)) return true;
  std::string name = job.name;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : {"deploy", "release", "rollout", "production", "staging"})
    if (name.find(w) != std::string::npos) return true;
  return false;
}

std::string field_text(const Finding& f, const char* key) {
  const auto it = f.fields.find(key);
  if (it == f.fields.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return "";
}

// The runbook's escalation template, filled in (a fenced Markdown block people copy).
std::string escalation_block(const Report& report, const JobReport& job) {
  const RunInfo& run = *report.run;
  const Finding* f = root_cause(job);
  std::ostringstream t;
  t << "## CI/CD Issue Escalation\n\n";
  t << "**Issue**: " << (f ? sanitize_utf8(f->title, 300) : "job " + job.name + " failed") << " (job "
    << sanitize_utf8(job.name, 200) << ")\n";
  std::string env;
  if (f) env = field_text(*f, "environment");
  if (env.empty() && f) env = field_text(*f, "namespace");
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
  t << "**Request**: help with " << (f ? f->category : std::string("the failed deployment")) << " in job "
    << sanitize_utf8(job.name, 200) << "\n";
  const std::string text = t.str();
  const std::string outer = escape::markdown_fence(text);
  return "<details><summary>Escalation (deployment blocked): copy this into the escalation "
         "channel</summary>\n\n" +
         outer + "markdown\n" + text + outer + "\n\n</details>\n\n";
}

std::string comment_group(const Report& report, const FailureGroup& g) {
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
  write_fix(*f, out);
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
  if (is_deployment(job) && report.run) out << escalation_block(report, job);
  return out.str();
}

std::string comment_footer(const RunInfo& run) {
  return fmt::format(
      "<sub>{} · commit {} · updated {} by ci-triage {} · this comment is edited in place on every "
      "run</sub>\n",
      link(run_label(run), run.url), short_sha(run.head_sha), utc(run.generated_at), CI_TRIAGE_VERSION);
}

}  // namespace

std::string log_line_label(const JobReport& job, std::uint64_t line) {
  const StepSummary* s = step_of_line(job, line);
  if (s != nullptr && s->api_number > 0)
    return fmt::format("step {}, line {}", s->api_number, line - s->first_line + 1);
  return fmt::format("line {}", line);
}

std::string log_line_url(const JobReport& job, std::uint64_t line) {
  if (job.url.empty()) return "";
  const StepSummary* s = step_of_line(job, line);
  if (s == nullptr || s->api_number <= 0) return job.url;
  return fmt::format("{}#step:{}:{}", job.url, s->api_number, line - s->first_line + 1);
}

std::string sticky_marker(const std::string& workflow) {
  std::string w;
  for (char c : sanitize_utf8(workflow, 200)) w += (c == '-' || c == '>' || c == '<' || c == '"') ? '_' : c;
  return "<!-- ci-triage:sticky workflow=\"" + w + "\" -->";
}

std::string render_github_summary(const Report& report, std::size_t max_bytes) {
  std::ostringstream head;
  const auto& jobs = report.jobs;  // GitHub mode reports failed jobs only
  const std::vector<FailureGroup> groups = report.groups.empty() ? group_failures(report) : report.groups;
  const RunInfo* run = report.run ? &*report.run : nullptr;
  if (run != nullptr && !run->jobs_listed) {
    head << "## ci-triage: could not triage " << link(run_label(*run), run->url) << "\n\n";
  } else if (jobs.empty()) {
    head << "## ci-triage: no failed jobs";
    if (run) head << " in " << link(run_label(*run), run->url);
    head << "\n\n";
    if (run) head << cancelled_line(*run);
  } else {
    head << "## ci-triage: " << failure_count(jobs.size(), groups, run);
    if (run) head << " in " << link(run_label(*run), run->url);
    head << "\n\n| Failure | Jobs | Where |\n|---|---|---|\n";
    std::size_t rows = 0;
    for (const FailureGroup& g : groups) {
      if (rows++ == kMaxTableRows || static_cast<std::size_t>(head.tellp()) > max_bytes / 4) {
        head << fmt::format("| _+{} more_ | | |\n", groups.size() - rows + 1);
        break;
      }
      const JobReport& j = jobs[g.jobs.front()];
      const Finding* f = root_cause(j);
      head << "| ";
      if (f != nullptr)
        head << icon(f->severity) << " " << escape::markdown_inline(f->title) << " (`" << f->category << "`)";
      else
        head << (j.log_available ? "no known pattern" : "log unavailable");
      head << " | " << job_heading(j);
      if (g.jobs.size() > 1) head << fmt::format(" +{}", g.jobs.size() - 1);
      head << " | " << (f != nullptr ? where(j, *f) : std::string("-")) << " |\n";
    }
    head << "\n";
    if (run) head << cancelled_line(*run);
  }
  if (run)
    for (const auto& n : run->notices) head << "> [!WARNING]\n> " << escape::markdown_text(n) << "\n\n";
  std::string out = head.str();
  const std::string footer =
      fmt::format("<sub>ci-triage {} · full details in the JSON report</sub>\n", CI_TRIAGE_VERSION);
  std::size_t written = 0;
  out += sections(
      report, groups, max_bytes - std::min(max_bytes, out.size() + footer.size() + 200), byte_size,
      [&](const FailureGroup& g) { return group_section(report, g); }, written);
  if (written < groups.size())
    out += fmt::format(
        "_+{} more failure(s) left out to keep the summary under 1 MiB; see the JSON report._\n\n",
        groups.size() - written);
  return out + footer;
}

std::string render_pr_comment(const Report& report, const std::string& marker, std::size_t max_chars) {
  const std::vector<FailureGroup> computed = report.groups.empty() ? group_failures(report) : report.groups;
  std::string out = marker + "\n";
  if (report.run) {
    const RunInfo& run = *report.run;
    out += fmt::format("### {} ci-triage: {} failed", icon(Severity::kError), link(run_label(run), run.url));
    if (!run.head_sha.empty()) out += " on " + short_sha(run.head_sha);
    out += " — " + failure_count(report.jobs.size(), computed, &run) + "\n\n";
  }
  const std::string footer = report.run ? comment_footer(*report.run) : "";
  std::size_t written = 0;
  out += sections(
      report, computed, max_chars - std::min(max_chars, code_points(out) + code_points(footer) + 200),
      code_points, [&](const FailureGroup& g) { return comment_group(report, g); }, written);
  if (written < computed.size())
    out += fmt::format("_+{} more failure(s) in the run's job summary._\n\n", computed.size() - written);
  if (report.run) out += cancelled_line(*report.run);  // after the failures: they come first
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

void write_run_annotations(const Report& report, std::ostream& out, std::size_t max_per_type) {
  std::size_t count[3] = {0, 0, 0};
  std::size_t total = 0;
  std::size_t depth = 0;
  for (const auto& j : report.jobs) depth = std::max(depth, j.findings.size());
  // Round 0 is every job's root cause; later rounds the rest, in rank order.
  for (std::size_t round = 0; round < depth && total < 50; ++round) {
    for (const auto& job : report.jobs) {
      if (round >= job.findings.size()) continue;
      const Finding& f = job.findings[round];
      std::size_t& n = count[static_cast<int>(f.severity)];
      if (n >= max_per_type || total >= 50) continue;
      ++n;
      ++total;
      out << annotation_command(job, f);
    }
  }
}

}  // namespace ci_triage
