// A small report with an error and an advisory, shared by the reporter tests.
#pragma once

#include "core/finding.h"

namespace ci_triage::testing {

inline Report sample_report() {
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

}  // namespace ci_triage::testing
