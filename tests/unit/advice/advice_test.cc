// Findings → what to tell people: templates with fields, shell arguments.
#include "advice/advice.h"

#include <boost/test/unit_test.hpp>

#include "rules/rule_loader.h"

namespace unit_advice_advice_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(advice)

BOOST_AUTO_TEST_CASE(templates_give_shell_arguments) {
  Finding f;
  f.fields["test_ids"] = std::vector<std::string>{"t.py::a[x-y]", "t.py::b", "it's"};
  BOOST_TEST(render_template("pytest {test_ids:sh} -x", f) == "pytest 't.py::a[x-y]' t.py::b 'it'\\''s' -x");
  BOOST_TEST(render_template("pytest {missing:sh|<ids>}", f) == "pytest <ids>");
}

BOOST_AUTO_TEST_CASE(templates_join_lists_for_one_option) {
  Finding f;
  f.fields["test_ids"] = std::vector<std::string>{"TestA", "TestB/case_1"};
  f.fields["classes"] = std::vector<std::string>{"com.x.ATest", "com.x.BTest"};
  BOOST_TEST(render_template("go test -run {test_ids:or} ./...", f) ==
             "go test -run 'TestA|TestB/case_1' ./...");
  BOOST_TEST(render_template("mvn -Dtest={classes:csv} test", f) ==
             "mvn -Dtest=com.x.ATest,com.x.BTest test");
  BOOST_TEST(render_template("--tests {classes:first}", f) == "--tests com.x.ATest");
  // A list shown as text is no shell argument list: ", " joins it.
  BOOST_TEST(render_template("{test_ids}", f) == "TestA, TestB/case_1");
}

BOOST_AUTO_TEST_CASE(remedies_follow_the_tool_that_failed) {
  RuleSet set;
  load_rules(
      R"J({"schema": "ci-triage/rules@1", "rules": [{"id": "js-tests", "category": "tests", "title": "t",
      "patterns": ["x"], "remedies": [
        {"when": {"tool": "^jest$"}, "text": "`npx jest`"},
        {"when": {"tool": "^node:test$"}, "text": "`node --test`"},
        {"when": {"command": "\\bshellcheck\\b", "ecosystem": "generic"}, "text": "`shellcheck`"},
        {"when": {"error": "CUDA"}, "text": "the GPU"},
        {"otherwise": true, "text": "the step's command"},
        "always"]}]})J",
      "r.json", set);
  const Advisor advisor(set);
  Finding f;
  f.rule = "js-tests";
  f.fields["tool"] = std::string("node:test");
  advisor.advise(f);
  BOOST_TEST(f.remedies == (std::vector<std::string>{"`node --test`", "always"}),
             boost::test_tools::per_element());
  f.fields.erase("tool");
  advisor.advise(f, "npm test");
  BOOST_TEST(f.remedies == (std::vector<std::string>{"the step's command", "always"}),
             boost::test_tools::per_element());
  f.fields["ecosystem"] = std::string("generic");
  advisor.advise(f, "set -e\nshellcheck scripts/*.sh");  // any line of the command; every condition
  BOOST_TEST(f.remedies == (std::vector<std::string>{"`shellcheck`", "always"}),
             boost::test_tools::per_element());
  f.fields["error"] = std::vector<std::string>{"Killed", "torch.OutOfMemoryError: CUDA out of memory"};
  advisor.advise(f);  // a list: any item
  BOOST_TEST(f.remedies == (std::vector<std::string>{"the GPU", "always"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_advice_test
