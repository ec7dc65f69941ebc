// Read-only access to the checked-out repository the patches are for.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::patches {

/// The repository on disk, by repository-relative paths ("a/b.txt", "" is the
/// root). Never follows a path out of the root — not by "..", not by a
/// symlink (a pull request's checkout is untrusted); files over 1 MiB are not read.
class Repo {
 public:
  explicit Repo(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }
  /// The file's bytes, or nullopt when it is missing, not a regular file or too large.
  std::optional<std::string> read(std::string_view rel) const;
  bool is_file(std::string_view rel) const;
  bool is_dir(std::string_view rel) const;
  /// Names of the entries of a directory, sorted; empty when it is missing.
  std::vector<std::string> list(std::string_view rel_dir) const;
  /// Total size in bytes of the files under `rel` (apparent sizes, a bounded walk).
  std::uintmax_t size_of(std::string_view rel) const;

 private:
  std::optional<std::filesystem::path> resolve(std::string_view rel) const;
  std::filesystem::path root_;
};

/// "a/b" + "c" → "a/b/c"; "" + "c" → "c"; "." counts as "".
std::string join_path(std::string_view dir, std::string_view name);
/// Lexically normalised relative path ("./a/../b/" → "b"); "" for the root,
/// nullopt when it escapes the root or is absolute.
std::optional<std::string> normalize_rel(std::string_view path);

}  // namespace ci_triage::patches
