// The GitHub source and reporters without a server: URL origins (token
// scope), link headers, the event payloads that locate the PR, the web-log
// anchors, the sticky comment's size cap and escaping, annotation ranking.
// The end-to-end loop against a real HTTP server is tests/github/.
#include "sources/github.h"

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "app/analyze.h"
#include "core/error.h"
#include "report/report.h"
#include "report/suggestions.h"
#include "rules/rule_loader.h"
#include "sources/http.h"

using namespace ci_triage;

namespace {

ci_triage::github::Getenv env_of(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

std::string write_temp(const std::string& text) {
  char path[] = "/tmp/ci-triage-event-XXXXXX";
  const int fd = mkstemp(path);
  BOOST_REQUIRE(fd >= 0);
  std::FILE* f = fdopen(fd, "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
  return path;
}

std::string read(const std::string& rel) {
  std::ifstream in(std::string(CI_TRIAGE_SOURCE_DIR) + "/" + rel, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << rel);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
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

BOOST_AUTO_TEST_CASE(evidence_links_point_at_the_step_line) {
  Engine engine(builtin_rules());
  auto src = memory_source("unit-tests", read("tests/github/logs/dev-imports-crypto.log"));
  JobReport job = engine.analyze(*src);
  job.url = "https://github.com/o/r/actions/runs/1/job/2";
  for (std::size_t i = 0; i < job.steps.size(); ++i) job.steps[i].api_number = static_cast<int>(i) + 1;
  BOOST_REQUIRE(!job.findings.empty());
  // Raw line 137 is the 31st line of step 4, whose `##[group]Run` header is raw line 107.
  BOOST_TEST(job.findings.front().evidence.front().line == 137u);
  BOOST_TEST(log_line_url(job, 137) == "https://github.com/o/r/actions/runs/1/job/2#step:4:31");
  job.steps[3].api_number = 0;  // unknown step: the job page itself
  BOOST_TEST(log_line_url(job, 137) == job.url);
}

BOOST_AUTO_TEST_CASE(comment_is_capped_escaped_and_marked) {
  Report report;
  RunInfo run;
  run.repo = "o/r";
  run.run_id = 7;
  run.url = "https://github.com/o/r/actions/runs/7";
  run.workflow = "CI <b>";
  run.head_sha = "0123456789abcdef";
  report.run = run;
  for (int i = 0; i < 400; ++i) {
    JobReport j;
    j.name = "job @octocat <img src=x> " + std::to_string(i);
    j.url = "https://github.com/o/r/actions/runs/7/job/" + std::to_string(i);
    Finding f;
    f.category = "tests";
    f.title = "tests failed";
    f.summary = "summary";
    f.evidence.push_back({10, "``` @admin <script>alert(1)</script> " + std::string(100, 'x')});
    f.remedies = {"fix it"};
    f.location = Location{"src/`@octocat <b>`.py", 3};  // a path from the log: no code span to break out of
    f.fields["test_ids"] = std::vector<std::string>{"test_" + std::to_string(i)};  // 400 distinct failures
    j.findings.push_back(f);
    report.jobs.push_back(j);
  }
  const std::string marker = sticky_marker(run.workflow);
  BOOST_TEST(marker.find("-->", 4) == marker.size() - 3);  // the name cannot close the comment early
  const std::string body = render_pr_comment(report, marker);
  BOOST_TEST(body.rfind(marker, 0) == 0u);
  BOOST_TEST(body.size() < 65536u);
  BOOST_TEST(body.find("more failure(s) in the run's job summary") != std::string::npos);
  BOOST_TEST(body.find("@octocat") == std::string::npos);  // no mention outside code
  BOOST_TEST(body.find("<img") == std::string::npos);
  BOOST_TEST(body.find("````text") != std::string::npos);  // fence longer than the backticks inside
  const std::string summary = render_github_summary(report, 20000);
  BOOST_TEST(summary.size() <= 20000u);
  BOOST_TEST(summary.find("left out to keep the summary") != std::string::npos);
  BOOST_TEST(summary.find("@octocat") == std::string::npos);
  BOOST_TEST(summary.find("<b>") == std::string::npos);

  // The same failure in all 400 jobs: one section, the other jobs linked up to a bound.
  for (auto& j : report.jobs) j.findings.front().fields.erase("test_ids");
  report.groups.clear();
  const std::string one = render_pr_comment(report, marker);
  BOOST_TEST(one.find("1 distinct failure in 400 failed jobs") != std::string::npos);
  BOOST_TEST(one.find("**Failed the same way** (399 more jobs)") != std::string::npos);
  BOOST_TEST(one.find("_+387 more in the job summary_") != std::string::npos);
  BOOST_TEST(one.size() < 12000u);
}

BOOST_AUTO_TEST_CASE(annotations_rank_root_causes_across_jobs) {
  Report report;
  for (int i = 0; i < 3; ++i) {
    JobReport j;
    j.name = "job" + std::to_string(i);
    for (int k = 0; k < 12; ++k) {
      Finding f;
      f.title = "f" + std::to_string(k);
      f.category = k == 0 ? "root" : "other";
      j.findings.push_back(f);
    }
    report.jobs.push_back(j);
  }
  std::ostringstream out;
  write_run_annotations(report, out, 10);
  const std::string s = out.str();
  std::size_t lines = 0, roots = 0;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) {
    ++lines;
    if (lines <= 3 && line.find("%3A f0::") != std::string::npos) ++roots;
  }
  BOOST_TEST(lines == 10u);  // the runner attaches 10 errors per step
  BOOST_TEST(roots == 3u);   // every job's root cause comes first
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_suggestions)

namespace {
Patch golden_patch(const std::string& dir) {
  Patch p;
  p.file = "pyproject.toml";
  p.diff = read("tests/patches/" + dir + "/expected.patch");
  p.rationale = "add the distribution";
  p.confidence = 0.9;
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_insertion_anchors_on_the_line_before) {
  const auto s = suggestions_from_patch(golden_patch("pep621"));
  BOOST_REQUIRE_EQUAL(s.size(), 1u);
  BOOST_TEST(s[0].path == "pyproject.toml");
  BOOST_TEST(s[0].start_line == 11);  // "click>=8.1",  # CLI
  BOOST_TEST(s[0].line == 11);
  BOOST_REQUIRE_EQUAL(s[0].replacement.size(), 2u);
  BOOST_TEST(s[0].replacement[0] == s[0].original[0]);
  BOOST_TEST(s[0].replacement[1] == "    \"python-dateutil\",");
  const std::string body = suggestion_body(s[0], golden_patch("pep621"));
  BOOST_TEST(body.find("```suggestion\n    \"click>=8.1\",  # CLI\n    \"python-dateutil\",\n```") !=
             std::string::npos);
  BOOST_TEST(body.rfind(suggestion_marker(s[0]), 0) == 0u);
}

BOOST_AUTO_TEST_CASE(only_lines_of_the_pr_diff_with_the_same_text) {
  const auto s = suggestions_from_patch(golden_patch("pep621"));
  BOOST_REQUIRE_EQUAL(s.size(), 1u);
  // The PR added the click line: line 11 is on the right side of its diff.
  const auto in_diff = right_side_lines(
      "@@ -8,5 +8,6 @@ requires-python\n [project]\n-x\n dependencies = [\n     \"attrs>=22.1\",\n+    "
      "\"click>=8.1\",  # CLI\n     \"six\"\n");
  BOOST_TEST(in_diff.at(11).first == "    \"click>=8.1\",  # CLI");
  BOOST_TEST(fits_pr_diff(s[0], in_diff));
  // Another text at that line (the PR changed it since), or a line outside the diff: no suggestion.
  const auto changed =
      right_side_lines("@@ -8,3 +8,4 @@\n [project]\n dependencies = [\n     \"attrs\",\n+    \"click\",\n");
  BOOST_TEST(!fits_pr_diff(s[0], changed));
  const auto elsewhere = right_side_lines("@@ -1,2 +1,3 @@\n [build-system]\n+requires = []\n x\n");
  BOOST_TEST(!fits_pr_diff(s[0], elsewhere));
}

BOOST_AUTO_TEST_CASE(a_new_file_cannot_be_suggested) {
  Patch p;
  p.diff = "--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,2 @@\n+.git\n+node_modules\n";
  BOOST_TEST(suggestions_from_patch(p).empty());
}

BOOST_AUTO_TEST_SUITE_END()
