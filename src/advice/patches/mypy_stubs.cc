// typecheck: mypy found no type information for a module. Stubs that exist
// (mypy's "Library stubs not installed" hint names them) go into the dev
// requirements; modules without stubs get a per-module override in the mypy
// config mypy reads — never a blanket ignore_missing_imports.
#include <fmt/format.h>

#include <algorithm>

#include "advice/patches/edit/ini.h"
#include "advice/patches/edit/pyproject.h"
#include "advice/patches/edit/python_names.h"
#include "advice/patches/edit/requirements.h"
#include "advice/patches/generator.h"
#include "advice/patches/python_project.h"

namespace ci_triage::patches {
namespace {

constexpr const char* kMypyStubsKind = "mypy-stubs";

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// The dev requirements the stubs go in: the dev-named files the job installs,
// else the dev-named requirements files or dependency groups in the repository.
struct DevTarget {
  std::string file;
  std::string group;  // pyproject: the optional-dependencies / Poetry group
  bool poetry = false;
};

std::vector<DevTarget> dev_targets(const Input& in) {
  std::vector<DevTarget> out;
  const JobInstalls installs = job_installs(in.job, in.repo);
  for (const auto& f : installs.requirement_files)
    for (const auto& c : requirement_closure(in.repo, f))
      if (is_dev_name(c) && std::none_of(out.begin(), out.end(), [&](const auto& t) { return t.file == c; }))
        out.push_back({c, "", false});
  if (!out.empty()) return out;
  for (const auto& f : requirement_files_in_repo(in.repo))
    if (is_dev_name(f)) out.push_back({f, "", false});
  if (const auto t = in.repo.read("pyproject.toml")) {
    const PyprojectLayout l = inspect_pyproject(*t);
    for (const auto& g : l.optional_groups)
      if (is_dev_name(g)) out.push_back({"pyproject.toml", g, false});
    for (const auto& g : l.poetry_groups)
      if (is_dev_name(g)) out.push_back({"pyproject.toml", g, true});
  }
  return out;
}

}  // namespace

Proposal mypy_stubs(const Input& in) {
  Proposal p;
  const std::vector<std::string> modules = field_list(in.finding, "modules");
  const std::vector<std::string> stub_modules = field_list(in.finding, "stub_modules");
  const std::vector<std::string> stubs = field_list(in.finding, "stub_packages");
  std::vector<std::string> no_stubs;
  for (const auto& m : modules)
    if (std::find(stub_modules.begin(), stub_modules.end(), m) == stub_modules.end()) no_stubs.push_back(m);

  if (no_stubs.empty() && !stubs.empty()) {
    const auto targets = dev_targets(in);
    if (targets.size() == 1) {
      const DevTarget& t = targets.front();
      const auto text = in.repo.read(t.file);
      if (text) {
        const TextFile before = TextFile::parse(*text);
        TextFile after = before;
        EditResult r{EditStatus::kPresent, ""};
        for (const auto& s : stubs) {
          EditResult one = t.file == "pyproject.toml" ? (t.poetry ? add_poetry_dependency(after, s, t.group)
                                                                  : add_pep621_dependency(after, s, t.group))
                                                      : add_requirement(after, s);
          if (one.status != EditStatus::kPresent) r = one;
          if (one.status != EditStatus::kEdited && one.status != EditStatus::kPresent) break;
        }
        if (r.status == EditStatus::kEdited) {
          p.patch =
              make_patch(kMypyStubsKind, t.file, before, after,
                         fmt::format("mypy has no type information for {}: install the stubs package{} {} "
                                     "with the dev requirements.",
                                     join(stub_modules), stubs.size() == 1 ? "" : "s", join(stubs)),
                         0.9);
          return p;
        }
        if (r.status == EditStatus::kPresent) {
          p.notes.push_back(
              fmt::format("{} already in {}: check that mypy runs in the environment they are "
                          "installed in.",
                          join(stubs), t.file));
          return p;
        }
        p.notes.push_back(fmt::format("{} cannot be edited safely ({}).", t.file, r.detail));
      }
    } else if (targets.size() > 1) {
      std::string names;
      for (const auto& t : targets)
        names += (names.empty() ? "" : ", ") + t.file + (t.group.empty() ? "" : "[" + t.group + "]");
      p.notes.push_back(
          fmt::format("Stubs {} could go in any of {}: add them to the one the type-check job installs.",
                      join(stubs), names));
      return p;
    } else {
      p.notes.push_back(fmt::format("No dev requirements file found for the stubs {}.", join(stubs)));
    }
  }

  // A per-module override for what has no stubs (or where the stubs cannot go).
  const std::vector<std::string>& targets = no_stubs.empty() ? modules : no_stubs;
  if (targets.empty()) return p;
  const auto cfg = mypy_config_file(in.repo, in.command());
  if (!cfg) {
    p.notes.push_back(
        fmt::format("No patch: no mypy config (mypy.ini, .mypy.ini, pyproject.toml [tool.mypy], "
                    "setup.cfg [mypy]) found for a per-module override of {}.",
                    join(targets)));
    return p;
  }
  const auto text = in.repo.read(*cfg);
  if (!text) return p;
  const TextFile before = TextFile::parse(*text);
  TextFile after = before;
  const EditResult r = *cfg == "pyproject.toml" ? add_mypy_override_toml(after, targets)
                                                : add_mypy_override_ini(after, targets);
  if (r.status == EditStatus::kEdited) {
    std::string rationale = fmt::format(
        "{} {} no type information{}: ignore missing imports for {} only, in the mypy config mypy reads "
        "({}).",
        join(targets), targets.size() == 1 ? "has" : "have", no_stubs.empty() ? "" : " and no stubs package",
        targets.size() == 1 ? "that module" : "those modules", *cfg);
    p.patch = make_patch(kMypyStubsKind, *cfg, before, after, rationale, no_stubs.empty() ? 0.6 : 0.85);
    if (!no_stubs.empty() && !stubs.empty())
      p.notes.push_back(fmt::format("Also install the stubs {} in the type-check job.", join(stubs)));
  } else if (r.status == EditStatus::kPresent) {
    p.notes.push_back(fmt::format(
        "{} already ignores missing imports for {}: is mypy run with another config?", *cfg, join(targets)));
  } else {
    p.notes.push_back(fmt::format("No patch: {} cannot be edited safely ({}).", *cfg, r.detail));
  }
  return p;
}

}  // namespace ci_triage::patches
