// A diagnosis rule: data from rules/*.json (compiled in) or a user rules file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/finding.h"

namespace ci_triage {

/// How a captured field is typed and merged across the lines a rule matches.
enum class FieldType {
  kString,    ///< first value wins.
  kInt,       ///< integer; first value wins.
  kNumber,    ///< decimal ("41.67", "43%"); first value wins.
  kDuration,  ///< "30s", "10m", "1h30m", "360 minutes", "5" (seconds) → seconds.
  kList,      ///< every distinct value, in order (at most 50).
};

/// Something to do about a finding: a template, shown when its conditions hold.
/// A string in the rules file is a remedy without conditions.
struct Remedy {
  std::string text;
  /// Field name (or "command": the step's Run block) → regex its value must
  /// match (a list field: any item; the command: any line); every one must hold.
  /// "tool" and "ecosystem" say which tool failed (docs/rules.md "Remedies").
  std::map<std::string, std::string> when;
  bool otherwise = false;  ///< shown only when none of the `when` remedies of its rule is.

  bool operator==(const Remedy&) const = default;
};

struct Rule {
  std::string id;        ///< kebab-case, unique.
  std::string category;  ///< FORMAT.md category id or one of the extra ids (docs/rules.md).
  /// The rule knows *that* the step failed (an exit status, an uncaught
  /// exception), not which runbook area: its findings take the category the
  /// step's context implies (docs/rules.md "Context inference"), else `category`.
  bool category_from_context = false;
  /// `"category_from_context": "runbook"`: only a context in a runbook area
  /// (smoke-tests, dependency-install, …) replaces the rule's own category; a
  /// context outside the runbook (git, lint) leaves it (a DNS failure in a git
  /// clone stays `network`).
  bool context_runbook_only = false;
  Severity severity = Severity::kError;
  int priority = 50;                  ///< 0–100: a higher priority explains a lower one in the same step.
  std::string title;                  ///< template: "{name}" or "{name|fallback}" expand fields.
  std::string summary;                ///< template, one or two sentences.
  std::vector<std::string> patterns;  ///< RE2 regexes on normalised lines; named groups → fields.
  std::map<std::string, FieldType> fields;       ///< every named group must be declared here.
  std::string command;                           ///< regex: the step's command must match (empty: any step).
  std::string not_command;                       ///< regex: the step's command must not match.
  std::vector<std::string> fields_from;          ///< output lines that only supply fields.
  std::vector<std::string> fields_from_command;  ///< command (header) lines that only supply fields.
  std::vector<std::string>
      fields_from_tail;  ///< the step's last output lines and the evidence, at diagnosis.
  Fields constants;      ///< "set": fields with fixed values (http_status 401 for "Unauthorized").
  std::vector<std::string> step_text;      ///< one of these must match a line of the same step…
  std::vector<std::string> command_text;   ///< …or one of these a line of its command block.
  std::vector<std::string> not_step_text;  ///< none of these may match a line of the same step.
  std::vector<std::string> job_text;       ///< one of these must match a line anywhere in the job.
  std::vector<std::string>
      after;  ///< evidence counts only after one of these matched an output line of the step…
  std::vector<std::string>
      until;  ///< …and before one of these matched a later line (a section: an Ansible task).
  std::vector<std::string> suppressed_by;  ///< categories or rule ids that, found in the same or an earlier
                                           ///< step, make this a consequence.
  std::vector<std::string>
      absorbs;  ///< categories whose findings in the same step become this one's evidence.
  /// Categories or rule ids whose error findings this rule's finding causes, in
  /// any step of the job (a crash-looping pod explains the rollout time-out
  /// before it): it ranks in their place, and their lines and fields join it.
  std::vector<std::string> explains;
  int quote_tail = 0;      ///< also quote the step's last N output lines before its first ##[error].
  bool keep_last = false;  ///< quote the last matching lines instead of the first.
  /// Category `unknown` only: a tool's summary of a run that passed (`48 passed in 1.40s`). An
  /// excerpt without a job status whose last step ends with one gets no fallback finding.
  bool passed = false;
  std::string location_file;                  ///< field holding the source file of the finding.
  std::string location_line;                  ///< field holding its line.
  std::map<std::string, std::string> derive;  ///< field → "count:LIST" / "sum:A+B", alternatives joined by |.
  std::vector<std::string> causes;
  std::vector<Remedy> remedies;
  std::string patch;   ///< patch generator this rule enables ("" = none).
  std::string source;  ///< file the rule came from.

  bool operator==(const Rule&) const = default;
};

/// What a step was doing, from its command, its action or its output: the
/// runbook area a failure of that step is in when no rule says why
/// (docs/rules.md "Context inference"). A rules file's `contexts` section.
struct StepContext {
  std::string id;        ///< kebab-case, unique among contexts.
  std::string category;  ///< the category a failure of such a step is in.
  std::string tool;      ///< e.g. "helm", "pytest" ("" = not one tool).
  std::string ecosystem;
  std::string title;  ///< template for the inferred finding ("The Helm release did not deploy").
  std::vector<std::string> command;  ///< regexes on the lines of the step's `Run` block.
  std::vector<std::string> uses;     ///< regexes on the action a `uses:` step runs (owner/name@ref).
  std::vector<std::string> output;   ///< regexes on output lines the tool prints (plain output, ties).
  std::vector<Remedy> remedies;
  /// `"frame": true`: the step *is* this area whatever fails inside it (a rollback script: its
  /// health check, its checkout of the previous tag); findings of the steps it names take its
  /// category (docs/rules.md "Relations and ranking", reframe).
  bool frame = false;
  std::string source;

  bool operator==(const StepContext&) const = default;
};

/// A field any finding may get from its step when its rule does not capture
/// it (a URL, an HTTP status, a time-out, a namespace, a coverage figure): a
/// rules file's `extractors` section (docs/rules.md "Fields").
struct FieldExtractor {
  std::string field;
  FieldType type = FieldType::kString;
  /// Regexes with a named group called like the field.
  std::vector<std::string> patterns;
  /// Where to look, in order: "evidence" (the finding's lines, then its
  /// step's last lines), "command" (its step's Run block, $VARS of its env:
  /// expanded), "job" (every step's Run block), "output" (a plain excerpt's
  /// bounded output, first line first).
  std::vector<std::string> where;
  std::vector<std::string> categories;  ///< only for findings of these categories (empty: all).
  bool last = false;  ///< in a command block or the output, the last value (the last command ran last).
  std::string source;

  bool operator==(const FieldExtractor&) const = default;
};

/// A word that names a runbook area on a failed step's quoted error line: the last guess at a
/// category when no rule and no step context explains the step (docs/rules.md "Context
/// inference"). A rules file's `vocabulary` section.
struct VocabularyWord {
  std::string category;
  std::string pattern;  ///< regex on one quoted line.
  std::string with;     ///< a second regex the same line must match ("" = none).
  std::string unless;   ///< a regex the line must not match ("" = none): `"not"` in the file.
  bool strong = false;  ///< counts on a line without a failure marker.
  std::string source;

  bool operator==(const VocabularyWord&) const = default;
};

/// A rule whose lines only the unknown fallback quotes (category `unknown`).
inline bool is_error_line_detector(const Rule& r) {
  return r.category == "unknown" && !r.category_from_context && !r.passed;
}

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<StepContext> contexts;  ///< in order: the first that fits a step wins.
  std::vector<FieldExtractor> extractors;
  std::vector<VocabularyWord> vocabulary;
  /// What makes a quoted line a failure line for the vocabulary ("" = no vocabulary vote).
  std::string vocabulary_marker;

  bool operator==(const RuleSet&) const = default;
};

}  // namespace ci_triage
