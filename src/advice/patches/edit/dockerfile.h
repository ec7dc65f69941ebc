// Dockerfiles and the `docker build` commands that read them: the build
// context and Dockerfile a command names, the files a Dockerfile copies in,
// and the lines of a workflow step's script that make up the build command.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "advice/patches/edit/workflow.h"
#include "core/finding.h"

namespace ci_triage::patches {

/// Words separated by blanks (no shell quoting: build commands rarely quote).
std::vector<std::string> split_words(std::string_view s);

/// What a docker build invocation builds.
struct BuildArgs {
  std::string context = ".";
  std::string dockerfile;  ///< "" = context/Dockerfile
};
/// The first `docker build` / `docker buildx build` / `docker image build` of a
/// step's command block (backslash continuations joined), or the `with:`
/// inputs of docker/build-push-action; nullopt when the command builds no image.
std::optional<BuildArgs> parse_build(const std::string& command);

/// The step that builds the image for a finding in step `step_number`: that
/// step when it runs a build, else the last build step before it (a cache gate
/// after the build); nullptr when there is none.
const StepSummary* build_step(const std::vector<StepSummary>& steps, int step_number);

/// Top-level names of the build context a Dockerfile COPYs or ADDs (not from another stage).
std::set<std::string> copied_names(std::string_view dockerfile);

/// The lines of a workflow step's run script that belong to its docker build
/// command (the command and its backslash continuations).
std::vector<std::size_t> build_lines(const Workflow& wf, const Block& step);

}  // namespace ci_triage::patches
