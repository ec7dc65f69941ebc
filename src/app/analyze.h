// The pipeline for one or more logs: source → log → rules → diagnosis → advice.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "advice/advice.h"
#include "core/finding.h"
#include "diagnosis/collector.h"
#include "log/baseline.h"
#include "sources/log_source.h"

namespace ci_triage {

class Engine;

/// One log being analysed, fed in chunks as they arrive (a download, a pipe):
/// the push-side twin of Engine::analyze. Memory stays bounded.
class Analysis {
 public:
  Analysis(Engine& engine, std::string job_name, std::string origin);
  ~Analysis();
  Analysis(Analysis&&) noexcept;
  Analysis& operator=(Analysis&&) = delete;

  void feed(std::string_view bytes);
  /// Ends the log and returns the job's report. Call once.
  JobReport finish();

 private:
  struct State;
  Engine* engine_;
  std::unique_ptr<State> state_;
};

/// Rules compiled once; analyses any number of logs, one streaming pass each.
class Engine {
 public:
  explicit Engine(RuleSet rules);

  /// Streams the source through the parser and the rules and returns the
  /// job's report. Throws Error on I/O failure.
  JobReport analyze(LogSource& source);
  /// Like analyze, but a `gh run view --log`/`--log-failed` stream (sources/gh_run_log.h)
  /// gives one report per job of the run; any other log gives one report.
  std::vector<JobReport> analyze_jobs(LogSource& source);
  /// Starts a push-fed analysis (see Analysis).
  Analysis start(std::string job_name, std::string origin);

  /// Compares every log analysed from now on with a passing log of the same job: a failed
  /// step no rule explains quotes the lines the passing log does not have (log/baseline.h),
  /// and JobReport::baseline says what was compared.
  void compare_with(std::shared_ptr<const Baseline> baseline);

  const CompiledRules& rules() const { return compiled_; }

 private:
  friend class Analysis;
  struct ErrorLines;
  CompiledRules compiled_;
  Advisor advisor_;
  std::shared_ptr<const Baseline> baseline_;
  std::shared_ptr<const ErrorLines> error_lines_;  // the `unknown` rules' patterns, for new lines
};

/// An engine that lives until the process exits and is never freed. A command builds one,
/// writes its report and exits: freeing ~500 compiled rules and their matcher would add
/// about a tenth to start-up (bench/startup.sh). It stays reachable from a global, so leak
/// checkers do not count it; build one per process, not per log.
Engine& process_engine(RuleSet rules);

/// The rule set for a run: the built-in table unless `builtin` is false, then
/// each user file in order (later files override earlier ones by rule id).
/// Throws UsageError for a bad file or a rule naming an unknown patch generator.
RuleSet load_rule_set(const std::vector<std::string>& user_files, bool builtin);

/// The checked-out repository the advice that reads files is for.
struct Checkout {
  std::filesystem::path root;  ///< "" = no checkout: no patches, no step locations.
  std::string workflow_file;   ///< the workflow that ran, relative to root ("" = find it by the step).
  bool patches = true;         ///< propose patches (false: only locate the failed steps).
};

/// The stages after diagnosis that read the checkout, for every job: patches
/// (advice/patches.h) and each failed step located in its workflow file
/// (StepSummary::source, where SARIF puts step-level findings). Nothing when
/// `checkout.root` is empty or not a directory.
void advise_from_checkout(std::vector<JobReport>& jobs, const Checkout& checkout);

/// `ci-triage analyze`'s pipeline: every log (a `gh run view` stream gives one
/// job per job of the run), diagnosed, advised, in order. The returned report
/// is finished: reporters only read it. Throws Error when a log cannot be read.
Report triage_logs(Engine& engine, const std::vector<std::string>& paths, const Checkout& checkout);

}  // namespace ci_triage
