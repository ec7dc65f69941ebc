// diagnose() phase by phase, on small rule tables and job logs built from
// lines real tools print.
#include "diagnosis/diagnose.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "diagnosis/collector.h"
#include "log/log_parser.h"
#include "rules/compiled_rules.h"
#include "rules/rule_loader.h"

namespace unit_diagnosis_diagnose_test {

using namespace ci_triage;

namespace {

/// A job log: the runner preamble, then one `Run` step per entry: {command, output lines, exit code}
/// (exit code 0: the step passed).
struct StepSpec {
  std::string command;
  std::vector<std::string> output;
  int exit_code = 0;
};

std::string job_log(const std::vector<StepSpec>& steps, bool preamble = true) {
  std::string log;
  int t = 0;
  auto line = [&](const std::string& text) {
    log += "2026-01-28T12:00:" + std::string(t < 10 ? "0" : "") + std::to_string(t % 60) + ".0000000Z " +
           text + "\n";
    ++t;
  };
  if (preamble) {
    line("Current runner version: '2.329.0'");
    line("##[group]Operating System");
    line("Ubuntu");
    line("##[endgroup]");
  }
  for (const auto& s : steps) {
    line("##[group]Run " + s.command.substr(0, s.command.find('\n')));  // the runner shows the first line
    line(s.command);
    line("shell: /usr/bin/bash -e {0}");
    line("##[endgroup]");
    for (const auto& o : s.output) line(o);
    if (s.exit_code != 0)
      line("##[error]Process completed with exit code " + std::to_string(s.exit_code) + ".");
  }
  if (preamble) {
    line("Post job cleanup.");
    line("Cleaning up orphan processes");
  }
  return log;
}

std::string rules(const std::string& list) {
  return R"({"schema": "ci-triage/rules@1", "rules": [)" + list + "]}";
}

// A rule matching `pattern`, with optional extra JSON keys.
std::string rule(const std::string& id, const std::string& category, int priority, const std::string& pattern,
                 const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "category": ")" + category + R"(", "title": "t", "priority": )" +
         std::to_string(priority) + R"(, "patterns": [")" + pattern + "\"]" +
         (extra.empty() ? "" : ", " + extra) + "}";
}

const std::string kErrorLine = rule("error-line", "unknown", 0, "(?i)\\\\berror\\\\b");

Diagnosis run(const std::string& rules_json, const std::string& log) {
  RuleSet set;
  load_rules(rules_json, "test.json", set);
  CompiledRules compiled(std::move(set));
  Collector collector(compiled);
  LogParser parser;
  const BatchSink sink = [&](const Batch& b) { collector.scan(b); };
  parser.feed(log, sink);
  parser.finish(sink);
  return diagnose(compiled, collector, parser.model());
}

std::vector<std::string> ids(const Diagnosis& d) {
  std::vector<std::string> out;
  for (const auto& f : d.findings) out.push_back(f.rule);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(diagnose_phases)

BOOST_AUTO_TEST_CASE(derived_fields_take_the_first_alternative_with_a_value) {
  // Surefire's summary counts failures and errors apart; the failed count is their sum, and the
  // listed test ids only when no summary was printed.
  const std::string surefire =
      rules(rule("surefire", "tests", 50,
                 "^\\\\[ERROR\\\\] (?:Tests run: \\\\d+, Failures: (?P<failures>\\\\d+), Errors: "
                 "(?P<errors>\\\\d+)|  (?P<ids>\\\\S+))",
                 R"("fields": {"failures": "int", "errors": "int", "ids": "list"},
         "derive": {"failed_count": "sum:failures+errors|count:ids"})"));
  const Diagnosis summed = run(
      surefire, job_log({{"mvn test", {"[ERROR] Tests run: 3587, Failures: 0, Errors: 1, Skipped: 12"}, 1}}));
  BOOST_REQUIRE_EQUAL(summed.findings.size(), 1u);
  BOOST_TEST(std::get<double>(summed.findings[0].fields.at("failed_count")) == 1.0);
  const Diagnosis listed =
      run(surefire, job_log({{"mvn test", {"[ERROR]   FooTest.a:12", "[ERROR]   FooTest.b:30"}, 1}}));
  BOOST_REQUIRE_EQUAL(listed.findings.size(), 1u);
  BOOST_TEST(std::get<double>(listed.findings[0].fields.at("failed_count")) == 2.0);
}

BOOST_AUTO_TEST_CASE(a_list_derive_joins_both_names_of_a_failing_test) {
  // unittest names a failing test "test_x (mod.Class)"; a reader may know either form. The count
  // counts the printed tests, not the joined list.
  const std::string unittest =
      rules(rule("unittest", "tests", 50, "^FAIL: (?P<printed>\\\\w+ \\\\((?P<classes>[\\\\w.]+)\\\\))",
                 R"("fields": {"printed": "list", "classes": "list", "test_ids": "list"},
         "derive": {"failed_count": "count:printed", "test_ids": "list:printed+classes"})"));
  const Diagnosis d =
      run(unittest, job_log({{"python -m unittest",
                              {"FAIL: test_a (tests.test_x.XTest)", "FAIL: test_b (tests.test_x.XTest)"},
                              1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  const auto& joined = std::get<std::vector<std::string>>(d.findings[0].fields.at("test_ids"));
  BOOST_TEST(joined == (std::vector<std::string>{"test_a (tests.test_x.XTest)", "test_b (tests.test_x.XTest)",
                                                 "tests.test_x.XTest"}),
             boost::test_tools::per_element());
  BOOST_TEST(std::get<double>(d.findings[0].fields.at("failed_count")) == 2.0);
}

BOOST_AUTO_TEST_CASE(command_fields_of_a_transcript_come_from_its_last_command) {
  // A shell transcript's commands ran in order and stopped at the one that failed; a job's Run
  // block is not a transcript (its env: lines come after the script), so its first line wins.
  const std::string wait =
      rules(rule("wait-timeout", "pods-not-ready", 50, "^error: timed out waiting for the condition",
                 R"x("fields": {"timeout_seconds": "duration"},
         "fields_from_command": ["--timeout[= ](?P<timeout_seconds>\\d+[smh]?)"])x"));
  const Diagnosis plain =
      run(wait,
          "+ kubectl wait --timeout=90s --for=condition=Ready pods -l app=operator -n monitoring\n"
          "pod/prometheus-operator-5dfbf568d5-tkz5p condition met\n"
          "+ kubectl wait --timeout=180s --for=condition=Ready pods prometheus-k8s-0 -n monitoring\n"
          "error: timed out waiting for the condition on pods/prometheus-k8s-0\n");
  BOOST_REQUIRE_EQUAL(plain.findings.size(), 1u);
  BOOST_TEST(std::get<double>(plain.findings[0].fields.at("timeout_seconds")) == 180.0);
  const Diagnosis block = run(
      wait, job_log({{"kubectl wait --timeout=90s pods -l app=a\nkubectl wait --timeout=180s pods -l app=b",
                      {"error: timed out waiting for the condition on pods/a-1"},
                      1}}));
  BOOST_REQUIRE(!block.findings.empty());
  BOOST_TEST(std::get<double>(block.findings[0].fields.at("timeout_seconds")) == 90.0);
}

BOOST_AUTO_TEST_CASE(fields_past_the_quoted_lines_come_from_every_pattern) {
  // go test: twelve quoted lines fill up with one failing test's subtests; a later
  // `--- FAIL:` and `FAIL pkg` still add to the rule's lists (one pattern being full
  // does not stop the rule's other patterns).
  const std::string go = rules(R"({"id": "go", "category": "tests", "title": "t", "patterns": [
      "^\\s*--- FAIL: (?P<ids>\\S+) ", "(?P<file>\\w+_test\\.go):\\d+: ", "^FAIL\\t(?P<pkgs>\\S+)\\t"],
      "fields": {"ids": "list", "file": "string", "pkgs": "list"}})");
  std::vector<std::string> out{"--- FAIL: TestCopy (0.69s)"};
  for (int i = 0; i < 8; ++i) {
    out.push_back("    --- FAIL: TestCopy/" + std::to_string(i) + " (0.01s)");
    out.push_back("        fs_test.go:378: content mismatch");
  }
  out.push_back("FAIL\texample.com/fs\t5.9s");
  out.push_back("--- FAIL: TestTar (0.05s)");
  out.push_back("FAIL\texample.com/tekton\t1.5s");
  const Diagnosis d = run(go, job_log({{"go test ./...", out, 1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  const auto& ids = std::get<std::vector<std::string>>(d.findings[0].fields.at("ids"));
  BOOST_TEST((std::find(ids.begin(), ids.end(), "TestTar") != ids.end()));
  BOOST_TEST(std::get<std::vector<std::string>>(d.findings[0].fields.at("pkgs")).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_late_tally_takes_the_last_quoted_detail_line) {
  // ESLint: more problem lines than a finding quotes, then its own count: the count is quoted.
  const std::string eslint =
      rules(rule("eslint", "lint", 50,
                 "^(?:\\\\s+\\\\d+:\\\\d+\\\\s+error\\\\s|\\\\S+ (?P<count>\\\\d+) problems? \\\\()",
                 R"("fields": {"count": "int"})"));
  std::vector<std::string> out{"/w/src/a.ts"};
  for (int i = 1; i <= 20; ++i)
    out.push_back("  " + std::to_string(i) + ":3  error  Unexpected any  no-explicit-any");
  out.push_back("");
  out.push_back("\u2716 20 problems (20 errors, 0 warnings)");
  const Diagnosis d = run(eslint, job_log({{"npx eslint .", out, 1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  const auto& ev = d.findings[0].evidence;
  BOOST_REQUIRE_EQUAL(ev.size(), 12u);
  BOOST_TEST(ev.back().text.find("20 problems") != std::string::npos);
  BOOST_TEST(ev[10].text.find(" 11:3 ") != std::string::npos);  // the first eleven details stay, in order
}

BOOST_AUTO_TEST_CASE(filter_a_passed_job_has_no_error_findings) {
  const auto d =
      run(rules(rule("mod", "imports", 85, "ModuleNotFoundError")),
          job_log({{"python -c 'import yaml'", {"ModuleNotFoundError: No module named 'yaml'"}, 0}}));
  BOOST_TEST((d.status == JobStatus::kPassed));
  BOOST_TEST(d.findings.empty());
}

BOOST_AUTO_TEST_CASE(filter_when_command_on_plain_output_holds_against_its_text) {
  const std::string rules_json =
      rules(rule("promtool", "monitoring", 70, "^FAILED: (?P<message>.+)",
                 R"("when": {"command": "promtool\\s+check"}, "fields": {"message": "string"})"));
  // No step framing: the pasted command line is in the text, and the indented
  // FAILED line matches once its indentation is looked past.
  auto d = run(rules_json, "./promtool check config prometheus.yml\nChecking rules.yml\n  FAILED: bad\n");
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "promtool");
  BOOST_TEST(d.findings[0].confidence < 0.9);
  // The same output in a framed step whose command names another runbook area: no finding.
  const std::string with_context =
      rules_json.substr(0, rules_json.size() - 1) +
      R"(, "contexts": [{"id": "pytest", "category": "tests", "title": "t", "command": ["\\bpytest\\b"]}]})";
  d = run(with_context,
          job_log({{"pytest -q", {"./promtool check config prometheus.yml", "FAILED: bad"}, 1}}));
  BOOST_TEST(ids(d) == std::vector<std::string>{"inferred-failure"});  // the pytest step failed
  // A step whose command names nothing (a make target, a script: nobody sees into it) is
  // read as plain output is: what it printed says what ran.
  d = run(rules_json,
          job_log({{"make check", {"./promtool check config prometheus.yml", "  FAILED: bad"}, 1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "promtool");
  BOOST_TEST(d.findings[0].confidence < 0.9);
}

BOOST_AUTO_TEST_CASE(what_fails_inside_a_rollback_step_fails_the_rollback) {
  // A health check after `fab rollback` answering 503 (real Fabric + curl output), a time-out in
  // `timeout 45 ansible-playbook rollback.yml`: the rollback failed. The same check in a deploy
  // step stays a smoke test, a rollback's refused registry login stays registry-auth, and a
  // rollback that a deploy script merely prints (plain output) reframes nothing.
  const std::string rules_json =
      R"({"schema": "ci-triage/rules@1", "rules": [)" +
      rule("curl-http", "smoke-tests", 60, "^curl: \\\\(22\\\\) The requested URL returned error: 503",
           R"("when": {"command": "\\bcurl\\b"})") +
      "," + rule("login-refused", "registry-auth", 90, "unauthorized: authentication required") +
      R"(], "contexts": [{"id": "rollback-script", "category": "rollback", "frame": true, "title": "t",)"
      R"x( "command": ["(?:^|\\s)(?:[\\w.-]*/)*roll[-_]?back(?:[-_.][\\w.-]*)?(?:\\s|$)"]}]})x";
  const std::string failed_check = "curl: (22) The requested URL returned error: 503";
  auto d =
      run(rules_json, job_log({{"python3 -m fabric rollback --to=4.7.2", {"relinked", failed_check}, 22}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "curl-http");  // the step's output says what ran in it
  BOOST_TEST(d.findings[0].category == "rollback");
  BOOST_TEST(d.findings[0].context == "rollback-script");
  d = run(rules_json, job_log({{"./deploy.sh && curl -f https://app/healthz", {failed_check}, 22}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].category == "smoke-tests");
  d = run(rules_json, job_log({{"./scripts/rollback.sh", {"unauthorized: authentication required"}, 1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].category == "registry-auth");
  d = run(rules_json, "+ curl -f https://app/healthz\n>>> initiating rollback\n" + failed_check + "\n");
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].category == "smoke-tests");
  // A rollback the script runs only when the deploy failed (after `||`) leaves the deploy's
  // failure its own; a rollback with its own error handling is still the rollback.
  d = run(rules_json, job_log({{"./deploy.sh && curl -f https://app/healthz || ./scripts/rollback.sh",
                                {failed_check, "rolled back"},
                                22}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].category == "smoke-tests");
  // `||` after the rollback (its own error handling): the check inside it fails the rollback.
  d = run(rules_json,
          job_log({{"./scripts/rollback.sh && curl -f https://app/healthz || exit 22", {failed_check}, 22}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "curl-http");
  BOOST_TEST(d.findings[0].category == "rollback");
}

BOOST_AUTO_TEST_CASE(plain_output_takes_the_context_of_its_last_command) {
  // A job copied from the web UI is one block of plain output: its `Run` headers pile up in the
  // command block, and the one that failed is the last, not the checkout before it.
  const std::string r =
      rules(kErrorLine).substr(0, rules(kErrorLine).size() - 1) +
      R"(, "contexts": [{"id": "checkout", "category": "git", "title": "t", "uses": ["^actions/checkout@"]},)"
      R"( {"id": "flake8", "category": "lint", "title": "t", "command": ["\\bflake8\\b"]}]})";
  const auto d =
      run(r,
          "Run actions/checkout@v4\nSyncing repository: acme/api\nRun flake8 .\n"
          "./api/cron.py:1:1: F401 'sys' imported but unused\nError: Process completed with exit code 1.\n");
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "lint");
}

BOOST_AUTO_TEST_CASE(filter_a_finished_framed_excerpt_without_errors_passed) {
  // No runner preamble (an excerpt), but the runner reached the job's end with no ##[error].
  const auto d = run(rules(kErrorLine + ", " + rule("curl", "smoke-tests", 60, "Failed to connect")),
                     "##[group]Run curl --retry 5 http://localhost:4000/\ncurl --retry 5 "
                     "http://localhost:4000/\n##[endgroup]\ncurl: (7) Failed to connect: error\nok\n"
                     "Cleaning up orphan processes\n");
  BOOST_TEST((d.status == JobStatus::kPassed));
  BOOST_TEST(d.findings.empty());
}

BOOST_AUTO_TEST_CASE(filter_steps_before_the_first_failure_give_no_errors) {
  const auto d = run(
      rules(rule("mod", "imports", 85, "ModuleNotFoundError") + "," +
            rule("fail", "tests", 50, "^FAILED (?P<test_ids>\\\\S+)", R"("fields": {"test_ids": "list"})")),
      job_log({{"python -c 'import yaml'", {"ModuleNotFoundError: No module named 'yaml'"}, 0},
               {"pytest", {"FAILED tests/test_a.py::test_x - assert 1 == 2"}, 1}}));
  BOOST_TEST((d.status == JobStatus::kFailed));
  BOOST_TEST((ids(d) == std::vector<std::string>{"fail"}));
  BOOST_TEST(d.findings[0].step.number == 3);  // "Set up job", the passed step, then pytest
}

BOOST_AUTO_TEST_CASE(filter_when_command_must_match_the_step_command) {
  const std::string r =
      rules(rule("exit1", "lint", 40, "^##\\\\[error\\\\]Process completed with exit code 1",
                 R"("when": {"command": "flake8"})"));
  BOOST_TEST(
      run(r, job_log({{"flake8 .", {"./a.py:1:1: F401 'os' imported but unused"}, 1}})).findings[0].rule ==
      "exit1");
  BOOST_TEST(run(r, job_log({{"make", {"./a.py:1:1: F401 'os' imported but unused"}, 1}})).findings[0].rule ==
             "unrecognized-failure");
}

// `kubectl rollout status -l …` waits for several deployments one after another: the success
// line of one cancels the wait for that one only (a named group in not_step_text), and a wait
// that names no deployment is cancelled by any success line.
BOOST_AUTO_TEST_CASE(filter_a_named_not_step_text_cancels_only_the_finding_holding_its_value) {
  const std::string r = rules(rule("still-waiting", "pods-not-ready", 50,
                                   R"(^Waiting for (?:deployment \"(?P<deployment>[^\"]+)\" )?rollout)",
                                   R"x("fields": {"deployment": "string"},
         "when": {"not_step_text": ["^deployment \"(?P<deployment>[^\"]+)\" successfully rolled out$"]})x"));
  const std::string cmd = "kubectl rollout status deployment -l app=shop --timeout=90s";
  const auto waiting = [&](const std::vector<std::string>& out) { return run(r, job_log({{cmd, out, 1}})); };
  const Diagnosis other =
      waiting({"Waiting for deployment \"cart\" rollout to finish: 0 of 1 updated replicas are available...",
               "deployment \"web\" successfully rolled out"});
  BOOST_TEST(ids(other) == std::vector<std::string>{"still-waiting"}, boost::test_tools::per_element());
  const Diagnosis same =
      waiting({"Waiting for deployment \"cart\" rollout to finish: 0 of 1 updated replicas are available...",
               "deployment \"web\" successfully rolled out", "deployment \"cart\" successfully rolled out"});
  BOOST_TEST(ids(same) == std::vector<std::string>{"unrecognized-failure"}, boost::test_tools::per_element());
  const Diagnosis unnamed =
      waiting({"Waiting for rollout to finish: 0 of 1 updated replicas are available...",
               "deployment \"web\" successfully rolled out"});
  BOOST_TEST(ids(unnamed) == std::vector<std::string>{"unrecognized-failure"},
             boost::test_tools::per_element());
}

// `when.after` with `when.until` is a section: Ansible's `fatal:` counts for a rollback rule only
// inside the task whose header names a rollback, not in the task before it (the health check
// that triggered the rescue) nor in a later one (an `Abort` task after a rollback that worked).
BOOST_AUTO_TEST_CASE(filter_when_until_keeps_evidence_inside_its_section) {
  const std::string r = rules(rule("rollback-task", "rollback", 70, R"(^fatal: \\[[^\\]]+\\]: FAILED!)",
                                   R"x("when": {"after": ["^TASK \\[Roll back[^\\]]*\\] \\*+$"],
                                                "until": ["^(?:TASK|PLAY) \\[[^\\]]*\\] \\*+$"]})x"));
  const auto play = [&](const std::vector<std::string>& out) {
    return ids(run(r, job_log({{"ansible-playbook -i hosts deploy.yml", out, 2}})));
  };
  const std::string health = "TASK [Health check] ***********************************";
  const std::string back = "TASK [Roll back to v1.2.2] ****************************";
  const std::string abort = "TASK [Abort pipeline] *********************************";
  const std::string fatal = R"(fatal: [web1]: FAILED! => {"changed": false, "msg": "boom"})";
  const std::vector<std::string> inside{"rollback-task"}, outside{"unrecognized-failure"};
  BOOST_TEST(play({health, fatal, back, fatal}) == inside, boost::test_tools::per_element());
  BOOST_TEST(play({health, fatal, back, "ok: [web1]", abort, fatal}) == outside,
             boost::test_tools::per_element());
  BOOST_TEST(play({back, "ok: [web1]", health, fatal, back, fatal}) == inside,
             boost::test_tools::per_element());
  BOOST_TEST(play({fatal}) == outside, boost::test_tools::per_element());
}

// kaniko's cache lookup warning is the only error-looking line of a failed step: the advisory
// explains the failure (an error finding) rather than a fallback quoting the same line.
BOOST_AUTO_TEST_CASE(fallback_promotes_an_advisory_that_owns_every_error_line) {
  const std::string r = rules(kErrorLine + "," +
                              rule("cache-lookup", "docker-cache", 31,
                                   "Error while retrieving image from cache: ", R"("severity": "warning")"));
  const std::string warn =
      "WARN[0000] Error while retrieving image from cache: unsupported status code 401; body: Not Authorized";
  const auto d =
      run(r, job_log({{"/kaniko/executor --cache=true", {warn, "INFO[0005] Extracting layer 7"}, 1}}));
  BOOST_TEST((ids(d) == std::vector<std::string>{"cache-lookup"}));
  BOOST_TEST((d.findings[0].severity == Severity::kError));
  // Another error-looking line the advisory does not own: the fallback stays, the advisory too.
  const auto e = run(
      r, job_log({{"/kaniko/executor --cache=true", {warn, "error building image: parsing dockerfile"}, 1}}));
  BOOST_TEST((ids(e) == std::vector<std::string>{"unrecognized-failure", "cache-lookup"}));
  BOOST_TEST((e.findings[1].severity == Severity::kWarning));
}

BOOST_AUTO_TEST_CASE(suppress_drops_consequences_of_an_earlier_or_same_step_cause) {
  const std::string r =
      rules(rule("mod", "imports", 85, "ModuleNotFoundError") + "," +
            rule("collect", "tests", 55, "^ERROR collecting", R"("suppressed_by": ["imports"])"));
  const auto d = run(
      r, job_log({{"pytest",
                   {"ERROR collecting tests/test_a.py", "E   ModuleNotFoundError: No module named 'yaml'"},
                   2}}));
  BOOST_TEST((ids(d) == std::vector<std::string>{"mod"}));
}

BOOST_AUTO_TEST_CASE(suppress_keeps_the_higher_priority_of_two_findings_that_name_each_other) {
  // npm's test-script failure gives way to the coverage gate that failed it, and the gate gives
  // way to failing tests: each names the other, and without a tie-break both were dropped.
  const std::string r = rules(
      rule("gate", "coverage", 62, "^Jest: .* coverage threshold for lines",
           R"("suppressed_by": ["tests"])") +
      "," + rule("npmtest", "tests", 30, "^npm ERR! app@1.0.0 test: ", R"("suppressed_by": ["coverage"])"));
  const auto d = run(r, job_log({{"npm test",
                                  {"Jest: \"global\" coverage threshold for lines (85%) not met: 75.08%",
                                   "npm ERR! app@1.0.0 test: `jest --coverage`"},
                                  1}}));
  BOOST_TEST((ids(d) == std::vector<std::string>{"gate"}));
}

BOOST_AUTO_TEST_CASE(absorb_merges_the_evidence_of_absorbed_categories) {
  const std::string r =
      rules(rule("shard", "tests", 49, "^FAILED", R"("absorbs": ["python-exception"])") + "," +
            rule("exc", "python-exception", 20, "^ValueError: (?P<message>.+)",
                 R"("fields": {"message": "string"})"));
  const auto d =
      run(r, job_log({{"pytest", {"ValueError: bad value", "FAILED tests/test_a.py::test_x"}, 1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "shard");
  BOOST_TEST(d.findings[0].evidence.size() == 2u);
  BOOST_TEST(d.findings[0].fields.count("message") == 1u);
}

BOOST_AUTO_TEST_CASE(an_absorbed_findings_derived_fields_come_from_what_it_captured) {
  // A relative-path failure absorbs unittest's finding; the ids unittest derives from its
  // captures (a list union) must reach the absorbing finding too.
  const std::string r =
      rules(rule("relpath", "test-isolation", 80, "^FileNotFoundError: ", R"("absorbs": ["tests"])") + "," +
            rule("unittest", "tests", 50, "^ERROR: (?P<printed>\\\\w+ \\\\((?P<classes>[\\\\w.]+)\\\\))",
                 R"("fields": {"printed": "list", "classes": "list", "test_ids": "list"},
         "derive": {"test_ids": "list:printed+classes"})"));
  const auto d =
      run(r, job_log({{"python -m unittest",
                       {"ERROR: test_points (tests.test_reader.ReaderTest)",
                        "FileNotFoundError: [Errno 2] No such file or directory: 'data/points.csv'"},
                       1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "relpath");
  const auto it = d.findings[0].fields.find("test_ids");
  BOOST_REQUIRE(it != d.findings[0].fields.end());
  BOOST_TEST(std::get<std::vector<std::string>>(it->second).front() ==
             "test_points (tests.test_reader.ReaderTest)");
}

BOOST_AUTO_TEST_CASE(absorb_between_two_findings_that_absorb_each_other_goes_by_priority) {
  // amazon-ecr-login's login error comes first; the credential helper's failure under it is the
  // cause, and its rule's higher priority makes it the finding.
  const std::string r = rules(
      rule("login", "registry-auth", 90, "Could not login to registry", R"("absorbs": ["registry-auth"])") +
      "," +
      rule("helper", "registry-auth", 92, "^Error saving credentials: ", R"("absorbs": ["registry-auth"])"));
  const auto d =
      run(r, job_log({{"aws ecr-public get-login-password",
                       {"Error: Could not login to registry public.ecr.aws: WARNING! Using --password",
                        "Error saving credentials: error storing credentials - err: exit status 1"},
                       1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "helper");
  BOOST_TEST(d.findings[0].evidence.size() == 2u);
}

BOOST_AUTO_TEST_CASE(fallback_explains_a_failed_step_no_rule_explains) {
  const auto d =
      run(rules(kErrorLine), job_log({{"make", {"cc -c a.c", "make: *** [Makefile:2: a.o] Error 1"}, 2}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  const Finding& f = d.findings[0];
  BOOST_TEST(f.category == kUnknownCategory);
  BOOST_TEST(std::get<double>(f.fields.at("exit_code")) == 2.0);
  // The runner's exit line is not quoted: the step's own output is.
  for (const auto& e : f.evidence) BOOST_TEST(e.text.find("Process completed") == std::string::npos);
  BOOST_TEST(!f.evidence.empty());
}

BOOST_AUTO_TEST_CASE(fallback_in_a_stamped_excerpt_looks_only_at_its_last_step_and_past_step_debug) {
  // A committed job log without the job's end: the runner writes "##[error]" at the end of every
  // step that fails, so a step another step followed without one passed, whatever it printed.
  const std::string r = rules(kErrorLine);
  const auto passed_before =
      run(r, job_log({{"npm run build", {"  --log-level <level>  Set log level: \"error\", \"warn\""}, 0},
                      {"echo done", {"done"}, 0}},
                     false));
  BOOST_TEST(passed_before.findings.empty());
  // The runner's step-debug lines are no failure either.
  const auto debug_only =
      run(r, job_log({{"echo done", {"##[debug]Evaluating failure:", "##[debug]=> false"}, 0}}, false));
  BOOST_TEST(debug_only.findings.empty());
  // The last step of the excerpt may have been cut before its verdict: its error lines count.
  const auto cut =
      run(r, job_log({{"echo done", {"done"}, 0}, {"make", {"make: *** [all] Error 1"}, 0}}, false));
  BOOST_REQUIRE_EQUAL(cut.findings.size(), 1u);
  BOOST_TEST(cut.findings[0].category == kUnknownCategory);
}

BOOST_AUTO_TEST_CASE(fallback_stays_away_from_an_excerpt_that_ends_with_a_passing_summary) {
  // A pasted pytest run without a job status: its warnings look like errors, but pytest's own
  // last line says every test passed. Without that line the fallback quotes the warnings.
  const std::string r = rules(kErrorLine + ", " +
                              rule("passed", "unknown", 0,
                                   "^=*\\\\s*\\\\d+ passed(?:, \\\\d+ warnings?)* in [\\\\d.]+s\\\\s*=*$",
                                   R"("passed": true, "keep": "last")"));
  std::vector<std::string> out{"tests/test_a.py::test_x",
                               "  /w/a.py:3: DeprecationWarning: error handling changes in 2.0",
                               "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html"};
  auto pasted = [&] {  // the excerpt as a user pastes it: the command, then its output
    std::string text = "pytest -q\n";
    for (const auto& l : out) text += l + "\n";
    return text;
  };
  BOOST_TEST(run(r, pasted()).findings.size() == 1u);
  out.push_back("48 passed, 4 warnings in 1.40s");
  BOOST_TEST(run(r, pasted()).findings.empty());
  // A failed job is explained whatever a tool said before it failed.
  BOOST_TEST(run(r, job_log({{"pytest -q", out, 1}})).findings.size() == 1u);
  // A passing summary after every error-looking line keeps the fallback away even when more
  // output follows it (a `make ci` that goes on to its coverage report)...
  out.push_back("Running coverage analysis...");
  for (int i = 0; i < 12; ++i)
    out.push_back("ok  example.com/pkg" + std::to_string(i) + "  coverage: 93.1% of statements");
  BOOST_TEST(run(r, pasted()).findings.empty());
  // ...but not when an error-looking line comes after it.
  out.push_back("make: *** [Makefile:9: coverage] Error 1");
  BOOST_TEST(run(r, pasted()).findings.size() == 1u);
  // Nor when the CI system then says the job failed (GitLab after a tool that exited 1 with a
  // passing summary): the summary does not clear the CI's verdict, even right before it, where
  // the step's last lines begin.
  out.resize(3);
  out.push_back("48 passed, 4 warnings in 1.40s");
  out.push_back("Cleaning up project directory and file based variables");
  BOOST_TEST(run(r, pasted()).findings.empty());
  out.push_back("ERROR: Job failed: exit code 1");
  BOOST_TEST(run(r, pasted()).findings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(fallback_explains_plain_output_its_ci_system_failed_without_error_lines) {
  // A linter's offense lines look like nothing the error detectors know; the CI system's own
  // verdict (Travis' command line, CircleCI's exit line) still says the job failed: the fallback
  // quotes the last lines. Lines as a real Travis RuboCop job and a CircleCI job printed them.
  const std::string r = rules(kErrorLine);
  const std::string offenses =
      "db/schema.rb:14:1: C: Layout/EmptyLinesAroundBlockBody: Extra empty line detected at block body "
      "beginning.\n207 files inspected, 1 offense detected\n";
  const auto travis =
      run(r, "Inspecting 207 files\n" + offenses +
                 "The command \"rubocop --rails --display-cop-names --cache false\" exited with 1.\n");
  BOOST_REQUIRE_EQUAL(travis.findings.size(), 1u);
  BOOST_TEST(travis.findings[0].category == kUnknownCategory);
  BOOST_TEST(!travis.findings[0].evidence.empty());
  const auto circle = run(r, "Inspecting 207 files\n" + offenses + "\nExited with code exit status 1\n");
  BOOST_TEST(circle.findings.size() == 1u);
  // The same output with a passing verdict, or with none, is no failure.
  BOOST_TEST(
      run(r, "Inspecting 207 files\n" + offenses + "\nExited with code exit status 0\n").findings.empty());
  BOOST_TEST(run(r, "Inspecting 207 files\n" + offenses).findings.empty());
}

BOOST_AUTO_TEST_CASE(load_a_passing_summary_rule_must_be_of_category_unknown) {
  RuleSet set;
  BOOST_CHECK_THROW(
      load_rules(rules(rule("p", "tests", 0, "^\\\\d+ passed in", R"("passed": true)")), "t.json", set),
      std::exception);
}

BOOST_AUTO_TEST_CASE(fields_from_lines_are_read_past_a_wrapper_prefix) {
  // Jenkins' Timestamper before VSTest's summary: the indented `Failed: N` line is found with and
  // without the time stamp.
  const std::string r = rules(rule("vstest", "tests", 52, "^Test Run Failed\\\\.$",
                                   R"("fields": {"failed_count": "int"},
                                      "fields_from": ["^\\s*Failed: (?P<failed_count>[1-9]\\d*)$"])"));
  const auto d = run(r,
                     "[2020-06-30T12:55:26.119Z] Test Run Failed.\n"
                     "[2020-06-30T12:55:26.119Z] Total tests: 1568\n"
                     "[2020-06-30T12:55:26.119Z]      Passed: 1551\n"
                     "[2020-06-30T12:55:26.119Z]      Failed: 1\n");
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(std::get<double>(d.findings[0].fields.at("failed_count")) == 1.0);
}

BOOST_AUTO_TEST_CASE(fields_from_keeps_the_lines_its_regex_matched_not_the_first_candidates) {
  // One step runs ten test projects; the passing ones print `Failed: 0` (the fields_from
  // literal, no match), the last one fails. The value comes from the line that matched.
  const std::string r = rules(rule("vstest", "tests", 52, "^Test Run Failed\\\\.$",
                                   R"("fields": {"failed_count": "int"},
                                      "fields_from": ["^\\s*Failed: (?P<failed_count>[1-9]\\d*)$"])"));
  std::string log;
  for (int i = 0; i < 10; ++i)
    log += "Test Run Successful.\nTotal tests: 12\n     Passed: 12\n     Failed: 0\n";
  log += "Test Run Failed.\nTotal tests: 9\n     Passed: 6\n     Failed: 3\n";
  const auto d = run(r, log);
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(std::get<double>(d.findings[0].fields.at("failed_count")) == 3.0);
}

BOOST_AUTO_TEST_CASE(extractors_read_the_whole_quoted_line_not_only_what_is_shown) {
  // kaniko's push refusal: the status comes after 400 bytes of URL; the evidence shows 300.
  const std::string url = "https://registry.example.com/v2/" + std::string(300, 'a') + "/blobs/uploads/";
  const std::string r = R"({"schema": "ci-triage/rules@1", "rules": [)" +
                        rule("push", "registry-auth", 90, "^error checking push permissions",
                             R"("fields": {"http_status": "int"})") +
                        R"(], "extractors": [{"field": "http_status", "type": "int", "where": ["evidence"],
                            "patterns": ["unexpected status code (?P<http_status>[45]\\d\\d)\\b"]}]})";
  const Diagnosis d = run(r, "error checking push permissions -- checking push permission: POST " + url +
                                 ": unexpected status code 401 Unauthorized: Not Authorized\n");
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(std::get<double>(d.findings[0].fields.at("http_status")) == 401.0);
  BOOST_TEST(d.findings[0].evidence[0].text.size() <= 304u);  // still shown cut (300 + "…")
}

BOOST_AUTO_TEST_CASE(rank_failed_step_first_then_priority) {
  const std::string r =
      rules(rule("low", "tests", 10, "^FAILED") + "," + rule("high", "imports", 85, "^E   Import") + "," +
            rule("diag", "pods-not-ready", 90, "CrashLoopBackOff"));
  const auto d = run(r, job_log({{"pytest", {"FAILED tests/test_a.py::test_x", "E   ImportError: x"}, 1},
                                 {"kubectl get pods", {"api-1   0/1   CrashLoopBackOff   3   1m"}, 1}}));
  BOOST_TEST((ids(d) == std::vector<std::string>{"high", "low", "diag"}));
}

BOOST_AUTO_TEST_CASE(fold_one_event_gives_one_finding) {
  // The import error is also an uncaught exception: one finding, the
  // higher-ranked one, with the other's lines and fields.
  const std::string r =
      rules(rule("mod", "imports", 85, "^ModuleNotFoundError: No module named '(?P<module>[^']+)'",
                 R"("fields": {"module": "string"})") +
            "," +
            rule("exc", "uncaught-exception", 20,
                 "^(?P<exception>\\\\w+Error): ", R"("fields": {"exception": "string"}, "quote_tail": 2)"));
  const auto d =
      run(r, job_log({{"python app.py",
                       {"Traceback (most recent call last):", "  File \"app.py\", line 1, in <module>",
                        "    import yaml", "ModuleNotFoundError: No module named 'yaml'"},
                       1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "mod");
  BOOST_TEST(d.findings[0].fields.count("exception") == 1u);
  BOOST_TEST(d.findings[0].evidence.size() >= 2u);  // the tail the other rule quoted
}

// The built-in rules on a job log (the relations between them are data too).
Diagnosis run_builtin(const std::string& log) {
  static CompiledRules compiled(builtin_rules());
  Collector collector(compiled);
  LogParser parser;
  const BatchSink sink = [&](const Batch& b) { collector.scan(b); };
  parser.feed(log, sink);
  parser.finish(sink);
  return diagnose(compiled, collector, parser.model());
}

// Lines kubectl printed in shared/corpus/generated-infra/pods-not-ready-crashloop-valueerror.log.
const std::vector<std::string> kCrashLoop = {
    "NAME                          READY   STATUS             RESTARTS      AGE",
    "catalog-api-5c7b9d8f6-k8zvt   0/1     CrashLoopBackOff   5 (64s ago)   4m33s",
    "catalog-api-7b6a5c4d3-9wq2n   1/1     Running            0             47h"};

BOOST_AUTO_TEST_CASE(explain_the_pods_cause_heads_the_rollout_timeout) {
  const auto d =
      run_builtin(job_log({{"kubectl -n shop-prod rollout status deployment/catalog-api --timeout=15s",
                            {"Waiting for deployment \"catalog-api\" rollout to finish: 1 out of 3 new "
                             "replicas have been updated...",
                             "error: timed out waiting for the condition"},
                            1},
                           {"kubectl -n shop-prod get pods -l app=catalog-api", kCrashLoop, 0}}));
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(f.rule == "pods-unhealthy");
  BOOST_TEST(std::get<std::string>(f.fields.at("pod_status")) == "CrashLoopBackOff");
  BOOST_TEST(std::get<double>(f.fields.at("timeout_seconds")) == 15.0);  // the time-out is its evidence
  std::size_t errors = 0;
  for (const auto& g : d.findings) errors += g.severity == Severity::kError;
  BOOST_TEST(errors == 1u);
}

BOOST_AUTO_TEST_CASE(explain_the_pods_cause_heads_the_smoke_test) {
  const auto d = run_builtin(job_log(
      {{"curl -fsS \"$APP_URL/api/health\"", {"curl: (22) The requested URL returned error: 503"}, 22},
       {"kubectl -n shop-prod get pods -l app=catalog-api", kCrashLoop, 0}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].rule == "pods-unhealthy");
}

BOOST_AUTO_TEST_CASE(diagnostic_steps_do_not_outrank_the_failed_step) {
  // A kubectl error in an `if: failure()` step is not why the tests failed.
  const auto d = run_builtin(job_log(
      {{"make test", {"make: *** [Makefile:12: test] Error 2"}, 2},
       {"kubectl get events -n ci", {"error: You must be logged in to the server (Unauthorized)"}, 1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].step.number == 2);
}

BOOST_AUTO_TEST_CASE(after_a_rollback_stuck_only_after_the_rollback) {
  // The deploy timed out, then the same step rolled back (successfully): the
  // time-out is the deploy's, not a stuck rollback.
  const std::string cmd =
      "kubectl rollout status deployment/search-api -n shop-prod --timeout=15s || "
      "{ kubectl rollout undo deployment/search-api -n shop-prod; exit 1; }";
  auto d = run_builtin(
      job_log({{cmd,
                {"Waiting for deployment spec update to be observed...",
                 "error: timed out waiting for the condition", "deployment.apps/search-api rolled back"},
                1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "pods-not-ready");
  // Rolled back first, then timed out waiting: the rollback is stuck.
  d = run_builtin(job_log(
      {{"kubectl rollout undo deployment/search-api -n shop-prod && kubectl rollout status "
        "deployment/search-api -n shop-prod --timeout=15s",
        {"deployment.apps/search-api rolled back", "Waiting for deployment spec update to be observed...",
         "error: timed out waiting for the condition"},
        1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "rollback");
}

BOOST_AUTO_TEST_CASE(infer_the_category_from_the_step_command) {
  const auto d = run_builtin(
      job_log({{"helm upgrade --install api ./chart --namespace staging --wait --timeout 5m",
                {"Error: UPGRADE FAILED: failed to create resource: Internal error occurred: resource quota "
                 "evaluation timed out"},
                1}}));
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(f.category == "pods-not-ready");
  BOOST_TEST(f.rule == "inferred-failure");
  BOOST_TEST(f.inferred_from == "command");
  BOOST_TEST(f.confidence < 0.9);
  BOOST_TEST(std::get<std::string>(f.fields.at("tool")) == "helm");
  // The evidence is the step's own output, not the runner's exit line.
  BOOST_REQUIRE(!f.evidence.empty());
  for (const auto& e : f.evidence) BOOST_TEST(e.text.find("Process completed") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(infer_the_category_from_the_action) {
  const auto d = run_builtin(job_log({{"docker/login-action@v3\nwith:\n  registry: ghcr.io\n  logout: true",
                                       {"Error: Username and password required"},
                                       1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "registry-auth");
}

BOOST_AUTO_TEST_CASE(infer_nothing_from_a_plain_make) {
  const auto d = run_builtin(job_log({{"make", {"make: *** [Makefile:4: all] Error 1"}, 2}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == kUnknownCategory);
  BOOST_TEST(d.findings[0].confidence == 0.0);
}

// A rules file with the error-line detector and a small vocabulary (docs/rules.md "Context inference").
std::string with_vocabulary(const std::string& words) {
  return R"({"schema": "ci-triage/rules@1", "rules": [)" + kErrorLine +
         R"(], "vocabulary": {"marker": "(?i)\\b(?:error|failed)\\b", "words": [)" + words + "]}}";
}

BOOST_AUTO_TEST_CASE(infer_from_the_words_of_the_error_lines_when_nothing_else_fits) {
  const std::string words =
      R"({"category": "db-migration", "pattern": "(?i)\\bmigrat"},)"
      R"({"category": "coverage", "pattern": "(?i)\\bcoverage\\b", "with": "\\d%"},)"
      R"({"category": "rollback", "pattern": "[Rr]olled back", "strong": true},)"
      R"({"category": "docker-build", "pattern": "failed to solve", "not": "failed to push"})";
  const auto category = [&](const std::vector<std::string>& output) {
    const auto d = run(with_vocabulary(words), job_log({{"./ci.sh", output, 1}}));
    BOOST_REQUIRE(!d.findings.empty());
    return d.findings[0].category;
  };
  // A word counts on a line with a failure marker; a strong word on any quoted line.
  BOOST_TEST(category({"error: could not run migration 0004"}) == "db-migration");
  BOOST_TEST(category({"running migration 0004", "error: connection reset"}) == kUnknownCategory);
  BOOST_TEST(category({"ERROR: deploy stopped", "release v12 rolled back"}) == "rollback");
  // `with` must hold on the same line, `not` must not.
  BOOST_TEST(category({"error: coverage 81% under 90%"}) == "coverage");
  BOOST_TEST(category({"error: coverage report missing"}) == kUnknownCategory);
  BOOST_TEST(category({"ERROR: failed to solve: failed to push ghcr.io/o/a: unknown blob"}) ==
             kUnknownCategory);
  // The category with the most lines wins; a tie names none.
  BOOST_TEST(category({"error: migration 1 failed", "error: migration 2 failed", "error: coverage 50%"}) ==
             "db-migration");
  BOOST_TEST(category({"error: migration 1 failed", "error: coverage 50%"}) == kUnknownCategory);

  const auto d =
      run(with_vocabulary(words), job_log({{"./ci.sh", {"error: could not run migration 0004"}, 1}}));
  const Finding& f = d.findings[0];
  BOOST_TEST(f.rule == "inferred-failure");
  BOOST_TEST(f.inferred_from == "words");
  BOOST_TEST(f.confidence == 0.3);
  // A step context, when one fits, is asked first.
  const auto ctx = run(
      R"({"schema": "ci-triage/rules@1", "rules": [)" + kErrorLine +
          R"(], "contexts": [{"id": "pytest", "category": "tests", "title": "t", "command": ["\\bpytest\\b"]}],)"
          R"( "vocabulary": {"marker": "error", "words": [{"category": "db-migration", "pattern": "migrat"}]}})",
      job_log({{"pytest -q", {"error: could not run migration 0004"}, 1}}));
  BOOST_TEST(ctx.findings[0].category == "tests");
  BOOST_TEST(ctx.findings[0].inferred_from == "command");
}

BOOST_AUTO_TEST_CASE(infer_from_the_words_with_the_builtin_vocabulary) {
  // tests/public/coverage-cfs-apps-unit-test-coverage-below-100-percent.log: a project's own gate, no
  // rule knows its wording; its lines name coverage and percentages.
  const auto d = run_builtin(
      "Failure: Coverage cs lines 99.9% functions 100.0% branches 99.1%\n"
      "Failure: Coverage ds lines 99.6% functions 100.0% branches 97.7%\n"
      "Failure: Coverage fm lines 93.8% functions 94.0% branches 89.1%\n");
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "coverage");
  BOOST_TEST(d.findings[0].inferred_from == "words");
  // A tool's name inside a path or an image reference names an artifact, not the tool failing
  // (/work/eval fresh set 349: sinker pushing coreos/prometheus-operator to ECR).
  const auto p = run_builtin(
      "$ sinker push\n"
      "INFO[0000] Finding images that need to be pushed ...\n"
      "Error: push: image exists at remote: get image: GET "
      "https://<account-number>.dkr.ecr.ap-southeast-2.amazonaws.com/v2/coreos/prometheus-operator/manifests/"
      "v0.40.0: NAME_UNKNOWN: The repository with name 'coreos/prometheus-operator' does not exist in the "
      "registry with id '<account-number>'\n");
  BOOST_REQUIRE(!p.findings.empty());
  BOOST_TEST(p.findings[0].rule == "unrecognized-failure");
  BOOST_TEST(p.findings[0].category == kUnknownCategory);
  // A passing make's words are not enough: `make` names no area and its line no word.
  const auto m = run_builtin(job_log({{"make", {"make: *** [Makefile:4: all] Error 1"}, 2}}));
  BOOST_TEST(m.findings[0].category == kUnknownCategory);
}

BOOST_AUTO_TEST_CASE(infer_from_the_output_of_plain_tool_output) {
  // No step framing at all: the tool's own signature (helm's) is the best guess.
  const auto d = run_builtin(
      "Release \"api\" does not exist. Installing it now.\n"
      "Error: INSTALL FAILED: failed pre-install: timed out waiting for the condition\n");
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "pods-not-ready");
  BOOST_TEST(d.findings[0].inferred_from == "output");
}

BOOST_AUTO_TEST_CASE(infer_from_the_output_of_a_step_whose_command_names_nothing) {
  // The same helm output as plain output (infer_from_the_output_of_plain_tool_output) inside a
  // step that runs a deploy script: the script says nothing, helm's output does.
  const auto d =
      run_builtin(job_log({{"./scripts/deploy.sh staging",
                            {"Release \"api\" does not exist. Installing it now.",
                             "Error: INSTALL FAILED: failed pre-install: timed out waiting for the "
                             "condition"},
                            1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "pods-not-ready");
}

BOOST_AUTO_TEST_CASE(an_uncaught_exception_takes_the_category_its_output_shows) {
  // Alembic's own progress line (without its logger's prefix, as a filtered excerpt keeps it)
  // names the area an uncaught exception after it stopped (tests/public, alembic version_num).
  const auto d = run_builtin(
      "Running upgrade 011_create_service_orders -> 012_add_proposals\n"
      "Traceback (most recent call last):\n"
      "KeyError: 'proposal_type'\n");
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].category == "db-migration");
  BOOST_TEST(d.findings[0].inferred_from == "output");
}

BOOST_AUTO_TEST_CASE(a_rule_without_a_category_takes_the_step_context) {
  // npm says only that a script failed (one not named after tests); the step ran the tests.
  const auto d = run_builtin(
      job_log({{"npm run ci --workspace=api && npx jest --selectProjects integration",
                {"npm ERR! Lifecycle script `ci` failed with error: ", "npm ERR! Error: command failed"},
                1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(d.findings[0].rule == "npm-script-failed");
  BOOST_TEST(d.findings[0].category == "tests");
  BOOST_TEST(d.findings[0].inferred_from == "command");
}

BOOST_AUTO_TEST_CASE(absorb_knows_a_finding_by_its_rules_category_when_the_step_renamed_it) {
  // The uncaught exception in a test step takes the step's category (tests); unittest's finding
  // still absorbs it by the category its rule declares: one event, one finding.
  const auto d = run_builtin(
      job_log({{"python -m pytest tests || python -m unittest discover -s tests",
                {"ERROR: test_gpu_degrees (test_gpu_backend.TestGPUBackend.test_gpu_degrees)",
                 "Traceback (most recent call last):",
                 "  File \"/home/runner/work/ni/ni/tests/test_gpu_backend.py\", line 31, in test_gpu_degrees",
                 "cupy_backends.cuda.api.runtime.CUDARuntimeError: cudaErrorInsufficientDriver: CUDA driver "
                 "version is "
                 "insufficient for CUDA runtime version",
                 "Ran 55 tests in 25.394s", "FAILED (errors=1)"},
                1}}));
  BOOST_REQUIRE_EQUAL(d.findings.size(), 1u);
  BOOST_TEST(d.findings[0].rule == "unittest-failures");
  BOOST_TEST(std::get<double>(d.findings[0].fields.at("failed_count")) == 1.0);
}

BOOST_AUTO_TEST_CASE(fields_image_as_the_command_typed_it_with_its_tag) {
  // Docker echoes the repository without the tag (and a Hub name in full); the command has both.
  const auto d =
      run_builtin(job_log({{"docker push kubespheredev/ks-apiserver:latest",
                            {"The push refers to repository [docker.io/kubespheredev/ks-apiserver]",
                             "denied: requested access to the resource is denied"},
                            1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(std::get<std::string>(d.findings[0].fields.at("image")) == "kubespheredev/ks-apiserver:latest");
  // A tag that is no tag (a shell expansion) is not taken.
  const auto e = run_builtin(job_log({{"docker push ghcr.io/acme/api:$(git rev-parse HEAD)",
                                       {"The push refers to repository [ghcr.io/acme/api]",
                                        "denied: requested access to the resource is denied"},
                                       1}}));
  BOOST_REQUIRE(!e.findings.empty());
  BOOST_TEST(std::get<std::string>(e.findings[0].fields.at("image")) == "ghcr.io/acme/api");
}

BOOST_AUTO_TEST_CASE(fields_failed_count_the_largest_of_gradles_counts) {
  // gradle --continue over two projects (tests/corpus, Debian's gradle 4.4.1): each prints its
  // own `N tests completed, M failed`; the FAILED lines of both are the job's count.
  const auto d = run_builtin(job_log(
      {{"gradle --continue test",
        {"io.cartwheel.catalog.SlugTest > collapsesRepeatedSpaces FAILED", "2 tests completed, 1 failed",
         ":catalog:test FAILED", "io.cartwheel.checkout.BasketTest > sumsAllItems FAILED",
         "1 test completed, 1 failed", ":checkout:test FAILED"},
        1}}));
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(std::get<double>(d.findings[0].fields.at("failed_count")) == 2.0);
  // An excerpt that shows one FAILED line of six: the summary's count stands.
  const auto e = run_builtin(job_log({{"./gradlew test",
                                       {"ConsumerConfigurationTests > testBuilder() FAILED",
                                        "953 tests completed, 6 failed, 5 skipped", "> Task :test FAILED"},
                                       1}}));
  BOOST_REQUIRE(!e.findings.empty());
  BOOST_TEST(std::get<double>(e.findings[0].fields.at("failed_count")) == 6.0);
}

BOOST_AUTO_TEST_CASE(fields_url_from_the_last_call_with_env_expanded) {
  // The failing call is the last one; $APP_URL comes from the step's env: block.
  const auto d =
      run_builtin(job_log({{"TOKEN=$(curl -sS -X POST \"$APP_URL/api/v2/session\" | jq -r .token)\n"
                            "curl -fsS -H \"Authorization: Bearer ${TOKEN}\" \"$APP_URL/api/v2/cart\"\n"
                            "shell: /usr/bin/bash -e {0}\nenv:\n  APP_URL: http://127.0.0.1:8181",
                            {"curl: (22) The requested URL returned error: 401"},
                            22}}));
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(f.category == "smoke-tests");
  BOOST_TEST(std::get<std::string>(f.fields.at("url")) == "http://127.0.0.1:8181/api/v2/cart");
  BOOST_TEST(std::get<double>(f.fields.at("http_status")) == 401.0);
}

// Plain output whose CI system said the job succeeded is a passed job: kubectl's
// progress lines before a rollout that finished are no time-out (a real
// CodeBuild run's lines); the same lines with CodeBuild's FAILED stay a failure.
BOOST_AUTO_TEST_CASE(filter_plain_output_another_ci_system_passed) {
  const std::string rollout =
      "[Container] 2026/09/20 13:16:06.499598 Running command kubectl rollout status "
      "deployment/brain-tasks-app\n"
      "Waiting for deployment \"brain-tasks-app\" rollout to finish: 1 old replicas are pending "
      "termination...\n";
  const auto passed =
      run_builtin(rollout +
                  "deployment \"brain-tasks-app\" successfully rolled out\n"
                  "[Container] 2026/09/20 13:16:11.019201 Phase complete: POST_BUILD State: SUCCEEDED\n");
  BOOST_TEST((passed.status == JobStatus::kPassed));
  BOOST_TEST(passed.findings.empty());
  const auto failed = run_builtin(
      rollout + "[Container] 2026/09/20 13:26:11.019201 Phase complete: POST_BUILD State: FAILED\n");
  BOOST_TEST((failed.status != JobStatus::kPassed));
  BOOST_REQUIRE(!failed.findings.empty());
  BOOST_TEST(failed.findings[0].category == "pods-not-ready");
}

// BuildKit names the image it pushed in its error block; the image's host is
// the registry that refused it (lines from a real GHCR push).
BOOST_AUTO_TEST_CASE(fields_registry_from_the_images_host) {
  const auto d = run_builtin(
      job_log({{"docker buildx build --push -t ghcr.io/snowfork/snowbridge-relay:relayer-1.0.1 .",
                {"#15 ERROR: denied: permission_denied: write_package", "------",
                 " > pushing ghcr.io/snowfork/snowbridge-relay:relayer-1.0.1 with docker:", "------",
                 "ERROR: denied: permission_denied: write_package"},
                1}}));
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(f.category == "registry-auth");
  BOOST_TEST(std::get<std::string>(f.fields.at("image")) ==
             "ghcr.io/snowfork/snowbridge-relay:relayer-1.0.1");
  BOOST_TEST(std::get<std::string>(f.fields.at("registry")) == "ghcr.io");
}

// Cloud Build quotes the builder that ran the step ("gcr.io/cloud-builders/docker"): that is not
// the image the build makes (lines from a real Cloud Build log, tests/public).
BOOST_AUTO_TEST_CASE(fields_image_is_not_cloud_builds_builder) {
  const auto d = run_builtin(
      "#14 7.381 The lockfile at `uv.lock` needs to be updated, but `--locked` was provided. To update the "
      "lockfile, run `uv lock`.\n"
      "#14 ERROR: executor failed running [/bin/sh -c uv sync --locked --no-dev]: exit code: 1\n"
      "ERROR\n"
      "ERROR: build step 0 \"gcr.io/cloud-builders/docker\" failed: step exited with non-zero status: 1\n");
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(f.category == "dependency-install");  // the stale lockfile is why the image step failed
  BOOST_TEST(!f.fields.count("image"));
  BOOST_TEST(!f.fields.count("registry"));
}

// The Maven docker plugin quotes the repository without its tag when the push is refused; the
// step's own lines name the tag (lines from a real build, tests/public).
BOOST_AUTO_TEST_CASE(fields_image_takes_its_tag_from_the_steps_lines) {
  const auto d = run_builtin(
      "[INFO] Pushing mtbridge/vertx-sample-client:1.0.0\n"
      "The push refers to repository [docker.io/mtbridge/vertx-sample-client]\n"
      "unauthorized: authentication required\n");
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(f.category == "registry-auth");
  BOOST_TEST(std::get<std::string>(f.fields.at("image")) == "mtbridge/vertx-sample-client:1.0.0");
}

// A plain excerpt's exit code as the tool that ran the step prints it: Go's exec error after
// helmfile's helm run, npm's verbose log (lines from real logs, tests/public).
BOOST_AUTO_TEST_CASE(fields_exit_code_from_the_wrapping_tools_own_words) {
  const auto helmfile = run_builtin(
      "Error: UPGRADE FAILED: release falco failed, and has been rolled back due to atomic being set: "
      "timed out waiting for the condition\n"
      "in ./helmfile.yaml: failed processing release falco: command \"/usr/local/bin/helm\" exited with "
      "non-zero status:\n"
      "  exit status 1\n");
  BOOST_REQUIRE(!helmfile.findings.empty());
  BOOST_TEST(std::get<double>(helmfile.findings[0].fields.at("exit_code")) == 1.0);
  const auto npm = run_builtin(
      "npm error code ERESOLVE\nnpm error ERESOLVE could not resolve\nnpm verbose exit 1\n"
      "npm verbose code 1\n");
  BOOST_REQUIRE(!npm.findings.empty());
  BOOST_TEST(npm.findings[0].category == "dependency-install");
  BOOST_TEST(std::get<double>(npm.findings[0].fields.at("exit_code")) == 1.0);
}

// A pasted excerpt echoes the helm command with its path: its --timeout is the one that expired
// (lines from a real log, tests/public).
BOOST_AUTO_TEST_CASE(fields_timeout_from_a_plain_excerpts_own_command_echo) {
  const auto d = run_builtin(
      "/usr/local/bin/helm3 upgrade openldap stable/openldap --namespace ldap --atomic --timeout 1800s\n"
      "Error: UPGRADE FAILED: an error occurred while rolling back the release. original upgrade error: "
      "timed out waiting for the condition\n");
  BOOST_REQUIRE(!d.findings.empty());
  BOOST_TEST(std::get<double>(d.findings[0].fields.at("timeout_seconds")) == 1800.0);
  BOOST_TEST(std::get<std::string>(d.findings[0].fields.at("namespace")) == "ldap");
}

BOOST_AUTO_TEST_CASE(fields_timeout_and_namespace_for_an_inferred_finding) {
  const auto d = run_builtin(
      job_log({{"helm upgrade --install api ./chart --namespace staging --wait --timeout 5m0s",
                {"Error: UPGRADE FAILED: failed to create resource: Internal error occurred: resource quota "
                 "evaluation timed out"},
                1}}));
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(std::get<double>(f.fields.at("timeout_seconds")) == 300.0);
  BOOST_TEST(std::get<std::string>(f.fields.at("namespace")) == "staging");
}

BOOST_AUTO_TEST_CASE(fields_coverage_from_istanbul_check_coverage) {
  const auto d =
      run_builtin(job_log({{"npx c8 check-coverage --lines 80",
                            {"ERROR: Coverage for lines      (62.73%) does not meet global threshold (80%)"},
                            1}}));
  BOOST_REQUIRE(!d.findings.empty());
  const Finding& f = d.findings[0];
  BOOST_TEST(f.category == "coverage");
  BOOST_TEST(std::get<double>(f.fields.at("coverage_percent")) == 62.73);
  BOOST_TEST(std::get<double>(f.fields.at("threshold")) == 80.0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_diagnosis_diagnose_test
