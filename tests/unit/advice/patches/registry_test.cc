// The patch generator registry: one table that rules are checked against and
// propose_patches dispatches on; a generator's bug is an error, not a note.
#include "advice/patches/registry.h"

#include <boost/test/unit_test.hpp>
#include <set>
#include <stdexcept>

#include "advice/patches.h"
#include "core/error.h"
#include "rules/rule_loader.h"
#include "test_support.h"

namespace unit_advice_patches_registry_test {

using namespace ci_triage;
using ci_triage::testing::TempDir;

BOOST_AUTO_TEST_SUITE(patch_registry)

BOOST_AUTO_TEST_CASE(kinds_are_unique_sorted_and_documented) {
  std::string previous;
  for (const auto& g : patches::generators()) {
    BOOST_TEST(std::string(g.kind).compare(previous) > 0, g.kind << " after " << previous);
    BOOST_TEST(g.generate != nullptr);
    BOOST_TEST(!g.fixes.empty());
    BOOST_TEST(patches::find_generator(g.kind) == &g);
    const std::string docs = ci_triage::testing::source_file("docs/patches.md");
    BOOST_TEST(docs.find("`" + std::string(g.kind) + "`") != std::string::npos,
               "docs/patches.md does not describe " << g.kind);
    previous = g.kind;
  }
  BOOST_TEST(patches::find_generator("no-such-kind") == nullptr);
}

BOOST_AUTO_TEST_CASE(every_generator_is_named_by_a_builtin_rule) {
  const RuleSet set = builtin_rules();
  BOOST_CHECK_NO_THROW(check_patch_kinds(set, patch_kinds()));
  std::set<std::string> named;
  for (const auto& r : set.rules)
    if (!r.patch.empty()) named.insert(r.patch);
  for (const auto& g : patches::generators())
    BOOST_TEST(named.count(std::string(g.kind)) == 1u, "no built-in rule names " << g.kind);
}

BOOST_AUTO_TEST_CASE(a_rule_naming_an_unknown_generator_fails_loading) {
  RuleSet set;
  load_rules(R"({"schema": "ci-triage/rules@1", "rules": [{"id": "my-rule", "category": "imports",
    "title": "t", "patterns": ["x"], "patch": "python-dependancy"}]})",
             "my.json", set);
  try {
    check_patch_kinds(set, patch_kinds());
    BOOST_FAIL("an unknown patch kind was accepted");
  } catch (const UsageError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "rules file my.json: rule \"my-rule\": unknown patch generator \"python-dependancy\" (did you "
               "mean \"python-dependency\"?)");
  }
  set.rules.front().patch = "terraform-fmt";
  BOOST_CHECK_EXCEPTION(check_patch_kinds(set, patch_kinds()), UsageError, [](const UsageError& e) {
    return std::string(e.what()).find("(known: docker-cache, dockerignore,") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(an_unknown_kind_reaching_the_generators_is_a_bug) {
  TempDir repo;
  repo.write("requirements.txt", "six\n");
  JobReport job;
  Finding f;
  f.rule = "made-up";
  f.patch_kind = "no-such-generator";
  job.findings.push_back(f);
  BOOST_CHECK_THROW(propose_patches(job, PatchOptions{repo.root, ""}), std::logic_error);
}

BOOST_AUTO_TEST_CASE(generators_never_throw_on_a_finding_without_fields_or_steps) {
  // The least a generator can be given: it must answer with notes, not an exception.
  TempDir repo;
  repo.write("requirements.txt", "six\n");
  repo.write(".github/workflows/ci.yml", "jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n");
  for (const auto& g : patches::generators()) {
    JobReport job;
    Finding f;
    f.rule = "r";
    f.patch_kind = std::string(g.kind);
    job.findings.push_back(f);
    BOOST_CHECK_NO_THROW(propose_patches(job, PatchOptions{repo.root, ""}));
    BOOST_TEST(!job.findings.front().patch.has_value(), g.kind << " proposed a patch from nothing");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_registry_test
