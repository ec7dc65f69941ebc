// Plain output without step framing: the wrapper prefixes rules may look past and
// the shell-transcript lines that name the commands a pasted excerpt ran.
#include "log/plain_output.h"

#include <algorithm>
#include <iterator>

#include "core/ascii.h"

namespace ci_triage::plain_output {
namespace {

using ascii::is_alnum;
using ascii::is_digit;
using ascii::is_graph;
using ascii::is_lower;
using ascii::is_space;
using ascii::is_upper;
using ascii::starts_with;

// Does `m` start with `shape`, where each 'd' stands for a digit and any other
// character for itself ("dd:dd:dd" matches "17:57:11")?
bool has_shape(std::string_view m, std::string_view shape) {
  if (m.size() < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == 'd' ? !is_digit(m[i]) : m[i] != shape[i]) return false;
  return true;
}

// flyctl's log prefix after its time stamp: `app[4d891de2b7e2] den [info] `
// (process[instance] region [level]), or 0.
std::size_t fly_prefix_length(std::string_view m) {
  std::size_t k = 0;
  while (k < m.size() && k < 32 && (is_alnum(m[k]) || m[k] == '_' || m[k] == '-')) ++k;
  if (k == 0 || k >= m.size() || m[k] != '[') return 0;
  const std::size_t close = m.find("] ", k);
  if (close == std::string_view::npos || close > k + 40) return 0;
  std::size_t r = close + 2;
  std::size_t e = r;
  while (e < m.size() && e < r + 8 && is_lower(m[e])) ++e;
  if (e == r || e + 1 >= m.size() || m[e] != ' ' || m[e + 1] != '[') return 0;
  const std::size_t level_end = m.find("] ", e + 1);
  if (level_end == std::string_view::npos || level_end > e + 10) return 0;
  return level_end + 2;
}

// Google Cloud Build's step prefix: `Step #9 - "smoketest": ` or `Step #0: `, or 0.
std::size_t cloud_build_prefix_length(std::string_view m) {
  if (!starts_with(m, "Step #")) return 0;
  std::size_t k = 6;
  while (k < m.size() && k < 12 && is_digit(m[k])) ++k;
  if (k == 6) return 0;
  if (starts_with(m.substr(k), " - \"")) {
    const std::size_t close = m.find('"', k + 4);
    if (close == std::string_view::npos || close > k + 4 + 128) return 0;
    k = close + 1;
  }
  return starts_with(m.substr(k), ": ") ? k + 2 : 0;
}

// BOSH's errand and task output: `<job>/<instance id>: stdout | ` (or stderr), or 0.
std::size_t bosh_prefix_length(std::string_view m) {
  std::size_t k = 0;
  bool slash = false;
  while (k < m.size() && k < 96 &&
         (is_alnum(m[k]) || m[k] == '-' || m[k] == '_' || m[k] == '.' || m[k] == '/')) {
    slash = slash || m[k] == '/';
    ++k;
  }
  if (!slash) return 0;
  const std::string_view rest = m.substr(k);
  if (starts_with(rest, ": stdout |") || starts_with(rest, ": stderr |")) return k + 10;
  return 0;
}

// Atlassian Bamboo's build log: `build\t10-Jan-2019 14:17:28\t` (also `simple`,
// `command`, `error`), or 0.
std::size_t bamboo_prefix_length(std::string_view m) {
  if (m.size() < 9) return 0;
  std::size_t k = 0;
  if (m[5] == '\t' && (starts_with(m, "build") || starts_with(m, "error")))
    k = 6;
  else if (m[6] == '\t' && starts_with(m, "simple"))
    k = 7;
  else if (m[7] == '\t' && starts_with(m, "command"))
    k = 8;
  if (k == 0 || !is_digit(m[k])) return 0;
  const std::size_t tab = m.find('\t', k);
  if (tab == std::string_view::npos || tab > k + 24) return 0;
  for (std::size_t i = k; i < tab; ++i)
    if (!(is_alnum(m[i]) || m[i] == '-' || m[i] == ':' || m[i] == ' ' || m[i] == '.')) return 0;
  return tab + 1;
}

/// BuildKit's plain progress output before a build step's own output: "#14 1.999 " (the step's
/// number and the seconds since it started); 0 if `m` does not start with one.
std::size_t buildkit_prefix_length(std::string_view m) {
  if (m.size() < 6 || m[0] != '#' || !is_digit(m[1])) return 0;
  std::size_t n = 1;
  while (n < m.size() && n < 8 && is_digit(m[n])) ++n;
  if (n >= m.size() || m[n] != ' ') return 0;
  std::size_t t = n + 1, digits = 0;
  while (t < m.size() && is_digit(m[t])) ++t, ++digits;
  if (digits == 0 || t >= m.size() || m[t] != '.') return 0;
  ++t;
  const std::size_t frac = t;
  while (t < m.size() && is_digit(m[t])) ++t;
  if (t == frac || t >= m.size() || m[t] != ' ') return 0;
  return t + 1;
}

// The length of an interactive shell's prompt at the start of `m`, 0 if none:
// "user@host:~/dir$ " (bash), "[user@host dir]$ " (bash on RHEL), "C:\\dir>"
// (cmd.exe; the drive letter as typed, "u:\\dir>" too) — how people paste a failing command from their
// terminal.
std::size_t prompt_length(std::string_view m) {
  constexpr std::size_t kMaxPrompt = 200;
  const std::string_view head = m.substr(0, kMaxPrompt);
  if (head.size() > 3 && (is_upper(head[0]) || is_lower(head[0])) && head[1] == ':' && head[2] == '\\') {
    const std::size_t gt = head.find('>');
    if (gt == std::string_view::npos || head.substr(0, gt).find_first_of("<|\"") != std::string_view::npos)
      return 0;
    return gt + 1;
  }
  const bool bracketed = !head.empty() && head[0] == '[';
  const std::size_t at = head.find('@');
  if (at == std::string_view::npos || at == (bracketed ? 1u : 0u)) return 0;
  for (std::size_t i = bracketed ? 1 : 0; i < at; ++i) {
    const char c = head[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return 0;
  }
  for (const std::string_view end : {std::string_view("$ "), std::string_view("# ")}) {
    const std::size_t e = head.find(end, at);
    if (e == std::string_view::npos) continue;
    const std::string_view between = head.substr(at + 1, e - at - 1);
    if (bracketed
            ? between.empty() || between.back() != ']'
            : between.find(':') == std::string_view::npos || between.find(' ') != std::string_view::npos)
      continue;
    return e + 2;
  }
  return 0;
}

// The command of a shell-transcript line, or "": `$ cmd` (a prompt), `+ cmd`
// (set -x), `> cmd` (npm/yarn echo the script they run), `PS C:\dir> cmd`,
// `Run cmd` (a step header copied from the web UI), and AWS CodeBuild's
// `[Container] 2024/05/01 10:00:00.123 Running command cmd` and its failure
// line `Command did not exit successfully cmd exit status N`, Deployer's
// `[host] run cmd`, GitLab's job log copied with its line numbers (`31 $ cmd`),
// flyctl's `Running APP release_command: cmd` (transcript_command below).
// What follows a transcript's prompt or marker at `n`, when it reads as a command.
std::string_view command_after(std::string_view m, std::size_t n) {
  std::string_view cmd = m.substr(n);
  while (!cmd.empty() && is_space(cmd.front())) cmd.remove_prefix(1);
  if (cmd.empty() || !(std::isalnum(static_cast<unsigned char>(cmd.front())) || cmd.front() == '.' ||
                       cmd.front() == '/' || cmd.front() == '~' || cmd.front() == '_'))
    return {};
  return cmd;
}

}  // namespace

// Go's standard `log` prefix: "2006/01/02 15:04:05 " (with LstdFlags; ".000000" with
// Lmicroseconds), before a Go tool's lines (chainsaw's test output, drone-ssh's exit status).
std::size_t go_log_prefix_length(std::string_view m) {
  if (m.size() < 21) return 0;
  static constexpr std::string_view kShape = "dddd/dd/dd dd:dd:dd";
  if (!has_shape(m, kShape)) return 0;
  std::size_t n = kShape.size();
  if (m[n] == '.') {
    const std::size_t frac = ++n;
    while (n < m.size() && n < frac + 9 && is_digit(m[n])) ++n;
    if (n == frac) return 0;
  }
  return n < m.size() && m[n] == ' ' ? n + 1 : 0;
}

namespace {

// The Vercel CLI's marker before each line of the build it runs ("▲ > next build",
// "▲ Error: …") and the blanks after it (one, or two before an empty line); 0 when `m` does
// not start with it. Vercel prints it after its clock (build_clock_length); Cloudflare Pages'
// `npx vercel build` relays it after its own ISO clock, a runner-style stamp.
std::size_t vercel_marker_length(std::string_view m) {
  static constexpr std::string_view kMarker = "\u25b2 ";  // ▲
  if (!starts_with(m, kMarker)) return 0;
  std::size_t n = kMarker.size();
  while (n < m.size() && is_space(m[n])) ++n;
  return n;
}

// Vercel's and Cloudflare Pages' build logs: "12:36:56.014 " (or a tab, or " | " when the
// copy became a Markdown table), then Vercel's "▲  " marker; 0 when `m` does not start so.
std::size_t build_clock_length(std::string_view m) {
  static constexpr std::string_view kShape = "dd:dd:dd.ddd";
  if (m.size() <= kShape.size() + 1) return 0;
  if (!has_shape(m, kShape)) return 0;
  std::size_t n = kShape.size();
  if (starts_with(m.substr(n), " | "))
    n += 3;
  else if (m[n] == ' ' || m[n] == '\t')
    n += 1;
  else
    return 0;
  n += vercel_marker_length(m.substr(n));
  while (n < m.size() && is_space(m[n])) ++n;
  return n < m.size() ? n : 0;
}

// TeamCity's build log: "[17:57:11]" then, inside a build step, "[Step 3/4] " (or the step's
// name in brackets); 0 otherwise.
std::size_t teamcity_prefix_length(std::string_view m) {
  static constexpr std::string_view kShape = "[dd:dd:dd]";
  if (m.size() <= kShape.size() + 1) return 0;
  if (!has_shape(m, kShape)) return 0;
  std::size_t n = kShape.size();
  // The build log page copied from the web UI: a status letter (blank, i, W, E) and a colon,
  // the tree's indentation, then the block's name when the line is inside one: "[10:49:11]
  // :\t [Step 2/2] [INFO] BUILD SUCCESS", "[10:49:11]i:\t\t [Publishing artifacts] …". Only a
  // name with a blank in it is the block's ([Step 2/2]); a tool's own tag ([INFO]) stays.
  if (n + 1 < m.size() && m[n + 1] == ':' && (m[n] == ' ' || m[n] == 'i' || m[n] == 'W' || m[n] == 'E')) {
    std::size_t k = n + 2;
    while (k < m.size() && (m[k] == ' ' || m[k] == '\t')) ++k;
    if (k == n + 2) return 0;
    if (k < m.size() && m[k] == '[') {
      const std::size_t close = m.find(']', k);
      if (close != std::string_view::npos && close < k + 96 && close + 1 < m.size() && m[close + 1] == ' ' &&
          m.substr(k, close - k).find(' ') != std::string_view::npos)
        k = close + 2;
    }
    return k < m.size() ? k : 0;
  }
  if (m[n] == '[') {
    const std::size_t close = m.find("] ", n);
    if (close == std::string_view::npos || close > n + 96) return 0;
    n = close + 1;
  }
  if (n >= m.size() || m[n] != ' ') return 0;
  return n + 1;
}

// AWS Amplify's build log: a level in brackets and a colon after its time stamp
// ("2021-09-18T18:55:09.267Z [WARNING]: /bin/sh: react-scripts: command not found"); 0 otherwise.
// The colon tells it from a tool's own level tag (Maven's "[ERROR] ").
std::size_t amplify_level_length(std::string_view m) {
  for (const std::string_view level : {"[INFO]: ", "[WARNING]: ", "[ERROR]: ", "[DEBUG]: "})
    if (starts_with(m, level)) return level.size();
  return 0;
}

// Changesets' logger: a butterfly and a level before each line of what it ran
// ("🦋  error npm ERR! code E404", "🦋  info Publishing \"x\" at \"1.0.0\""); 0 otherwise.
std::size_t changesets_prefix_length(std::string_view m) {
  static constexpr std::string_view kButterfly = "\U0001F98B  ";  // 🦋 and two blanks
  if (!starts_with(m, kButterfly)) return 0;
  const std::string_view rest = m.substr(kButterfly.size());
  for (const std::string_view level : {"info ", "warn ", "error ", "success "})
    if (starts_with(rest, level)) return kButterfly.size() + level.size();
  return 0;
}

// The web UI's copy of an annotation (`##[error]` shows as "Error: ") whose message starts with
// a file location, as a problem matcher or a tool's `::error::` writes it: "Error: pkg/x.py:25:
// error: …" (mypy), "Error: src/a.ts(3,5): error TS2322: …". The runner's "Error: " is the
// marker, not the tool's text; 7 (its length) or 0.
std::size_t annotation_copy_length(std::string_view m) {
  if (!starts_with(m, "Error: ")) return 0;
  const std::string_view rest = m.substr(7);
  std::size_t k = 0;
  while (k < rest.size() && k < 512 && !is_space(rest[k]) && rest[k] != ':' && rest[k] != '(') ++k;
  if (k == 0 || k + 2 >= rest.size() || rest.substr(0, k).find_first_of("./") == std::string_view::npos)
    return 0;
  std::size_t d = k + 1;
  while (d < rest.size() && d < k + 9 && is_digit(rest[d])) ++d;
  if (d == k + 1 || d >= rest.size()) return 0;
  return (rest[k] == ':' && rest[d] == ':') || (rest[k] == '(' && (rest[d] == ',' || rest[d] == ')')) ? 7 : 0;
}

// A syslog-style clock, as moreutils' `ts` prints it by default ("%b %d %H:%M:%S "):
// "Dec 03 17:59:26 " (CircleCI jobs that pipe through ts, journald excerpts); 0 otherwise.
std::size_t syslog_clock_length(std::string_view m) {
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (m.size() < 17 || !is_upper(m[0]) || m[3] != ' ') return 0;
  bool month = false;
  for (std::size_t i = 0; i + 3 <= kMonths.size() && !month; i += 3)
    month = m.substr(0, 3) == kMonths.substr(i, 3);
  if (!month) return 0;
  const std::string_view rest = m.substr(4);
  if (!(has_shape(rest, "dd dd:dd:dd ") || (rest[0] == ' ' && has_shape(rest.substr(1), "d dd:dd:dd "))))
    return 0;
  return 16;
}

// What journald puts after the clock of a syslog-style line: the host and the unit's identifier
// with its pid, "test-mon-0 loki[27588]: " (journalctl's default short format); 0 otherwise.
std::size_t journal_source_length(std::string_view m) {
  std::size_t k = 0;
  while (k < m.size() && k < 64 && (is_alnum(m[k]) || m[k] == '.' || m[k] == '-' || m[k] == '_')) ++k;
  if (k == 0 || k >= m.size() || m[k] != ' ') return 0;
  const std::size_t ident = ++k;
  while (k < m.size() && k < ident + 64 && !is_space(m[k]) && m[k] != '[' && m[k] != ']' && m[k] != ':') ++k;
  if (k == ident || k >= m.size() || m[k] != '[') return 0;
  const std::size_t pid = ++k;
  while (k < m.size() && k < pid + 10 && is_digit(m[k])) ++k;
  if (k == pid || k + 2 >= m.size() || m[k] != ']' || m[k + 1] != ':' || m[k + 2] != ' ') return 0;
  return k + 3;
}

// pm2's log prefix: the process id, its name padded to a column, and a bar, "5|backend-server  | "
// (`pm2 logs`); 0 otherwise.
std::size_t pm2_prefix_length(std::string_view m) {
  std::size_t k = 0;
  while (k < m.size() && k < 4 && is_digit(m[k])) ++k;
  if (k == 0 || k >= m.size() || m[k] != '|') return 0;
  const std::size_t name = ++k;
  while (k < m.size() && k < name + 64 &&
         (is_alnum(m[k]) || m[k] == '-' || m[k] == '_' || m[k] == '.' || m[k] == '@'))
    ++k;
  if (k == name) return 0;
  while (k < m.size() && m[k] == ' ') ++k;
  if (k + 1 >= m.size() || m[k] != '|' || m[k + 1] != ' ') return 0;
  return k + 2;
}

// fastlane's clock, "[16:52:13]: ", with the "▸ " it puts before each line of a command it runs
// (`sh`, gym's xcodebuild): "[16:52:13]: ▸ error TS18003: …"; 0 otherwise.
std::size_t fastlane_prefix_length(std::string_view m) {
  if (!has_shape(m, "[dd:dd:dd]: ")) return 0;
  return starts_with(m.substr(12), "\u25b8 ") ? 16 : 12;
}

// Turborepo's prefix before each line of a package's task: "@scope/pkg:build: " (a scoped
// package) or "web:test: " (a workspace name, then a task named as monorepos name them: build,
// test, lint, typecheck, check-types…, with a suffix such as ":unit"). The length up to the
// text (an empty line of the task ends right after the colon), 0 otherwise.
std::size_t turbo_prefix_length(std::string_view m) {
  std::size_t k = 0;
  const bool scoped = !m.empty() && m[0] == '@';
  if (scoped) ++k;
  const std::size_t name = k;
  auto name_char = [](char c) { return is_lower(c) || is_digit(c) || c == '-' || c == '_' || c == '.'; };
  while (k < m.size() && k < 80 && (name_char(m[k]) || (scoped && m[k] == '/'))) ++k;
  if (k - name < 2 || k >= m.size() || m[k] != ':') return 0;
  if (scoped && m.substr(name, k - name).find('/') == std::string_view::npos) return 0;
  const std::size_t task = ++k;
  while (k < m.size() && k < task + 40 && (name_char(m[k]) || m[k] == ':')) {
    if (m[k] == ':' && (k + 1 == m.size() || m[k + 1] == ' ')) break;
    ++k;
  }
  if (k == task || k >= m.size() || m[k] != ':') return 0;
  if (!scoped) {
    static constexpr std::string_view kTasks[] = {"build",      "test",        "lint",    "typecheck",
                                                  "type-check", "check-types", "types",   "tsc",
                                                  "check",      "e2e",         "compile", "bundle"};
    const std::string_view t = m.substr(task, k - task);
    const std::string_view head = t.substr(0, t.find(':'));
    if (std::find(std::begin(kTasks), std::end(kTasks), head) == std::end(kTasks)) return 0;
  }
  return k + 1 == m.size() ? k + 1 : k + 2;
}

// A Kubernetes pod's name before each line of its log, as `argo logs` and Prow's pod utilities
// print it: "integration-test-k95mb-63616182: --- FAIL: …". Lower-case letters, digits, dots and
// dashes, at least two dashes, and a generated last part: a node id (6+ digits) or the 5
// characters Kubernetes appends (letters and digits, both). The length up to the text, 0 otherwise.
std::size_t pod_prefix_length(std::string_view m) {
  std::size_t k = 0, dashes = 0, last = 0;
  while (k < m.size() && k < 100 && (is_lower(m[k]) || is_digit(m[k]) || m[k] == '-' || m[k] == '.')) {
    if (m[k] == '-') {
      ++dashes;
      last = k + 1;
    }
    ++k;
  }
  if (dashes < 2 || k + 1 >= m.size() || m[k] != ':' || m[k + 1] != ' ' || !is_lower(m[0])) return 0;
  const std::string_view tail = m.substr(last, k - last);
  const bool node_id = tail.size() >= 6 && std::all_of(tail.begin(), tail.end(), is_digit);
  const bool suffix =
      tail.size() == 5 && std::any_of(tail.begin(), tail.end(), is_digit) &&
      std::any_of(tail.begin(), tail.end(), is_lower) &&
      std::all_of(tail.begin(), tail.end(), [](char c) { return is_lower(c) || is_digit(c); });
  return node_id || suffix ? k + 2 : 0;
}

// BuildKit's error summary quotes the failed step's last output lines after the seconds
// since the step started: "14.02 Could not resolve dependencies:" (1 to 5 digits, a point,
// 2 or 3 digits, a blank); 0 otherwise.
std::size_t buildkit_summary_seconds_length(std::string_view m) {
  std::size_t n = 0;
  while (n < m.size() && n < 5 && is_digit(m[n])) ++n;
  if (n == 0 || n >= m.size() || m[n] != '.') return 0;
  const std::size_t point = n++;
  while (n < m.size() && n < point + 4 && is_digit(m[n])) ++n;
  if (n - point < 3 || n + 1 >= m.size() || m[n] != ' ' || is_space(m[n + 1])) return 0;
  return n + 1;
}

// Prow's build log (kubetest, bootstrap.py): a glog-style level and clock before each line of
// the job's output, "I0328 16:45:14.315] " (level I/W/E/F, month and day, milliseconds); 0 otherwise.
std::size_t prow_prefix_length(std::string_view m) {
  if (m.size() < 20 || (m[0] != 'I' && m[0] != 'W' && m[0] != 'E' && m[0] != 'F')) return 0;
  return has_shape(m.substr(1), "dddd dd:dd:dd.ddd] ") ? 20 : 0;
}

}  // namespace

// drone-ssh (appleboy/ssh-action, drone-ssh) prints each line of the remote
// script's stdout as "out: …" and of its stderr as "err: …".
std::size_t ssh_action_prefix_length(std::string_view m) {
  if (m.size() < 6 || !(starts_with(m, "out: ") || starts_with(m, "err: "))) return 0;
  std::size_t n = 5;
  while (n < m.size() && is_space(m[n])) ++n;
  return n < m.size() ? n : 0;
}

std::size_t jenkins_stamp_length(std::string_view s) {
  if (s.size() < 23 || s[0] != '[' || !is_digit(s[1]) || s[5] != '-' || s[8] != '-' || s[11] != 'T' ||
      s[14] != ':' || s[17] != ':')
    return 0;
  for (std::size_t i = 20; i < s.size() && i < 34; ++i) {
    if (s[i] == 'Z') return i + 2 < s.size() && s[i + 1] == ']' && s[i + 2] == ' ' ? i + 3 : 0;
    if (!is_digit(s[i]) && s[i] != '.') return 0;
  }
  return 0;
}

namespace {

// One layer of wrapper_prefix_length (with the blanks before and after it). An inner layer
// (`nested`) is never a bare `[word] `: after a wrapper that is the tool's own tag ([tsl], [Container]).
std::size_t one_wrapper_length(std::string_view m, bool nested) {
  std::size_t i = 0;
  while (i < m.size() && is_space(m[i])) ++i;
  std::size_t j = i;
  if (const std::size_t bamboo = bamboo_prefix_length(m.substr(j)); bamboo > 0) {
    j += bamboo;
  } else if (const std::size_t ssh = i == 0 ? ssh_action_prefix_length(m) : 0; ssh > 0) {
    return ssh;
  } else if (const std::size_t fly = fly_prefix_length(m.substr(j)); fly > 0) {
    j += fly;
  } else if (const std::size_t gcb = cloud_build_prefix_length(m.substr(j)); gcb > 0) {
    j += gcb;
  } else if (const std::size_t bosh = bosh_prefix_length(m.substr(j)); bosh > 0) {
    j += bosh;
  } else if (const std::size_t tc = teamcity_prefix_length(m.substr(j)); tc > 0) {
    j += tc;
  } else if (const std::size_t syslog = syslog_clock_length(m.substr(j)); syslog > 0) {
    j += syslog;
    j += journal_source_length(m.substr(j));
  } else if (const std::size_t prow = i == 0 ? prow_prefix_length(m) : 0; prow > 0) {
    j += prow;
  } else if (i == 0 && !nested && starts_with(m, "remote: ")) {
    // What a git server relays from its hooks during `git push`: Heroku's and Dokku's build
    // ("remote:        gyp ERR! configure error"), GitHub's refusals.
    j = 8;
  } else if (const std::size_t pod = i == 0 && !nested ? pod_prefix_length(m) : 0; pod > 0) {
    return pod;  // the pod's own line keeps its indentation (the matcher also tries it without)
  } else if (const std::size_t turbo = i == 0 && !nested ? turbo_prefix_length(m) : 0; turbo > 0) {
    return turbo;  // a monorepo task's own line keeps its indentation
  } else if (const std::size_t fastlane = fastlane_prefix_length(m.substr(j)); fastlane > 0) {
    j += fastlane;
  } else if (const std::size_t level = amplify_level_length(m.substr(j)); level > 0) {
    j += level;
  } else if (const std::size_t butterfly = changesets_prefix_length(m.substr(j)); butterfly > 0) {
    j += butterfly;
  } else if (const std::size_t vercel = vercel_marker_length(m.substr(j));
             vercel > 0 && j + vercel < m.size()) {
    j += vercel;  // the marker alone on a line (an empty line of the build) stays
  } else if (starts_with(m.substr(j), "[pod/")) {  // `kubectl logs --prefix`: "[pod/name/container] "
    const std::size_t close = m.find("] ", j);
    if (close != std::string_view::npos && close < j + 320) j = close + 2;
  } else if (j < m.size() && m[j] == '[' && !nested) {
    // [0] / [web] / [task : step], not a log level ([ERROR]); inside another wrapper, a tool's own tag.
    // Upper-case words joined by `_` are a build phase's name (EAS Build's [INSTALL_PODS]), which no
    // log level is.
    std::size_t k = j + 1;
    bool lower_or_digit = false;
    bool underscore = false;
    while (k < m.size() && k < j + 64 &&
           (is_alnum(m[k]) || m[k] == '-' || m[k] == '_' || m[k] == ':' || m[k] == '.' || m[k] == ' ')) {
      lower_or_digit = lower_or_digit || is_lower(m[k]) || is_digit(m[k]);
      underscore = underscore ||
                   (m[k] == '_' && k > j + 1 && is_upper(m[k - 1]) && k + 1 < m.size() && is_upper(m[k + 1]));
      ++k;
    }
    if (k > j + 1 && (lower_or_digit || underscore) && k + 1 < m.size() && m[k] == ']' && m[k + 1] == ' ')
      j = k + 2;
  } else if (!nested && starts_with(m.substr(i), "\u2502 ") &&
             (i == 0 || (i <= 8 && i + 4 < m.size() && is_graph(m[i + 4])))) {
    // Terraform's diagnostic box ("│ Error: …", a provisioner's output inside it), and
    // goreleaser's indented error box ("    │ go: …"): the text after the bar (the matcher also
    // tries the whole line). A tree's "│  └──" is drawing, not a wrapper: after an indentation
    // the bar must be followed by text (an ASCII character that is not a blank).
    return i + 4;
  } else if (j + 1 < m.size() && m[j] == '>' && m[j + 1] == ' ') {
    // A log pasted as a Markdown quote ("> text"): the quoted line keeps its own indentation
    // (the matcher also tries it without); nix's "       > text" after an indentation does not.
    if (i == 0 && !nested) return 2;
    j += 2;
  } else if (j < m.size() && m[j] == '*' &&
             (starts_with(m.substr(j), "** [out :: ") || starts_with(m.substr(j), "** [err :: ") ||
              starts_with(m.substr(j), "*\\* [out :: ") || starts_with(m.substr(j), "*\\* [err :: "))) {
    // Capistrano 2: "** [out :: host] text" (a Markdown paste escapes it as "*\\* [out :: …")
    const std::size_t close = m.find("] ", j);
    if (close != std::string_view::npos && close < j + 128) j = close + 2;
  } else if (const std::size_t go = j < m.size() && is_digit(m[j]) ? go_log_prefix_length(m.substr(j)) : 0;
             go > 0) {
    j += go;
  } else if (const std::size_t pm2 = j < m.size() && is_digit(m[j]) ? pm2_prefix_length(m.substr(j)) : 0;
             pm2 > 0) {
    j += pm2;
  } else if (j < m.size() && is_digit(m[j])) {  // 7:51:34 PM:, 23:01:28 (Jenkins), a line number
    if (const std::size_t clock = build_clock_length(m.substr(j)); clock > 0) return j + clock;
    if (const std::size_t secs = buildkit_summary_seconds_length(m.substr(j)); secs > 0) return j + secs;
    if (j + 10 < m.size() && has_shape(m.substr(j), "dd:dd.ddd ")) {  // Timestamper's elapsed "02:57.864 "
      const std::size_t text = m.find_first_not_of(' ', j + 10);
      return text == std::string_view::npos ? m.size() : text;
    }
    if (j + 9 < m.size() && has_shape(m.substr(j), "dd:dd:dd ") && !starts_with(m.substr(j + 9), "AM: ") &&
        !starts_with(m.substr(j + 9), "PM: ")) {  // Jenkins' Timestamper: "HH:MM:SS " (or "  ")
      const std::size_t text = m.find_first_not_of(' ', j + 9);
      return text == std::string_view::npos ? m.size() : text;
    }
    std::size_t k = j;
    while (k < m.size() && k < j + 8 && (is_digit(m[k]) || m[k] == ':')) ++k;
    const std::string_view rest = m.substr(k);
    const bool digits_only = m.substr(j, k - j).find(':') == std::string_view::npos;
    if (k > j + 4 && (starts_with(rest, " AM: ") || starts_with(rest, " PM: "))) {
      j = k + 5;
    } else if (digits_only && i == 0 && k - j <= 6 && starts_with(rest, " | ")) {
      j = k + 3;  // "38 | text": CodeBuild's console copied with its line-number gutter (not indented)
    } else if (digits_only && k - j <= 6 && (starts_with(rest, "\t") || starts_with(rest, "   ")) &&
               rest.find_first_not_of(" \t") != std::string_view::npos) {
      j = k;  // "86    error: …" copied from a web log viewer with its line numbers
    } else if (digits_only && k - j <= 6) {
      // GitLab's job page copies its line numbers glued to the text: "93#14 1.999 npm ERR! …" is
      // BuildKit's "#14 1.999 npm ERR! …" on line 93.
      if (const std::size_t bk = buildkit_prefix_length(rest); bk > 0) return k + bk;
    }
  } else if (const std::size_t note = i == 0 && !nested ? annotation_copy_length(m) : 0; note > 0) {
    j = note;
  } else if (j < m.size() && m[j] == '#') {  // BuildKit's plain progress: "#14 1.999 npm ERR! …"
    j += buildkit_prefix_length(m.substr(j));
  } else {  // name_1  | (docker-compose v1 and v2); `compose logs -t`: name  | 2025-05-16T20:56:53.2Z
    std::size_t k = j;
    const bool earthly = k < m.size() && m[k] == '+';  // Earthly's target column: "      +build | "
    if (earthly) ++k;
    while (k < m.size() && k < j + 64 && (is_alnum(m[k]) || m[k] == '-' || m[k] == '_' || m[k] == '.')) ++k;
    std::size_t d = k;
    while (d > j && is_digit(m[d - 1])) --d;
    std::size_t b = k;
    while (b < m.size() && m[b] == ' ') ++b;
    if (k > j && i == 0 && is_alnum(m[j]) && k + 2 < m.size() && m[k] == '>' && m[k + 1] == ' ') {
      j = k + 2;  // `nix build -L` / nix-build's per-derivation prefix: "pantalaimon> FAILED …"
    } else if (k > j && b > k && b + 1 < m.size() && m[b] == '|' && (m[b + 1] == ' ' || b + 2 == m.size())) {
      const std::size_t stamp = b + 2 < m.size() ? timestamp_length(m.substr(b + 2)) : 0;
      // A service name without an index (compose v2): with compose's time stamps, or a
      // lower-case name padded to the column and no second `|` (not a table's row);
      // Earthly right-aligns its targets ("+build", and "output" for the export).
      const bool lower = std::none_of(m.begin() + static_cast<std::ptrdiff_t>(j),
                                      m.begin() + static_cast<std::ptrdiff_t>(k), is_upper);
      const bool padded = b > k + 1 || (i >= 2 && b == k + 1);
      if (d < k && d > j + 1 && (m[d - 1] == '_' || m[d - 1] == '-'))
        j = b + 2 + stamp;
      else if (stamp > 0 || ((lower || earthly) && padded && m.find('|', b + 1) == std::string_view::npos))
        j = b + 2 + stamp;
    }
  }
  if (j == i) return nested ? 0 : i;
  while (j < m.size() && is_space(m[j])) ++j;
  return std::min(j, m.size());
}

}  // namespace

// Whether a line may start with a wrapper (wrapper_prefix_length): most lines start with a word
// that no `|`, `[`, `> `, `: ` or tab follows, and are not looked at. `nested`: the text after a
// wrapper, where any digit may start another layer (a gutter's line number, BuildKit's seconds).
// A new wrapper form in one_wrapper_length must be let through here too.
bool may_start_wrapper(std::string_view m, bool nested) {
  const std::size_t i = m.find_first_not_of(" \t");
  if (i == std::string_view::npos) return false;
  const char c = m[i];
  if (c == '[') {  // `[01:06:58] `, `[0] `, `[pod/…] `, TeamCity's `[17:57:11][Step 3/4] `: not
                   // `[command]/usr/bin/git`
    const std::size_t close = m.find("] ", i);
    return (close != std::string_view::npos && close < i + 128) || amplify_level_length(m.substr(i)) > 0;
  }
  if (c == '#') return i + 1 < m.size() && is_digit(m[i + 1]);  // BuildKit's `#14 1.999 `
  if (is_digit(c)) {  // a clock or a date: `12:34:56.789 `, `2024/01/02 `, `2024-01-02T…Z `, `7:51:34 PM: `
    if (nested) return true;
    std::size_t k = i;
    while (k < m.size() && k < i + 5 && is_digit(m[k])) ++k;
    if (k < m.size() && m[k] == '.')  // BuildKit's plain progress reprinting a failed step: `14.02 `
      return buildkit_summary_seconds_length(m.substr(i)) > 0;
    return k < m.size() && (m[k] == ':' || m[k] == '/' || m[k] == '-' || m[k] == '|');  // pm2's `5|app  | `
  }
  if (starts_with(m.substr(i), "\u2502 ") && (i == 0 || (i <= 8 && i + 4 < m.size() && is_graph(m[i + 4]))))
    return true;  // Terraform's diagnostic box, goreleaser's indented one
  if (c == '@') return i == 0 && turbo_prefix_length(m) > 0;                  // Turborepo's scoped package
  if (c == '\xF0') return changesets_prefix_length(m.substr(i)) > 0;          // Changesets' butterfly
  if (c == '\xE2' && vercel_marker_length(m.substr(i)) > 0) return true;      // the Vercel CLI's ▲
  if (!is_lower(c) && !is_upper(c)) return c == '>' || c == '*' || c == '+';  // nix, Capistrano, Earthly
  if (i > 0) return false;  // an indented word: the matcher looks past the indentation itself
  std::size_t k = 1;
  while (k < m.size() && k < 96 && (is_alnum(m[k]) || m[k] == '-' || m[k] == '_' || m[k] == '.')) ++k;
  if (k >= m.size()) return false;
  switch (m[k]) {
    case '[':   // flyctl's `app[id] `
    case '>':   // nix's `drv> `
    case '/':   // BOSH's `api/0: stdout | `
    case '\t':  // Bamboo's `build\t…`
      return true;
    case ':':  // drone-ssh's `out: `, git's `remote: `, a pod's name (`argo logs`), Turborepo's task,
               // an annotation's web-UI copy (`Error: x.py:3: …`)
      return (k == 3 && (starts_with(m, "out") || starts_with(m, "err"))) ||
             (k == 6 && starts_with(m, "remote: ")) || (k == 5 && annotation_copy_length(m) > 0) ||
             pod_prefix_length(m) > 0 || turbo_prefix_length(m) > 0;
    case ' ': {
      if (k == 3 && is_upper(m[0]) && k + 2 < m.size() && (is_digit(m[4]) || (m[4] == ' ' && is_digit(m[5]))))
        return true;                                         // a syslog clock: `Dec 03 17:59:26 `
      if (k == 4 && starts_with(m, "Step")) return true;     // Cloud Build's `Step #9 - "smoke": `
      if (k == 5 && prow_prefix_length(m) > 0) return true;  // Prow's `I0328 16:45:14.315] `
      while (k < m.size() && m[k] == ' ') ++k;
      return k < m.size() && m[k] == '|';  // docker compose's `web_1  | `
    }
    default:
      return false;
  }
}

std::size_t wrapper_prefix_length(std::string_view m) {
  std::size_t j = one_wrapper_length(m, false);
  std::size_t lead = 0;
  while (lead < m.size() && is_space(m[lead])) ++lead;
  // Wrappers stack: Jenkins' Timestamper around docker compose's `app  | `, a service's
  // prefix around a tool's own ISO time stamp. Up to three layers.
  for (int layer = 1; layer < 3 && j > lead && j < m.size(); ++layer) {
    const std::string_view rest = m.substr(j);
    if (!may_start_wrapper(rest, true)) break;
    std::size_t more = timestamp_length(rest);
    if (more == 0) more = jenkins_stamp_length(rest);
    if (more == 0) more = one_wrapper_length(rest, true);
    if (more == 0) break;
    j += more;
    while (j < m.size() && is_space(m[j])) ++j;
  }
  return std::min(j, m.size());
}

std::string_view transcript_command(std::string_view m) {
  std::size_t n = 0;
  if (m.empty()) return {};
  switch (m[0]) {  // the first letters of the forms below; else only a shell prompt can start here
    case '[':
    case 'C':
    case '$':
    case '>':
    case '+':
    case 'P':
    case 'R':
      break;
    case ' ':  // Deployer's `run cmd` with an empty host tag: its commands start at a path or a cd
      n = m.find_first_not_of(' ');
      return n != std::string_view::npos && n <= 8 &&
                     (starts_with(m.substr(n), "run /") || starts_with(m.substr(n), "run cd "))
                 ? command_after(m, n + 4)
                 : std::string_view();
    default:
      if (is_digit(m[0])) {  // GitLab's job log copied with its line numbers: `31 $ cmd`
        while (n < m.size() && n < 7 && is_digit(m[n])) ++n;
        if (starts_with(m.substr(n), " $ ")) return command_after(m, n + 3);
      }
      n = prompt_length(m);
      return n == 0 ? std::string_view() : command_after(m, n);
  }
  if (m[0] == '[') {  // Deployer's `[host] run cmd`
    const std::size_t close = m.find("] run ");
    if (close != std::string_view::npos && close < 64 &&
        m.substr(0, close).find(' ') == std::string_view::npos)
      return command_after(m, close + 6);
  }
  if (starts_with(m, "[Container] ")) {
    const std::size_t at = m.find(" Running command ");
    const std::size_t failed = m.find(" Command did not exit successfully ");
    if (at != std::string_view::npos && at < 48) {
      std::string_view cmd = m.substr(at + 17);
      while (!cmd.empty() && is_space(cmd.front())) cmd.remove_prefix(1);
      return cmd;
    }
    if (failed != std::string_view::npos && failed < 48) return transcript_command(m.substr(failed + 1));
    return {};
  }
  if (starts_with(m, "Command did not exit successfully ")) {
    const std::size_t status = m.rfind(" exit status ");
    if (status == std::string_view::npos || status <= 34) return {};
    m = m.substr(0, status);
    n = 34;
  } else if (starts_with(m, "$ ") || starts_with(m, "> ")) {
    n = 2;
  } else if (starts_with(m, "+ ") || starts_with(m, "++ ")) {
    n = m[1] == ' ' ? 2 : 3;
  } else if (starts_with(m, "PS ")) {
    const std::size_t gt = m.find("> ");
    if (gt == std::string_view::npos || gt > 200) return {};
    n = gt + 2;
  } else if (starts_with(m, "Run ")) {
    n = 4;
  } else if (starts_with(m, "Running ")) {  // flyctl deploy: `Running APP release_command: cmd`
    const std::size_t at = m.find(" release_command: ");
    if (at == std::string_view::npos || at > 80 || m.substr(8, at - 8).find(' ') != std::string_view::npos)
      return {};
    n = at + 18;
  } else if (starts_with(m, "[command]")) {  // Azure Pipelines' tasks and @actions/exec
    n = 9;
  } else if (const std::size_t prompt = prompt_length(m); prompt > 0) {
    n = prompt;
  } else if (starts_with(m, ">>> ")) {
    // chart-testing (ct) echoes its helm and kubectl calls so; a doctest's Python is not a
    // command: no call parentheses, no assignment, no keyword.
    const std::string_view rest = m.substr(4);
    if (rest.find_first_of("(=") != std::string_view::npos || starts_with(rest, "import ") ||
        starts_with(rest, "from ") || starts_with(rest, "print ") || starts_with(rest, "assert "))
      return {};
    n = 4;
  } else {
    return {};
  }
  return command_after(m, n);
}

// Ansible prints a failed task's result as JSON: the tool's own message is the
// quoted value of `"stderr": "…",` (or stdout, msg, module_stderr). Sets the
// bytes before and after it, when `m` is such a line.
void ansible_value_bounds(std::string_view m, std::size_t& skip, std::size_t& trim) {
  std::size_t i = 0;
  while (i < m.size() && m[i] == ' ') ++i;
  if (i >= m.size() || m[i] != '"') return;  // most lines: no key to compare
  for (const std::string_view key :
       {std::string_view("\"stderr\": \""), std::string_view("\"stdout\": \""),
        std::string_view("\"msg\": \""), std::string_view("\"module_stderr\": \""),
        std::string_view("\"module_stdout\": \""), std::string_view("\"cmd\": \""),
        std::string_view("\"_raw_params\": \"")}) {
    if (m.substr(i, key.size()) != key) continue;
    const std::size_t start = i + key.size();
    std::size_t end = m.size();
    if (end > start && m[end - 1] == ',') --end;
    if (end <= start || m[end - 1] != '"') return;
    skip = start;
    trim = m.size() - (end - 1);
    return;
  }
}

// The command of an Ansible result: its `"cmd": "…"` (a shell task) or the
// command module's `"_raw_params": "…"`, unquoted by ansible_value_bounds.
std::string_view ansible_command(std::string_view m, std::string_view value) {
  const std::size_t i = m.find_first_not_of(' ');
  if (i == std::string_view::npos) return {};
  return starts_with(m.substr(i), "\"cmd\": ") || starts_with(m.substr(i), "\"_raw_params\": ")
             ? value
             : std::string_view();
}

// The first line of a pasted excerpt is often the command that failed, with no
// prompt: `go test -count=2 ./pkg/`, `npx jest --ci`. It counts as one when it
// starts with a well-known build or test tool and reads as a command, not prose.
std::string_view bare_command(std::string_view m) {
  // clang-format off
  static constexpr std::string_view kTools[] = {
      "go ", "cargo ", "npm ", "npx ", "yarn ", "pnpm ", "pytest", "python -m ", "python3 -m ", "mvn ",
      "./mvnw ", "gradle ", "./gradlew ", "dotnet ", "rspec", "kubectl ", "helm ", "docker ",
      "make ", "tox", "mypy ", "poetry ", "terraform ", "curl ", "wget ", "oc ", "podman ", "helmfile ",
      "alembic ", "flyway ", "promtool ", "amtool ", "pip ", "pip3 ", "uv ", "skaffold ", "ansible-playbook ",
      "buildah ", "kamal ", "cap ", "newman ", "k6 ", "composer ", "bundle ", "aws ", "gcloud ", "az ",
      "flux ", "argocd ", "mix ", "dbmate ", "rebar3 ", "opam ", "cpanm ", "nimble ", "bazel ", "nix ",
  };
  // clang-format on
  if (m.size() > 300 || m.find(". ") != std::string_view::npos || m.find("? ") != std::string_view::npos)
    return {};
  for (const std::string_view tool : kTools)
    if (starts_with(m, tool) && (tool.back() == ' ' || m.size() == tool.size() || m[tool.size()] == ' '))
      return m;
  return {};
}

std::string_view deploy_command(std::string_view m) {
  static constexpr std::string_view kTools[] = {"helm ",     "helmfile ", "kubectl ", "oc ",   "terraform ",
                                                "skaffold ", "argocd ",   "flux ",    "kamal "};
  if (m.size() < 8 || m.size() > 300) return {};
  // The tool first (a word compare), then the scans of the line: most lines are prose.
  const bool tool = std::any_of(std::begin(kTools), std::end(kTools), [&](std::string_view t) {
    return starts_with(m, t) && m.size() > t.size() && is_lower(m[t.size()]);
  });
  if (!tool || m.find(" -") == std::string_view::npos || m.find(". ") != std::string_view::npos) return {};
  return m;
}

}  // namespace ci_triage::plain_output
