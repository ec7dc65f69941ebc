#include <fmt/format.h>

#include "report/report.h"

namespace ci_triage {

void write_annotations(const Report& report, std::ostream& out, std::size_t max_per_job) {
  for (const auto& job : report.jobs) {
    std::size_t written = 0;
    for (const auto& f : job.findings) {
      if (written == max_per_job) break;
      ++written;
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
        message += fmt::format("\nline {}: {}", f.evidence[i].line, f.evidence[i].text);
      if (!f.remedies.empty()) message += "\nFix: " + f.remedies.front();
      out << "::" << cmd << " " << props << "::" << escape::command_data(message) << "\n";
    }
  }
}

}  // namespace ci_triage
