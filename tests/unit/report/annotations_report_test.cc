// Workflow-command annotations: located, titled, within the budget, root causes first.
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "report/report.h"
#include "report/sample_report.h"

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

BOOST_AUTO_TEST_SUITE_END()
