// log/rerun_markers: tests a rerun plugin ran again, and which of them passed in the end (flaky).
// Logs are real output (tests/github/logs/history-*.log, tests/corpus/gen/make_pairs.sh h_*).
#include "log/rerun_markers.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "app/analyze.h"
#include "rules/rule_loader.h"

namespace unit_log_rerun_markers_test {

using namespace ci_triage;

namespace {

JobReport analyze_log(const std::string& name) {
  std::ifstream in(std::string(CI_TRIAGE_SOURCE_DIR) + "/tests/github/logs/" + name, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << name);
  std::ostringstream ss;
  ss << in.rdbuf();
  static Engine engine(builtin_rules());
  auto src = memory_source("job", ss.str());
  return engine.analyze(*src);
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_test_matches_more_or_less_qualified_names) {
  BOOST_TEST(same_test("tests/test_sync.py::test_lag", "tests/test_sync.py::test_lag"));
  BOOST_TEST(same_test("io.x.ReplicaTest.catchesUp", "ReplicaTest.catchesUp"));
  BOOST_TEST(same_test("sync lag is positive", "sync \xE2\x80\xBA lag is positive"));
  BOOST_TEST(!same_test("tests/test_sync.py::test_lag", "tests/test_sync.py::test_lag_zero"));
  BOOST_TEST(!same_test("ReplicaTest.catchesUp", "OtherReplicaTest.catchesUp"));
}

BOOST_AUTO_TEST_CASE(pytest_rerunfailures_flaky_is_rerun_minus_failed) {
  const JobReport j = analyze_log("history-pytest-rerunfailures.log");
  BOOST_TEST(j.flaky_tests == (std::vector<std::string>{"tests/test_sync.py::test_replica_catches_up"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(surefire_flakes_block_names_the_flaky_tests) {
  const JobReport j = analyze_log("history-surefire-flakes.log");
  BOOST_TEST(j.flaky_tests == (std::vector<std::string>{"ReplicaTest.catchesUp"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(jest_retry_lines_minus_the_failing_tests) {
  const JobReport j = analyze_log("history-jest-retry-times.log");
  BOOST_TEST(j.flaky_tests == (std::vector<std::string>{"sync replica catches up"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_rerun_plugin_no_flaky_tests) {
  BOOST_TEST(analyze_log("history-pytest-assert-rounding-main.log").flaky_tests.empty());
  BOOST_TEST(analyze_log("dev-tests-zero-division-tb-short.log").flaky_tests.empty());
}

}  // namespace unit_log_rerun_markers_test
