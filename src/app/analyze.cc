#include "app/analyze.h"

#include <fmt/format.h>

#include <optional>

#include "advice/patches.h"
#include "core/text.h"
#include "diagnosis/diagnose.h"
#include "log/log_parser.h"
#include "rules/embedded.h"
#include "rules/rule_loader.h"
#include "sources/gh_run_log.h"

namespace ci_triage {

RuleSet load_rule_set(const std::vector<std::string>& user_files, bool builtin) {
  RuleSet set = builtin ? builtin_rules() : RuleSet{};
  for (const auto& f : user_files) load_rules_file(f, set);
  check_patch_kinds(set, patch_kinds());
  return set;
}

void advise_from_checkout(std::vector<JobReport>& jobs, const Checkout& checkout) {
  std::error_code ec;
  if (checkout.root.empty() || !std::filesystem::is_directory(checkout.root, ec)) return;
  const PatchOptions where{checkout.root, checkout.workflow_file};
  for (auto& job : jobs) {
    if (checkout.patches) propose_patches(job, where);
    locate_failed_steps(job, where);
  }
}

Report triage_logs(Engine& engine, const std::vector<std::string>& paths, const Checkout& checkout) {
  // Everything is analysed before anything is written: a failure leaves no partial report.
  Report report;
  for (const auto& path : paths) {
    auto source = open_file_source(path);
    for (JobReport& job : engine.analyze_jobs(*source)) report.jobs.push_back(std::move(job));
  }
  advise_from_checkout(report.jobs, checkout);
  return report;
}

Engine::Engine(RuleSet rules)
    : compiled_(std::move(rules), embedded::rules_image()), advisor_(compiled_.rules()) {}

struct Analysis::State {
  State(CompiledRules& rules, std::string name, std::string from)
      : collector(rules), job_name(std::move(name)), origin(std::move(from)) {}
  LogParser parser;
  Collector collector;
  std::string job_name;
  std::string origin;
  std::uint64_t over_budget_lines = 0;  ///< the matcher's, during this analysis's scans
};

Analysis::Analysis(Engine& engine, std::string job_name, std::string origin)
    : engine_(&engine),
      state_(std::make_unique<State>(engine.compiled_, std::move(job_name), std::move(origin))) {}
Analysis::~Analysis() = default;
Analysis::Analysis(Analysis&&) noexcept = default;

void Analysis::feed(std::string_view bytes) {
  State& st = *state_;
  const Matcher& m = engine_->compiled_.output_matcher();
  const std::uint64_t before = m.over_budget_lines();  // analyses share the matcher, never a feed
  st.parser.feed(bytes, [&](const Batch& b) { st.collector.scan(b); });
  st.over_budget_lines += m.over_budget_lines() - before;
}

Analysis Engine::start(std::string job_name, std::string origin) {
  return Analysis(*this, std::move(job_name), std::move(origin));
}

JobReport Engine::analyze(LogSource& source) {
  Analysis a = start(source.job_name(), source.origin());
  for (std::string_view chunk = source.next(); !chunk.empty(); chunk = source.next()) a.feed(chunk);
  return a.finish();
}

namespace {

// Buffers the split stream so that the engine gets chunks, not single lines.
class JobsSink : public GhRunLogSplitter::Sink {
 public:
  JobsSink(Engine& engine, std::string origin) : engine_(engine), origin_(std::move(origin)) {}
  void start_job(std::string_view name) override {
    end_job();
    current_.emplace(engine_.start(name.empty() ? "job" : std::string(name), origin_));
  }
  void bytes(std::string_view data) override {
    buf_.append(data);
    if (buf_.size() >= kFlush) flush();
  }
  std::vector<JobReport> finish() {
    end_job();
    return std::move(reports_);
  }

 private:
  static constexpr std::size_t kFlush = 256 << 10;
  void flush() {
    if (current_ && !buf_.empty()) current_->feed(buf_);
    buf_.clear();
  }
  void end_job() {
    flush();
    if (current_) reports_.push_back(current_->finish());
    current_.reset();
  }
  Engine& engine_;
  std::string origin_;
  std::optional<Analysis> current_;
  std::string buf_;
  std::vector<JobReport> reports_;
};

}  // namespace

std::vector<JobReport> Engine::analyze_jobs(LogSource& source) {
  std::string_view chunk = source.next();
  if (!GhRunLogSplitter::looks_like(chunk)) {
    Analysis a = start(source.job_name(), source.origin());
    for (; !chunk.empty(); chunk = source.next()) a.feed(chunk);
    std::vector<JobReport> one;
    one.push_back(a.finish());
    return one;
  }
  JobsSink sink(*this, source.origin());
  GhRunLogSplitter splitter(sink);
  for (; !chunk.empty(); chunk = source.next()) splitter.feed(chunk);
  splitter.finish();
  return sink.finish();
}

JobReport Analysis::finish() {
  State& st = *state_;
  const std::uint64_t before = engine_->compiled_.output_matcher().over_budget_lines();
  st.parser.finish([&](const Batch& b) { st.collector.scan(b); });
  st.over_budget_lines += engine_->compiled_.output_matcher().over_budget_lines() - before;
  const LogModel& log = st.parser.model();
  Diagnosis d = diagnose(engine_->compiled_, st.collector, log);

  JobReport job;
  job.name = sanitize_utf8(st.job_name, 200);
  job.log = sanitize_utf8(st.origin, 500);
  job.status = d.status;
  job.lines = log.line_count;
  job.bytes = log.byte_count;
  for (const Step& s : log.steps)
    job.steps.push_back({s.number, sanitize_utf8(s.name, 200), s.failed, s.exit_code, s.first_line,
                         s.last_line, 0, sanitize_utf8(s.command, 4096), std::nullopt});
  for (Finding& f : d.findings) {
    f.step.name = sanitize_utf8(f.step.name, 200);
    const auto s = static_cast<std::size_t>(f.step.number - 1);
    engine_->advisor_.advise(
        f, s < log.steps.size() ? std::string_view(log.steps[s].command) : std::string_view());
    job.findings.push_back(std::move(f));
  }
  if (d.omitted > 0)
    job.notices.push_back(fmt::format("{} more finding(s) of lower rank were left out.", d.omitted));
  if (log.byte_count == 0) job.notices.push_back("The log is empty.");
  if (log.binary) job.notices.push_back("The log contains NUL bytes; it may not be a text log.");
  if (log.truncated_lines > 0)
    job.notices.push_back(fmt::format("{} line(s) longer than {} KiB were cut for matching.",
                                      log.truncated_lines, LogParser::kMaxLineBytes / 1024));
  if (st.over_budget_lines > 0)
    job.notices.push_back(fmt::format(
        "{} line(s) were not matched against the rules: the log holds rule literals on so many lines that "
        "matching them all would take far longer than reading it (ci-triage bounds its matching work).",
        st.over_budget_lines));
  if (log.byte_count > 0 && !log.complete() && !log.has_markers)
    job.notices.push_back(
        "No GitHub Actions markers found: analysed as plain tool output (no step information).");
  return job;
}

}  // namespace ci_triage
