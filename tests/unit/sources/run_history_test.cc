// The history source over a fake transport: which base runs it reads, when it stops, which
// base logs it triages, and that anything unreadable gives no history and a notice.
#include "sources/run_history.h"

#include <fmt/format.h>

#include <boost/test/unit_test.hpp>

#include "core/signature.h"
#include "github/fake_transport.h"

namespace unit_sources_run_history_test {

using namespace ci_triage;
using ci_triage::testing::FakeTransport;
using ci_triage::testing::reply;

namespace {

const std::string kApi = "https://api.github.com";

// A log consumer whose root cause is the log's first line (as a rule id): equal logs, equal
// fingerprints.
class FirstLineLog : public JobLog {
 public:
  explicit FirstLineLog(std::string name) : name_(std::move(name)) {}
  void feed(std::string_view bytes) override { text_.append(bytes); }
  JobReport finish() override {
    JobReport j;
    j.name = name_;
    j.status = JobStatus::kFailed;
    Finding f;
    f.rule = text_.substr(0, text_.find('\n'));
    f.category = "tests";
    j.findings.push_back(f);
    return j;
  }

 private:
  std::string name_, text_;
};

StartJobLog first_line_log() {
  return [](const std::string& name, const std::string&) { return std::make_unique<FirstLineLog>(name); };
}

JobReport failed(const std::string& name, const std::string& rule) {
  JobReport j;
  j.name = name;
  j.status = JobStatus::kFailed;
  Finding f;
  f.rule = rule;
  f.category = "tests";
  j.findings.push_back(f);
  return j;
}

std::string run_json(std::uint64_t id, const std::string& sha, const std::string& event = "push",
                     int attempt = 1) {
  return fmt::format(
      R"({{"id":{},"run_attempt":{},"head_sha":"{}","head_branch":"main","event":"{}","status":"completed","conclusion":"failure","html_url":"https://github.com/o/r/actions/runs/{}"}})",
      id, attempt, sha, event, id);
}

std::string runs(const std::vector<std::string>& list) {
  std::string out = R"({"total_count":9,"workflow_runs":[)";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? "," : "") + list[i];
  return out + "]}";
}

std::string jobs(const std::vector<std::tuple<std::uint64_t, std::string, std::string>>& list) {
  std::string out = R"({"total_count":0,"jobs":[)";
  for (std::size_t i = 0; i < list.size(); ++i)
    out += (i ? "," : "") + fmt::format(R"({{"id":{},"name":"{}","status":"completed","conclusion":"{}"}})",
                                        std::get<0>(list[i]), std::get<1>(list[i]), std::get<2>(list[i]));
  return out + "]}";
}

github::Context context() {
  github::Context c;
  c.api_url = kApi;
  c.repo = "o/r";
  c.run_id = 7;
  c.pr_number = 42;  // a pull request into main
  c.base_branch = "main";
  c.workflow_path = ".github/workflows/ci.yml";
  return c;
}

struct Fixture {
  FakeTransport t;
  github::Client client{t, kApi, "o/r"};
  RunJobs run;
  Fixture() {
    run.listed = true;
    run.jobs = {failed("unit", "same-cause"), failed("lint", "lint-cause")};
    run.outcomes = {{1, "unit", "failure", 1}, {2, "lint", "failure", 1}, {3, "docs", "success", 1}};
  }
  History read(github::Context c = context()) {
    RunHistorySource source(client, std::move(c), {});
    return source.read(run, first_line_log());
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(run_history)

BOOST_AUTO_TEST_CASE(follows_each_failed_job_back_until_main_passed_it_and_triages_one_log_each) {
  Fixture f;
  f.t.answer("GET", "/actions/workflows/ci\\.yml/runs\\?branch=main&status=completed",
             {reply(200, runs({run_json(7, "aaa"), run_json(40, "bbb"), run_json(39, "ccc", "pull_request"),
                               run_json(30, "ddd"), run_json(20, "eee"), run_json(10, "fff")}))});
  f.t.answer("GET", "/runs/40/attempts/1/jobs",
             {reply(200, jobs({{401, "unit", "failure"}, {402, "lint", "success"}}))});
  f.t.answer("GET", "/runs/30/attempts/1/jobs",
             {reply(200, jobs({{301, "unit", "failure"}, {302, "lint", "failure"}}))});
  f.t.answer("GET", "/runs/20/attempts/1/jobs",
             {reply(200, jobs({{201, "unit", "success"}, {202, "lint", "success"}}))});
  f.t.answer("GET", "/jobs/401/logs$", {reply(200, "same-cause\nmore\n")});
  const History h = f.read();
  BOOST_TEST(h.read);
  BOOST_TEST(h.notices.empty());
  BOOST_TEST(h.base == "main");
  // this run (7) and a pull_request run (39) skipped; 10 never read: every streak had ended at 20
  BOOST_REQUIRE_EQUAL(h.runs.size(), 3u);
  BOOST_TEST(h.runs[0].ref.run_id == 40u);
  BOOST_TEST(h.runs[0].ref.url == "https://github.com/o/r/actions/runs/40");
  BOOST_TEST(h.runs[2].ref.run_id == 20u);
  BOOST_TEST(f.t.made("GET", "/runs/10/").empty());
  // one log: unit's in the newest run failing it; lint passed there, and 30's lint is older
  BOOST_TEST(f.t.made("GET", "/logs$").size() == 1u);
  BOOST_TEST(h.runs[0].fingerprints.at("unit") ==
             std::vector<std::string>{job_fingerprint(failed("x", "same-cause"))});
  BOOST_TEST(h.requests == 5);  // runs list, 3 jobs lists, 1 log
  BOOST_TEST(f.t.made("GET", "per_page=5").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_rerun_reads_the_earlier_attempts) {
  Fixture f;
  github::Context c = context();
  c.run_attempt = 2;
  f.run.outcomes = {{11, "unit", "success", 2}, {12, "lint", "failure", 2}};
  f.run.jobs = {failed("lint", "lint-cause")};
  f.t.answer("GET", "/runs/7/attempts/1/jobs",
             {reply(200, jobs({{1, "unit", "failure"}, {2, "lint", "failure"}}))});
  f.t.answer("GET", "/workflows/ci\\.yml/runs", {reply(200, runs({run_json(40, "bbb", "push", 2)}))});
  f.t.answer("GET", "/runs/40/attempts/2/jobs", {reply(200, jobs({{402, "lint", "success"}}))});
  f.t.answer("GET", "/runs/40/attempts/1/jobs", {reply(200, jobs({{401, "lint", "failure"}}))});
  const History h = f.read(c);
  BOOST_TEST(h.read);
  BOOST_REQUIRE_EQUAL(h.passed_on_rerun.size(), 1u);
  BOOST_TEST(h.passed_on_rerun[0].name == "unit");
  BOOST_TEST(h.passed_on_rerun[0].failed_attempt == 1);
  BOOST_TEST(h.passed_on_rerun[0].url == "https://github.com/o/r/actions/runs/7/job/1");
  BOOST_TEST(h.earlier_attempts.size() == 2u);
  BOOST_REQUIRE_EQUAL(h.runs.size(), 1u);
  BOOST_TEST(h.runs[0].earlier.size() == 1u);
  BOOST_TEST(h.runs[0].earlier[0].attempt == 1);
}

BOOST_AUTO_TEST_CASE(a_push_compares_with_the_runs_before_it) {
  Fixture f;
  github::Context c = context();
  c.run_id = 35;
  c.pr_number.reset();  // a push to main
  f.t.answer("GET", "/workflows/", {reply(200, runs({run_json(40, "bbb"), run_json(30, "ccc")}))});
  f.t.answer("GET", "/runs/30/attempts/1/jobs",
             {reply(200, jobs({{301, "unit", "success"}, {302, "lint", "success"}}))});
  const History h = f.read(c);
  BOOST_REQUIRE_EQUAL(h.runs.size(), 1u);
  BOOST_TEST(h.runs[0].ref.run_id == 30u);
  BOOST_TEST(f.t.made("GET", "/runs/40/").empty());
}

BOOST_AUTO_TEST_CASE(nothing_failed_nothing_read) {
  Fixture f;
  f.run.jobs.clear();
  const History h = f.read();
  BOOST_TEST(!h.read);
  BOOST_TEST(h.notices.empty());
  BOOST_TEST(f.t.requests.empty());
}

BOOST_AUTO_TEST_CASE(anything_unreadable_gives_no_history_and_a_notice) {
  const std::string prefix = "The history of the base branch could not be read (";
  {
    Fixture f;
    github::Context c = context();
    c.base_branch.clear();
    const History h = f.read(c);
    BOOST_TEST(!h.read);
    BOOST_REQUIRE_EQUAL(h.notices.size(), 1u);
    BOOST_TEST(h.notices[0].rfind(prefix + "no base branch", 0) == 0u);
    BOOST_TEST(f.t.requests.empty());
  }
  {
    Fixture f;
    f.t.answer("GET", "/workflows/",
               {reply(403, R"({"message":"Resource not accessible by integration"})",
                      {{"x-accepted-github-permissions", "actions=read"}})});
    const History h = f.read();
    BOOST_TEST(!h.read);
    BOOST_REQUIRE_EQUAL(h.notices.size(), 1u);
    BOOST_TEST(h.notices[0].find("HTTP 403") != std::string::npos);
    BOOST_TEST(h.notices[0].find("actions=read") != std::string::npos);
  }
  {
    Fixture f;  // a jobs list of a base run fails: no partial marks
    f.t.answer("GET", "/workflows/", {reply(200, runs({run_json(40, "bbb")}))});
    f.t.answer("GET", "/runs/40/attempts/1/jobs", {reply(500, "{")});
    const History h = f.read();
    BOOST_TEST(!h.read);
    BOOST_TEST(h.runs.empty());
    BOOST_TEST(h.notices.size() == 1u);
  }
  {
    Fixture f;  // a malformed runs list
    f.t.answer("GET", "/workflows/", {reply(200, R"({"workflow_runs":{}})")});
    BOOST_TEST(!f.read().read);
  }
  {
    Fixture f;  // no completed run on main yet
    f.t.answer("GET", "/workflows/", {reply(200, runs({run_json(7, "aaa")}))});
    const History h = f.read();
    BOOST_TEST(!h.read);
    BOOST_REQUIRE_EQUAL(h.notices.size(), 1u);
    BOOST_TEST(h.notices[0].rfind("No completed run of ci.yml on main", 0) == 0u);
  }
  {
    Fixture f;  // a base log that cannot be downloaded: compared by conclusion only
    f.t.answer("GET", "/workflows/", {reply(200, runs({run_json(40, "bbb")}))});
    f.t.answer("GET", "/runs/40/attempts/1/jobs", {reply(200, jobs({{401, "unit", "failure"}}))});
    f.t.answer("GET", "/jobs/401/logs$", {reply(410, R"({"message":"Server Error"})")});
    const History h = f.read();
    BOOST_TEST(h.read);
    BOOST_TEST(h.runs.at(0).fingerprints.count("unit") == 0u);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_sources_run_history_test
