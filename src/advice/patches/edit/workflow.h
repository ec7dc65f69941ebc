// GitHub Actions workflow files, read and edited line by line.
//
// Edits must keep the file as its authors wrote it — comments, quoting, key
// order, anchors and aliases, blank lines — so the workflow is not parsed
// into a tree and re-serialised: a light outline (indentation, keys, list
// items, block scalars) locates jobs, steps and keys, and the edits replace
// or insert single lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advice/patches/edit/text_file.h"
#include "advice/patches/repo.h"

namespace ci_triage::patches {

/// One line of a YAML file as the outline sees it.
struct YamlLine {
  std::size_t indent = 0;       ///< column of the key (after "- " for list items).
  bool item = false;            ///< starts with "- ".
  std::size_t item_indent = 0;  ///< column of the "-" when `item`.
  std::string key;              ///< "key" of "key: value" ("" when none).
  std::string value;            ///< the value after "key:", comment and quotes removed.
  bool content = false;         ///< a non-blank, non-comment line outside block scalars.
  bool scalar = false;          ///< inside a block scalar (`run: |`).
};

/// A block of lines [begin, end) (0-based), e.g. a job or a step.
struct Block {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class Workflow {
 public:
  explicit Workflow(const TextFile& file);

  const TextFile& file() const { return file_; }
  const std::vector<YamlLine>& lines() const { return lines_; }

  /// The jobs (the key line of each job through its last line).
  std::vector<std::pair<std::string, Block>> jobs() const;
  /// The steps of a job (each from its "- " line).
  std::vector<Block> steps(const Block& job) const;
  /// The line of `key` directly inside `parent` (a job, a step, `with:`), or nullopt.
  std::optional<std::size_t> key_line(const Block& parent, std::string_view key) const;
  /// The block of a mapping key's children (`with:` → its inputs); follows a
  /// `*alias` value to its `&anchor` block.
  std::optional<Block> children(std::size_t key_line) const;
  /// The mapping under a key as a parent block for key_line(): the key's own
  /// line through its children, or the `&anchor` line's when the value is an alias.
  std::optional<Block> mapping(std::size_t key_line) const;
  /// The top-level key's line ("permissions", "on", …).
  std::optional<std::size_t> top_key(std::string_view key) const;
  /// What the runner prints for a step after "Run ": `uses` or the first line of `run`.
  std::string step_header(const Block& step) const;
  /// The lines of a step's `run` script (the value line or the block scalar's lines).
  std::vector<std::size_t> run_lines(const Block& step) const;
  /// The line of `key` inside `parent` or inside a mapping merged with `<<: *alias`.
  std::optional<std::size_t> key_line_merged(const Block& parent, std::string_view key) const;

 private:
  const TextFile& file_;
  std::vector<YamlLine> lines_;
};

/// Whether a step's header in the workflow (`run`'s first line, `uses`) is the
/// one the log printed: equal, a prefix the log cut, or equal once each
/// `${{ … }}` expression stands for the text the runner put there.
bool header_matches(std::string_view workflow_header, std::string_view log_header);

/// What a log's step name says the step ran: the name without "Run " (the
/// runner names a step without `name:` "Run <uses or first run line>").
std::string_view log_step_header(std::string_view step_name);

/// A step located in a workflow file.
struct FoundStep {
  std::string file;  ///< repository-relative
  std::string job;
  Block job_block;
  Block step;
};

/// The step of the workflow that printed `header` (the log's "Run …" group
/// name without "Run "), in `workflow_file` or, when that is "", in every
/// .github/workflows/*.y(a)ml. `command` (the log's command block: `with:`
/// inputs) tells apart steps with the same header. When several steps match
/// equally well, returns nullopt and lists them in *candidates ("file (job j)").
std::optional<FoundStep> find_step(const Repo& repo, const std::string& workflow_file,
                                   std::string_view header, std::string_view command,
                                   std::vector<std::string>* candidates);

/// The value of a "k=v" option in a comma-separated buildx value
/// ("type=gha,mode=min,scope=x", "scope" → "x"); "" when missing.
std::string buildx_option(std::string_view value, std::string_view option);
/// Sets option=v in a comma-separated buildx value inside `line` (replacing
/// the current value or appending ",option=v" to the value after `marker`).
std::string set_buildx_option(std::string line, std::string_view marker, std::string_view option,
                              std::string_view value);

}  // namespace ci_triage::patches
