// The repository config file (.github/ci-triage.yml or .ci-triage.yml): what a
// team sets once for every run. Parsing and validating it is this stage's job;
// app/ applies it (to the rule set, the checkout's patches, the publishers)
// under the command line, which always wins. Schema: schemas/config-1.schema.json,
// documented in docs/config.md.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/finding.h"

namespace ci_triage::config {

/// Where ci-triage looks in a checkout, in order: the first that exists is read.
inline constexpr std::string_view kRepoFiles[] = {".github/ci-triage.yml", ".ci-triage.yml"};
/// A config file larger than this is refused.
inline constexpr std::size_t kMaxBytes = 64 * 1024;

/// A config file ci-triage refuses: "FILE:LINE: what is wrong" (exit code 3).
class ConfigError : public Error {
 public:
  ConfigError(const std::string& file, int line, const std::string& message)
      : Error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + message, kExitConfig) {}
};

/// A value and where it came from: "default", "FILE:LINE" or a command-line flag ("--comment").
template <class T>
struct Setting {
  T value{};
  std::string from = "default";
};

/// A name in a list of the file, with its line (for errors that point at it).
struct Entry {
  std::string name;
  int line = 0;
};

struct SeverityOverride {
  std::string name;  ///< a rule id or a category.
  Severity severity = Severity::kError;
  int line = 0;
};

/// Every setting of the file, with its default.
struct Config {
  std::string file;  ///< the file read, as shown in messages ("" = none: every value is a default).
  Setting<std::vector<Entry>> rule_files;     ///< rules.files: paths relative to the repository root.
  Setting<std::vector<Entry>> disable;        ///< rules.disable: rule ids or categories.
  std::vector<SeverityOverride> severity;     ///< rules.severity: id or category → severity.
  Setting<std::vector<Entry>> ignore_paths;   ///< annotations.ignore-paths: globs.
  Setting<std::string> comment{"auto"};       ///< comment: auto | always | never.
  Setting<bool> escalation{true};             ///< escalation.enabled.
  Setting<std::vector<Entry>> contacts;       ///< escalation.contacts.
  Setting<std::string> request;               ///< escalation.request ("" = the default wording).
  Setting<bool> patches{true};                ///< patches.enabled.
  Setting<std::vector<Entry>> patch_disable;  ///< patches.disable: patch kinds.
};

/// Parses and type-checks one config document. `file` names it in errors.
/// Throws ConfigError for invalid YAML, a limit (size, depth, nodes, aliases),
/// an unknown key (with "did you mean"), a wrong type or an unknown value.
Config parse_config(std::string_view text, const std::string& file);

/// Reads and parses `path` (at most kMaxBytes), shown as `shown` in errors.
/// Throws ConfigError when it cannot be read or is refused.
Config read_config(const std::filesystem::path& path, const std::string& shown);

/// The config file of a checkout (kRepoFiles, relative to `root`), or nothing.
/// A symlink is never followed: a repository's file is read only from the repository.
std::optional<std::string> find_repo_config(const std::filesystem::path& root);

/// The names the file may use, from the loaded rule set and the patch registry.
struct Known {
  std::vector<std::string_view> rule_ids;
  std::vector<std::string_view> categories;
  std::vector<std::string_view> patch_kinds;
};

/// Checks every rule id, category and patch kind the file names. Throws ConfigError:
///   "ci-triage.yml:4: rules.disable: unknown rule id or category \"pyhton-module-not-found\"
///    (did you mean \"python-module-not-found\"?)"
void check_names(const Config& config, const Known& known);

/// rules.files[i] under `root`: relative, no "..", and (symlinks resolved) inside it.
/// Throws ConfigError naming the entry otherwise.
std::filesystem::path rules_file_path(const Config& config, const Entry& entry,
                                      const std::filesystem::path& root);

/// `ci-triage config --check`: every setting, its value and where it came from.
void write_check(const Config& config, std::ostream& out);

}  // namespace ci_triage::config
