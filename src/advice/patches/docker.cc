// docker-build / docker-cache: a .dockerignore for the build context the log
// shows, and cache settings fixed in the workflow step that ran.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "advice/patches/generators.h"
#include "advice/patches/workflow.h"

namespace ci_triage::patches {
namespace {

// The `docker build` invocation of a command block, continuation lines joined.
std::optional<std::string> build_invocation(const std::string& command) {
  std::string joined;
  std::size_t p = 0;
  while (p < command.size()) {
    std::size_t e = command.find('\n', p);
    if (e == std::string::npos) e = command.size();
    std::string_view line = trim(std::string_view(command).substr(p, e - p));
    if (!line.empty() && line.back() == '\\') {
      line.remove_suffix(1);
      joined.append(line).push_back(' ');
    } else {
      joined.append(line).push_back('\n');
    }
    p = e + 1;
  }
  static const RE2 kBuild(R"((?m)\bdocker (?:buildx |image )?build\b([^\n|;&>]*))");
  std::string args;
  if (!RE2::PartialMatch(joined, kBuild, &args)) return std::nullopt;
  return args;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p < s.size()) {
    while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
    std::size_t e = p;
    while (e < s.size() && s[e] != ' ' && s[e] != '\t') ++e;
    if (e > p) out.emplace_back(s.substr(p, e - p));
    p = e;
  }
  return out;
}

struct BuildArgs {
  std::string context = ".";
  std::string dockerfile;  // "" = context/Dockerfile
};

std::optional<BuildArgs> parse_build(const std::string& command) {
  BuildArgs b;
  if (const auto args = build_invocation(command)) {
    static const std::set<std::string, std::less<>> kWithValue = {
        "-t",         "--tag",      "-f",         "--file",     "--build-arg",    "--cache-from",
        "--cache-to", "--network",  "--progress", "--platform", "--target",       "--label",
        "--secret",   "--ssh",      "--output",   "-o",         "--iidfile",      "--metadata-file",
        "--builder",  "--add-host", "--shm-size", "--ulimit",   "--build-context"};
    const auto words = split_words(*args);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      if (w == "-f" || w == "--file") {
        if (i + 1 < words.size()) b.dockerfile = words[i + 1];
        ++i;
      } else if (w.rfind("--file=", 0) == 0) {
        b.dockerfile = w.substr(7);
      } else if (kWithValue.count(w)) {
        ++i;
      } else if (!w.empty() && w[0] == '-') {
        continue;
      } else {
        b.context = w;
        break;
      }
    }
    return b;
  }
  static const RE2 kContext(R"((?m)^\s+context: (\S+)$)");
  static const RE2 kFile(R"((?m)^\s+file: (\S+)$)");
  if (command.find("build-push-action") == std::string::npos) return std::nullopt;
  RE2::PartialMatch(command, kContext, &b.context);
  RE2::PartialMatch(command, kFile, &b.dockerfile);
  return b;
}

// Top-level names a Dockerfile COPYs or ADDs from the context.
std::set<std::string> copied_names(std::string_view dockerfile) {
  std::set<std::string> out;
  const TextFile f = TextFile::parse(dockerfile);
  for (std::size_t i = 0; i < f.size(); ++i) {
    auto words = split_words(f[i]);
    if (words.size() < 3) continue;
    std::string op = words[0];
    for (char& c : op) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (op != "COPY" && op != "ADD") continue;
    bool from_stage = false;
    std::vector<std::string> srcs;
    for (std::size_t k = 1; k + 1 < words.size(); ++k) {
      if (words[k].rfind("--from", 0) == 0) from_stage = true;
      if (words[k][0] == '-') continue;
      srcs.push_back(words[k]);
    }
    if (from_stage) continue;
    for (auto s : srcs) {
      if (s.rfind("./", 0) == 0) s = s.substr(2);
      out.insert(s.substr(0, s.find('/')));
    }
  }
  return out;
}

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

std::string step_header(const StepSummary* s) {
  if (s == nullptr) return "";
  return s->name.rfind("Run ", 0) == 0 ? s->name.substr(4) : s->name;
}

// The step that builds the image: the finding's own step when it runs a
// build, else the last build step before it (a cache gate after the build).
const StepSummary* build_step(const Input& in) {
  const StepSummary* found = nullptr;
  for (const auto& s : in.job.steps) {
    if (s.number > in.finding.step.number) break;
    if (parse_build(s.command)) found = &s;
  }
  return found;
}

// The lines of a run script that belong to the docker build command (it and
// its backslash continuations).
std::vector<std::size_t> build_lines(const Workflow& wf, const Block& step) {
  std::vector<std::size_t> out;
  bool in_build = false;
  for (std::size_t i : wf.run_lines(step)) {
    const std::string& line = wf.file()[i];
    static const RE2 kBuild(R"(\bdocker (?:buildx |image )?build\b)");
    if (!in_build && RE2::PartialMatch(line, kBuild)) in_build = true;
    if (in_build) out.push_back(i);
    if (in_build && (trim(line).empty() || trim(line).back() != '\\')) in_build = false;
  }
  return out;
}

}  // namespace

Proposal dockerignore(const Input& in) {
  Proposal p;
  const StepSummary* step = build_step(in);
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
    p.patch = make_patch("dockerignore", ignore_file, before, after, rationale, confidence);
  else
    p.patch = Patch{"dockerignore", ignore_file, new_file_diff(ignore_file, after), rationale, confidence};
  return p;
}

Proposal docker_cache(const Input& in) {
  Proposal p;
  const StepSummary* summary = build_step(in);
  if (summary == nullptr) {
    p.notes.push_back("No patch: no step of the job runs a docker build.");
    return p;
  }
  std::vector<std::string> candidates;
  const auto found =
      find_step(in.repo, in.options.workflow_file, step_header(summary), summary->command, &candidates);
  if (!found) {
    if (!candidates.empty()) {
      std::string c;
      for (const auto& s : candidates) c += (c.empty() ? "" : ", ") + s;
      p.notes.push_back("No patch: the step matches several workflow steps: " + c + ".");
    } else {
      p.notes.push_back(
          "No patch: the step that ran was not found in the workflow files (pass --workflow-file).");
    }
    return p;
  }
  const auto text = in.repo.read(found->file);
  if (!text) return p;
  const TextFile before = TextFile::parse(*text);
  TextFile after = before;
  const Workflow wf(before);
  std::vector<std::string> why;
  double confidence = 0.85;

  if (const auto w = wf.key_line(found->step, "with")) {
    // docker/build-push-action inputs.
    const Block with{*w, wf.children(*w) ? wf.children(*w)->end : *w + 1};
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
  std::string rationale;
  for (const auto& w : why) rationale += (rationale.empty() ? "" : "; ") + w;
  rationale[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rationale[0])));
  p.patch = make_patch("docker-cache", found->file, before, after, rationale + ".", confidence);
  return p;
}

Proposal timeout_minutes(const Input& in) {
  Proposal p;
  const StepSummary* step = nullptr;
  for (const auto& s : in.job.steps)
    if (s.number == in.finding.step.number) step = &s;
  if (step == nullptr || !parse_build(step->command)) {
    p.notes.push_back(
        "No patch: raising timeout-minutes would only hide a hang; find where the time went first.");
    return p;
  }
  std::vector<std::string> candidates;
  const auto found =
      find_step(in.repo, in.options.workflow_file, step_header(step), step->command, &candidates);
  if (!found) {
    p.notes.push_back("No patch: the build step was not found in the workflow files (pass --workflow-file).");
    return p;
  }
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
      make_patch("timeout-minutes", found->file, before, after,
                 fmt::format("The image build hit its {}-minute limit; give it {} minutes while the build is "
                             "made faster (.dockerignore, layer cache).",
                             minutes, raised),
                 0.5);
  return p;
}

}  // namespace ci_triage::patches
