// Findings → what to tell people: titles, summaries, causes, remedies, and the
// facts a remedy needs (the pip distribution that provides a module).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/finding.h"
#include "rules/rule.h"

namespace ci_triage {

/// Expands "{field}" and "{field|fallback}" with the finding's fields (lists
/// show their first items; a missing field without fallback shows "?").
/// "{field:sh}" gives shell arguments: the first 5 list items, each quoted
/// when a shell would not read it back as is (`pytest 'a.py::t[x]'`).
/// A "[[ … ]]" segment is left out entirely when a field it uses is missing.
/// "{step}" is the step name, "{count}" the number of matching lines.
std::string render_template(std::string_view tmpl, const Finding& f);

class Advisor {
 public:
  /// `rules` must outlive the advisor.
  explicit Advisor(const RuleSet& rules);

  /// Fills title, summary, causes and remedies from the finding's rule, and
  /// derived fields (`package` from `module`).
  void advise(Finding& f) const;

  /// The pip distribution that provides a top-level import name (yaml → PyYAML),
  /// from the maintained table data/pip_packages.json; nullopt when unknown.
  std::optional<std::string> pip_distribution(std::string_view module) const;

 private:
  const RuleSet& rules_;
  std::map<std::string, std::string, std::less<>> pip_;
};

}  // namespace ci_triage
