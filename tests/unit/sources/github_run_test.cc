// The GitHub run source over a fake transport: which jobs it triages, how it
// downloads their logs (redirects, expired URLs, failures) and maps their steps.
#include "sources/github_run.h"

#include <fmt/format.h>

#include <boost/test/unit_test.hpp>

#include "github/fake_transport.h"

namespace unit_sources_github_run_test {

using namespace ci_triage;
using ci_triage::testing::FakeTransport;
using ci_triage::testing::reply;

namespace {

const std::string kApi = "https://api.github.com";

// A log consumer that keeps the bytes and reports one step per line.
class LinesLog : public JobLog {
 public:
  LinesLog(std::string name, std::string origin) : name_(std::move(name)), origin_(std::move(origin)) {}
  void feed(std::string_view bytes) override { text_.append(bytes); }
  JobReport finish() override {
    JobReport j;
    j.name = name_;
    j.log = origin_;
    j.bytes = text_.size();
    int n = 0;
    for (std::size_t p = 0; p < text_.size();) {
      const std::size_t e = std::min(text_.find('\n', p), text_.size());
      j.steps.push_back({++n, text_.substr(p, e - p), false, std::nullopt, 0, 0, 0, "", std::nullopt});
      p = e + 1;
    }
    return j;
  }

 private:
  std::string name_, origin_, text_;
};

StartJobLog lines_log() {
  return [](const std::string& name, const std::string& origin) {
    return std::make_unique<LinesLog>(name, origin);
  };
}

std::string job(std::uint64_t id, const std::string& name, const std::string& status,
                const std::string& conclusion, const std::string& steps = "[]",
                const std::string& extra = "") {
  return fmt::format(
      R"({{"id":{},"name":"{}","status":"{}","conclusion":{},"started_at":"2025-04-14T13:55:08Z","workflow_name":"CI","steps":{}{}}})",
      id, name, status, conclusion.empty() ? "null" : "\"" + conclusion + "\"", steps, extra);
}

std::string jobs(const std::vector<std::string>& list) {
  std::string out = R"({"total_count":0,"jobs":[)";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? "," : "") + list[i];
  return out + "]}";
}

github::Context context() {
  github::Context c;
  c.api_url = kApi;
  c.repo = "o/r";
  c.run_id = 7;
  return c;
}

struct Fixture {
  FakeTransport t;
  github::Client client{t, kApi, "o/r"};
  RunJobs fetch(github::Context c = context()) {
    GithubRunSource source(client, std::move(c), {});
    return source.fetch(lines_log());
  }
  void logs(std::uint64_t id, std::string text) {
    t.answer("GET", fmt::format("/actions/jobs/{}/logs$", id), {reply(200, std::move(text))});
  }
};

const std::string kRan = R"([{"number":1,"name":"a","status":"completed","conclusion":"success"}])";

}  // namespace

BOOST_AUTO_TEST_SUITE(github_run)

BOOST_AUTO_TEST_CASE(picks_failed_timed_out_and_cancelled_after_start) {
  Fixture f;
  f.t.answer(
      "GET", "/jobs\\?",
      {reply(200,
             jobs({job(1, "failed", "completed", "failure"), job(2, "timed out", "completed", "timed_out"),
                   job(3, "cancelled after a step", "completed", "cancelled", kRan),
                   job(4, "cancelled before", "completed", "cancelled"),
                   job(5, "passed", "completed", "success"), job(6, "skipped", "completed", "skipped")}))});
  for (int id : {1, 2, 3}) f.logs(id, "a\n");
  const RunJobs run = f.fetch();
  BOOST_TEST(run.listed);
  BOOST_TEST(run.total == 6);
  BOOST_TEST(run.workflow_name == "CI");
  BOOST_TEST(run.started_at == 1744638908);
  BOOST_REQUIRE_EQUAL(run.jobs.size(), 3u);
  BOOST_TEST(run.jobs[0].name == "failed");
  BOOST_TEST(run.jobs[2].name == "cancelled after a step");
  BOOST_TEST(run.jobs[1].url == "https://github.com/o/r/actions/runs/7/job/2");
  BOOST_TEST(run.jobs[1].conclusion == "timed_out");
  BOOST_TEST(f.t.made("GET", "/jobs/[456]/logs").empty());
  BOOST_TEST(!run.degraded);
}

BOOST_AUTO_TEST_CASE(never_reads_its_own_log_and_says_when_it_runs_in_the_failing_job) {
  Fixture f;
  const std::string failing_steps =
      R"([{"number":1,"name":"Run pytest","status":"completed","conclusion":"failure"},
          {"number":2,"name":"Run ci-triage","status":"in_progress","conclusion":null}])";
  f.t.answer("GET", "/jobs\\?",
             {reply(200, jobs({job(1, "unit-tests", "in_progress", "", failing_steps,
                                   R"(,"runner_name":"GitHub Actions 7")"),
                               job(2, "lint", "completed", "failure")}))});
  f.logs(2, "x\n");
  github::Context by_runner = context();
  by_runner.runner_name = "GitHub Actions 7";
  RunJobs run = f.fetch(by_runner);
  BOOST_REQUIRE_EQUAL(run.jobs.size(), 1u);
  BOOST_TEST(run.jobs[0].name == "lint");
  BOOST_TEST(f.t.made("GET", "/jobs/1/logs").empty());
  BOOST_REQUIRE_EQUAL(run.notices.size(), 1u);
  BOOST_TEST(run.notices[0].find("ci-triage runs as a step of the failing job \"unit-tests\"") == 0u);
  BOOST_TEST(run.degraded);
  github::Context by_check_run = context();
  by_check_run.check_run_id = 1;
  run = f.fetch(by_check_run);
  BOOST_TEST(run.jobs.size() == 1u);
}

BOOST_AUTO_TEST_CASE(jobs_still_running_are_named) {
  Fixture f;
  f.t.answer("GET", "/jobs\\?",
             {reply(200, jobs({job(1, "deploy", "in_progress", ""), job(2, "e2e", "queued", "")}))});
  const RunJobs run = f.fetch();
  BOOST_TEST(run.jobs.empty());
  BOOST_REQUIRE_EQUAL(run.notices.size(), 1u);
  BOOST_TEST(run.notices[0].rfind("2 job(s) were still running and could not be triaged (deploy)", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(a_job_list_that_cannot_be_read_triages_nothing) {
  Fixture f;
  f.t.answer("GET", "/jobs\\?",
             {reply(403, R"({"message":"Resource not accessible by integration"})",
                    {{"x-accepted-github-permissions", "actions=read"}})});
  const RunJobs run = f.fetch();
  BOOST_TEST(!run.listed);
  BOOST_TEST(run.jobs.empty());
  BOOST_REQUIRE_EQUAL(run.notices.size(), 1u);
  BOOST_TEST(run.notices[0] ==
             "Could not list the run's jobs: listing the jobs of run 7 attempt 1: HTTP 403 Resource not "
             "accessible by "
             "integration (the token lacks a permission; GitHub accepts: actions=read). No job was triaged.");
}

BOOST_AUTO_TEST_CASE(logs_come_from_the_redirect_without_the_token) {
  Fixture f;
  f.t.answer(
      "GET", "/jobs\\?",
      {reply(200, jobs({job(1, "unit", "completed", "failure"), job(2, "lint", "completed", "failure")}))});
  f.t.answer("GET", "/actions/jobs/1/logs$",
             {reply(302, "", {{"location", "https://results.blob.core.windows.net/logs/1.txt?sig=s"}})});
  f.t.answer("GET", "/actions/jobs/2/logs$", {reply(302, "", {{"location", kApi + "/same-origin/2.txt"}})});
  f.t.answer("GET", "blob.core.windows.net/logs/1.txt", {reply(200, "one\ntwo\n")});
  f.t.answer("GET", "/same-origin/2.txt", {reply(200, "three\n")});
  const RunJobs run = f.fetch();
  BOOST_REQUIRE_EQUAL(run.jobs.size(), 2u);
  BOOST_TEST(run.jobs[0].bytes == 8u);
  BOOST_TEST(run.jobs[0].log == "job 1");
  const auto blob = f.t.made("GET", "blob.core.windows.net");
  BOOST_REQUIRE_EQUAL(blob.size(), 1u);
  BOOST_TEST(!blob[0].authorized);  // a signed URL: the token never goes there
  BOOST_TEST(f.t.made("GET", "/same-origin/").at(0).authorized);
}

BOOST_AUTO_TEST_CASE(an_expired_signed_url_is_asked_for_again_once) {
  Fixture f;
  f.t.answer("GET", "/jobs\\?", {reply(200, jobs({job(1, "unit", "completed", "failure")}))});
  f.t.answer("GET", "/actions/jobs/1/logs$",
             {reply(302, "", {{"location", "https://blob.example/1?sig=old"}}),
              reply(302, "", {{"location", "https://blob.example/1?sig=new"}})});
  f.t.answer("GET", "sig=old", {reply(403, "<Error><Code>AuthenticationFailed</Code></Error>")});
  f.t.answer("GET", "sig=new", {reply(200, "ok\n")});
  const RunJobs run = f.fetch();
  BOOST_TEST(f.t.made("GET", "/actions/jobs/1/logs$").size() == 2u);
  BOOST_TEST(run.jobs.at(0).log_available);
  BOOST_TEST(run.jobs.at(0).bytes == 3u);
}

BOOST_AUTO_TEST_CASE(logs_that_cannot_be_read_are_jobs_with_a_notice) {
  Fixture f;
  f.t.answer("GET", "/jobs\\?",
             {reply(200, jobs({job(1, "expired", "completed", "failure"),
                               job(2, "broken", "completed", "failure")}))});
  f.t.answer("GET", "/actions/jobs/1/logs$", {reply(410, R"({"message":"Gone"})")});
  f.t.answer("GET", "/actions/jobs/2/logs$", {reply(500)});
  RunJobs run = f.fetch();
  BOOST_REQUIRE_EQUAL(run.jobs.size(), 2u);
  BOOST_TEST(!run.jobs[0].log_available);
  BOOST_TEST((run.jobs[0].status == JobStatus::kFailed));
  BOOST_TEST(run.jobs[0].notices.at(0).rfind("The log is no longer available (HTTP 410)", 0) == 0u);
  BOOST_TEST(run.jobs[1].notices.at(0) == "The log could not be downloaded (HTTP 500).");
  BOOST_TEST(run.degraded);  // an expired log is a fact of life; a 500 is not
  Fixture g;
  g.t.answer("GET", "/jobs\\?", {reply(200, jobs({job(1, "expired", "completed", "failure")}))});
  g.t.answer("GET", "/actions/jobs/1/logs$", {reply(410)});
  BOOST_TEST(!g.fetch().degraded);
}

BOOST_AUTO_TEST_CASE(a_log_cut_short_is_analysed_as_far_as_it_came) {
  Fixture f;
  f.t.answer("GET", "/jobs\\?", {reply(200, jobs({job(1, "unit", "completed", "failure")}))});
  http::Response cut = reply(200, "first\nsecond\n");
  cut.error = "stalled: less than 1024 bytes/s for 30 s";
  cut.stalled = true;
  cut.partial = true;
  f.t.answer("GET", "/actions/jobs/1/logs$", {cut});
  const RunJobs run = f.fetch();
  BOOST_REQUIRE_EQUAL(run.jobs.size(), 1u);
  BOOST_TEST(run.jobs[0].steps.size() == 2u);
  BOOST_TEST(
      run.jobs[0].notices.at(0) ==
      "The log is truncated: its download stalled after 13 bytes (stalled: less than 1024 bytes/s for 30 s); "
      "only that part was analysed.");
}

BOOST_AUTO_TEST_CASE(api_step_numbers_map_onto_the_log_steps) {
  Fixture f;
  // Step 2 was skipped (no log segment) and the numbers have a gap: log step k is not API step k.
  const std::string steps =
      R"([{"number":1,"name":"Set up job","status":"completed","conclusion":"success"},
          {"number":2,"name":"Run choco install","status":"completed","conclusion":"skipped"},
          {"number":4,"name":"Run pytest","status":"completed","conclusion":"failure"},
          {"number":5,"name":"Complete job","status":"completed","conclusion":"success"}])";
  f.t.answer("GET", "/jobs\\?", {reply(200, jobs({job(1, "unit", "completed", "failure", steps)}))});
  f.logs(1, "Set up job\nRun pytest\nComplete job\n");
  const RunJobs run = f.fetch();
  const auto& s = run.jobs.at(0).steps;
  BOOST_REQUIRE_EQUAL(s.size(), 3u);
  BOOST_TEST(s[0].api_number == 1);
  BOOST_TEST(s[1].api_number == 4);
  BOOST_TEST(s[2].api_number == 5);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_sources_github_run_test
