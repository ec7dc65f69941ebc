// A finding's fields past what its rule's evidence patterns captured: the
// rule's fields_from, tail and command patterns, its constants and derived
// counts, the rules files' extractors, and what an image reference implies.
#include "diagnosis/finding_fields.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/text.h"

namespace ci_triage {
namespace {

// A derived field's value from the first alternative of its expression that has
// one (the loader checked them): "count:LIST", "sum:A+B" or "max:A+B" over the fields present.
std::optional<double> derived_value(std::string_view alt, const Fields& fields) {
  if (alt.starts_with("count:")) {
    const auto it = fields.find(std::string(alt.substr(6)));
    if (it == fields.end()) return std::nullopt;
    if (const auto* list = std::get_if<std::vector<std::string>>(&it->second))
      return static_cast<double>(list->size());
    return std::nullopt;
  }
  const bool max = alt.starts_with("max:");
  std::optional<double> total;
  for (std::string_view rest = alt.substr(4); !rest.empty();) {
    const std::size_t plus = std::min(rest.find('+'), rest.size());
    const auto it = fields.find(std::string(rest.substr(0, plus)));
    std::optional<double> value;
    if (it != fields.end()) {
      if (const auto* v = std::get_if<double>(&it->second)) value = *v;
      if (const auto* list = std::get_if<std::vector<std::string>>(&it->second); list != nullptr && max)
        value = static_cast<double>(list->size());
    }
    if (value) total = !total ? *value : max ? std::max(*total, *value) : *total + *value;
    rest.remove_prefix(std::min(plus + 1, rest.size()));
  }
  return total;
}

// "list:A+B": the values of the list (or string) fields present, in that order, each once.
// A tool that names a failing test two ways (jest's file and its test's name, unittest's
// "test_x (mod.Class)" and the class) gives both: a reader may know either.
void union_lists(const std::string& name, std::string_view sources, Fields& fields) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& v) {
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  };
  for (std::string_view rest = sources; !rest.empty();) {
    const std::size_t plus = std::min(rest.find('+'), rest.size());
    if (const auto it = fields.find(std::string(rest.substr(0, plus))); it != fields.end()) {
      if (const auto* list = std::get_if<std::vector<std::string>>(&it->second))
        for (const std::string& v : *list) add(v);
      else if (const auto* one = std::get_if<std::string>(&it->second))
        add(*one);
    }
    rest.remove_prefix(std::min(plus + 1, rest.size()));
  }
  if (!out.empty()) fields[name] = std::move(out);
}

void derive_fields(const Rule& rule, Fields& fields) {
  // Counts first (a count of test_ids counts what the patterns captured), then unions.
  for (const auto& [name, expr] : rule.derive) {
    if (fields.count(name) || expr.starts_with("list:")) continue;
    for (std::string_view rest = expr; !rest.empty();) {
      const std::size_t bar = std::min(rest.find('|'), rest.size());
      if (const std::optional<double> v = derived_value(rest.substr(0, bar), fields)) {
        fields[name] = *v;
        break;
      }
      rest.remove_prefix(std::min(bar + 1, rest.size()));
    }
  }
  for (const auto& [name, expr] : rule.derive)
    if (expr.starts_with("list:")) union_lists(name, std::string_view(expr).substr(5), fields);
}

// A step's Run block with the $VARS and ${VARS} of its env: block replaced by
// their values: `curl "$APP_URL/api/health"` with `APP_URL: http://…` is the
// URL the step called. Masked values (***) and unknown variables stay as they are.
std::string expand_env(const std::string& command) {
  std::map<std::string, std::string, std::less<>> env;
  bool in_env = false;
  for_each_line(command, [&](std::string_view line) {
    if (line == "env:") {
      in_env = true;
    } else if (in_env && line.rfind("  ", 0) == 0) {
      const std::size_t colon = line.find(": ");
      if (colon != std::string_view::npos) {
        const std::string_view value = trim(line.substr(colon + 2));
        if (value != "***") env.emplace(std::string(trim(line.substr(0, colon))), std::string(value));
      }
    } else {
      in_env = false;
    }
  });
  if (env.empty()) return command;
  std::string out;
  out.reserve(command.size());
  auto is_name = [](char ch, bool first) {
    return ch == '_' || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
           (!first && ch >= '0' && ch <= '9');
  };
  for (std::size_t i = 0; i < command.size(); ++i) {
    if (command[i] != '$' || i + 1 >= command.size()) {
      out.push_back(command[i]);
      continue;
    }
    const bool braced = command[i + 1] == '{';
    std::size_t j = i + (braced ? 2 : 1);
    const std::size_t start = j;
    while (j < command.size() && is_name(command[j], j == start)) ++j;
    const auto it = env.find(std::string_view(command).substr(start, j - start));
    if (j == start || it == env.end() || (braced && (j >= command.size() || command[j] != '}'))) {
      out.push_back(command[i]);
      continue;
    }
    out += it->second;
    i = braced ? j : j - 1;
  }
  return out;
}

/// Does the image reference name a tag or digest (`acme/web:1.2`, `x@sha256:…`; the
/// registry's `:port` is not one)?
bool has_tag(std::string_view image) {
  const std::size_t slash = image.rfind('/');
  return image.substr(slash == std::string_view::npos ? 0 : slash).find_first_of(":@") !=
         std::string_view::npos;
}

/// Docker echoes a Docker Hub short name in full (`The push refers to
/// repository [docker.io/acme/web]`) and without its tag; when `text` (the
/// step's command, or its own lines) names the same image as `acme/web:1.2`,
/// the finding names it so, tag (or digest) included.
void spell_image_as_typed(Fields& fields, std::string_view text) {
  const auto it = fields.find("image");
  if (it == fields.end()) return;
  auto* image = std::get_if<std::string>(&it->second);
  if (image == nullptr || image->empty()) return;
  constexpr std::string_view kHub = "docker.io/";
  std::string_view name = *image;
  if (name.starts_with(kHub) && name.substr(kHub.size()).find('/') != std::string_view::npos)
    name.remove_prefix(kHub.size());
  const bool tagged = has_tag(name);
  const auto boundary = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == '[' || c == ']' || c == '(' ||
           c == ')' || c == ',' || c == '=';
  };
  for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    if (at > 0 && !boundary(text[at - 1])) continue;
    std::size_t end = at + name.size();
    if (end < text.size() && !boundary(text[end])) {
      if (tagged || (text[end] != ':' && text[end] != '@')) continue;
      std::size_t tag_end = end + 1;
      while (tag_end < text.size() && !boundary(text[tag_end])) ++tag_end;
      while (tag_end > end + 1 && (text[tag_end - 1] == '.' || text[tag_end - 1] == ':'))
        --tag_end;  // the end of a sentence, not of the tag
      const std::string_view tag = text.substr(end + 1, tag_end - end - 1);
      const bool ok =
          !tag.empty() && tag.size() <= 128 &&
          tag.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:") ==
              std::string_view::npos;
      if (!ok) continue;
      end = tag_end;
    }
    *image = std::string(text.substr(at, end - at));
    return;
  }
}

/// An image the finding names without a tag (Docker echoes `The push refers to repository
/// [x]`, a plugin quotes the repository) takes the tag the step's own lines give the same
/// name: its quoted lines, then its last lines, then (plain output) its text.
void tag_image_from_the_steps_text(Finding& f, const Step& step) {
  const auto untagged = [&] {
    const auto it = f.fields.find("image");
    const auto* image = it == f.fields.end() ? nullptr : std::get_if<std::string>(&it->second);
    return image != nullptr && !image->empty() && !has_tag(*image);
  };
  if (!untagged()) return;
  std::string text;
  for (const auto& l : f.evidence) text.append(l.text).push_back('\n');
  for (const auto& l : step.tail) text.append(l.text).push_back('\n');
  spell_image_as_typed(f.fields, text);
  if (untagged()) spell_image_as_typed(f.fields, step.plain_text);
}

/// An image reference that names its registry host (`ghcr.io/acme/api:v2`,
/// `localhost:5000/x`) names the finding's registry when nothing else did.
/// A bare `acme/api` says nothing: Docker would read docker.io, podman its
/// search list.
void add_registry_of_image(Fields& fields) {
  if (fields.count("registry")) return;
  const auto it = fields.find("image");
  if (it == fields.end()) return;
  const auto* image = std::get_if<std::string>(&it->second);
  if (image == nullptr) return;
  const std::size_t slash = image->find('/');
  if (slash == std::string::npos || slash == 0) return;
  const std::string host = image->substr(0, slash);
  if (host.find_first_of(".:") == std::string::npos && host != "localhost") return;
  if (host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:") !=
      std::string::npos)
    return;
  fields.emplace("registry", host);
}

}  // namespace

FindingFields::FindingFields(const CompiledRules& compiled, const Collector& collector, const LogModel& log)
    : compiled_(compiled), collector_(collector), log_(log) {}

/// The step's Run block with its env: variables expanded (computed once per step).
const std::string& FindingFields::command_of(std::size_t step_index) const {
  if (expanded_.size() != log_.steps.size()) expanded_.resize(log_.steps.size());
  auto& slot = expanded_[step_index];
  if (!slot) slot = expand_env(log_.steps[step_index].command);
  return *slot;
}

/// The fields the rules-file `extractors` find for a finding whose rule did
/// not capture them: in its evidence and its step's last lines, its step's
/// command (the last value when `last`), or any step's command.
void FindingFields::add_extracted(Finding& f) const {
  const auto& extractors = compiled_.rules().extractors;
  const std::size_t own = static_cast<std::size_t>(f.step.number - 1);
  for (std::uint32_t x = 0; x < extractors.size(); ++x) {
    const FieldExtractor& e = extractors[x];
    if (f.fields.count(e.field)) continue;
    if (!e.categories.empty() &&
        std::find(e.categories.begin(), e.categories.end(), f.category) == e.categories.end())
      continue;
    FieldValue value;
    bool found = false;
    auto in_command = [&](std::size_t s) {
      for_each_line(command_of(s), [&](std::string_view line) {
        if ((found && !e.last) || !compiled_.extract(x, line, value)) return;
        found = true;
      });
    };
    for (const auto& where : e.where) {
      if (found) break;
      if (where == "evidence") {
        for (const auto& line : f.evidence)
          if (!found && compiled_.extract(x, line.text, value)) found = true;
        for (const auto& line : log_.steps[own].tail)
          if (!found && compiled_.extract(x, line.text, value)) found = true;
      } else if (where == "command") {
        in_command(own);
      } else if (where == "job") {
        for (std::size_t s = 0; s < log_.steps.size() && !found; ++s) in_command(s);
      } else if (where == "output") {  // the bounded copy of a plain step's output, first line first
        for_each_line(log_.steps[own].plain_text, [&](std::string_view line) {
          if (!found && compiled_.extract(x, line, value)) found = true;
        });
      }
    }
    if (found) f.fields.emplace(e.field, std::move(value));
  }
  add_registry_of_image(f.fields);
  spell_image_as_typed(f.fields, command_of(own));
  tag_image_from_the_steps_text(f, log_.steps[own]);
}

/// Adds the fields of what `a` matched that cost regex runs: fields_from
/// lines, the tail, the command, the rule's constants, derived counts, the
/// step's exit code. Fields already set keep their values.
void FindingFields::enrich(const Accumulation& a, Fields& fields) const {
  const Rule& rule = compiled_.rules().rules[a.rule];
  const Step& step = log_.steps[a.step];
  Fields from_output, from_command;
  if (const auto* lines = collector_.field_lines(a.rule, a.step))
    compiled_.output_fields(a.rule, *lines, from_output);
  if (!rule.fields_from_tail.empty()) {  // the lines near the failure: evidence, then the step's tail
    std::vector<EvidenceLine> near = a.lines;
    near.insert(near.end(), step.tail.rbegin(), step.tail.rend());
    compiled_.tail_fields(a.rule, near, from_output);
  }
  // Plain output's command is its transcript (`+ cmd`, `$ cmd`): the last one ran last.
  compiled_.command_fields(a.rule, command_of(a.step), from_command, !log_.has_markers);
  for (const Fields* extra :
       {static_cast<const Fields*>(&from_output), static_cast<const Fields*>(&from_command), &rule.constants})
    for (const auto& [k, v] : *extra) fields.emplace(k, v);
  derive_fields(rule, fields);
  if (step.exit_code && !fields.count("exit_code"))
    fields["exit_code"] = static_cast<double>(*step.exit_code);
}

}  // namespace ci_triage
