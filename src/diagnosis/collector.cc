#include "diagnosis/collector.h"

#include <re2/re2.h>

#include <cmath>
#include <cstdlib>

#include "core/text.h"

namespace ci_triage {
namespace {

std::uint64_t key(std::uint32_t rule, std::uint32_t step) {
  return (static_cast<std::uint64_t>(rule) << 32) | step;
}

bool parse_number(std::string_view s, double& out) {
  std::string clean;
  for (char c : trim(s))
    if (c != ',' && c != '%' && c != '_') clean.push_back(c);
  if (clean.empty()) return false;
  char* end = nullptr;
  out = std::strtod(clean.c_str(), &end);
  return end != clean.c_str() && std::isfinite(out);
}

// "30s", "10m", "1h30m", "2m0s", "20ms", "360 minutes", "1800" (seconds).
bool parse_duration(std::string_view s, double& out) {
  s = trim(s);
  double total = 0;
  bool any = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
    if (j == i) return false;
    const double v = std::strtod(std::string(s.substr(i, j - i)).c_str(), nullptr);
    while (j < s.size() && s[j] == ' ') ++j;
    std::size_t k = j;
    while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) ++k;
    std::string unit(s.substr(j, k - j));
    for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double mult;
    if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs" || unit == "second" ||
        unit == "seconds")
      mult = 1;
    else if (unit == "ms")
      mult = 0.001;
    else if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes")
      mult = 60;
    else if (unit == "h" || unit == "hr" || unit == "hour" || unit == "hours")
      mult = 3600;
    else
      return false;
    total += v * mult;
    any = true;
    i = k;
    while (i < s.size() && s[i] == ' ') ++i;
  }
  out = total;
  return any;
}

}  // namespace

bool parse_field(FieldType type, std::string_view text, FieldValue& out) {
  switch (type) {
    case FieldType::kString:
    case FieldType::kList:
      out = sanitize_utf8(trim(text), 300);
      return !std::get<std::string>(out).empty();
    case FieldType::kInt:
    case FieldType::kNumber: {
      double v;
      if (!parse_number(text, v)) return false;
      if (type == FieldType::kInt) v = std::trunc(v);
      out = v;
      return true;
    }
    case FieldType::kDuration: {
      double v;
      if (!parse_duration(text, v)) return false;
      out = v;
      return true;
    }
  }
  return false;
}

CompiledRules::CompiledRules(RuleSet rules) : rules_(std::move(rules)) {
  std::vector<std::string> output_regexes;
  RE2::Options opts;
  opts.set_log_errors(false);
  auto compile = [&](const std::vector<std::string>& list) {
    std::vector<std::unique_ptr<RE2>> out;
    for (const auto& re : list) out.push_back(std::make_unique<RE2>(re, opts));
    return out;
  };
  for (std::uint32_t r = 0; r < rules_.rules.size(); ++r) {
    const Rule& rule = rules_.rules[r];
    auto add = [&](const std::vector<std::string>& list, Role role) {
      for (const auto& re : list) {
        PatternRef ref{r, role, role != Role::kEvidence && role != Role::kFieldsOutput, {}};
        output_regexes.push_back(re);
        output_refs_.push_back(std::move(ref));
      }
    };
    add(rule.patterns, Role::kEvidence);
    add(rule.fields_from, Role::kFieldsOutput);
    add(rule.step_text, Role::kStepText);
    add(rule.not_step_text, Role::kNotStepText);
    add(rule.job_text, Role::kJobText);
    CommandPatterns cp;
    if (!rule.command.empty()) cp.command = std::make_unique<RE2>(rule.command, opts);
    if (!rule.not_command.empty()) cp.not_command = std::make_unique<RE2>(rule.not_command, opts);
    cp.step_text = compile(rule.step_text);
    for (auto& re : compile(rule.command_text)) cp.step_text.push_back(std::move(re));
    cp.tail_fields = compile(rule.fields_from_tail);
    cp.not_step_text = compile(rule.not_step_text);
    cp.job_text = compile(rule.job_text);
    cp.fields = compile(rule.fields_from_command);
    cp.output_fields = compile(rule.fields_from);
    command_.push_back(std::move(cp));
  }
  output_matcher_ = std::make_unique<Matcher>(output_regexes);
  output_regexes_ = std::move(output_regexes);
  for (std::uint32_t i = 0; i < output_refs_.size(); ++i) {
    PatternRef& ref = output_refs_[i];
    ref.groups = output_matcher_->group_names(i);
    const Rule& rule = rules_.rules[ref.rule];
    for (const auto& name : ref.groups) {
      const auto t = rule.fields.find(name);
      if (t != rule.fields.end() && t->second == FieldType::kList) ref.once_per_step = false;
    }
  }
}

CompiledRules::~CompiledRules() = default;

bool CompiledRules::command_allows(std::uint32_t rule, const std::string& command) const {
  const CommandPatterns& cp = command_[rule];
  if (cp.command && !RE2::PartialMatch(command, *cp.command)) return false;
  if (cp.not_command && RE2::PartialMatch(command, *cp.not_command)) return false;
  return true;
}

namespace {
// Calls f(line) for each line of a command block; stops when f returns true.
template <typename F>
bool any_line(const std::string& command, F&& f) {
  std::string_view rest(command);
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    if (f(line)) return true;
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return false;
}

bool any_match(const std::vector<std::unique_ptr<RE2>>& res, const std::string& command) {
  if (res.empty()) return false;
  return any_line(command, [&](std::string_view line) {
    for (const auto& re : res)
      if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), *re)) return true;
    return false;
  });
}
}  // namespace

bool CompiledRules::command_has_step_text(std::uint32_t rule, const std::string& command) const {
  return any_match(command_[rule].step_text, command);
}
bool CompiledRules::command_has_not_step_text(std::uint32_t rule, const std::string& command) const {
  return any_match(command_[rule].not_step_text, command);
}
bool CompiledRules::command_has_job_text(std::uint32_t rule, const std::string& command) const {
  return any_match(command_[rule].job_text, command);
}

namespace {
void capture_fields(const Rule& rule, const std::vector<std::unique_ptr<RE2>>& res, std::string_view line,
                    std::vector<re2::StringPiece>& sub, std::vector<Capture>& caps, Fields& out) {
  const re2::StringPiece piece(line.data(), line.size());
  for (const auto& re : res) {
    if (!RE2::PartialMatch(piece, *re)) continue;  // cheap DFA pass first
    sub.assign(static_cast<std::size_t>(re->NumberOfCapturingGroups()) + 1, re2::StringPiece());
    if (!re->Match(piece, 0, line.size(), RE2::UNANCHORED, sub.data(), static_cast<int>(sub.size())))
      continue;
    caps.clear();
    for (const auto& [name, idx] : re->NamedCapturingGroups()) {
      const auto& sp = sub[static_cast<std::size_t>(idx)];
      if (sp.data() != nullptr) caps.push_back({name, std::string_view(sp.data(), sp.size())});
    }
    merge_captures(rule, caps, out);
  }
}
}  // namespace

void CompiledRules::output_fields(std::uint32_t rule, const std::vector<std::string>& lines,
                                  Fields& out) const {
  std::vector<re2::StringPiece> sub;
  std::vector<Capture> caps;
  for (const auto& line : lines)
    capture_fields(rules_.rules[rule], command_[rule].output_fields, line, sub, caps, out);
}

void CompiledRules::tail_fields(std::uint32_t rule, const std::vector<EvidenceLine>& lines,
                                Fields& out) const {
  std::vector<re2::StringPiece> sub;
  std::vector<Capture> caps;
  for (const auto& line : lines)
    capture_fields(rules_.rules[rule], command_[rule].tail_fields, line.text, sub, caps, out);
}

void CompiledRules::command_fields(std::uint32_t rule, const std::string& command, Fields& out) const {
  const auto& res = command_[rule].fields;
  if (res.empty()) return;
  std::vector<re2::StringPiece> sub;
  std::vector<Capture> caps;
  any_line(command, [&](std::string_view line) {
    capture_fields(rules_.rules[rule], res, line, sub, caps, out);
    return false;
  });
}

std::vector<std::string> CompiledRules::slow_rules() const {
  std::vector<std::string> out;
  for (int p : output_matcher_->unfiltered()) {
    const std::string& id = rules_.rules[output_refs_[static_cast<std::size_t>(p)].rule].id;
    if (out.empty() || out.back() != id) out.push_back(id);
  }
  return out;
}

Collector::Collector(CompiledRules& rules) : rules_(rules) {}

void Collector::scan(const Batch& batch) {
  constexpr unsigned kOutput = 1u << static_cast<unsigned>(LineKind::kOutput);
  batch_ = &batch;
  const SkipFn skip{[](void* self, std::uint32_t p, const Line& line) {
                      auto* c = static_cast<Collector*>(self);
                      return c->already_known(c->rules_.output_patterns()[p], line);
                    },
                    this};
  rules_.output_matcher().scan(
      batch, kOutput,
      [this](std::uint32_t p, const Line& line, std::string_view text, const std::vector<Capture>& caps) {
        on_hit(rules_.output_patterns()[p], line, text, caps);
      },
      &skip);
  batch_ = nullptr;
}

bool Collector::already_known(const CompiledRules::PatternRef& ref, const Line& line) {
  if (ref.role == CompiledRules::Role::kEvidence) {
    // Saturation: once a rule has quoted its first lines in this step and holds
    // every field this pattern could add, another match changes nothing but
    // the count. Bounds the work on logs that repeat an error a million times.
    const Rule& rule = rules_.rules().rules[ref.rule];
    if (rule.keep_last) return false;
    const auto it = index_.find(key(ref.rule, line.step));
    if (it == index_.end()) return false;
    Accumulation& a = accums_[it->second];
    if (a.saturated) return true;
    if (a.lines.size() < kMaxEvidence) return false;
    for (const auto& g : ref.groups) {
      const auto f = a.fields.find(g);
      if (f == a.fields.end()) return false;
      if (const auto* list = std::get_if<std::vector<std::string>>(&f->second);
          list && list->size() < kMaxListItems)
        return false;
    }
    a.saturated = true;
    return true;
  }
  if (ref.role == CompiledRules::Role::kFieldsOutput) {
    auto& kept = field_lines_[key(ref.rule, line.step)];
    std::string text;
    if (kept.size() < kMaxFieldLines && keep(batch_->line_text(line), kMaxFieldLineBytes, text) &&
        (kept.empty() || kept.back() != text))
      kept.push_back(std::move(text));
    return true;
  }
  if (!ref.once_per_step) return false;
  switch (ref.role) {
    case CompiledRules::Role::kStepText:
      return step_text_seen(ref.rule, line.step);
    case CompiledRules::Role::kNotStepText:
      return not_step_text_seen(ref.rule, line.step);
    case CompiledRules::Role::kJobText:
      return job_text_seen(ref.rule);
    case CompiledRules::Role::kFieldsOutput:
      return true;
    case CompiledRules::Role::kEvidence:
      return false;
  }
  return false;
}

bool Collector::keep(std::string_view text, std::size_t max, std::string& out) {
  const std::size_t n = std::min(text.size(), max);
  if (stored_bytes_ + n > kMaxStoredBytes) return false;
  stored_bytes_ += n;
  out.assign(text.substr(0, n));
  return true;
}

bool Collector::step_text_seen(std::uint32_t rule, std::uint32_t step) const {
  return step_text_.count(key(rule, step)) > 0;
}
bool Collector::not_step_text_seen(std::uint32_t rule, std::uint32_t step) const {
  return not_step_text_.count(key(rule, step)) > 0;
}
bool Collector::job_text_seen(std::uint32_t rule) const { return job_text_.count(rule) > 0; }

const std::vector<std::string>* Collector::field_lines(std::uint32_t rule, std::uint32_t step) const {
  const auto it = field_lines_.find(key(rule, step));
  return it == field_lines_.end() ? nullptr : &it->second;
}

void merge_captures(const Rule& rule, const std::vector<Capture>& captures, Fields& fields) {
  for (const Capture& c : captures) {
    const auto ft = rule.fields.find(std::string(c.name));
    if (ft == rule.fields.end()) continue;
    FieldValue v;
    if (!parse_field(ft->second, c.value, v)) continue;
    auto existing = fields.find(ft->first);
    if (ft->second == FieldType::kList) {
      if (existing == fields.end()) existing = fields.emplace(ft->first, std::vector<std::string>{}).first;
      auto& list = std::get<std::vector<std::string>>(existing->second);
      const auto& s = std::get<std::string>(v);
      if (list.size() < Collector::kMaxListItems && std::find(list.begin(), list.end(), s) == list.end())
        list.push_back(s);
    } else if (existing == fields.end()) {
      fields.emplace(ft->first, std::move(v));
    }
  }
}

void Collector::on_hit(const CompiledRules::PatternRef& ref, const Line& line, std::string_view text,
                       const std::vector<Capture>& captures) {
  switch (ref.role) {
    case CompiledRules::Role::kStepText:
      step_text_.insert(key(ref.rule, line.step));
      return;
    case CompiledRules::Role::kNotStepText:
      not_step_text_.insert(key(ref.rule, line.step));
      return;
    case CompiledRules::Role::kJobText:
      job_text_.insert(ref.rule);
      return;
    case CompiledRules::Role::kFieldsOutput:
      return;  // handled in already_known (deferred)
    case CompiledRules::Role::kEvidence:
      break;
  }
  if (line.kind != LineKind::kOutput) return;  // a step's own script is not evidence
  const Rule& rule = rules_.rules().rules[ref.rule];
  auto [it, fresh] = index_.try_emplace(key(ref.rule, line.step), accums_.size());
  if (fresh) {
    accums_.emplace_back();
    accums_.back().rule = ref.rule;
    accums_.back().step = line.step;
  }
  Accumulation& a = accums_[it->second];
  ++a.count;
  if (!a.lines.empty() && a.lines.back().line == line.number) {
    // another pattern of the same rule on the same line: fields only
  } else if (a.lines.size() < kMaxEvidence) {  // raw: sanitised once, when findings are built
    std::string kept;
    if (keep(text, kMaxQuotedBytes, kept)) a.lines.push_back({line.number, std::move(kept)});
  } else if (rule.keep_last) {
    a.lines.erase(a.lines.begin());
    a.lines.push_back({line.number, std::string(text.substr(0, kMaxQuotedBytes))});
  }
  merge_captures(rule, captures, a.fields);
}

}  // namespace ci_triage
