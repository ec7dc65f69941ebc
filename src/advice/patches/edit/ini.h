// INI files as Python tools read them (configparser: setup.cfg, mypy.ini,
// pytest.ini, tox.ini), read and edited line by line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advice/patches/edit/text_file.h"

namespace ci_triage::patches {

/// Does `[section]` exist (case-sensitive, as configparser)?
bool ini_has_section(const TextFile& file, std::string_view section);
/// The value lines of `key` in `section` (the key line's value and its
/// indented continuation lines, trimmed, comments and blanks dropped).
std::optional<std::vector<std::string>> ini_values(const TextFile& file, std::string_view section,
                                                   std::string_view key);
/// Adds `item` as a continuation line of a multi-line `key` in `section`
/// (setup.cfg install_requires, extras_require entries), sorted when sorted.
EditResult add_ini_list_item(TextFile& file, std::string_view section, std::string_view key,
                             std::string_view item);
/// mypy.ini, setup.cfg: a `[mypy-a.*,b.*]` section with `ignore_missing_imports = True`.
EditResult add_mypy_override_ini(TextFile& file, const std::vector<std::string>& modules);
/// pytest.ini [pytest], tox.ini [pytest], setup.cfg [tool:pytest]: `dir` in `pythonpath`.
EditResult add_pytest_pythonpath_ini(TextFile& file, std::string_view section, std::string_view dir);

}  // namespace ci_triage::patches
