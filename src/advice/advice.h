// Findings → what to tell people: titles, summaries, causes, remedies, and the
// facts a remedy needs (the pip distribution that provides a module).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/finding.h"
#include "rules/rule.h"

namespace re2 {
class RE2;
}

namespace ci_triage {

/// Expands "{field}" and "{field|fallback}" with the finding's fields (lists
/// show their first items; a missing field without fallback shows "?").
/// "{field:sh}" gives shell arguments: the first 5 list items, each quoted
/// when a shell would not read it back as is (`pytest 'a.py::t[x]'`);
/// "{field:or}" the first 5 items joined by "|" as one shell word (go test
/// -run), "{field:csv}" joined by "," (Maven's -Dtest), "{field:first}" the
/// first item alone.
/// A "[[ … ]]" segment is left out entirely when a field it uses is missing.
/// "{step}" is the step name, "{count}" the number of matching lines.
std::string render_template(std::string_view tmpl, const Finding& f);

class Advisor {
 public:
  /// `rules` must outlive the advisor.
  explicit Advisor(const RuleSet& rules);
  ~Advisor();

  /// Fills title, summary, causes and remedies from the finding's rule, and
  /// derived fields (`package` from `module`). `command` is the Run block of
  /// the finding's step: remedies can depend on it (`when.command`), as on
  /// the finding's fields (`when.tool`, `when.ecosystem`, …).
  void advise(Finding& f, std::string_view command = {}) const;

  /// The remedies of a rule or context that apply to the finding, rendered:
  /// those without conditions, those whose `when` holds, and the `otherwise`
  /// ones when no `when` one does.
  std::vector<std::string> remedies(const std::vector<Remedy>& list, const Finding& f,
                                    std::string_view command) const;

  /// The pip distribution that provides a top-level import name (yaml → PyYAML),
  /// from the maintained table data/pip_packages.json; nullopt when unknown.
  std::optional<std::string> pip_distribution(std::string_view module) const;

 private:
  bool holds(const Remedy& r, const Finding& f, std::string_view command) const;

  const RuleSet& rules_;
  std::map<std::string, std::string, std::less<>> pip_;
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>>
      when_;  ///< every `when` regex, compiled once.
};

}  // namespace ci_triage
