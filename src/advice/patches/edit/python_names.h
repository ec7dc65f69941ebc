// Python naming rules the Python editors share: distribution names (PEP 503,
// PEP 508 specifiers), sorted dependency lists, and mypy module patterns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::patches {

/// The PEP 503 normalised form of a distribution name ("PyYAML" → "pyyaml",
/// "Flask_Migrate" → "flask-migrate").
std::string normalize_dist(std::string_view name);

/// The distribution name a requirement specifier starts with ("requests>=2" →
/// "requests"); "" for URLs, paths and options.
std::string requirement_name(std::string_view spec);

/// True when at least two names are in normalised order (a list worth keeping sorted).
bool sorted_names(const std::vector<std::string>& names);
/// The index in sorted `names` before which `dist` goes (names.size(): after the last).
std::size_t sorted_position(const std::vector<std::string>& names, std::string_view dist);

/// The mypy pattern that covers a module and its submodules ("yaml" → "yaml.*").
std::string mypy_module_pattern(std::string_view module);

}  // namespace ci_triage::patches
