// `ci-triage github` as a whole, over GitHub in memory (tests/unit/github/
// fake_github.h): which jobs it reads, what the summary, outputs, JSON report,
// annotations and the sticky comment say, how it degrades, and how it behaves
// outside Actions. The transport itself (retries, rate limits, token scope on
// the wire, proxies, stalls) is tested end to end in tests/github.
#include "app/github_command.h"

#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#include "core/json.h"
#include "github/fake_github.h"
#include "test_support.h"

namespace unit_app_github_command_test {

using namespace ci_triage;
using ci_triage::testing::FakeGitHub;
using ci_triage::testing::TempDir;

namespace {

constexpr std::uint64_t kUnit = 54321000001, kDeps = 54321000002, kSelf = 54321000003;
const std::string kToken = "ghs_CiTriageUnitT0kenNeverPrintMe0123456789";

struct Run {
  int rc = 0;
  std::string out, err, summary, output, report_text;
  rapidjson::Document report;
  std::vector<std::string> lines() const {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) v.push_back(l);
    return v;
  }
  /// ci-triage's own warnings (not annotations of findings).
  std::vector<std::string> warnings() const {
    std::vector<std::string> v;
    for (const auto& l : lines())
      if (l.rfind("::warning title=ci-triage::", 0) == 0) v.push_back(l);
    return v;
  }
  std::vector<std::string> annotations() const {
    std::vector<std::string> v;
    for (const auto& l : lines())
      if (std::regex_search(l, std::regex("^::(error|warning|notice) ")) &&
          l.find("title=ci-triage::") == std::string::npos)
        v.push_back(l);
    return v;
  }
  std::string output_value(const std::string& key) const {
    std::smatch m;
    return std::regex_search(output, m, std::regex("(^|\n)" + key + "=([^\n]*)")) ? m[2].str() : "<none>";
  }
};

// The basic scenario: `unit-tests` failed (a real pytest log), `deps` passed,
// and `ci-triage` is this job, still running; PR #42 has one human comment.
struct Fixture {
  FakeGitHub gh;
  TempDir dir;
  std::map<std::string, std::string> env;
  std::string event = R"({"number":42,"pull_request":{"number":42,"head":{"ref":"fix-crypto-import",
    "sha":"6dcb09b5b57875f334f61aebed695e2e4193db5e","repo":{"full_name":"octo-org/octo-repo",
    "owner":{"login":"octo-org"}}}}})";

  Fixture() {
    gh.failed_job(kUnit, "unit-tests", "dev-imports-crypto.log");
    gh.passed_job(kDeps, "deps");
    auto& self = gh.passed_job(kSelf, "ci-triage");
    self.status = "in_progress";
    gh.comments.push_back({2512345600001, "Looks good to me once CI passes."});
    env = {{"GITHUB_ACTIONS", "true"},
           {"GITHUB_REPOSITORY", FakeGitHub::kRepo},
           {"GITHUB_RUN_ID", std::to_string(FakeGitHub::kRun)},
           {"GITHUB_RUN_ATTEMPT", "1"},
           {"GITHUB_API_URL", FakeGitHub::kApi},
           {"GITHUB_SERVER_URL", "https://github.com"},
           {"GITHUB_WORKFLOW", "CI"},
           {"GITHUB_EVENT_NAME", "pull_request"},
           {"GITHUB_SHA", "0000000000000000000000000000000000000000"},
           {"GITHUB_TOKEN", kToken},
           {"CI_TRIAGE_CHECK_RUN_ID", std::to_string(kSelf)}};
  }

  Run run(std::vector<std::string> args = {}, std::map<std::string, std::string> over = {}) {
    Run r;
    const std::string tag = std::to_string(++runs_);
    auto e = env;
    e["GITHUB_STEP_SUMMARY"] = dir.write("summary" + tag + ".md", "");
    e["GITHUB_OUTPUT"] = dir.write("output" + tag, "");
    std::filesystem::create_directories(dir.root / ("temp" + tag));
    std::filesystem::create_directories(dir.root / ("workspace" + tag));
    e["RUNNER_TEMP"] = (dir.root / ("temp" + tag)).string();
    e["GITHUB_WORKSPACE"] = (dir.root / ("workspace" + tag)).string();
    e["GITHUB_EVENT_PATH"] = dir.write("event" + tag + ".json", event);
    for (auto& [k, v] : over) {
      if (v == "<unset>")
        e.erase(k);
      else
        e[k] = v;
    }
    std::ostringstream out, err;
    r.rc = github_command(args, out, err, ci_triage::testing::env_of(e), &gh.transport());
    r.out = out.str();
    r.err = err.str();
    r.summary = dir.read("summary" + tag + ".md");
    r.output = dir.read("output" + tag);
    const std::string path = r.output_value("report-path");
    if (path != "<none>" && std::filesystem::exists(path)) {
      r.report_text = dir.read(std::filesystem::relative(path, dir.root).string());
      BOOST_TEST(json::parse(r.report, r.report_text).empty());
    }
    return r;
  }
  std::size_t requests(const std::string& method, const std::string& url_regex) const {
    return gh_fake().made(method, url_regex).size();
  }
  const ci_triage::testing::FakeTransport& gh_fake() const { return const_cast<FakeGitHub&>(gh).fake(); }

 private:
  int runs_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(github_command)

BOOST_AUTO_TEST_CASE(reads_the_failed_jobs_only_and_never_its_own_log) {
  Fixture f;
  const Run r = f.run();
  BOOST_TEST(r.rc == 0);
  BOOST_TEST(f.requests("GET", "/actions/jobs/54321000001/logs$") == 1u);
  BOOST_TEST(f.requests("GET", "/actions/jobs/5432100000[23]/logs$") == 0u);
  BOOST_TEST(f.requests("GET", "/attempts/1/jobs\\?per_page=100$") == 1u);
  // Without the check run id, ci-triage's job is found by its runner.
  Fixture g;
  g.gh.jobs[2].runner_name = "GitHub Actions 7";
  g.run({}, {{"CI_TRIAGE_CHECK_RUN_ID", "<unset>"}, {"RUNNER_NAME", "GitHub Actions 7"}});
  BOOST_TEST(g.requests("GET", "/actions/jobs/54321000003/logs$") == 0u);
}

BOOST_AUTO_TEST_CASE(summary_outputs_and_json_report) {
  Fixture f;
  f.gh.failed_job(54321000004, "lint (mypy --strict)", "dev-mypy-union-attr-strict.log");
  const Run r = f.run();
  BOOST_TEST(r.summary.rfind("## ci-triage: 2 failed jobs in [CI run 19123456789](", 0) == 0u,
             r.summary.substr(0, 200));
  BOOST_TEST(r.summary.find("unit-tests") != std::string::npos);
  BOOST_TEST(r.summary.find("mypy") != std::string::npos);
  BOOST_TEST(r.summary.find("deps") == std::string::npos);  // a green job gets no section
  BOOST_TEST(r.summary.find("- [ ] ") != std::string::npos);
  BOOST_TEST(r.summary.find("Crypto") != std::string::npos);
  BOOST_TEST(r.output_value("primary-category") == "imports");
  BOOST_TEST(r.output_value("report-path") == (f.dir.root / "temp1" / "ci-triage-report.json").string());
  BOOST_TEST(r.output_value("sarif-path").empty());
  BOOST_REQUIRE(r.report.IsObject());
  BOOST_TEST(std::string(r.report["schema"].GetString()) == "ci-triage/report@1");
  std::size_t findings = 0;
  for (const auto& j : r.report["jobs"].GetArray()) findings += j["findings"].Size();
  BOOST_TEST(r.output_value("findings-count") == std::to_string(findings));
  BOOST_TEST(r.report["run"]["pull_request"].GetInt() == 42);
  BOOST_TEST(r.report["run"]["jobs_total"].GetInt() == 4);
  // Evidence links point at the API's step number and the line within the step.
  BOOST_TEST(r.summary.find("/job/54321000001#step:4:31") != std::string::npos);
  // --json and --no-summary.
  const Run own = f.run({"--json", (f.dir.root / "mine.json").string(), "--no-summary"});
  BOOST_TEST(own.output_value("report-path") == (f.dir.root / "mine.json").string());
  BOOST_TEST(std::filesystem::exists(f.dir.root / "mine.json"));
  BOOST_TEST(own.summary.empty());
}

BOOST_AUTO_TEST_CASE(evidence_links_follow_the_api_step_numbers) {
  Fixture f;  // numbers with a gap: log step k is API step k+2 after the first
  std::string steps = FakeGitHub::derive_steps(f.gh.jobs[0].log, "failure");
  for (int n = 9; n >= 2; --n)
    steps = std::regex_replace(steps, std::regex("\"number\":" + std::to_string(n) + ","),
                               "\"number\":" + std::to_string(n + 2) + ",");
  f.gh.jobs[0].steps_json = steps;
  BOOST_TEST(f.run().summary.find("/job/54321000001#step:6:31") != std::string::npos);
  // A step skipped by its `if:` is listed but wrote no log: the failing step is 5.
  Fixture g;
  std::string with_skip = FakeGitHub::derive_steps(g.gh.jobs[0].log, "failure");
  for (int n = 9; n >= 4; --n)
    with_skip = std::regex_replace(with_skip, std::regex("\"number\":" + std::to_string(n) + ","),
                                   "\"number\":" + std::to_string(n + 1) + ",");
  with_skip.insert(
      1, R"({"number":4,"name":"Run choco install openssl","status":"completed","conclusion":"skipped"},)");
  g.gh.jobs[0].steps_json = with_skip;
  BOOST_TEST(g.run().summary.find("/job/54321000001#step:5:31") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(stdout_holds_only_workflow_commands_and_the_token_is_masked_first) {
  Fixture f;
  f.gh.failed_job(54321000006, "build (linux-jammy-py3.10-gcc11)", "peer-pytorch-compile_error.log");
  f.gh.failed_job(54321000007, "pr-sanity-checks", "peer-pytorch-pr_sanity_exit_code_only.log");
  const Run r = f.run({"--comment", "always"});
  const auto lines = r.lines();
  BOOST_REQUIRE(!lines.empty());
  BOOST_TEST(lines[0] == "::add-mask::" + kToken);
  for (const auto& l : lines) {
    BOOST_TEST(std::regex_search(l, std::regex("^::(add-mask|error|warning|notice)( [^:]*)?::")), l);
    BOOST_TEST(l.find("##[") == std::string::npos, l);
  }
  BOOST_TEST(r.out.substr(lines[0].size()).find(kToken) == std::string::npos);
  BOOST_TEST(r.err.find(kToken) == std::string::npos);
  BOOST_TEST(r.summary.find(kToken) == std::string::npos);
  BOOST_TEST(r.report_text.find(kToken) == std::string::npos);
  for (const auto& c : f.gh.comments) BOOST_TEST(c.body.find(kToken) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_sticky_comment_over_reruns_resolved_when_green) {
  Fixture f;
  for (int i = 0; i < 3; ++i) f.run();
  BOOST_REQUIRE_EQUAL(f.gh.sticky().size(), 1u);
  const auto comment = f.gh.sticky()[0];
  BOOST_TEST(comment.body.rfind("<!-- ci-triage:sticky workflow=\"CI\" -->\n", 0) == 0u);
  BOOST_TEST(comment.body.size() <= 65536u);
  BOOST_TEST(f.requests("POST", "/issues/42/comments$") == 1u);
  BOOST_TEST(f.gh.comments[0].body == "Looks good to me once CI passes.");
  // The run goes green: the same comment says so.
  f.gh.jobs[0].conclusion = "success";
  const Run green = f.run();
  BOOST_REQUIRE_EQUAL(f.gh.sticky().size(), 1u);
  BOOST_TEST(f.gh.sticky()[0].id == comment.id);
  BOOST_TEST(f.gh.sticky()[0].body.find("resolved") != std::string::npos);
  BOOST_TEST(green.output_value("primary-category") == "none");
  BOOST_TEST(green.output_value("findings-count") == "0");
}

BOOST_AUTO_TEST_CASE(a_green_run_posts_nothing_unless_always) {
  Fixture f;
  f.gh.jobs[0].conclusion = "success";
  f.run();
  BOOST_TEST(f.requests("POST", "") == 0u);
  f.run({"--comment", "always"});
  BOOST_TEST(f.gh.sticky().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_job_list_that_fails_never_touches_the_comment) {
  Fixture f;
  f.run();
  const std::string before = f.gh.sticky().at(0).body;
  f.gh.can_read_actions = false;
  const Run r = f.run();
  BOOST_TEST(f.gh.sticky().at(0).body == before);
  BOOST_TEST(r.summary.rfind("## ci-triage: could not triage", 0) == 0u);
  BOOST_REQUIRE_EQUAL(r.warnings().size(), 1u);
  BOOST_TEST(r.warnings()[0].find("actions=read") != std::string::npos);
  f.gh.can_read_actions = true;
  f.gh.faults["/attempts/\\d+/jobs"] = {testing::reply(200, "{\"jobs\": [")};
  const Run bad_json = f.run();
  BOOST_TEST(bad_json.rc == 0);
  BOOST_TEST(bad_json.warnings().size() == 1u);
  BOOST_TEST(f.gh.sticky().at(0).body == before);
}

BOOST_AUTO_TEST_CASE(comment_never_makes_no_comment_requests) {
  Fixture f;
  const Run r = f.run({"--comment", "never"});
  BOOST_TEST(f.requests("", "/issues/|/pulls|/commits/") == 0u);
  BOOST_TEST(!r.summary.empty());
}

BOOST_AUTO_TEST_CASE(a_token_that_may_not_write_gives_one_notice_and_keeps_everything_else) {
  Fixture f;
  f.gh.can_write = false;
  const Run r = f.run();
  BOOST_TEST(f.gh.sticky().empty());
  BOOST_TEST(f.requests("POST", "/issues/42/comments$") == 1u);  // a 403 is not retried
  BOOST_REQUIRE_EQUAL(r.warnings().size(), 1u);
  BOOST_TEST(r.warnings()[0].find("pull-requests: write") != std::string::npos);
  BOOST_TEST(!r.annotations().empty());
  BOOST_TEST(r.summary.find("unit-tests") != std::string::npos);
  BOOST_TEST(r.summary.find("pull-requests: write") != std::string::npos);  // the summary says why
  BOOST_TEST(r.report_text.find("pull-requests: write") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_a_token_the_public_run_is_read_and_no_comment_is_tried) {
  Fixture f;
  const Run r = f.run({}, {{"GITHUB_TOKEN", "<unset>"}});
  BOOST_TEST(r.out.find("::add-mask::") == std::string::npos);
  BOOST_TEST(r.summary.find("Crypto") != std::string::npos);
  BOOST_TEST(f.requests("POST", "") == 0u);
  BOOST_REQUIRE_EQUAL(r.warnings().size(), 1u);
  BOOST_TEST(r.warnings()[0].find("GITHUB_TOKEN is not set") != std::string::npos);
  BOOST_TEST(r.summary.find("TOKEN is not set") != std::string::npos);  // the summary says why
  BOOST_TEST(r.report_text.find("GITHUB_TOKEN is not set") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_pull_request_of_a_push_or_a_forks_workflow_run) {
  Fixture push;
  push.env["GITHUB_EVENT_NAME"] = "push";
  push.env["GITHUB_SHA"] = FakeGitHub::kHeadSha;
  push.event = std::string(R"({"after":")") + FakeGitHub::kHeadSha + R"(","head_commit":{"id":")" +
               FakeGitHub::kHeadSha + "\"}}";
  push.run();
  BOOST_TEST(push.requests("GET", std::string("/commits/") + FakeGitHub::kHeadSha + "/pulls$") == 1u);
  BOOST_TEST(push.gh.sticky().size() == 1u);
  Fixture fork;
  fork.env["GITHUB_EVENT_NAME"] = "workflow_run";
  fork.env["GITHUB_WORKFLOW"] = "ci-triage";
  fork.event =
      std::string(R"({"workflow_run":{"id":19123456789,"name":"CI","run_attempt":1,"head_sha":")") +
      FakeGitHub::kHeadSha +
      R"(","head_branch":"patch-1","pull_requests":[],"head_repository":{"full_name":"contributor/octo-repo","owner":{"login":"contributor"}}}})";
  fork.run();
  BOOST_TEST(fork.requests("GET", "/pulls\\?state=open&per_page=100&head=contributor:patch-1$") == 1u);
  BOOST_REQUIRE_EQUAL(fork.gh.sticky().size(), 1u);
  // The sticky key is the triaged workflow's name, not the triaging one's.
  BOOST_TEST(fork.gh.sticky()[0].body.rfind("<!-- ci-triage:sticky workflow=\"CI\" -->", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(expired_logs_are_report_lines_not_errors) {
  for (int status : {410, 404}) {
    Fixture f;
    f.gh.failed_job(54321000004, "lint (mypy --strict)", "dev-mypy-union-attr-strict.log").log_status =
        status;
    const Run r = f.run({"--fail-on-error"});
    BOOST_TEST(r.rc == 0);  // not ci-triage's failure
    BOOST_TEST(r.summary.find("no longer available") != std::string::npos);
    BOOST_TEST(r.summary.find("unit-tests") != std::string::npos);
    BOOST_TEST(r.warnings().empty());
  }
}

BOOST_AUTO_TEST_CASE(ci_triage_as_a_step_of_the_failing_job_says_how_to_set_it_up) {
  Fixture f;
  f.gh.jobs[2].status = "completed";  // drop the separate ci-triage job
  f.gh.jobs.pop_back();
  auto& unit = f.gh.jobs[0];
  unit.status = "in_progress";
  unit.steps_json = R"([{"number":1,"name":"Set up job","status":"completed","conclusion":"success"},
    {"number":2,"name":"Run pytest","status":"completed","conclusion":"failure"},
    {"number":3,"name":"Run ci-triage github","status":"in_progress","conclusion":null}])";
  const Run r = f.run({}, {{"CI_TRIAGE_CHECK_RUN_ID", std::to_string(kUnit)}});
  BOOST_TEST(f.requests("GET", "/logs$") == 0u);
  BOOST_REQUIRE_EQUAL(r.warnings().size(), 1u);
  BOOST_TEST(r.warnings()[0].find("workflow_run") != std::string::npos);
  BOOST_TEST(r.warnings()[0].find("needs:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(comment_and_summary_stay_under_githubs_limits) {
  Fixture f;
  f.gh.jobs.clear();
  const char* logs[] = {"dev-imports-crypto.log", "dev-mypy-union-attr-strict.log",
                        "dev-tests-zero-division-tb-short.log", "dev-deps-hash-mismatch.log",
                        "dev-coverage-report-skip-covered.log"};
  for (int i = 0; i < 150; ++i)
    f.gh.failed_job(54325000001 + i, "matrix leg " + std::to_string(i), logs[i % 5]);
  const Run r = f.run();
  BOOST_TEST(f.requests("GET", "/actions/jobs/\\d+/logs$") == 150u);
  BOOST_TEST(r.summary.size() <= 1024u * 1024u);
  BOOST_REQUIRE_EQUAL(f.gh.sticky().size(), 1u);
  const std::string body = f.gh.sticky()[0].body;
  BOOST_TEST(body.size() <= 65536u);
  BOOST_TEST(std::regex_search(body, std::regex("\\+ ?\\d+ more")));
}

BOOST_AUTO_TEST_CASE(a_failed_deployment_comment_has_the_escalation_block) {
  Fixture f;
  f.gh.failed_job(54321000005, "deploy (production)", "pods-not-ready-insufficient-cpu.log");
  f.run();
  const std::string body = f.gh.sticky().at(0).body;
  BOOST_TEST(body.find("Escalation") != std::string::npos);
  BOOST_TEST(body.find("https://github.com/octo-org/octo-repo/actions/runs/19123456789") !=
             std::string::npos);
  BOOST_TEST(body.find("shop-prod") != std::string::npos);
}

// The repository's .github/ci-triage.yml: a workspace of its own (over = GITHUB_WORKSPACE).
std::string workspace_with_config(Fixture& f, const std::string& name, const std::string& yml) {
  f.dir.write(name + "/.github/ci-triage.yml", yml);
  return (f.dir.root / name).string();
}

BOOST_AUTO_TEST_CASE(config_file_turns_the_escalation_off_and_names_contacts) {
  Fixture f;
  f.gh.failed_job(54321000005, "deploy (production)", "pods-not-ready-insufficient-cpu.log");
  const std::string off = workspace_with_config(f, "ws-off", "escalation:\n  enabled: false\n");
  f.run({}, {{"GITHUB_WORKSPACE", off}});
  BOOST_TEST(f.gh.sticky().at(0).body.find("CI/CD Issue Escalation") == std::string::npos);
  const std::string with = workspace_with_config(
      f, "ws-contacts",
      "escalation:\n  contacts: [\"On-call: on-call@example.com\"]\n  request: Page the on-call\n");
  f.run({}, {{"GITHUB_WORKSPACE", with}});
  const std::string body = f.gh.sticky().at(0).body;
  BOOST_TEST(body.find("CI/CD Issue Escalation") != std::string::npos);
  BOOST_TEST(body.find("- On-call: on-call@example.com") != std::string::npos);
  BOOST_TEST(body.find("**Request**: Page the on-call") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(config_comment_mode_yields_to_the_flag) {
  Fixture f;
  const std::string ws = workspace_with_config(f, "ws-never", "comment: never\n");
  f.run({}, {{"GITHUB_WORKSPACE", ws}});
  BOOST_TEST(f.gh.sticky().empty());
  f.run({"--comment", "auto"}, {{"GITHUB_WORKSPACE", ws}});
  BOOST_TEST(f.gh.sticky().size() == 1u);
}

BOOST_AUTO_TEST_CASE(config_disables_a_rule_and_ignores_annotation_paths) {
  Fixture f;
  const std::string ws =
      workspace_with_config(f, "ws-disable", "rules:\n  disable: [python-module-not-found]\n");
  const Run r = f.run({}, {{"GITHUB_WORKSPACE", ws}});
  BOOST_TEST(r.report_text.find("\"rule\": \"python-module-not-found\"") == std::string::npos);
  BOOST_TEST(r.warnings().empty());
}

BOOST_AUTO_TEST_CASE(a_broken_config_file_never_fails_the_step) {
  Fixture f;
  const std::string ws = workspace_with_config(f, "ws-broken", "rules:\n  disabel: [x]\n");
  const Run r = f.run({"--fail-on-error"}, {{"GITHUB_WORKSPACE", ws}});
  BOOST_TEST(r.rc == 0);  // not even with --fail-on-error: the run itself did not degrade
  BOOST_REQUIRE_EQUAL(r.warnings().size(), 1u);
  BOOST_TEST(r.warnings()[0].find(".github/ci-triage.yml:2: rules: unknown key \"disabel\" (did you mean "
                                  "\"disable\"?)") != std::string::npos);
  BOOST_TEST(r.summary.find("The config file was ignored") != std::string::npos);
  BOOST_TEST(r.report_text.find("The config file was ignored") != std::string::npos);
  BOOST_TEST(f.gh.sticky().size() == 1u);  // the defaults: the comment is posted
  // An unknown rule id degrades the same way.
  const std::string ws2 = workspace_with_config(f, "ws-unknown", "rules: {disable: [no-such-rule]}\n");
  const Run r2 = f.run({}, {{"GITHUB_WORKSPACE", ws2}});
  BOOST_TEST(r2.rc == 0);
  BOOST_TEST(r2.report_text.find("unknown rules.disable: rule id or category") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(annotations_within_budget) {
  Fixture f;
  for (int i = 0; i < 12; ++i)
    f.gh.failed_job(54326000001 + i, "leg " + std::to_string(i),
                    i % 2 ? "dev-mypy-union-attr-strict.log" : "dev-imports-crypto.log");
  const Run r = f.run();
  const auto ann = r.annotations();
  BOOST_TEST(!ann.empty());
  BOOST_TEST(ann.size() <= 50u);
  for (const char* kind : {"::error", "::warning", "::notice"}) {
    std::size_t n = 0;
    for (const auto& a : ann) n += a.rfind(kind, 0) == 0;
    BOOST_TEST(n <= 10u);
  }
  for (const auto& a : ann) BOOST_TEST(a.find("title=") != std::string::npos);
  BOOST_TEST(f.run({"--max-annotations", "3"}).annotations().size() <= 3u);
  BOOST_TEST(f.run({"--no-annotations"}).annotations().empty());
}

BOOST_AUTO_TEST_CASE(patches_on_lines_of_the_pr_diff_become_one_suggestion) {
  Fixture f;
  f.gh.jobs[0].log = ci_triage::testing::source_file("tests/patches/pep621/job.log");
  const std::string hunk =
      "@@ -8,5 +8,6 @@ version = \"0.3.0\"\n requires-python = \">=3.10\"\n dependencies = [\n"
      "     \"attrs>=22.1\",\n+    \"click>=8.1\",  # CLI\n     \"six\"\n ]\n";
  f.gh.pr_files_json = R"([{"filename":"pyproject.toml","patch":)" + github::json_string(hunk) + "}]";
  const std::string repo = std::string(CI_TRIAGE_SOURCE_DIR) + "/tests/patches/pep621/repo";
  for (int i = 0; i < 2; ++i) f.run({"--repo-root", repo});  // a rerun posts nothing new
  BOOST_REQUIRE_EQUAL(f.gh.review_comments.size(), 1u);
  BOOST_TEST(f.gh.review_comments[0].body.find(
                 "```suggestion\n    \"click>=8.1\",  # CLI\n    \"python-dateutil\",\n```") !=
             std::string::npos);
  const auto posts = f.gh_fake().made("POST", "/pulls/42/comments$");
  BOOST_TEST(posts.at(0).body.find(R"("commit_id":"6dcb09b5b57875f334f61aebed695e2e4193db5e")") !=
             std::string::npos);
  BOOST_TEST(f.gh.sticky().at(0).body.find("suggestion on the PR") != std::string::npos);
  BOOST_TEST(f.gh.sticky().at(0).body.find("```diff") == std::string::npos);
  // A PR that changed another part of the file: the comment and summary keep the diff.
  Fixture g;
  g.gh.jobs[0].log = f.gh.jobs[0].log;
  g.gh.pr_files_json =
      R"([{"filename":"pyproject.toml","patch":"@@ -1,3 +1,4 @@\n [build-system]\n+# x\n y\n"}])";
  const Run r = g.run({"--repo-root", repo});
  BOOST_TEST(g.gh.review_comments.empty());
  BOOST_TEST(g.gh.sticky().at(0).body.find("```diff") != std::string::npos);
  BOOST_TEST(r.summary.find("```diff") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sarif_report_with_the_failed_step_located_in_the_workflow) {
  Fixture f;
  TempDir repo;
  repo.write(".github/workflows/ci.yml",
             "on: pull_request\njobs:\n  unit-tests:\n    runs-on: ubuntu-22.04\n    steps:\n"
             "      - uses: actions/checkout@v4\n      - run: python -m pytest -x tests/\n");
  const std::string sarif = (f.dir.root / "ci.sarif").string();
  const Run r =
      f.run({"--sarif", sarif, "--repo-root", repo.root.string()},
            {{"GITHUB_WORKFLOW_REF", "octo-org/octo-repo/.github/workflows/ci.yml@refs/pull/42/merge"}});
  BOOST_TEST(r.output_value("sarif-path") == sarif);
  rapidjson::Document d;
  const std::string text = f.dir.read("ci.sarif");
  BOOST_REQUIRE(json::parse(d, text).empty());
  BOOST_REQUIRE(d.IsObject());
  BOOST_TEST(std::string(d["version"].GetString()) == "2.1.0");
  BOOST_TEST(d["runs"][0]["results"].Size() >= 1u);
  // Unwritable: one warning, the rest as usual.
  const Run bad = f.run({"--sarif", "/nonexistent/dir/x.sarif"});
  BOOST_TEST(bad.output_value("sarif-path").empty());
  BOOST_TEST(bad.warnings().size() == 1u);
}

BOOST_AUTO_TEST_CASE(outside_actions_a_text_report_for_a_person) {
  Fixture f;
  f.env.erase("GITHUB_ACTIONS");
  f.env.erase("GITHUB_TOKEN");
  f.env["GH_TOKEN"] = kToken;
  const Run r = f.run();
  BOOST_TEST(r.rc == 0);
  for (const auto& l : r.lines()) BOOST_TEST(l.rfind("::", 0) != 0u, l);  // no workflow commands
  BOOST_TEST(r.out.find("unit-tests: failed") != std::string::npos);
  BOOST_TEST(r.out.find(kToken) == std::string::npos);
  BOOST_TEST(r.err.find(kToken) == std::string::npos);
  BOOST_TEST(r.summary.empty());  // no files unless asked
  BOOST_TEST(r.output.empty());
  BOOST_TEST(std::filesystem::is_empty(f.dir.root / "temp1"));
  BOOST_TEST(f.requests("", "/issues/|/pulls") == 0u);               // no comment unless asked
  BOOST_TEST(f.gh_fake().made("GET", "/jobs\\?").at(0).authorized);  // GH_TOKEN is used
  // Asked for: a JSON report and the comment.
  const std::string json = (f.dir.root / "local.json").string();
  f.run({"--json", json, "--comment", "auto"});
  BOOST_TEST(std::filesystem::exists(json));
  BOOST_TEST(f.gh.sticky().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_app_github_command_test
