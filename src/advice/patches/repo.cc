#include "advice/patches/repo.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace ci_triage::patches {

namespace fs = std::filesystem;

Repo::Repo(fs::path root) : root_(std::move(root)) {}

std::optional<fs::path> Repo::resolve(std::string_view rel) const {
  const auto norm = normalize_rel(rel);
  if (!norm) return std::nullopt;
  if (norm->empty()) return root_;
  // A checkout is untrusted (a pull request's files): a symlink that leads out
  // of the repository must not get its target read and quoted in a diff.
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(root_ / *norm, ec);
  if (ec) return std::nullopt;
  const fs::path base = fs::weakly_canonical(root_, ec);
  if (ec) return std::nullopt;
  const auto rel_to = real.lexically_relative(base);
  if (rel_to.empty() || *rel_to.begin() == "..") return std::nullopt;
  return root_ / *norm;
}

std::optional<std::string> Repo::read(std::string_view rel) const {
  const auto p = resolve(rel);
  std::error_code ec;
  if (!p || !fs::is_regular_file(*p, ec) || fs::file_size(*p, ec) > (1u << 20) || ec) return std::nullopt;
  std::ifstream in(*p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool Repo::is_file(std::string_view rel) const {
  const auto p = resolve(rel);
  std::error_code ec;
  return p && fs::is_regular_file(*p, ec);
}

bool Repo::is_dir(std::string_view rel) const {
  const auto p = resolve(rel);
  std::error_code ec;
  return p && fs::is_directory(*p, ec);
}

std::vector<std::string> Repo::list(std::string_view rel_dir) const {
  std::vector<std::string> out;
  const auto p = resolve(rel_dir);
  std::error_code ec;
  if (!p || !fs::is_directory(*p, ec)) return out;
  for (fs::directory_iterator it(*p, ec), end; !ec && it != end; it.increment(ec))
    out.push_back(it->path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::uintmax_t Repo::size_of(std::string_view rel) const {
  const auto p = resolve(rel);
  std::error_code ec;
  if (!p) return 0;
  if (fs::is_regular_file(*p, ec)) return fs::file_size(*p, ec);
  std::uintmax_t total = 0, seen = 0;
  for (fs::recursive_directory_iterator it(*p, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end && seen < 200000; it.increment(ec), ++seen) {
    std::error_code e2;
    if (it->is_regular_file(e2)) total += it->file_size(e2);
  }
  return total;
}

std::string join_path(std::string_view dir, std::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  std::string out(dir);
  if (out.back() != '/') out.push_back('/');
  return out + std::string(name);
}

std::optional<std::string> normalize_rel(std::string_view path) {
  if (!path.empty() && path.front() == '/') return std::nullopt;
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    const std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back('/');
    out += p;
  }
  return out;
}

}  // namespace ci_triage::patches
