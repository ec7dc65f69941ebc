// A rule set ready to match: the output patterns of every rule in one Matcher,
// and the patterns about a step's command, compiled when first needed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "rules/matcher.h"
#include "rules/rule.h"

namespace re2 {
class RE2;
}

namespace ci_triage {

/// The rules compiled for matching: one Matcher over the output patterns of
/// every rule (evidence, fields_from, step/job conditions), run while the log
/// streams; and the patterns about a step's command (its `Run` header block),
/// compiled and evaluated only when a rule has fired in that step. Built once
/// per run, shared by every log of it.
class CompiledRules {
 public:
  enum class Role : std::uint8_t {
    kEvidence,
    kStepText,
    kNotStepText,
    kJobText,
    kFieldsOutput,
    kAfterText,
    kUntilText,    ///< closes the section a kAfterText line opened (`when.until`).
    kContextText,  ///< a context's output signature: `rule` is the context's index.
  };
  struct PatternRef {
    std::uint32_t rule;
    Role role;
    /// A condition, or a fields_from pattern whose fields are all scalars:
    /// once seen in a step, running it again there cannot change anything.
    bool once_per_step = false;
    std::vector<std::string> groups;  ///< the named groups it captures.
  };

  /// `image`: Matcher::image() bytes made at build time for the built-in
  /// rules (embedded::rules_image()). Used when it was made for exactly these
  /// output patterns; otherwise the matcher is compiled now.
  explicit CompiledRules(RuleSet rules, std::string_view image = {});
  ~CompiledRules();

  /// Every output pattern of `rules`, in the order of output_patterns().
  static std::vector<std::string> output_regexes(const RuleSet& rules);

  const RuleSet& rules() const { return rules_; }
  /// Patterns of the output matcher.
  const std::vector<PatternRef>& output_patterns() const { return output_refs_; }
  /// The regex text of output pattern i (diagnostics, benchmarks).
  const std::string& output_regex(std::size_t i) const { return output_regexes_[i]; }
  /// Runs over output lines: evidence, fields_from and step/job conditions.
  Matcher& output_matcher() { return *output_matcher_; }
  const Matcher& output_matcher() const { return *output_matcher_; }
  /// True when the matcher came from the image (nothing was compiled at start-up).
  bool from_image() const { return from_image_; }
  /// Does the step command satisfy the rule's command / not_command conditions?
  bool command_allows(std::uint32_t rule, const std::string& command) const;
  /// Has the rule a `when.command` that `text` (plain output, Step::plain_text)
  /// matches, and no `when.not_command` that `command` matches?
  bool command_in_text(std::uint32_t rule, const std::string& text, const std::string& command) const;
  /// Does a line of the command match one of the rule's step_text (or
  /// command_text) / not_step_text / job_text?
  bool command_has_step_text(std::uint32_t rule, const std::string& command) const;
  bool command_has_not_step_text(std::uint32_t rule, const std::string& command) const;
  bool command_has_job_text(std::uint32_t rule, const std::string& command) const;
  /// Adds the fields the rule's fields_from_command capture from the command's
  /// lines; the first line that gives a field wins, or the last when
  /// `last_wins` (a shell transcript: its commands ran in order and stopped at
  /// the one that failed, `+ kubectl wait --timeout=90s` … `--timeout=180s`).
  void command_fields(std::uint32_t rule, const std::string& command, Fields& out,
                      bool last_wins = false) const;
  /// Adds the fields the rule's fields_from patterns capture from `lines`.
  void output_fields(std::uint32_t rule, const std::vector<std::string>& lines, Fields& out) const;
  /// The fields the rule's own (evidence) patterns capture from one line: what
  /// a quoted line says by itself (its file and line).
  void line_fields(std::uint32_t rule, std::string_view line, Fields& out) const;
  /// Adds the fields the rule's fields_from_tail patterns capture from `lines`.
  void tail_fields(std::uint32_t rule, const std::vector<EvidenceLine>& lines, Fields& out) const;
  /// The last script line of `command` (0-based) a context's command patterns
  /// match; -2 when only a line of its shell:/env:/with: settings matches; -1 none.
  int context_command_line(std::uint32_t context, const std::string& command) const;
  /// Whether the script runs the first command the context's patterns match only when something
  /// before it failed: after `||` or inside `trap … ERR` on its line, or after a line opening a
  /// failure branch (`if ! cmd; then`, a line ending in `||` or `|| {`). A deploy that undoes itself
  /// (`migrate || migrate:undo`) fails as the deploy, not as a rollback.
  bool context_runs_as_fallback(std::uint32_t context, const std::string& command) const;
  /// Does a context's `uses` pattern match the action reference?
  bool context_uses(std::uint32_t context, std::string_view action) const;

  /// The category the vocabulary's words name on most of `lines` (a failed step's quoted lines; a
  /// line counts once per category), "" when none does or two tie (docs/rules.md "Context
  /// inference"). Reads at most the first 64 distinct lines, 4 KiB of each.
  std::string vocabulary_vote(const std::vector<std::string_view>& lines) const;

  /// The value an extractor's patterns capture from `line`, typed; false when none matches.
  bool extract(std::uint32_t extractor, std::string_view line, FieldValue& out) const;

  /// Rule ids with output patterns that have no literal atoms (they run on every line).
  std::vector<std::string> slow_rules() const;

 private:
  /// A rule's regex lists outside the output matcher, compiled on first use.
  enum ListKind : std::uint8_t {
    kStepText,       ///< step_text and command_text
    kNotStepText,    ///< not_step_text
    kJobText,        ///< job_text
    kCommandFields,  ///< fields_from_command
    kOutputFields,   ///< fields_from
    kTailFields,     ///< fields_from_tail
    kEvidence,       ///< patterns (a quoted line's own fields)
    kListKinds
  };
  struct CommandPatterns;
  CommandPatterns& patterns_of(std::uint32_t rule) const;
  const CommandPatterns& conditions_of(std::uint32_t rule) const;
  const std::vector<std::unique_ptr<re2::RE2>>& list_of(std::uint32_t rule, ListKind kind) const;

  RuleSet rules_;
  std::vector<PatternRef> output_refs_;
  std::vector<std::string> output_regexes_;
  std::unique_ptr<Matcher> output_matcher_;
  bool from_image_ = false;
  mutable std::vector<std::unique_ptr<CommandPatterns>> command_;  // per rule, on first use
  struct ContextPatterns;
  const ContextPatterns& context_patterns(std::uint32_t context) const;
  mutable std::vector<std::unique_ptr<ContextPatterns>> context_;  // per context, on first use
  /// An extractor's pattern, compiled on first use, with the index of the group that holds
  /// its field (0: the pattern does not name it).
  struct ExtractorPattern {
    std::unique_ptr<re2::RE2> re;
    int group = 0;
  };
  mutable std::vector<std::vector<ExtractorPattern>> extractor_;  // per extractor, on first use
  struct VocabularyPatterns;
  mutable std::unique_ptr<VocabularyPatterns> vocabulary_;  // on first use
};

}  // namespace ci_triage
