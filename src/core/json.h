// JSON parsing with a bounded stack: every JSON ci-triage reads (rules files,
// GitHub API answers, the event payload, the embedded data) is untrusted or
// may be, and RapidJSON's default parser recurses once per nesting level (a
// document nested 120,000 levels deep overflows the stack). These helpers
// parse iteratively and refuse documents nested deeper than a limit, so the
// DOM any caller walks is shallow too.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace ci_triage::json {

/// Deeper than any document ci-triage reads (event payloads: ~8 levels).
constexpr unsigned kMaxDepth = 128;

enum class Syntax {
  kStrict,   ///< RFC 8259 (API answers, the event payload)
  kRelaxed,  ///< plus // and /* */ comments and trailing commas (rules files)
};

/// Parses `text` into `doc` with a bounded stack (RapidJSON's iterative
/// parser) and at most `max_depth` nested arrays/objects. Returns "" on
/// success, else one line: "invalid JSON at byte N: <reason>".
std::string parse(rapidjson::Document& doc, std::string_view text, Syntax syntax = Syntax::kStrict,
                  unsigned max_depth = kMaxDepth);

}  // namespace ci_triage::json
