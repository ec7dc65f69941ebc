// The pipeline on real log excerpts (tests/golden/**), checking the diagnosis
// decisions: ranking, consequences, the unknown fallback, passed jobs.
#include "app/analyze.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "advice/advice.h"
#include "rules/rule_loader.h"

namespace unit_app_analyze_test {

using namespace ci_triage;

namespace {

Engine& engine() {
  static Engine e(builtin_rules());
  return e;
}

std::string read(const std::string& rel) {
  std::ifstream in(std::string(CI_TRIAGE_SOURCE_DIR) + "/" + rel, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << rel);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

JobReport analyze_text(const std::string& text) {
  auto src = memory_source("job", text);
  return engine().analyze(*src);
}

JobReport analyze_file(const std::string& rel) { return analyze_text(read(rel)); }

const Finding& primary(const JobReport& j) {
  for (const auto& f : j.findings)
    if (f.severity == Severity::kError) return f;
  BOOST_FAIL("no error finding");
  return j.findings.front();
}

std::string text_field(const Finding& f, const std::string& k) {
  const auto it = f.fields.find(k);
  if (it == f.fields.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  if (const auto* d = std::get_if<double>(&it->second)) return std::to_string(static_cast<long long>(*d));
  return "list";
}

}  // namespace

BOOST_AUTO_TEST_CASE(import_error_is_the_root_cause_not_the_collection_errors) {
  const JobReport j = analyze_file("tests/golden/err/dev-imports-crypto.log");
  BOOST_TEST((j.status == JobStatus::kFailed));
  const Finding& f = primary(j);
  BOOST_TEST(f.category == "imports");
  BOOST_TEST(text_field(f, "module") == "Crypto");
  BOOST_TEST(text_field(f, "package") == "pycryptodome");
  BOOST_TEST(text_field(f, "exit_code") == "2");
  BOOST_TEST(f.evidence.front().line == 137u);
  // pytest's "ERROR tests/test_io.py" / "Interrupted" lines are its consequence: no tests finding.
  for (const auto& g : j.findings) BOOST_TEST(g.category != "tests");
}

BOOST_AUTO_TEST_CASE(registry_401_explains_the_failed_build) {
  const JobReport j = analyze_file("tests/golden/err/registry-auth-build-from-private-base.log");
  const Finding& f = primary(j);
  BOOST_TEST(f.category == "registry-auth");
  BOOST_TEST(text_field(f, "registry") == "localhost:5050");
  BOOST_TEST(text_field(f, "http_status") == "401");
}

BOOST_AUTO_TEST_CASE(repeated_failures_collapse_into_one_finding) {
  const JobReport j = analyze_file("tests/golden/err/dev-tests-parametrize-ids-tb-line.log");
  const Finding& f = primary(j);
  BOOST_TEST(f.category == "tests");
  const auto& ids = std::get<std::vector<std::string>>(f.fields.at("test_ids"));
  BOOST_TEST(ids.size() == 4u);
  BOOST_TEST(text_field(f, "failed_count") == "4");
  std::size_t tests_findings = 0;
  for (const auto& g : j.findings) tests_findings += g.category == "tests";
  BOOST_TEST(tests_findings == 1u);
}

BOOST_AUTO_TEST_CASE(rollback_step_context_decides_the_category) {
  // The same "timed out waiting for the condition" is a rollback problem in a
  // step that ran `kubectl rollout undo`.
  const JobReport j = analyze_file("tests/golden/err/rollback-undo-status-timeout.log");
  BOOST_TEST(primary(j).category == "rollback");
  BOOST_TEST(text_field(primary(j), "deployment") == "search-api");
  // The rollout-timeout reading of the same line is the same event: folded in.
  std::size_t errors = 0;
  for (const auto& g : j.findings) errors += g.severity == Severity::kError;
  BOOST_TEST(errors == 1u);
}

BOOST_AUTO_TEST_CASE(unrecognised_failures_still_get_an_explanation) {
  const JobReport j = analyze_file("tests/golden/err/dev-other-timeout-124.log");
  BOOST_TEST(primary(j).category == "timeout");
  const std::string log =
      "2026-01-01T00:00:00.0000000Z Current runner version: '2.323.0'\n"
      "2026-01-01T00:00:01.0000000Z ##[group]Run ./release.sh\n"
      "2026-01-01T00:00:01.1000000Z ./release.sh\n"
      "2026-01-01T00:00:01.2000000Z ##[endgroup]\n"
      "2026-01-01T00:00:02.0000000Z tagging v1.2.3\n"
      "2026-01-01T00:00:02.1000000Z tag already exists\n"
      "2026-01-01T00:00:02.2000000Z ##[error]Process completed with exit code 7.\n";
  const JobReport u = analyze_text(log);
  const Finding& f = primary(u);
  BOOST_TEST(f.category == "unknown");
  BOOST_TEST(f.step.name == "Run ./release.sh");
  BOOST_TEST(text_field(f, "exit_code") == "7");
  BOOST_REQUIRE(!f.evidence.empty());
  BOOST_TEST(f.evidence.back().text == "tag already exists");
}

BOOST_AUTO_TEST_CASE(a_job_that_passed_has_no_error_findings_but_keeps_advisories) {
  const JobReport j = analyze_file("tests/golden/ok/none-build-push-cache-noise.log");
  BOOST_TEST((j.status == JobStatus::kPassed));
  for (const auto& f : j.findings) BOOST_TEST((f.severity != Severity::kError));
  BOOST_REQUIRE(!j.findings.empty());
  BOOST_TEST(j.findings.front().category == "docker-cache");  // the runbook's dead layer cache
}

BOOST_AUTO_TEST_CASE(runner_timeout_explains_the_tests_it_cut_short) {
  const JobReport j = analyze_file("tests/golden/err/gha_timeout.log");
  BOOST_TEST(primary(j).category == "timeout");
  BOOST_TEST(text_field(primary(j), "timeout_seconds") == "21600");
}

BOOST_AUTO_TEST_CASE(pip_distribution_table) {
  const Advisor a(builtin_rules());
  BOOST_TEST(*a.pip_distribution("yaml") == "PyYAML");
  BOOST_TEST(*a.pip_distribution("cv2") == "opencv-python");
  BOOST_TEST(*a.pip_distribution("sklearn.linear_model") == "scikit-learn");
  BOOST_TEST(*a.pip_distribution("PIL") == "Pillow");
  BOOST_TEST(!a.pip_distribution("src").has_value());
  BOOST_TEST(!a.pip_distribution("my_private_pkg").has_value());
}

BOOST_AUTO_TEST_CASE(templates_expand_fields_fallbacks_and_optional_segments) {
  Finding f;
  f.fields["module"] = std::string("yaml");
  f.fields["count_of"] = 3.0;
  f.fields["ids"] = std::vector<std::string>{"a", "b", "c", "d"};
  f.step.name = "Run pytest";
  BOOST_TEST(render_template("module {module}", f) == "module yaml");
  BOOST_TEST(render_template("{package|not known}", f) == "not known");
  BOOST_TEST(render_template("{package}", f) == "?");
  BOOST_TEST(render_template("x[[ ({package})]]y", f) == "xy");
  BOOST_TEST(render_template("x[[ ({module})]]y", f) == "x (yaml)y");
  BOOST_TEST(render_template("{count_of} in {step}: {ids}", f) == "3 in Run pytest: a, b, c, …");
}

}  // namespace unit_app_analyze_test
