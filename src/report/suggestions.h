// One-click review suggestions (```suggestion) from a finding's patch. GitHub
// accepts them only on lines of the PR's diff (FACTS.md §3), so a patch hunk
// becomes a suggestion only when every line it replaces is a right-side line
// of the PR diff with the same text; everything else stays a ```diff block.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace ci_triage {

/// The right-side (new file) lines a PR diff shows for one file: line number →
/// (text, hunk index). From the `patch` field of GET /pulls/{n}/files.
using DiffLines = std::map<int, std::pair<std::string, int>>;
DiffLines right_side_lines(const std::string& pr_file_patch);

struct Suggestion {
  std::string path;
  int start_line = 0;  ///< first replaced line (== line for one line)
  int line = 0;        ///< last replaced line
  std::vector<std::string> original;  ///< the replaced lines, as the patch saw them
  std::vector<std::string> replacement;
};

/// One suggestion per hunk of a unified diff that edits an existing file
/// (none for a new file). Insertions anchor on the line before them.
std::vector<Suggestion> suggestions_from_patch(const Patch& patch);

/// True when every replaced line is in one hunk of the PR diff with the same text.
bool fits_pr_diff(const Suggestion& s, const DiffLines& lines);

/// The hidden marker of a suggestion (stable across reruns: same change, same marker).
std::string suggestion_marker(const Suggestion& s);
/// The review comment body: marker, rationale, the ```suggestion block.
std::string suggestion_body(const Suggestion& s, const Patch& patch);

}  // namespace ci_triage
