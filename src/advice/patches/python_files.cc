#include "advice/patches/python_files.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

namespace ci_triage::patches {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// The distribution name a requirement specifier starts with ("" if none).
std::string requirement_name(std::string_view spec) {
  spec = trim(spec);
  std::size_t i = 0;
  while (i < spec.size() && is_name_char(spec[i])) ++i;
  if (i == 0 || !std::isalnum(static_cast<unsigned char>(spec[0]))) return "";
  // "https://…", "git+…" and paths are not names.
  if (i < spec.size() && (spec[i] == ':' || spec[i] == '/' || spec[i] == '+')) return "";
  return std::string(spec.substr(0, i));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
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
  std::string last = ml;
  const std::size_t after = col_index(model.source().end.column);
  std::size_t k = after;
  while (k < last.size() && (last[k] == ' ' || last[k] == '\t')) ++k;
  const bool has_comma = k < last.size() && last[k] == ',';
  if (!has_comma) {
    last.insert(after, ",");
    file.replace(model_line, last);
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

std::string module_pattern(std::string_view module) { return std::string(module) + ".*"; }

}  // namespace

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

Requirements parse_requirements(const TextFile& file) {
  Requirements r;
  for (std::size_t i = 0; i < file.size(); ++i) {
    std::string_view t = trim(file[i]);
    if (i < 5 && t.find("autogenerated by pip-compile") != std::string_view::npos) r.generated = true;
    if (t.empty() || t.front() == '#') continue;
    if (t.find("--hash") != std::string_view::npos) r.hashes = true;
    if (t.front() == '-') {
      for (std::string_view opt : {"-r", "--requirement", "-c", "--constraint"}) {
        if (t.substr(0, opt.size()) != opt) continue;
        std::string_view rest = t.substr(opt.size());
        if (!rest.empty() && rest.front() == '=') rest.remove_prefix(1);
        if (opt[1] == 'r' || opt == "--requirement") {
          rest = trim(rest);
          if (const auto hash = rest.find(" #"); hash != std::string_view::npos)
            rest = trim(rest.substr(0, hash));
          if (!rest.empty()) r.includes.emplace_back(rest);
        }
        break;
      }
      continue;
    }
    const std::string name = requirement_name(t);
    if (name.empty()) continue;
    r.entries.push_back({i, name, t.find("==") != std::string_view::npos});
  }
  return r;
}

EditResult add_requirement(TextFile& file, std::string_view dist) {
  const Requirements r = parse_requirements(file);
  std::vector<std::string> names;
  for (const auto& e : r.entries) {
    if (normalize_dist(e.name) == normalize_dist(dist)) return {EditStatus::kPresent, ""};
    names.push_back(e.name);
  }
  if (r.hashes)
    return {EditStatus::kUnsupported, "it pins hashes (--hash): regenerate it with its lock tool"};
  if (names.empty()) {
    // Only comments and options: after the last non-blank line.
    std::size_t at = file.size();
    while (at > 0 && trim(file[at - 1]).empty()) --at;
    file.insert(at, std::string(dist));
    return {EditStatus::kEdited, ""};
  }
  if (sorted_names(names)) {
    const std::size_t pos = sorted_position(names, dist);
    if (pos < names.size()) {
      file.insert(r.entries[pos].line, std::string(dist));
      return {EditStatus::kEdited, ""};
    }
  }
  file.insert(r.entries.back().line + 1, std::string(dist));
  return {EditStatus::kEdited, ""};
}

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
               std::find(pats.begin(), pats.end(), module_pattern(m)) != pats.end();
      });
    }
  if (todo.empty()) return {EditStatus::kPresent, ""};
  std::string list;
  for (const auto& m : todo) {
    if (!list.empty()) list += ", ";
    list += fmt::format("\"{}\", \"{}\"", m, module_pattern(m));
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
      if (t.find(module_pattern(m)) != std::string_view::npos) {
        const auto v = ini_values(file, std::string(t.substr(1, t.size() - 2)), "ignore_missing_imports");
        if (v && !v->empty() && lower(v->front()) == "true") present = true;
      }
    }
    if (!present) todo.push_back(m);
  }
  if (todo.empty()) return {EditStatus::kPresent, ""};
  std::string pats;
  for (const auto& m : todo) pats += (pats.empty() ? "" : ",") + module_pattern(m);
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
