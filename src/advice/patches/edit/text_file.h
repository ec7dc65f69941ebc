// Line-preserving text files and the unified diffs `git apply` accepts.
//
// Patch generators edit configuration files line by line (a requirements
// file, pyproject.toml, a workflow) so that everything they do not touch —
// comments, order, quoting, CRLF line endings, a missing final newline — stays
// byte for byte; the diff is then computed between the two line lists.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::patches {

/// A text file as lines, each with its own terminator ("\n", "\r\n", or "" for
/// a last line without a newline), so that writing it back is byte-exact.
class TextFile {
 public:
  TextFile() = default;
  static TextFile parse(std::string_view bytes);

  std::size_t size() const { return lines_.size(); }
  /// The line's text without its terminator.
  const std::string& operator[](std::size_t i) const { return lines_[i]; }
  const std::string& terminator(std::size_t i) const { return terms_[i]; }
  /// The file's dominant line ending ("\r\n" when most lines end so), used for new lines.
  const std::string& eol() const { return eol_; }

  /// Inserts `text` before line `index` (index == size() appends; after a
  /// last line without a newline, the new last line is the one without it).
  void insert(std::size_t index, std::string text);
  /// Replaces the text of line `index`, keeping its terminator.
  void replace(std::size_t index, std::string text);
  /// The file's bytes.
  std::string str() const;

 private:
  std::vector<std::string> lines_;
  std::vector<std::string> terms_;
  std::string eol_ = "\n";
};

/// A unified diff from `before` to `after` of the repository file `path`
/// (a/path, b/path headers, 3 lines of context), "" when they are equal.
std::string unified_diff(std::string_view path, const TextFile& before, const TextFile& after);
/// The diff that creates `path` with `content`.
std::string new_file_diff(std::string_view path, const TextFile& content);

/// Leading spaces/tabs of a line.
std::string_view indentation(std::string_view line);

/// Outcome of an edit by one of the editors in this folder.
enum class EditStatus {
  kEdited,       ///< the file was changed.
  kPresent,      ///< already there: nothing to do.
  kMissing,      ///< the table/section/key the edit needs is not in the file.
  kUnsupported,  ///< a layout the editor does not change safely (see `detail`).
  kUnparseable,  ///< the file does not parse (see `detail`).
};
struct EditResult {
  EditStatus status = EditStatus::kUnsupported;
  std::string detail;
};

}  // namespace ci_triage::patches
