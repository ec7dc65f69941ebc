#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <set>

#include "core/error.h"
#include "rules/compiled_rules.h"
#include "rules/embedded.h"
#include "rules/matcher.h"
#include "rules/prefilter.h"
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
// Every category a built-in rule may use (docs/rules.md "Categories"): the
// runbook's, then the extra ones.
const std::set<std::string> kCategories = {"tests",
                                           "test-isolation",
                                           "imports",
                                           "typecheck",
                                           "coverage",
                                           "docker-build",
                                           "docker-cache",
                                           "registry-auth",
                                           "kubectl-auth",
                                           "pods-not-ready",
                                           "smoke-tests",
                                           "monitoring",
                                           "rollback",
                                           "db-migration",
                                           "dependency-install",
                                           "timeout",
                                           "cancelled",
                                           "oom",
                                           "disk-full",
                                           "network",
                                           "lint",
                                           "compile",
                                           "config",
                                           "git",
                                           "artifacts",
                                           "cloud-auth",
                                           "github-api",
                                           "uncaught-exception",
                                           "unknown"};
const std::set<std::string> kEcosystems = {"python",     "javascript", "jvm",   "go",     "rust",
                                           "dotnet",     "ruby",       "php",   "c-cpp",  "containers",
                                           "kubernetes", "helm",       "shell", "generic"};

}  // namespace

BOOST_AUTO_TEST_CASE(builtin_rules_are_valid_and_cover_the_runbook) {
  const RuleSet set = builtin_rules();
  BOOST_TEST(set.rules.size() > 50u);
  std::set<std::string> ids, categories;
  for (const auto& r : set.rules) {
    BOOST_TEST(ids.insert(r.id).second, "duplicate id " << r.id);
    categories.insert(r.category);
    // Every rule names its ecosystem (the language or platform), never in the category.
    const auto eco = r.constants.find("ecosystem");
    if (r.category != "unknown" || r.category_from_context) {
      BOOST_TEST_REQUIRE((eco != r.constants.end()), r.id << " sets no ecosystem");
      BOOST_TEST(kEcosystems.count(std::get<std::string>(eco->second)) == 1u, r.id << ": unknown ecosystem");
    }
    BOOST_TEST(!r.title.empty());
    BOOST_TEST(kCategories.count(r.category) == 1u,
               r.id << ": category " << r.category << " is not in the taxonomy");
    if (r.category != "unknown") {
      BOOST_TEST(!r.causes.empty(), r.id << " has no causes");
      BOOST_TEST(!r.remedies.empty(), r.id << " has no remedies");
    }
  }
  // The runbook's categories, whatever the language, plus the extra ones for
  // what lies outside it (docs/rules.md "Categories").
  for (const char* c :
       {"tests",        "test-isolation", "imports",       "typecheck",    "coverage",
        "docker-build", "docker-cache",   "registry-auth", "kubectl-auth", "pods-not-ready",
        "smoke-tests",  "monitoring",     "rollback",      "db-migration", "dependency-install",
        "timeout",      "cancelled",      "oom",           "disk-full",    "network",
        "lint",         "compile",        "config"})
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

BOOST_AUTO_TEST_CASE(prefilter_plan_lists_the_atom_sets_a_match_needs) {
  const PrefilterPlan plan = plan_prefilter({"foobar|bazqux", "needle.*haystack", "^\\d+$"});
  auto atoms_of = [&](std::size_t r) {
    std::vector<std::vector<std::string>> out;
    for (const auto& m : plan.regexes[r].minterms) {
      out.emplace_back();
      for (auto a : m) out.back().push_back(plan.atoms[a]);
      std::sort(out.back().begin(), out.back().end());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  using Sets = std::vector<std::vector<std::string>>;
  BOOST_TEST((atoms_of(0) == Sets{{"bazqux"}, {"foobar"}}));
  BOOST_TEST((atoms_of(1) == Sets{{"haystack", "needle"}}));
  BOOST_TEST((atoms_of(2) == Sets{{}}));
  BOOST_TEST((plan.unfiltered() == std::vector<int>{2}));
  PrefilterPlan back;
  BOOST_REQUIRE(deserialize_plan(serialize_plan(plan), back));
  BOOST_TEST(serialize_plan(back) == serialize_plan(plan));
  BOOST_TEST(!deserialize_plan(serialize_plan(plan).substr(0, 20), back));
}

BOOST_AUTO_TEST_CASE(builtin_rules_image_is_the_matcher_compiled_now) {
  // The build-time image (embedded::rules_image()) is what compiling the
  // built-in rules at start-up would give, and it is used for them.
  const RuleSet set = builtin_rules();
  const CompiledRules fresh(set);
  const CompiledRules imaged(set, embedded::rules_image());
  BOOST_TEST(!fresh.from_image());
  BOOST_TEST(imaged.from_image());
  BOOST_TEST(imaged.output_matcher().atoms() == fresh.output_matcher().atoms());
  BOOST_TEST(imaged.output_matcher().scanned_atoms() == fresh.output_matcher().scanned_atoms());
  for (std::uint32_t i = 0; i < fresh.output_patterns().size(); ++i)
    BOOST_TEST(imaged.output_patterns()[i].groups == fresh.output_patterns()[i].groups);
  // Any other rule set compiles its own matcher.
  RuleSet other = set;
  other.rules.front().patterns.push_back("another pattern");
  BOOST_TEST(!CompiledRules(other, embedded::rules_image()).from_image());
  BOOST_TEST(Matcher::from_image({"x"}, "garbage") == nullptr);
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
