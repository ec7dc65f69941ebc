// The job summary of GitHub mode: an overview table, then one section per
// distinct failure (the jobs failing the same way together), root cause first. Log text is untrusted: it goes
// through escape::.
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "core/signature.h"
#include "report/github_markdown.h"
#include "report/report.h"

namespace ci_triage {
namespace {

using namespace markdown;

constexpr std::size_t kQuotedInSummary = 8;
constexpr std::size_t kMaxTableRows = 50;

std::string group_section(const Report& report, const FailureGroup& g, const Delivery& delivery) {
  const JobReport& job = report.jobs[g.jobs.front()];
  std::ostringstream out;
  out << "### " << icon(Severity::kError) << " " << group_heading(report, g) << "\n\n";
  out << mark_line(report, g);
  const Finding* primary = root_cause(job);
  if (primary == nullptr) {
    out << (job.log_available ? "No known failure pattern found in this job's log.\n\n"
                              : "The log of this job could not be read.\n\n");
  } else {
    write_finding(job, *primary, delivery, kQuotedInSummary, out);
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
  if (!job.flaky_tests.empty()) {
    out << "Passed only after a rerun in this job (flaky):";
    for (std::size_t i = 0; i < job.flaky_tests.size() && i < 10; ++i)
      out << (i == 0 ? " " : ", ") << "`" << escape::markdown_inline(job.flaky_tests[i]) << "`";
    out << "\n\n";
  }
  for (const auto& n : job.notices) out << "> " << escape::markdown_inline(n) << "\n\n";
  return out.str();
}

}  // namespace

std::string render_github_summary(const Report& report, const Delivery& delivery, std::size_t max_bytes) {
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
    if (run) head << cancelled_line(*run, kMaxTableRows);
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
    if (run) head << cancelled_line(*run, kMaxTableRows);
  }
  // What the source noticed, then what publishing did before the summary (a comment refused, …).
  if (run)
    for (const auto& n : run->notices) head << "> [!WARNING]\n> " << escape::markdown_text(n) << "\n\n";
  for (const auto& n : delivery.notices) head << "> [!WARNING]\n> " << escape::markdown_text(n) << "\n\n";
  std::string out = head.str();
  const std::string footer =
      fmt::format("<sub>ci-triage {} · full details in the JSON report</sub>\n", CI_TRIAGE_VERSION);
  std::size_t written = 0;
  out += group_sections(
      report, groups, max_bytes - std::min(max_bytes, out.size() + footer.size() + 200), byte_size,
      [&](const FailureGroup& g) { return group_section(report, g, delivery); }, written);
  if (written < groups.size())
    out += fmt::format(
        "_+{} more failure(s) left out to keep the summary under 1 MiB; see the JSON report._\n\n",
        groups.size() - written);
  return out + footer;
}

}  // namespace ci_triage
