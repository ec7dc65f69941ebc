#include "advice/patches/python_project.h"

#include <re2/re2.h>

#include <algorithm>

#include "advice/patches/edit/ini.h"
#include "advice/patches/edit/pyproject.h"
#include "advice/patches/edit/requirements.h"

namespace ci_triage::patches {

JobInstalls job_installs(const JobReport& job, const Repo& repo) {
  static const RE2 kPip(R"((?:pip3?|python3? -m pip|uv pip)\s+install\b([^\n;&|]*))");
  static const RE2 kReq(R"((?:^|\s)(?:-r|--requirement)(?:\s+|=)([^\s]+))");
  static const RE2 kProject(
      R"((?:^|\s)(?:-e\s+|--editable\s+|--editable=)?['"]?\.(?:\[[^\]]*\])?['"]?(?:\s|$))");
  static const RE2 kPoetry(R"(\b(?:poetry|pdm|uv) (?:install|sync)\b|\bpip install --no-deps -e)");
  JobInstalls out;
  for (const auto& s : job.steps) {
    re2::StringPiece cmd(s.command);
    std::string args;
    while (RE2::FindAndConsume(&cmd, kPip, &args)) {
      re2::StringPiece a(args);
      std::string file;
      while (RE2::FindAndConsume(&a, kReq, &file)) {
        const auto norm = normalize_rel(file);
        if (norm && repo.is_file(*norm) &&
            std::find(out.requirement_files.begin(), out.requirement_files.end(), *norm) ==
                out.requirement_files.end())
          out.requirement_files.push_back(*norm);
      }
      if (RE2::PartialMatch(args, kProject)) out.project = true;
    }
    if (RE2::PartialMatch(s.command, kPoetry)) out.project = true;
  }
  return out;
}

bool is_dev_name(std::string_view name) {
  static const RE2 kDev(
      R"((?i)(?:^|[-_/.])(?:dev|develop|test|tests|testing|lint|typing|types|mypy|docs?|ci|check)(?:[-_/.]|$))");
  return RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), kDev);
}

std::vector<std::string> requirement_closure(const Repo& repo, const std::string& file) {
  std::vector<std::string> out;
  std::vector<std::string> todo{file};
  while (!todo.empty() && out.size() < 32) {
    const std::string f = todo.back();
    todo.pop_back();
    if (std::find(out.begin(), out.end(), f) != out.end()) continue;
    const auto text = repo.read(f);
    if (!text) continue;
    out.push_back(f);
    const Requirements r = parse_requirements(TextFile::parse(*text));
    const std::string dir = f.find('/') == std::string::npos ? "" : f.substr(0, f.rfind('/'));
    for (auto it = r.includes.rbegin(); it != r.includes.rend(); ++it)
      if (auto inc = normalize_rel(join_path(dir, *it))) todo.push_back(*inc);
  }
  return out;
}

std::vector<std::string> requirement_files_in_repo(const Repo& repo) {
  std::vector<std::string> out;
  auto is_req = [](const std::string& n) {
    return n.size() > 4 && n.substr(n.size() - 4) == ".txt" && n.find("requirement") != std::string::npos;
  };
  for (const auto& n : repo.list(""))
    if (is_req(n) && repo.is_file(n)) out.push_back(n);
  for (const auto& dir : {"requirements", "reqs"})
    for (const auto& n : repo.list(dir))
      if (n.size() > 4 && n.substr(n.size() - 4) == ".txt") out.push_back(join_path(dir, n));
  return out;
}

std::optional<std::string> mypy_config_file(const Repo& repo, const std::string& command) {
  static const RE2 kConfig(R"(--config-file[= ]['"]?([^\s'"]+))");
  std::string file;
  if (RE2::PartialMatch(command, kConfig, &file)) {
    if (auto norm = normalize_rel(file); norm && repo.is_file(*norm)) return *norm;
  }
  for (const char* f : {"mypy.ini", ".mypy.ini"})
    if (repo.is_file(f)) return std::string(f);
  if (const auto t = repo.read("pyproject.toml"); t && inspect_pyproject(*t).mypy) return "pyproject.toml";
  if (const auto t = repo.read("setup.cfg"); t && ini_has_section(TextFile::parse(*t), "mypy"))
    return "setup.cfg";
  return std::nullopt;
}

std::optional<PytestConfig> pytest_config_file(const Repo& repo) {
  if (const auto t = repo.read("pytest.ini"); t) return PytestConfig{"pytest.ini", "pytest"};
  if (const auto t = repo.read("pyproject.toml"); t && inspect_pyproject(*t).pytest)
    return PytestConfig{"pyproject.toml", ""};
  if (const auto t = repo.read("tox.ini"); t && ini_has_section(TextFile::parse(*t), "pytest"))
    return PytestConfig{"tox.ini", "pytest"};
  if (const auto t = repo.read("setup.cfg"); t && ini_has_section(TextFile::parse(*t), "tool:pytest"))
    return PytestConfig{"setup.cfg", "tool:pytest"};
  return std::nullopt;
}

}  // namespace ci_triage::patches
