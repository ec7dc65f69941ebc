// Where in the project a failure is: the paths a log names, made
// repository-relative, and the frames of a Python traceback.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/finding.h"

namespace ci_triage {

/// A path as the repository sees it: the runner's workspace prefix removed
/// (/home/runner/work/R/R/, /__w/R/R/, a self-hosted …/_work/R/R/, D:\a\R\R\,
/// /Users/runner/work/R/R/), backslashes made '/'. nullopt for a file outside
/// the project: another absolute path (the interpreter, /usr/lib, a tool
/// cache), an installed package (site-packages, dist-packages, node_modules,
/// the cargo registry) or no file at all ("<frozen importlib._bootstrap>").
std::optional<std::string> project_path(std::string_view path);
/// project_path() into `out` (its capacity reused); false for a file outside the project.
bool project_path(std::string_view path, std::string& out);

/// The workspace prefix removed from an absolute path, other paths unchanged
/// (the rules' `location`: a header in /usr/include stays as the tool named it).
std::string workspace_relative(std::string_view path);

/// A Python traceback frame line (`  File "PATH", line N, in NAME`): its file
/// and line, as printed; nullopt for any other line.
std::optional<Location> python_frame(std::string_view text);
/// python_frame() without copying: `file` points into `text`.
bool python_frame(std::string_view text, std::string_view& file, int& line);

}  // namespace ci_triage
