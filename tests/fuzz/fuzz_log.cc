// libFuzzer: a log through the whole pipeline (log parser → rules → diagnosis
// → advice) and every reporter. The first byte picks the chunk size, so chunk
// boundaries fall anywhere (a line, a NUL, an ANSI sequence split in two).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "app/analyze.h"
#include "report/report.h"

using namespace ci_triage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Engine engine(load_rule_set({}, true));
  if (size == 0) return 0;
  const std::size_t chunk = 1 + data[0] * 37u;
  const std::string_view log(reinterpret_cast<const char*>(data) + 1, size - 1);
  Analysis a = engine.start("fuzz", "fuzz.log");
  for (std::size_t i = 0; i < log.size(); i += chunk) a.feed(log.substr(i, chunk));
  Report report;
  report.jobs.push_back(a.finish());
  JobReport& job = report.jobs.back();
  job.url = "https://github.com/o/r/actions/runs/1/job/2";
  job.job_id = 2;
  for (std::size_t i = 0; i < job.steps.size(); ++i) job.steps[i].api_number = static_cast<int>(i) + 1;
  std::ostringstream out;
  write_json(report, out);
  write_text(report, out);
  write_markdown(report, out);
  write_annotations(report, out, 10);
  RunInfo run;
  run.repo = "o/r";
  run.run_id = 1;
  run.url = "https://github.com/o/r/actions/runs/1";
  run.jobs_listed = true;
  run.jobs_failed = 1;
  report.run = run;
  out << render_github_summary(report) << render_pr_comment(report, {}, sticky_marker("CI"))
      << render_resolved_comment(report, sticky_marker("CI"));
  write_run_annotations(report, out, 10);
  return 0;
}
