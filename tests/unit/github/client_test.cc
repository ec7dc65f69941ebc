// The GitHub client over a fake transport: pages, errors with what to do,
// request bodies, and where requests may go.
#include "github/client.h"

#include <fmt/format.h>

#include <boost/test/unit_test.hpp>

#include "github/fake_transport.h"

namespace unit_github_client_test {

using namespace ci_triage;
using ci_triage::testing::FakeTransport;
using ci_triage::testing::reply;

namespace {

const std::string kApi = "https://api.github.com";
const std::string kJobs = "/repos/o/r/actions/runs/7/attempts/1/jobs";

std::string jobs_page(int first, int count) {
  std::string out = R"({"total_count":999,"jobs":[)";
  for (int i = 0; i < count; ++i)
    out += (i ? "," : "") +
           fmt::format(R"({{"id":{},"name":"job {}","status":"completed"}})", first + i, first + i);
  return out + "]}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client)

BOOST_AUTO_TEST_CASE(pages_follow_the_next_link_verbatim) {
  FakeTransport t;
  const std::string page2 = kApi + "/repositories/1/actions/runs/7/attempts/1/jobs?per_page=100&page=2";
  t.answer("GET", "jobs\\?per_page=100$",
           {reply(200, jobs_page(1, 100), {{"link", "<" + page2 + ">; rel=\"next\""}})});
  t.answer("GET", "page=2$", {reply(200, jobs_page(101, 3))});
  github::Client client(t, kApi + "/", "o/r");
  const auto jobs = client.list_jobs(7, 1);
  BOOST_TEST(jobs.ok());
  BOOST_TEST(jobs.value.size() == 103u);
  BOOST_REQUIRE_EQUAL(t.requests.size(), 2u);
  BOOST_TEST(t.requests[0].url == kApi + kJobs + "?per_page=100");
  BOOST_TEST(t.requests[1].url == page2);  // as GitHub wrote it, not rebuilt
  BOOST_TEST(t.requests[0].authorized);
}

BOOST_AUTO_TEST_CASE(a_next_link_to_another_origin_is_not_followed) {
  FakeTransport t;
  t.answer("GET", "jobs",
           {reply(200, jobs_page(1, 2), {{"link", "<https://evil.example/steal?page=2>; rel=\"next\""}})});
  github::Client client(t, kApi, "o/r");
  const auto jobs = client.list_jobs(7, 1);
  BOOST_TEST(jobs.value.size() == 2u);  // the pages before are kept
  BOOST_REQUIRE(jobs.error.has_value());
  BOOST_TEST(jobs.error->message.find("points outside GITHUB_API_URL") != std::string::npos);
  BOOST_TEST(t.made("", "evil").empty());
}

BOOST_AUTO_TEST_CASE(more_than_a_hundred_pages_is_incomplete) {
  FakeTransport t;
  t.route("GET", "comments", [](const http::Request& rq) {
    return reply(200, R"([{"id":1,"body":"x"}])", {{"link", "<" + rq.url + "&more>; rel=\"next\""}});
  });
  github::Client client(t, kApi, "o/r");
  const auto comments = client.list_comments(42);
  BOOST_REQUIRE(comments.error.has_value());
  BOOST_TEST(comments.error->incomplete);
  BOOST_TEST(comments.value.size() == 100u);
  BOOST_TEST(t.requests.size() == 100u);
}

BOOST_AUTO_TEST_CASE(errors_name_the_request_and_what_to_do) {
  FakeTransport t;
  t.answer("GET", "jobs",
           {reply(403, R"({"message":"Resource not accessible by integration"})",
                  {{"x-accepted-github-permissions", "actions=read"}})});
  github::Client client(t, kApi, "o/r");
  const auto jobs = client.list_jobs(7, 1);
  BOOST_REQUIRE(jobs.error.has_value());
  BOOST_TEST(
      jobs.error->message ==
      "listing the jobs of run 7 attempt 1: HTTP 403 Resource not accessible by integration (the token "
      "lacks a permission; GitHub accepts: actions=read)");
  http::Response limited = reply(403, R"({"message":"API rate limit exceeded"})");
  limited.rate_limited = true;
  BOOST_TEST(github::api_error(limited, "x").message ==
             "x: HTTP 403 API rate limit exceeded (GitHub's API rate limit; the report is partial)");
  http::Response down;
  down.error = "Could not connect to server";
  BOOST_TEST(github::api_error(down, "x").message == "x: Could not connect to server");
}

BOOST_AUTO_TEST_CASE(log_errors_say_why_the_log_is_missing) {
  BOOST_TEST(
      github::log_error(reply(410)) ==
      "The log is no longer available (HTTP 410): logs expire after the repository's retention period.");
  BOOST_TEST(github::log_error(reply(404, "<Error><Code>BlobNotFound</Code></Error>")) ==
             "The log is not available: the job was still running when ci-triage asked for it.");
  BOOST_TEST(github::log_error(reply(403)).find("`actions: read`") != std::string::npos);
  BOOST_TEST(github::log_error(reply(500)) == "The log could not be downloaded (HTTP 500).");
}

BOOST_AUTO_TEST_CASE(comment_requests_and_answers) {
  FakeTransport t;
  t.answer("POST", "/issues/42/comments$", {reply(201, R"({"id":9,"body":"b","html_url":"u"})")});
  t.answer("PATCH", "/issues/comments/9$", {reply(200, R"({"id":9,"body":"c"})")});
  t.answer("DELETE", "/issues/comments/9$", {reply(404)});  // already gone: fine
  t.answer("DELETE", "/issues/comments/8$", {reply(403, R"({"message":"Forbidden"})")});
  github::Client client(t, kApi, "o/r");
  const auto created = client.create_comment(42, "line 1\nline 2 \xff");
  BOOST_TEST(created.ok());
  BOOST_TEST(created.value.id == 9u);
  BOOST_TEST(t.requests.back().body == "{\"body\":\"line 1\\nline 2 \xEF\xBF\xBD\"}");
  BOOST_TEST(client.update_comment(9, "c").ok());
  BOOST_TEST(client.delete_comment(9).ok());
  BOOST_TEST(!client.delete_comment(8).ok());
  t.answer("POST", "/issues/43/comments$", {reply(200, R"({"id":1})")});  // not 201: not created
  BOOST_TEST(!client.create_comment(43, "x").ok());
}

BOOST_AUTO_TEST_CASE(review_suggestions_and_pull_lookups) {
  FakeTransport t;
  t.answer("POST", "/pulls/42/comments$", {reply(201, R"({"id":5,"html_url":"https://x/5"})")});
  t.answer("GET", "/pulls\\?", {reply(200, R"([{"number":42,"state":"open","head":{"sha":"abc"}}])")});
  t.answer("GET", "/commits/", {reply(200, R"([{"number":43,"state":"open"}])")});
  github::Client client(t, kApi, "o/r");
  BOOST_TEST(client.create_review_comment(42, "abc", "pyproject.toml", 10, 11, "s").ok());
  BOOST_TEST(
      t.requests.back().body ==
      R"({"body":"s","commit_id":"abc","path":"pyproject.toml","line":11,"side":"RIGHT","start_line":10,"start_side":"RIGHT"})");
  BOOST_TEST(client.pulls_for_branch("contributor", "fix/a b").value.at(0).number == 42);
  BOOST_TEST(t.requests.back().url ==
             kApi + "/repos/o/r/pulls?state=open&per_page=100&head=contributor:fix%2Fa%20b");
  BOOST_TEST(client.pulls_for_commit("0123456789abcdef").value.at(0).number == 43);
  BOOST_TEST(client.job_logs_url(5) == kApi + "/repos/o/r/actions/jobs/5/logs");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_github_client_test
