#include <fmt/format.h>

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

}  // namespace ci_triage
