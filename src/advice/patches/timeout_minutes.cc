// timeout-minutes (timeout): an image build that hit its time limit gets a
// longer one while it is made faster; any other time-out gets no patch (a
// longer limit would only hide a hang).
#include <fmt/format.h>

#include <algorithm>

#include "advice/patches/edit/dockerfile.h"
#include "advice/patches/generator.h"

namespace ci_triage::patches {
namespace {

constexpr const char* kTimeoutMinutesKind = "timeout-minutes";

}  // namespace

Proposal timeout_minutes(const Input& in) {
  Proposal p;
  const StepSummary* step = in.step();
  if (step == nullptr || !parse_build(step->command)) {
    p.notes.push_back(
        "No patch: raising timeout-minutes would only hide a hang; find where the time went first.");
    return p;
  }
  const auto found = find_workflow_step(in, *step, p.notes);
  if (!found) return p;
  const auto text = in.repo.read(found->file);
  if (!text) return p;
  const TextFile before = TextFile::parse(*text);
  const Workflow wf(before);
  // The limit that fired: the step's own, else the job's.
  const bool job_limit = !field_string(in.finding, "runner").empty();
  auto line = job_limit ? wf.key_line(found->job_block, "timeout-minutes")
                        : wf.key_line(found->step, "timeout-minutes");
  if (!line && !job_limit) line = wf.key_line(found->job_block, "timeout-minutes");
  if (!line) {
    p.notes.push_back(
        "No patch: the build runs under the default limit (360 minutes); make it faster (a "
        ".dockerignore, a layer cache) rather than longer.");
    return p;
  }
  const std::string& value = wf.lines()[*line].value;
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
    p.notes.push_back("No patch: timeout-minutes is an expression (" + value + ").");
    return p;
  }
  const int minutes = std::stoi(value.substr(0, 6));
  const int raised = std::max(minutes * 2, minutes + 10);
  TextFile after = before;
  std::string edited = before[*line];
  edited.replace(edited.find(value, edited.find(':')), value.size(), std::to_string(raised));
  after.replace(*line, edited);
  p.patch =
      make_patch(kTimeoutMinutesKind, found->file, before, after,
                 fmt::format("The image build hit its {}-minute limit; give it {} minutes while the build is "
                             "made faster (.dockerignore, layer cache).",
                             minutes, raised),
                 0.5);
  return p;
}

}  // namespace ci_triage::patches
