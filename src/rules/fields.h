// Field typing: a captured text becomes a typed field value, and the captures
// of the lines a rule matches merge into one set of fields.
#pragma once

#include <string_view>
#include <vector>

#include "core/finding.h"
#include "rules/rule.h"

namespace ci_triage {

/// One named capture of a match: the group's name and the text it matched.
struct Capture {
  std::string_view name;
  std::string_view value;
};

/// A list field keeps at most this many distinct values.
inline constexpr std::size_t kMaxListItems = 50;

/// Parses a captured value as the field type says; false when it is not one
/// ("30s" is a duration of 30, "abc" is no int).
bool parse_field(FieldType type, std::string_view text, FieldValue& out);

/// Adds typed captures to `fields`: scalars keep their first value, lists
/// collect distinct values in order. Captures the rule does not declare are ignored.
void merge_captures(const Rule& rule, const std::vector<Capture>& captures, Fields& fields);

}  // namespace ci_triage
