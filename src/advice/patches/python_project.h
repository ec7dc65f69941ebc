// What a Python project installs and where its settings live: the files a
// job's `pip install` commands name, the requirements files in the repository,
// pyproject.toml/setup.cfg tables, and the mypy and pytest config files in the
// order the tools themselves read them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advice/patches/repo.h"
#include "core/finding.h"

namespace ci_triage::patches {

/// What the job's steps install.
struct JobInstalls {
  std::vector<std::string> requirement_files;  ///< `pip install -r FILE` targets that exist, in order.
  bool project = false;                        ///< `pip install .`, `-e .`, `poetry install`, …
};
JobInstalls job_installs(const JobReport& job, const Repo& repo);

/// True for names like requirements-dev.txt, requirements/test.txt, "lint".
bool is_dev_name(std::string_view name);

/// A requirements file and the files it includes (-r), transitively, depth first.
std::vector<std::string> requirement_closure(const Repo& repo, const std::string& file);

/// Requirements files at the usual places (requirements*.txt, requirements/*.txt).
std::vector<std::string> requirement_files_in_repo(const Repo& repo);

/// The mypy config file mypy reads (`--config-file` in the command, else
/// mypy.ini, .mypy.ini, pyproject.toml with [tool.mypy], setup.cfg with [mypy]).
std::optional<std::string> mypy_config_file(const Repo& repo, const std::string& command);

/// The pytest config file pytest reads and its section (pytest.ini [pytest],
/// pyproject.toml [tool.pytest.ini_options], tox.ini [pytest], setup.cfg [tool:pytest]).
struct PytestConfig {
  std::string file;
  std::string section;  ///< "" for pyproject.toml
};
std::optional<PytestConfig> pytest_config_file(const Repo& repo);

}  // namespace ci_triage::patches
