#include "diagnosis/diagnose.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/text.h"
#include "diagnosis/finding_fields.h"
#include "diagnosis/locations.h"

namespace ci_triage {
namespace {

constexpr std::size_t kUnknownEvidence = 6;
// A traceback frame locates a finding whose line comes at most this many lines after it.
constexpr std::uint64_t kFrameReach = 100;

// How sure an inferred category is (Finding::confidence).
constexpr double kFromCommand = 0.6;
constexpr double kFromOutput = 0.4;
constexpr double kFromWords = 0.3;
// A rule whose `when.command` held only against plain output's text.
constexpr double kTextCommandConfidence = 0.7;

// The runner's exit-status line says nothing the title does not.
bool is_exit_line(std::string_view text) {
  return text.rfind("##[error]Process completed with exit code", 0) == 0;
}

StepRef step_ref(const Step& s) { return {s.number, s.name}; }

// A text field that is `value`, or a list field holding it.
bool holds_value(const FieldValue& field, const std::string& value) {
  if (const auto* s = std::get_if<std::string>(&field)) return *s == value;
  if (const auto* list = std::get_if<std::vector<std::string>>(&field))
    return std::find(list->begin(), list->end(), value) != list->end();
  return false;
}

void sort_unique(std::vector<EvidenceLine>& lines) {
  std::sort(lines.begin(), lines.end(),
            [](const EvidenceLine& a, const EvidenceLine& b) { return a.line < b.line; });
  lines.erase(std::unique(lines.begin(), lines.end(),
                          [](const EvidenceLine& a, const EvidenceLine& b) { return a.line == b.line; }),
              lines.end());
}

void set_location(const Rule& rule, Finding& f) {
  if (rule.location_file.empty()) return;
  const auto file = f.fields.find(rule.location_file);
  if (file == f.fields.end()) return;
  Location loc;
  if (const auto* s = std::get_if<std::string>(&file->second))
    loc.file = *s;
  else if (const auto* l = std::get_if<std::vector<std::string>>(&file->second); l && !l->empty())
    loc.file = l->front();
  if (loc.file.empty()) return;
  // Paths in the runner's workspace become repository-relative, as annotations expect.
  loc.file = workspace_relative(loc.file);
  if (!rule.location_line.empty()) {
    const auto line = f.fields.find(rule.location_line);
    if (line != f.fields.end()) {
      if (const auto* d = std::get_if<double>(&line->second)) loc.line = static_cast<int>(*d);
    }
  }
  f.location = std::move(loc);
}

/// A finding while it is being decided: what a rule matched in one step, or a
/// fallback. Phases drop candidates or merge them into others.
struct Candidate {
  Finding finding;
  const Rule* rule = nullptr;            ///< nullptr for the fallback.
  const Accumulation* source = nullptr;  ///< what the collector saw (nullptr for the fallback).
  /// Findings folded into this one (fold(), explain(), absorb()): their fields
  /// join once its own are complete (report()), so its own values win.
  std::vector<Fields> folded_fields;
  std::vector<const Accumulation*> folded;  ///< and what the collector saw for them.
  int rank_step = 0;                        ///< ranked as if found in this step (explain()); 0: its own step.
  bool dropped = false;
};

/// The phases of diagnose(), in the order they run.
class Diagnoser {
 public:
  Diagnoser(const CompiledRules& compiled, const Collector& collector, const LogModel& log)
      : compiled_(compiled),
        rules_(compiled.rules().rules),
        collector_(collector),
        log_(log),
        fields_(compiled, collector, log) {
    first_failed_ = log.first_failed_step();
    if (first_failed_ >= 0)
      status_ = JobStatus::kFailed;
    else if (log.complete() || (log.has_markers && log.reached_job_end))
      status_ = JobStatus::kPassed;  // the runner finished the job and no step printed ##[error]
    else if (!log.has_markers && log.plain_passed && !log.plain_failed)
      status_ = JobStatus::kPassed;  // another CI system said the job succeeded
  }

  Diagnosis run() {
    filter();
    contextualize();
    suppress();
    absorb();
    explain();
    reframe();
    fallback();
    rank();
    fold();
    Diagnosis d;
    d.status = status_;
    d.findings = report(d.omitted);
    return d;
  }

 private:
  const Step& step_of(const Candidate& c) const {
    return log_.steps[static_cast<std::size_t>(c.finding.step.number - 1)];
  }

  /// filter: the rules' hits that can be findings: error findings only from
  /// the first failed step on (advisories from any step), and only where the
  /// rule's conditions on the step, its command and the job hold. Error-line
  /// detectors (category `unknown`) are kept aside for the fallback.
  static bool only_step_debug(const Accumulation& a) {
    return std::all_of(a.lines.begin(), a.lines.end(),
                       [](const EvidenceLine& l) { return l.text.starts_with("##[debug]"); });
  }

  void filter() {
    error_lines_.assign(log_.steps.size(), {});
    for (const Accumulation& a : collector_.accumulations()) {
      const Rule& rule = rules_[a.rule];
      const Step& step = log_.steps[a.step];
      if (rule.passed) {  // a tool's summary of a passing run: only the fallback asks
        for (const EvidenceLine& l : a.lines) last_passed_line_ = std::max(last_passed_line_, l.line);
        continue;
      }
      if (is_error_line_detector(rule)) {
        // In an excerpt without a verdict, the runner's step-debug lines ("##[debug]Evaluating
        // failure:") are no sign of one.
        if (step.failed || (status_ == JobStatus::kUnknown && !only_step_debug(a)))
          error_lines_[a.step].push_back(&a);
        continue;
      }
      // Cheap checks first: the command conditions below run regexes.
      if (rule.severity == Severity::kError) {
        if (status_ == JobStatus::kPassed) continue;
        if (status_ == JobStatus::kFailed && static_cast<int>(a.step) < first_failed_) continue;
      }
      bool from_text = false;
      if (!conditions_hold(a, rule, step, from_text)) continue;
      Candidate c;
      c.rule = &rule;
      c.source = &a;
      Finding& f = c.finding;
      f.category = rule.category;
      f.rule = rule.id;
      f.severity = rule.severity;
      f.priority = rule.priority;
      f.step = step_ref(step);
      f.evidence = a.lines;
      f.hit_count = a.count;
      f.fields = a.fields;  // the rest of the fields once ranked (report)
      f.patch_kind = rule.patch;
      if (from_text) f.confidence = kTextCommandConfidence;
      if (rule.quote_tail > 0) {
        const std::size_t n =
            std::min<std::size_t>(step.tail.size(), static_cast<std::size_t>(rule.quote_tail));
        f.evidence.insert(f.evidence.end(), step.tail.end() - static_cast<std::ptrdiff_t>(n),
                          step.tail.end());
        sort_unique(f.evidence);
      }
      candidates_.push_back(std::move(c));
    }
  }

  /// What the step was doing, from the contexts table: its action (`uses:`),
  /// else its command (a script naming several tools: the one whose output
  /// signature shows, else the one on the latest line), else a tool signature
  /// in its output. Nothing when no context fits.
  struct Inference {
    const StepContext* context = nullptr;
    const char* from = "";
    double confidence = 0;
  };
  Inference infer(std::size_t step_index, bool from_output = true) const {
    const Step& step = log_.steps[step_index];
    const auto& contexts = compiled_.rules().contexts;
    // The action a step runs is its header's first line; in plain output (a transcript) the
    // commands pile up in one block and the last one ran last.
    std::string_view block = step.command;
    while (!block.empty() && block.back() == '\n') block.remove_suffix(1);
    const std::size_t last = block.rfind('\n');                             // npos + 1 == 0: a one-line block
    const bool header = log_.has_markers || step.name.starts_with("Run ");  // a web-UI copy's step too
    const std::string_view ref_line = header ? block.substr(0, block.find('\n')) : block.substr(last + 1);
    for (std::uint32_t c = 0; c < contexts.size(); ++c)
      if (compiled_.context_uses(c, ref_line)) return {&contexts[c], "action", kFromCommand};
    // A framing context (a rollback script, `git revert`) names the step's area whatever else
    // its script runs (the checkout before the revert, the push after it).
    if (const StepContext* frame = frame_context(step_index)) return {frame, "command", kFromCommand};
    int best = -1, best_line = -3;
    bool best_seen = false;
    for (std::uint32_t c = 0; c < contexts.size(); ++c) {
      const int line = compiled_.context_command_line(c, step.command);
      if (line == -1) continue;
      const bool seen = collector_.context_seen(c, static_cast<std::uint32_t>(step_index));
      if (best < 0 || (seen && !best_seen) || (seen == best_seen && line > best_line)) {
        best = static_cast<int>(c);
        best_line = line;
        best_seen = seen;
      }
    }
    if (best >= 0) return {&contexts[static_cast<std::size_t>(best)], "command", kFromCommand};
    if (!from_output) return {};
    for (std::uint32_t c = 0; c < contexts.size(); ++c)
      if (collector_.context_seen(c, static_cast<std::uint32_t>(step_index)))
        return {&contexts[c], "output", kFromOutput};
    return {};
  }

  static void apply(const Inference& in, Candidate& c) {
    Finding& f = c.finding;
    f.category = in.context->category;
    f.confidence = in.confidence;
    f.inferred_from = in.from;
    f.context = in.context->id;
  }

  /// contextualize: a rule that knows only *that* the step failed (an exit
  /// status, an uncaught exception; `category_from_context`) takes the
  /// category of the step's context, with the lower confidence of an inference.
  /// From what the step ran: the rule already says what its output shows
  /// (from the output's tool signature only when there is no command).
  void contextualize() {
    for (Candidate& c : candidates_) {
      if (!c.rule->category_from_context) continue;
      // A command block that names a runbook area says what ran; else (plain output, a
      // step that runs `./ci.sh`) the output's tool signature is all there is.
      const Inference in = infer(c.source->step);
      if (in.context == nullptr) continue;
      if (c.rule->context_runbook_only && !is_runbook_category(in.context->category)) continue;
      apply(in, c);
    }
  }

  /// `from_text`: the rule's `when.command` held only against the plain
  /// output's text (no step framing says what ran): a finding of lower confidence.
  /// A step of a job log whose command block names no runbook area (`./ci.sh`, `make
  /// deploy`: a script nobody can see into) is read as plain output is: its output says what ran.
  /// Asked only of a rule whose condition the command block fails; answered once per step.
  bool opaque(std::size_t step_index) const {
    const Step& step = log_.steps[step_index];
    if (!log_.has_markers || step.output_text.empty()) return false;
    if (opaque_.size() < log_.steps.size()) opaque_.assign(log_.steps.size(), -1);
    if (opaque_[step_index] < 0) {
      // A framed step (`./rollback.sh`, `fab rollback`) names an area but not the tools it runs
      // (a checkout, a restart, a health check): its output says what ran, as for `./ci.sh`.
      const Inference in = infer(step_index, false);
      opaque_[step_index] = in.context == nullptr || frame_context(step_index) != nullptr ? 1 : 0;
    }
    return opaque_[step_index] == 1;
  }

  bool conditions_hold(const Accumulation& a, const Rule& rule, const Step& step, bool& from_text) const {
    // Whether what the step printed may stand in for its command: plain output, or an opaque step.
    const auto plain = [&] { return log_.has_markers ? opaque(a.step) : !step.plain_text.empty(); };
    const std::string& text = log_.has_markers ? step.output_text : step.plain_text;
    if ((!rule.step_text.empty() || !rule.command_text.empty()) &&
        !collector_.step_text_seen(a.rule, a.step) &&
        !compiled_.command_has_step_text(a.rule, step.command)) {
      if (!plain() || !compiled_.command_has_step_text(a.rule, text)) return false;
      from_text = true;  // a `command_text` found in plain output
    }
    if (collector_.not_step_text_seen(a.rule, a.step) ||
        compiled_.command_has_not_step_text(a.rule, step.command))
      return false;
    // `deployment "(?P<deployment>…)" successfully rolled out` cancels the wait for that
    // deployment (or for one the finding does not name), not for another of the same step.
    if (const auto* values = collector_.not_step_values(a.rule, a.step))
      for (const auto& [name, value] : *values) {
        const auto f = a.fields.find(name);
        if (f == a.fields.end() || holds_value(f->second, value)) return false;
      }
    if (!rule.job_text.empty() && !collector_.job_text_seen(a.rule) &&
        std::none_of(log_.steps.begin(), log_.steps.end(),
                     [&](const Step& s) { return compiled_.command_has_job_text(a.rule, s.command); }))
      return false;
    if (compiled_.command_allows(a.rule, step.command)) return true;
    // Plain output: what ran is in the text itself (a pasted `helm upgrade …`
    // line, `./promtool check config …`), if anywhere.
    if (!plain() || !compiled_.command_in_text(a.rule, text, step.command)) return false;
    from_text = true;
    return true;
  }

  /// reframe: a failed step whose command a framing context names (`"frame": true`: a rollback
  /// script, task or playbook, a migration's downgrade) fails in that context's area, whatever
  /// failed inside it: the health check after a rollback, a time-out, the checkout of the
  /// previous tag, the downgrade's SQL (the runbook's "rollback command hangs" and "rollback
  /// doesn't fix the error rate"). Credentials and a tool's own checks (registry-auth,
  /// kubectl-auth, tests, …) keep their area: only the categories such a step's own work fails
  /// in are reframed. The finding keeps its rule, evidence and advice.
  static bool reframable(std::string_view category) {
    static constexpr std::string_view kInside[] = {
        "smoke-tests",    "timeout", "git",    "docker-build",   "docker-cache",      "db-migration",
        "pods-not-ready", "network", "config", "infrastructure", "uncaught-exception"};
    return std::find(std::begin(kInside), std::end(kInside), category) != std::end(kInside);
  }

  /// The framing context (`"frame": true`: a rollback script, a migration's downgrade) whose
  /// command pattern the step's command block matches, if any.
  const StepContext* frame_context(std::size_t step_index) const {
    if (frame_step_.size() < log_.steps.size()) frame_step_.assign(log_.steps.size(), -2);
    int& slot = frame_step_[step_index];
    if (slot == -2) {
      slot = -1;
      // Only a step's own header (`Run ./rollback.sh`, its script) says it is a rollback: an
      // excerpt's transcript lines (`>>> Initiating rollback...`) are what a deploy script
      // printed, not what the step ran.
      const Step& step = log_.steps[step_index];
      if (!step.name.starts_with("Run ")) return nullptr;
      const auto& contexts = compiled_.rules().contexts;
      for (std::uint32_t c = 0; c < contexts.size() && slot < 0; ++c)
        if (contexts[c].frame && compiled_.context_command_line(c, step.command) != -1 &&
            !compiled_.context_runs_as_fallback(c, step.command))
          slot = static_cast<int>(c);
    }
    return slot < 0 ? nullptr : &compiled_.rules().contexts[static_cast<std::size_t>(slot)];
  }

  void reframe() {
    for (Candidate& c : candidates_) {
      Finding& f = c.finding;
      if (f.severity != Severity::kError || !reframable(f.category)) continue;
      const Step& step = log_.steps[c.source->step];
      if (!step.failed) continue;
      const StepContext* ctx = frame_context(c.source->step);
      if (ctx == nullptr) continue;
      f.category = ctx->category;
      f.context = ctx->id;
      if (f.inferred_from.empty()) f.inferred_from = "command";
    }
  }

  /// suppress: a finding whose rule lists, in `suppressed_by`, a category or
  /// rule id found as an error in the same or an earlier step is a consequence:
  /// dropped. Indexed by the two earliest error findings of each key (a log can
  /// have thousands of findings; a finding never suppresses itself). A finding
  /// whose category came from the step's context (npm's "Lifecycle script
  /// failed" in a `jest` step) knows only that the step failed: it suppresses
  /// nothing (else it and the coverage gate it wraps would drop each other).
  /// Two findings that each list the other's category (or rule) in `suppressed_by` would
  /// drop each other: `npm test`'s failure wraps the coverage gate that failed it, and the
  /// coverage gate gives way to failing tests. The rule of higher priority (the more specific
  /// one) stays.
  static bool outranks_mutual(const Candidate& c, const Candidate& by) {
    const auto& back = by.rule->suppressed_by;
    const bool mutual = std::find(back.begin(), back.end(), c.finding.category) != back.end() ||
                        std::find(back.begin(), back.end(), c.finding.rule) != back.end();
    return mutual && c.rule->priority > by.rule->priority;
  }

  void suppress() {
    std::unordered_map<std::string, std::vector<std::pair<int, std::size_t>>> earliest;
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      const Finding& f = candidates_[i].finding;
      if (f.severity != Severity::kError || candidates_[i].rule->category_from_context) continue;
      for (const std::string* key : {&f.category, &f.rule}) {
        auto& v = earliest[*key];
        v.emplace_back(f.step.number, i);
        std::sort(v.begin(), v.end());
        if (v.size() > 2) v.pop_back();
      }
    }
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      Candidate& c = candidates_[i];
      for (const auto& by : c.rule->suppressed_by) {
        const auto it = earliest.find(by);
        if (it == earliest.end()) continue;
        for (const auto& [step, j] : it->second)
          if (j != i && step <= c.finding.step.number && !outranks_mutual(c, candidates_[j]))
            c.dropped = true;
      }
    }
  }

  /// Whether `by`'s rule absorbs `what`: by its finding's category, the category its rule declares
  /// (one taken from the step's context hides it) or its rule's id.
  static bool absorbs(const Candidate& by, const Candidate& what) {
    const auto& list = by.rule->absorbs;
    const auto named = [&](const std::string& x) {
      return std::find(list.begin(), list.end(), x) != list.end();
    };
    return named(what.finding.category) || named(what.rule->category) || named(what.finding.rule);
  }

  /// absorb: a finding takes over the evidence and fields of the findings of
  /// the categories its rule absorbs in the same step (a test shard's failure
  /// and the Python traceback that caused it are one finding).
  void absorb() {
    std::unordered_map<int, std::vector<std::size_t>> by_step;
    for (std::size_t i = 0; i < candidates_.size(); ++i)
      by_step[candidates_[i].finding.step.number].push_back(i);
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      Candidate& c = candidates_[i];
      if (c.dropped || c.rule->absorbs.empty()) continue;
      for (std::size_t j : by_step[c.finding.step.number]) {
        Candidate& other = candidates_[j];
        if (i == j || other.dropped || !absorbs(c, other)) continue;
        // Two findings that absorb each other: the higher priority takes the other in, whichever
        // line comes first (a credential helper's failure under the login error it causes).
        if (other.rule->priority > c.rule->priority && absorbs(other, c)) continue;
        merge_into(c, other);
      }
    }
  }

  /// explain: cause before symptom. A finding whose rule `explains` a
  /// category or rule id takes in the error findings of it from any step (a
  /// crash-looping pod shown by an `if: failure()` step explains the rollout
  /// time-out of the deploy step before it; a failing probe explains the smoke
  /// test): their lines and fields join it and it ranks in their place.
  void explain() {
    for (Candidate& cause : candidates_) {
      if (cause.dropped || cause.finding.severity != Severity::kError || cause.rule->explains.empty())
        continue;
      const auto& explains = cause.rule->explains;
      for (Candidate& effect : candidates_) {
        if (&effect == &cause || effect.dropped || effect.finding.severity != Severity::kError ||
            effect.rule == cause.rule)
          continue;
        if (std::find(explains.begin(), explains.end(), effect.finding.category) == explains.end() &&
            std::find(explains.begin(), explains.end(), effect.finding.rule) == explains.end())
          continue;
        take_over(cause, effect);
      }
    }
  }

  // `cause` takes in `effect`: its lines, fields and place in the ranking.
  void take_over(Candidate& cause, Candidate& effect) {
    const int at = rank_step(effect);
    if (rank_group(step_at(at)) < rank_group(step_at(rank_step(cause))) ||
        (rank_group(step_at(at)) == rank_group(step_at(rank_step(cause))) && at < rank_step(cause)))
      cause.rank_step = at;
    merge_into(cause, effect);
  }

  static int rank_step(const Candidate& c) { return c.rank_step != 0 ? c.rank_step : c.finding.step.number; }
  const Step& step_at(int number) const { return log_.steps[static_cast<std::size_t>(number - 1)]; }
  /// Where a step's error findings rank: failed steps first, then steps after
  /// the first failure (diagnostic `if: failure()` steps).
  int rank_group(const Step& s) const { return s.failed || status_ != JobStatus::kFailed ? 0 : 2; }

  // `into` takes in `from`: its lines now, its fields once its own are complete.
  static void merge_into(Candidate& into, Candidate& from) {
    Finding& f = into.finding;
    f.evidence.insert(f.evidence.end(), from.finding.evidence.begin(), from.finding.evidence.end());
    sort_unique(f.evidence);
    into.folded_fields.push_back(std::move(from.finding.fields));
    for (auto& more : from.folded_fields) into.folded_fields.push_back(std::move(more));
    if (from.source != nullptr) into.folded.push_back(from.source);
    into.folded.insert(into.folded.end(), from.folded.begin(), from.folded.end());
    from.dropped = true;
  }

  bool has_error_in(int step_number) const {
    return std::any_of(candidates_.begin(), candidates_.end(), [&](const Candidate& c) {
      return !c.dropped && c.finding.severity == Severity::kError && rank_step(c) == step_number;
    });
  }

  /// fallback: a failed job always gets an explanation. The first failed step
  /// no rule explains gets an `unknown` finding quoting its error-looking
  /// lines and its last output; an excerpt without runner markers gets one for
  /// the last step with error-looking lines, if no rule fired.
  void fallback() {
    if (first_failed_ >= 0) {
      const auto s = static_cast<std::size_t>(first_failed_);
      if (!has_error_in(log_.steps[s].number) && !promote_warning(s)) candidates_.push_back(unknown(s));
      return;
    }
    if (status_ != JobStatus::kUnknown) return;
    const bool any_error = std::any_of(candidates_.begin(), candidates_.end(), [](const Candidate& c) {
      return !c.dropped && c.finding.severity == Severity::kError;
    });
    if (any_error) return;
    // Plain output whose CI system or build tool said the job failed (GitLab's `ERROR: Job
    // failed: exit code 1` after PHPStan's `[OK] No errors`, Maven's BUILD FAILURE): a tool's
    // passing summary does not clear that verdict.
    const bool ci_failed = !log_.has_markers && log_.plain_failed;
    const std::uint64_t passed_line = ci_failed ? 0 : last_passed_line_;
    for (std::size_t s = log_.steps.size(); s-- > 0;) {
      if (!error_lines_[s].empty()) {
        // The tool ended the step (or a later one) with its summary of a passing run: the
        // error-looking lines were warnings or test output, not a failure.
        const Step& step = log_.steps[s];
        const std::uint64_t ending = step.tail.empty() ? step.last_line : step.tail.front().line;
        if (passed_line != 0 && passed_line >= ending) return;
        // A tool's passing summary after every error-looking line of the step (all of them kept,
        // so none later is unknown): they were a skipped tool's notice or a test's expected
        // output, not the failure.
        if (passed_line != 0 &&
            std::all_of(error_lines_[s].begin(), error_lines_[s].end(), [&](const Accumulation* a) {
              return a->lines.size() < Collector::kMaxEvidence &&
                     std::all_of(a->lines.begin(), a->lines.end(),
                                 [&](const EvidenceLine& l) { return l.line < passed_line; });
            }))
          return;
        // The runner ends every step that fails with "##[error]…" in its own stamped log: a step
        // that another one (or the post-job cleanup) followed without it passed. Only the last
        // step of such an excerpt may have been cut before its verdict.
        if (log_.has_timestamps && log_.has_markers && s + 1 < log_.steps.size()) return;
        if (!promote_warning(s)) candidates_.push_back(unknown(s));
        return;
      }
    }
    // Plain output whose CI system said the job failed (Travis' `The command "…" exited with 1.`,
    // CircleCI's `Exited with code exit status 1`) but printed nothing error-looking (RuboCop's or
    // flake8's offense lines): the failure is still the last step's, quoted from its last lines.
    if (!log_.has_markers && log_.plain_failed && !log_.steps.empty())
      candidates_.push_back(unknown(log_.steps.size() - 1));
  }

  /// A failed step whose only error-looking lines are lines an advisory rule already named (a
  /// kaniko cache lookup refused, a layer cache that missed): that advisory is the best account
  /// of the failure there is, better than a fallback quoting the same lines. It becomes an error
  /// finding. Returns whether one did.
  bool promote_warning(std::size_t step_index) {
    const int number = log_.steps[step_index].number;
    std::vector<std::uint64_t> detected;
    for (const Accumulation* a : error_lines_[step_index])
      for (const EvidenceLine& l : a->lines)
        if (!is_exit_line(l.text)) detected.push_back(l.line);
    if (detected.empty()) return false;
    for (Candidate& c : candidates_) {
      if (c.dropped || c.finding.severity != Severity::kWarning || rank_step(c) != number) continue;
      const bool covers = std::all_of(detected.begin(), detected.end(), [&](std::uint64_t line) {
        return std::any_of(c.finding.evidence.begin(), c.finding.evidence.end(),
                           [&](const EvidenceLine& e) { return e.line == line; });
      });
      if (!covers) continue;
      c.finding.severity = Severity::kError;
      return true;
    }
    return false;
  }

  /// The fallback finding of a step: its category inferred from the step's
  /// context (infer()), else `unknown`; its evidence the step's own
  /// error-looking lines and last output lines.
  Candidate unknown(std::size_t step_index) const {
    const Step& step = log_.steps[step_index];
    Candidate c;
    Finding& f = c.finding;
    f.category = kUnknownCategory;
    f.rule = "unrecognized-failure";
    f.confidence = 0;
    f.severity = Severity::kError;
    f.step = step_ref(step);
    if (const Inference in = infer(step_index); in.context != nullptr) {
      apply(in, c);
      f.rule = "inferred-failure";
    }
    std::vector<EvidenceLine> lines;
    if (!error_lines_[step_index].empty()) {
      // Every detector's lines, in log order (a generic error line and a tool's own message).
      std::vector<EvidenceLine> detected;
      for (const Accumulation* a : error_lines_[step_index]) {
        for (const EvidenceLine& l : a->lines)
          if (!is_exit_line(l.text)) detected.push_back(l);
        f.hit_count += a->count;
      }
      sort_unique(detected);
      // The first error-looking lines usually name the problem; the last ones are often noise.
      const std::size_t n = detected.size();
      for (std::size_t k = 0; k < n; ++k)
        if (k < 3 || k + 2 >= n) lines.push_back(detected[k]);
    }
    const std::size_t n = std::min<std::size_t>(step.tail.size(), kUnknownEvidence);
    lines.insert(lines.end(), step.tail.end() - static_cast<std::ptrdiff_t>(n), step.tail.end());
    if (step.first_error) lines.push_back(*step.first_error);
    sort_unique(lines);
    f.evidence = std::move(lines);
    if (step.exit_code) f.fields["exit_code"] = static_cast<double>(*step.exit_code);
    if (f.rule == "unrecognized-failure") {
      // No rule and no context: the words of the quoted error lines ("migration", "coverage …
      // minimum", "CrashLoopBackOff") are the last guess at the runbook area.
      std::vector<std::string_view> texts;
      texts.reserve(f.evidence.size());
      for (const EvidenceLine& e : f.evidence) texts.push_back(e.text);
      if (std::string category = compiled_.vocabulary_vote(texts); !category.empty()) {
        f.category = std::move(category);
        f.rule = "inferred-failure";
        f.confidence = kFromWords;
        f.inferred_from = "words";
      }
    }
    return c;
  }

  /// rank: errors before advisories; among errors, findings of failed steps,
  /// earliest failed step first (the fallback of the first failed step too: its
  /// own output, however vague, says more than a later step), then the findings
  /// of the diagnostic steps after the failure, unless they explain it
  /// (explain()); then priority, then position.
  void rank() {
    candidates_.erase(
        std::remove_if(candidates_.begin(), candidates_.end(), [](const Candidate& c) { return c.dropped; }),
        candidates_.end());
    auto group = [&](const Candidate& c) {
      if (c.finding.severity != Severity::kError) return 3;
      return rank_group(step_at(rank_step(c)));
    };
    auto first_line = [](const Finding& f) { return f.evidence.empty() ? 0 : f.evidence.front().line; };
    std::stable_sort(candidates_.begin(), candidates_.end(), [&](const Candidate& ca, const Candidate& cb) {
      const Finding& a = ca.finding;
      const Finding& b = cb.finding;
      const int ga = group(ca), gb = group(cb);
      if (ga != gb) return ga < gb;
      if (ga == 0 && rank_step(ca) != rank_step(cb)) return rank_step(ca) < rank_step(cb);
      if (a.priority != b.priority) return a.priority > b.priority;
      if (first_line(a) != first_line(b)) return first_line(a) < first_line(b);
      return a.rule < b.rule;
    });
  }

  /// fold: one event, one finding. A line belongs to one error finding: an
  /// error finding citing a line a higher-ranked one already cites is the same
  /// event seen by another rule (an import error reported again as an uncaught
  /// exception, one time-out reported by three rules) and folds into it: its
  /// evidence and fields join the higher-ranked finding.
  void fold() {
    std::unordered_map<std::uint64_t, std::size_t> owner;  // line → candidate citing it
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      Candidate& c = candidates_[i];
      if (c.finding.severity != Severity::kError) continue;
      std::size_t into = i;
      for (const EvidenceLine& e : c.finding.evidence) {
        const auto it = owner.find(e.line);
        if (it != owner.end() && it->second < into) into = it->second;
      }
      if (into != i) merge_into(candidates_[into], c);
      for (const EvidenceLine& e : candidates_[into].finding.evidence) owner.emplace(e.line, into);
    }
    candidates_.erase(
        std::remove_if(candidates_.begin(), candidates_.end(), [](const Candidate& c) { return c.dropped; }),
        candidates_.end());
  }

  /// report: a readable number of findings (a log repeating one failure in
  /// thousands of steps would otherwise list them all); the fields that cost
  /// regex runs are filled in only for the findings that are reported; quoted
  /// lines, kept raw while streaming, become safe UTF-8.
  std::vector<Finding> report(std::size_t& omitted) {
    std::vector<Finding> out;
    std::size_t errors = 0, advisories = 0;
    for (Candidate& c : candidates_) {
      Finding& f = c.finding;
      const bool error = f.severity == Severity::kError;
      std::size_t& n = error ? errors : advisories;
      if (n >= (error ? kMaxErrorFindings : kMaxAdvisories)) {
        ++omitted;
        continue;
      }
      ++n;
      if (c.source != nullptr) {
        fields_.enrich(*c.source, f.fields);
        set_location(rules_[c.source->rule], f);
      }
      // What the folded findings' patterns captured, then what their rules add and derive from it.
      for (const Fields& more : c.folded_fields)
        for (const auto& [k, v] : more) f.fields.emplace(k, v);
      for (const Accumulation* a : c.folded) fields_.enrich(*a, f.fields);
      if (error) {
        add_context_fields(f);
        fields_.add_extracted(f);
      }
      for (EvidenceLine& e : f.evidence) e.text = sanitize_utf8(e.text, 300);
      add_locations(c, f);
      out.push_back(std::move(f));
    }
    return out;
  }

  /// Every place in the project the finding points at: each quoted line from
  /// which its rule (or a rule folded into it) reads a file, with that line as
  /// the message; else the innermost project frame of a Python traceback the
  /// step printed just before the finding's lines (the script that crashed).
  void add_locations(const Candidate& c, Finding& f) const {
    std::vector<std::uint32_t> located;
    auto add_rule = [&](const Accumulation* a) {
      if (a != nullptr && !rules_[a->rule].location_file.empty() &&
          std::find(located.begin(), located.end(), a->rule) == located.end())
        located.push_back(a->rule);
    };
    add_rule(c.source);
    for (const Accumulation* a : c.folded) add_rule(a);
    for (const EvidenceLine& e : f.evidence) {
      if (f.locations.size() == kMaxLocations) break;
      for (std::uint32_t r : located) {
        Fields here;
        compiled_.line_fields(r, e.text, here);
        const Rule& rule = rules_[r];
        const auto file = here.find(rule.location_file);
        if (file == here.end()) continue;
        const auto* s = std::get_if<std::string>(&file->second);
        const auto* l = std::get_if<std::vector<std::string>>(&file->second);
        const std::optional<std::string> path = project_path(s ? *s : l && !l->empty() ? l->front() : "");
        if (!path) break;
        Location loc(*path, 0, e.text, e.line);
        if (const auto line = here.find(rule.location_line); line != here.end())
          if (const auto* d = std::get_if<double>(&line->second)) loc.line = static_cast<int>(*d);
        const bool seen = std::any_of(f.locations.begin(), f.locations.end(), [&](const Location& o) {
          return o.file == loc.file && o.line == loc.line;
        });
        if (!seen) f.locations.push_back(std::move(loc));
        break;
      }
    }
    // A rule that lists files without quoting a line for each (a formatter's
    // check: the files it would change): one location per file.
    if (f.locations.empty() && c.rule != nullptr && !c.rule->location_file.empty()) {
      const auto files = f.fields.find(c.rule->location_file);
      const auto* list =
          files == f.fields.end() ? nullptr : std::get_if<std::vector<std::string>>(&files->second);
      for (std::size_t i = 0; list != nullptr && i < list->size(); ++i)
        if (auto path = project_path((*list)[i]); path && f.locations.size() < kMaxLocations)
          f.locations.emplace_back(std::move(*path), 0);
    }
    if (!f.locations.empty() || f.evidence.empty()) return;
    const std::vector<Collector::Frame> kept =
        collector_.frames(static_cast<std::uint32_t>(f.step.number - 1));
    const auto* frames = &kept;
    if (frames->empty()) return;
    for (const EvidenceLine& e : f.evidence) {
      // The last frame before the line, if that traceback ends near it.
      const auto after =
          std::lower_bound(frames->begin(), frames->end(), e.line,
                           [](const Collector::Frame& fr, std::uint64_t line) { return fr.log_line < line; });
      if (after == frames->begin()) continue;
      const Collector::Frame& fr = *(after - 1);
      if (e.line - fr.log_line > kFrameReach) continue;
      f.locations.push_back(fr.where);
      if (!f.location) f.location = fr.where;
      return;
    }
  }

  /// The tool and ecosystem of the finding's step when its rule does not name
  /// them (a registry error in a `podman push` step: tool podman).
  void add_context_fields(Finding& f) const {
    if (f.fields.count("tool") && f.fields.count("ecosystem")) return;
    const StepContext* ctx = nullptr;
    for (const StepContext& x : compiled_.rules().contexts)
      if (x.id == f.context) ctx = &x;
    const auto step = static_cast<std::size_t>(f.step.number - 1);
    if (ctx == nullptr) ctx = infer(step).context;
    if (ctx == nullptr) return;
    // A command that names no tool (`npm test`): the tool whose output signature the step shows
    // (node:test's `# fail 1`), if one of the same category does.
    const auto& contexts = compiled_.rules().contexts;
    for (std::uint32_t c = 0; ctx->tool.empty() && c < contexts.size(); ++c)
      if (!contexts[c].tool.empty() && contexts[c].category == ctx->category &&
          collector_.context_seen(c, static_cast<std::uint32_t>(step)))
        f.fields.emplace("tool", contexts[c].tool);
    if (!ctx->tool.empty()) f.fields.emplace("tool", ctx->tool);
    if (!ctx->ecosystem.empty()) f.fields.emplace("ecosystem", ctx->ecosystem);
  }

  const CompiledRules& compiled_;
  const std::vector<Rule>& rules_;
  const Collector& collector_;
  const LogModel& log_;
  const FindingFields fields_;  ///< a finding's fields past its evidence patterns' captures
  JobStatus status_ = JobStatus::kUnknown;
  int first_failed_ = -1;
  std::uint64_t last_passed_line_ = 0;  ///< the last line of a tool's summary of a passing run (0: none).
  std::vector<std::vector<const Accumulation*>> error_lines_;  ///< per step: its error-line detectors' hits.
  mutable std::vector<signed char> opaque_;  ///< per step: opaque() once known (-1: not yet asked).
  mutable std::vector<int> frame_step_;      ///< per step: its framing context, -1 none (-2: not yet asked).
  std::vector<Candidate> candidates_;
};

}  // namespace

Diagnosis diagnose(const CompiledRules& compiled, const Collector& collector, const LogModel& log) {
  return Diagnoser(compiled, collector, log).run();
}

}  // namespace ci_triage
