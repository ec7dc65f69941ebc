#include "advice/patches.h"

#include <cstdlib>
#include <exception>

#include "advice/patches/generators.h"
#include "advice/patches/workflow.h"

namespace ci_triage {

namespace patches {

const std::string& Input::command() const {
  static const std::string kNone;
  for (const auto& s : job.steps)
    if (s.number == finding.step.number) return s.command;
  return kNone;
}

std::vector<std::string> field_list(const Finding& f, const std::string& name) {
  std::vector<std::string> out;
  const auto it = f.fields.find(name);
  if (it == f.fields.end()) return out;
  if (const auto* s = std::get_if<std::string>(&it->second)) {
    if (!s->empty()) out.push_back(*s);
  } else if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) {
    for (const auto& v : *l)
      if (!v.empty()) out.push_back(v);
  }
  return out;
}

std::string field_string(const Finding& f, const std::string& name) {
  const auto it = f.fields.find(name);
  if (it == f.fields.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return "";
}

Patch make_patch(std::string kind, const std::string& file, const TextFile& before, const TextFile& after,
                 std::string rationale, double confidence) {
  return Patch{std::move(kind), file, unified_diff(file, before, after), std::move(rationale), confidence};
}

}  // namespace patches

void propose_patches(JobReport& job, const PatchOptions& options) {
  // The runner's workspace is an empty directory until actions/checkout fills it.
  std::error_code ec;
  if (std::filesystem::is_empty(options.repo_root, ec) && !ec) {
    for (Finding& f : job.findings)
      if (!f.patch_kind.empty())
        f.patch_notes.push_back("No checkout: add actions/checkout before ci-triage for patches.");
    return;
  }
  const patches::Repo repo(options.repo_root);
  for (Finding& f : job.findings) {
    if (f.patch_kind.empty()) continue;
    const patches::Input in{f, job, repo, options};
    patches::Proposal p;
    try {
      if (f.patch_kind == "python-dependency")
        p = patches::python_dependency(in);
      else if (f.patch_kind == "mypy-stubs")
        p = patches::mypy_stubs(in);
      else if (f.patch_kind == "dockerignore")
        p = patches::dockerignore(in);
      else if (f.patch_kind == "docker-cache")
        p = patches::docker_cache(in);
      else if (f.patch_kind == "registry-login")
        p = patches::registry_login(in);
      else if (f.patch_kind == "timeout-minutes")
        p = patches::timeout_minutes(in);
      else
        continue;
    } catch (const std::exception& e) {  // a repository file we could not handle: no patch, say so
      p = {};
      p.notes.push_back(std::string("No patch: ") + e.what());
    }
    if (p.patch && p.patch->diff.empty()) p.patch.reset();
    // Two findings of one cause (the cache gate and the build it checks) get the patch once.
    if (p.patch)
      for (const Finding& earlier : job.findings) {
        if (&earlier == &f) break;
        if (earlier.patch && earlier.patch->file == p.patch->file && earlier.patch->diff == p.patch->diff) {
          p.patch.reset();
          p.notes.push_back("The patch suggested for \"" + earlier.title + "\" fixes this too.");
          break;
        }
      }
    f.patch = std::move(p.patch);
    f.patch_notes = std::move(p.notes);
  }
}

void locate_failed_steps(JobReport& job, const PatchOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.repo_root, ec)) return;
  const patches::Repo repo(options.repo_root);
  for (StepSummary& s : job.steps) {
    if (!s.failed) continue;
    const std::string_view header =
        s.name.rfind("Run ", 0) == 0 ? std::string_view(s.name).substr(4) : std::string_view(s.name);
    try {
      std::vector<std::string> candidates;
      if (const auto found = patches::find_step(repo, options.workflow_file, header, s.command, &candidates))
        s.source = Location{found->file, static_cast<int>(found->step.begin) + 1};
    } catch (const std::exception&) {  // an unreadable workflow: the step stays unlocated
    }
  }
}

}  // namespace ci_triage
