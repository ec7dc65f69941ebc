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
  std::vector<std::string> regexes;
  RE2::Options opts;
  opts.set_log_errors(false);
  for (std::uint32_t r = 0; r < rules_.rules.size(); ++r) {
    const Rule& rule = rules_.rules[r];
    auto add = [&](const std::vector<std::string>& list, Role role) {
      for (const auto& re : list) {
        regexes.push_back(re);
        refs_.push_back({r, role});
      }
    };
    add(rule.patterns, Role::kEvidence);
    add(rule.step_text, Role::kStepText);
    add(rule.not_step_text, Role::kNotStepText);
    add(rule.job_text, Role::kJobText);
    add(rule.fields_from, Role::kFieldsOutput);
    add(rule.fields_from_command, Role::kFieldsCommand);
    command_.push_back(rule.command.empty() ? nullptr : std::make_unique<RE2>(rule.command, opts));
    not_command_.push_back(rule.not_command.empty() ? nullptr
                                                    : std::make_unique<RE2>(rule.not_command, opts));
  }
  matcher_ = std::make_unique<Matcher>(regexes);
}

CompiledRules::~CompiledRules() = default;

bool CompiledRules::command_allows(std::uint32_t rule, const std::string& command) const {
  if (command_[rule] && !RE2::PartialMatch(command, *command_[rule])) return false;
  if (not_command_[rule] && RE2::PartialMatch(command, *not_command_[rule])) return false;
  return true;
}

std::vector<std::string> CompiledRules::slow_rules() const {
  std::vector<std::string> out;
  for (int p : matcher_->unfiltered()) {
    const std::string& id = rules_.rules[refs_[static_cast<std::size_t>(p)].rule].id;
    if (out.empty() || out.back() != id) out.push_back(id);
  }
  return out;
}

Collector::Collector(CompiledRules& rules) : rules_(rules) {}

void Collector::scan(const Batch& batch) {
  rules_.matcher().scan(batch, [this](std::uint32_t p, const Line& line, std::string_view text,
                                      const std::vector<Capture>& caps) { on_hit(p, line, text, caps); });
}

bool Collector::step_text_seen(std::uint32_t rule, std::uint32_t step) const {
  return step_text_.count(key(rule, step)) > 0;
}
bool Collector::not_step_text_seen(std::uint32_t rule, std::uint32_t step) const {
  return not_step_text_.count(key(rule, step)) > 0;
}
bool Collector::job_text_seen(std::uint32_t rule) const { return job_text_.count(rule) > 0; }

const Fields* Collector::output_fields(std::uint32_t rule, std::uint32_t step) const {
  const auto it = output_fields_.find(key(rule, step));
  return it == output_fields_.end() ? nullptr : &it->second;
}
const Fields* Collector::command_fields(std::uint32_t rule, std::uint32_t step) const {
  const auto it = command_fields_.find(key(rule, step));
  return it == command_fields_.end() ? nullptr : &it->second;
}

void merge_captures(const Rule& rule, const std::vector<Capture>& captures, Fields& fields) {
  for (const Capture& c : captures) {
    const auto ft = rule.fields.find(std::string(c.name));
    if (ft == rule.fields.end()) continue;
    FieldValue v;
    if (!parse_field(ft->second, c.value, v)) continue;
    auto existing = fields.find(ft->first);
    if (ft->second == FieldType::kList) {
      if (existing == fields.end())
        existing = fields.emplace(ft->first, std::vector<std::string>{}).first;
      auto& list = std::get<std::vector<std::string>>(existing->second);
      const auto& s = std::get<std::string>(v);
      if (list.size() < Collector::kMaxListItems && std::find(list.begin(), list.end(), s) == list.end())
        list.push_back(s);
    } else if (existing == fields.end()) {
      fields.emplace(ft->first, std::move(v));
    }
  }
}

void Collector::on_hit(std::uint32_t pattern, const Line& line, std::string_view text,
                       const std::vector<Capture>& captures) {
  const auto ref = rules_.patterns()[pattern];
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
      if (line.kind == LineKind::kOutput)
        merge_captures(rules_.rules().rules[ref.rule], captures, output_fields_[key(ref.rule, line.step)]);
      return;
    case CompiledRules::Role::kFieldsCommand:
      if (line.kind == LineKind::kCommand)
        merge_captures(rules_.rules().rules[ref.rule], captures, command_fields_[key(ref.rule, line.step)]);
      return;
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
  } else if (a.lines.size() < kMaxEvidence) {
    a.lines.push_back({line.number, sanitize_utf8(text, 300)});
  } else if (rule.keep_last) {
    a.lines.erase(a.lines.begin());
    a.lines.push_back({line.number, sanitize_utf8(text, 300)});
  }
  merge_captures(rule, captures, a.fields);
}

}  // namespace ci_triage
