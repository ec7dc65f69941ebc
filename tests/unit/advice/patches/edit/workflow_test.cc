// The workflow outline: jobs, steps, keys, anchors; step headers as logs print them.
#include "advice/patches/edit/workflow.h"

#include <boost/test/unit_test.hpp>

namespace unit_advice_patches_edit_workflow_test {

using namespace ci_triage;
using namespace ci_triage::patches;

BOOST_AUTO_TEST_SUITE(workflow)

BOOST_AUTO_TEST_CASE(workflow_outline_and_buildx_options) {
  const TextFile f = TextFile::parse(
      "on: push  # trigger\n"
      "x-build: &build-with\n"
      "  context: .\n"
      "  cache-to: type=gha,mode=min\n"
      "jobs:\n"
      "  build:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "    - uses: actions/checkout@v4\n"
      "    - name: script\n"
      "      run: |\n"
      "        echo one\n"
      "        # not a key: value\n"
      "      env:\n"
      "        A: b\n"
      "    - uses: docker/build-push-action@v6\n"
      "      with: *build-with\n"
      "  other:\n"
      "    runs-on: x\n");
  const Workflow wf(f);
  const auto jobs = wf.jobs();
  BOOST_REQUIRE(jobs.size() == 2u);
  BOOST_TEST(jobs[0].first == "build");
  const auto steps = wf.steps(jobs[0].second);
  BOOST_REQUIRE(steps.size() == 3u);
  BOOST_TEST(wf.step_header(steps[1]) == "echo one");
  BOOST_TEST(wf.key_line(steps[1], "env").value() == 13u);
  BOOST_TEST(!wf.key_line(steps[1], "not a key").has_value());
  BOOST_TEST(wf.step_header(steps[2]) == "docker/build-push-action@v6");
  const auto with = wf.children(wf.key_line(steps[2], "with").value());  // follows the alias
  BOOST_REQUIRE(with.has_value());
  BOOST_TEST(with->begin == 2u);
  BOOST_TEST(
      header_matches("docker push ${{ env.IMAGE }}:${{ github.sha }}", "docker push ghcr.io/a/b:0a1b2c"));
  BOOST_TEST(!header_matches("docker push ${{ env.IMAGE }}:latest", "docker push ghcr.io/a/b:0a1b2c"));
  BOOST_TEST(header_matches("echo ${{ secrets.X }}", "echo ***"));
  BOOST_TEST(!header_matches("pytest", "pytest -q"));
  BOOST_TEST(buildx_option("type=gha,mode=min,scope=api", "scope") == "api");
  BOOST_TEST(set_buildx_option("  cache-to: type=gha,mode=min  # x", "cache-to", "mode", "max") ==
             "  cache-to: type=gha,mode=max  # x");
  BOOST_TEST(set_buildx_option("  cache-to: \"type=gha\"", "cache-to", "scope", "api") ==
             "  cache-to: \"type=gha,scope=api\"");
  BOOST_TEST(set_buildx_option("docker buildx build --cache-to type=gha,mode=min .", "--cache-to", "mode",
                               "max") == "docker buildx build --cache-to type=gha,mode=max .");
}

BOOST_AUTO_TEST_CASE(log_step_headers_drop_run) {
  BOOST_TEST(log_step_header("Run pytest -x") == "pytest -x");
  BOOST_TEST(log_step_header("Run actions/checkout@v4") == "actions/checkout@v4");
  BOOST_TEST(log_step_header("Set up job") == "Set up job");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_edit_workflow_test
