// The job summary of GitHub mode: an overview table, then one section per
// failed job, root cause first. Log text is untrusted: it goes through escape::.
#include <fmt/format.h>

#include <sstream>

#include "report/github_markdown.h"
#include "report/report.h"

namespace ci_triage {
namespace {

using namespace markdown;

constexpr std::size_t kQuotedInSummary = 8;
constexpr std::size_t kMaxTableRows = 50;

std::string job_section(const JobReport& job, const Delivery& delivery) {
  std::ostringstream out;
  out << "### " << icon(Severity::kError) << " " << job_heading(job) << "\n\n";
  const Finding* primary = root_cause(job);
  if (primary == nullptr) {
    out << (job.log_available ? "No known failure pattern found in this job's log.\n\n"
                              : "The log of this job could not be read.\n\n");
  } else {
    write_finding(job, *primary, delivery, kQuotedInSummary, out);
  }
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

}  // namespace

std::string render_github_summary(const Report& report, const Delivery& delivery, std::size_t max_bytes) {
  std::ostringstream head;
  const auto& jobs = report.jobs;  // GitHub mode reports failed jobs only
  const RunInfo* run = report.run ? &*report.run : nullptr;
  if (run != nullptr && !run->jobs_listed) {
    head << "## ci-triage: could not triage " << link(run_label(*run), run->url) << "\n\n";
  } else if (jobs.empty()) {
    head << "## ci-triage: no failed jobs";
    if (run) head << " in " << link(run_label(*run), run->url);
    head << "\n\n";
  } else {
    head << "## ci-triage: " << jobs.size() << " failed job" << (jobs.size() == 1 ? "" : "s");
    if (run) head << " in " << link(run_label(*run), run->url);
    head << "\n\n| Job | Root cause | Where |\n|---|---|---|\n";
    std::size_t rows = 0;
    for (const JobReport& jr : jobs) {
      const JobReport* j = &jr;
      if (rows++ == kMaxTableRows || static_cast<std::size_t>(head.tellp()) > max_bytes / 4) {
        head << fmt::format("| _+{} more_ | | |\n", jobs.size() - rows + 1);
        break;
      }
      const Finding* f = root_cause(*j);
      head << "| " << job_heading(*j) << " | ";
      if (f != nullptr)
        head << icon(f->severity) << " " << escape::markdown_inline(f->title) << " (`" << f->category << "`)";
      else
        head << (j->log_available ? "no known pattern" : "log unavailable");
      head << " | " << (f != nullptr ? where(*j, *f) : std::string("-")) << " |\n";
    }
    head << "\n";
  }
  // What the source noticed, then what publishing did before the summary (a comment refused, …).
  if (run)
    for (const auto& n : run->notices) head << "> [!WARNING]\n> " << escape::markdown_text(n) << "\n\n";
  for (const auto& n : delivery.notices) head << "> [!WARNING]\n> " << escape::markdown_text(n) << "\n\n";
  std::string out = head.str();
  const std::string footer =
      fmt::format("<sub>ci-triage {} · full details in the JSON report</sub>\n", CI_TRIAGE_VERSION);
  std::size_t written = 0;
  for (const JobReport& jr : jobs) {
    const JobReport* j = &jr;
    const std::string section = job_section(*j, delivery);
    if (out.size() + section.size() + footer.size() + 200 > max_bytes) break;
    out += section;
    ++written;
  }
  if (written < jobs.size())
    out += fmt::format(
        "_+{} more failed job(s) left out to keep the summary under 1 MiB; see the JSON report._\n\n",
        jobs.size() - written);
  return out + footer;
}

}  // namespace ci_triage
