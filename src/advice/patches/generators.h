// The individual patch generators (internal to src/advice/patches).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advice/patches.h"
#include "advice/patches/repo.h"
#include "advice/patches/text_file.h"
#include "core/finding.h"

namespace ci_triage::patches {

/// What a generator sees: the finding, its job (every step's command: which
/// files the job installs), the repository and the options.
struct Input {
  const Finding& finding;
  const JobReport& job;
  const Repo& repo;
  const PatchOptions& options;
  /// The command block of the finding's step ("" when unknown).
  const std::string& command() const;
};

/// What a generator proposes: a patch, or notes saying why there is none.
struct Proposal {
  std::optional<Patch> patch;
  std::vector<std::string> notes;
};

Proposal python_dependency(const Input& in);  ///< imports: the distribution, or the import path
Proposal mypy_stubs(const Input& in);         ///< typecheck: types-<pkg> or a per-module override
Proposal dockerignore(const Input& in);       ///< docker-build: .dockerignore for the build context
Proposal docker_cache(const Input& in);       ///< docker-cache: mode=max, matching scopes
Proposal registry_login(const Input& in);     ///< registry-auth: packages: write, or the login step
Proposal timeout_minutes(const Input& in);    ///< timeout: a longer limit for an image build that hit it

}  // namespace ci_triage::patches

namespace ci_triage::patches {
/// A Patch from the file before and after the edit.
Patch make_patch(std::string kind, const std::string& file, const TextFile& before, const TextFile& after,
                 std::string rationale, double confidence);
}  // namespace ci_triage::patches
