// dockerignore (docker-build): a .dockerignore that keeps what the image does
// not need — VCS data, caches, virtualenvs, large files the Dockerfile does not
// COPY — out of the build context the log's build command sends.
#include <fmt/format.h>

#include <set>

#include "advice/patches/edit/dockerfile.h"
#include "advice/patches/generator.h"
#include "core/text.h"

namespace ci_triage::patches {
namespace {

constexpr const char* kDockerignoreKind = "dockerignore";

std::string clean_pattern(std::string_view p) {
  p = trim(p);
  if (p.rfind("./", 0) == 0) p.remove_prefix(2);
  if (!p.empty() && p.front() == '/') p.remove_prefix(1);
  if (p.rfind("**/", 0) == 0) p.remove_prefix(3);
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  return std::string(p);
}

std::string human_size(std::uintmax_t bytes) {
  if (bytes >= (1ull << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1ull << 30));
  if (bytes >= (1ull << 20)) return fmt::format("{:.0f} MiB", static_cast<double>(bytes) / (1ull << 20));
  return fmt::format("{} KiB", bytes / 1024);
}

}  // namespace

Proposal dockerignore(const Input& in) {
  Proposal p;
  const StepSummary* step = build_step(in.job.steps, in.finding.step.number);
  const auto build = step ? parse_build(step->command) : std::nullopt;
  if (!build) {
    p.notes.push_back("No patch: the step's command shows no docker build invocation to find its context.");
    return p;
  }
  if (build->context.find('$') != std::string::npos || build->context.find("://") != std::string::npos) {
    p.notes.push_back(fmt::format("No patch: the build context '{}' is not a directory of the repository.",
                                  build->context));
    return p;
  }
  const auto ctx = normalize_rel(build->context);
  if (!ctx || !in.repo.is_dir(*ctx)) {
    p.notes.push_back(
        fmt::format("No patch: the build context '{}' is not in the repository.", build->context));
    return p;
  }
  const std::string dockerfile =
      build->dockerfile.empty() ? join_path(*ctx, "Dockerfile") : build->dockerfile;
  const auto df = in.repo.read(dockerfile);
  const std::set<std::string> copied = df ? copied_names(*df) : std::set<std::string>{};
  const std::string ignore_file = join_path(*ctx, ".dockerignore");
  const auto existing = in.repo.read(ignore_file);
  std::set<std::string> ignored;
  if (existing) {
    const TextFile f = TextFile::parse(*existing);
    for (std::size_t i = 0; i < f.size(); ++i) {
      const std::string_view t = trim(f[i]);
      if (!t.empty() && t.front() != '#' && t.front() != '!') ignored.insert(clean_pattern(t));
    }
  }
  // Never needed in an image: VCS data, caches, virtualenvs; and anything
  // large (>= 10 MiB) the Dockerfile does not COPY by name.
  static const std::set<std::string, std::less<>> kJunk = {
      ".git",  "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox",  ".nox",
      ".venv", "venv",        "node_modules",  "htmlcov",     ".coverage",   ".idea", ".vscode"};
  constexpr std::uintmax_t kLarge = 10u << 20;
  std::vector<std::string> add;
  std::uintmax_t saved = 0;
  std::string largest;
  std::uintmax_t largest_size = 0;
  for (const auto& name : in.repo.list(*ctx)) {
    if (ignored.count(name) || name == ".dockerignore" || name == "Dockerfile") continue;
    const std::string rel = join_path(*ctx, name);
    const bool junk = kJunk.count(name) > 0;
    const std::uintmax_t size = in.repo.size_of(rel);
    const bool large = size >= kLarge && !copied.count(name);
    if (!junk && !large) continue;
    if (copied.count(name) && !junk) continue;
    add.push_back(in.repo.is_dir(rel) ? name + "/" : name);
    saved += size;
    if (size > largest_size) largest_size = size, largest = name;
  }
  if (add.empty()) {
    p.notes.push_back(
        fmt::format("No .dockerignore patch: nothing large or cache-like in the build context '{}' "
                    "is left out yet; check `du -sh {}/*` and the Dockerfile's COPY lines.",
                    *ctx, *ctx == "" ? "." : *ctx));
    return p;
  }
  TextFile before = existing ? TextFile::parse(*existing) : TextFile{};
  TextFile after = before;
  if (!existing)
    after = TextFile::parse(
        "# Kept out of the Docker build context (it is sent to the builder on every build).\n");
  for (const auto& a : add) after.insert(after.size(), a);
  const std::string rationale = fmt::format(
      "The build context '{}' sends {} the image does not need ({}{}); leaving it out makes the build "
      "transfer "
      "less and cache better.",
      *ctx == "" ? "." : *ctx, human_size(saved), largest.empty() ? add.front() : largest + "/",
      add.size() > 1 ? fmt::format(" and {} more", add.size() - 1) : "");
  const double confidence = largest_size >= kLarge ? 0.8 : 0.6;
  if (existing)
    p.patch = make_patch(kDockerignoreKind, ignore_file, before, after, rationale, confidence);
  else
    p.patch = Patch{kDockerignoreKind, ignore_file, new_file_diff(ignore_file, after), rationale, confidence};
  return p;
}

}  // namespace ci_triage::patches
