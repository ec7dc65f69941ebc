#include "advice/patches/edit/ini.h"

#include <fmt/format.h>

#include "advice/patches/edit/python_names.h"
#include "core/text.h"

namespace ci_triage::patches {
namespace {

struct IniSection {
  std::size_t header = 0;  ///< line of "[name]"
  std::size_t end = 0;     ///< one past its last non-blank line
};

std::optional<IniSection> find_ini_section(const TextFile& f, std::string_view name) {
  for (std::size_t i = 0; i < f.size(); ++i) {
    const std::string_view t = trim(f[i]);
    if (t.size() < 2 || t.front() != '[' || t.back() != ']' || t.substr(1, t.size() - 2) != name) continue;
    IniSection s{i, i + 1};
    for (std::size_t j = i + 1; j < f.size(); ++j) {
      const std::string_view u = trim(f[j]);
      if (!u.empty() && u.front() == '[' && indentation(f[j]).empty()) break;
      if (!u.empty()) s.end = j + 1;
    }
    return s;
  }
  return std::nullopt;
}

struct IniKey {
  std::size_t line = 0;
  std::string value;               ///< on the key line, trimmed
  std::vector<std::size_t> items;  ///< continuation lines with a value
  std::size_t end = 0;             ///< one past the last continuation line
};

std::optional<IniKey> find_ini_key(const TextFile& f, const IniSection& s, std::string_view key) {
  for (std::size_t i = s.header + 1; i < s.end; ++i) {
    if (!indentation(f[i]).empty()) continue;
    const std::string_view t = trim(f[i]);
    const std::size_t sep = t.find_first_of("=:");
    if (sep == std::string_view::npos || trim(t.substr(0, sep)) != key) continue;
    IniKey k{i, std::string(trim(t.substr(sep + 1))), {}, i + 1};
    for (std::size_t j = i + 1; j < s.end; ++j) {
      const std::string_view u = trim(f[j]);
      if (!u.empty() && indentation(f[j]).empty()) break;
      if (!u.empty() && u.front() != '#' && u.front() != ';') {
        k.items.push_back(j);
        k.end = j + 1;
      }
    }
    return k;
  }
  return std::nullopt;
}

}  // namespace

bool ini_has_section(const TextFile& file, std::string_view section) {
  return find_ini_section(file, section).has_value();
}

std::optional<std::vector<std::string>> ini_values(const TextFile& file, std::string_view section,
                                                   std::string_view key) {
  const auto s = find_ini_section(file, section);
  if (!s) return std::nullopt;
  const auto k = find_ini_key(file, *s, key);
  if (!k) return std::nullopt;
  std::vector<std::string> out;
  if (!k->value.empty()) out.push_back(k->value);
  for (std::size_t i : k->items) out.emplace_back(trim(file[i]));
  return out;
}

EditResult add_ini_list_item(TextFile& file, std::string_view section, std::string_view key,
                             std::string_view item) {
  const auto s = find_ini_section(file, section);
  if (!s) return {EditStatus::kMissing, fmt::format("no [{}] section", section)};
  const auto k = find_ini_key(file, *s, key);
  if (!k) return {EditStatus::kMissing, fmt::format("no {} in [{}]", key, section)};
  if (!k->value.empty())
    return {EditStatus::kUnsupported, fmt::format("{} has a value on its own line", key)};
  std::vector<std::string> names;
  for (std::size_t i : k->items) {
    names.push_back(requirement_name(file[i]));
    if (normalize_dist(names.back()) == normalize_dist(requirement_name(item)))
      return {EditStatus::kPresent, ""};
  }
  if (k->items.empty()) {
    file.insert(k->line + 1, fmt::format("    {}", item));
    return {EditStatus::kEdited, ""};
  }
  const std::string indent(indentation(file[k->items.front()]));
  std::size_t at = k->items.back() + 1;
  if (sorted_names(names)) {
    const std::size_t pos = sorted_position(names, requirement_name(item));
    if (pos < names.size()) at = k->items[pos];
  }
  file.insert(at, indent + std::string(item));
  return {EditStatus::kEdited, ""};
}

EditResult add_mypy_override_ini(TextFile& file, const std::vector<std::string>& modules) {
  if (!find_ini_section(file, "mypy")) return {EditStatus::kMissing, "no [mypy] section"};
  std::vector<std::string> todo;
  for (const auto& m : modules) {
    bool present = false;
    for (std::size_t i = 0; i < file.size(); ++i) {
      const std::string_view t = trim(file[i]);
      if (t.substr(0, 7) != "[mypy-" && t.substr(0, 6) != "[mypy-") continue;
      if (t.find(mypy_module_pattern(m)) != std::string_view::npos) {
        const auto v = ini_values(file, std::string(t.substr(1, t.size() - 2)), "ignore_missing_imports");
        if (v && !v->empty() && ascii_lower(v->front()) == "true") present = true;
      }
    }
    if (!present) todo.push_back(m);
  }
  if (todo.empty()) return {EditStatus::kPresent, ""};
  std::string pats;
  for (const auto& m : todo) pats += (pats.empty() ? "" : ",") + mypy_module_pattern(m);
  std::size_t at = file.size();
  while (at > 0 && trim(file[at - 1]).empty()) --at;
  file.insert(at, "");
  file.insert(at + 1, fmt::format("[mypy-{}]", pats));
  file.insert(at + 2, "ignore_missing_imports = True");
  return {EditStatus::kEdited, ""};
}

EditResult add_pytest_pythonpath_ini(TextFile& file, std::string_view section, std::string_view dir) {
  const auto s = find_ini_section(file, section);
  if (!s) return {EditStatus::kMissing, fmt::format("no [{}] section", section)};
  if (const auto k = find_ini_key(file, *s, "pythonpath")) {
    std::string line = file[k->line];
    if (!k->items.empty()) return add_ini_list_item(file, section, "pythonpath", dir);
    std::string_view v = k->value;
    for (std::size_t p = 0; p <= v.size();) {
      std::size_t q = v.find(' ', p);
      if (q == std::string_view::npos) q = v.size();
      if (v.substr(p, q - p) == dir) return {EditStatus::kPresent, ""};
      p = q + 1;
    }
    std::size_t end = line.size();
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
    line.insert(end, " " + std::string(dir));
    file.replace(k->line, line);
    return {EditStatus::kEdited, ""};
  }
  file.insert(s->end, fmt::format("pythonpath = {}", dir));
  return {EditStatus::kEdited, ""};
}

}  // namespace ci_triage::patches
