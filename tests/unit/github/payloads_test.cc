// GitHub's answers as ci-triage reads them: pages, comments, pulls, link headers.
#include "github/payloads.h"

#include <boost/test/unit_test.hpp>

#include "github/context.h"
#include "test_support.h"

namespace unit_github_payloads_test {

using namespace ci_triage;
using ci_triage::testing::fuzz_corpus;
using ci_triage::testing::nested_json;

BOOST_AUTO_TEST_SUITE(payloads)

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

BOOST_AUTO_TEST_CASE(pages_keep_what_they_can_read) {
  std::vector<github::Job> jobs;
  BOOST_TEST(!github::parse::jobs_page(
                  R"({"total_count":1,"jobs":[{"id":54321000001,"name":"unit","status":"completed",
                  "conclusion":"failure","steps":[{"number":1,"name":"Set up job","status":"completed",
                  "conclusion":"success"}]}]})",
                  "listing", jobs)
                  .has_value());
  BOOST_REQUIRE_EQUAL(jobs.size(), 1u);
  BOOST_TEST(jobs[0].id == 54321000001ull);
  BOOST_TEST(jobs[0].steps.at(0).name == "Set up job");
  const auto shape = github::parse::jobs_page(R"({"jobs":{"not":"a list"}})", "listing the jobs", jobs);
  BOOST_REQUIRE(shape.has_value());
  BOOST_TEST(shape->message == "listing the jobs: the answer has an unexpected shape");
  const auto json = github::parse::jobs_page("{\"jobs\": [", "listing the jobs", jobs);
  BOOST_REQUIRE(json.has_value());
  BOOST_TEST(json->message.rfind("listing the jobs: the answer is not usable JSON (", 0) == 0u);
  // Only the comments holding the marker are kept (a PR may have thousands).
  std::vector<github::Comment> ours;
  BOOST_TEST(!github::parse::comments_page(R"([{"id":1,"body":"hi"},{"id":2,"body":"<!-- m --> x"}])", "c",
                                           ours, "<!-- m -->")
                  .has_value());
  BOOST_REQUIRE_EQUAL(ours.size(), 1u);
  BOOST_TEST(ours[0].id == 2u);
}

BOOST_AUTO_TEST_CASE(single_answers) {
  const auto c = github::parse::comment(R"({"id":7,"body":"b","html_url":"https://x/7"})", "commenting");
  BOOST_REQUIRE(c.ok());
  BOOST_TEST(c.value.html_url == "https://x/7");
  BOOST_TEST(!github::parse::comment(R"({"body":"no id"})", "commenting").ok());
  const auto p =
      github::parse::pulls(R"([{"number":42,"state":"open","head":{"sha":"abc","ref":"fix"}}])", "pulls");
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p.value.at(0).head_sha == "abc");
  BOOST_TEST(!github::parse::pulls(R"({"message":"x"})", "pulls").ok());
}

BOOST_AUTO_TEST_CASE(json_strings_keep_line_breaks_and_stay_utf8) {
  BOOST_TEST(github::json_string("a\n\"b\"") == R"("a\n\"b\"")");
  BOOST_TEST(github::json_string("bad \xff byte") == "\"bad \xEF\xBF\xBD byte\"");
}

BOOST_AUTO_TEST_SUITE_END()

// Hostile input (issue 11).
BOOST_AUTO_TEST_SUITE(payloads_hostile)

BOOST_AUTO_TEST_CASE(deeply_nested_api_answers_and_event_degrade) {
  std::vector<github::Job> jobs;
  const auto err =
      github::parse::jobs_page(fuzz_corpus("github/deep-nesting-jobs-list-body.json"), "listing", jobs);
  BOOST_REQUIRE(err.has_value());
  BOOST_TEST(err->message.find("nested deeper than 128 levels") != std::string::npos);
  BOOST_TEST(!github::parse::comment(nested_json(200'000), "commenting").ok());
  BOOST_TEST(!github::parse::pulls(nested_json(200'000), "pulls").ok());
  github::Context c;
  std::vector<std::string> notes;
  github::parse::event("{\"pull_request\":" + nested_json(200'000) + "}", c, notes);
  BOOST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(notes[0].find("nested deeper than 128 levels") != std::string::npos);
  BOOST_TEST(!c.pr_number.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_github_payloads_test
