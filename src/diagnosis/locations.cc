#include "diagnosis/locations.h"

#include <algorithm>
#include <array>

namespace ci_triage {
namespace {

// The length of the workspace prefix `path` starts with (ROOT/REPO/REPO/), 0 when none.
std::size_t workspace_prefix(std::string_view path) {
  static constexpr std::array<std::string_view, 4> kRoots = {"/home/runner/work/", "/__w/",
                                                             "/Users/runner/work/", "D:/a/"};
  std::size_t root = 0;
  for (std::string_view r : kRoots)
    if (path.substr(0, r.size()) == r) root = r.size();
  if (root == 0) {  // a self-hosted runner: …/_work/REPO/REPO/
    const std::size_t w = path.find("/_work/");
    if (w != std::string_view::npos) root = w + 7;
  }
  if (root == 0) return 0;
  const std::size_t a = path.find('/', root);
  const std::size_t b = a == std::string_view::npos ? a : path.find('/', a + 1);
  return b == std::string_view::npos ? 0 : b + 1;
}

bool is_absolute(std::string_view p) {
  return (!p.empty() && p.front() == '/') || (p.size() > 2 && p[1] == ':' && p[2] == '/');
}

}  // namespace

std::string workspace_relative(std::string_view path) {
  std::string p(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  if (const std::size_t n = workspace_prefix(p); n > 0) return p.substr(n);
  return std::string(path);
}

bool project_path(std::string_view path, std::string& p) {
  p.assign(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  if (p.empty() || p.front() == '<') return false;
  if (const std::size_t n = workspace_prefix(p); n > 0)
    p.erase(0, n);
  else if (is_absolute(p))
    return false;
  for (std::string_view installed : {"site-packages/", "dist-packages/", "node_modules/", ".cargo/registry/"})
    if (p.find(installed) != std::string::npos) return false;
  return !p.empty() && p.back() != '/';
}

std::optional<std::string> project_path(std::string_view path) {
  std::string p;
  if (!project_path(path, p)) return std::nullopt;
  return p;
}

bool python_frame(std::string_view text, std::string_view& file, int& line) {
  const std::size_t lead = text.find_first_not_of(' ');
  if (lead == std::string_view::npos || text.substr(lead, 6) != "File \"") return false;
  text.remove_prefix(lead + 6);
  const std::size_t q = text.find("\", line ");
  if (q == 0 || q == std::string_view::npos) return false;
  file = text.substr(0, q);
  line = 0;
  for (std::size_t i = q + 8; i < text.size() && text[i] >= '0' && text[i] <= '9' && line < 10000000; ++i)
    line = line * 10 + (text[i] - '0');
  return line > 0;
}

std::optional<Location> python_frame(std::string_view text) {
  std::string_view file;
  int line = 0;
  if (!python_frame(text, file, line)) return std::nullopt;
  return Location(std::string(file), line);
}

}  // namespace ci_triage
