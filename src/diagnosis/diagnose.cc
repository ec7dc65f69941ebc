#include "diagnosis/diagnose.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/text.h"

namespace ci_triage {
namespace {

constexpr std::size_t kUnknownEvidence = 6;

StepRef step_ref(const Step& s) { return {s.number, s.name}; }

void derive_fields(const Rule& rule, Fields& fields) {
  for (const auto& [name, expr] : rule.derive) {
    if (fields.count(name)) continue;
    const auto it = fields.find(expr.substr(6));
    if (it == fields.end()) continue;
    if (const auto* list = std::get_if<std::vector<std::string>>(&it->second))
      fields[name] = static_cast<double>(list->size());
  }
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
  // Paths in the runner's workspace (/home/runner/work/REPO/REPO/…, /__w/REPO/REPO/… in
  // containers) become repository-relative, as annotations expect.
  for (const char* root : {"/home/runner/work/", "/__w/"}) {
    const std::string_view r(root);
    if (loc.file.compare(0, r.size(), r) != 0) continue;
    const std::size_t a = loc.file.find('/', r.size());
    const std::size_t b = a == std::string::npos ? a : loc.file.find('/', a + 1);
    if (b != std::string::npos) loc.file.erase(0, b + 1);
  }
  if (!rule.location_line.empty()) {
    const auto line = f.fields.find(rule.location_line);
    if (line != f.fields.end()) {
      if (const auto* d = std::get_if<double>(&line->second)) loc.line = static_cast<int>(*d);
    }
  }
  f.location = std::move(loc);
}

bool is_error_line_rule(const Rule& r) { return r.category == kUnknownCategory; }

void sort_unique(std::vector<EvidenceLine>& lines) {
  std::sort(lines.begin(), lines.end(),
            [](const EvidenceLine& a, const EvidenceLine& b) { return a.line < b.line; });
  lines.erase(std::unique(lines.begin(), lines.end(),
                          [](const EvidenceLine& a, const EvidenceLine& b) { return a.line == b.line; }),
              lines.end());
}

const Rule* find_rule(const std::vector<Rule>& rules, const std::string& id) {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

Diagnosis diagnose(const CompiledRules& compiled, const Collector& collector, const LogModel& log) {
  Diagnosis d;
  const auto& rules = compiled.rules().rules;
  const int first_failed = log.first_failed_step();
  if (first_failed >= 0)
    d.status = JobStatus::kFailed;
  else if (log.complete())
    d.status = JobStatus::kPassed;

  std::vector<const Accumulation*> error_lines_by_step(log.steps.size(), nullptr);
  std::vector<Finding> found;
  std::vector<const Accumulation*> source;  // parallel to found
  for (const Accumulation& a : collector.accumulations()) {
    const Rule& rule = rules[a.rule];
    const Step& step = log.steps[a.step];
    // Cheap checks first: the command conditions below run regexes.
    if (is_error_line_rule(rule)) {
      if (step.failed || d.status == JobStatus::kUnknown) error_lines_by_step[a.step] = &a;
      continue;
    }
    if (rule.severity == Severity::kError) {
      if (d.status == JobStatus::kPassed) continue;
      if (d.status == JobStatus::kFailed && static_cast<int>(a.step) < first_failed) continue;
    }
    if ((!rule.step_text.empty() || !rule.command_text.empty()) &&
        !collector.step_text_seen(a.rule, a.step) && !compiled.command_has_step_text(a.rule, step.command))
      continue;
    if (collector.not_step_text_seen(a.rule, a.step) ||
        compiled.command_has_not_step_text(a.rule, step.command))
      continue;
    if (!rule.job_text.empty() && !collector.job_text_seen(a.rule) &&
        std::none_of(log.steps.begin(), log.steps.end(),
                     [&](const Step& s) { return compiled.command_has_job_text(a.rule, s.command); }))
      continue;
    if (!compiled.command_allows(a.rule, step.command)) continue;
    Finding f;
    f.category = rule.category;
    f.rule = rule.id;
    f.severity = rule.severity;
    f.priority = rule.priority;
    f.step = step_ref(step);
    f.evidence = a.lines;
    f.hit_count = a.count;
    f.fields = a.fields;  // the rest of the fields once ranked (enrich below)
    f.patch_kind = rule.patch;
    if (rule.quote_tail > 0) {
      const std::size_t n =
          std::min<std::size_t>(step.tail.size(), static_cast<std::size_t>(rule.quote_tail));
      f.evidence.insert(f.evidence.end(), step.tail.end() - static_cast<std::ptrdiff_t>(n), step.tail.end());
      sort_unique(f.evidence);
    }
    found.push_back(std::move(f));
    source.push_back(&a);
  }

  // Consequences: drop a finding when a category (or rule) it is suppressed by
  // was found, as an error, in the same step or an earlier one. Indexed by the
  // earliest step of each category and rule: a log can have thousands of findings.
  // key → (step, index) of its error findings, the two earliest are enough:
  // a finding is not suppressed by itself.
  std::unordered_map<std::string, std::vector<std::pair<int, std::size_t>>> earliest;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].severity != Severity::kError) continue;
    for (const std::string* key : {&found[i].category, &found[i].rule}) {
      auto& v = earliest[*key];
      v.emplace_back(found[i].step.number, i);
      std::sort(v.begin(), v.end());
      if (v.size() > 2) v.pop_back();
    }
  }
  std::vector<bool> drop(found.size(), false);
  std::vector<const Rule*> rule_of(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    rule_of[i] = find_rule(rules, found[i].rule);
    if (rule_of[i] == nullptr) continue;
    for (const auto& by : rule_of[i]->suppressed_by) {
      const auto it = earliest.find(by);
      if (it == earliest.end()) continue;
      for (const auto& [step, j] : it->second)
        if (j != i && step <= found[i].step.number) drop[i] = true;
    }
  }
  // Absorption: a finding takes over the evidence of findings of the categories
  // its rule absorbs in the same step (a test shard's failure and the Python
  // traceback that caused it are one finding).
  std::unordered_map<int, std::vector<std::size_t>> by_step;
  for (std::size_t i = 0; i < found.size(); ++i) by_step[found[i].step.number].push_back(i);
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (drop[i] || rule_of[i] == nullptr || rule_of[i]->absorbs.empty()) continue;
    const auto& absorbs = rule_of[i]->absorbs;
    for (std::size_t j : by_step[found[i].step.number]) {
      if (i == j || drop[j]) continue;
      if (std::find(absorbs.begin(), absorbs.end(), found[j].category) == absorbs.end()) continue;
      found[i].evidence.insert(found[i].evidence.end(), found[j].evidence.begin(), found[j].evidence.end());
      for (const auto& [k, v] : found[j].fields) found[i].fields.emplace(k, v);
      drop[j] = true;
    }
    sort_unique(found[i].evidence);
  }
  std::vector<const Accumulation*> kept_source;  // parallel to d.findings
  for (std::size_t i = 0; i < found.size(); ++i)
    if (!drop[i]) {
      d.findings.push_back(std::move(found[i]));
      kept_source.push_back(source[i]);
    }

  // A failed job always gets an explanation: the first failed step no rule explains.
  auto has_error_in = [&](int step_number) {
    return std::any_of(d.findings.begin(), d.findings.end(), [&](const Finding& f) {
      return f.severity == Severity::kError && f.step.number == step_number;
    });
  };  // (called once)
  auto make_unknown = [&](std::size_t step_index) {
    const Step& step = log.steps[step_index];
    Finding f;
    f.category = kUnknownCategory;
    f.rule = "unrecognized-failure";
    f.severity = Severity::kError;
    f.step = step_ref(step);
    std::vector<EvidenceLine> lines;
    if (const Accumulation* a = error_lines_by_step[step_index]) {
      // The first error-looking lines usually name the problem; the last ones are often noise.
      const std::size_t n = a->lines.size();
      for (std::size_t k = 0; k < n; ++k) {
        // The exit-status line says nothing the title does not.
        if (a->lines[k].text.rfind("##[error]Process completed with exit code", 0) == 0) continue;
        if (k < 3 || k + 2 >= n) lines.push_back(a->lines[k]);
      }
      f.hit_count = a->count;
    }
    const std::size_t n = std::min<std::size_t>(step.tail.size(), 6);
    lines.insert(lines.end(), step.tail.end() - static_cast<std::ptrdiff_t>(n), step.tail.end());
    if (step.first_error) lines.push_back(*step.first_error);
    sort_unique(lines);
    f.evidence = std::move(lines);
    if (step.exit_code) f.fields["exit_code"] = static_cast<double>(*step.exit_code);
    return f;
  };
  if (first_failed >= 0) {
    if (!has_error_in(log.steps[static_cast<std::size_t>(first_failed)].number)) {
      d.findings.push_back(make_unknown(static_cast<std::size_t>(first_failed)));
      kept_source.push_back(nullptr);
    }
  } else if (d.status == JobStatus::kUnknown) {
    const bool any_error = std::any_of(d.findings.begin(), d.findings.end(),
                                       [](const Finding& f) { return f.severity == Severity::kError; });
    if (!any_error) {
      // An excerpt without runner markers: quote the last error-looking lines, if any.
      for (std::size_t s = log.steps.size(); s-- > 0;) {
        if (error_lines_by_step[s] != nullptr) {
          d.findings.push_back(make_unknown(s));
          kept_source.push_back(nullptr);
          break;
        }
      }
    }
  }

  // Quoted lines were kept raw while streaming; make them safe UTF-8 once.
  for (Finding& f : d.findings)
    for (EvidenceLine& e : f.evidence) e.text = sanitize_utf8(e.text, 300);

  // Rank: errors before advisories; among errors, findings of failed steps
  // (earliest failed step first) before findings of the diagnostic steps after
  // them, before the unknown fallback; then priority, then position.
  auto group = [&](const Finding& f) {
    if (f.severity != Severity::kError) return 3;
    if (f.category == kUnknownCategory) return 2;
    const Step& s = log.steps[static_cast<std::size_t>(f.step.number - 1)];
    return s.failed || d.status != JobStatus::kFailed ? 0 : 1;
  };
  auto first_line = [](const Finding& f) { return f.evidence.empty() ? 0 : f.evidence.front().line; };
  std::vector<std::size_t> order(d.findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t ia, std::size_t ib) {
    const Finding& a = d.findings[ia];
    const Finding& b = d.findings[ib];
    const int ga = group(a), gb = group(b);
    if (ga != gb) return ga < gb;
    if (ga == 0 && a.step.number != b.step.number) return a.step.number < b.step.number;
    if (a.priority != b.priority) return a.priority > b.priority;
    if (first_line(a) != first_line(b)) return first_line(a) < first_line(b);
    return a.rule < b.rule;
  });

  // Keep a readable number of findings (a log repeating one failure in
  // thousands of steps would otherwise list them all), then fill in the fields
  // that cost regex runs only for the findings that are reported.
  std::vector<Finding> ranked;
  std::size_t errors = 0, advisories = 0;
  for (std::size_t i : order) {
    Finding& f = d.findings[i];
    std::size_t& n = f.severity == Severity::kError ? errors : advisories;
    if (n >= (f.severity == Severity::kError ? kMaxErrorFindings : kMaxAdvisories)) {
      ++d.omitted;
      continue;
    }
    ++n;
    if (const Accumulation* a = kept_source[i]) {
      const Rule& rule = rules[a->rule];
      const Step& step = log.steps[a->step];
      Fields from_output, from_command;
      if (const auto* lines = collector.field_lines(a->rule, a->step))
        compiled.output_fields(a->rule, *lines, from_output);
      if (!rule.fields_from_tail.empty()) {  // the lines near the failure: evidence, then the step's tail
        std::vector<EvidenceLine> near = a->lines;
        near.insert(near.end(), step.tail.rbegin(), step.tail.rend());
        compiled.tail_fields(a->rule, near, from_output);
      }
      compiled.command_fields(a->rule, step.command, from_command);
      for (const Fields* extra : {static_cast<const Fields*>(&from_output),
                                  static_cast<const Fields*>(&from_command), &rule.constants})
        for (const auto& [k, v] : *extra) f.fields.emplace(k, v);
      derive_fields(rule, f.fields);
      if (step.exit_code && !f.fields.count("exit_code"))
        f.fields["exit_code"] = static_cast<double>(*step.exit_code);
      set_location(rule, f);
    }
    ranked.push_back(std::move(f));
  }
  d.findings = std::move(ranked);
  return d;
}

}  // namespace ci_triage
