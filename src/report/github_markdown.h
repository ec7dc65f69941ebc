// Markdown pieces the GitHub-mode reporters share (the job summary and the
// PR comment): icons, links into the web log, quoted evidence, a finding with
// its remedies and patch. Internal to src/report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "report/report.h"

namespace ci_triage::markdown {

const char* icon(Severity s);
/// "[text](url)", or the text alone without a URL.
std::string link(const std::string& text, const std::string& url);
/// "CI run 123 (attempt 2)", escaped.
std::string run_label(const RunInfo& run);
/// The job's name linked to its page, with a conclusion other than failure.
std::string job_heading(const JobReport& job);
/// Where a finding is: its first log line linked, else its step; its file.
std::string where(const JobReport& job, const Finding& f);
/// Up to max_lines quoted evidence lines in a fence, with their web-log links.
std::string evidence_block(const JobReport& job, const Finding& f, std::size_t max_lines, bool collapsed);
/// The finding: title, category, where, summary, evidence, remedies, its
/// patch (or the review suggestion the delivery posted for it), likely causes.
void write_finding(const JobReport& job, const Finding& f, const Delivery& delivery, std::size_t max_lines,
                   std::ostream& out);
/// The patch (or its suggestion's link) and the patch notes.
void write_fix(const Finding& f, const Delivery& delivery, std::ostream& out);
std::string short_sha(const std::string& sha);
/// "2025-04-14 21:55 UTC" ("" for 0).
std::string utc(std::int64_t t);
/// "42 minutes", "5 hours 3 minutes", "3 days 4 hours".
std::string duration(std::int64_t seconds);
std::size_t code_points(std::string_view s);

}  // namespace ci_triage::markdown
