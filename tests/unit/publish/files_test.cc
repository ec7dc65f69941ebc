// File publishers: outputs name the files written before them; the JSON report
// and the summary carry every notice raised before them; unwritable paths
// degrade to one notice.
#include "publish/files.h"

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "core/signature.h"
#include "test_support.h"

namespace unit_publish_files_test {

using namespace ci_triage;
using ci_triage::testing::TempDir;

namespace {

Report report_with(const std::vector<std::string>& categories) {
  Report r;
  RunInfo run;
  run.workflow = "CI";
  run.jobs_listed = true;
  run.notices = {"from the source"};
  r.run = run;
  for (const auto& c : categories) {
    JobReport j;
    j.name = "job " + c;
    Finding advisory;
    advisory.severity = Severity::kWarning;
    advisory.category = "docker-cache";
    j.findings.push_back(advisory);
    if (!c.empty()) {
      Finding f;
      f.category = c;
      j.findings.insert(j.findings.begin(), f);
    }
    r.jobs.push_back(j);
  }
  r.groups = group_failures(r);  // as the pipeline leaves the report
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(files)

BOOST_AUTO_TEST_CASE(outputs_name_the_root_cause_and_the_files_written) {
  TempDir dir;
  const std::string out = dir.write("output", "earlier=1\n");
  publish::Published before;
  before.json_path = "/tmp/r.json";
  before.sarif_path = "/tmp/r.sarif";
  // The first job has only an advisory: the primary category is the next job's root cause.
  const auto did = publish::OutputsPublisher(out).publish(report_with({"", "imports"}), before);
  BOOST_TEST(did.delivery.notices.empty());
  BOOST_TEST(dir.read("output") ==
             "earlier=1\nprimary-category=imports\nfindings-count=2\nfailed-jobs=2\ncancelled-jobs=0\n"
             "report-path=/tmp/r.json\nsarif-path=/tmp/r.sarif\n");
  const std::string none = dir.write("none", "");
  publish::OutputsPublisher(none).publish(report_with({}), {});
  BOOST_TEST(dir.read("none") ==
             "primary-category=none\nfindings-count=0\nfailed-jobs=0\ncancelled-jobs=0\nreport-path=\nsarif-"
             "path=\n");
}

BOOST_AUTO_TEST_CASE(json_and_summary_carry_the_notices_raised_before_them) {
  TempDir dir;
  publish::Published before;
  before.delivery.notices = {"No comment on PR #42: forbidden"};
  before.delivery.pr = 42;
  const Report report = report_with({"imports"});
  const auto json = publish::JsonFilePublisher((dir.root / "r.json").string()).publish(report, before);
  BOOST_TEST(json.json_path == (dir.root / "r.json").string());
  const std::string text = dir.read("r.json");
  BOOST_TEST(text.find("\"from the source\"") != std::string::npos);
  BOOST_TEST(text.find("\"No comment on PR #42: forbidden\"") != std::string::npos);
  BOOST_TEST(text.find("\"pull_request\": 42") != std::string::npos);
  const std::string summary = dir.write("summary.md", "");
  publish::StepSummaryPublisher(summary).publish(report, before);
  BOOST_TEST(dir.read("summary.md").find("forbidden") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unwritable_paths_degrade_to_one_notice) {
  const Report report = report_with({"imports"});
  const auto json = publish::JsonFilePublisher("/nonexistent/dir/r.json").publish(report, {});
  BOOST_TEST(json.json_path.empty());
  BOOST_REQUIRE_EQUAL(json.delivery.notices.size(), 1u);
  BOOST_TEST(json.delivery.notices[0] ==
             "The JSON report was not written: writing /nonexistent/dir/r.json: cannot write");
  const auto sarif = publish::SarifFilePublisher("/nonexistent/dir/r.sarif").publish(report, {});
  BOOST_TEST(sarif.delivery.notices.size() == 1u);
  const auto summary = publish::StepSummaryPublisher("/nonexistent/dir/s.md").publish(report, {});
  BOOST_TEST(summary.delivery.notices.at(0) ==
             "The job summary could not be written to GITHUB_STEP_SUMMARY.");
  const auto unset = publish::StepSummaryPublisher("").publish(report, {});
  BOOST_TEST(unset.delivery.notices.empty());
  BOOST_TEST(unset.log.at(0) == "GITHUB_STEP_SUMMARY is not set: no job summary");
}

BOOST_AUTO_TEST_CASE(annotations_and_text_go_to_their_stream) {
  std::ostringstream a, t;
  publish::AnnotationsPublisher(a, 10).publish(report_with({"imports"}), {});
  BOOST_TEST(a.str().rfind("::error ", 0) == 0u);
  publish::TextPublisher(t).publish(report_with({"imports"}), {});
  BOOST_TEST(t.str().find("::") == std::string::npos);
  BOOST_TEST(t.str().find("[imports]") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_publish_files_test
