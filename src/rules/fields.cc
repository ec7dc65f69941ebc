#include "rules/fields.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/text.h"

namespace ci_triage {
namespace {

bool parse_number(std::string_view s, double& out) {
  s = trim(s);
  while (!s.empty() && s.back() == '%') s.remove_suffix(1);
  // A comma is a thousands separator (`1,234`), unless one or two digits end the number
  // after it and no point comes before: a decimal comma (scoverage's `78,40%` in a German locale).
  const std::size_t comma = s.rfind(',');
  const bool decimal_comma = comma != std::string_view::npos && s.size() - comma - 1 >= 1 &&
                             s.size() - comma - 1 <= 2 && s.find('.') == std::string_view::npos &&
                             s.find(',') == comma;
  std::string clean;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (decimal_comma && i == comma)
      clean.push_back('.');
    else if (c != ',' && c != '%' && c != '_')
      clean.push_back(c);
  }
  if (clean.empty()) return false;
  char* end = nullptr;
  out = std::strtod(clean.c_str(), &end);
  return end != clean.c_str() && std::isfinite(out);
}

// "30s", "10m", "1h30m", "2m0s", "20ms", "15000 milliseconds", "360 minutes", "1800" (seconds).
// A time-out in milliseconds a few past a whole second is that second: a timer fires a
// little late, and curl reports the time it waited ("timed out after 30003 milliseconds").
bool parse_duration(std::string_view s, double& out) {
  s = trim(s);
  double total = 0;
  bool any = false;
  bool only_ms = true;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
    if (j == i) return false;
    const double v = std::strtod(std::string(s.substr(i, j - i)).c_str(), nullptr);
    while (j < s.size() && s[j] == ' ') ++j;
    std::size_t k = j;
    while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) ++k;
    const std::string unit = ascii_lower(s.substr(j, k - j));
    double mult;
    if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs" || unit == "second" ||
        unit == "seconds")
      mult = 1;
    else if (unit == "ms" || unit == "msec" || unit == "millisecond" || unit == "milliseconds")
      mult = 0.001;
    else if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes")
      mult = 60;
    else if (unit == "h" || unit == "hr" || unit == "hour" || unit == "hours")
      mult = 3600;
    else
      return false;
    only_ms = only_ms && mult == 0.001;
    total += v * mult;
    any = true;
    i = k;
    while (i < s.size() && s[i] == ' ') ++i;
  }
  if (only_ms && total >= 1 && total - std::floor(total) < 0.01) total = std::floor(total);
  out = total;
  return any;
}

// A list value printed as a Python or JSON list ('a', 'b' / "a", "b") is its
// items; any other text is one item.
std::vector<std::string> list_items(const std::string& text) {
  if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') || text.back() != text.front())
    return {text};
  const char q = text.front();
  std::vector<std::string> items;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != q) return {text};
    const std::size_t end = text.find(q, i + 1);
    if (end == std::string::npos) return {text};
    items.push_back(text.substr(i + 1, end - i - 1));
    i = end + 1;
    while (i < text.size() && (text[i] == ',' || text[i] == ' ')) ++i;
  }
  return items;
}

}  // namespace

bool parse_field(FieldType type, std::string_view text, FieldValue& out) {
  switch (type) {
    case FieldType::kString:
    case FieldType::kList:
      out = sanitize_utf8(trim(text), 300);
      return !std::get<std::string>(out).empty();
    case FieldType::kInt:
    case FieldType::kNumber: {
      double v;
      if (!parse_number(text, v)) return false;
      if (type == FieldType::kInt) v = std::trunc(v);
      out = v;
      return true;
    }
    case FieldType::kDuration: {
      double v;
      // A zero time-out is no limit (kubectl, helm): it names no time-out that expired.
      if (!parse_duration(text, v) || v <= 0) return false;
      out = v;
      return true;
    }
  }
  return false;
}

void merge_captures(const Rule& rule, const std::vector<Capture>& captures, Fields& fields) {
  for (const Capture& c : captures) {
    const auto ft = rule.fields.find(std::string(c.name));
    if (ft == rule.fields.end()) continue;
    if (ft->second == FieldType::kList) {
      auto existing = fields.find(ft->first);
      for (const auto& raw : list_items(std::string(c.value))) {
        FieldValue v;
        if (!parse_field(FieldType::kList, raw, v)) continue;
        if (existing == fields.end()) existing = fields.emplace(ft->first, std::vector<std::string>{}).first;
        auto& list = std::get<std::vector<std::string>>(existing->second);
        const auto& item = std::get<std::string>(v);
        if (list.size() < kMaxListItems && std::find(list.begin(), list.end(), item) == list.end())
          list.push_back(item);
      }
      continue;
    }
    FieldValue v;
    if (!parse_field(ft->second, c.value, v)) continue;
    const auto [at, fresh] = fields.emplace(ft->first, v);
    // One measurement printed twice, rounded and precise (coverage.py's `total of 69`,
    // pytest-cov's `Total coverage: 69.06%`): the precise one stands.
    if (!fresh && ft->second == FieldType::kNumber) {
      const double* had = std::get_if<double>(&at->second);
      const double now = std::get<double>(v);
      if (had != nullptr && *had == std::round(*had) && now != std::round(now) && std::abs(now - *had) < 1.0)
        at->second = now;
    }
  }
}

}  // namespace ci_triage
