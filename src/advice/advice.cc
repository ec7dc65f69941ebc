#include "advice/advice.h"

#include <rapidjson/document.h>

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
    bool shell = false;
    if (expr.size() > 3 && expr.substr(expr.size() - 3) == ":sh") {
      shell = true;
      expr.remove_suffix(3);
    }
    std::string value;
    if (expr == "step") {
      value = f.step.name;
    } else if (expr == "count") {
      value = std::to_string(f.hit_count);
    } else if (const auto it = f.fields.find(std::string(expr)); it != f.fields.end()) {
      value = shell ? field_shell(it->second) : field_text(it->second);
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
}

std::optional<std::string> Advisor::pip_distribution(std::string_view module) const {
  const std::string_view top = module.substr(0, module.find('.'));
  const auto it = pip_.find(top);
  if (it == pip_.end()) return std::nullopt;
  return it->second;
}

void Advisor::advise(Finding& f) const {
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
  const std::string inferred = f.inferred_from == "output" ? "inferred from the tool's output"
                                                           : "inferred from the step's " + f.inferred_from;
  if (rule == nullptr && context != nullptr) {  // the fallback, with a category from the step's context
    f.title = render_template(context->title, f) + " (" + inferred + ")";
    f.summary = "No rule recognised the failure; the step's " +
                std::string(f.inferred_from == "output" ? "output" : f.inferred_from) + " points at `" +
                f.category + "`. These are the step's error-looking and last output lines.";
    f.causes = {
        "A failure ci-triage has no specific rule for yet; the category is a best guess from what the step "
        "ran."};
    f.remedies.clear();
    for (const auto& r : context->remedies) f.remedies.push_back(render_template(r, f));
    f.remedies.push_back("Read the quoted lines and the step's log above them.");
    return;
  }
  if (rule == nullptr) {  // the unknown fallback
    const auto code = f.fields.find("exit_code");
    f.title = code != f.fields.end()
                  ? "Step \"" + f.step.name + "\" failed with exit code " + field_text(code->second)
                  : "Step \"" + f.step.name + "\" failed";
    f.summary = "No rule recognised this failure; these are the step's error-looking and last output lines.";
    f.causes = {"A failure ci-triage has no rule for yet (a project script, a tool it does not know)."};
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
  for (const auto& r : rule->remedies) f.remedies.push_back(render_template(r, f));
}

}  // namespace ci_triage
