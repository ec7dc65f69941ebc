// log/baseline: what always differs between two runs of a job is normalised away; what
// tells a failure apart is kept. Lines are real tool output (tests/corpus).
#include "log/baseline.h"

#include <boost/test/unit_test.hpp>

using namespace ci_triage;

namespace {

bool same(std::string_view a, std::string_view b) { return comparison_key(a) == comparison_key(b); }

}  // namespace

BOOST_AUTO_TEST_CASE(comparison_ignores_durations_times_hashes_ports_and_temp_paths) {
  BOOST_TEST(same("============================== 3 passed in 0.05s ===============================",
                  "============================== 3 passed in 1.27s ==============================="));
  BOOST_TEST(same("--- PASS: TestParseDuration (0.00s)", "--- PASS: TestParseDuration (0.13s)"));
  BOOST_TEST(same("ok  \tacme.dev/ledger/money\t0.004s", "ok  \tacme.dev/ledger/money\t0.011s"));
  BOOST_TEST(same("Time:        0.481 s, estimated 1 s", "Time:        1.2 s, estimated 2 s"));
  BOOST_TEST(same("real\t0m1.204s", "real\t1m0.093s"));
  BOOST_TEST(same("added 285 packages, and audited 286 packages in 3s",
                  "added 285 packages, and audited 286 packages in 12s"));
  BOOST_TEST(
      same("[INFO] Finished at: 2025-09-14T08:12:03Z", "[INFO] Finished at: 2025-11-02T17:40:59+01:00"));
  BOOST_TEST(same("I0914 08:12:03.421337   41231 request.go:697] Waited for 1.1s",
                  "I0914 08:13:44.003112   41502 request.go:697] Waited for 1.0s"));
  BOOST_TEST(same("     Running unittests src/lib.rs (target/debug/deps/widgets-3f2a1b0c9d8e7f6a)",
                  "     Running unittests src/lib.rs (target/debug/deps/widgets-0c11e2f7a9b4d352)"));
  BOOST_TEST(same("rootdir: /tmp/pytest-of-runner/pytest-12/test_totals0",
                  "rootdir: /tmp/pytest-of-runner/pytest-13/test_totals0"));
  BOOST_TEST(same("Serving on http://127.0.0.1:38211/", "Serving on http://127.0.0.1:41023/"));
  BOOST_TEST(same(
      "Temporarily overriding HOME='/home/runner/work/_temp/0b7c2f1e-8d4a-4c55-9e0b-3b1a2c4d5e6f' before",
      "Temporarily overriding HOME='/home/runner/work/_temp/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' before"));
  BOOST_TEST(same("Successfully built 1f2e3d4c5b6a", "Successfully built a9b8c7d6e5f4"));
  BOOST_TEST(same("Segmentation fault at 0x7ffd5e3c1a20", "Segmentation fault at 0x7ffc00a3b118"));
  BOOST_TEST(same("Downloaded 12.5 MB in 3.2 seconds", "Downloaded 12.7 MB in 4 seconds"));
  BOOST_TEST(same("a    b\tc  ", "a b c"));
}

BOOST_AUTO_TEST_CASE(comparison_keeps_what_tells_a_failure_apart) {
  BOOST_TEST(!same("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0",
                   "Tests run: 5, Failures: 1, Errors: 0, Skipped: 0"));
  BOOST_TEST(!same("collected 12 items", "collected 13 items"));
  BOOST_TEST(!same("tests/test_totals.py::test_discount_applied_once PASSED",
                   "tests/test_totals.py::test_discount_applied_once FAILED"));
  BOOST_TEST(!same("exit status 1", "exit status 2"));
  BOOST_TEST(!same("    at Object.<anonymous> (src/sum.test.js:4:15)",
                   "    at Object.<anonymous> (src/sum.test.js:9:15)"));
  // file:line:col is a position, not a time
  BOOST_TEST(comparison_text("src/app.py:12:34: E501 line too long (101 > 79 characters)") ==
             "src/app.py:12:34: E501 line too long (101 > 79 characters)");
  BOOST_TEST(comparison_text("error[E0308]: mismatched types") == "error[E0308]: mismatched types");
  BOOST_TEST(comparison_text("  1 passed, 1 failed in 0.02s") == "1 passed, 1 failed in #s");
}

BOOST_AUTO_TEST_CASE(line_set_is_bounded_and_says_so) {
  LineSet small;
  for (std::uint64_t k = 0; k < 1000; ++k) small.add(k * 7919);
  small.add(7919);  // a repeated line is one entry
  small.seal();
  BOOST_TEST(small.size() == 1000u);
  BOOST_TEST(small.contains(7919 * 3));
  BOOST_TEST(!small.contains(5));
  BOOST_TEST(!small.saturated());

  LineSet big;
  for (std::uint64_t k = 0; k < 2 * LineSet::kMaxLines + 10; ++k) big.add(k);
  big.seal();
  BOOST_TEST(big.saturated());
  BOOST_TEST(big.size() <= LineSet::kMaxLines);
}

// The pipeline: a failed step no rule explains quotes what the passing log does not print
// (tests/corpus/pairs, captured by tests/corpus/gen/make_pairs.sh).
#include <fstream>
#include <memory>
#include <sstream>

#include "app/analyze.h"
#include "rules/rule_loader.h"

namespace unit_log_baseline_test {

namespace {

std::string read_pair(const std::string& pair, const std::string& file) {
  std::ifstream in(std::string(CI_TRIAGE_SOURCE_DIR) + "/tests/corpus/pairs/" + pair + "/" + file,
                   std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << pair << "/" << file);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

JobReport analyze_pair(const std::string& pair, bool with_baseline) {
  Engine engine(builtin_rules());
  if (with_baseline) {
    auto good = memory_source("good", read_pair(pair, "good.log"));
    engine.compare_with(std::make_shared<const Baseline>(read_baseline(*good)));
  }
  auto bad = memory_source("bad", read_pair(pair, "bad.log"));
  return engine.analyze(*bad);
}

std::vector<std::uint64_t> lines_of(const Finding& f) {
  std::vector<std::uint64_t> out;
  for (const auto& e : f.evidence) out.push_back(e.line);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(baseline_quotes_the_lines_the_passing_run_does_not_print) {
  // Checks that go on after the failure; passing checks print argparse errors in both runs.
  const JobReport alone = analyze_pair("e2e-cli-checks-summary", false);
  const JobReport based = analyze_pair("e2e-cli-checks-summary", true);
  BOOST_REQUIRE(!based.findings.empty());
  const Finding& f = based.findings.front();
  BOOST_TEST(f.rule == "unrecognized-failure");
  BOOST_TEST(lines_of(f) == (std::vector<std::uint64_t>{123, 136, 138}), boost::test_tools::per_element());
  BOOST_TEST(f.summary.find("Compared with the passing log") != std::string::npos);
  BOOST_TEST(lines_of(alone.findings.front()).size() > lines_of(f).size());
  BOOST_REQUIRE(based.baseline.has_value());
  BOOST_TEST(based.baseline->explained);
  BOOST_TEST(based.baseline->complete);
  BOOST_TEST(based.baseline->fresh < based.baseline->compared / 5);
  BOOST_TEST(!alone.baseline.has_value());
}

BOOST_AUTO_TEST_CASE(baseline_leaves_findings_of_rules_alone) {
  const JobReport alone = analyze_pair("go-test-tier-price", false);
  const JobReport based = analyze_pair("go-test-tier-price", true);
  BOOST_REQUIRE(!based.findings.empty());
  BOOST_TEST(based.findings.front().rule == alone.findings.front().rule);
  BOOST_TEST(lines_of(based.findings.front()) == lines_of(alone.findings.front()),
             boost::test_tools::per_element());
  BOOST_TEST(!based.baseline->explained);
}

BOOST_AUTO_TEST_CASE(a_failed_baseline_is_named_in_a_notice) {
  Engine engine(builtin_rules());
  auto red_as_baseline = memory_source("other-red", read_pair("jq-config-parse-error", "bad.log"));
  engine.compare_with(std::make_shared<const Baseline>(read_baseline(*red_as_baseline)));
  auto bad = memory_source("bad", read_pair("jq-config-parse-error", "bad.log"));
  const JobReport j = engine.analyze(*bad);
  bool named = false;
  for (const auto& n : j.notices) named = named || n.find("has a failed step itself") != std::string::npos;
  BOOST_TEST(named);
  // Nothing is new: the evidence stays the fallback's, and the summary says why.
  BOOST_TEST(j.findings.front().summary.find("printed nothing that the passing log") != std::string::npos);
}

}  // namespace unit_log_baseline_test
