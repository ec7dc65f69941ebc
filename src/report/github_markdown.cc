#include "report/github_markdown.h"

#include <fmt/format.h>

#include <ctime>
#include <sstream>

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

}  // namespace markdown
}  // namespace ci_triage
