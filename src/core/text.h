// Small text helpers shared by several stages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ci_triage {

std::string_view trim(std::string_view s);
bool starts_with_icase(std::string_view s, std::string_view prefix);
/// ASCII letters lower-cased, every other byte as is (names, hosts, keys: never prose).
std::string ascii_lower(std::string_view s);

/// Replaces invalid UTF-8 sequences and bidirectional formatting characters
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) with U+FFFD, C0 and C1
/// control characters (except tab) with a space, and cuts the result to at
/// most max_bytes on a character boundary (appending "…" when cut).
std::string sanitize_utf8(std::string_view s, std::size_t max_bytes = 500);

/// The word of `words` closest to a misspelt `word` (edit distance at most 3
/// and less than half its length), for "did you mean"; "" when none is close.
std::string_view closest_word(std::string_view word, const std::vector<std::string_view>& words);

/// Whether `path` (relative, '/'-separated) matches `glob`: `*` and `?` within one
/// path segment, `**` any number of segments ("docs/**", "**/*.md", "vendor/**/gen_*.go").
bool glob_match(std::string_view glob, std::string_view path);

/// Formats a number the way the JSON report does: integers without fraction.
std::string format_number(double v);

/// Calls f(line) for each line of a text block (split at '\n'; the last line needs none)
/// until f returns true; says whether it did.
template <typename F>
bool any_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    if (f(text.substr(0, nl))) return true;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return false;
}

/// Calls f(line) for each line of a text block.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  any_line(text, [&](std::string_view line) {
    f(line);
    return false;
  });
}

}  // namespace ci_triage
