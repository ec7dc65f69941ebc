// The GitHub source without a server: URL origins (token scope), link
// headers, the event payloads that locate the PR. The end-to-end loop against
// a real HTTP server is tests/github/.
#include "sources/github.h"

#include <boost/test/unit_test.hpp>
#include <cstdio>

#include "core/error.h"
#include "sources/http.h"
#include "test_support.h"

using namespace ci_triage;

namespace {

using ci_triage::testing::env_of;

std::string write_temp(const std::string& text) {
  char path[] = "/tmp/ci-triage-event-XXXXXX";
  const int fd = mkstemp(path);
  BOOST_REQUIRE(fd >= 0);
  std::FILE* f = fdopen(fd, "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_source)

BOOST_AUTO_TEST_CASE(origins_decide_where_the_token_may_go) {
  BOOST_TEST(*http::origin_of("https://api.github.com/repos/o/r") == "https://api.github.com:443");
  BOOST_TEST(*http::origin_of("HTTPS://API.GitHub.com:443/x") == "https://api.github.com:443");
  BOOST_TEST(*http::origin_of("http://127.0.0.1:8080/api/v3") == "http://127.0.0.1:8080");
  // The blob host of a redirect is another origin: no token there.
  BOOST_TEST(*http::origin_of("https://productionresultssa14.blob.core.windows.net/a?sig=x") !=
             *http::origin_of("https://api.github.com/"));
  // Same host, other port: another origin too.
  BOOST_TEST(*http::origin_of("http://127.0.0.1:1/") != *http::origin_of("http://127.0.0.1:2/"));
  BOOST_TEST(!http::origin_of("ftp://example.com/x").has_value());
  BOOST_TEST(!http::origin_of("not a url").has_value());
  BOOST_TEST(http::is_loopback_host("127.0.0.2"));
  BOOST_TEST(http::is_loopback_host("localhost"));
  BOOST_TEST(!http::is_loopback_host("127.0.0.1.example.com"));
  BOOST_TEST(!http::is_loopback_host("github.example.com"));
}

BOOST_AUTO_TEST_CASE(next_link_is_followed_verbatim) {
  const std::string h =
      "<https://api.github.com/repositories/1296269/actions/runs/1/attempts/1/jobs?per_page=50&page=1>; "
      "rel=\"prev\", <https://api.github.com/repositories/1296269/actions/runs/1/attempts/1/jobs?per_page=50&"
      "page=3>; rel=\"next\", <https://api.github.com/x?page=4>; rel=\"last\"";
  BOOST_TEST(ci_triage::github::next_link(h) ==
             "https://api.github.com/repositories/1296269/actions/runs/1/attempts/1/jobs?per_page=50&page=3");
  BOOST_TEST(ci_triage::github::next_link("<https://api.github.com/x?page=1>; rel=\"first\"").empty());
  BOOST_TEST(ci_triage::github::next_link("").empty());
}

BOOST_AUTO_TEST_CASE(context_from_a_pull_request_event) {
  const std::string ev = write_temp(
      R"({"number":42,"pull_request":{"number":42,"head":{"ref":"fix","sha":"abc123","repo":{"full_name":"contributor/r","owner":{"login":"contributor"}}},"base":{"repo":{"full_name":"o/r"}}}})");
  std::vector<std::string> notes;
  auto c = ci_triage::github::load_context(env_of({{"GITHUB_REPOSITORY", "o/r"},
                                                   {"GITHUB_RUN_ID", "19123456789012"},
                                                   {"GITHUB_RUN_ATTEMPT", "2"},
                                                   {"GITHUB_API_URL", "https://ghe.example.com/api/v3/"},
                                                   {"GITHUB_EVENT_NAME", "pull_request"},
                                                   {"GITHUB_EVENT_PATH", ev}}),
                                           notes);
  std::remove(ev.c_str());
  BOOST_TEST(notes.empty());
  BOOST_TEST(c.run_id == 19123456789012ull);  // ids beyond 2^32
  BOOST_TEST(c.run_attempt == 2);
  BOOST_TEST(c.api_url == "https://ghe.example.com/api/v3");
  BOOST_TEST(c.pr_number.value_or(0) == 42);
  BOOST_TEST(c.head_sha == "abc123");  // the head, not GITHUB_SHA's merge commit
  BOOST_TEST(c.from_fork);
}

BOOST_AUTO_TEST_CASE(context_from_a_workflow_run_event_of_a_fork) {
  // pull_requests is empty for forks: the PR is then found by owner:branch and sha.
  const std::string ev = write_temp(
      R"({"workflow_run":{"id":555,"run_attempt":3,"name":"CI","head_sha":"def456","head_branch":"patch-1","conclusion":"failure","pull_requests":[],"head_repository":{"full_name":"contributor/r","owner":{"login":"contributor"}}}})");
  std::vector<std::string> notes;
  auto c = ci_triage::github::load_context(env_of({{"GITHUB_REPOSITORY", "o/r"},
                                                   {"GITHUB_RUN_ID", "999"},
                                                   {"GITHUB_EVENT_NAME", "workflow_run"},
                                                   {"GITHUB_WORKFLOW", "ci-triage"},
                                                   {"GITHUB_EVENT_PATH", ev}}),
                                           notes);
  std::remove(ev.c_str());
  BOOST_TEST(c.run_id == 555u);  // the triggering run, not this workflow's own run
  BOOST_TEST(c.run_attempt == 3);
  BOOST_TEST(c.workflow == "CI");
  BOOST_TEST(!c.pr_number.has_value());
  BOOST_TEST(c.head_owner == "contributor");
  BOOST_TEST(c.head_branch == "patch-1");
  BOOST_TEST(c.from_fork);
}

BOOST_AUTO_TEST_CASE(bad_environment_is_a_clear_error) {
  std::vector<std::string> notes;
  BOOST_CHECK_THROW(ci_triage::github::load_context(env_of({{"GITHUB_RUN_ID", "12x"}}), notes), UsageError);
  auto c = ci_triage::github::load_context(
      env_of({{"GITHUB_RUN_ID", "1"}, {"GITHUB_EVENT_PATH", "/nonexistent/event.json"}}), notes);
  BOOST_TEST(notes.size() == 1u);
  BOOST_TEST(!c.pr_number.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
