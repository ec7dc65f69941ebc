// The config file parser: libyaml's events into a bounded tree, then the
// settings with their lines; every refusal names the file and the line.
#include "config/config.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "config/yaml.h"
#include "core/text.h"

namespace unit_config_config_test {

using namespace ci_triage;
using namespace ci_triage::config;

namespace {

// The message of the ConfigError that parsing `text` throws ("" when none).
std::string error_of(const std::string& text) {
  try {
    (void)parse_config(text, "ci.yml");
  } catch (const ConfigError& e) {
    BOOST_TEST(e.exit_code() == kExitConfig);
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_file)

BOOST_AUTO_TEST_CASE(yaml_tree_has_lines_and_kinds) {
  const YamlNode n = parse_yaml("a: 1\nb:\n  - x\n  - 'y'\nc: {d: true}\n");
  BOOST_TEST(n.keys.size() == 3u);
  BOOST_TEST(n.keys[1].value == "b");
  BOOST_TEST(n.items[1].items[1].line == 4);
  BOOST_TEST(!n.items[1].items[1].plain);
  BOOST_TEST(n.items[0].kind_name() == "a number");
  BOOST_TEST(n.items[2].items[0].kind_name() == "a boolean");
  BOOST_TEST(parse_yaml("# only a comment\n").is_null());
}

BOOST_AUTO_TEST_CASE(yaml_refuses_aliases_duplicates_depth_and_size) {
  auto line_of = [](const std::string& text, const YamlLimits& limits = {}) {
    try {
      (void)parse_yaml(text, limits);
    } catch (const YamlError& e) {
      return e.line();
    }
    return -1;
  };
  // A billion laughs never expands: the first alias is refused.
  BOOST_TEST(line_of("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n") == 2);
  BOOST_TEST(line_of("a: 1\na: 2\n") == 2);
  BOOST_TEST(line_of(std::string(100, '[') + std::string(100, ']')) == 1);
  BOOST_TEST(line_of("a: 1\n---\nb: 2\n") == 2);
  BOOST_TEST(line_of("a: [1, 2\n") > 0);
  BOOST_TEST(line_of(std::string(100, 'x'), YamlLimits{50, 16, 100}) == 0);
  BOOST_TEST(line_of("[1, 2, 3, 4, 5]", YamlLimits{1000, 16, 3}) == 1);
  BOOST_TEST(line_of("? [a]\n: 1\n") == 1);  // a key must be a scalar
}

BOOST_AUTO_TEST_CASE(every_setting_with_where_it_came_from) {
  const Config c = parse_config(
      "version: 1\n"
      "rules:\n"
      "  files: [ci/rules.json]\n"
      "  disable: [python-module-not-found, monitoring]\n"
      "  severity:\n"
      "    flaky-test: notice\n"
      "annotations:\n"
      "  ignore-paths: ['vendor/**']\n"
      "comment: never\n"
      "escalation:\n"
      "  enabled: false\n"
      "  contacts: [\"On-call: oncall@example.com\"]\n"
      "  request: Roll back the release\n"
      "patches:\n"
      "  enabled: true\n"
      "  disable: [docker-cache]\n",
      "ci.yml");
  BOOST_TEST(c.rule_files.value.at(0).name == "ci/rules.json");
  BOOST_TEST(c.rule_files.from == "ci.yml:3");
  BOOST_TEST(c.disable.value.at(1).name == "monitoring");
  BOOST_TEST(c.disable.value.at(1).line == 4);
  BOOST_TEST(c.severity.at(0).name == "flaky-test");
  BOOST_TEST(std::string(severity_name(c.severity.at(0).severity)) == "notice");
  BOOST_TEST(c.ignore_paths.value.at(0).name == "vendor/**");
  BOOST_TEST(c.comment.value == "never");
  BOOST_TEST(c.comment.from == "ci.yml:9");
  BOOST_TEST(!c.escalation.value);
  BOOST_TEST(c.contacts.value.at(0).name == "On-call: oncall@example.com");
  BOOST_TEST(c.request.value == "Roll back the release");
  BOOST_TEST(c.patches.value);
  BOOST_TEST(c.patch_disable.value.at(0).name == "docker-cache");
  BOOST_TEST(c.patches.from == "ci.yml:15");

  const Config empty = parse_config("", "ci.yml");
  BOOST_TEST(empty.comment.value == "auto");
  BOOST_TEST(empty.comment.from == "default");
  BOOST_TEST(empty.escalation.value);
}

BOOST_AUTO_TEST_CASE(one_line_errors_name_file_line_and_problem) {
  BOOST_TEST(error_of("rules:\n  disabel: [x]\n") ==
             "ci.yml:2: rules: unknown key \"disabel\" (did you mean \"disable\"?)");
  BOOST_TEST(error_of("coment: never\n") == "ci.yml:1: unknown key \"coment\" (did you mean \"comment\"?)");
  BOOST_TEST(error_of("rules:\n  disable: monitoring\n") ==
             "ci.yml:2: rules.disable: expected a list of strings, got a string");
  BOOST_TEST(error_of("escalation:\n  enabled: yes\n") ==
             "ci.yml:2: escalation.enabled: expected true or false, got a string \"yes\"");
  BOOST_TEST(error_of("comment: sometimes\n") ==
             "ci.yml:1: comment: unknown mode \"sometimes\" (expected auto, always or never)");
  BOOST_TEST(error_of("rules:\n  severity:\n    x: fatal\n") ==
             "ci.yml:3: rules.severity.x: unknown severity \"fatal\" (expected error, warning or notice)");
  BOOST_TEST(error_of("version: 2\n") ==
             "ci.yml:1: version: expected 1 (the only version of this file), got a number \"2\"");
  BOOST_TEST(error_of("- a\n") == "ci.yml:1: the file: expected a mapping, got a list");
  BOOST_TEST(error_of("patches:\n  disable: [[a]]\n") ==
             "ci.yml:2: patches.disable[0]: expected a string, got a list");
  BOOST_TEST(error_of("a: *x\n").rfind("ci.yml:1: ", 0) == 0);
  BOOST_TEST(error_of("rules: [\n").rfind("ci.yml:", 0) == 0);
  BOOST_TEST(error_of("comment: \"a\\u0007\"\n") ==
             "ci.yml:1: comment: contains control characters or invalid UTF-8");
}

BOOST_AUTO_TEST_CASE(names_are_checked_against_the_rules_and_the_patch_kinds) {
  const Known known{{"python-module-not-found"}, {"imports", "monitoring"}, {"docker-cache"}};
  check_names(parse_config("rules: {disable: [python-module-not-found, monitoring]}\n", "c.yml"), known);
  auto error_of_names = [&](const std::string& text) -> std::string {
    try {
      check_names(parse_config(text, "c.yml"), known);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "";
  };
  BOOST_TEST(error_of_names("rules:\n  disable:\n    - pyhton-module-not-found\n") ==
             "c.yml:3: unknown rules.disable: rule id or category \"pyhton-module-not-found\" (did you mean "
             "\"python-module-not-found\"?)");
  BOOST_TEST(error_of_names("rules: {severity: {imprts: notice}}\n") ==
             "c.yml:1: unknown rules.severity: rule id or category \"imprts\" (did you mean \"imports\"?)");
  BOOST_TEST(error_of_names("patches: {disable: [docker-cash]}\n") ==
             "c.yml:1: unknown patches.disable: patch kind \"docker-cash\" (did you mean \"docker-cache\"?)");
}

BOOST_AUTO_TEST_CASE(globs) {
  BOOST_TEST(glob_match("vendor/**", "vendor/a/b.go"));
  BOOST_TEST(glob_match("**/*.md", "docs/x/readme.md"));
  BOOST_TEST(glob_match("**/*.md", "readme.md"));
  BOOST_TEST(glob_match("src/*.py", "src/a.py"));
  BOOST_TEST(!glob_match("src/*.py", "src/x/a.py"));
  BOOST_TEST(glob_match("a?c", "abc"));
  BOOST_TEST(!glob_match("a?c", "a/c"));
  BOOST_TEST(!glob_match("vendor/**", "src/vendor.go"));
  BOOST_TEST(glob_match("a/**/b", "a/x/y/b"));
  BOOST_TEST(glob_match("a/**/b", "a/b"));
  BOOST_TEST(!glob_match("a/**/b", "a/xb"));
  BOOST_TEST(!glob_match("**/*.md", "docs/x.mdx"));
  BOOST_TEST(glob_match("*", "x"));
  BOOST_TEST(!glob_match("", "x"));
  // Linear, not exponential: many stars against a long near-miss.
  BOOST_TEST(!glob_match("*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_config_config_test
