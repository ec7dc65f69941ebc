// docker-cache: the cache settings of the workflow step that built the image,
// fixed in place — export every layer (mode=max), read and write the same
// scope, inline cache metadata, or buildx where the legacy builder cannot export.
#include <fmt/format.h>
#include <re2/re2.h>

#include "advice/patches/edit/dockerfile.h"
#include "advice/patches/generator.h"
#include "core/text.h"

namespace ci_triage::patches {
namespace {

constexpr const char* kDockerCacheKind = "docker-cache";

}  // namespace

Proposal docker_cache(const Input& in) {
  Proposal p;
  const StepSummary* summary = build_step(in.job.steps, in.finding.step.number);
  if (summary == nullptr) {
    p.notes.push_back("No patch: no step of the job runs a docker build.");
    return p;
  }
  const auto found = find_workflow_step(in, *summary, p.notes);
  if (!found) return p;
  const auto text = in.repo.read(found->file);
  if (!text) return p;
  const TextFile before = TextFile::parse(*text);
  TextFile after = before;
  const Workflow wf(before);
  std::vector<std::string> why;
  double confidence = 0.85;

  if (const auto w = wf.key_line(found->step, "with")) {
    // docker/build-push-action inputs.
    const auto with_map = wf.mapping(*w);
    if (!with_map) return p;
    const Block with = *with_map;  // the anchor's mapping when `with: *alias`
    const auto from = wf.key_line_merged(with, "cache-from");
    const auto to = wf.key_line_merged(with, "cache-to");
    const std::string from_v = from ? wf.lines()[*from].value : "";
    const std::string to_v = to ? wf.lines()[*to].value : "";
    if (to && (buildx_option(to_v, "type") == "gha" || buildx_option(to_v, "type") == "registry")) {
      std::string line = after[*to];
      if (buildx_option(to_v, "mode") != "max") {
        line = set_buildx_option(line, "cache-to", "mode", "max");
        why.push_back("export every layer (mode=max; mode=min keeps only the final stage's)");
      }
      const std::string fs = buildx_option(from_v, "scope"), ts = buildx_option(to_v, "scope");
      if (from && buildx_option(from_v, "type") == "gha" && fs != ts) {
        if (!fs.empty()) {
          line = set_buildx_option(line, "cache-to", "scope", fs);
          why.push_back(fmt::format("write the scope cache-from reads (scope={})", fs));
        } else {
          after.replace(*from, set_buildx_option(after[*from], "cache-from", "scope", ts));
          why.push_back(fmt::format("read the scope cache-to writes (scope={})", ts));
        }
      }
      after.replace(*to, line);
    } else if (!to && from && buildx_option(from_v, "type") == "gha") {
      const std::string scope = buildx_option(from_v, "scope");
      const std::string value = "type=gha,mode=max" + (scope.empty() ? "" : ",scope=" + scope);
      after.insert(*from + 1, fmt::format("{}cache-to: {}", indentation(before[*from]), value));
      why.push_back("export the cache the next run imports (cache-to was missing)");
    }
  } else {
    // A run script: docker build / buildx build flags.
    const std::vector<std::size_t> run = build_lines(wf, found->step);
    const bool unsupported = in.finding.rule == "docker-cache-unsupported";
    bool inline_cache = false;
    for (std::size_t i : run)
      inline_cache = inline_cache || before[i].find("BUILDKIT_INLINE_CACHE=1") != std::string::npos;
    for (std::size_t i : run) {
      std::string line = after[i];
      const std::string orig = line;
      if (line.find("--cache-to") != std::string::npos) {
        const auto span = line.substr(line.find("--cache-to"));
        if (buildx_option(split_words(span).size() > 1 ? split_words(span)[1] : "", "mode") == "min") {
          line = set_buildx_option(line, "--cache-to", "mode", "max");
          why.push_back("export every layer (mode=max)");
        }
      }
      if (unsupported) {
        static const RE2 kLegacy(R"(\bdocker build\b)");
        // --load: the docker-container driver keeps results in its cache unless told to load them.
        if (RE2::Replace(&line, kLegacy, "docker buildx build --load"))
          why.push_back(
              "build with buildx (the legacy builder has no --cache-to) and load the image as before");
      } else if (!inline_cache && line.find("--cache-from") != std::string::npos &&
                 line.find("type=") == std::string::npos) {
        const std::size_t at = line.find("--cache-from");
        line.insert(at, "--build-arg BUILDKIT_INLINE_CACHE=1 ");
        why.push_back("embed cache metadata in the image so the next build can reuse its layers");
        inline_cache = true;
        confidence = 0.6;
      }
      if (line != orig) after.replace(i, line);
    }
    if (unsupported && !why.empty()) {
      // buildx's docker-container driver exports caches: set it up before the step.
      bool has_setup = false;
      for (const auto& s : wf.steps(found->job_block))
        has_setup = has_setup || wf.step_header(s).rfind("docker/setup-buildx-action", 0) == 0;
      if (!has_setup) {
        const std::string ind(before[found->step.begin].substr(0, wf.lines()[found->step.begin].item_indent));
        const std::string key_ind(wf.lines()[found->step.begin].indent, ' ');
        after.insert(found->step.begin, ind + "- name: Set up Docker Buildx");
        after.insert(found->step.begin + 1, key_ind + "uses: docker/setup-buildx-action@v3");
      }
    }
  }
  if (why.empty()) {
    p.notes.push_back(
        fmt::format("No patch: the cache settings of the step in {} look right already (mode=max, "
                    "matching scopes); is the cache evicted or is this the first run?",
                    found->file));
    return p;
  }
  p.patch = make_patch(kDockerCacheKind, found->file, before, after, join_reasons(why), confidence);
  return p;
}

}  // namespace ci_triage::patches
