// Markdown for a job summary: root cause first, fences that outlast the content.
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "report/report.h"
#include "report/sample_report.h"

namespace unit_report_markdown_report_test {

using namespace ci_triage;
using ci_triage::testing::sample_report;

BOOST_AUTO_TEST_SUITE(markdown_report)

BOOST_AUTO_TEST_CASE(markdown_puts_the_root_cause_first_and_fences_evidence) {
  std::ostringstream out;
  write_markdown(sample_report(), out);
  const std::string md = out.str();
  BOOST_TEST(md.find("Python module 'yaml' cannot be imported") < md.find("**Also found**"));
  BOOST_TEST(md.find("````text") != std::string::npos);  // longer than the ``` in the evidence
  BOOST_TEST(md.find("- [ ] Add PyYAML") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(patch_markdown_fence_outlasts_backticks) {
  Patch p{"python-dependency", "requirements.txt", "diff --git a/x b/x\n+a ```` b\n", "Add `x`.", 0.9};
  std::ostringstream out;
  write_patch_markdown(p, out);
  BOOST_TEST(out.str().find("`````diff\n") != std::string::npos);
  BOOST_TEST(out.str().find("confidence 90%") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_report_markdown_report_test
