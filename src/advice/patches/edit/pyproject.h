// pyproject.toml (PEP 621, Poetry, mypy and pytest tables), read with toml++
// and edited line by line: only the lines an edit needs change; order,
// quoting, indentation and line endings stay.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "advice/patches/edit/text_file.h"

namespace ci_triage::patches {

/// PEP 621: adds `dist` to `[project] dependencies`, or to
/// `[project.optional-dependencies] <group>` when `group` is not empty.
EditResult add_pep621_dependency(TextFile& file, std::string_view dist, std::string_view group = "");
/// Poetry: adds `dist = "*"` to `[tool.poetry.dependencies]`, or to the
/// group's table (`[tool.poetry.group.<group>.dependencies]`, or the legacy
/// `[tool.poetry.dev-dependencies]` for "dev").
EditResult add_poetry_dependency(TextFile& file, std::string_view dist, std::string_view group = "");
/// A `[[tool.mypy.overrides]]` table with `ignore_missing_imports = true` for
/// these modules (and their submodules).
EditResult add_mypy_override_toml(TextFile& file, const std::vector<std::string>& modules);
/// `dir` in `[tool.pytest.ini_options] pythonpath`.
EditResult add_pytest_pythonpath_toml(TextFile& file, std::string_view dir);

/// Which PEP 621 / Poetry tables a pyproject.toml has (`parses` false, and
/// `error` "line N: what", when it does not parse).
struct PyprojectLayout {
  bool parses = false;
  std::string error;
  bool pep621_dependencies = false;          ///< [project] dependencies = [...]
  bool pep621_dynamic = false;               ///< "dependencies" in [project] dynamic
  bool poetry = false;                       ///< [tool.poetry.dependencies]
  bool mypy = false;                         ///< [tool.mypy]
  bool pytest = false;                       ///< [tool.pytest.ini_options]
  std::vector<std::string> optional_groups;  ///< [project.optional-dependencies] keys
  std::vector<std::string> poetry_groups;    ///< [tool.poetry.group.*] names (and "dev" for dev-dependencies)
  std::vector<std::string> names;            ///< every dependency name, normalised
};
PyprojectLayout inspect_pyproject(std::string_view text);

}  // namespace ci_triage::patches
