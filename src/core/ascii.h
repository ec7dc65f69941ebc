#pragma once
// ASCII character tests and a prefix test for the per-line hot paths of the log
// stage: std::isdigit and friends are locale-aware libc calls on every byte of a
// prefix scan; these inline to a compare or two.
#include <string_view>

namespace ci_triage::ascii {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_alnum(char c) { return is_digit(c) || is_lower(c) || is_upper(c); }
constexpr bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }  ///< lower-case only
constexpr bool is_space(char c) { return c == ' ' || c == '\t'; }
constexpr bool is_graph(char c) { return c > ' ' && c < 0x7f; }  ///< printable ASCII, not a blank

/// Inlined at each call: with a literal prefix, the compare becomes a few loads instead of a
/// memcmp call.
[[gnu::always_inline]] inline bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

}  // namespace ci_triage::ascii
