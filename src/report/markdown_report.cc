#include <fmt/format.h>

#include <sstream>

#include "core/text.h"
#include "report/github_markdown.h"
#include "report/report.h"

namespace ci_triage {
namespace {

constexpr std::size_t kMaxQuoted = 8;

std::string plain_evidence_block(const Finding& f) {
  std::ostringstream body;
  std::size_t shown = 0;
  for (const auto& e : f.evidence) {
    if (shown++ == kMaxQuoted) break;
    body << fmt::format("{:>6}  {}\n", e.line, e.text);
  }
  const std::string text = body.str();
  const std::string fence = escape::markdown_fence(text);
  std::string more;
  if (f.evidence.size() > kMaxQuoted)
    more = fmt::format("\n_+{} more quoted lines in the JSON report_\n", f.evidence.size() - kMaxQuoted);
  else if (f.hit_count > f.evidence.size())
    more = fmt::format("\n_{} matching lines in all_\n", f.hit_count);
  return fmt::format("<details><summary>Evidence ({} line{})</summary>\n\n{}text\n{}{}\n{}</details>\n",
                     f.evidence.size(), f.evidence.size() == 1 ? "" : "s", fence, text, fence, more);
}

void write_primary(const Finding& f, std::ostream& out) {
  out << "**" << markdown::icon(f.severity) << " " << escape::markdown_inline(f.title) << "**\n\n";
  out << "Category `" << f.category << "` · step " << f.step.number << " "
      << escape::markdown_inline(f.step.name);
  if (f.location) {
    out << " · " << escape::markdown_inline(f.location->file);
    if (f.location->line > 0) out << ":" << f.location->line;
  }
  out << "\n\n";
  if (!f.summary.empty()) out << escape::markdown_text(f.summary) << "\n\n";
  if (!f.evidence.empty()) out << plain_evidence_block(f) << "\n";
  if (!f.remedies.empty()) {
    out << "**What to do**\n\n";
    for (const auto& r : f.remedies) out << "- [ ] " << escape::markdown_text(r) << "\n";
    out << "\n";
  }
  if (f.patch) write_patch_markdown(*f.patch, out);
  for (const auto& n : f.patch_notes) out << "> " << escape::markdown_text(n) << "\n\n";
  if (!f.causes.empty()) {
    out << "<details><summary>Likely causes</summary>\n\n";
    for (const auto& c : f.causes) out << "- " << escape::markdown_text(c) << "\n";
    out << "\n</details>\n\n";
  }
}

}  // namespace

void write_patch_markdown(const Patch& patch, std::ostream& out) {
  const std::string fence = escape::markdown_fence(patch.diff);
  out << "**Suggested patch** \xC2\xB7 " << escape::markdown_inline(patch.file) << " \xC2\xB7 confidence "
      << static_cast<int>(patch.confidence * 100 + 0.5) << "%\n\n";
  if (!patch.rationale.empty()) out << escape::markdown_text(patch.rationale) << "\n\n";
  out << fence << "diff\n" << patch.diff;
  if (!patch.diff.empty() && patch.diff.back() != '\n') out << "\n";
  out << fence << "\n\n";
}

void write_markdown(const Report& report, std::ostream& out) {
  out << "## ci-triage\n\n";
  for (const auto& job : report.jobs) {
    out << "### " << escape::markdown_inline(job.name) << "\n\n";
    const Finding* primary = root_cause(job);
    if (primary == nullptr) {
      out << (job.status == JobStatus::kPassed ? "No failure: the job passed.\n\n"
                                               : "No failure found in this log.\n\n");
    } else {
      write_primary(*primary, out);
    }
    std::size_t others = 0;
    for (const auto& f : job.findings)
      if (&f != primary) ++others;
    if (others > 0) {
      out << (primary ? "**Also found**\n\n" : "**Advisories**\n\n");
      for (const auto& f : job.findings) {
        if (&f == primary) continue;
        out << "- " << markdown::icon(f.severity) << " " << escape::markdown_inline(f.title) << " (`"
            << f.category << "`, step " << f.step.number;
        if (!f.evidence.empty()) out << ", line " << f.evidence.front().line;
        out << ")\n";
      }
      out << "\n";
      for (const auto& f : job.findings)
        if (&f != primary && f.patch) write_patch_markdown(*f.patch, out);
    }
    for (const auto& n : job.notices) out << "> " << escape::markdown_inline(n) << "\n\n";
    if (job.baseline)
      out << "> Compared with the passing log " << escape::markdown_inline(job.baseline->log) << ": "
          << job.baseline->fresh << " of " << job.baseline->compared << " output lines are new.\n\n";
  }
}

}  // namespace ci_triage
