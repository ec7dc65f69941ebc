#include "advice/patches.h"

#include <fmt/format.h>

#include <new>
#include <stdexcept>

#include "advice/patches/edit/workflow.h"
#include "advice/patches/registry.h"

namespace ci_triage {

std::vector<std::string_view> patch_kinds() {
  std::vector<std::string_view> out;
  for (const auto& g : patches::generators()) out.push_back(g.kind);
  return out;
}

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
    const patches::Generator* g = patches::find_generator(f.patch_kind);
    // The rule loader rejects unknown kinds (check_patch_kinds): this is a bug.
    if (g == nullptr)
      throw std::logic_error(fmt::format("rule {} names the patch generator \"{}\", which does not exist",
                                         f.rule, f.patch_kind));
    patches::Proposal p;
    try {
      p = g->generate(patches::Input{f, job, repo, options});
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      // Repository contents never throw (see Proposal): a bug, reported with its context.
      throw std::logic_error(fmt::format("patch generator {} (rule {}): {}", g->kind, f.rule, e.what()));
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
    std::vector<std::string> candidates;
    if (const auto found = patches::find_step(repo, options.workflow_file, patches::log_step_header(s.name),
                                              s.command, &candidates))
      s.source = Location{found->file, static_cast<int>(found->step.begin) + 1};
  }
}

}  // namespace ci_triage
