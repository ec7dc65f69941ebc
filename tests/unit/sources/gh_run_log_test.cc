#include "sources/gh_run_log.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>
#include <vector>

namespace unit_sources_gh_run_log_test {

using namespace ci_triage;

namespace {

// Collects (job, bytes) for each job the splitter starts.
struct Jobs : GhRunLogSplitter::Sink {
  std::vector<std::pair<std::string, std::string>> got;
  void start_job(std::string_view name) override { got.emplace_back(std::string(name), ""); }
  void bytes(std::string_view data) override {
    BOOST_REQUIRE(!got.empty());
    got.back().second.append(data);
  }
};

// Any chunking must give the same jobs.
std::vector<std::pair<std::string, std::string>> split(const std::string& in, std::size_t chunk,
                                                       bool numbered = false, bool spaced = false) {
  Jobs jobs;
  GhRunLogSplitter s(jobs, numbered, spaced);
  for (std::size_t i = 0; i < in.size(); i += chunk) s.feed(std::string_view(in).substr(i, chunk));
  s.finish();
  return jobs.got;
}

const std::string kTwoJobs =
    "build (3.11)\tSet up job\t\xEF\xBB\xBF"
    "2025-04-07T12:57:33.2904078Z Current runner version: '2.323.0'\n"
    "build (3.11)\tRun pytest\t2025-04-07T12:58:01.0000000Z ##[group]Run pytest\n"
    "build (3.11)\tRun pytest\t2025-04-07T12:58:02.0000000Z E   ModuleNotFoundError: No module named 'yaml'\n"
    "deploy\tUNKNOWN STEP\t2025-04-07T12:59:00.0000000Z error: timed out waiting for the condition";

}  // namespace

BOOST_AUTO_TEST_CASE(gh_run_log_detects_the_two_columns) {
  BOOST_TEST(GhRunLogSplitter::looks_like(kTwoJobs));
  BOOST_TEST(GhRunLogSplitter::looks_like("j\tUNKNOWN STEP\t2025-07-04T14:32:09.5024381Z Contents: write\n"));
  BOOST_TEST(!GhRunLogSplitter::looks_like("2025-04-07T12:57:33.2904078Z Current runner version\n"));
  BOOST_TEST(!GhRunLogSplitter::looks_like("a\tb\tnot a timestamp\n"));
  BOOST_TEST(!GhRunLogSplitter::looks_like("\tstep\t2025-04-07T12:57:33.2904078Z x\n"));  // no job name
  BOOST_TEST(!GhRunLogSplitter::looks_like("FAILED tests/a.py::t\tx\t2025-04-07T12\n"));  // truncated
}

// Pasted through something that expands tabs, the columns are runs of spaces: the runner's own
// stamp after two of them says where the line's text starts.
BOOST_AUTO_TEST_CASE(gh_run_log_columns_of_spaces_are_split_too) {
  const std::string spaced =
      "Rust tests  Run tests  2026-09-20T15:32:52.1234567Z error: failed to select a version\n"
      "a line without columns\n"
      "Rust tests  Run tests  2026-09-20T15:32:52.2752025Z ##[error]Process completed with exit code 101.\n"
      "deploy  Install dependencies  2026-09-20T15:36:04.0601051Z ##[error]Process completed with exit code "
      "1.";
  BOOST_TEST(GhRunLogSplitter::spaced_columns(spaced));
  BOOST_TEST(GhRunLogSplitter::looks_like(spaced));
  BOOST_TEST(
      !GhRunLogSplitter::spaced_columns("actionlint    2026-10-09T21:24:00.0567953Z x\n"));  // one column
  BOOST_TEST(!GhRunLogSplitter::spaced_columns("a  b  2026-10-09 21:24:00 x\n"));  // not the runner's stamp
  BOOST_TEST(!GhRunLogSplitter::spaced_columns(kTwoJobs));
  for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, spaced.size()}) {
    const auto jobs = split(spaced, chunk, false, true);
    BOOST_REQUIRE_EQUAL(jobs.size(), 2u);
    BOOST_TEST(jobs[0].first == "Rust tests");
    BOOST_TEST(jobs[0].second ==
               "2026-09-20T15:32:52.1234567Z error: failed to select a version\n"
               "a line without columns\n"
               "2026-09-20T15:32:52.2752025Z ##[error]Process completed with exit code 101.\n");
    BOOST_TEST(jobs[1].first == "deploy");
    BOOST_TEST(jobs[1].second ==
               "2026-09-20T15:36:04.0601051Z ##[error]Process completed with exit code 1.\n");
  }
}

BOOST_AUTO_TEST_CASE(gh_run_log_splits_jobs_and_removes_the_columns_in_any_chunking) {
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{7}, kTwoJobs.size()}) {
    const auto jobs = split(kTwoJobs, chunk);
    BOOST_REQUIRE_EQUAL(jobs.size(), 2u);
    BOOST_TEST(jobs[0].first == "build (3.11)");
    // The byte-order mark of the step file is dropped; each line keeps its timestamp.
    BOOST_TEST(jobs[0].second ==
               "2025-04-07T12:57:33.2904078Z Current runner version: '2.323.0'\n"
               "2025-04-07T12:58:01.0000000Z ##[group]Run pytest\n"
               "2025-04-07T12:58:02.0000000Z E   ModuleNotFoundError: No module named 'yaml'\n");
    BOOST_TEST(jobs[1].first == "deploy");
    BOOST_TEST(jobs[1].second == "2025-04-07T12:59:00.0000000Z error: timed out waiting for the condition");
  }
}

BOOST_AUTO_TEST_CASE(gh_run_log_keeps_lines_without_columns_and_very_long_prefixes) {
  const std::string long_line(10000, 'x');
  const std::string in =
      "j\ts\t2025-04-07T12:59:00.0000000Z one\nplain line\n" + long_line + "\n\xEF\xBB\xBFz\n";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, in.size()}) {
    const auto jobs = split(in, chunk);
    BOOST_REQUIRE_EQUAL(jobs.size(), 1u);
    BOOST_TEST(jobs[0].second ==
               "2025-04-07T12:59:00.0000000Z one\nplain line\n" + long_line + "\n\xEF\xBB\xBFz\n");
  }
}

BOOST_AUTO_TEST_CASE(gh_run_log_through_grep_n_keeps_one_job) {
  // `gh run view --log-failed | grep -n -C1 E:` pastes: "N:" on matches, "N-" around, "--" between.
  const std::string in =
      "152493-build (3.12)\tBuild image\t2026-06-04T23:26:56.7878629Z #11 2.318 Reading package lists...\n"
      "152494:build (3.12)\tBuild image\t2026-06-04T23:26:56.8437458Z #11 3.052 E: Failed to fetch x\n"
      "--\n"
      "152501:build (3.12)\tBuild image\t2026-06-04T23:26:56.8442635Z #11 3.052 E: Some index files\n";
  BOOST_TEST(GhRunLogSplitter::looks_like(in));
  BOOST_TEST(GhRunLogSplitter::grep_numbered(in));
  for (std::size_t chunk : {1u, 7u, 4096u}) {
    const auto jobs = split(in, chunk, true);
    BOOST_REQUIRE_EQUAL(jobs.size(), 1u);
    BOOST_TEST(jobs[0].first == "build (3.12)");
  }
  // A run whose job names only begin with digits is not grep output: one number, or none.
  BOOST_TEST(!GhRunLogSplitter::grep_numbered(kTwoJobs));
  BOOST_TEST(!GhRunLogSplitter::grep_numbered(
      "3-build\ttest\t2025-04-07T12:57:33Z a\n3-build\ttest\t2025-04-07T12:57:34Z b\n"));
}

}  // namespace unit_sources_gh_run_log_test
