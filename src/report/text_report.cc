#include <fmt/format.h>

#include "report/report.h"

namespace ci_triage {

void write_text(const Report& report, std::ostream& out) {
  for (const auto& job : report.jobs) {
    std::size_t errors = 0;
    for (const auto& f : job.findings)
      if (f.severity == Severity::kError) ++errors;
    const char* status = job.status == JobStatus::kFailed   ? "failed"
                         : job.status == JobStatus::kPassed ? "passed"
                                                            : "status unknown";
    out << fmt::format("{}: {}, {} finding{}\n", job.name, status, job.findings.size(),
                       job.findings.size() == 1 ? "" : "s");
    for (const auto& f : job.findings) {
      out << fmt::format("\n  {} [{}] {}\n", severity_name(f.severity), f.category, f.title);
      out << fmt::format("    rule {} · step {} \"{}\"", f.rule, f.step.number, f.step.name);
      if (f.location)
        out << fmt::format(" · {}{}", f.location->file,
                           f.location->line > 0 ? fmt::format(":{}", f.location->line) : "");
      out << "\n";
      std::size_t shown = 0;
      for (const auto& e : f.evidence) {
        if (shown++ == 5) {
          out << fmt::format("    {:>6} | … {} more\n", "", f.evidence.size() - 5);
          break;
        }
        out << fmt::format("    {:>6} | {}\n", e.line, e.text);
      }
      for (const auto& r : f.remedies) out << "    fix: " << r << "\n";
      if (f.patch) {
        out << fmt::format("    patch ({}, confidence {:.2f}): {} — {}\n", f.patch->kind, f.patch->confidence,
                           f.patch->file, f.patch->rationale);
        std::size_t start = 0;
        while (start < f.patch->diff.size()) {
          std::size_t end = f.patch->diff.find('\n', start);
          if (end == std::string::npos) end = f.patch->diff.size();
          out << "      " << std::string_view(f.patch->diff).substr(start, end - start) << "\n";
          start = end + 1;
        }
      }
      for (const auto& n : f.patch_notes) out << "    note: " << n << "\n";
    }
    for (const auto& n : job.notices) out << "  note: " << n << "\n";
    if (!job.flaky_tests.empty()) {
      out << "  flaky: passed only after a rerun:";
      for (const auto& t : job.flaky_tests) out << " " << t;
      out << "\n";
    }
    if (job.baseline)
      out << fmt::format("  baseline: {} ({} of {} output lines are not in it)\n", job.baseline->log,
                         job.baseline->fresh, job.baseline->compared);
    if (errors == 0 && job.findings.empty()) out << "  no findings\n";
    out << "\n";
  }
}

}  // namespace ci_triage
