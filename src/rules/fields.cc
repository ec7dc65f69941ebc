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
  std::string clean;
  for (char c : trim(s))
    if (c != ',' && c != '%' && c != '_') clean.push_back(c);
  if (clean.empty()) return false;
  char* end = nullptr;
  out = std::strtod(clean.c_str(), &end);
  return end != clean.c_str() && std::isfinite(out);
}

// "30s", "10m", "1h30m", "2m0s", "20ms", "360 minutes", "1800" (seconds).
bool parse_duration(std::string_view s, double& out) {
  s = trim(s);
  double total = 0;
  bool any = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
    if (j == i) return false;
    const double v = std::strtod(std::string(s.substr(i, j - i)).c_str(), nullptr);
    while (j < s.size() && s[j] == ' ') ++j;
    std::size_t k = j;
    while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) ++k;
    std::string unit(s.substr(j, k - j));
    for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double mult;
    if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs" || unit == "second" ||
        unit == "seconds")
      mult = 1;
    else if (unit == "ms")
      mult = 0.001;
    else if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes")
      mult = 60;
    else if (unit == "h" || unit == "hr" || unit == "hour" || unit == "hours")
      mult = 3600;
    else
      return false;
    total += v * mult;
    any = true;
    i = k;
    while (i < s.size() && s[i] == ' ') ++i;
  }
  out = total;
  return any;
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
      if (!parse_duration(text, v)) return false;
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
    FieldValue v;
    if (!parse_field(ft->second, c.value, v)) continue;
    auto existing = fields.find(ft->first);
    if (ft->second == FieldType::kList) {
      if (existing == fields.end()) existing = fields.emplace(ft->first, std::vector<std::string>{}).first;
      auto& list = std::get<std::vector<std::string>>(existing->second);
      const auto& s = std::get<std::string>(v);
      if (list.size() < kMaxListItems && std::find(list.begin(), list.end(), s) == list.end())
        list.push_back(s);
    } else if (existing == fields.end()) {
      fields.emplace(ft->first, std::move(v));
    }
  }
}

}  // namespace ci_triage
