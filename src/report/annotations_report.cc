#include <fmt/format.h>

#include <algorithm>

#include "report/report.h"

namespace ci_triage {

std::string annotation_command(const JobReport& job, const Finding& f) {
  const char* cmd = f.severity == Severity::kError     ? "error"
                    : f.severity == Severity::kWarning ? "warning"
                                                       : "notice";
  std::string props;
  if (f.location && !f.location->file.empty()) {
    props += "file=" + escape::command_property(f.location->file);
    if (f.location->line > 0) props += fmt::format(",line={}", f.location->line);
    props += ",";
  }
  props += "title=" + escape::command_property(fmt::format("{}: {}", job.name, f.title));
  std::string message = f.summary;
  for (std::size_t i = 0; i < f.evidence.size() && i < 3; ++i)
    message += fmt::format("\n{}: {}", log_line_label(job, f.evidence[i].line), f.evidence[i].text);
  if (!f.remedies.empty()) message += "\nFix: " + f.remedies.front();
  if (!f.evidence.empty()) {
    if (const std::string url = log_line_url(job, f.evidence.front().line); !url.empty())
      message += "\nLog: " + url;
  }
  return fmt::format("::{} {}::{}\n", cmd, props, escape::command_data(message));
}

void write_annotations(const Report& report, std::ostream& out, std::size_t max_per_job) {
  for (const auto& job : report.jobs) {
    std::size_t written = 0;
    for (const auto& f : job.findings) {
      if (written == max_per_job) break;
      ++written;
      out << annotation_command(job, f);
    }
  }
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
