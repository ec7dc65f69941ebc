// Loading and validating rule tables (schema: docs/rules.md).
#pragma once

#include <string>
#include <string_view>

#include "rules/rule.h"

namespace ci_triage {

/// Parses one rules document and appends its rules to `set`; a rule whose id
/// already exists replaces it (user files override built-ins). Throws
/// UsageError naming the file, the JSON path and the problem:
///   "rules file my.json: $.rules[2].patterns[0]: invalid regex: missing ): (a"
void load_rules(std::string_view json, const std::string& file_name, RuleSet& set);

/// The rules compiled into the binary (their regexes are not re-validated at
/// start-up; tests/unit/rules_test.cc validates them with load_rules).
RuleSet builtin_rules();

/// Reads a user rules file from disk and merges it into `set`.
void load_rules_file(const std::string& path, RuleSet& set);

}  // namespace ci_triage
