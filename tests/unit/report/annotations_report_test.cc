// Workflow-command annotations: located, titled, within the budget, root causes first.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <sstream>
#include <vector>

#include "report/report.h"
#include "report/sample_report.h"

namespace unit_report_annotations_report_test {

using namespace ci_triage;
using ci_triage::testing::sample_report;

BOOST_AUTO_TEST_SUITE(annotations_report)

BOOST_AUTO_TEST_CASE(annotations_carry_location_and_respect_the_budget) {
  std::ostringstream out;
  write_annotations(sample_report(), out, 1);
  const std::string a = out.str();
  BOOST_TEST(a.rfind("::error file=tests/test_a.py,line=3,title=build%3A Python module", 0) == 0u);
  BOOST_TEST(a.find("::warning") == std::string::npos);  // budget of 1
}

BOOST_AUTO_TEST_CASE(annotations_rank_root_causes_across_jobs) {
  Report report;
  for (int i = 0; i < 3; ++i) {
    JobReport j;
    j.name = "job" + std::to_string(i);
    for (int k = 0; k < 12; ++k) {
      Finding f;
      f.title = "f" + std::to_string(k);
      f.category = k == 0 ? "root" : "other";
      j.findings.push_back(f);
    }
    report.jobs.push_back(j);
  }
  std::ostringstream out;
  write_run_annotations(report, out, 10);
  const std::string s = out.str();
  std::size_t lines = 0, roots = 0;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) {
    ++lines;
    if (lines <= 3 && line.find("%3A f0::") != std::string::npos) ++roots;
  }
  BOOST_TEST(lines == 10u);  // the runner attaches 10 errors per step
  BOOST_TEST(roots == 3u);   // every job's root cause comes first
}

BOOST_AUTO_TEST_CASE(one_annotation_per_location_ranked_and_within_the_step_budget) {
  Report report;
  for (int i = 0; i < 2; ++i) {
    JobReport j;
    j.name = "job" + std::to_string(i);
    Finding f;
    f.title = "mypy found 12 error(s)";
    f.summary = "The type checker reported errors.";
    for (int k = 1; k <= 12; ++k)
      f.locations.push_back({"pkg/m" + std::to_string(i) + ".py", k,
                             "pkg/m.py:" + std::to_string(k) + ": error: e" + std::to_string(k), 100u + k});
    f.location = Location{f.locations.front().file, 1, "", 0};
    j.findings.push_back(f);
    report.jobs.push_back(j);
  }
  std::ostringstream run;
  write_run_annotations(report, run, 10);
  std::istringstream in(run.str());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  BOOST_REQUIRE(lines.size() == 10u);  // 10 errors per step, not 24
  BOOST_TEST(lines[0].rfind("::error file=pkg/m0.py,line=1,title=job0%3A mypy", 0) == 0u);
  BOOST_TEST(lines[1].rfind("::error file=pkg/m1.py,line=1,", 0) == 0u);  // every job's first place first
  BOOST_TEST(lines[2].rfind("::error file=pkg/m0.py,line=2,", 0) == 0u);
  BOOST_TEST(lines[2].find("::line 102: pkg/m.py:2: error: e2%0AThe type checker") != std::string::npos);
  std::ostringstream one;
  write_annotations(report, one, 50);
  const std::string s = one.str();
  BOOST_TEST(std::count(s.begin(), s.end(), '\n') == 10);  // one step attaches 10 errors
  // annotations.ignore-paths drops each location its glob matches, not the finding's others.
  const std::vector<std::string> ignore = {"pkg/m0.py"};
  std::ostringstream kept;
  write_run_annotations(report, kept, 10, ignore);
  BOOST_TEST(kept.str().find("file=pkg/m0.py") == std::string::npos);
  BOOST_TEST(kept.str().find("file=pkg/m1.py,line=10,") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_report_annotations_report_test
