// Reporters: each renders the same Report; none re-parses log text.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "core/finding.h"

namespace ci_triage {

/// The versioned JSON contract (docs/report-schema.md): "ci-triage/report@1".
void write_json(const Report& report, std::ostream& out);
/// Plain text for a terminal.
void write_text(const Report& report, std::ostream& out);
/// GitHub-flavoured Markdown for a job summary: root cause first, evidence
/// collapsed, remedies as a checklist.
void write_markdown(const Report& report, std::ostream& out);
/// Workflow commands (::error file=…,line=…,title=…::message), at most
/// `max_per_job` per job, root causes first.
void write_annotations(const Report& report, std::ostream& out, std::size_t max_per_job);

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
