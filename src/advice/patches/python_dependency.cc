// imports: add the missing distribution to the file the project installs
// from, or — when the module is the project's own — fix the import path.
#include <fmt/format.h>

#include <algorithm>

#include "advice/patches/edit/ini.h"
#include "advice/patches/edit/pyproject.h"
#include "advice/patches/edit/python_names.h"
#include "advice/patches/edit/requirements.h"
#include "advice/patches/generator.h"
#include "advice/patches/python_project.h"
#include "core/text.h"

namespace ci_triage::patches {
namespace {

constexpr const char* kPythonDependencyKind = "python-dependency";

// Where the module lives in the repository: "src" (src/ layout), "" (the
// root), or nullopt when it is not the project's own.
std::optional<std::string> own_module_dir(const Repo& repo, const std::string& top) {
  for (const char* dir : {"", "src", "lib"}) {
    const std::string pkg = join_path(dir, top);
    if (repo.is_file(join_path(pkg, "__init__.py")) || repo.is_file(pkg + ".py")) return std::string(dir);
    if (repo.is_dir(pkg))
      for (const auto& n : repo.list(pkg))
        if (n.size() > 3 && n.substr(n.size() - 3) == ".py") return std::string(dir);
  }
  return std::nullopt;
}

Proposal import_path_fix(const Input& in, const std::string& module, const std::string& dir) {
  Proposal p;
  const std::string where = dir.empty() ? "the repository root" : dir + "/";
  const std::string path = dir.empty() ? "." : dir;
  if (in.command().find("pytest") == std::string::npos) {
    p.notes.push_back(fmt::format(
        "'{}' is the project's own package (under {}): install the project in the job (pip install -e .) "
        "before this step, or set PYTHONPATH={} for it.",
        module, where, path));
    return p;
  }
  const std::string rationale = fmt::format(
      "'{}' is the project's own package under {}: put {} on sys.path for pytest (pythonpath, pytest >= 7; "
      "or install the project with pip install -e . before the tests).",
      module, where, path);
  const auto cfg = pytest_config_file(in.repo);
  std::string file = cfg ? cfg->file : (in.repo.is_file("pyproject.toml") ? "pyproject.toml" : "pytest.ini");
  const auto text = in.repo.read(file);
  if (!text) {  // no pytest configuration at all: create pytest.ini
    const TextFile created = TextFile::parse(fmt::format("[pytest]\npythonpath = {}\n", path));
    p.patch =
        Patch{kPythonDependencyKind, "pytest.ini", new_file_diff("pytest.ini", created), rationale, 0.7};
    return p;
  }
  const TextFile before = TextFile::parse(*text);
  TextFile after = before;
  EditResult r;
  if (file == "pyproject.toml") {
    r = add_pytest_pythonpath_toml(after, path);
    if (r.status == EditStatus::kMissing) {
      if (!inspect_pyproject(*text).parses)
        r = {EditStatus::kUnparseable, inspect_pyproject(*text).error};
      else {
        std::size_t at = after.size();
        while (at > 0 && trim(after[at - 1]).empty()) --at;
        after.insert(at, "");
        after.insert(at + 1, "[tool.pytest.ini_options]");
        after.insert(at + 2, fmt::format("pythonpath = [\"{}\"]", path));
        r = {EditStatus::kEdited, ""};
      }
    }
  } else {
    r = add_pytest_pythonpath_ini(after, cfg->section, path);
  }
  if (r.status == EditStatus::kEdited) {
    p.patch = make_patch(kPythonDependencyKind, file, before, after, rationale, 0.7);
  } else if (r.status == EditStatus::kPresent) {
    p.notes.push_back(
        fmt::format("'{}' is the project's own package and {} already puts {} on pytest's path: "
                    "check the step's working directory, or install the project (pip install -e .).",
                    module, file, path));
  } else {
    p.notes.push_back(
        fmt::format("'{}' is the project's own package, but {} cannot be edited safely ({}): add "
                    "pythonpath = {} to pytest's config by hand.",
                    module, file, r.detail, path));
  }
  return p;
}

// One file the dependency could go in, and how to edit it.
struct Target {
  std::string file;
  enum class Kind { kRequirements, kPep621, kPoetry, kSetupCfg } kind = Kind::kRequirements;
  std::string why;  // how it was chosen
};

// Runtime requirement files among a closure: the ones with entries and a non-dev name.
std::vector<std::string> runtime_files(const Repo& repo, const std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    if (is_dev_name(f) && files.size() > 1) continue;
    const auto t = repo.read(f);
    if (t && !parse_requirements(TextFile::parse(*t)).entries.empty()) out.push_back(f);
  }
  return out;
}

std::vector<Target> project_targets(const Repo& repo, std::vector<std::string>& notes) {
  std::vector<Target> out;
  if (const auto t = repo.read("pyproject.toml")) {
    const PyprojectLayout l = inspect_pyproject(*t);
    if (!l.parses) notes.push_back("pyproject.toml does not parse (" + l.error + "): it was not considered.");
    if (l.pep621_dynamic && !l.pep621_dependencies)
      notes.push_back("pyproject.toml declares its dependencies dynamic: they come from another file.");
    if (l.pep621_dependencies)
      out.push_back({"pyproject.toml", Target::Kind::kPep621, "[project] dependencies"});
    else if (l.poetry)
      out.push_back({"pyproject.toml", Target::Kind::kPoetry, "[tool.poetry.dependencies]"});
  }
  if (const auto t = repo.read("setup.cfg");
      t && ini_values(TextFile::parse(*t), "options", "install_requires"))
    out.push_back({"setup.cfg", Target::Kind::kSetupCfg, "[options] install_requires"});
  return out;
}

}  // namespace

Proposal python_dependency(const Input& in) {
  Proposal p;
  const std::string module = field_string(in.finding, "module");
  if (module.empty()) return p;
  const std::string top = module.substr(0, module.find('.'));
  if (const auto dir = own_module_dir(in.repo, top)) return import_path_fix(in, module, *dir);

  const std::string dist = field_string(in.finding, "package");
  if (dist.empty()) {
    p.notes.push_back(
        fmt::format("No patch: ci-triage does not know which distribution provides '{}' "
                    "(data/pip_packages.json); add it to your requirements by hand.",
                    top));
    return p;
  }

  // The file the project really uses: what the job installs, else what the repository has.
  std::vector<Target> targets;
  const JobInstalls installs = job_installs(in.job, in.repo);
  std::vector<std::string> installed;
  for (const auto& f : installs.requirement_files)
    if (!is_dev_name(f) || installs.requirement_files.size() == 1) installed.push_back(f);
  if (!installed.empty()) {
    std::vector<std::string> closure;
    for (const auto& f : installed)
      for (const auto& c : requirement_closure(in.repo, f))
        if (std::find(closure.begin(), closure.end(), c) == closure.end()) closure.push_back(c);
    for (const auto& f : runtime_files(in.repo, closure))
      targets.push_back({f, Target::Kind::kRequirements, "the job installs it"});
  } else if (installs.project) {
    targets = project_targets(in.repo, p.notes);
  } else {
    std::vector<std::string> files = requirement_files_in_repo(in.repo);
    std::vector<std::string> runtime;
    if (std::find(files.begin(), files.end(), "requirements.txt") != files.end()) {
      for (const auto& f : runtime_files(in.repo, requirement_closure(in.repo, "requirements.txt")))
        runtime.push_back(f);
    } else {
      for (const auto& f : files)
        if (!is_dev_name(f)) runtime.push_back(f);
      runtime = runtime_files(in.repo, runtime);
    }
    for (const auto& f : runtime)
      targets.push_back({f, Target::Kind::kRequirements, "the runtime requirements"});
    for (auto& t : project_targets(in.repo, p.notes)) targets.push_back(t);
  }

  // Already declared somewhere: the install, not the file, is what failed.
  for (const auto& t : targets) {
    const auto text = in.repo.read(t.file);
    if (!text) continue;
    bool present = false;
    if (t.kind == Target::Kind::kRequirements) {
      for (const auto& e : parse_requirements(TextFile::parse(*text)).entries)
        present = present || normalize_dist(e.name) == normalize_dist(dist);
    } else if (t.kind != Target::Kind::kSetupCfg) {
      const auto names = inspect_pyproject(*text).names;
      present = std::find(names.begin(), names.end(), normalize_dist(dist)) != names.end();
    }
    if (present) {
      p.notes.push_back(
          fmt::format("No patch: {} is already declared in {}; check that the install step runs "
                      "before this one and with the same Python.",
                      dist, t.file));
      return p;
    }
  }
  if (targets.empty()) {
    p.notes.push_back(
        fmt::format("No patch: no requirements file, pyproject.toml dependencies or setup.cfg "
                    "install_requires found in the repository to add {} to.",
                    dist));
    return p;
  }
  if (targets.size() > 1) {
    std::string names;
    for (const auto& t : targets) names += (names.empty() ? "" : ", ") + t.file;
    p.notes.push_back(fmt::format(
        "No patch: {} could go in any of {}; add it to the one your CI installs from.", dist, names));
    return p;
  }
  Target t = targets.front();
  std::string note;
  if (t.kind == Target::Kind::kRequirements) {
    const auto text = in.repo.read(t.file);
    const Requirements r = parse_requirements(TextFile::parse(*text));
    if (r.generated && t.file.size() > 4) {
      const std::string source = t.file.substr(0, t.file.size() - 4) + ".in";
      if (in.repo.is_file(source)) {
        note = fmt::format(" then regenerate {} (pip-compile)", t.file);
        t.file = source;
      }
    }
  }
  const auto text = in.repo.read(t.file);
  if (!text) return p;
  const TextFile before = TextFile::parse(*text);
  TextFile after = before;
  EditResult r;
  switch (t.kind) {
    case Target::Kind::kRequirements:
      r = add_requirement(after, dist);
      break;
    case Target::Kind::kPep621:
      r = add_pep621_dependency(after, dist);
      break;
    case Target::Kind::kPoetry:
      r = add_poetry_dependency(after, dist);
      break;
    case Target::Kind::kSetupCfg:
      r = add_ini_list_item(after, "options", "install_requires", dist);
      break;
  }
  if (r.status != EditStatus::kEdited) {
    p.notes.push_back(fmt::format("No patch: {} cannot be edited safely ({}); add {} to it by hand.", t.file,
                                  r.detail.empty() ? "unexpected layout" : r.detail, dist));
    return p;
  }
  double confidence = 0.9;
  std::string pin;
  if (t.kind == Target::Kind::kRequirements) {
    const Requirements req = parse_requirements(before);
    const auto pinned =
        std::count_if(req.entries.begin(), req.entries.end(), [](const auto& e) { return e.pinned; });
    if (!req.entries.empty() && static_cast<std::size_t>(pinned) == req.entries.size()) {
      pin = "; the file pins every requirement: pin it (==) to the version you test with";
      confidence = 0.75;
    }
  } else if (t.kind == Target::Kind::kPoetry) {
    pin = "; replace \"*\" with the constraint you want";
    confidence = 0.8;
  }
  p.patch = make_patch(kPythonDependencyKind, t.file, before, after,
                       fmt::format("'{}' is provided by the distribution {}, which {} does not declare{}{}.",
                                   top, dist, t.file, note, pin),
                       confidence);
  return p;
}

}  // namespace ci_triage::patches
