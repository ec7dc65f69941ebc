// Markdown pieces the GitHub-mode reporters share (the job summary and the
// PR comment): icons, links into the web log, quoted evidence, a finding with
// its remedies and patch. Internal to src/report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

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

// Distinct failures (Report::groups) and whether they are this change's (history/marks.h).

/// "[test (3.9)](url)" or "[test (3.9)](url) and 11 more jobs".
std::string group_heading(const Report& report, const FailureGroup& g);
/// "**Failed the same way** (N more jobs): …" each linked at the line where its log shows the
/// failure, at most max_listed, the rest counted as "in `rest_in`"; "" for a one-job group.
std::string same_failure_line(const Report& report, const FailureGroup& g, std::size_t max_listed,
                              const char* rest_in);
/// "4 distinct failures in 12 failed jobs", or with history "2 new failures, 1 also on main
/// (12 failed jobs)"; " · 3 cancelled".
std::string failure_count(std::size_t jobs, const std::vector<FailureGroup>& groups, const RunInfo* run);
/// The jobs cancelled by their matrix's fail-fast: one line ("" when none).
std::string cancelled_line(const RunInfo& run, std::size_t max_listed);
/// The line under a group's heading: new / also on <base> since … / flaky because … ("" unmarked).
std::string mark_line(const Report& report, const FailureGroup& g);
/// Sections for the groups in order, those that are not this change's (pre-existing, then flaky)
/// folded in <details>, with the jobs that passed when re-run; stops before `budget` (measured
/// by `size`). `written` is how many groups fit.
std::string group_sections(const Report& report, const std::vector<FailureGroup>& groups, std::size_t budget,
                           std::size_t (*size)(std::string_view),
                           const std::function<std::string(const FailureGroup&)>& render,
                           std::size_t& written);
std::size_t byte_size(std::string_view s);

}  // namespace ci_triage::markdown
