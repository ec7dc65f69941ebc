// Loading and validating rule tables (schema: docs/rules.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace ci_triage {

/// Parses one rules document and appends its rules to `set`; a rule whose id
/// already exists replaces it (user files override built-ins). Throws
/// UsageError naming the file, the JSON path and the problem:
///   "rules file my.json: $.rules[2].patterns[0]: invalid regex: missing ): (a"
void load_rules(std::string_view json, const std::string& file_name, RuleSet& set);

/// The rules compiled into the binary: from `image` when it holds a rule set
/// (embedded::rule_set_image(): the set the build loaded from the same JSON, so
/// that start-up parses none; the app passes it), else loaded from their embedded
/// JSON now. Their regexes are not re-validated at start-up;
/// tests/unit/rules_test.cc validates them with load_rules.
RuleSet builtin_rules(std::string_view image = {});

/// Reads a user rules file from disk and merges it into `set`.
void load_rules_file(const std::string& path, RuleSet& set);

/// Checks what rules name outside the table: each rule's `patch` must be one of
/// `patch_kinds` (the patch generators, advice/patches.h). Throws UsageError
/// naming the file, the rule and the closest kind:
///   "rules file my.json: rule \"x\": unknown patch generator \"python-dependancy\"
///    (did you mean \"python-dependency\"?)"
void check_patch_kinds(const RuleSet& set, const std::vector<std::string_view>& patch_kinds);

}  // namespace ci_triage
