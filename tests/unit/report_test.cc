#include "report/report.h"

#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "app/cli.h"

using namespace ci_triage;

BOOST_AUTO_TEST_CASE(workflow_command_escaping_makes_log_text_inert) {
  BOOST_TEST(escape::command_data("50% done\r\nnext") == "50%25 done%0D%0Anext");
  BOOST_TEST(escape::command_property("a:b,c") == "a%3Ab%2Cc");
  // The legacy parser finds "##[" anywhere in a line: it must not survive.
  const std::string d = escape::command_data("x ##[group]evil ::add-mask::secret");
  BOOST_TEST(d.find("##[") == std::string::npos);
  BOOST_TEST(d.find("add-mask") != std::string::npos);  // still readable
}

BOOST_AUTO_TEST_CASE(markdown_escaping) {
  BOOST_TEST(escape::markdown_inline("<img src=x> @octocat *b*") ==
             "&lt;img src=x&gt; @\xE2\x80\x8Boctocat \\*b\\*");
  BOOST_TEST(escape::markdown_fence("no ticks") == "```");
  BOOST_TEST(escape::markdown_fence("a ````` b") == "``````");
  BOOST_TEST(escape::markdown_text("run `pip install <x>` for @me") ==
             "run `pip install <x>` for @\xE2\x80\x8Bme");
}

namespace {
Report sample() {
  Report r;
  JobReport j;
  j.name = "build";
  j.log = "build.log";
  j.status = JobStatus::kFailed;
  Finding f;
  f.category = "imports";
  f.rule = "python-module-not-found";
  f.title = "Python module 'yaml' cannot be imported";
  f.summary = "s";
  f.step = {4, "Run pytest"};
  f.evidence = {{137, "E   ModuleNotFoundError: No module named 'yaml' ```"}};
  f.fields["module"] = std::string("yaml");
  f.fields["exit_code"] = 2.0;
  f.fields["test_ids"] = std::vector<std::string>{"t::a"};
  f.location = Location{"tests/test_a.py", 3};
  f.remedies = {"Add PyYAML"};
  j.findings.push_back(f);
  Finding w = f;
  w.severity = Severity::kWarning;
  w.category = "docker-cache";
  j.findings.push_back(w);
  r.jobs.push_back(j);
  return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(json_report_follows_the_schema) {
  std::ostringstream out;
  write_json(sample(), out);
  rapidjson::Document d;
  d.Parse(out.str().c_str());
  BOOST_REQUIRE(!d.HasParseError());
  BOOST_TEST(std::string(d["schema"].GetString()) == "ci-triage/report@1");
  const auto& f = d["jobs"][0]["findings"][0];
  for (const char* k : {"category", "rule", "severity", "title", "summary", "step", "log_lines", "location",
                        "fields", "causes", "remedies", "patch"})
    BOOST_TEST(f.HasMember(k), "missing " << k);
  BOOST_TEST(f["log_lines"][0].GetInt() == 137);
  BOOST_TEST(f["fields"]["exit_code"].IsInt());
  BOOST_TEST(f["fields"]["test_ids"].IsArray());
  BOOST_TEST(f["location"]["line"].GetInt() == 3);
  BOOST_TEST(f["patch"].IsNull());
}

BOOST_AUTO_TEST_CASE(markdown_puts_the_root_cause_first_and_fences_evidence) {
  std::ostringstream out;
  write_markdown(sample(), out);
  const std::string md = out.str();
  BOOST_TEST(md.find("Python module 'yaml' cannot be imported") < md.find("**Also found**"));
  BOOST_TEST(md.find("````text") != std::string::npos);  // longer than the ``` in the evidence
  BOOST_TEST(md.find("- [ ] Add PyYAML") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(annotations_carry_location_and_respect_the_budget) {
  std::ostringstream out;
  write_annotations(sample(), out, 1);
  const std::string a = out.str();
  BOOST_TEST(a.rfind("::error file=tests/test_a.py,line=3,title=build%3A Python module", 0) == 0u);
  BOOST_TEST(a.find("::warning") == std::string::npos);  // budget of 1
}

BOOST_AUTO_TEST_CASE(cli_exit_codes) {
  std::ostringstream out, err;
  BOOST_TEST(run_cli({}, out, err) == 2);
  BOOST_TEST(run_cli({"analyze", "--format", "pdf", "x.log"}, out, err) == 2);
  BOOST_TEST(run_cli({"analyze", "/definitely/missing.log"}, out, err) == 1);
  BOOST_TEST(err.str().find("ci-triage: error: reading /definitely/missing.log") != std::string::npos);
  BOOST_TEST(run_cli({"--version"}, out, err) == 0);
}
