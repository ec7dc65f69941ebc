// The lines that end a step or a job in plain output: the runner's exit line, other CI systems'
// verdicts and the exit codes tools print for the command they ran (log_parser.cc asks these).
#include "log/exit_lines.h"

#include "core/ascii.h"
#include "core/text.h"

namespace ci_triage::exit_lines {

using ascii::is_digit;
using ascii::starts_with;

// kExitLine with N a non-zero number and nothing after it.
bool is_bare_exit_line(std::string_view m) {
  if (!starts_with(m, kExitLine) || m.back() != '.') return false;
  const std::string_view code = m.substr(kExitLine.size(), m.size() - kExitLine.size() - 1);
  if (code.empty() || code.size() > 6 || code == "0") return false;
  for (char c : code)
    if (!is_digit(c)) return false;
  return true;
}

// The number at the start of `digits` (at most 6 digits), if any.
std::optional<int> leading_code(std::string_view digits) {
  int code = 0;
  std::size_t n = 0;
  while (n < digits.size() && n < 6 && is_digit(digits[n])) code = code * 10 + (digits[n++] - '0');
  if (n == 0) return std::nullopt;
  return code;
}

// The exit code a runner's error line gives for the step, if it is one of them:
// "Process completed with exit code N." (the step's shell), "The process
// '/usr/bin/git' failed with exit code N" (an action's wrapper), "Node run
// failed with exit code N" / "Docker run failed with exit code N" (a
// JavaScript or container action), "Bash exited with code 'N'." (Azure
// Pipelines' script tasks).
std::optional<int> runner_exit_code(std::string_view m) {
  constexpr std::string_view kFailed = " failed with exit code ";
  if (starts_with(m, kExitLine)) return leading_code(m.substr(kExitLine.size()));
  if (starts_with(m, "The process '") || starts_with(m, "Node run") || starts_with(m, "Docker run") ||
      starts_with(m, "Docker pull") || starts_with(m, "Docker build"))
    if (const std::size_t at = m.find(kFailed); at != std::string_view::npos)
      return leading_code(m.substr(at + kFailed.size()));
  // Azure Pipelines' task library: "##[error]/usr/bin/docker failed with return code: 1"
  constexpr std::string_view kReturn = " failed with return code: ";
  if (const std::size_t at = m.find(kReturn); at != std::string_view::npos && !m.empty() && m[0] == '/')
    return leading_code(m.substr(at + kReturn.size()));
  constexpr std::string_view kAzure = " exited with code '";
  if (const std::size_t at = m.find(kAzure); at != std::string_view::npos && at < 40 && m.back() == '.')
    return leading_code(m.substr(at + kAzure.size()));
  // Azure Pipelines' Bash and script tasks: "Script failed with exit code: 1",
  // "Exit code 1 returned from process: file name '…'".
  if (starts_with(m, "Script failed with exit code: ")) return leading_code(m.substr(30));
  if (starts_with(m, "Exit code ") && m.find(" returned from process") != std::string_view::npos)
    return leading_code(m.substr(10));
  return std::nullopt;
}

// Travis CI's line after each command of a phase, 'The command "npm test" exited with 1.' (a copied
// raw log glues it to the `travis_time:end:…` marker before it): the command's exit code, 0 too.
std::optional<int> travis_command_exit(std::string_view m) {
  if (starts_with(m, "travis_")) {
    const std::size_t at = m.find("The command \"");
    if (at == std::string_view::npos || at > 200) return std::nullopt;
    m.remove_prefix(at);
  }
  constexpr std::string_view kExited = "\" exited with ";
  const std::size_t at = starts_with(m, "The command \"") ? m.rfind(kExited) : std::string_view::npos;
  if (at == std::string_view::npos || m.back() != '.') return std::nullopt;
  const std::string_view code = m.substr(at + kExited.size(), m.size() - at - kExited.size() - 1);
  if (code.empty() || code.size() > 6 || !std::all_of(code.begin(), code.end(), is_digit))
    return std::nullopt;
  return leading_code(code);
}

// CircleCI's step footer, "CircleCI received exit code N": N (0 too), the whole rest of the line.
std::optional<int> circleci_step_exit(std::string_view m) {
  constexpr std::string_view kCircleExit = "CircleCI received exit code ";
  if (!starts_with(m, kCircleExit)) return std::nullopt;
  const std::string_view digits = m.substr(kCircleExit.size());
  const std::optional<int> code = leading_code(digits);
  return code && digits.size() <= 6 && digits.find_first_not_of("0123456789") == std::string_view::npos
             ? code
             : std::nullopt;
}

// Ansible's PLAY RECAP line for one host, "web1 : ok=5 changed=0 unreachable=0 failed=0
// skipped=0 rescued=0 ignored=0" (ignored= last since 2.8): true when the host failed or was
// unreachable, false when it passed, nullopt for any other line.
std::optional<bool> ansible_recap_failed(std::string_view m) {
  if (m.size() < 40 || !is_digit(m.back())) return std::nullopt;
  if (m.find("ignored=", m.size() - 16) == std::string_view::npos) return std::nullopt;
  const std::size_t ok = m.find(" : ok=");
  if (ok == std::string_view::npos || ok == 0) return std::nullopt;
  auto nonzero = [&](std::string_view key) {
    const std::size_t at = m.find(key, ok);
    if (at == std::string_view::npos) return false;
    std::size_t k = at + key.size();
    bool any = false;
    for (; k < m.size() && is_digit(m[k]); ++k) any = any || m[k] != '0';
    return any;
  };
  return nonzero(" unreachable=") || nonzero(" failed=");
}

// BuildKit's final progress frame in a terminal, "[+] Building 72.9s (30/30) FINISHED": true when
// every step completed. A step that failed completes too, so only what follows says whether the
// build passed (buildkit_frame_line).
bool buildkit_all_done(std::string_view m) {
  constexpr std::string_view kHead = "[+] Building ";
  if (!starts_with(m, kHead)) return false;
  const std::size_t open = m.find(" (", kHead.size());
  const std::size_t slash = open == std::string_view::npos ? open : m.find('/', open);
  const std::size_t close = slash == std::string_view::npos ? slash : m.find(") FINISHED", slash);
  if (close == std::string_view::npos || close > open + 16) return false;
  const std::string_view done = m.substr(open + 2, slash - open - 2),
                         total = m.substr(slash + 1, close - slash - 1);
  return !done.empty() && done == total && std::all_of(done.begin(), done.end(), is_digit);
}

// After BuildKit's final frame: the frame's own step lines (" => …"), the blocks quoting a
// step's output ("------", " > …"), and the footers buildx prints after a build. Anything else
// (another command's output, `ERROR: failed to solve: …`) is not part of the build's report.
bool buildkit_frame_line(std::string_view m) {
  const std::size_t i = m.find_first_not_of(' ');
  if (i == std::string_view::npos) return true;
  const std::string_view t = m.substr(i);
  if (starts_with(t, "=> ERROR [")) return false;  // a build step that failed
  return starts_with(t, "=> ") || t == "------" || starts_with(t, "> ") ||
         starts_with(t, "View build details: ") || starts_with(t, "What's next:") ||
         starts_with(t, "View a summary of image vulnerabilities") || starts_with(t, "WARNING: buildx: ") ||
         starts_with(t, "- Learn more at ");
}

// Another CI system's line that gives the failed command's exit code, in plain output:
// GitLab's "ERROR: Job failed: exit code 1" (or "…: command terminated with exit code 1"),
// Jenkins' "ERROR: script returned exit code 1", Netlify's "Build script returned
// non-zero exit code: 2", PowerShell's "… ended with non-zero exit code: 1.", the
// Actions web viewer's bare "Process completed with exit code 2.", Azure's task lines and an
// action's wrapper lines, Travis's and CodeBuild's non-zero verdicts, and the words of tools that
// run the failing command for the step: tox 4, Turborepo, just, pre-commit, execa; Render's deploy log,
// Python's CalledProcessError, podman's and buildah's logrus line, a bare "Exit code: N".
std::optional<int> other_ci_exit_code(std::string_view m) {
  if (m.size() < 12) return std::nullopt;
  if (m.back() == ')') {
    // Turborepo: "command (packages/cli) npm run build exited (1)", "ERROR  run failed: command  exited (1)".
    constexpr std::string_view kTurbo = " exited (";
    const std::size_t at = m.find(kTurbo, m.size() > 16 ? m.size() - 16 : 0);  // only near the end
    if (at != std::string_view::npos &&
        (starts_with(m, "command ") || m.find("run failed: ") != std::string_view::npos))
      return leading_code(m.substr(at + kTurbo.size()));
  }
  switch (m[0]) {
    case 'E': {
      if (starts_with(m, "ERROR: Job failed: ")) {
        for (const std::string_view word : {std::string_view("exit code "), std::string_view("exit status ")})
          if (const std::size_t at = m.find(word); at != std::string_view::npos)
            return leading_code(m.substr(at + word.size()));
        return std::nullopt;
      }
      if (starts_with(m, "ERROR: script returned exit code ")) return leading_code(m.substr(33));
      // execa (semantic-release, many actions): "Error: Command failed with exit code 128 (…): git push".
      if (starts_with(m, "Error: Command failed with exit code ")) return leading_code(m.substr(37));
      // An action's wrapper line behind "Error: " (the web UI's copy): "Error: Docker build failed with exit
      // code 1".
      if (starts_with(m, "Error: ") && m.size() > 19 && m[7] != 'E') return runner_exit_code(m.substr(7));
      // A bare "Exit code: 1" (Jenkins' sh wrappers, many scripts' last line).
      if (starts_with(m, "Exit code: ")) {
        const std::optional<int> code = leading_code(m.substr(11));
        return code && *code != 0 && m.size() <= 17 ? code : std::nullopt;
      }
      return runner_exit_code(m);
    }
    case 'B':
      if (starts_with(m, "Build script returned non-zero exit code: ")) return leading_code(m.substr(42));
      return runner_exit_code(m);  // Azure's "Bash exited with code '1'."
    case 'P':
      return is_bare_exit_line(m) ? leading_code(m.substr(kExitLine.size())) : std::nullopt;
    case 'S':
    case '/':
      return runner_exit_code(m);
    case 'T':
      // Travis' command line (travis_command_exit); an action's "The process '/usr/bin/git' failed …".
      if (const std::optional<int> code = travis_command_exit(m)) return *code != 0 ? code : std::nullopt;
      return runner_exit_code(m);
    case 'D':
      if (starts_with(m, "Done. Your build exited with ")) {
        const std::optional<int> code = leading_code(m.substr(29));
        return code && *code != 0 ? code : std::nullopt;
      }
      return runner_exit_code(m);  // "Docker run failed with exit code 1"
    case 'N':
      if (const std::size_t at = m.find(" ended with non-zero exit code: ");
          at != std::string_view::npos && starts_with(m, "NativeCommandExitException"))
        return leading_code(m.substr(at + 32));
      return runner_exit_code(m);  // "Node run failed with exit code 1"
    case '=':
      // Render's deploy log: "==> Exited with status 1".
      return starts_with(m, "==> Exited with status ") ? leading_code(m.substr(23)) : std::nullopt;
    case '-':
      // pre-commit's report of a failed hook: "- hook id: mypy", "- exit code: 1".
      return starts_with(m, "- exit code: ") ? leading_code(m.substr(13)) : std::nullopt;
    case 'e':
      // just: "error: Recipe `lint` failed on line 38 with exit code 1".
      if (starts_with(m, "error: Recipe `"))
        if (const std::size_t at = m.rfind(" with exit code "); at != std::string_view::npos)
          return leading_code(m.substr(at + 16));
      return std::nullopt;
    default: {
      if (m[0] == 't')  // Travis' command line glued to its time marker (travis_command_exit)
        if (const std::optional<int> code = travis_command_exit(m)) return *code != 0 ? code : std::nullopt;
      // Python's subprocess.CalledProcessError: "… returned non-zero exit status 1." (at the end);
      // logrus' last word in podman and buildah: 'time="…" level=error msg="exit status 125"'.
      constexpr std::string_view kCalled = " returned non-zero exit status ";
      if (m[0] == 's' && m.back() == '.' && starts_with(m, "subprocess.CalledProcessError: "))
        if (const std::size_t at = m.rfind(kCalled);
            at != std::string_view::npos && m.size() - at < kCalled.size() + 6)
          return leading_code(m.substr(at + kCalled.size()));
      constexpr std::string_view kLogrus = "level=error msg=\"exit status ";
      if ((m[0] == 't' || m[0] == 'l') && m.back() == '"')
        if (const std::size_t at = m.substr(0, 48 + kLogrus.size()).find(kLogrus);
            at != std::string_view::npos)
          return leading_code(m.substr(at + kLogrus.size()));
      // tox 4: "py312: exit 4 (0.40 seconds) /src> pytest pid=31540", "  mypy: FAIL code 1 (54.50=…".
      const std::size_t colon = m.substr(0, 66).find(": ");  // an environment's name is short
      if (colon == std::string_view::npos || colon == 0) return std::nullopt;
      const std::string_view env = trim(m.substr(0, colon));
      if (env.empty() || env.find(' ') != std::string_view::npos) return std::nullopt;
      const std::string_view rest = m.substr(colon + 2);
      for (const std::string_view word : {std::string_view("exit "), std::string_view("FAIL code ")})
        if (starts_with(rest, word)) {
          const std::string_view code = rest.substr(word.size());
          const std::size_t open = code.find(" (");
          if (open != std::string_view::npos && open <= 6 && open + 2 < code.size() &&
              is_digit(code[open + 2]) && code.find(" seconds)") != std::string_view::npos)
            return leading_code(code);
        }
      return std::nullopt;
    }
  }
}

}  // namespace ci_triage::exit_lines
