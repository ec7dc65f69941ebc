#include "app/analyze.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "advice/patches.h"
#include "core/text.h"
#include "diagnosis/diagnose.h"
#include "log/log_parser.h"
#include "log/rerun_markers.h"
#include "rules/embedded.h"
#include "rules/rule_loader.h"
#include "sources/gh_run_log.h"

namespace ci_triage {

RuleSet load_rule_set(const std::vector<std::string>& user_files, bool builtin) {
  RuleSet set = builtin ? builtin_rules(embedded::rule_set_image()) : RuleSet{};
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

Engine& process_engine(RuleSet rules) {
  static auto* const kept = new std::vector<std::unique_ptr<Engine>>();  // never destroyed
  kept->push_back(std::make_unique<Engine>(std::move(rules)));
  return *kept->back();
}

// What the unknown fallback calls an error-looking line: the patterns of the `unknown` rules.
struct Engine::ErrorLines {
  std::vector<std::unique_ptr<re2::RE2>> patterns;
  bool match(std::string_view line) const {
    const re2::StringPiece piece(line.data(), line.size());
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const auto& re) { return RE2::PartialMatch(piece, *re); });
  }
};

void Engine::compare_with(std::shared_ptr<const Baseline> baseline) {
  baseline_ = std::move(baseline);
  auto lines = std::make_shared<ErrorLines>();
  RE2::Options opts;
  opts.set_log_errors(false);
  for (const Rule& r : compiled_.rules().rules)
    if (r.category == kUnknownCategory)
      for (const auto& p : r.patterns) {
        auto re = std::make_unique<RE2>(p, opts);
        if (re->ok()) lines->patterns.push_back(std::move(re));
      }
  error_lines_ = std::move(lines);
}

struct Analysis::State {
  State(CompiledRules& rules, std::string name, std::string from)
      : collector(rules), job_name(std::move(name)), origin(std::move(from)) {}
  LogParser parser;
  Collector collector;
  std::optional<BaselineDiff> diff;
  RerunMarkers reruns;
  std::string job_name;
  std::string origin;
  std::uint64_t over_budget_lines = 0;  ///< the matcher's, during this analysis's scans
};

Analysis::Analysis(Engine& engine, std::string job_name, std::string origin)
    : engine_(&engine),
      state_(std::make_unique<State>(engine.compiled_, std::move(job_name), std::move(origin))) {
  if (engine.baseline_) {
    std::shared_ptr<const Engine::ErrorLines> errors = engine.error_lines_;
    state_->diff.emplace(*engine.baseline_,
                         [errors](std::string_view line) { return errors && errors->match(line); });
  }
}
Analysis::~Analysis() = default;
Analysis::Analysis(Analysis&&) noexcept = default;

void Analysis::feed(std::string_view bytes) {
  State& st = *state_;
  const Matcher& m = engine_->compiled_.output_matcher();
  const std::uint64_t before = m.over_budget_lines();  // analyses share the matcher, never a feed
  st.parser.feed(bytes, [&](const Batch& b) {
    st.collector.scan(b);
    st.reruns.scan(b);
    if (st.diff) st.diff->scan(b);
  });
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

bool exit_status_line(const EvidenceLine& e) {
  return e.text.rfind("##[error]Process completed with exit code", 0) == 0;
}

// A failed step no rule explains: its lines the passing log does not have are what changed.
// Quoted: the first new error-looking lines and the last new lines (what the program said
// before it stopped); without error-looking ones, the first and the last new lines.
void explain_by_baseline(JobReport& job, const BaselineDiff& diff) {
  constexpr std::size_t kErrors = 6;
  BaselineComparison& cmp = *job.baseline;
  for (Finding& f : job.findings) {
    // The fallbacks (no rule explains the step): unknown, or with a category from its context.
    if ((f.rule != "unrecognized-failure" && f.rule != "inferred-failure") || f.step.number <= 0) continue;
    const NewLines* st = diff.step(static_cast<std::size_t>(f.step.number - 1));
    if (st == nullptr || st->fresh == 0) {
      f.summary += fmt::format(
          " The step printed nothing that the passing log {} does not print too: the difference is "
          "not in its output (an exit status, a time-out, the environment).",
          cmp.log);
      continue;
    }
    std::vector<EvidenceLine> lines;
    for (const auto& e : st->errors)
      if (!exit_status_line(e) && lines.size() < kErrors) lines.push_back(e);
    const bool errors = !lines.empty();
    if (!errors)
      for (const auto& e : st->first)
        if (!exit_status_line(e) && lines.size() < 3) lines.push_back(e);
    std::size_t tail = errors ? 2 : 3;
    for (auto it = st->last.rbegin(); it != st->last.rend() && tail > 0; ++it)
      if (!exit_status_line(*it)) {
        lines.push_back(*it);
        --tail;
      }
    if (lines.empty()) continue;
    std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    lines.erase(std::unique(lines.begin(), lines.end(),
                            [](const auto& a, const auto& b) { return a.line == b.line; }),
                lines.end());
    for (auto& e : lines) e.text = sanitize_utf8(e.text, 300);
    f.evidence = std::move(lines);
    f.hit_count = st->fresh;
    f.summary = fmt::format(
        "No rule recognised this failure. Compared with the passing log {}, {} of the step's {} output "
        "lines are new; quoted are the first new {} and the last new lines.",
        cmp.log, st->fresh, st->compared, errors ? "error-looking lines" : "lines");
    if (f.rule == "inferred-failure")
      f.summary += f.inferred_from == "words"
                       ? fmt::format(" (The words of the step's error lines point at `{}`.)", f.category)
                       : fmt::format(" (The step's {} points at `{}`.)", f.inferred_from, f.category);
    cmp.explained = true;
  }
}

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
  GhRunLogSplitter splitter(sink, GhRunLogSplitter::grep_numbered(chunk),
                            GhRunLogSplitter::spaced_columns(chunk));
  for (; !chunk.empty(); chunk = source.next()) splitter.feed(chunk);
  splitter.finish();
  return sink.finish();
}

JobReport Analysis::finish() {
  State& st = *state_;
  const std::uint64_t before = engine_->compiled_.output_matcher().over_budget_lines();
  st.parser.finish([&](const Batch& b) {
    st.collector.scan(b);
    st.reruns.scan(b);
    if (st.diff) st.diff->scan(b);
  });
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
  {  // flaky: rerun tests that are not among the job's failed tests passed in the end
    std::vector<std::string> failed;
    for (const Finding& f : job.findings) {
      if (f.severity != Severity::kError) continue;
      const auto it = f.fields.find("test_ids");
      if (it == f.fields.end()) continue;
      if (const auto* ids = std::get_if<std::vector<std::string>>(&it->second))
        failed.insert(failed.end(), ids->begin(), ids->end());
      else if (const auto* id = std::get_if<std::string>(&it->second))
        failed.push_back(*id);
    }
    job.flaky_tests = st.reruns.flaky(failed);
  }
  if (st.diff) {
    const Baseline& b = st.diff->baseline();
    job.baseline =
        BaselineComparison{sanitize_utf8(b.name, 500), b.line_count,     b.lines.size(), !b.lines.saturated(),
                           st.diff->compared(),        st.diff->fresh(), false};
    explain_by_baseline(job, *st.diff);
    if (b.had_failure)
      job.notices.push_back(fmt::format(
          "The baseline log {} has a failed step itself: lines this log shares with it are not quoted.",
          job.baseline->log));
    if (b.lines.saturated())
      job.notices.push_back(fmt::format(
          "The baseline log {} has more than {} distinct lines; lines after those were not remembered.",
          job.baseline->log, LineSet::kMaxLines));
  }
  return job;
}

}  // namespace ci_triage
