// history/marks: new, pre-existing on the base branch, or flaky.
#include "history/marks.h"

#include <boost/test/unit_test.hpp>

#include "core/signature.h"

namespace unit_history_marks_test {

using namespace ci_triage;

namespace {

JobReport failed_job(const std::string& name, const std::string& test) {
  JobReport j;
  j.name = name;
  j.status = JobStatus::kFailed;
  Finding f;
  f.rule = "pytest-failed-tests";
  f.category = "tests";
  f.fields["test_ids"] = std::vector<std::string>{test};
  j.findings.push_back(f);
  return j;
}

Report run_with(std::vector<JobReport> jobs) {
  Report r;
  r.run = RunInfo{};
  r.jobs = std::move(jobs);
  r.groups = group_failures(r);
  return r;
}

HistoryRun base_run(std::uint64_t id, const std::string& sha, std::vector<JobOutcome> jobs) {
  HistoryRun h;
  h.ref.run_id = id;
  h.ref.head_sha = sha;
  h.ref.url = "https://github.com/o/r/actions/runs/" + std::to_string(id);
  h.jobs = std::move(jobs);
  h.jobs_listed = true;
  return h;
}

History read_history(std::vector<HistoryRun> runs) {
  History h;
  h.base = "main";
  h.read = true;
  h.runs = std::move(runs);
  return h;
}

}  // namespace

BOOST_AUTO_TEST_CASE(unreadable_history_leaves_no_marks) {
  Report r = run_with({failed_job("test", "tests/test_a.py::test_x")});
  mark_failures(r, History{});
  BOOST_TEST((r.groups.front().mark == FailureMark::kUnknown));
}

BOOST_AUTO_TEST_CASE(failing_the_same_way_on_main_is_pre_existing_since_the_streak_began) {
  Report r = run_with({failed_job("test", "tests/test_a.py::test_x"), failed_job("lint", "x")});
  const std::string fp = r.groups[0].fingerprint;
  HistoryRun newest = base_run(30, "ccc", {{1, "test", "failure", 1}, {2, "lint", "success", 1}});
  newest.fingerprints["test"] = {fp};
  HistoryRun older = base_run(20, "bbb", {{3, "test", "failure", 1}});
  HistoryRun oldest_green = base_run(10, "aaa", {{4, "test", "success", 1}});
  mark_failures(r, read_history({newest, older, oldest_green}));
  // new first: lint passed on main
  BOOST_TEST((r.groups[0].mark == FailureMark::kNew));
  BOOST_TEST(r.jobs[r.groups[0].jobs[0]].name == "lint");
  const FailureGroup& pre = r.groups[1];
  BOOST_TEST((pre.mark == FailureMark::kPreExisting));
  BOOST_TEST(pre.compared);
  BOOST_TEST(pre.seen_in->run_id == 30u);
  BOOST_TEST(pre.since->run_id == 20u);
}

BOOST_AUTO_TEST_CASE(a_different_failure_of_the_same_job_on_main_is_new) {
  Report r = run_with({failed_job("test", "tests/test_a.py::test_x")});
  HistoryRun newest = base_run(30, "ccc", {{1, "test", "failure", 1}});
  newest.fingerprints["test"] = {"0123456789abcdef"};  // main fails another way
  mark_failures(r, read_history({newest}));
  BOOST_TEST((r.groups[0].mark == FailureMark::kNew));
}

BOOST_AUTO_TEST_CASE(a_failed_job_whose_log_was_not_compared_is_pre_existing_unverified) {
  Report r = run_with({failed_job("test", "tests/test_a.py::test_x")});
  mark_failures(r, read_history({base_run(30, "ccc", {{1, "test", "failure", 1}})}));
  BOOST_TEST((r.groups[0].mark == FailureMark::kPreExisting));
  BOOST_TEST(!r.groups[0].compared);
}

BOOST_AUTO_TEST_CASE(a_job_that_main_did_not_run_looks_further_back) {
  Report r = run_with({failed_job("test", "tests/test_a.py::test_x")});
  HistoryRun skipped = base_run(30, "ccc", {{1, "test", "skipped", 1}});
  HistoryRun green = base_run(20, "bbb", {{2, "test", "success", 1}});
  mark_failures(r, read_history({skipped, green}));
  BOOST_TEST((r.groups[0].mark == FailureMark::kNew));
}

BOOST_AUTO_TEST_CASE(passing_in_an_earlier_attempt_of_this_run_is_flaky) {
  Report r = run_with({failed_job("test", "tests/test_a.py::test_x")});
  History h = read_history({});
  h.earlier_attempts.push_back({9, "test", "success", 1});
  mark_failures(r, h);
  BOOST_TEST((r.groups[0].mark == FailureMark::kFlaky));
  BOOST_TEST(r.groups[0].flaky_reason.find("attempt 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tests_that_passed_on_a_rerun_in_another_leg_are_flaky) {
  JobReport leg1 = failed_job("test (3.10)", "tests/test_a.py::test_x");
  JobReport leg2;  // another leg: the plugin reran it and it passed
  leg2.name = "test (3.11)";
  leg2.status = JobStatus::kFailed;
  Finding other;
  other.rule = "pytest-failed-tests";
  other.fields["test_ids"] = std::vector<std::string>{"tests/test_b.py::test_y"};
  leg2.findings.push_back(other);
  leg2.flaky_tests = {"tests/test_a.py::test_x"};
  Report r = run_with({leg1, leg2});
  mark_failures(r, read_history({}));
  BOOST_TEST((r.groups.back().mark == FailureMark::kFlaky));
  BOOST_TEST(r.jobs[r.groups.back().jobs[0]].name == "test (3.10)");
  BOOST_TEST((r.groups.front().mark == FailureMark::kNew));
}

BOOST_AUTO_TEST_CASE(failing_and_passing_on_one_base_commit_is_flaky) {
  Report r = run_with({failed_job("test", "tests/test_a.py::test_x")});
  HistoryRun failed = base_run(31, "ccc", {{1, "test", "failure", 1}});
  HistoryRun passed = base_run(30, "ccc", {{2, "test", "success", 1}});  // same commit, another run
  mark_failures(r, read_history({failed, passed}));
  BOOST_TEST((r.groups[0].mark == FailureMark::kFlaky));
  BOOST_TEST(r.groups[0].flaky_reason.find("ccc") != std::string::npos);
}

}  // namespace unit_history_marks_test
