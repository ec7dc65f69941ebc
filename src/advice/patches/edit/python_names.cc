#include "advice/patches/edit/python_names.h"

#include <cctype>

#include "core/text.h"

namespace ci_triage::patches {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

}  // namespace

std::string requirement_name(std::string_view spec) {
  spec = trim(spec);
  std::size_t i = 0;
  while (i < spec.size() && is_name_char(spec[i])) ++i;
  if (i == 0 || !std::isalnum(static_cast<unsigned char>(spec[0]))) return "";
  // "https://…", "git+…" and paths are not names.
  if (i < spec.size() && (spec[i] == ':' || spec[i] == '/' || spec[i] == '+')) return "";
  return std::string(spec.substr(0, i));
}

bool sorted_names(const std::vector<std::string>& names) {
  for (std::size_t i = 1; i < names.size(); ++i)
    if (normalize_dist(names[i - 1]) > normalize_dist(names[i])) return false;
  return names.size() >= 2;
}

// Index in `names` before which `dist` goes to keep sorted names sorted
// (names.size() = after the last).
std::size_t sorted_position(const std::vector<std::string>& names, std::string_view dist) {
  const std::string key = normalize_dist(dist);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (normalize_dist(names[i]) > key) return i;
  return names.size();
}

std::string normalize_dist(std::string_view name) {
  std::string out;
  bool sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      sep = true;
      continue;
    }
    if (sep && !out.empty()) out.push_back('-');
    sep = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string mypy_module_pattern(std::string_view module) { return std::string(module) + ".*"; }

}  // namespace ci_triage::patches
