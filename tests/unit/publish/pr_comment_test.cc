// The PR side over a fake transport: one sticky comment (created, edited in
// place, folded after a race, resolved), suggestions posted once, and one
// notice when the token may not write.
#include "publish/pr_comment.h"

#include <fmt/format.h>

#include <boost/test/unit_test.hpp>

#include "github/fake_transport.h"
#include "report/suggestions.h"
#include "test_support.h"

namespace unit_publish_pr_comment_test {

using namespace ci_triage;
using ci_triage::testing::FakeTransport;
using ci_triage::testing::reply;

namespace {

const std::string kApi = "https://api.github.com";
const std::string kMarker = "<!-- ci-triage:sticky workflow=\"CI\" -->";

Report failed_report() {
  Report r;
  RunInfo run;
  run.workflow = "CI";
  run.run_id = 7;
  run.url = "https://github.com/o/r/actions/runs/7";
  run.head_sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  run.jobs_listed = true;
  r.run = run;
  JobReport j;
  j.name = "unit-tests";
  j.url = "https://github.com/o/r/actions/runs/7/job/1";
  Finding f;
  f.category = "imports";
  f.title = "Python module 'crypto' cannot be imported";
  j.findings.push_back(f);
  r.jobs.push_back(j);
  return r;
}

Report green_report() {
  Report r = failed_report();
  r.jobs.clear();
  return r;
}

std::string comments(const std::vector<std::pair<std::uint64_t, std::string>>& list) {
  std::string out = "[";
  for (const auto& [id, body] : list)
    out +=
        (out.size() > 1 ? "," : "") + fmt::format(R"({{"id":{},"body":{}}})", id, github::json_string(body));
  return out + "]";
}

publish::Published run(FakeTransport& t, const Report& report,
                       publish::CommentMode mode = publish::CommentMode::kAuto) {
  github::Client client(t, kApi, "o/r");
  publish::StickyCommentPublisher p(client, 42, mode);
  return p.publish(report, {});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pr_comment)

BOOST_AUTO_TEST_CASE(the_first_failure_creates_one_marked_comment) {
  FakeTransport t;
  t.answer("GET", "/issues/42/comments",
           {reply(200, comments({{1, "LGTM"}})), reply(200, comments({{9, kMarker}}))});
  t.answer("POST", "/issues/42/comments$", {reply(201, R"({"id":9})")});
  const auto did = run(t, failed_report());
  const auto posts = t.made("POST", "/issues/42/comments$");
  BOOST_REQUIRE_EQUAL(posts.size(), 1u);
  BOOST_TEST(posts[0].body.find(github::json_string(kMarker).substr(1, 20)) != std::string::npos);
  BOOST_TEST(posts[0].body.find("crypto") != std::string::npos);
  BOOST_TEST(did.delivery.notices.empty());
  BOOST_TEST(did.log.at(0) == "commented on PR #42");
}

BOOST_AUTO_TEST_CASE(a_rerun_edits_the_comment_in_place_and_removes_extra_ones) {
  FakeTransport t;
  t.answer("GET", "/issues/42/comments",
           {reply(200, comments({{5, kMarker + "\nold"}, {3, kMarker + "\nolder"}}))});
  t.answer("PATCH", "/issues/comments/3$", {reply(200, R"({"id":3})")});
  t.answer("DELETE", "/issues/comments/5$", {reply(204)});
  run(t, failed_report());
  BOOST_TEST(t.made("POST", "").empty());
  BOOST_TEST(t.made("PATCH", "/issues/comments/3$").size() == 1u);  // the oldest is kept
  BOOST_TEST(t.made("DELETE", "/issues/comments/5$").size() == 1u);
}

BOOST_AUTO_TEST_CASE(two_writers_at_once_fold_into_the_oldest_comment) {
  FakeTransport t;
  // Nothing when we looked; after we posted (id 9), another run's comment (id 8) is older.
  t.answer("GET", "/issues/42/comments",
           {reply(200, "[]"), reply(200, comments({{8, kMarker}, {9, kMarker}}))});
  t.answer("POST", "/issues/42/comments$", {reply(201, R"({"id":9})")});
  t.answer("PATCH", "/issues/comments/8$", {reply(200, R"({"id":8})")});
  t.answer("DELETE", "/issues/comments/9$", {reply(204)});
  run(t, failed_report());
  BOOST_TEST(t.made("PATCH", "/issues/comments/8$").size() == 1u);
  BOOST_TEST(t.made("DELETE", "/issues/comments/9$").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_green_run_resolves_an_earlier_comment_and_otherwise_stays_quiet) {
  FakeTransport t;
  t.answer("GET", "/issues/42/comments", {reply(200, comments({{3, kMarker + "\nfailed"}}))});
  t.answer("PATCH", "/issues/comments/3$", {reply(200, R"({"id":3})")});
  run(t, green_report());
  const auto patch = t.made("PATCH", "/issues/comments/3$");
  BOOST_REQUIRE_EQUAL(patch.size(), 1u);
  BOOST_TEST(patch[0].body.find("resolved") != std::string::npos);

  FakeTransport quiet;
  quiet.answer("GET", "/issues/42/comments", {reply(200, "[]")});
  const auto did = run(quiet, green_report());
  BOOST_TEST(quiet.made("POST", "").empty());
  BOOST_TEST(did.log.at(0) == "the run has no failed job and there is no earlier comment: nothing to post");

  FakeTransport always;
  always.answer("GET", "/issues/42/comments", {reply(200, "[]")});
  always.answer("POST", "/issues/42/comments$", {reply(201, R"({"id":1})")});
  run(always, green_report(), publish::CommentMode::kAlways);
  BOOST_TEST(always.made("POST", "/issues/42/comments$").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_token_that_may_not_write_gives_one_notice_naming_the_permission) {
  FakeTransport t;
  t.answer("GET", "/issues/42/comments", {reply(200, "[]")});
  t.answer("POST", "/issues/42/comments$",
           {reply(403, R"({"message":"Resource not accessible by integration"})",
                  {{"x-accepted-github-permissions", "issues=write; pull_requests=write"}})});
  const auto did = run(t, failed_report());
  BOOST_REQUIRE_EQUAL(did.delivery.notices.size(), 1u);
  BOOST_TEST(did.delivery.notices[0].rfind(
                 "No comment on PR #42: the token may not write to pull requests (HTTP 403; accepted: "
                 "issues=write; pull_requests=write). Give the job `permissions: pull-requests: write`",
                 0) == 0u);
}

BOOST_AUTO_TEST_CASE(more_comments_than_are_read_never_duplicate_the_sticky_one) {
  FakeTransport t;
  t.route("GET", "/issues/42/comments", [](const http::Request& rq) {
    return reply(200, R"([{"id":1,"body":"x"}])", {{"link", "<" + rq.url + "&more>; rel=\"next\""}});
  });
  const auto did = run(t, failed_report());
  BOOST_TEST(t.made("POST", "").empty());
  BOOST_REQUIRE_EQUAL(did.delivery.notices.size(), 1u);
  BOOST_TEST(did.delivery.notices[0].find("more comments than ci-triage reads") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(suggestions_only_on_lines_of_the_pr_diff_and_never_twice) {
  const Patch patch{"python-dependency", "pyproject.toml",
                    ci_triage::testing::source_file("tests/patches/pep621/expected.patch"), "add it", 0.9};
  Report report = failed_report();
  report.jobs[0].findings[0].patch = patch;
  const std::string in_diff =
      "@@ -8,5 +8,6 @@ version = \"0.3.0\"\n requires-python = \">=3.10\"\n dependencies = [\n"
      "     \"attrs>=22.1\",\n+    \"click>=8.1\",  # CLI\n     \"six\"\n ]\n";
  FakeTransport t;
  t.answer("GET", "/pulls/42/files",
           {reply(200, R"([{"filename":"pyproject.toml","patch":)" + github::json_string(in_diff) + "}]")});
  t.answer("GET", "/pulls/42/comments", {reply(200, "[]")});
  t.answer("POST", "/pulls/42/comments$",
           {reply(201, R"({"id":5,"html_url":"https://github.com/o/r/pull/42#discussion_r5"})")});
  github::Client client(t, kApi, "o/r");
  publish::SuggestionsPublisher suggestions(client, 42, "6dcb09b5b57875f334f61aebed695e2e4193db5e");
  auto did = suggestions.publish(report, {});
  const auto posts = t.made("POST", "/pulls/42/comments$");
  BOOST_REQUIRE_EQUAL(posts.size(), 1u);
  BOOST_TEST(posts[0].body.find(R"("path":"pyproject.toml","line":11,"side":"RIGHT")") != std::string::npos);
  const Finding* f = &report.jobs[0].findings[0];
  BOOST_TEST(did.delivery.suggestion_urls.at(f) == "https://github.com/o/r/pull/42#discussion_r5");
  // The comment links the suggestion instead of repeating the diff.
  t.answer("GET", "/issues/42/comments", {reply(200, "[]")});
  t.answer("POST", "/issues/42/comments$", {reply(201, R"({"id":9})")});
  publish::StickyCommentPublisher comment(client, 42, publish::CommentMode::kAuto);
  comment.publish(report, did);
  const std::string body = t.made("POST", "/issues/42/comments$").at(0).body;
  BOOST_TEST(body.find("suggestion on the PR") != std::string::npos);
  BOOST_TEST(body.find("```diff") == std::string::npos);
  // A rerun finds its marker among the review comments: nothing is posted again.
  const std::string marker = suggestion_marker(suggestions_from_patch(patch).at(0));
  t.answer(
      "GET", "/pulls/42/comments",
      {reply(200, R"([{"id":5,"html_url":"u","body":)" + github::json_string(marker + "\nearlier") + "}]")});
  suggestions.publish(report, {});
  BOOST_TEST(t.made("POST", "/pulls/42/comments$").size() == 1u);
  // A PR that changed other lines: no suggestion, the comment keeps the diff block.
  FakeTransport elsewhere;
  elsewhere.answer(
      "GET", "/pulls/42/files",
      {reply(200, R"([{"filename":"pyproject.toml","patch":"@@ -1,2 +1,3 @@\n a\n+b\n c\n"}])")});
  github::Client other(elsewhere, kApi, "o/r");
  did = publish::SuggestionsPublisher(other, 42, "6dcb09b").publish(report, {});
  BOOST_TEST(did.delivery.suggestion_urls.empty());
  BOOST_TEST(elsewhere.made("POST", "").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_publish_pr_comment_test
