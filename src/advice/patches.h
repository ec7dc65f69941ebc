// Patch generators: repo-aware changes that fix a finding, as unified diffs.
//
// A finding's rule names its generator (Finding::patch_kind). The generator
// reads the checked-out repository (never the network), finds the file the
// project really uses (the requirements file the job installs, the mypy
// config mypy reads, the workflow that ran), edits it line by line and
// returns the diff with a one-line rationale and a confidence. When it cannot
// be sure (two candidate files, a file that does not parse, nothing to
// change) it offers no patch and says why in Finding::patch_notes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace ci_triage {

struct PatchOptions {
  std::filesystem::path repo_root;  ///< the checked-out repository.
  /// The workflow file that ran, relative to repo_root (from the run's
  /// `path`, e.g. ".github/workflows/ci.yml"); "" = find it by the step text
  /// under .github/workflows/.
  std::string workflow_file;
};

/// The patch generators' kinds: what a rule's `patch` may name (the rule
/// loader checks it, rules/rule_loader.h check_patch_kinds).
std::vector<std::string_view> patch_kinds();

/// Fills `patch` and `patch_notes` of the findings of `job` whose rule names a
/// patch generator (patch_kind). Never throws for repository contents; a
/// generator that throws has a bug, and the exception (std::logic_error, naming
/// the generator and the rule) goes up to the command, which reports it.
void propose_patches(JobReport& job, const PatchOptions& options);

/// Sets `source` (workflow file and line) of the job's failed steps that the repository's
/// workflow files show (options.workflow_file, else every .github/workflows/*.yml); steps that
/// match no step, or several equally, are left unlocated. Never throws for repository contents.
void locate_failed_steps(JobReport& job, const PatchOptions& options);

}  // namespace ci_triage
