#include <boost/test/unit_test.hpp>
#include <set>

#include "core/error.h"
#include "diagnosis/collector.h"
#include "rules/embedded.h"
#include "rules/matcher.h"
#include "rules/rule_loader.h"
#include "test_support.h"

using namespace ci_triage;
using ci_triage::testing::fuzz_corpus;

namespace {
std::string load_error(const std::string& json) {
  RuleSet set;
  try {
    load_rules(json, "my.json", set);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

BOOST_AUTO_TEST_CASE(builtin_rules_are_valid_and_cover_the_runbook) {
  const RuleSet set = builtin_rules();
  BOOST_TEST(set.rules.size() > 50u);
  std::set<std::string> ids, categories;
  for (const auto& r : set.rules) {
    BOOST_TEST(ids.insert(r.id).second, "duplicate id " << r.id);
    categories.insert(r.category);
    BOOST_TEST(!r.title.empty());
    if (r.category != "unknown") {
      BOOST_TEST(!r.causes.empty(), r.id << " has no causes");
      BOOST_TEST(!r.remedies.empty(), r.id << " has no remedies");
    }
  }
  for (const char* c :
       {"tests",        "test-isolation", "imports",       "typecheck",    "coverage",
        "docker-build", "docker-cache",   "registry-auth", "kubectl-auth", "pods-not-ready",
        "smoke-tests",  "monitoring",     "rollback",      "db-migration", "dependency-install",
        "timeout",      "cancelled",      "oom",           "disk-full",    "network",
        "lint",         "compile",        "npm",           "go-test",      "cargo-test",
        "jvm-test"})
    BOOST_TEST(categories.count(c) == 1u, "no rule for category " << c);
}

BOOST_AUTO_TEST_CASE(builtin_rule_files_pass_full_validation) {
  // builtin_rules() skips compiling regexes at start-up; this is where they are checked.
  for (const auto& f : embedded::rule_files()) {
    RuleSet set;
    BOOST_CHECK_NO_THROW(load_rules(f.content, std::string(f.name), set));
  }
}

BOOST_AUTO_TEST_CASE(builtin_rules_never_run_on_every_line) {
  // Every output pattern has a literal for the prefilter: otherwise it would
  // run RE2 on every line of every log.
  const CompiledRules compiled(builtin_rules());
  BOOST_TEST(compiled.slow_rules().empty());
}

BOOST_AUTO_TEST_CASE(malformed_rules_name_file_path_and_problem) {
  BOOST_TEST(load_error("{").rfind("rules file my.json: $: invalid JSON", 0) == 0u);
  BOOST_TEST(load_error(R"J({"schema":"x","rules":[]})J") ==
             "rules file my.json: $.schema: expected \"ci-triage/rules@1\"");
  const std::string head = R"J({"schema":"ci-triage/rules@1","rules":[)J";
  BOOST_TEST(load_error(head + R"J({"id":"a","category":"tests","title":"t","patterns":["(x"]}]})J")
                 .find("$.rules[0].patterns[0]: invalid regex") != std::string::npos);
  BOOST_TEST(load_error(head + R"J({"id":"Bad_Id","category":"tests","title":"t","patterns":["x"]}]})J") ==
             "rules file my.json: $.rules[0].id: \"Bad_Id\" is not kebab-case");
  BOOST_TEST(
      load_error(head +
                 R"J({"id":"a","category":"tests","title":"t","patterns":["x"],"severity":"fatal"}]})J") ==
      "rules file my.json: $.rules[0].severity: expected \"error\", \"warning\" or \"notice\"");
  BOOST_TEST(load_error(head + R"J({"id":"a","category":"tests","title":"t","patterns":["(?P<n>x)"]}]})J") ==
             "rules file my.json: $.rules[0].fields: named group \"n\" is not declared in \"fields\"");
  BOOST_TEST(load_error(head + R"J({"id":"a","category":"tests","patterns":["x"]}]})J") ==
             "rules file my.json: $.rules[0]: missing \"title\"");
  BOOST_TEST(
      load_error(head +
                 R"J({"id":"a","category":"tests","title":"t","patterns":["x"],"when":{"cmd":"y"}}]})J")
          .find("$.rules[0].when.cmd: unknown condition") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(user_rules_add_and_override) {
  RuleSet set = builtin_rules();
  const std::size_t before = set.rules.size();
  load_rules(R"J({"schema":"ci-triage/rules@1","rules":[
      {"id":"python-module-not-found","category":"imports","title":"mine","patterns":["No module named"]},
      {"id":"my-new-rule","category":"deploy","title":"new","patterns":["deploy failed"]}]})J",
             "user.json", set);
  BOOST_TEST(set.rules.size() == before + 1);
  for (const auto& r : set.rules)
    if (r.id == "python-module-not-found") BOOST_TEST(r.title == "mine");
}

BOOST_AUTO_TEST_CASE(matcher_reports_hits_with_named_captures) {
  Matcher m({"ModuleNotFoundError: No module named '(?P<module>[^']+)'", "(?i)connection refused",
             "^no atoms? here$"});
  Batch b;
  const std::string text =
      "first line\nE   ModuleNotFoundError: No module named 'yaml'\ncurl: Connection REFUSED\n";
  b.text = text;
  b.lines = {
      {0, 10, 1, 0, LineKind::kOutput}, {11, 47, 2, 0, LineKind::kOutput}, {59, 24, 3, 0, LineKind::kOutput}};
  std::vector<std::tuple<std::uint32_t, std::uint64_t, std::string>> hits;
  m.scan(b, 1u << static_cast<unsigned>(LineKind::kOutput),
         [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>& caps) {
           hits.emplace_back(
               p, l.number, caps.empty() ? "" : std::string(caps[0].name) + "=" + std::string(caps[0].value));
         });
  BOOST_REQUIRE_EQUAL(hits.size(), 2u);
  BOOST_TEST(std::get<0>(hits[0]) == 0u);
  BOOST_TEST(std::get<1>(hits[0]) == 2u);
  BOOST_TEST(std::get<2>(hits[0]) == "module=yaml");
  BOOST_TEST(std::get<0>(hits[1]) == 1u);  // case-insensitive regex, caseless prefilter
  BOOST_TEST(std::get<1>(hits[1]) == 3u);
}

BOOST_AUTO_TEST_CASE(matcher_runs_patterns_without_literals_on_every_line) {
  Matcher m({"^\\d+$"});
  BOOST_TEST(m.unfiltered().size() == 1u);
  Batch b;
  const std::string text = "abc\n123\n";
  b.text = text;
  b.lines = {{0, 3, 1, 0, LineKind::kOutput}, {4, 3, 2, 0, LineKind::kOutput}};
  int hits = 0;
  m.scan(b, ~0u, [&](std::uint32_t, const Line& l, std::string_view, const std::vector<Capture>&) {
    ++hits;
    BOOST_TEST(l.number == 2u);
  });
  BOOST_TEST(hits == 1);
}

// Hostile input (issue 11).
BOOST_AUTO_TEST_SUITE(rules_hostile)

BOOST_AUTO_TEST_CASE(deeply_nested_rules_file_is_one_clear_error) {
  RuleSet set;
  try {
    load_rules(fuzz_corpus("rules/deep-nesting-120k-rules.json"), "deep.json", set);
    BOOST_FAIL("accepted");
  } catch (const UsageError& e) {
    BOOST_TEST(std::string(e.what()).find("rules file deep.json: $: invalid JSON at byte") == 0);
    BOOST_TEST(std::string(e.what()).find("nested deeper than 128 levels") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
