// Reporters: each renders the same Report; none re-parses log text.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace ci_triage {

/// What publishing added to a finished report in GitHub mode (publish/): the
/// notices raised while publishing (a comment the token may not write), the
/// pull request the run belongs to, and the review suggestions posted for
/// patches (by finding of the report). Renderers show it next to the report;
/// the report itself never changes.
struct Delivery {
  std::vector<std::string> notices;
  std::optional<int> pr;
  std::map<const Finding*, std::string> suggestion_urls;
};

/// The versioned JSON contract (docs/report-schema.md): "ci-triage/report@1".
/// With a delivery, the run's notices include its notices and `pull_request` its PR.
void write_json(const Report& report, std::ostream& out, const Delivery* delivery = nullptr);
/// SARIF 2.1.0 for GitHub code scanning: one result per finding, located on the finding's file
/// or on its workflow step (StepSummary::source), a stable `ciTriage/v1` partial fingerprint
/// (core/signature.h), rules with their causes as fullDescription and remedies as help.
void write_sarif(const Report& report, std::ostream& out);
/// Plain text for a terminal.
void write_text(const Report& report, std::ostream& out);
/// GitHub-flavoured Markdown for a job summary: root cause first, evidence
/// collapsed, remedies as a checklist.
void write_markdown(const Report& report, std::ostream& out);
/// Workflow commands (::error file=…,line=…,title=…::message), at most
/// `max_per_job` per job, root causes first.
void write_annotations(const Report& report, std::ostream& out, std::size_t max_per_job);

// GitHub mode (report.run is set): the job summary, the sticky PR comment and
// the run's annotations, with evidence linked to the web log.

/// "{job url}#step:{N}:{L}" for a raw job-log line: N is the API's step
/// number, L the line within that step's log. The job URL alone when the step
/// is unknown; "" without a job URL.
std::string log_line_url(const JobReport& job, std::uint64_t line);
/// "step N, line L" (as the web log numbers it) when the API step is known, else "line N".
std::string log_line_label(const JobReport& job, std::uint64_t line);
/// One workflow command for a finding (file/line when located, the title, the
/// summary, three evidence lines, the first remedy and the log link), escaped.
std::string annotation_command(const JobReport& job, const Finding& f);
/// The job summary: an overview table, the notices of the run and of the
/// delivery, then one section per failed job (root cause first, evidence
/// linked, remedies as a checklist, a posted suggestion linked instead of its
/// diff); cut to max_bytes with a "+N more" note.
std::string render_github_summary(const Report& report, const Delivery& delivery = {},
                                  std::size_t max_bytes = 1000 * 1000);
/// The hidden marker that identifies the sticky comment of a workflow.
std::string sticky_marker(const std::string& workflow);
/// The sticky PR comment (starts with the marker), at most max_chars code
/// points; a patch the delivery posted as a suggestion is linked, not shown.
/// Deployment failures carry the runbook's escalation block.
std::string render_pr_comment(const Report& report, const Delivery& delivery, const std::string& marker,
                              std::size_t max_chars = 60000);
/// The comment once the workflow passes again.
std::string render_resolved_comment(const Report& report, const std::string& marker);
/// Annotations for the whole run: every job's root cause first, then the
/// rest round-robin, at most max_per_type errors, warnings and notices each
/// (the runner attaches 10 of each per step).
void write_run_annotations(const Report& report, std::ostream& out, std::size_t max_per_type);

/// A suggested patch as Markdown: a bold heading naming the file and the
/// confidence, the rationale, and the diff in a ```diff block whose fence is
/// longer than any backtick run in it. Shared by the job summary, the PR
/// comment and any other Markdown reporter.
void write_patch_markdown(const Patch& patch, std::ostream& out);

/// Escaping of untrusted text (FACTS.md §4 and GitHub Markdown).
namespace escape {
/// Workflow-command data: % CR LF, and "##[" defused so the legacy parser ignores it.
std::string command_data(std::string_view s);
/// Workflow-command property value: as data plus ':' and ','.
std::string command_property(std::string_view s);
/// Inline Markdown: punctuation backslash-escaped, HTML and @-mentions made inert.
std::string markdown_inline(std::string_view s);
/// Text of our own templates with log-derived values in it: `code spans`
/// stay code spans (their content is inert in Markdown), everything else is
/// escaped as markdown_inline.
std::string markdown_text(std::string_view s);
/// A backtick fence longer than any backtick run in `content` (at least 3).
std::string markdown_fence(std::string_view content);
}  // namespace escape

}  // namespace ci_triage
