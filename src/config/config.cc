#include "config/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "config/yaml.h"
#include "core/text.h"

namespace ci_triage::config {
namespace {

using Kind = YamlNode::Kind;

// Walks the document, checking each key against the ones a mapping allows.
class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(int line, const std::string& msg) const { throw ConfigError(file_, line, msg); }

  std::string from(int line) const { return fmt::format("{}:{}", file_, line); }

  void expect_mapping(const YamlNode& n, const std::string& path) const {
    if (n.kind != Kind::kMapping) fail(n.line, path + ": expected a mapping, got " + n.kind_name());
  }
  // Every key of `n` must be one of `keys`.
  void check_keys(const YamlNode& n, const std::string& path,
                  const std::vector<std::string_view>& keys) const {
    for (const auto& k : n.keys) {
      if (std::find(keys.begin(), keys.end(), k.value) != keys.end()) continue;
      std::string msg =
          fmt::format("{}unknown key \"{}\"", path.empty() ? "" : path + ": ", sanitize_utf8(k.value, 80));
      const std::string_view near = closest_word(k.value, keys);
      if (!near.empty()) msg += fmt::format(" (did you mean \"{}\"?)", near);
      fail(k.line, msg);
    }
  }
  bool boolean(const YamlNode& n, const std::string& path) const {
    if (n.kind == Kind::kScalar && n.plain) {
      if (n.value == "true" || n.value == "True" || n.value == "TRUE") return true;
      if (n.value == "false" || n.value == "False" || n.value == "FALSE") return false;
    }
    fail(n.line, path + ": expected true or false, got " + describe(n));
  }
  std::string string(const YamlNode& n, const std::string& path, std::size_t max = 1000) const {
    if (n.kind != Kind::kScalar || n.is_null())
      fail(n.line, path + ": expected a string, got " + n.kind_name());
    if (n.value.size() > max) fail(n.line, fmt::format("{}: longer than {} bytes", path, max));
    if (sanitize_utf8(n.value, max + 100) != n.value)
      fail(n.line, path + ": contains control characters or invalid UTF-8");
    return n.value;
  }
  std::vector<Entry> strings(const YamlNode& n, const std::string& path, std::size_t max_items = 200) const {
    if (n.kind != Kind::kSequence) fail(n.line, path + ": expected a list of strings, got " + n.kind_name());
    if (n.items.size() > max_items) fail(n.line, fmt::format("{}: more than {} entries", path, max_items));
    std::vector<Entry> out;
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const auto& item = n.items[i];
      const std::string p = fmt::format("{}[{}]", path, i);
      if (item.kind != Kind::kScalar || item.is_null())
        fail(item.line, p + ": expected a string, got " + item.kind_name());
      out.push_back({string(item, p, 300), item.line});
    }
    return out;
  }
  // A short description of a scalar for "got …" (the value when it is short).
  static std::string describe(const YamlNode& n) {
    if (n.kind != Kind::kScalar || n.is_null()) return n.kind_name();
    return fmt::format("{} \"{}\"", n.kind_name(), sanitize_utf8(n.value, 40));
  }

 private:
  std::string file_;
};

Severity parse_severity(const Reader& r, const YamlNode& n, const std::string& path) {
  const std::string s = r.string(n, path, 20);
  if (s == "error") return Severity::kError;
  if (s == "warning") return Severity::kWarning;
  if (s == "notice") return Severity::kNotice;
  std::string msg = fmt::format("{}: unknown severity \"{}\" (expected error, warning or notice)", path,
                                sanitize_utf8(s, 40));
  r.fail(n.line, msg);
}

void read_rules(const Reader& r, const YamlNode& n, Config& c) {
  r.expect_mapping(n, "rules");
  r.check_keys(n, "rules", {"files", "disable", "severity"});
  for (std::size_t i = 0; i < n.keys.size(); ++i) {
    const std::string& key = n.keys[i].value;
    const YamlNode& v = n.items[i];
    if (key == "files") {
      c.rule_files = {r.strings(v, "rules.files", 20), r.from(v.line)};
    } else if (key == "disable") {
      c.disable = {r.strings(v, "rules.disable"), r.from(v.line)};
    } else {  // severity
      r.expect_mapping(v, "rules.severity");
      for (std::size_t j = 0; j < v.keys.size(); ++j) {
        const std::string path = "rules.severity." + sanitize_utf8(v.keys[j].value, 80);
        c.severity.push_back({v.keys[j].value, parse_severity(r, v.items[j], path), v.keys[j].line});
      }
    }
  }
}

}  // namespace

Config parse_config(std::string_view text, const std::string& file) {
  YamlNode root;
  try {
    root = parse_yaml(text, YamlLimits{kMaxBytes, 16, 10000});
  } catch (const YamlError& e) {
    throw ConfigError(file, e.line(), e.what());
  }
  Config c;
  c.file = file;
  const Reader r(file);
  if (root.is_null()) return c;  // an empty file: every default
  r.expect_mapping(root, "the file");
  r.check_keys(root, "", {"version", "rules", "annotations", "comment", "escalation", "patches"});
  for (std::size_t i = 0; i < root.keys.size(); ++i) {
    const std::string& key = root.keys[i].value;
    const YamlNode& v = root.items[i];
    if (key == "version") {
      if (v.kind != Kind::kScalar || !v.plain || v.value != "1")
        r.fail(v.line, "version: expected 1 (the only version of this file), got " + Reader::describe(v));
    } else if (key == "rules") {
      read_rules(r, v, c);
    } else if (key == "annotations") {
      r.expect_mapping(v, "annotations");
      r.check_keys(v, "annotations", {"ignore-paths"});
      for (std::size_t j = 0; j < v.keys.size(); ++j)
        c.ignore_paths = {r.strings(v.items[j], "annotations.ignore-paths"), r.from(v.items[j].line)};
    } else if (key == "comment") {
      const std::string mode = r.string(v, "comment", 20);
      if (mode != "auto" && mode != "always" && mode != "never")
        r.fail(v.line, fmt::format("comment: unknown mode \"{}\" (expected auto, always or never)",
                                   sanitize_utf8(mode, 40)));
      c.comment = {mode, r.from(v.line)};
    } else if (key == "escalation") {
      r.expect_mapping(v, "escalation");
      r.check_keys(v, "escalation", {"enabled", "contacts", "request"});
      for (std::size_t j = 0; j < v.keys.size(); ++j) {
        const YamlNode& e = v.items[j];
        if (v.keys[j].value == "enabled")
          c.escalation = {r.boolean(e, "escalation.enabled"), r.from(e.line)};
        else if (v.keys[j].value == "contacts")
          c.contacts = {r.strings(e, "escalation.contacts", 20), r.from(e.line)};
        else
          c.request = {r.string(e, "escalation.request", 500), r.from(e.line)};
      }
    } else {  // patches
      r.expect_mapping(v, "patches");
      r.check_keys(v, "patches", {"enabled", "disable"});
      for (std::size_t j = 0; j < v.keys.size(); ++j) {
        const YamlNode& e = v.items[j];
        if (v.keys[j].value == "enabled")
          c.patches = {r.boolean(e, "patches.enabled"), r.from(e.line)};
        else
          c.patch_disable = {r.strings(e, "patches.disable"), r.from(e.line)};
      }
    }
  }
  return c;
}

Config read_config(const std::filesystem::path& path, const std::string& shown) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ConfigError(shown, 0, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(shown, 0, "cannot be read");
  std::string text(kMaxBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw ConfigError(shown, 0, "read error");
  if (text.size() > kMaxBytes)
    throw ConfigError(shown, 0, fmt::format("larger than {} KiB: refused", kMaxBytes / 1024));
  return parse_config(text, shown);
}

std::optional<std::string> find_repo_config(const std::filesystem::path& root) {
  for (const auto name : kRepoFiles) {
    std::error_code ec;
    const auto st = std::filesystem::symlink_status(root / name, ec);
    if (!ec && st.type() == std::filesystem::file_type::regular) return std::string(name);
  }
  return std::nullopt;
}

void check_names(const Config& c, const Known& known) {
  auto check = [&](const Entry& e, const std::string& what, const std::vector<std::string_view>& a,
                   const std::vector<std::string_view>& b) {
    if (std::find(a.begin(), a.end(), e.name) != a.end() || std::find(b.begin(), b.end(), e.name) != b.end())
      return;
    std::vector<std::string_view> all(a);
    all.insert(all.end(), b.begin(), b.end());
    std::string msg = fmt::format("unknown {} \"{}\"", what, sanitize_utf8(e.name, 80));
    const std::string_view near = closest_word(e.name, all);
    if (!near.empty()) msg += fmt::format(" (did you mean \"{}\"?)", near);
    throw ConfigError(c.file, e.line, msg);
  };
  for (const auto& e : c.disable.value)
    check(e, "rules.disable: rule id or category", known.rule_ids, known.categories);
  for (const auto& s : c.severity)
    check({s.name, s.line}, "rules.severity: rule id or category", known.rule_ids, known.categories);
  for (const auto& e : c.patch_disable.value) check(e, "patches.disable: patch kind", known.patch_kinds, {});
}

std::filesystem::path rules_file_path(const Config& c, const Entry& e, const std::filesystem::path& root) {
  const std::filesystem::path rel(e.name);
  if (e.name.empty() || rel.is_absolute())
    throw ConfigError(c.file, e.line,
                      fmt::format("rules.files: \"{}\" must be a path relative to the repository root",
                                  sanitize_utf8(e.name, 200)));
  for (const auto& part : rel)
    if (part == "..")
      throw ConfigError(c.file, e.line,
                        fmt::format("rules.files: \"{}\" leaves the repository", sanitize_utf8(e.name, 200)));
  std::error_code ec;
  const auto base = std::filesystem::weakly_canonical(root, ec);
  const auto full = std::filesystem::weakly_canonical(root / rel, ec);
  if (ec || !std::filesystem::is_regular_file(full, ec))
    throw ConfigError(
        c.file, e.line,
        fmt::format("rules.files: no such file \"{}\" in the repository", sanitize_utf8(e.name, 200)));
  if (std::mismatch(base.begin(), base.end(), full.begin(), full.end()).first != base.end())
    throw ConfigError(
        c.file, e.line,
        fmt::format("rules.files: \"{}\" is a symlink out of the repository", sanitize_utf8(e.name, 200)));
  return full;
}

void write_check(const Config& c, std::ostream& out) {
  out << "config file: " << (c.file.empty() ? "none (every value is a default)" : c.file) << "\n";
  auto row = [&](const std::string& key, const std::string& value, const std::string& from) {
    out << fmt::format("{} = {}  ({})\n", key, value, from);
  };
  auto list = [](const std::vector<Entry>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i].name;
    return s + "]";
  };
  auto yes = [](bool b) { return std::string(b ? "true" : "false"); };
  row("rules.files", list(c.rule_files.value), c.rule_files.from);
  row("rules.disable", list(c.disable.value), c.disable.from);
  if (c.severity.empty()) row("rules.severity", "{}", "default");
  for (const auto& s : c.severity)
    row("rules.severity." + s.name, severity_name(s.severity), fmt::format("{}:{}", c.file, s.line));
  row("annotations.ignore-paths", list(c.ignore_paths.value), c.ignore_paths.from);
  row("comment", c.comment.value, c.comment.from);
  row("escalation.enabled", yes(c.escalation.value), c.escalation.from);
  row("escalation.contacts", list(c.contacts.value), c.contacts.from);
  row("escalation.request", c.request.value.empty() ? "(default)" : c.request.value, c.request.from);
  row("patches.enabled", yes(c.patches.value), c.patches.from);
  row("patches.disable", list(c.patch_disable.value), c.patch_disable.from);
}

}  // namespace ci_triage::config
