// The repository config file applied to a run (config/ parses and validates
// it), and `ci-triage config --check`.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "config/config.h"
#include "rules/rule.h"

namespace ci_triage {

/// The config of a run: `--config FILE` when given (shown as given), else the
/// checkout's own file (config::kRepoFiles under `root`, shown relative to it),
/// else the defaults. Throws config::ConfigError when the file is refused.
config::Config load_config(const std::optional<std::string>& explicit_file,
                           const std::filesystem::path& root);

/// The rule set of a run under its config: the built-in table, the config's
/// rules.files (read from `root`), then `cli_files` (later files override
/// earlier ones by rule id); every name the config uses checked against it;
/// then disabled rules removed, severities overridden and disabled patch kinds
/// cleared from the rules. Throws config::ConfigError for the config's own
/// problems (its rules files included) and UsageError for a bad `cli_files`.
RuleSet configured_rule_set(const config::Config& cfg, const std::filesystem::path& root,
                            const std::vector<std::string>& cli_files, bool builtin);

/// Drops the findings of disabled rule ids or categories that no rule
/// produced (inferred from a step's context, the unknown fallback).
void drop_disabled_findings(std::vector<JobReport>& jobs, const config::Config& cfg);

/// `ci-triage config --check [--repo-root DIR | --config FILE] [--rules FILE]…
/// [--comment MODE] [--no-patches]`: loads and validates the config as a run
/// would, and prints every value and where it came from. Exit 0, or the
/// ConfigError (exit 3).
int config_command(const std::vector<std::string>& args, std::ostream& out);

}  // namespace ci_triage
