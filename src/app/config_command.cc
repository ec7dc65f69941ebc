#include "app/config_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "advice/patches.h"
#include "app/analyze.h"
#include "core/error.h"
#include "rules/embedded.h"
#include "rules/rule_loader.h"

namespace ci_triage {

config::Config load_config(const std::optional<std::string>& explicit_file,
                           const std::filesystem::path& root) {
  if (explicit_file) return config::read_config(*explicit_file, *explicit_file);
  if (root.empty()) return {};
  const auto found = config::find_repo_config(root);
  if (!found) return {};
  return config::read_config(root / *found, *found);
}

RuleSet configured_rule_set(const config::Config& cfg, const std::filesystem::path& root,
                            const std::vector<std::string>& cli_files, bool builtin) {
  RuleSet set = builtin ? builtin_rules(embedded::rule_set_image()) : RuleSet{};
  for (const auto& e : cfg.rule_files.value) {
    const auto path = config::rules_file_path(cfg, e, root.empty() ? std::filesystem::path(".") : root);
    try {
      load_rules_file(path.string(), set);
    } catch (const UsageError& err) {  // the rules file's own message, at the line that names it
      throw config::ConfigError(cfg.file, e.line, std::string("rules.files: ") + err.what());
    }
  }
  if (!cfg.rule_files.value.empty()) {
    try {
      check_patch_kinds(set, patch_kinds());
    } catch (const UsageError& err) {
      throw config::ConfigError(cfg.file, cfg.rule_files.value.front().line, err.what());
    }
  }
  for (const auto& f : cli_files) load_rules_file(f, set);
  check_patch_kinds(set, patch_kinds());

  config::Known known;
  std::set<std::string_view> categories;
  for (const auto& r : set.rules) {
    known.rule_ids.push_back(r.id);
    categories.insert(r.category);
  }
  for (const auto& c : set.contexts) categories.insert(c.category);
  known.categories.assign(categories.begin(), categories.end());
  known.patch_kinds = patch_kinds();
  config::check_names(cfg, known);

  const std::set<std::string> off = [&] {
    std::set<std::string> s;
    for (const auto& e : cfg.disable.value) s.insert(e.name);
    return s;
  }();
  std::erase_if(set.rules, [&](const Rule& r) { return off.count(r.id) || off.count(r.category); });
  std::set<std::string> no_patch;
  for (const auto& e : cfg.patch_disable.value) no_patch.insert(e.name);
  for (auto& r : set.rules) {
    if (no_patch.count(r.patch)) r.patch.clear();
    // A rule id is more specific than its category, whatever the order in the file.
    const config::SeverityOverride* by_category = nullptr;
    const config::SeverityOverride* by_id = nullptr;
    for (const auto& s : cfg.severity) {
      if (s.name == r.id) by_id = &s;
      if (s.name == r.category) by_category = &s;
    }
    if (by_id)
      r.severity = by_id->severity;
    else if (by_category)
      r.severity = by_category->severity;
  }
  return set;
}

void drop_disabled_findings(std::vector<JobReport>& jobs, const config::Config& cfg) {
  if (cfg.disable.value.empty()) return;
  std::set<std::string> off;
  for (const auto& e : cfg.disable.value) off.insert(e.name);
  for (auto& job : jobs)
    std::erase_if(job.findings, [&](const Finding& f) { return off.count(f.rule) || off.count(f.category); });
}

int config_command(const std::vector<std::string>& args, std::ostream& out) {
  std::optional<std::string> file;
  std::filesystem::path root;
  std::vector<std::string> rules;
  std::optional<std::string> comment;
  bool no_patches = false;
  bool check = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--help" || a == "-h") {
      out << "usage: ci-triage config --check [--repo-root DIR | --config FILE] [--rules FILE]... "
             "[--comment MODE] [--no-patches]\n"
             "  loads the repository config file (.github/ci-triage.yml or .ci-triage.yml under\n"
             "  --repo-root, or --config FILE) as a run would, checks it, and prints every setting\n"
             "  and where it came from (default, FILE:LINE or the flag); exit 3 when it is refused\n";
      return kExitOk;
    }
    if (a == "--check")
      check = true;
    else if (a == "--config" && has_value)
      file = args[++i];
    else if (a == "--repo-root" && has_value)
      root = args[++i];
    else if ((a == "--rules" || a == "-r") && has_value)
      rules.push_back(args[++i]);
    else if (a == "--comment" && has_value)
      comment = args[++i];
    else if (a == "--no-patches")
      no_patches = true;
    else
      throw UsageError("config: unexpected argument \"" + a + "\"" +
                       (a.rfind("--", 0) == 0 && !has_value ? " (missing its value?)" : ""));
  }
  if (!check) throw UsageError("config: nothing to do (use 'ci-triage config --check')");
  if (comment && *comment != "auto" && *comment != "always" && *comment != "never")
    throw UsageError("unknown --comment \"" + *comment + "\" (expected auto, always or never)");
  std::error_code ec;
  if (!root.empty() && !std::filesystem::is_directory(root, ec))
    throw UsageError("--repo-root " + root.string() + ": not a directory");
  config::Config cfg = load_config(file, root);
  (void)configured_rule_set(cfg, root, rules, true);  // validates every name and rules file
  // The command line over the file, as a run applies it.
  if (comment) cfg.comment = {*comment, "--comment"};
  if (no_patches) cfg.patches = {false, "--no-patches"};
  if (!rules.empty()) {
    for (const auto& r : rules) cfg.rule_files.value.push_back({r, 0});
    cfg.rule_files.from += " + --rules";
  }
  config::write_check(cfg, out);
  out << "ok: the configuration is valid\n";
  return kExitOk;
}

}  // namespace ci_triage
