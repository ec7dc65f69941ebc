// core/signature group_failures: one group per distinct failure of a run, whatever the number of
// jobs it failed in.
#include <boost/test/unit_test.hpp>

#include "core/signature.h"

namespace unit_core_groups_test {

using namespace ci_triage;

namespace {

JobReport failed_job(const std::string& name, const std::string& rule, const std::string& module,
                     std::uint64_t line) {
  JobReport j;
  j.name = name;
  j.status = JobStatus::kFailed;
  Finding f;
  f.rule = rule;
  f.category = "imports";
  f.step = {4, "Run pytest"};
  f.fields["module"] = module;
  f.evidence.push_back({line, "E   ModuleNotFoundError: No module named '" + module + "'"});
  j.findings.push_back(f);
  return j;
}

}  // namespace

BOOST_AUTO_TEST_CASE(jobs_failing_the_same_way_are_one_group_in_report_order) {
  Report r;
  r.run = RunInfo{};
  r.jobs.push_back(failed_job("test (3.10, 1)", "python-module-not-found", "yaml", 31));
  r.jobs.push_back(failed_job("test (3.10, 2)", "python-module-not-found", "requests", 40));
  r.jobs.push_back(failed_job("test (3.11, 1)", "python-module-not-found", "yaml", 33));  // other lines
  r.jobs.push_back(failed_job("test (3.11, 2)", "python-module-not-found", "requests", 41));
  const auto groups = group_failures(r);
  BOOST_REQUIRE_EQUAL(groups.size(), 2u);
  BOOST_TEST(groups[0].jobs == (std::vector<std::size_t>{0, 2}), boost::test_tools::per_element());
  BOOST_TEST(groups[1].jobs == (std::vector<std::size_t>{1, 3}), boost::test_tools::per_element());
  BOOST_TEST(groups[0].fingerprint == finding_fingerprint(r.jobs[0].findings[0]));
  BOOST_TEST(groups[0].fingerprint != groups[1].fingerprint);
}

BOOST_AUTO_TEST_CASE(jobs_without_a_root_cause_group_by_why) {
  Report r;
  r.run = RunInfo{};
  JobReport no_log;
  no_log.name = "a";
  no_log.log_available = false;
  JobReport no_log2 = no_log;
  no_log2.name = "b";
  JobReport no_pattern;
  no_pattern.name = "c";
  no_pattern.status = JobStatus::kFailed;
  r.jobs = {no_log, no_pattern, no_log2};
  const auto groups = group_failures(r);
  BOOST_REQUIRE_EQUAL(groups.size(), 2u);
  BOOST_TEST(groups[0].jobs == (std::vector<std::size_t>{0, 2}), boost::test_tools::per_element());
  BOOST_TEST(groups[0].fingerprint.empty());
}

BOOST_AUTO_TEST_CASE(a_local_log_that_passed_is_no_failure) {
  Report r;  // analyze: no run
  JobReport passed;
  passed.status = JobStatus::kPassed;
  Finding advisory;
  advisory.rule = "docker-cache-miss";
  advisory.severity = Severity::kWarning;
  passed.findings.push_back(advisory);
  r.jobs.push_back(passed);
  BOOST_TEST(group_failures(r).empty());
}

}  // namespace unit_core_groups_test
