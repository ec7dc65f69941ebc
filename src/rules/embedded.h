// Data compiled into the binary from the repository (see cmake/embed.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace ci_triage::embedded {

struct File {
  std::string_view name;
  std::string_view content;
};

/// The built-in rule files (rules/*.json), sorted by name.
const std::vector<File>& rule_files();
/// data/pip_packages.json: Python import name → pip distribution.
std::string_view pip_packages();
/// The built-in rules' output matcher compiled at build time (Matcher::image(),
/// made by tools/gen_rules_image.cc); empty when the build could not run the
/// generator (cross-compiling): the matcher is then compiled at start-up.
std::string_view rules_image();
/// The built-in RuleSet as loaded from rule_files() at build time
/// (serialize_rule_set(), rules/rule_image.h); empty when the generator did not
/// run: the JSON is then loaded at start-up.
std::string_view rule_set_image();

}  // namespace ci_triage::embedded
