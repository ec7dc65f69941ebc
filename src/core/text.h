// Small text helpers shared by several stages.
#pragma once

#include <string>
#include <string_view>

namespace ci_triage {

std::string_view trim(std::string_view s);
bool starts_with_icase(std::string_view s, std::string_view prefix);

/// Replaces invalid UTF-8 sequences and C0 control characters (except tab)
/// with U+FFFD / a space, and cuts the result to at most max_bytes on a
/// character boundary (appending "…" when cut).
std::string sanitize_utf8(std::string_view s, std::size_t max_bytes = 500);

/// Formats a number the way the JSON report does: integers without fraction.
std::string format_number(double v);

}  // namespace ci_triage
