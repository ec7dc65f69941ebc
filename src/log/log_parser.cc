#include "log/log_parser.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"

namespace ci_triage {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxCommandBytes = 4096;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The first '\n' in [p, end), or nullptr. Log lines are short (~80 bytes):
// an inline 16-byte loop costs less than a call to memchr per line.
const char* find_newline(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const auto bits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl)));
    if (bits != 0) return p + __builtin_ctz(bits);
    p += 16;
  }
#endif
  return static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
}

// Length of the "2026-01-28T12:58:01.4000000Z " prefix at the start of s, or 0.
std::size_t timestamp_length(std::string_view s) {
  if (s.size() < 20 || !is_digit(s[0]) || !is_digit(s[3]) || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
      s[13] != ':' || s[16] != ':')
    return 0;
  // The runner's own format (DateTime.ToString("O")): 7 fractional digits.
  if (s.size() >= 29 && s[19] == '.' && s[27] == 'Z' && s[28] == ' ') return 29;
  const std::size_t limit = std::min<std::size_t>(s.size(), 40);
  for (std::size_t i = 19; i < limit; ++i) {
    const char c = s[i];
    if (c == 'Z') {
      if (i + 1 == s.size()) return i + 1;
      if (s[i + 1] == ' ') return i + 2;
      // "2015-12-10T06:14:19.408Z: " (a tool's own stamps, as Azure's CLI prints them).
      return s[i + 1] == ':' && i + 2 < s.size() && s[i + 2] == ' ' ? i + 3 : 0;
    }
    // A tool's local or offset stamp: "2024-01-17T03:50:11.294 " (flyctl),
    // "2024-01-17T03:50:11+00:00 ".
    if (c == ' ') return i + 1;
    if ((c == '+' || c == '-') && i + 6 < s.size() && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
        s[i + 3] == ':' && is_digit(s[i + 4]) && is_digit(s[i + 5]) && s[i + 6] == ' ')
      return i + 7;
    if (!is_digit(c) && c != '.') return 0;
  }
  return 0;
}

// Length of the tail of a runner stamp that an excerpt's first line starts with when its selection
// began inside the stamp ("3.6367390Z panic: …" from "2024-10-09T09:16:43.6367390Z "), or 0. The
// tail must hold at least the point and the 7 fractional digits and match the stamp's shape character by
// character.
std::size_t cut_timestamp_length(std::string_view s) {
  static constexpr std::string_view kShape = "0000-00-00T00:00:00.0000000Z ";
  const std::size_t z = s.substr(0, kShape.size()).find("Z ");
  if (z == std::string_view::npos || z < 8 || z + 2 >= kShape.size()) return 0;
  const std::size_t from = kShape.size() - 2 - z;  // where s[0] sits in the shape
  for (std::size_t i = 0; i < z; ++i) {
    const char want = kShape[from + i];
    if (want == '0' ? !is_digit(s[i]) : s[i] != want) return 0;
  }
  return z + 2;
}

// Inlined at each call: with a literal prefix, the compare becomes a few loads instead of a memcmp call.
[[gnu::always_inline]] inline bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }
// ASCII only, inline: std::isalnum is a locale-aware libc call on every byte of a prefix scan.
bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

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

// Length of what wraps a line of plain output: leading blanks, then (once) a
// Bamboo `build\t<date time>\t` prefix, a docker-compose service prefix (`web_1  | `, `web-1  | `), a Cloud
// Build `Step #3 - "test": ` or BOSH `api/0: stdout | ` prefix, a concurrently / lerna `[0] ` or Tekton
// `[build : step-test] ` prefix, a Netlify-style `7:51:34 PM: ` clock or, after an indentation, nix's `> `,
// then blanks. Rules anchored at `^` still match the tool's own text after it.
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

// Go's standard `log` prefix: "2006/01/02 15:04:05 " (with LstdFlags; ".000000" with
// Lmicroseconds), before a Go tool's lines (chainsaw's test output, drone-ssh's exit status).
std::size_t go_log_prefix_length(std::string_view m) {
  if (m.size() < 21) return 0;
  static constexpr std::string_view kShape = "dddd/dd/dd dd:dd:dd";
  for (std::size_t i = 0; i < kShape.size(); ++i)
    if (kShape[i] == 'd' ? !is_digit(m[i]) : m[i] != kShape[i]) return 0;
  std::size_t n = kShape.size();
  if (m[n] == '.') {
    const std::size_t frac = ++n;
    while (n < m.size() && n < frac + 9 && is_digit(m[n])) ++n;
    if (n == frac) return 0;
  }
  return n < m.size() && m[n] == ' ' ? n + 1 : 0;
}

std::size_t wrapper_prefix_length(std::string_view m) {
  std::size_t i = 0;
  while (i < m.size() && is_space(m[i])) ++i;
  std::size_t j = i;
  if (const std::size_t bamboo = bamboo_prefix_length(m.substr(j)); bamboo > 0) {
    j += bamboo;
  } else if (const std::size_t fly = fly_prefix_length(m.substr(j)); fly > 0) {
    j += fly;
  } else if (const std::size_t gcb = cloud_build_prefix_length(m.substr(j)); gcb > 0) {
    j += gcb;
  } else if (const std::size_t bosh = bosh_prefix_length(m.substr(j)); bosh > 0) {
    j += bosh;
  } else if (j < m.size() && m[j] == '[') {  // [0] / [web] / [task : step], not a log level ([ERROR])
    std::size_t k = j + 1;
    bool lower_or_digit = false;
    while (k < m.size() && k < j + 64 &&
           (is_alnum(m[k]) || m[k] == '-' || m[k] == '_' || m[k] == ':' || m[k] == '.' || m[k] == ' ')) {
      lower_or_digit = lower_or_digit || is_lower(m[k]) || is_digit(m[k]);
      ++k;
    }
    if (k > j + 1 && lower_or_digit && k + 1 < m.size() && m[k] == ']' && m[k + 1] == ' ') j = k + 2;
  } else if (j + 1 < m.size() && m[j] == '>' && m[j + 1] == ' ') {
    j += 2;  // nix: "       > text"; a log pasted as a Markdown quote: "> text"
  } else if (j < m.size() && m[j] == '*' &&
             (starts_with(m.substr(j), "** [out :: ") || starts_with(m.substr(j), "** [err :: ") ||
              starts_with(m.substr(j), "*\\* [out :: ") || starts_with(m.substr(j), "*\\* [err :: "))) {
    // Capistrano 2: "** [out :: host] text" (a Markdown paste escapes it as "*\\* [out :: …")
    const std::size_t close = m.find("] ", j);
    if (close != std::string_view::npos && close < j + 128) j = close + 2;
  } else if (const std::size_t go = j < m.size() && is_digit(m[j]) ? go_log_prefix_length(m.substr(j)) : 0;
             go > 0) {
    j += go;
  } else if (j < m.size() && is_digit(m[j])) {  // 7:51:34 PM:, 23:01:28 (Jenkins), a line number
    if (j + 9 < m.size() && is_digit(m[j + 1]) && m[j + 2] == ':' && is_digit(m[j + 3]) &&
        is_digit(m[j + 4]) && m[j + 5] == ':' && is_digit(m[j + 6]) && is_digit(m[j + 7]) &&
        m[j + 8] == ' ' && !starts_with(m.substr(j + 9), "AM: ") && !starts_with(m.substr(j + 9), "PM: "))
      return m.find_first_not_of(' ', j + 9) == std::string_view::npos
                 ? m.size()
                 : m.find_first_not_of(' ', j + 9);  // Jenkins' Timestamper: "HH:MM:SS " (or "  ")
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
  } else if (j < m.size() && m[j] == '#') {  // BuildKit's plain progress: "#14 1.999 npm ERR! …"
    j += buildkit_prefix_length(m.substr(j));
  } else {  // name_1  | (docker-compose v1 and v2); `compose logs -t`: name  | 2025-05-16T20:56:53.2Z
    std::size_t k = j;
    while (k < m.size() && k < j + 64 && (is_alnum(m[k]) || m[k] == '-' || m[k] == '_' || m[k] == '.')) ++k;
    std::size_t d = k;
    while (d > j && is_digit(m[d - 1])) --d;
    std::size_t b = k;
    while (b < m.size() && m[b] == ' ') ++b;
    if (k > j && b > k && b + 1 < m.size() && m[b] == '|' && (m[b + 1] == ' ' || b + 2 == m.size())) {
      const std::size_t stamp = b + 2 < m.size() ? timestamp_length(m.substr(b + 2)) : 0;
      // A service name without an index (compose v2): with compose's time stamps, or a
      // lower-case name padded to the column and no second `|` (not a table's row).
      const bool lower = std::none_of(m.begin() + static_cast<std::ptrdiff_t>(j),
                                      m.begin() + static_cast<std::ptrdiff_t>(k), is_upper);
      if (d < k && d > j + 1 && (m[d - 1] == '_' || m[d - 1] == '-'))
        j = b + 2 + stamp;
      else if (stamp > 0 || (lower && b > k + 1 && m.find('|', b + 1) == std::string_view::npos))
        j = b + 2 + stamp;
    }
  }
  if (j == i) return i;
  while (j < m.size() && is_space(m[j])) ++j;
  return std::min(j, m.size());
}

// Node's report of an uncaught exception starts with the throwing location; in
// a JavaScript action that is a file under the runner's _actions directory:
// "/home/runner/work/_actions/owner/name/v1/dist/index.js:188".
bool is_action_js_location(std::string_view m) {
  if (m.empty() || m[0] != '/' || m.find("/_actions/") == std::string_view::npos) return false;
  std::size_t k = m.size();
  while (k > 0 && is_digit(m[k - 1])) --k;
  if (k == m.size() || k == 0 || m[k - 1] != ':') return false;
  const std::string_view file = m.substr(0, k - 1);
  return file.ends_with(".js") || file.ends_with(".cjs") || file.ends_with(".mjs");
}

// The line that names an uncaught exception: "Error: …", "TypeError: …",
// "Error [ERR_X]: …" (a class name ending in Error, at the start of the line).
bool is_js_error_line(std::string_view m) {
  std::size_t k = 0;
  while (k < m.size() && k < 64 && (is_alnum(m[k]) || m[k] == '_')) ++k;
  if (k < 5 || m.substr(k - 5, 5) != "Error") return false;
  return starts_with(m.substr(k), ": ") || starts_with(m.substr(k), " [");
}

// The length of an interactive shell's prompt at the start of `m`, 0 if none:
// "user@host:~/dir$ " (bash), "[user@host dir]$ " (bash on RHEL), "C:\\dir>"
// (cmd.exe) — how people paste a failing command from their terminal.
std::size_t prompt_length(std::string_view m) {
  constexpr std::size_t kMaxPrompt = 200;
  const std::string_view head = m.substr(0, kMaxPrompt);
  if (head.size() > 3 && head[0] >= 'A' && head[0] <= 'Z' && head[1] == ':' && head[2] == '\\') {
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
// line `Command did not exit successfully cmd exit status N`.
// What follows a transcript's prompt or marker at `n`, when it reads as a command.
std::string_view command_after(std::string_view m, std::size_t n) {
  std::string_view cmd = m.substr(n);
  while (!cmd.empty() && is_space(cmd.front())) cmd.remove_prefix(1);
  if (cmd.empty() || !(std::isalnum(static_cast<unsigned char>(cmd.front())) || cmd.front() == '.' ||
                       cmd.front() == '/' || cmd.front() == '~' || cmd.front() == '_'))
    return {};
  return cmd;
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
    default:
      n = prompt_length(m);
      return n == 0 ? std::string_view() : command_after(m, n);
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
  static constexpr std::string_view kTools[] = {
      "go ",         "cargo ", "npm ",    "npx ",    "yarn ",      "pnpm ",   "pytest",       "python -m ",
      "python3 -m ", "mvn ",   "./mvnw ", "gradle ", "./gradlew ", "dotnet ", "bundle exec ", "rspec",
      "kubectl ",    "helm ",  "docker ", "make ",   "tox",        "mypy ",   "poetry ",      "terraform "};
  if (m.size() > 300 || m.find(". ") != std::string_view::npos || m.find("? ") != std::string_view::npos)
    return {};
  for (const std::string_view tool : kTools)
    if (starts_with(m, tool) && (tool.back() == ' ' || m.size() == tool.size() || m[tool.size()] == ' '))
      return m;
  return {};
}

// Copies s to out without ANSI escape sequences (CSI, OSC and two-byte forms);
// returns the number of bytes written (at most s.size()).
std::size_t copy_without_ansi(char* out, std::string_view s) {
  std::size_t i = 0, o = 0;
  while (i < s.size()) {
    const void* hit = std::memchr(s.data() + i, 0x1b, s.size() - i);
    if (hit == nullptr) {
      std::memcpy(out + o, s.data() + i, s.size() - i);
      return o + s.size() - i;
    }
    const std::size_t esc = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    std::memcpy(out + o, s.data() + i, esc - i);
    o += esc - i;
    i = esc + 1;
    if (i >= s.size()) return o;
    if (s[i] == '[') {  // CSI: parameters, intermediates, one final byte
      ++i;
      while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x20 &&
             static_cast<unsigned char>(s[i]) <= 0x3F)
        ++i;
      if (i < s.size()) ++i;
    } else if (s[i] == ']') {  // OSC: up to BEL or ESC '\'
      ++i;
      while (i < s.size() && s[i] != '\a' && s[i] != 0x1b) ++i;
      if (i < s.size() && s[i] == 0x1b) ++i;
      if (i < s.size()) ++i;
    } else {
      ++i;
    }
  }
  return o;
}

// A CSI sequence in caret notation: "^[[" then parameters and a final byte.
std::size_t caret_csi_length(std::string_view s, std::size_t at) {
  if (s.compare(at, 3, "^[[") != 0) return 0;
  std::size_t i = at + 3;
  while (i < s.size() && i - at < 24 && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';' || s[i] == '?')) ++i;
  if (i >= s.size() || !(s[i] >= '@' && s[i] <= '~') || s[i] == '[') return 0;
  return i + 1 - at;
}

bool has_caret_escape(std::string_view s) {
  for (std::size_t at = s.find("^[["); at != std::string_view::npos; at = s.find("^[[", at + 1))
    if (caret_csi_length(s, at) > 0) return true;
  return false;
}

// Removes caret-notation CSI sequences from p[0, n) in place; returns the new length.
std::size_t strip_caret_escapes(char* p, std::size_t n) {
  const std::string_view s(p, n);
  std::size_t at = s.find("^[[");
  if (at == std::string_view::npos) return n;
  std::size_t o = at;
  while (at < n) {
    if (const std::size_t len = caret_csi_length(s, at); len > 0) {
      at += len;
      continue;
    }
    p[o++] = p[at++];
  }
  return o;
}

// "owner/repo@ref", "owner/repo/path@ref" or "docker://image": a step that runs an action
// (a `run:` step's header is its script, "./build.sh" included).
bool is_action_ref(std::string_view s) {
  if (starts_with(s, "docker://")) return s.find_first_of(" \t") == std::string_view::npos;
  const std::size_t at = s.find('@');
  const std::size_t slash = s.find('/');
  if (at == std::string_view::npos || slash == std::string_view::npos || slash == 0 || slash > at ||
      at + 1 >= s.size())
    return false;
  for (char c : s)
    if (!(is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '@')) return false;
  return true;
}

// The runner's failure line: "Process completed with exit code N."
constexpr std::string_view kExitLine = "Process completed with exit code ";

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
      starts_with(m, "Docker pull"))
    if (const std::size_t at = m.find(kFailed); at != std::string_view::npos)
      return leading_code(m.substr(at + kFailed.size()));
  // Azure Pipelines' task library: "##[error]/usr/bin/docker failed with return code: 1"
  constexpr std::string_view kReturn = " failed with return code: ";
  if (const std::size_t at = m.find(kReturn); at != std::string_view::npos && !m.empty() && m[0] == '/')
    return leading_code(m.substr(at + kReturn.size()));
  constexpr std::string_view kAzure = " exited with code '";
  if (const std::size_t at = m.find(kAzure); at != std::string_view::npos && at < 40 && m.back() == '.')
    return leading_code(m.substr(at + kAzure.size()));
  return std::nullopt;
}

}  // namespace

LogParser::LogParser(std::size_t batch_bytes) : batch_bytes_(batch_bytes) {
  buf_ = std::make_unique<char[]>(batch_bytes_ + 2 * kMaxLineBytes + 2);
  // A batch of short lines ends at as many lines as the reserve holds: the Line
  // records of a batch stay in cache for the passes that read them after it.
  max_batch_lines_ = std::max<std::size_t>(batch_bytes_ / 32, 64);
  batch_.lines.reserve(max_batch_lines_);
  Step first;
  first.number = 1;
  first.first_line = 1;
  model_.steps.push_back(std::move(first));
}

void LogParser::feed(std::string_view bytes, const BatchSink& sink) {
  if (model_.byte_count < kCaretProbe && !caret_escapes_)
    caret_escapes_ = has_caret_escape(bytes.substr(0, kCaretProbe - model_.byte_count));
  // The first kBinaryProbe bytes of the log, however they are chunked.
  if (model_.byte_count < kBinaryProbe && !model_.binary) {
    const std::size_t probe = std::min<std::size_t>(bytes.size(), kBinaryProbe - model_.byte_count);
    if (std::memchr(bytes.data(), '\0', probe) != nullptr) model_.binary = true;
  }
  model_.byte_count += bytes.size();
  std::size_t pos = 0;
  // Position of the next ESC in the chunk: one search per escape sequence
  // instead of one per line (ANSI codes are rare).
  std::size_t next_esc = 0;
  auto esc_before = [&](std::size_t end) {
    if (next_esc < pos) {
      const void* e = std::memchr(bytes.data() + pos, 0x1b, bytes.size() - pos);
      next_esc =
          e == nullptr ? bytes.size() : static_cast<std::size_t>(static_cast<const char*>(e) - bytes.data());
    }
    return next_esc < end;
  };
  while (pos < bytes.size()) {
    const char* hit = find_newline(bytes.data() + pos, bytes.data() + bytes.size());
    if (hit == nullptr) {
      if (!skipping_) {
        const std::string_view rest = bytes.substr(pos);
        const std::size_t room = kMaxLineBytes - pending_.size();
        if (rest.size() <= room) {
          pending_.append(rest);
        } else {
          pending_.append(rest.substr(0, room));
          process_line(pending_, sink);
          pending_.clear();
          ++model_.truncated_lines;
          skipping_ = true;
        }
      }
      return;
    }
    const std::size_t nl = static_cast<std::size_t>(hit - bytes.data());
    std::string_view segment = bytes.substr(pos, nl - pos);
    const bool esc = esc_before(nl);
    pos = nl + 1;
    if (skipping_) {
      skipping_ = false;
      continue;
    }
    if (!pending_.empty()) {
      const std::size_t room = kMaxLineBytes - pending_.size();
      if (segment.size() > room) ++model_.truncated_lines;
      pending_.append(segment.substr(0, room));
      process_line(pending_, sink);
      pending_.clear();
    } else if (segment.empty() && state_ != State::kHeader) {
      // A run of blank lines (no stamp, no CR): what process_line() would do for each, without
      // the calls — the records are added at once, up to the batch's end.
      std::size_t run = 1;
      const std::size_t room = std::min(max_batch_lines_ - std::min(max_batch_lines_, batch_.lines.size()),
                                        batch_bytes_ - std::min(batch_bytes_, used_));
      while (run < room && pos < bytes.size() && bytes[pos] == '\n') {
        ++run;
        ++pos;
      }
      const std::size_t first = batch_.lines.size();
      batch_.lines.resize(first + run);
      const auto step = static_cast<std::uint32_t>(model_.steps.size() - 1);
      for (std::size_t i = 0; i < run; ++i) {
        Line& line = batch_.lines[first + i];
        line.offset = static_cast<std::uint32_t>(used_ + i);
        line.number = ++model_.line_count;
        line.step = step;
      }
      std::memset(buf_.get() + used_, '\n', run);
      used_ += run;
      line_stamped_ = false;
      if (model_.has_markers && node_crash_window_ > 0)
        node_crash_window_ = run >= static_cast<std::size_t>(node_crash_window_)
                                 ? 0
                                 : node_crash_window_ - static_cast<int>(run);
      model_.steps.back().last_line = model_.line_count;
      if (used_ >= batch_bytes_ || batch_.lines.size() >= max_batch_lines_) flush_batch(sink);
    } else {
      if (segment.size() > kMaxLineBytes) {
        ++model_.truncated_lines;
        segment = segment.substr(0, kMaxLineBytes);
      }
      process_line(segment, sink, esc ? kHasEsc : kNoEsc);
    }
  }
}

void LogParser::finish(const BatchSink& sink) {
  if (!pending_.empty()) {
    process_line(pending_, sink);
    pending_.clear();
  }
  skipping_ = false;
  flush_batch(sink);
  // Lines a build tool prints after its summary: Maven's "Total time", "Finished at", …
  constexpr std::uint64_t kToolFooterLines = 8;
  if (tool_success_line_ > 0 && model_.line_count - tool_success_line_ <= kToolFooterLines)
    model_.plain_passed = true;
  Step& first = model_.steps.front();
  if (first.name.empty()) {
    if (model_.has_runner_preamble)
      first.name = "Set up job";
    else if (model_.steps.size() == 1)
      first.name = "Output";
    else
      first.name = "Start of log";
  }
}

void LogParser::process_line(std::string_view raw, const BatchSink& sink, Esc esc) {
  ++model_.line_count;
  append_normalized(raw, esc);
  classify(batch_.lines.size() - 1);
  if (used_ >= batch_bytes_ || batch_.lines.size() >= max_batch_lines_) flush_batch(sink);
}

void LogParser::append_normalized(std::string_view s, Esc esc) {
  if (model_.line_count == 1 && starts_with(s, kBom)) s.remove_prefix(kBom.size());
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  line_stamped_ = false;
  if (!s.empty() && s[0] == ' ') {
    // A job log pasted as a Markdown list item or an indented block keeps the
    // runner's stamps behind a few spaces; only the runner's exact format counts.
    std::size_t k = 1;
    while (k < s.size() && k < 8 && s[k] == ' ') ++k;
    if (timestamp_length(s.substr(k)) == 29 && s[k + 19] == '.') s.remove_prefix(k);
  }
  if (model_.line_count == 1) s.remove_prefix(cut_timestamp_length(s));
  if (const std::size_t ts = timestamp_length(s); ts > 0) {
    // The runner's own stamps (7 fractional digits) frame a job log; a tool's
    // own (flyctl, Azure's CLI) leave it plain output.
    if (ts == 29 && s[19] == '.') runner_stamps_ = line_stamped_ = true;
    s.remove_prefix(ts);
    model_.has_timestamps = true;
  }
  const std::size_t start = used_;
  std::size_t n = s.size();
  if (n > 0) {
    if (esc == kNoEsc || (esc == kUnknownEsc && std::memchr(s.data(), 0x1b, n) == nullptr))
      std::memcpy(buf_.get() + start, s.data(), n);
    else
      n = copy_without_ansi(buf_.get() + start, s);
    if (caret_escapes_) n = strip_caret_escapes(buf_.get() + start, n);
  }
  buf_[start + n] = '\n';
  used_ = start + n + 1;
  Line line;
  line.offset = static_cast<std::uint32_t>(start);
  line.length = static_cast<std::uint32_t>(n);
  line.number = model_.line_count;
  line.step = static_cast<std::uint32_t>(model_.steps.size() - 1);
  batch_.lines.push_back(line);
}

void LogParser::start_step(std::string_view name, bool header) {
  state_ = header ? State::kHeader : State::kOutput;
  header_trailer_ = false;
  header_action_ = header && is_action_ref(name.substr(4));
  if (model_.steps.size() >= kMaxSteps) return;  // absurd logs: the last step stays open
  flush_tail();
  Step step;
  step.number = static_cast<int>(model_.steps.size()) + 1;
  step.name = std::string(name.substr(0, 300));
  step.first_line = model_.line_count;
  model_.steps.push_back(std::move(step));
}

void LogParser::classify(std::size_t index) {
  Line& line = batch_.lines[index];
  const std::string_view m = text(line);
  if (m.empty() && state_ != State::kHeader) {  // a blank output line: nothing to classify
    if (model_.has_markers && node_crash_window_ > 0) --node_crash_window_;
    model_.steps.back().last_line = line.number;
    return;
  }
  bool exit_line = false;
  if (state_ == State::kHeader && !m.empty() && !line_stamped_) {
    // A header copied from the web UI has no "##[endgroup]" (and no time stamps): after its
    // `shell:`, `env:` and `with:` part, a line that is not indented is the step's output.
    if (m == "env:" || m == "with:" || starts_with(m, "shell: "))
      header_trailer_ = true;
    else if (m == "..." || m == "\u2026")  // an excerpt's elision: the header's end was left out
      state_ = State::kOutput;
    else if (header_trailer_ && m[0] != ' ' && m[0] != '\t' && m[0] != '#')
      state_ = State::kOutput;
  } else if (state_ == State::kHeader && header_action_ && line_stamped_ && !m.empty() && m[0] != ' ' &&
             m[0] != '\t' && m[0] != '#' && m != "with:" && m != "env:") {
    // An action's header is `with:` and `env:` with indented entries (a multi-line value's
    // later lines carry no time stamp): a stamped line that is neither is the action's output
    // in an excerpt that left out the "##[endgroup]".
    state_ = State::kOutput;
  }
  if (m.size() >= 3 && m[0] == '#' && m[1] == '#' && m[2] == '[') {
    model_.has_markers = true;
    if (starts_with(m, "##[group]Run ")) {
      start_step(m.substr(9), true);
      line.step = static_cast<std::uint32_t>(model_.steps.size() - 1);
      line.kind = LineKind::kCommand;
      std::string& cmd = model_.steps.back().command;  // bounded: the last step may be reused
      if (cmd.size() + m.size() < kMaxCommandBytes) cmd.append(m.substr(13)).push_back('\n');
    } else if (starts_with(m, "##[group]") || starts_with(m, "##[endgroup]")) {
      line.kind = LineKind::kMarker;
      if (m[3] == 'e' && state_ == State::kHeader) state_ = State::kOutput;
    } else if (starts_with(m, "##[command]")) {
      // The runner's echo of what it runs for the job (a service container's `docker pull`).
      std::string& cmd = model_.steps.back().command;
      if (model_.steps.size() < kMaxSteps && cmd.size() + m.size() < kMaxCommandBytes)
        cmd.append(m.substr(11)).push_back('\n');
    } else if (starts_with(m, "##[error]")) {
      exit_line = error_marker(line, m.substr(9));
      // The message is a tool's own line (Azure Pipelines prints a task's stderr so, problem
      // matchers and ::error:: annotations render so): rules get a second try without the marker.
      if (m.size() > 9 && line.skip == 0) line.skip = 9;
    }
  } else if (state_ == State::kHeader) {
    line.kind = LineKind::kCommand;
    std::string& cmd = model_.steps.back().command;
    if (cmd.size() + m.size() < kMaxCommandBytes) cmd.append(m).push_back('\n');
  } else if (m[0] == '[' && model_.has_markers && starts_with(m, "[command]")) {
    // An action's (@actions/exec) or an Azure Pipelines task's echo of the tool it runs
    // (not in the last step of an absurd log, which gathers every later step's header).
    std::string& cmd = model_.steps.back().command;
    if (model_.steps.size() < kMaxSteps && cmd.size() + m.size() < kMaxCommandBytes)
      cmd.append(m.substr(9)).push_back('\n');
  } else if (m[0] == '+' && model_.has_markers && (starts_with(m, "+ ") || starts_with(m, "++ "))) {
    // `set -x` echoes each command as it runs, variables expanded: in an Azure Pipelines
    // task (whose script is a temp file) or a `run:` step with -x, what the step ran.
    const std::string_view cmd = transcript_command(m);
    std::string& block = model_.steps.back().command;
    if (!cmd.empty() && model_.steps.size() < kMaxSteps && block.size() + cmd.size() < kMaxCommandBytes)
      block.append(cmd).push_back('\n');
  } else if (m.size() < 17 || !((m[0] == 'P' && (m[1] == 'o' || m[1] == 'r')) ||
                                (m[0] == 'C' && (m[1] == 'l' || m[1] == 'u')))) {
    // ordinary output: the common case
  } else if (m[1] == 'r') {
    // The runner's failure line copied from the web UI, where "##[error]" is not text: a
    // framed log whose step ends "Process completed with exit code 1." failed there. A line
    // with the runner's time stamp is a job log's own: there only "##[error]" fails a step.
    if (model_.has_markers && !line_stamped_ && is_bare_exit_line(m)) exit_line = error_marker(line, m);
  } else if (m == "Post job cleanup.") {
    start_step("Post job cleanup", false);
    line.step = static_cast<std::uint32_t>(model_.steps.size() - 1);
    line.kind = LineKind::kMarker;
  } else if (starts_with(m, "Cleaning up orphan processes")) {
    model_.reached_job_end = true;
    start_step("Complete job", false);
    line.step = static_cast<std::uint32_t>(model_.steps.size() - 1);
    line.kind = LineKind::kMarker;
  } else if (starts_with(m, "Current runner version")) {
    model_.has_runner_preamble = true;
  }
  if (line.kind == LineKind::kOutput && !model_.has_markers && !runner_stamps_) {
    plain_line(line, m, exit_line);
  } else if (line.kind == LineKind::kOutput && line.skip == 0 && !m.empty() && is_digit(m[0])) {
    // A job log's wrappers are the runner's, but a Go tool's own `log` prefix still hides
    // its lines' first words (`--- FAIL:`): rules get a second try without it.
    if (const std::size_t go = go_log_prefix_length(m); go > 0) {
      std::size_t k = go;
      while (k < m.size() && k < 0xffff && m[k] == ' ') ++k;
      if (k < m.size()) line.skip = static_cast<std::uint16_t>(k);
    }
  }
  // A JavaScript action that crashed on an uncaught exception prints no
  // ##[error]: Node's report (location, source line, caret, "Error: …") is
  // the step's failure.
  if (line.kind == LineKind::kOutput && model_.has_markers) {
    if (node_crash_window_ > 0) {
      --node_crash_window_;
      if (is_js_error_line(m)) {
        node_crash_window_ = 0;
        error_marker(line, m);
      }
    } else if (!m.empty() && m[0] == '/' && is_action_js_location(m)) {
      node_crash_window_ = 6;
    }
  }
  Step& step = model_.steps.back();
  step.last_line = line.number;
  if (line.kind == LineKind::kOutput && !exit_line && !step.failed && !trim(m).empty()) {
    tail_ring_[tail_count_ % kTailLines] = index;
    ++tail_count_;
  }
}

// A step's first error (`##[error]…`, or its web-UI copy `Error: …`): the
// step failed; "Process completed with exit code N." gives its exit code.
// Returns whether the line is that exit line (rules may match it, exit 124 or
// 137; the tail skips it).
bool LogParser::error_marker(const Line& line, std::string_view message) {
  while (starts_with(message, "Error: ")) message.remove_prefix(7);  // an action's own "Error: "
  Step& step = model_.steps.back();
  if (!step.failed) {
    flush_tail();  // freeze: the lines before the first error explain it
    step.failed = true;
    if (message.find(kExitLine) == std::string_view::npos)
      step.first_error = EvidenceLine{line.number, sanitize_utf8(text(line), 300)};
  }
  if (const std::optional<int> code = runner_exit_code(message)) {
    // The shell's own line wins over an action's wrapper printed before it.
    if (starts_with(message, kExitLine) || !step.exit_code) step.exit_code = *code;
  }
  return starts_with(message, kExitLine);
}

// Another CI system's own word on how the job ended (plain output only).
void LogParser::ci_verdict(std::string_view m) {
  if (m.empty() || !(m[0] == '[' || m[0] == 'F' || m[0] == 'J' || m[0] == 'D' || m[0] == 'E' || m[0] == 'P' ||
                     m[0] == 'B'))
    return;
  // CodeBuild: "[Container] 2024/05/01 10:00:00.123456 Phase complete: …"
  if (starts_with(m, "[Container] ")) {
    const std::size_t at = m.find(" Phase complete: ");
    if (at == std::string_view::npos || at > 48) return;
    m.remove_prefix(at + 1);
  }
  if (starts_with(m, "[INFO] ") || starts_with(m, "[ERROR] "))
    m.remove_prefix(m[1] == 'I' ? 7 : 8);  // Maven's level
  if (m.empty() || !(m[0] == 'F' || m[0] == 'J' || m[0] == 'D' || m[0] == 'E' || m[0] == 'P' || m[0] == 'B'))
    return;
  // A build tool's own summary ends an excerpt that passed only when nothing
  // but its footer follows it (finish() checks): a transcript may go on to
  // another command that fails.
  if (m == "BUILD SUCCESS" || starts_with(m, "BUILD SUCCESSFUL in ")) {
    tool_success_line_ = model_.line_count;
    return;
  }
  if (m == "BUILD FAILURE" || starts_with(m, "BUILD FAILED")) {
    model_.plain_failed = true;
    return;
  }
  if (m == "Finished: SUCCESS" || m == "Job succeeded" || m == "Done. Your build exited with 0.") {
    model_.plain_passed = true;
  } else if (starts_with(m, "Finished: FAILURE") || starts_with(m, "ERROR: Job failed") ||
             (starts_with(m, "Done. Your build exited with ") && m != "Done. Your build exited with 0.")) {
    model_.plain_failed = true;
  } else if (starts_with(m, "Phase complete: ")) {
    if (m.find(" State: FAILED") != std::string_view::npos)
      model_.plain_failed = true;
    else if (m.ends_with(" State: SUCCEEDED") && (starts_with(m, "Phase complete: POST_BUILD ") ||
                                                  starts_with(m, "Phase complete: UPLOAD_ARTIFACTS ")))
      model_.plain_passed = true;
  }
}

// A line of plain output (no step framing so far): the prefix rules may look
// past, the bounded copy `when.command` is checked against, the commands of a
// shell transcript, and the runner's failure line as the web UI renders it.
void LogParser::plain_line(Line& line, std::string_view m, bool& exit_line) {
  if (m.empty()) return;  // nothing to unwrap, keep or match
  std::size_t skip = 0, trim = 0;
  ansible_value_bounds(m, skip, trim);
  if (skip == 0) skip = std::min<std::size_t>(wrapper_prefix_length(m), 0xffff);
  line.skip = static_cast<std::uint16_t>(skip < m.size() ? skip : 0);
  line.trim = static_cast<std::uint16_t>(line.skip > 0 ? trim : 0);
  const std::string_view rest = m.substr(line.skip, m.size() - line.skip - line.trim);
  Step& step = model_.steps.back();
  if (!rest.empty() && plain_bytes_ + rest.size() < kMaxPlainBytes) {
    step.plain_text.append(rest).push_back('\n');
    plain_bytes_ += rest.size() + 1;
  }
  std::string_view cmd = transcript_command(rest);
  if (cmd.empty() && line.skip > 0) cmd = transcript_command(m);  // "[Container] …" is skipped as a wrapper
  if (cmd.empty() && line.number == 1) cmd = bare_command(rest);
  if (cmd.empty() && line.skip > 0 && line.trim > 0) cmd = ansible_command(m, rest);
  if (!cmd.empty() && step.command.size() + cmd.size() < kMaxCommandBytes)
    step.command.append(cmd).push_back('\n');
  ci_verdict(m);
  if (line.skip > 0) ci_verdict(rest);  // behind a time stamp or a service's prefix
  std::string_view message = rest;
  while (starts_with(message, "Error: ")) message.remove_prefix(7);
  if (message.size() < rest.size() && (starts_with(message, kExitLine) ||
                                       (starts_with(message, "The process '") &&
                                        message.find("' failed with exit code ") != std::string_view::npos)))
    exit_line = error_marker(line, message);
}

void LogParser::flush_tail() {
  if (tail_count_ == 0) return;
  Step& step = model_.steps.back();
  const std::size_t n = std::min(tail_count_, kTailLines);
  for (std::size_t k = tail_count_ - n; k < tail_count_; ++k) {
    const Line& l = batch_.lines[tail_ring_[k % kTailLines]];
    step.tail.push_back({l.number, std::string(text(l).substr(0, 320))});
  }
  if (step.tail.size() > kTailLines)
    step.tail.erase(step.tail.begin(),
                    step.tail.begin() + static_cast<std::ptrdiff_t>(step.tail.size() - kTailLines));
  tail_count_ = 0;
}

void LogParser::flush_batch(const BatchSink& sink) {
  flush_tail();
  batch_.text = std::string_view(buf_.get(), used_);
  if (!batch_.lines.empty()) sink(batch_);
  used_ = 0;
  batch_.lines.clear();
}

}  // namespace ci_triage
