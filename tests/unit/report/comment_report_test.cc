// The sticky comment's size cap, marker and escaping, and the summary's cap.
#include <boost/test/unit_test.hpp>

#include "app/analyze.h"
#include "report/report.h"
#include "rules/rule_loader.h"
#include "test_support.h"

namespace unit_report_comment_report_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(pr_comment_report)

BOOST_AUTO_TEST_CASE(comment_is_capped_escaped_and_marked) {
  Report report;
  RunInfo run;
  run.repo = "o/r";
  run.run_id = 7;
  run.url = "https://github.com/o/r/actions/runs/7";
  run.workflow = "CI <b>";
  run.head_sha = "0123456789abcdef";
  report.run = run;
  for (int i = 0; i < 400; ++i) {
    JobReport j;
    j.name = "job @octocat <img src=x> " + std::to_string(i);
    j.url = "https://github.com/o/r/actions/runs/7/job/" + std::to_string(i);
    Finding f;
    f.category = "tests";
    f.title = "tests failed";
    f.summary = "summary";
    f.evidence.push_back({10, "``` @admin <script>alert(1)</script> " + std::string(100, 'x')});
    f.remedies = {"fix it"};
    f.location = Location{"src/`@octocat <b>`.py", 3};  // a path from the log: no code span to break out of
    f.fields["test_ids"] = std::vector<std::string>{"test_" + std::to_string(i)};  // 400 distinct failures
    f.severity = Severity::kError;
    j.findings.push_back(f);
    report.jobs.push_back(j);
  }
  const std::string marker = sticky_marker(run.workflow);
  BOOST_TEST(marker.find("-->", 4) == marker.size() - 3);  // the name cannot close the comment early
  const std::string body = render_pr_comment(report, {}, marker);
  BOOST_TEST(body.rfind(marker, 0) == 0u);
  BOOST_TEST(body.size() < 65536u);
  BOOST_TEST(body.find("more failure(s) in the run's job summary") != std::string::npos);
  BOOST_TEST(body.find("@octocat") == std::string::npos);  // no mention outside code
  BOOST_TEST(body.find("<img") == std::string::npos);
  BOOST_TEST(body.find("````text") != std::string::npos);  // fence longer than the backticks inside
  const std::string summary = render_github_summary(report, {}, 20000);
  BOOST_TEST(summary.size() <= 20000u);
  BOOST_TEST(summary.find("left out to keep the summary") != std::string::npos);
  BOOST_TEST(summary.find("@octocat") == std::string::npos);
  BOOST_TEST(summary.find("<b>") == std::string::npos);

  // The same failure in all 400 jobs: one section, the other jobs linked up to a bound.
  for (auto& j : report.jobs) j.findings.front().fields.erase("test_ids");
  const std::string one = render_pr_comment(report, {}, marker);
  BOOST_TEST(one.find("1 distinct failure in 400 failed jobs") != std::string::npos);
  BOOST_TEST(one.find("**Failed the same way** (399 more jobs)") != std::string::npos);
  BOOST_TEST(one.find("_+387 more in the job summary_") != std::string::npos);
  BOOST_TEST(one.size() < 12000u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_report_comment_report_test
