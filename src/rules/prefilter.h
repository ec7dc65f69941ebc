// The literal prefilter plan: which literals ("atoms") a line must hold for a
// regex to possibly match it. Plain data, so that the plan of the built-in
// rules is computed at build time (tools/gen_rules_image.cc) and start-up
// compiles no regex at all.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage {

struct PrefilterPlan {
  /// Lower-case literals, matched case-insensitively; ids index this.
  std::vector<std::string> atoms;
  /// Per atom: the literal pass looks for it. The others are assumed present
  /// on every line (a superset: no match is lost): short, common atoms cost a
  /// prefilter report for every occurrence and rarely narrow anything down.
  std::vector<bool> scanned;
  struct Regex {
    std::vector<std::string> groups;  ///< named capture groups, in group order.
    /// Alternatives: the regex can match a line only if the line holds every
    /// atom of one of these sets (sorted ids). An empty set: any line.
    std::vector<std::vector<std::uint32_t>> minterms;
    /// Non-empty: every match starts where the text starts, with these bytes (a
    /// regex anchored with `^` whose head is a literal at least as long as the
    /// atoms guarding it, kMinAtomLength or more). The matcher then makes it a
    /// candidate on lines that start so (or whose text without wrapper or
    /// indentation does) instead of scanning for its atoms, and minterms is empty:
    /// `^    \s*\d+\) ` no longer costs a literal report at every run of four blanks.
    std::string line_prefix;
  };
  std::vector<Regex> regexes;

  /// Regexes that can match a line without any scanned atom (run on every line).
  std::vector<int> unfiltered() const;
};

/// Shortest atom RE2's analysis keeps: shorter literals make the regex's
/// clause match anything.
inline constexpr int kMinAtomLength = 3;

/// True when every match of `re` starts at the beginning of the text: it starts
/// with '^' outside any group and has no top-level alternative. Anything the
/// scan is unsure of (\Q…\E quoting, unbalanced parentheses) is not anchored.
bool anchored_at_start(std::string_view re);

/// Whether a regex can look at where the text starts (`^` or `\A` anywhere outside a class, as
/// in `(?:^|\s)flow`): only such a regex can match a line's text without its wrapper when it
/// does not match the whole line, whose wrapper ends in a blank (the matcher's second try).
bool uses_line_start(std::string_view re);

/// Analyses each regex with RE2's FilteredRE2 and chooses the scanned atoms.
/// Throws Error("pattern N (RE): problem") when a regex does not compile.
PrefilterPlan plan_prefilter(const std::vector<std::string>& regexes);

/// A compact binary form of the plan, and back (false when `bytes` is not one).
std::string serialize_plan(const PrefilterPlan& plan);
bool deserialize_plan(std::string_view bytes, PrefilterPlan& plan);

}  // namespace ci_triage
