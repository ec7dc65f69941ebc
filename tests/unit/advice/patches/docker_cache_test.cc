// docker-cache: the cache settings of the step that built the image, fixed in place.
#include <boost/test/unit_test.hpp>

#include "advice/patches.h"
#include "test_support.h"

namespace unit_advice_patches_docker_cache_test {

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

BOOST_AUTO_TEST_SUITE(docker_cache)

BOOST_AUTO_TEST_CASE(gha_cache_mode_and_scope_in_the_workflow_that_ran) {
  TempDir repo;
  const std::string wf =
      "jobs:\n"
      "  image:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "      - uses: docker/build-push-action@v6\n"
      "        with:\n"
      "          context: .\n"
      "          cache-from: type=gha,scope=api   # shared with main\n"
      "          cache-to: type=gha,mode=min\n";
  repo.write(".github/workflows/image.yml", wf);
  Finding f;
  f.rule = "docker-cache-gate";
  f.patch_kind = "docker-cache";
  JobReport job =
      job_with("Run docker/build-push-action@v6", "docker/build-push-action@v6\nwith:\n  context: .\n", f);
  propose_patches(job, PatchOptions{repo.root, ""});
  const Finding& out = job.findings.front();
  BOOST_REQUIRE(out.patch.has_value());
  BOOST_TEST(out.patch->file == ".github/workflows/image.yml");
  BOOST_TEST(
      out.patch->diff.find(
          "-          cache-to: type=gha,mode=min\n+          cache-to: type=gha,mode=max,scope=api\n") !=
      std::string::npos);
  BOOST_TEST(out.patch->rationale.find("mode=max") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gha_cache_fixed_at_the_anchor_an_aliased_with_points_to) {
  TempDir repo;
  repo.write(".github/workflows/image.yml",
             "x-build: &build   # shared inputs\n"
             "  context: .\n"
             "  cache-from: type=gha\n"
             "  cache-to: type=gha,mode=min\n"
             "jobs:\n"
             "  image:\n"
             "    runs-on: ubuntu-latest\n"
             "    steps:\n"
             "      - uses: docker/build-push-action@v6\n"
             "        with: *build\n");
  Finding f;
  f.rule = "docker-cache-gate";
  f.patch_kind = "docker-cache";
  JobReport job =
      job_with("Run docker/build-push-action@v6", "docker/build-push-action@v6\nwith:\n  context: .\n", f);
  propose_patches(job, PatchOptions{repo.root, ""});
  BOOST_REQUIRE(job.findings.front().patch.has_value());
  BOOST_TEST(job.findings.front().patch->diff.find(
                 "-  cache-to: type=gha,mode=min\n+  cache-to: type=gha,mode=max\n") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_docker_cache_test
