// timeout-minutes: only for image builds that hit their limit.
#include <boost/test/unit_test.hpp>

#include "advice/patches.h"
#include "test_support.h"

namespace unit_advice_patches_timeout_minutes_test {

using namespace ci_triage;

namespace {

using ci_triage::testing::TempDir;

JobReport job_with(const std::string& step_name, const std::string& command, Finding f) {
  JobReport job;
  StepSummary s;
  s.number = 3;
  s.name = step_name;
  s.failed = true;
  s.command = command;
  job.steps.push_back(s);
  f.step = {3, step_name};
  job.findings.push_back(std::move(f));
  return job;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timeout_minutes)

BOOST_AUTO_TEST_CASE(timeout_minutes_only_for_image_builds) {
  TempDir repo;
  repo.write(".github/workflows/ci.yml",
             "jobs:\n  image:\n    runs-on: x\n    steps:\n      - name: Build\n        timeout-minutes: 10  "
             "# cold\n"
             "        run: docker build -t app .\n      - run: pytest\n        timeout-minutes: 5\n");
  Finding f;
  f.rule = "runner-timeout";
  f.patch_kind = "timeout-minutes";
  JobReport job = job_with("Run docker build -t app .", "docker build -t app .\n", f);
  propose_patches(job, PatchOptions{repo.root, ""});
  BOOST_REQUIRE(job.findings.front().patch.has_value());
  BOOST_TEST(job.findings.front().patch->diff.find("-        timeout-minutes: 10  # cold\n"
                                                   "+        timeout-minutes: 20  # cold\n") !=
             std::string::npos);
  JobReport tests = job_with("Run pytest", "pytest\n", f);
  propose_patches(tests, PatchOptions{repo.root, ""});
  BOOST_TEST(!tests.findings.front().patch.has_value());
  BOOST_TEST(tests.findings.front().patch_notes.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_timeout_minutes_test
