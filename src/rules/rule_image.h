// A RuleSet as bytes: the built-in rules, loaded and validated from rules/*.json
// at build time (tools/gen_rules_image.cc), so that the binary starts without
// parsing a megabyte of JSON (issue 13: start-up ≤ 10 ms).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/rule.h"

namespace ci_triage {

/// The set's bytes: a versioned header, then every member of every rule,
/// context, extractor and vocabulary word, in the order rule_image.cc lists them.
std::string serialize_rule_set(const RuleSet& set);

/// The set these bytes hold; nullopt when they are not an image of this
/// version (a truncated, foreign or stale image): the caller loads the JSON.
std::optional<RuleSet> deserialize_rule_set(std::string_view bytes);

}  // namespace ci_triage
