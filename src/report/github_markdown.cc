#include "report/github_markdown.h"

#include <fmt/format.h>

#include <ctime>
#include <sstream>

#include "core/signature.h"
#include "core/text.h"

namespace ci_triage {
namespace {

const StepSummary* step_of_line(const JobReport& job, std::uint64_t line) {
  for (const auto& s : job.steps)
    if (line >= s.first_line && line <= s.last_line) return &s;
  return nullptr;
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

namespace markdown {

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

void write_fix(const Finding& f, const Delivery& delivery, std::ostream& out) {
  const auto suggestion = delivery.suggestion_urls.find(&f);
  if (f.patch && suggestion != delivery.suggestion_urls.end()) {
    out << "**Suggested patch** \xC2\xB7 posted as a one-click "
        << link("suggestion on the PR", suggestion->second) << " (" << escape::markdown_inline(f.patch->file)
        << ")\n\n";
  } else if (f.patch) {
    write_patch_markdown(*f.patch, out);
  }
  for (const auto& n : f.patch_notes) out << "> " << escape::markdown_text(n) << "\n\n";
}

void write_finding(const JobReport& job, const Finding& f, const Delivery& delivery, std::size_t max_lines,
                   std::ostream& out) {
  out << "**" << icon(f.severity) << " " << escape::markdown_inline(f.title) << "**\n\n";
  out << "Category `" << f.category << "` · " << where(job, f) << "\n\n";
  if (!f.summary.empty()) out << escape::markdown_text(f.summary) << "\n\n";
  if (!f.evidence.empty()) out << evidence_block(job, f, max_lines, false) << "\n";
  if (!f.remedies.empty()) {
    out << "**What to do**\n\n";
    for (const auto& r : f.remedies) out << "- [ ] " << escape::markdown_text(r) << "\n";
    out << "\n";
  }
  write_fix(f, delivery, out);
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

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

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
  for (std::size_t i = 0; i < run.passed_on_rerun.size() && i < 50; ++i) {
    const RerunJob& j = run.passed_on_rerun[i];
    out += (i == 0 ? "" : " \xC2\xB7 ") + link(escape::markdown_inline(j.name), j.url) +
           fmt::format(" failed in attempt {}", j.failed_attempt);
  }
  return out + "\n\n";
}

}  // namespace

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

// The jobs cancelled because a job of their matrix failed: one line, not a section each.
std::string cancelled_line(const RunInfo& run, std::size_t max_listed) {
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
    if (listed++ == max_listed) {
      out += fmt::format(" · _+{} more_", run.cancelled.size() - max_listed);
      break;
    }
    out += (listed == 1 ? "" : " · ") + link(escape::markdown_inline(c.name), c.url);
  }
  return out + "\n\n";
}

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

std::string group_sections(const Report& report, const std::vector<FailureGroup>& groups, std::size_t budget,
                           std::size_t (*size)(std::string_view),
                           const std::function<std::string(const FailureGroup&)>& render,
                           std::size_t& written) {
  std::string out;
  written = 0;
  FailureMark open = FailureMark::kUnknown;
  const bool marked = report.run && report.run->history_read;
  for (const FailureGroup& g : groups) {
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

}  // namespace markdown
}  // namespace ci_triage
