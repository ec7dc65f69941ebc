#include "advice/patches/edit/dockerfile.h"

#include <re2/re2.h>

#include <cctype>

#include "core/text.h"

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

}  // namespace

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

const StepSummary* build_step(const std::vector<StepSummary>& steps, int step_number) {
  const StepSummary* found = nullptr;
  for (const auto& s : steps) {
    if (s.number > step_number) break;
    if (parse_build(s.command)) found = &s;
  }
  return found;
}

std::set<std::string> copied_names(std::string_view dockerfile) {
  std::set<std::string> out;
  const TextFile f = TextFile::parse(dockerfile);
  for (std::size_t i = 0; i < f.size(); ++i) {
    auto words = split_words(f[i]);
    if (words.size() < 3) continue;
    const std::string op = ascii_lower(words[0]);
    if (op != "copy" && op != "add") continue;
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

}  // namespace ci_triage::patches
