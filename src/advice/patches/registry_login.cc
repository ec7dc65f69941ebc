// registry-auth: the job logs in to another host than it pushes to, has no
// login at all, or (ghcr.io) its GITHUB_TOKEN lacks `packages: write`. The
// patch changes the workflow that ran; it never contains a secret value.
#include <fmt/format.h>
#include <re2/re2.h>

#include "advice/patches/generator.h"

namespace ci_triage::patches {
namespace {

constexpr const char* kRegistryLoginKind = "registry-login";

struct Login {
  std::size_t line;
  std::string host;  // "" for docker/login-action without registry: (Docker Hub)
  bool action;
};

std::vector<Login> logins(const Workflow& wf, const Block& job) {
  static const RE2 kDockerLogin(
      R"(\bdocker login\s+(?:-\S+\s+(?:\S+\s+)?)*?([\w-]+(?:\.[\w-]+)*(?::\d+)?)(?:\s|$))");
  std::vector<Login> out;
  for (const auto& s : wf.steps(job)) {
    if (wf.step_header(s).rfind("docker/login-action", 0) == 0) {
      std::optional<std::size_t> reg;
      if (const auto w = wf.key_line(s, "with"))
        if (const auto m = wf.mapping(*w)) reg = wf.key_line_merged(*m, "registry");
      out.push_back({reg ? *reg : s.begin, reg ? wf.lines()[*reg].value : "", true});
      continue;
    }
    for (std::size_t i : wf.run_lines(s)) {
      std::string host;
      if (RE2::PartialMatch(wf.file()[i], kDockerLogin, &host)) out.push_back({i, host, false});
    }
  }
  return out;
}

std::string host_of(const std::string& image) {
  const std::size_t slash = image.find('/');
  return slash == std::string::npos ? "" : image.substr(0, slash);
}

}  // namespace

Proposal registry_login(const Input& in) {
  Proposal p;
  std::string registry = field_string(in.finding, "registry");
  if (registry.empty()) registry = host_of(field_string(in.finding, "image"));
  if (registry.empty()) {
    p.notes.push_back("No patch: the log does not show which registry the job talks to.");
    return p;
  }
  const StepSummary* ran = in.step();
  if (ran == nullptr) {
    p.notes.push_back(
        "No patch: the step that ran was not found in the workflow files (pass --workflow-file).");
    return p;
  }
  const auto found = find_workflow_step(in, *ran, p.notes);
  if (!found) return p;
  const auto text = in.repo.read(found->file);
  if (!text) return p;
  const TextFile before = TextFile::parse(*text);
  TextFile after = before;
  const Workflow wf(before);
  const bool ghcr = registry == "ghcr.io";
  std::vector<std::string> why;
  double confidence = 0.8;

  const std::vector<Login> all = logins(wf, found->job_block);
  bool logged_in = false;
  for (const auto& l : all) logged_in = logged_in || l.host == registry;
  if (!logged_in && all.size() == 1 && !all.front().host.empty()) {
    // Logged in to another spelling of the host (127.0.0.1:5050 vs localhost:5050) or another registry.
    const Login& l = all.front();
    std::string line = after[l.line];
    const std::size_t at = line.find(l.host);
    line.replace(at, l.host.size(), registry);
    after.replace(l.line, line);
    // The matching logout (an always() cleanup step) follows the login.
    for (const auto& s : wf.steps(found->job_block))
      for (std::size_t i : wf.run_lines(s)) {
        const std::size_t lo = before[i].find("docker logout " + l.host);
        if (lo == std::string::npos || i == l.line) continue;
        std::string fixed = before[i];
        fixed.replace(lo + 14, l.host.size(), registry);
        after.replace(i, fixed);
      }
    why.push_back(
        fmt::format("log in to {} — the host the job pushes to — not {} (credentials are per host:port)",
                    registry, l.host));
  } else if (all.empty()) {
    const YamlLine& first = wf.lines()[found->step.begin];
    const std::string ind(first.item_indent, ' ');
    const std::string key(first.indent, ' ');
    std::vector<std::string> step = {ind + "- name: Log in to " + registry,
                                     key + "uses: docker/login-action@v3",
                                     key + "with:", key + "  registry: " + registry};
    if (ghcr) {
      step.push_back(key + "  username: ${{ github.actor }}");
      step.push_back(key + "  password: ${{ secrets.GITHUB_TOKEN }}");
    } else {
      step.push_back(key + "  username: ${{ secrets.REGISTRY_USERNAME }}");
      step.push_back(key + "  password: ${{ secrets.REGISTRY_PASSWORD }}");
      p.notes.push_back(
          "The login step reads the secrets REGISTRY_USERNAME and REGISTRY_PASSWORD: create them "
          "(or rename them to the ones you have).");
      confidence = 0.6;
    }
    for (std::size_t k = 0; k < step.size(); ++k) after.insert(found->step.begin + k, step[k]);
    why.push_back(fmt::format("the job pushes to {} without logging in to it", registry));
  } else if (!logged_in) {
    p.notes.push_back(
        fmt::format("No patch: the job logs in to several registries, none of them {}.", registry));
    return p;
  }

  if (ghcr) {
    // GITHUB_TOKEN needs packages: write to push to ghcr.io.
    const auto perm = wf.key_line(found->job_block, "permissions");
    const auto top = wf.top_key("permissions");
    if (perm && wf.lines()[*perm].value.empty()) {
      const auto c = wf.children(*perm);
      const auto m = wf.mapping(*perm);
      const auto pk = m ? wf.key_line(*m, "packages") : std::nullopt;
      // Job keys come before its steps: a login step inserted below does not move these lines.
      if (pk && wf.lines()[*pk].value != "write") {
        std::string line = after[*pk];
        const std::size_t at = line.find(wf.lines()[*pk].value, line.find(':'));
        line.replace(at, wf.lines()[*pk].value.size(), "write");
        after.replace(*pk, line);
        why.push_back("GITHUB_TOKEN needs `packages: write` to push to ghcr.io");
      } else if (!pk && c && c->end > c->begin) {
        after.insert(c->end, std::string(wf.lines()[c->begin].indent, ' ') + "packages: write");
        why.push_back("GITHUB_TOKEN needs `packages: write` to push to ghcr.io");
      }
    } else if (perm && wf.lines()[*perm].value != "write-all") {
      p.notes.push_back("The job sets `permissions: " + wf.lines()[*perm].value +
                        "`: pushing to ghcr.io needs `packages: write`.");
    } else if (!perm) {
      // A job-level block replaces the workflow's: keep what the workflow grants.
      std::vector<std::string> entries;
      if (top && wf.lines()[*top].value.empty())
        if (const auto c = wf.children(*top))
          for (std::size_t i = c->begin; i < c->end; ++i)
            if (wf.lines()[i].content && wf.lines()[i].key != "packages")
              entries.push_back(wf.lines()[i].key + ": " + wf.lines()[i].value);
      if (entries.empty()) entries.push_back("contents: read");
      entries.push_back("packages: write");
      const auto runs_on = wf.key_line(found->job_block, "runs-on");
      const std::size_t at = runs_on ? *runs_on + 1 : found->job_block.begin + 1;
      const std::string key(
          runs_on ? wf.lines()[*runs_on].indent : wf.lines()[found->job_block.begin].indent + 2, ' ');
      // Inserted above the step, so earlier insertions do not move these lines.
      after.insert(at, key + "permissions:");
      for (std::size_t k = 0; k < entries.size(); ++k) after.insert(at + 1 + k, key + "  " + entries[k]);
      why.push_back("GITHUB_TOKEN needs `packages: write` to push to ghcr.io");
      confidence = std::min(confidence, 0.75);
    }
  }
  if (why.empty()) {
    p.notes.push_back(
        fmt::format("No patch: the job already logs in to {}{}; check the credentials the login uses "
                    "(an empty or expired secret, a fork's PR without secrets).",
                    registry, ghcr ? " with packages: write" : ""));
    return p;
  }
  p.patch = make_patch(kRegistryLoginKind, found->file, before, after, join_reasons(why), confidence);
  return p;
}

}  // namespace ci_triage::patches
