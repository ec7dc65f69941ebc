#include "advice/patches/generator.h"

#include <cctype>

namespace ci_triage::patches {

const StepSummary* Input::step() const {
  for (const auto& s : job.steps)
    if (s.number == finding.step.number) return &s;
  return nullptr;
}

const std::string& Input::command() const {
  static const std::string kNone;
  const StepSummary* s = step();
  return s != nullptr ? s->command : kNone;
}

Patch make_patch(std::string_view kind, const std::string& file, const TextFile& before,
                 const TextFile& after, std::string rationale, double confidence) {
  return Patch{std::string(kind), file, unified_diff(file, before, after), std::move(rationale), confidence};
}

std::string join_reasons(const std::vector<std::string>& why) {
  std::string out;
  for (const auto& w : why) out += (out.empty() ? "" : "; ") + w;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out + ".";
}

std::optional<FoundStep> find_workflow_step(const Input& in, const StepSummary& step,
                                            std::vector<std::string>& notes) {
  std::vector<std::string> candidates;
  auto found =
      find_step(in.repo, in.options.workflow_file, log_step_header(step.name), step.command, &candidates);
  if (found) return found;
  if (candidates.empty()) {
    notes.push_back(
        "No patch: the step that ran was not found in the workflow files (pass --workflow-file).");
  } else {
    std::string c;
    for (const auto& s : candidates) c += (c.empty() ? "" : ", ") + s;
    notes.push_back("No patch: the step matches several workflow steps: " + c + ".");
  }
  return std::nullopt;
}

}  // namespace ci_triage::patches
