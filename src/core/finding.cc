#include "core/finding.h"

namespace ci_triage {

bool is_runbook_category(std::string_view category) {
  static constexpr std::string_view kRunbook[] = {
      "tests",        "test-isolation", "imports",       "typecheck",    "coverage",
      "docker-build", "docker-cache",   "registry-auth", "kubectl-auth", "pods-not-ready",
      "smoke-tests",  "monitoring",     "rollback",      "db-migration", "dependency-install"};
  for (const std::string_view c : kRunbook)
    if (c == category) return true;
  return false;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNotice:
      return "notice";
  }
  return "error";
}

std::string field_string(const Finding& f, const std::string& name) {
  const auto it = f.fields.find(name);
  if (it == f.fields.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return "";
}

std::vector<std::string> field_list(const Finding& f, const std::string& name) {
  std::vector<std::string> out;
  const auto it = f.fields.find(name);
  if (it == f.fields.end()) return out;
  if (const auto* s = std::get_if<std::string>(&it->second)) {
    if (!s->empty()) out.push_back(*s);
  } else if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) {
    for (const auto& v : *l)
      if (!v.empty()) out.push_back(v);
  }
  return out;
}

const Finding* root_cause(const JobReport& job) {
  for (const auto& f : job.findings)
    if (f.severity == Severity::kError) return &f;
  return nullptr;
}

}  // namespace ci_triage
