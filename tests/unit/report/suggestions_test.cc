// One-click review suggestions from a patch, only on lines of the PR's diff.
#include "report/suggestions.h"

#include <boost/test/unit_test.hpp>

#include "test_support.h"

namespace unit_report_suggestions_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(review_suggestions)

namespace {
Patch golden_patch(const std::string& dir) {
  Patch p;
  p.file = "pyproject.toml";
  p.diff = ci_triage::testing::source_file("tests/patches/" + dir + "/expected.patch");
  p.rationale = "add the distribution";
  p.confidence = 0.9;
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_insertion_anchors_on_the_line_before) {
  const auto s = suggestions_from_patch(golden_patch("pep621"));
  BOOST_REQUIRE_EQUAL(s.size(), 1u);
  BOOST_TEST(s[0].path == "pyproject.toml");
  BOOST_TEST(s[0].start_line == 11);  // "click>=8.1",  # CLI
  BOOST_TEST(s[0].line == 11);
  BOOST_REQUIRE_EQUAL(s[0].replacement.size(), 2u);
  BOOST_TEST(s[0].replacement[0] == s[0].original[0]);
  BOOST_TEST(s[0].replacement[1] == "    \"python-dateutil\",");
  const std::string body = suggestion_body(s[0], golden_patch("pep621"));
  BOOST_TEST(body.find("```suggestion\n    \"click>=8.1\",  # CLI\n    \"python-dateutil\",\n```") !=
             std::string::npos);
  BOOST_TEST(body.rfind(suggestion_marker(s[0]), 0) == 0u);
}

BOOST_AUTO_TEST_CASE(only_lines_of_the_pr_diff_with_the_same_text) {
  const auto s = suggestions_from_patch(golden_patch("pep621"));
  BOOST_REQUIRE_EQUAL(s.size(), 1u);
  // The PR added the click line: line 11 is on the right side of its diff.
  const auto in_diff = right_side_lines(
      "@@ -8,5 +8,6 @@ requires-python\n [project]\n-x\n dependencies = [\n     \"attrs>=22.1\",\n+    "
      "\"click>=8.1\",  # CLI\n     \"six\"\n");
  BOOST_TEST(in_diff.at(11).first == "    \"click>=8.1\",  # CLI");
  BOOST_TEST(fits_pr_diff(s[0], in_diff));
  // Another text at that line (the PR changed it since), or a line outside the diff: no suggestion.
  const auto changed =
      right_side_lines("@@ -8,3 +8,4 @@\n [project]\n dependencies = [\n     \"attrs\",\n+    \"click\",\n");
  BOOST_TEST(!fits_pr_diff(s[0], changed));
  const auto elsewhere = right_side_lines("@@ -1,2 +1,3 @@\n [build-system]\n+requires = []\n x\n");
  BOOST_TEST(!fits_pr_diff(s[0], elsewhere));
}

BOOST_AUTO_TEST_CASE(a_new_file_cannot_be_suggested) {
  Patch p;
  p.diff = "--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,2 @@\n+.git\n+node_modules\n";
  BOOST_TEST(suggestions_from_patch(p).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_report_suggestions_test
