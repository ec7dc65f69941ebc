#include "advice/advice.h"

#include <rapidjson/document.h>
#include <re2/re2.h>

#include <algorithm>

#include "core/error.h"
#include "core/json.h"
#include "core/text.h"
#include "rules/embedded.h"

namespace ci_triage {
namespace {

std::string field_text(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* d = std::get_if<double>(&v)) return format_number(*d);
  const auto& list = std::get<std::vector<std::string>>(v);
  std::string out;
  for (std::size_t i = 0; i < list.size() && i < 3; ++i) {
    if (i) out += ", ";
    out += list[i];
  }
  if (list.size() > 3) out += ", …";
  return out;
}

// A word a POSIX shell reads back unchanged: quoted when it has anything but
// safe characters (test ids like test_x[a-b] are globs otherwise).
std::string shell_word(std::string_view w) {
  const bool safe = !w.empty() && w.find_first_not_of(
                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789_./:=@%+-,") == std::string_view::npos;
  if (safe) return std::string(w);
  std::string out = "'";
  for (char c : w) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A field as shell arguments: list items quoted and space-separated (the first 5).
std::string field_shell(const FieldValue& v) {
  if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
    std::string out;
    for (std::size_t i = 0; i < list->size() && i < 5; ++i) out += (i ? " " : "") + shell_word((*list)[i]);
    return out;
  }
  return shell_word(field_text(v));
}

// A list field as one shell word: its first 5 items joined by `sep` ("|": a
// regex alternation for go test -run; ",": Maven's -Dtest), or its first item ("").
std::string field_joined(const FieldValue& v, std::string_view sep) {
  const auto* list = std::get_if<std::vector<std::string>>(&v);
  if (list == nullptr || list->empty()) return shell_word(field_text(v));
  std::string out;
  const std::size_t n = sep.empty() ? 1 : std::min<std::size_t>(list->size(), 5);
  for (std::size_t i = 0; i < n; ++i) out += (i ? std::string(sep) : "") + (*list)[i];
  return shell_word(out);
}

}  // namespace

namespace {

// Expands {name} / {name|fallback} / {name:sh} (shell arguments); sets *missing when a field without a
// fallback is absent.
std::string expand_fields(std::string_view tmpl, const Finding& f, bool* missing) {
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(tmpl.substr(i, open - i));
    std::string_view expr = tmpl.substr(open + 1, close - open - 1);
    std::string_view fallback;
    bool has_fallback = false;
    if (const std::size_t bar = expr.find('|'); bar != std::string_view::npos) {
      fallback = expr.substr(bar + 1);
      expr = expr.substr(0, bar);
      has_fallback = true;
    }
    std::string_view shell;  // "sh", "or", "csv" or "first": the value as shell words
    if (const std::size_t colon = expr.rfind(':'); colon != std::string_view::npos) {
      const std::string_view mod = expr.substr(colon + 1);
      if (mod == "sh" || mod == "or" || mod == "csv" || mod == "first") {
        shell = mod;
        expr = expr.substr(0, colon);
      }
    }
    std::string value;
    if (expr == "step") {
      value = f.step.name;
    } else if (expr == "count") {
      value = std::to_string(f.hit_count);
    } else if (const auto it = f.fields.find(std::string(expr)); it != f.fields.end()) {
      value = shell.empty()    ? field_text(it->second)
              : shell == "sh"  ? field_shell(it->second)
              : shell == "or"  ? field_joined(it->second, "|")
              : shell == "csv" ? field_joined(it->second, ",")
                               : field_joined(it->second, "");
    }
    if (value.empty()) {
      if (!has_fallback && missing != nullptr) *missing = true;
      value = has_fallback ? std::string(fallback) : "?";
    }
    out += value;
    i = close + 1;
  }
  out.append(tmpl.substr(i));
  return out;
}

}  // namespace

std::string render_template(std::string_view tmpl, const Finding& f) {
  // "[[ … ]]" segments are dropped when a field they use is missing.
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find("[[", i);
    if (open == std::string_view::npos) break;
    const std::size_t close = tmpl.find("]]", open + 2);
    if (close == std::string_view::npos) break;
    out += expand_fields(tmpl.substr(i, open - i), f, nullptr);
    bool missing = false;
    std::string segment = expand_fields(tmpl.substr(open + 2, close - open - 2), f, &missing);
    if (!missing) out += segment;
    i = close + 2;
  }
  out += expand_fields(tmpl.substr(i), f, nullptr);
  return out;
}

Advisor::Advisor(const RuleSet& rules) : rules_(rules) {
  rapidjson::Document doc;
  if (!json::parse(doc, embedded::pip_packages()).empty() || !doc.IsObject() || !doc.HasMember("modules") ||
      !doc["modules"].IsObject())
    throw Error("data/pip_packages.json is malformed");
  for (const auto& [k, v] : doc["modules"].GetObject())
    if (v.IsString()) pip_.emplace(k.GetString(), v.GetString());
  RE2::Options opts;
  opts.set_log_errors(false);
  auto compile = [&](const std::vector<Remedy>& list) {
    for (const Remedy& r : list)
      for (const auto& [field, re] : r.when)
        if (!when_.count(re)) when_.emplace(re, std::make_unique<RE2>(re, opts));
  };
  for (const auto& r : rules_.rules) compile(r.remedies);
  for (const auto& c : rules_.contexts) compile(c.remedies);
}

Advisor::~Advisor() = default;

bool Advisor::holds(const Remedy& r, const Finding& f, std::string_view command) const {
  for (const auto& [key, text] : r.when) {
    const RE2& re = *when_.find(text)->second;
    auto match = [&](std::string_view v) {
      return RE2::PartialMatch(re2::StringPiece(v.data(), v.size()), re);
    };
    bool ok = false;
    if (key == "command") {
      while (!ok && !command.empty()) {
        const std::size_t nl = command.find('\n');
        ok = match(command.substr(0, nl));
        command.remove_prefix(nl == std::string_view::npos ? command.size() : nl + 1);
      }
    } else if (const auto it = f.fields.find(key); it != f.fields.end()) {
      if (const auto* list = std::get_if<std::vector<std::string>>(&it->second))
        ok = std::any_of(list->begin(), list->end(), match);
      else
        ok = match(field_text(it->second));
    }
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string> Advisor::remedies(const std::vector<Remedy>& list, const Finding& f,
                                           std::string_view command) const {
  std::vector<bool> shown(list.size(), false);
  bool specific = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].when.empty()) continue;
    shown[i] = holds(list[i], f, command);
    specific = specific || shown[i];
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Remedy& r = list[i];
    if (!r.when.empty() ? !shown[i] : r.otherwise && specific) continue;
    out.push_back(render_template(r.text, f));
  }
  return out;
}

std::optional<std::string> Advisor::pip_distribution(std::string_view module) const {
  const std::string_view top = module.substr(0, module.find('.'));
  const auto it = pip_.find(top);
  if (it == pip_.end()) return std::nullopt;
  return it->second;
}

void Advisor::advise(Finding& f, std::string_view command) const {
  if (const auto m = f.fields.find("module"); m != f.fields.end() && !f.fields.count("package")) {
    if (const auto* s = std::get_if<std::string>(&m->second))
      if (auto dist = pip_distribution(*s)) f.fields["package"] = *dist;
  }
  const Rule* rule = nullptr;
  for (const auto& r : rules_.rules)
    if (r.id == f.rule) rule = &r;
  const StepContext* context = nullptr;
  for (const auto& c : rules_.contexts)
    if (c.id == f.context) context = &c;
  const std::string inferred = f.inferred_from == "output"  ? "inferred from the tool's output"
                               : f.inferred_from == "words" ? "inferred from the words of its error lines"
                                                            : "inferred from the step's " + f.inferred_from;
  if (rule == nullptr && context != nullptr) {  // the fallback, with a category from the step's context
    f.title = render_template(context->title, f) + " (" + inferred + ")";
    f.summary = "No rule recognised the failure; the step's " +
                std::string(f.inferred_from == "output" ? "output" : f.inferred_from) + " points at `" +
                f.category + "`. These are the step's error-looking and last output lines.";
    f.causes = {
        "A failure ci-triage has no specific rule for yet; the category is a best guess from what the step "
        "ran."};
    f.remedies = remedies(context->remedies, f, command);
    f.remedies.push_back("Read the quoted lines and the step's log above them.");
    return;
  }
  if (rule == nullptr) {  // the fallback: unknown, or with a category guessed from its lines' words
    const bool words = f.inferred_from == "words";
    const auto code = f.fields.find("exit_code");
    f.title = "Step \"" + f.step.name + "\" failed" +
              (code != f.fields.end() ? " with exit code " + field_text(code->second) : std::string()) +
              (words ? " (`" + f.category + "`, " + inferred + ")" : std::string());
    f.summary = words ? "No rule recognised this failure and the step's command names no runbook area; the "
                        "words of its error lines point at `" +
                            f.category + "`. These are the step's error-looking and last output lines."
                      : "No rule recognised this failure; these are the step's error-looking and last output "
                        "lines.";
    f.causes = {words
                    ? "A failure ci-triage has no specific rule for yet; the category is a guess from the "
                      "words of the quoted lines."
                    : "A failure ci-triage has no rule for yet (a project script, a tool it does not know)."};
    f.remedies = {"Read the quoted lines and the step's log above them.",
                  "If this failure recurs, add a rule for it (--rules FILE, see docs/rules.md)."};
    return;
  }
  f.title = render_template(rule->title, f);
  f.summary = render_template(rule->summary, f);
  if (!f.inferred_from.empty()) f.summary += " (Category " + inferred + ".)";
  f.causes.clear();
  f.remedies.clear();
  for (const auto& c : rule->causes) f.causes.push_back(render_template(c, f));
  f.remedies = remedies(rule->remedies, f, command);
  // A framing context (a rollback step) took this finding into its area (the diagnosis's
  // reframe): the headline says the rollback failed, then what failed; its advice comes first.
  if (context != nullptr && context->frame && rule->category != f.category) {
    f.title = render_template(context->title, f) + ": " + f.title;
    auto framed = remedies(context->remedies, f, command);
    framed.insert(framed.end(), f.remedies.begin(), f.remedies.end());
    f.remedies = std::move(framed);
  }
}

}  // namespace ci_triage
