// Links into the web log: step anchors by the API's step numbers.
#include "report/github_markdown.h"

#include <boost/test/unit_test.hpp>

#include "app/analyze.h"
#include "rules/rule_loader.h"
#include "test_support.h"

namespace unit_report_github_markdown_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(github_markdown)

BOOST_AUTO_TEST_CASE(evidence_links_point_at_the_step_line) {
  Engine engine(builtin_rules());
  auto src = memory_source("unit-tests",
                           ci_triage::testing::source_file("tests/github/logs/dev-imports-crypto.log"));
  JobReport job = engine.analyze(*src);
  job.url = "https://github.com/o/r/actions/runs/1/job/2";
  for (std::size_t i = 0; i < job.steps.size(); ++i) job.steps[i].api_number = static_cast<int>(i) + 1;
  BOOST_REQUIRE(!job.findings.empty());
  // Raw line 137 is the 31st line of step 4, whose `##[group]Run` header is raw line 107.
  BOOST_TEST(job.findings.front().evidence.front().line == 137u);
  BOOST_TEST(log_line_url(job, 137) == "https://github.com/o/r/actions/runs/1/job/2#step:4:31");
  job.steps[3].api_number = 0;  // unknown step: the job page itself
  BOOST_TEST(log_line_url(job, 137) == job.url);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_report_github_markdown_test
