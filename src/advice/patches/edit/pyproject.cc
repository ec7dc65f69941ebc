#include "advice/patches/edit/pyproject.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "advice/patches/edit/python_names.h"
#include "core/text.h"

namespace ci_triage::patches {
namespace {

std::size_t line_index(toml::source_index line) { return static_cast<std::size_t>(line) - 1; }
std::size_t col_index(toml::source_index col) { return static_cast<std::size_t>(col) - 1; }

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// toml++ 3.3.0 has two bugs that a pyproject.toml (untrusted: the pull
// request's) reaches: a table header whose key starts with another character
// (`[,tool]`) fails an assertion in parse_key (an assumption, i.e. undefined
// behaviour, in clang's release builds), and a non-ASCII character where it
// looks for whitespace (outside strings, or after a backslash in a multi-line
// basic string) reaches __builtin_unreachable in is_non_ascii_horizontal_whitespace
// (U+00A1–U+0499, U+FB26–U+FEFE). Every such input is invalid TOML: this scan
// follows TOML's strings, comments and brackets and rejects it first, in
// toml++'s words, so that the parser never takes either path.
std::optional<std::pair<std::size_t, std::string>> toml_guard(std::string_view s) {
  std::size_t i = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // toml++ skips a BOM
  std::size_t line = 1;
  std::string open;        // the [ and { open outside strings, innermost last
  bool line_start = true;  // only blanks so far on this line
  auto non_ascii = [&](std::size_t at) { return at < s.size() && static_cast<unsigned char>(s[at]) >= 0x80; };
  auto fail = [&](std::string what) { return std::make_optional(std::make_pair(line, std::move(what))); };
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n') {
      ++line;
      line_start = true;
      ++i;
    } else if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      const bool multi = s.substr(i, 3) == std::string(3, c);
      i += multi ? 3 : 1;
      line_start = false;
      while (i < s.size()) {
        const char d = s[i];
        if (d == '\n') {
          if (!multi) break;  // unterminated: toml++ stops here
          ++line;
        }
        if (d == '\\' && c == '"') {
          if (multi && non_ascii(i + 1)) return fail("unknown escape sequence after '\\'");
          if (multi && i + 1 < s.size() && (is_blank(s[i + 1]) || s[i + 1] == '\r' || s[i + 1] == '\n')) {
            // A line-ending backslash: toml++ skips the blanks and line breaks,
            // then asks whether the next character is whitespace.
            ++i;
            while (i < s.size() && (is_blank(s[i]) || s[i] == '\r' || s[i] == '\n')) line += s[i++] == '\n';
            if (non_ascii(i)) return fail("expected an ASCII character after a line-ending backslash");
            continue;
          }
          i += 2;
          continue;
        }
        if (d == c) {
          if (!multi) {
            ++i;
            break;
          }
          std::size_t run = 0;
          while (i + run < s.size() && s[i + run] == c) ++run;
          i += std::min<std::size_t>(run, 5);
          if (run >= 3) break;  // up to two quotes may end the content
          continue;
        }
        ++i;
      }
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return fail("expected ASCII characters outside strings and comments");
    } else {
      if (c == '[' && open.empty() && line_start) {  // a [table] or [[array of tables]] header
        std::size_t k = i + 1;
        while (k < s.size() && is_blank(s[k])) ++k;
        if (k < s.size() && s[k] == '[') ++k;  // [[array of tables]]
        while (k < s.size() && is_blank(s[k])) ++k;
        // toml++ calls parse_key on whatever comes next (`[[[x]]`, `[,x]`, `[` + newline).
        if (k < s.size() && !is_bare_key_char(s[k]) && s[k] != '"' && s[k] != '\'' && s[k] != ']')
          return fail(
              static_cast<unsigned char>(s[k]) >= 0x20 && static_cast<unsigned char>(s[k]) < 0x7F
                  ? fmt::format("expected bare key starting character or string delimiter, saw '{}'", s[k])
                  : std::string("expected bare key starting character or string delimiter"));
      }
      if (c == '[' || c == '{') open.push_back(c);
      if (c == ']' || c == '}') {
        // A closer of the other kind: toml++ asserts on `[}` and `[1,}` (parse_value).
        if (!open.empty() && open.back() != (c == ']' ? '[' : '{'))
          return fail(
              fmt::format("expected a value or a closing '{}', saw '{}'", open.back() == '[' ? ']' : '}', c));
        if (!open.empty()) open.pop_back();
      }
      if (!is_blank(c) && c != '\r') line_start = false;
      ++i;
    }
  }
  return std::nullopt;
}

// Parses TOML text; on failure sets `error` ("line N: what") and returns nullopt.
std::optional<toml::table> parse_toml_text(std::string_view text, std::string& error) {
  if (const auto bad = toml_guard(text)) {
    error = fmt::format("line {}: {}", bad->first, bad->second);
    return std::nullopt;
  }
  try {
    return toml::parse(text);
  } catch (const toml::parse_error& e) {
    error = fmt::format("line {}: {}", e.source().begin.line, std::string(e.description()));
    return std::nullopt;
  }
}

std::optional<toml::table> parse_toml(const TextFile& file, EditResult& err) {
  std::string error;
  const std::string text = file.str();
  auto t = parse_toml_text(text, error);
  if (!t) err = {EditStatus::kUnparseable, std::move(error)};
  return t;
}

// Adds a string element to a TOML array of strings, keeping its layout.
EditResult add_to_toml_array(TextFile& file, const toml::array& arr, std::string_view value,
                             bool sort_by_name) {
  std::vector<std::string> names;
  bool one_per_line = true;
  std::size_t prev_line = 0;
  for (const auto& e : arr) {
    const auto s = e.value<std::string>();
    if (!s) return {EditStatus::kUnsupported, "the array holds something other than strings"};
    names.push_back(sort_by_name ? requirement_name(*s) : *s);
    if (sort_by_name ? normalize_dist(names.back()) == normalize_dist(value) : *s == value)
      return {EditStatus::kPresent, ""};
    const std::size_t l = line_index(e.source().begin.line);
    if (prev_line == l || e.source().begin.line != e.source().end.line) one_per_line = false;
    prev_line = l;
  }
  const std::size_t begin = line_index(arr.source().begin.line), end = line_index(arr.source().end.line);
  if (begin == end || arr.empty()) {
    // [ ] on one line (or empty): insert before the closing bracket.
    std::string line = file[end];
    const std::size_t close = col_index(arr.source().end.column) - 1;
    if (close >= line.size() || line[close] != ']')
      return {EditStatus::kUnsupported, "unexpected array layout"};
    char quote = '"';
    if (!arr.empty()) {
      const auto& last = *arr.back().as_string();
      const std::string& l0 = file[line_index(last.source().begin.line)];
      quote = l0[col_index(last.source().begin.column)] == '\'' ? '\'' : '"';
    }
    std::size_t at = close;
    while (at > 0 && (line[at - 1] == ' ' || line[at - 1] == '\t')) --at;
    const bool trailing_comma = at > 0 && line[at - 1] == ',';
    std::string add = fmt::format("{}{}{}{}", quote, value, quote, "");
    if (!arr.empty() && !trailing_comma) add = ", " + add;
    if (trailing_comma) add = " " + add;
    if (begin != end) return {EditStatus::kUnsupported, "an empty multi-line array"};
    line.insert(at, add);
    file.replace(end, line);
    return {EditStatus::kEdited, ""};
  }
  if (!one_per_line) return {EditStatus::kUnsupported, "several elements share a line"};
  std::size_t pos = sort_by_name && sorted_names(names) ? sorted_position(names, value) : names.size();
  // The element the new one is modelled on (its indentation and quotes).
  const auto& model = arr[pos < arr.size() ? pos : arr.size() - 1];
  const std::size_t model_line = line_index(model.source().begin.line);
  const std::string& ml = file[model_line];
  const std::size_t model_col = col_index(model.source().begin.column);
  const char quote = ml[model_col] == '\'' ? '\'' : '"';
  const std::string indent(indentation(ml));
  if (pos < arr.size()) {
    file.insert(model_line, fmt::format("{}{}{}{},", indent, quote, value, quote));
    return {EditStatus::kEdited, ""};
  }
  // After the last element: it needs a comma first.
  const std::string& last = ml;
  const std::size_t after = col_index(model.source().end.column);
  std::size_t k = after;
  while (k < last.size() && (last[k] == ' ' || last[k] == '\t')) ++k;
  const bool has_comma = k < last.size() && last[k] == ',';
  if (!has_comma) {
    // (Built anew rather than with insert(): GCC 12's -Wrestrict misfires on it here.)
    file.replace(model_line, last.substr(0, after) + "," + last.substr(after));
  }
  file.insert(model_line + 1, fmt::format("{}{}{}{}{}", indent, quote, value, quote, has_comma ? "," : ""));
  return {EditStatus::kEdited, ""};
}

// Last line (0-based) of any value under a TOML node.
std::size_t last_value_line(const toml::node& n) {
  std::size_t last = line_index(n.source().end.line);
  if (const auto* t = n.as_table())
    for (const auto& [k, v] : *t) last = std::max(last, last_value_line(v));
  if (const auto* a = n.as_array())
    for (const auto& v : *a) last = std::max(last, last_value_line(v));
  return last;
}

// Adds `key = value` to a TOML [table] (header form), after its last entry or
// in sorted key order.
EditResult add_to_toml_table(TextFile& file, const toml::table& t, std::string_view key,
                             std::string_view value, std::string_view skip_key) {
  if (t.is_inline()) return {EditStatus::kUnsupported, "an inline table"};
  // toml::table iterates in key order; the file's order is the source lines'.
  std::vector<std::pair<std::size_t, std::string>> entries;
  for (const auto& [k, v] : t) {
    if (normalize_dist(k.str()) == normalize_dist(key)) return {EditStatus::kPresent, ""};
    if (k.str() == skip_key || v.is_table()) continue;
    entries.emplace_back(line_index(k.source().begin.line), std::string(k.str()));
  }
  std::sort(entries.begin(), entries.end());
  std::vector<std::string> keys;
  std::vector<std::size_t> lines;
  for (auto& [line, k] : entries) {
    lines.push_back(line);
    keys.push_back(std::move(k));
  }
  if (keys.empty()) {
    file.insert(line_index(t.source().begin.line) + 1, fmt::format("{} = {}", key, value));
    return {EditStatus::kEdited, ""};
  }
  if (sorted_names(keys)) {
    const std::size_t pos = sorted_position(keys, key);
    if (pos < keys.size()) {
      file.insert(lines[pos], fmt::format("{}{} = {}", indentation(file[lines[pos]]), key, value));
      return {EditStatus::kEdited, ""};
    }
  }
  std::size_t last = 0;
  for (const auto& [k, v] : t)
    if (!v.is_table()) last = std::max(last, last_value_line(v));
  file.insert(last + 1, fmt::format("{}{} = {}", indentation(file[lines.back()]), key, value));
  return {EditStatus::kEdited, ""};
}

}  // namespace

PyprojectLayout inspect_pyproject(std::string_view text) {
  PyprojectLayout l;
  auto parsed = parse_toml_text(text, l.error);
  if (!parsed) return l;
  const toml::table& t = *parsed;
  l.parses = true;
  if (const auto* deps = t["project"]["dependencies"].as_array()) {
    l.pep621_dependencies = true;
    for (const auto& d : *deps)
      if (auto s = d.value<std::string>()) l.names.push_back(normalize_dist(requirement_name(*s)));
  }
  if (const auto* dyn = t["project"]["dynamic"].as_array())
    for (const auto& d : *dyn)
      if (d.value<std::string>() == "dependencies") l.pep621_dynamic = true;
  if (const auto* opt = t["project"]["optional-dependencies"].as_table())
    for (const auto& [k, v] : *opt) {
      l.optional_groups.emplace_back(k.str());
      if (const auto* a = v.as_array())
        for (const auto& d : *a)
          if (auto s = d.value<std::string>()) l.names.push_back(normalize_dist(requirement_name(*s)));
    }
  if (const auto* p = t["tool"]["poetry"]["dependencies"].as_table()) {
    l.poetry = true;
    for (const auto& [k, v] : *p) l.names.push_back(normalize_dist(k.str()));
  }
  if (const auto* g = t["tool"]["poetry"]["group"].as_table())
    for (const auto& [k, v] : *g) {
      l.poetry_groups.emplace_back(k.str());
      if (const auto* d = v.as_table() ? (*v.as_table())["dependencies"].as_table() : nullptr)
        for (const auto& [dk, dv] : *d) l.names.push_back(normalize_dist(dk.str()));
    }
  if (const auto* d = t["tool"]["poetry"]["dev-dependencies"].as_table()) {
    l.poetry_groups.emplace_back("dev");
    for (const auto& [k, v] : *d) l.names.push_back(normalize_dist(k.str()));
  }
  l.mypy = t["tool"]["mypy"].is_table();
  l.pytest = t["tool"]["pytest"]["ini_options"].is_table();
  return l;
}

EditResult add_pep621_dependency(TextFile& file, std::string_view dist, std::string_view group) {
  EditResult err;
  auto t = parse_toml(file, err);
  if (!t) return err;
  const toml::array* arr = group.empty() ? (*t)["project"]["dependencies"].as_array()
                                         : (*t)["project"]["optional-dependencies"][group].as_array();
  if (arr == nullptr)
    return {EditStatus::kMissing, group.empty()
                                      ? "no [project] dependencies array"
                                      : fmt::format("no [project.optional-dependencies] {}", group)};
  return add_to_toml_array(file, *arr, dist, true);
}

EditResult add_poetry_dependency(TextFile& file, std::string_view dist, std::string_view group) {
  EditResult err;
  auto t = parse_toml(file, err);
  if (!t) return err;
  const toml::table* table = nullptr;
  if (group.empty())
    table = (*t)["tool"]["poetry"]["dependencies"].as_table();
  else if (!(table = (*t)["tool"]["poetry"]["group"][group]["dependencies"].as_table()) && group == "dev")
    table = (*t)["tool"]["poetry"]["dev-dependencies"].as_table();
  if (table == nullptr) return {EditStatus::kMissing, "no Poetry dependencies table"};
  return add_to_toml_table(file, *table, dist, "\"*\"", "python");
}

EditResult add_mypy_override_toml(TextFile& file, const std::vector<std::string>& modules) {
  EditResult err;
  auto t = parse_toml(file, err);
  if (!t) return err;
  const toml::node_view<toml::node> mypy = (*t)["tool"]["mypy"];
  if (!mypy.is_table()) return {EditStatus::kMissing, "no [tool.mypy] table"};
  std::vector<std::string> todo = modules;
  if (const auto* overrides = mypy["overrides"].as_array())
    for (const auto& o : *overrides) {
      const auto* ot = o.as_table();
      if (ot == nullptr || !(*ot)["ignore_missing_imports"].value_or(false)) continue;
      std::vector<std::string> pats;
      if (auto s = (*ot)["module"].value<std::string>()) pats.push_back(*s);
      if (const auto* a = (*ot)["module"].as_array())
        for (const auto& m : *a)
          if (auto s = m.value<std::string>()) pats.push_back(*s);
      std::erase_if(todo, [&](const std::string& m) {
        return std::find(pats.begin(), pats.end(), m) != pats.end() ||
               std::find(pats.begin(), pats.end(), mypy_module_pattern(m)) != pats.end();
      });
    }
  if (todo.empty()) return {EditStatus::kPresent, ""};
  std::string list;
  for (const auto& m : todo) {
    if (!list.empty()) list += ", ";
    list += fmt::format("\"{}\", \"{}\"", m, mypy_module_pattern(m));
  }
  const std::size_t at = last_value_line(*mypy.node()) + 1;
  file.insert(at, "");
  file.insert(at + 1, "[[tool.mypy.overrides]]");
  file.insert(at + 2, fmt::format("module = [{}]", list));
  file.insert(at + 3, "ignore_missing_imports = true");
  return {EditStatus::kEdited, ""};
}

EditResult add_pytest_pythonpath_toml(TextFile& file, std::string_view dir) {
  EditResult err;
  auto t = parse_toml(file, err);
  if (!t) return err;
  const auto* opts = (*t)["tool"]["pytest"]["ini_options"].as_table();
  if (opts == nullptr) return {EditStatus::kMissing, "no [tool.pytest.ini_options] table"};
  if (const auto* arr = (*opts)["pythonpath"].as_array()) return add_to_toml_array(file, *arr, dir, false);
  if (const auto s = (*opts)["pythonpath"].value<std::string>()) {
    if (*s == dir) return {EditStatus::kPresent, ""};
    return {EditStatus::kUnsupported, "pythonpath is a string"};
  }
  return add_to_toml_table(file, *opts, "pythonpath", fmt::format("[\"{}\"]", dir), "");
}

}  // namespace ci_triage::patches
