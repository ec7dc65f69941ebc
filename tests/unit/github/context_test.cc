// The run's context from the environment and the event payload.
#include "github/context.h"

#include <boost/test/unit_test.hpp>

#include "core/error.h"
#include "test_support.h"

namespace unit_github_context_test {

using namespace ci_triage;
using ci_triage::testing::env_of;
using ci_triage::testing::TempDir;

BOOST_AUTO_TEST_SUITE(context)

BOOST_AUTO_TEST_CASE(context_from_a_pull_request_event) {
  TempDir dir;
  const std::string ev = dir.write(
      "event.json",
      R"({"number":42,"pull_request":{"number":42,"head":{"ref":"fix","sha":"abc123","repo":{"full_name":"contributor/r","owner":{"login":"contributor"}}},"base":{"ref":"release/2.x","repo":{"full_name":"o/r"}}}})");
  std::vector<std::string> notes;
  auto c = ci_triage::github::load_context(env_of({{"GITHUB_REPOSITORY", "o/r"},
                                                   {"GITHUB_RUN_ID", "19123456789012"},
                                                   {"GITHUB_RUN_ATTEMPT", "2"},
                                                   {"GITHUB_API_URL", "https://ghe.example.com/api/v3/"},
                                                   {"GITHUB_EVENT_NAME", "pull_request"},
                                                   {"GITHUB_EVENT_PATH", ev}}),
                                           notes);
  BOOST_TEST(notes.empty());
  BOOST_TEST(c.run_id == 19123456789012ull);  // ids beyond 2^32
  BOOST_TEST(c.run_attempt == 2);
  BOOST_TEST(c.api_url == "https://ghe.example.com/api/v3");
  BOOST_TEST(c.pr_number.value_or(0) == 42);
  BOOST_TEST(c.head_sha == "abc123");          // the head, not GITHUB_SHA's merge commit
  BOOST_TEST(c.base_branch == "release/2.x");  // history compares with the PR's base
}

BOOST_AUTO_TEST_CASE(a_push_compares_with_its_own_branch) {
  std::vector<std::string> notes;
  auto c = ci_triage::github::load_context(
      env_of(
          {{"GITHUB_REPOSITORY", "o/r"}, {"GITHUB_REF", "refs/heads/main"}, {"GITHUB_EVENT_NAME", "push"}}),
      notes);
  BOOST_TEST(c.base_branch == "main");
  c = ci_triage::github::load_context(
      env_of({{"GITHUB_REPOSITORY", "o/r"}, {"GITHUB_REF", "refs/tags/v1"}, {"GITHUB_EVENT_NAME", "push"}}),
      notes);
  BOOST_TEST(c.base_branch.empty());  // a tag has no branch history
}

BOOST_AUTO_TEST_CASE(context_from_a_workflow_run_event_of_a_fork) {
  // pull_requests is empty for forks: the PR is then found by owner:branch and sha.
  TempDir dir;
  const std::string ev = dir.write(
      "event.json",
      R"({"workflow_run":{"id":555,"run_attempt":3,"name":"CI","event":"pull_request","head_sha":"def456","head_branch":"patch-1","conclusion":"failure","pull_requests":[],"head_repository":{"full_name":"contributor/r","owner":{"login":"contributor"}}},"repository":{"full_name":"o/r","default_branch":"trunk"}})");
  std::vector<std::string> notes;
  auto c = ci_triage::github::load_context(env_of({{"GITHUB_REPOSITORY", "o/r"},
                                                   {"GITHUB_RUN_ID", "999"},
                                                   {"GITHUB_EVENT_NAME", "workflow_run"},
                                                   {"GITHUB_WORKFLOW", "ci-triage"},
                                                   {"GITHUB_EVENT_PATH", ev}}),
                                           notes);
  BOOST_TEST(c.run_id == 555u);  // the triggering run, not this workflow's own run
  BOOST_TEST(c.run_attempt == 3);
  BOOST_TEST(c.workflow == "CI");
  BOOST_TEST(!c.pr_number.has_value());
  BOOST_TEST(c.head_owner == "contributor");
  BOOST_TEST(c.head_branch == "patch-1");
  BOOST_TEST(c.base_branch == "trunk");  // a fork's PR: compared with the default branch, not patch-1
}

BOOST_AUTO_TEST_CASE(bad_environment_is_a_clear_error) {
  std::vector<std::string> notes;
  BOOST_CHECK_THROW(ci_triage::github::load_context(env_of({{"GITHUB_RUN_ID", "12x"}}), notes), UsageError);
  auto c = ci_triage::github::load_context(
      env_of({{"GITHUB_RUN_ID", "1"}, {"GITHUB_EVENT_PATH", "/nonexistent/event.json"}}), notes);
  BOOST_TEST(notes.size() == 1u);
  BOOST_TEST(!c.pr_number.has_value());
}

BOOST_AUTO_TEST_CASE(outside_actions_and_the_gh_token) {
  std::vector<std::string> notes;
  auto local = github::load_context(env_of({{"GH_TOKEN", "gho_x"}}), notes);
  BOOST_TEST(!local.in_actions);
  BOOST_TEST(local.token == "gho_x");  // gh's variable when GITHUB_TOKEN is not set
  auto actions = github::load_context(
      env_of({{"GITHUB_ACTIONS", "true"}, {"GITHUB_TOKEN", "ghs_a"}, {"GH_TOKEN", "gho_b"}}), notes);
  BOOST_TEST(actions.in_actions);
  BOOST_TEST(actions.token == "ghs_a");
}

BOOST_AUTO_TEST_CASE(a_bad_event_payload_only_loses_the_pr) {
  std::vector<std::string> notes;
  github::Context c;
  github::parse::event("[" + std::string(1000, '['), c, notes);
  BOOST_TEST(notes.size() == 1u);
  BOOST_TEST(!c.pr_number.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_github_context_test
