#include "rules/compiled_rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>

#include "core/text.h"
#include "rules/fields.h"
#include "rules/regex_options.h"

namespace ci_triage {

// A rule's regexes outside the output matcher, each list compiled when
// diagnosis first asks for it: most rules that hit only need their command
// condition, and a list compiled for nothing keeps its program (and the DFA
// it grows) until exit.
struct CompiledRules::CommandPatterns {
  using List = std::vector<std::unique_ptr<RE2>>;
  bool conditions = false;  // command and not_command compiled
  std::unique_ptr<RE2> command, not_command;
  std::array<std::unique_ptr<List>, kListKinds> lists;
};

struct CompiledRules::ContextPatterns {
  std::vector<std::unique_ptr<RE2>> command, uses;
};

struct CompiledRules::VocabularyPatterns {
  std::unique_ptr<RE2> marker;
  std::vector<std::unique_ptr<RE2>> pattern, with, unless;  // `with`, `unless` null when the word has none
};

namespace {

// Appends the rule's output patterns to `out`, with `add(role)` called per pattern.
template <typename F>
void for_each_output_pattern(const Rule& rule, F&& add) {
  using Role = CompiledRules::Role;
  for (const auto& re : rule.patterns) add(re, Role::kEvidence);
  for (const auto& re : rule.fields_from) add(re, Role::kFieldsOutput);
  for (const auto& re : rule.step_text) add(re, Role::kStepText);
  for (const auto& re : rule.not_step_text) add(re, Role::kNotStepText);
  for (const auto& re : rule.job_text) add(re, Role::kJobText);
  for (const auto& re : rule.after) add(re, Role::kAfterText);
  for (const auto& re : rule.until) add(re, Role::kUntilText);
}

}  // namespace

std::vector<std::string> CompiledRules::output_regexes(const RuleSet& rules) {
  std::vector<std::string> out;
  for (const Rule& rule : rules.rules)
    for_each_output_pattern(rule, [&](const std::string& re, Role) { out.push_back(re); });
  for (const StepContext& c : rules.contexts)
    for (const auto& re : c.output) out.push_back(re);
  return out;
}

CompiledRules::CompiledRules(RuleSet rules, std::string_view image) : rules_(std::move(rules)) {
  for (std::uint32_t r = 0; r < rules_.rules.size(); ++r)
    for_each_output_pattern(rules_.rules[r], [&](const std::string&, Role role) {
      output_refs_.push_back({r, role, role != Role::kEvidence && role != Role::kFieldsOutput, {}});
    });
  for (std::uint32_t c = 0; c < rules_.contexts.size(); ++c)
    for (std::size_t k = 0; k < rules_.contexts[c].output.size(); ++k)
      output_refs_.push_back({c, Role::kContextText, true, {}});
  output_regexes_ = output_regexes(rules_);
  if (!image.empty()) output_matcher_ = Matcher::from_image(output_regexes_, image);
  from_image_ = output_matcher_ != nullptr;
  if (!from_image_) output_matcher_ = std::make_unique<Matcher>(output_regexes_);
  for (std::uint32_t i = 0; i < output_refs_.size(); ++i) {
    PatternRef& ref = output_refs_[i];
    ref.groups = output_matcher_->group_names(i);
    if (ref.role == Role::kContextText) continue;
    // A not_step_text regex with named groups cancels only the findings whose fields hold what
    // it captured: it keeps matching every line of the step.
    if (ref.role == Role::kNotStepText && !ref.groups.empty()) ref.once_per_step = false;
    const Rule& rule = rules_.rules[ref.rule];
    // A section (`after` … `until`) opens and closes again on every line that says so.
    if ((ref.role == Role::kAfterText || ref.role == Role::kUntilText) && !rule.until.empty())
      ref.once_per_step = false;
    for (const auto& name : ref.groups) {
      const auto t = rule.fields.find(name);
      if (t != rule.fields.end() && t->second == FieldType::kList) ref.once_per_step = false;
    }
  }
  command_.resize(rules_.rules.size());
  context_.resize(rules_.contexts.size());
  extractor_.resize(rules_.extractors.size());
}

bool CompiledRules::extract(std::uint32_t extractor, std::string_view line, FieldValue& out) const {
  const FieldExtractor& e = rules_.extractors[extractor];
  auto& res = extractor_[extractor];
  if (res.empty()) {
    for (const auto& pattern : e.patterns) {
      ExtractorPattern p{std::make_unique<RE2>(pattern, regex_options(pattern))};
      const auto& names = p.re->NamedCapturingGroups();
      if (const auto g = names.find(e.field); g != names.end()) p.group = g->second;
      res.push_back(std::move(p));
    }
  }
  // Called for every line of a step's output by the output extractors: no allocation per
  // line, and the submatch work only for the group that holds the field.
  const re2::StringPiece piece(line.data(), line.size());
  std::array<re2::StringPiece, 32> small;
  std::vector<re2::StringPiece> large;
  for (const auto& p : res) {
    if (p.group == 0) continue;
    re2::StringPiece* sub = small.data();
    if (p.group >= static_cast<int>(small.size())) {
      large.resize(static_cast<std::size_t>(p.group) + 1);
      sub = large.data();
    }
    if (!p.re->Match(piece, 0, line.size(), RE2::UNANCHORED, sub, p.group + 1)) continue;
    const auto& sp = sub[p.group];
    if (sp.data() != nullptr && parse_field(e.type, std::string_view(sp.data(), sp.size()), out)) return true;
  }
  return false;
}

const CompiledRules::ContextPatterns& CompiledRules::context_patterns(std::uint32_t context) const {
  auto& slot = context_[context];
  if (slot != nullptr) return *slot;
  slot = std::make_unique<ContextPatterns>();
  const StepContext& c = rules_.contexts[context];
  for (const auto& re : c.command) slot->command.push_back(std::make_unique<RE2>(re, regex_options(re)));
  for (const auto& re : c.uses) slot->uses.push_back(std::make_unique<RE2>(re, regex_options(re)));
  return *slot;
}

std::string CompiledRules::vocabulary_vote(const std::vector<std::string_view>& lines) const {
  constexpr std::size_t kLines = 64, kLineBytes = 4096;
  const auto& words = rules_.vocabulary;
  if (words.empty() || rules_.vocabulary_marker.empty()) return {};
  if (vocabulary_ == nullptr) {
    auto v = std::make_unique<VocabularyPatterns>();
    const std::string& m = rules_.vocabulary_marker;
    v->marker = std::make_unique<RE2>(m, regex_options(m));
    for (const auto& w : words) {
      v->pattern.push_back(std::make_unique<RE2>(w.pattern, regex_options(w.pattern)));
      v->with.push_back(w.with.empty() ? nullptr : std::make_unique<RE2>(w.with, regex_options(w.with)));
      v->unless.push_back(w.unless.empty() ? nullptr
                                           : std::make_unique<RE2>(w.unless, regex_options(w.unless)));
    }
    vocabulary_ = std::move(v);
  }
  const VocabularyPatterns& v = *vocabulary_;
  std::vector<std::string_view> seen;
  std::vector<std::pair<std::string_view, int>> votes;  // category, lines; in first-vote order
  std::vector<std::string_view> line_cats;
  for (std::string_view line : lines) {
    if (seen.size() >= kLines) break;
    line = line.substr(0, kLineBytes);
    if (std::find(seen.begin(), seen.end(), line) != seen.end()) continue;
    seen.push_back(line);
    const bool marked = RE2::PartialMatch(line, *v.marker);
    line_cats.clear();
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!words[i].strong && !marked) continue;
      const std::string_view cat = words[i].category;
      if (std::find(line_cats.begin(), line_cats.end(), cat) != line_cats.end()) continue;
      if (!RE2::PartialMatch(line, *v.pattern[i])) continue;
      if (v.with[i] != nullptr && !RE2::PartialMatch(line, *v.with[i])) continue;
      if (v.unless[i] != nullptr && RE2::PartialMatch(line, *v.unless[i])) continue;
      line_cats.push_back(cat);
    }
    for (const std::string_view cat : line_cats) {
      auto it = std::find_if(votes.begin(), votes.end(), [&](const auto& p) { return p.first == cat; });
      if (it == votes.end())
        votes.emplace_back(cat, 1);
      else
        ++it->second;
    }
  }
  int best = 0;
  std::string_view winner;
  bool tie = false;
  for (const auto& [cat, n] : votes) {
    if (n > best) {
      best = n;
      winner = cat;
      tie = false;
    } else if (n == best) {
      tie = true;
    }
  }
  return tie ? std::string() : std::string(winner);
}

namespace {

// The first line of the runner's settings after a step's script (`shell: bash -e {0}`, `env:`, `with:`).
bool settings_header(std::string_view text) {
  return text.starts_with("shell: ") || text == "env:" || text == "with:";
}

}  // namespace

bool CompiledRules::context_runs_as_fallback(std::uint32_t context, const std::string& command) const {
  const auto& res = context_patterns(context).command;
  bool branch = false;  // a failure branch opened on an earlier line
  bool fallback = false;
  any_line(command, [&](std::string_view text) {
    if (settings_header(text)) return true;  // the script ended
    const re2::StringPiece line(text.data(), text.size());
    re2::StringPiece found;
    for (const auto& re : res)
      if (re->Match(line, 0, line.size(), RE2::UNANCHORED, &found, 1)) {
        const std::string_view before = text.substr(0, static_cast<std::size_t>(found.data() - text.data()));
        fallback = branch || before.find("||") != std::string_view::npos ||
                   before.find("trap ") != std::string_view::npos;
        return true;
      }
    const std::size_t first = text.find_first_not_of(" \t");
    const std::size_t last = text.find_last_not_of(" \t{");
    if (first != std::string_view::npos &&
        (text.substr(first).starts_with("if ! ") || text.substr(0, last + 1).ends_with("||")))
      branch = true;
    return false;
  });
  return fallback;
}

int CompiledRules::context_command_line(std::uint32_t context, const std::string& command) const {
  const auto& res = context_patterns(context).command;
  if (res.empty()) return -1;
  int last = -1, index = 0;
  bool settings = false;  // past the script: the shell:, env: and with: lines
  for_each_line(command, [&](std::string_view text) {
    if (settings_header(text))
      settings = true;
    else if (settings && !text.empty() && text[0] != ' ')
      settings = false;  // after the (indented) settings: a command the step echoed as it ran (`+ cmd`)
    const re2::StringPiece line(text.data(), text.size());
    for (const auto& re : res)
      if (RE2::PartialMatch(line, *re)) {
        last = settings ? std::max(last, -2) : index;
        break;
      }
    ++index;
  });
  return last;
}

bool CompiledRules::context_uses(std::uint32_t context, std::string_view action) const {
  for (const auto& re : context_patterns(context).uses)
    if (RE2::PartialMatch(re2::StringPiece(action.data(), action.size()), *re)) return true;
  return false;
}

CompiledRules::~CompiledRules() = default;

CompiledRules::CommandPatterns& CompiledRules::patterns_of(std::uint32_t rule) const {
  auto& slot = command_[rule];
  if (slot == nullptr) slot = std::make_unique<CommandPatterns>();
  return *slot;
}

namespace {
void compile_into(const std::vector<std::string>& sources, std::vector<std::unique_ptr<RE2>>& out) {
  for (const auto& re : sources) out.push_back(std::make_unique<RE2>(re, regex_options(re)));
}
}  // namespace

const CompiledRules::CommandPatterns& CompiledRules::conditions_of(std::uint32_t rule) const {
  CommandPatterns& cp = patterns_of(rule);
  if (cp.conditions) return cp;
  const Rule& r = rules_.rules[rule];
  if (!r.command.empty()) cp.command = std::make_unique<RE2>(r.command, regex_options(r.command));
  if (!r.not_command.empty())
    cp.not_command = std::make_unique<RE2>(r.not_command, regex_options(r.not_command));
  cp.conditions = true;
  return cp;
}

const std::vector<std::unique_ptr<RE2>>& CompiledRules::list_of(std::uint32_t rule, ListKind kind) const {
  // The rule's sources of each list, in ListKind order (a list may join two).
  using Sources = std::vector<std::string> Rule::*;
  static constexpr std::array<std::array<Sources, 2>, kListKinds> kSources = {{
      {&Rule::step_text, &Rule::command_text},
      {&Rule::not_step_text, nullptr},
      {&Rule::job_text, nullptr},
      {&Rule::fields_from_command, nullptr},
      {&Rule::fields_from, nullptr},
      {&Rule::fields_from_tail, nullptr},
      {&Rule::patterns, nullptr},
  }};
  auto& slot = patterns_of(rule).lists[kind];
  if (slot != nullptr) return *slot;
  slot = std::make_unique<CommandPatterns::List>();
  const Rule& r = rules_.rules[rule];
  for (const Sources sources : kSources[kind])
    if (sources != nullptr) compile_into(r.*sources, *slot);
  return *slot;
}

bool CompiledRules::command_allows(std::uint32_t rule, const std::string& command) const {
  const CommandPatterns& cp = conditions_of(rule);
  if (cp.command && !RE2::PartialMatch(command, *cp.command)) return false;
  if (cp.not_command && RE2::PartialMatch(command, *cp.not_command)) return false;
  return true;
}

bool CompiledRules::command_in_text(std::uint32_t rule, const std::string& text,
                                    const std::string& command) const {
  const CommandPatterns& cp = conditions_of(rule);
  if (!cp.command || !RE2::PartialMatch(text, *cp.command)) return false;
  return !(cp.not_command && RE2::PartialMatch(command, *cp.not_command));
}

namespace {
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
  return any_match(list_of(rule, kStepText), command);
}
bool CompiledRules::command_has_not_step_text(std::uint32_t rule, const std::string& command) const {
  return any_match(list_of(rule, kNotStepText), command);
}
bool CompiledRules::command_has_job_text(std::uint32_t rule, const std::string& command) const {
  return any_match(list_of(rule, kJobText), command);
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
    capture_fields(rules_.rules[rule], list_of(rule, kOutputFields), line, sub, caps, out);
}

void CompiledRules::tail_fields(std::uint32_t rule, const std::vector<EvidenceLine>& lines,
                                Fields& out) const {
  std::vector<re2::StringPiece> sub;
  std::vector<Capture> caps;
  for (const auto& line : lines)
    capture_fields(rules_.rules[rule], list_of(rule, kTailFields), line.text, sub, caps, out);
}

void CompiledRules::line_fields(std::uint32_t rule, std::string_view line, Fields& out) const {
  std::vector<re2::StringPiece> sub;
  std::vector<Capture> caps;
  capture_fields(rules_.rules[rule], list_of(rule, kEvidence), line, sub, caps, out);
}

void CompiledRules::command_fields(std::uint32_t rule, const std::string& command, Fields& out,
                                   bool last_wins) const {
  const auto& res = list_of(rule, kCommandFields);
  if (res.empty()) return;
  std::vector<re2::StringPiece> sub;
  std::vector<Capture> caps;
  std::vector<std::string_view> lines;
  for_each_line(command, [&](std::string_view line) { lines.push_back(line); });
  if (last_wins) std::reverse(lines.begin(), lines.end());
  for (const auto line : lines) capture_fields(rules_.rules[rule], res, line, sub, caps, out);
}

std::vector<std::string> CompiledRules::slow_rules() const {
  std::vector<std::string> out;
  for (int p : output_matcher_->unfiltered()) {
    const PatternRef& ref = output_refs_[static_cast<std::size_t>(p)];
    const std::string id = ref.role == Role::kContextText ? "context " + rules_.contexts[ref.rule].id
                                                          : rules_.rules[ref.rule].id;
    if (out.empty() || out.back() != id) out.push_back(id);
  }
  return out;
}

}  // namespace ci_triage
