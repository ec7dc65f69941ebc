#include "app/analyze.h"

#include <fmt/format.h>

#include "core/text.h"
#include "diagnosis/diagnose.h"
#include "log/log_parser.h"
#include "rules/rule_loader.h"

namespace ci_triage {

RuleSet load_rule_set(const std::vector<std::string>& user_files, bool builtin) {
  RuleSet set = builtin ? builtin_rules() : RuleSet{};
  for (const auto& f : user_files) load_rules_file(f, set);
  return set;
}

Engine::Engine(RuleSet rules) : compiled_(std::move(rules)), advisor_(compiled_.rules()) {}

JobReport Engine::analyze(LogSource& source) {
  LogParser parser;
  Collector collector(compiled_);
  const BatchSink sink = [&](const Batch& b) { collector.scan(b); };
  for (std::string_view chunk = source.next(); !chunk.empty(); chunk = source.next())
    parser.feed(chunk, sink);
  parser.finish(sink);
  const LogModel& log = parser.model();
  Diagnosis d = diagnose(compiled_, collector, log);

  JobReport job;
  job.name = sanitize_utf8(source.job_name(), 200);
  job.log = sanitize_utf8(source.origin(), 500);
  job.status = d.status;
  job.lines = log.line_count;
  job.bytes = log.byte_count;
  for (const Step& s : log.steps)
    job.steps.push_back({s.number, sanitize_utf8(s.name, 200), s.failed, s.exit_code, s.first_line,
                         s.last_line, sanitize_utf8(s.command, 4096)});
  for (Finding& f : d.findings) {
    f.step.name = sanitize_utf8(f.step.name, 200);
    advisor_.advise(f);
    job.findings.push_back(std::move(f));
  }
  if (d.omitted > 0)
    job.notices.push_back(fmt::format("{} more finding(s) of lower rank were left out.", d.omitted));
  if (log.byte_count == 0) job.notices.push_back("The log is empty.");
  if (log.binary) job.notices.push_back("The log contains NUL bytes; it may not be a text log.");
  if (log.truncated_lines > 0)
    job.notices.push_back(fmt::format("{} line(s) longer than {} KiB were cut for matching.",
                                      log.truncated_lines, LogParser::kMaxLineBytes / 1024));
  if (log.byte_count > 0 && !log.complete() && !log.has_markers)
    job.notices.push_back(
        "No GitHub Actions markers found: analysed as plain tool output (no step information).");
  return job;
}

}  // namespace ci_triage
