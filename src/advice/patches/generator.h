// What a patch generator sees and returns, and the helpers generators share
// (internal to src/advice/patches). A generator is one function in its own
// file, listed once in registry.cc under the kind rules name it by.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advice/patches.h"
#include "advice/patches/edit/text_file.h"
#include "advice/patches/edit/workflow.h"
#include "advice/patches/repo.h"
#include "core/finding.h"

namespace ci_triage::patches {

/// What a generator sees: the finding, its job (every step's command: which
/// files the job installs), the repository and the options.
struct Input {
  const Finding& finding;
  const JobReport& job;
  const Repo& repo;
  const PatchOptions& options;
  /// The finding's step as the log shows it (nullptr when the log has no steps).
  const StepSummary* step() const;
  /// The command block of the finding's step ("" when unknown).
  const std::string& command() const;
};

/// What a generator proposes: a patch, or notes saying why there is none.
/// Repository contents never make a generator throw (Repo and the editors
/// report what they cannot read or change); an exception is a bug.
struct Proposal {
  std::optional<Patch> patch;
  std::vector<std::string> notes;
};

/// A Patch from the file before and after the edit.
Patch make_patch(std::string_view kind, const std::string& file, const TextFile& before,
                 const TextFile& after, std::string rationale, double confidence);

/// A rationale from its reasons: "A; b; c." (first letter upper-cased).
std::string join_reasons(const std::vector<std::string>& why);

/// The workflow step that printed `step` (options.workflow_file, else every
/// workflow); nullopt with a "No patch: …" note in `notes` when it is not
/// found or several steps match.
std::optional<FoundStep> find_workflow_step(const Input& in, const StepSummary& step,
                                            std::vector<std::string>& notes);

}  // namespace ci_triage::patches
