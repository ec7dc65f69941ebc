#include "log/log_parser.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ascii.h"
#include "core/text.h"
#include "log/exit_lines.h"
#include "log/plain_output.h"

namespace ci_triage {
namespace {

using ascii::is_alnum;
using ascii::is_digit;
using ascii::is_hex_digit;
using ascii::is_lower;
using ascii::is_upper;
using ascii::starts_with;

using exit_lines::ansible_recap_failed;
using exit_lines::buildkit_all_done;
using exit_lines::buildkit_frame_line;
using exit_lines::circleci_step_exit;
using exit_lines::is_bare_exit_line;
using exit_lines::kExitLine;
using exit_lines::other_ci_exit_code;
using exit_lines::runner_exit_code;
using exit_lines::travis_command_exit;

using plain_output::ansible_command;
using plain_output::ansible_value_bounds;
using plain_output::bare_command;
using plain_output::deploy_command;
using plain_output::go_log_prefix_length;
using plain_output::jenkins_stamp_length;
using plain_output::may_start_wrapper;
using plain_output::ssh_action_prefix_length;
using plain_output::timestamp_length;
using plain_output::transcript_command;
using plain_output::wrapper_prefix_length;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxCommandBytes = 4096;

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

// Whether `m` starts with a user name and `@` (`user@host:~/dir$ cmd`): the cheap test before
// asking transcript_command for a shell prompt, so ordinary lines cost a short scan.
bool user_prompt(std::string_view m) {
  std::size_t k = 0;
  while (k < m.size() && k < 33 && (is_alnum(m[k]) || m[k] == '_' || m[k] == '-' || m[k] == '.')) ++k;
  return k > 0 && k < m.size() && m[k] == '@';
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

// GitHub's Markdown turns a log copied from the Actions web viewer into links on its line
// numbers: "exit code 12[7](https://github.com/o/r/actions/runs/1/job/2#step:7:48)". The probe
// looks for such a link in the first kCaretProbe bytes; the lines then lose the link around
// the digits (the digits stay where they were).
constexpr std::string_view kStepLink = "](https://github.com/";

bool has_step_link(std::string_view s) {
  const std::size_t at = s.find(kStepLink);
  return at != std::string_view::npos && s.find("#step:", at) != std::string_view::npos;
}

std::size_t strip_step_links(char* p, std::size_t n) {
  const std::string_view s(p, n);
  std::size_t at = s.find(kStepLink);
  if (at == std::string_view::npos) return n;
  std::size_t o = 0, i = 0;
  while (at != std::string_view::npos) {
    // "[digits" before the "](", and ")" closing a URL with "#step:" in it, without blanks.
    // A link's URL is short: the searches stay within kMaxLink bytes (linear on hostile lines).
    constexpr std::size_t kMaxLink = 256;
    std::size_t open = at;
    while (open > i && is_digit(s[open - 1])) --open;
    const std::string_view url = s.substr(0, std::min(n, at + kMaxLink));
    const std::size_t close = url.find(')', at + kStepLink.size());
    const std::size_t blank = url.find(' ', at + kStepLink.size());
    const std::size_t step = url.find("#step:", at + kStepLink.size());
    if (open > i && open < at && s[open - 1] == '[' && close != std::string_view::npos &&
        (blank == std::string_view::npos || blank > close) && step != std::string_view::npos &&
        step < close) {
      std::memmove(p + o, p + i, open - 1 - i);  // the text before "["
      o += open - 1 - i;
      std::memmove(p + o, p + open, at - open);  // the digits
      o += at - open;
      i = close + 1;
    } else {
      std::memmove(p + o, p + i, at + 1 - i);
      o += at + 1 - i;
      i = at + 1;
    }
    at = s.find(kStepLink, i);
  }
  std::memmove(p + o, p + i, n - i);
  return o + n - i;
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

// A job copied from the web UI with its step list: each collapsed step is one indented row, its
// title with the duration glued on (`  Run actions/checkout@v12s`, `  Set up job1s`). Such a row
// names a step that ran, not the command of the step that failed.
bool web_ui_step_row(std::string_view m) {
  if (m.size() < 8 || m[0] != ' ' || m.back() != 's') return false;
  std::size_t n = 0;
  while (n < m.size() && m[n] == ' ') ++n;
  if (n > 4 || !starts_with(m.substr(n), "Run ")) return false;
  const std::size_t end = m.size() - 1;  // the `s`
  std::size_t d = end;
  while (d > n && is_digit(m[d - 1])) --d;
  if (d == end) return false;                          // no seconds
  if (d >= 2 && m[d - 1] == ' ' && m[d - 2] == 'm') {  // `1m 5s`
    std::size_t k = d - 2;
    while (k > n && is_digit(m[k - 1])) --k;
    if (k < d - 2) d = k;
  }
  return d > n + 4 && m[d - 1] != ' ' && m[d - 1] != '\t';
}

// A line of a step header's `env:` or `with:` list as the web UI shows it: `  NAME: value`
// (two spaces, a name, a colon), or a deeper-indented line (a nested or continued value).
bool header_entry(std::string_view m) {
  if (starts_with(m, "    ") || (!m.empty() && m[0] == '\t')) return true;
  if (m.size() < 4 || m[0] != ' ' || m[1] != ' ') return false;
  std::size_t k = 2;
  if (!(is_alnum(m[k]) || m[k] == '_')) return false;
  while (k < m.size() && (is_alnum(m[k]) || m[k] == '_' || m[k] == '-' || m[k] == '.')) ++k;
  return k < m.size() && m[k] == ':' && (k + 1 == m.size() || m[k + 1] == ' ');
}

// What follows `Run ` in a step's title (an action, or the first line of a script), not a
// tool's own advice that starts so: Gradle's "Run with --stacktrace option to get the stack
// trace.", minitest's "Run options: --seed=1", npm's "Run `npm audit` for details.".
bool is_step_title(std::string_view s) {
  if (s.empty() || s[0] == ' ' || s[0] == '`' || s[0] == '\'' || s[0] == '"') return false;
  if (starts_with(s, "with ") || starts_with(s, "options:") || starts_with(s, "details")) return false;
  return !(s.back() == '.' && std::count(s.begin(), s.end(), ' ') >= 3);  // a sentence
}

}  // namespace

// Length of the "2026-01-28T12:58:01.4000000Z " prefix at the start of s, or 0.
std::size_t plain_output::timestamp_length(std::string_view s) {
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
      // Cloudflare Pages' build log puts a tab after its stamp: "2025-10-06T06:55:22.879Z\tbun …".
      if (s[i + 1] == ' ' || s[i + 1] == '\t') return i + 2;
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
  if (model_.byte_count < kCaretProbe && !step_links_)
    step_links_ = has_step_link(bytes.substr(0, kCaretProbe - model_.byte_count));
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
      if (node_crash_window_ > 0)
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
  if (tool_success_line_ > 0 && model_.line_count - tool_success_line_ <= kToolFooterLines &&
      last_plain_error_line_ < tool_success_line_)  // an `Error: …` after it is no footer
    model_.plain_passed = true;
  if (buildkit_done_line_ > 0) model_.plain_passed = true;
  // Azure Pipelines prints a failed task's "##[error]" before its "##[section]Finishing:": an
  // excerpt whose every task finished ran to its end, and no "##[error]" means none failed.
  if (azure_task_finished_ && !azure_task_open_ && !azure_task_failed_) model_.reached_job_end = true;
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
    // runner's stamps behind a few spaces; only a UTC stamp with fractional
    // seconds counts (the runner's, or Render's and Cloud Run's nanoseconds).
    std::size_t k = 1;
    while (k < s.size() && k < 8 && s[k] == ' ') ++k;
    const std::size_t ts = timestamp_length(s.substr(k));
    if (ts >= 22 && s[k + 19] == '.' && s[k + ts - 2] == 'Z') s.remove_prefix(k);
  }
  if (model_.line_count == 1) s.remove_prefix(cut_timestamp_length(s));
  if (const std::size_t jenkins = jenkins_stamp_length(s); jenkins > 0) {
    s.remove_prefix(jenkins);
    model_.has_timestamps = true;
  } else if (const std::size_t ts = timestamp_length(s); ts > 0) {
    // The runner's own stamps (7 fractional digits) frame a job log; a tool's
    // own (flyctl, Azure's CLI) leave it plain output.
    if (ts == 29 && s[19] == '.') line_stamped_ = true;
    s.remove_prefix(ts);
    model_.has_timestamps = true;
    // GitLab's timestamped job trace (runner 17+): the stamp, then the stream's
    // number and type and whether the line continues the last one ("01O ", "00O+", "02E ").
    if (!line_stamped_ && s.size() > 4 && is_hex_digit(s[0]) && is_hex_digit(s[1]) &&
        (s[2] == 'O' || s[2] == 'E') && (s[3] == ' ' || s[3] == '+'))
      s.remove_prefix(4);
  }
  const std::size_t start = used_;
  std::size_t n = s.size();
  if (n > 0) {
    if (esc == kNoEsc || (esc == kUnknownEsc && std::memchr(s.data(), 0x1b, n) == nullptr))
      std::memcpy(buf_.get() + start, s.data(), n);
    else
      n = copy_without_ansi(buf_.get() + start, s);
    if (caret_escapes_) n = strip_caret_escapes(buf_.get() + start, n);
    if (step_links_) n = strip_step_links(buf_.get() + start, n);
    // Trailing blanks carry nothing (a terminal paste padded to 80 columns, a Markdown line
    // break): rules anchor at the end of the text.
    while (n > 0 && (buf_[start + n - 1] == ' ' || buf_[start + n - 1] == '\t')) --n;
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
  header_entries_ = false;
  header_action_ = header && is_action_ref(name.substr(4));
  if (model_.steps.size() >= kMaxSteps) return;  // absurd logs: the last step stays open
  flush_tail();
  step_text_.clear();
  Step step;
  step.number = static_cast<int>(model_.steps.size()) + 1;
  step.name = std::string(name.substr(0, 300));
  step.first_line = model_.line_count;
  model_.steps.push_back(std::move(step));
}

void LogParser::classify(std::size_t index) {
  Line& line = batch_.lines[index];
  const std::string_view m = text(line);
  // A blank line right after a web-UI header's `shell:` with no `env:`/`with:` list: the header is
  // over, the step's output begins (mocha's starts with blank lines).
  if (m.empty() && state_ == State::kHeader && !line_stamped_ && header_trailer_ && !header_entries_)
    state_ = State::kOutput;
  if (m.empty() && state_ != State::kHeader) {  // a blank output line: nothing to classify
    if (node_crash_window_ > 0) --node_crash_window_;
    model_.steps.back().last_line = line.number;
    return;
  }
  bool exit_line = false;
  const bool after_script_header = script_header_;  // the line before was npm's `> pkg@1.0.0 test`
  script_header_ = false;
  if (state_ == State::kHeader && !m.empty() && !line_stamped_) {
    // A header copied from the web UI has no "##[endgroup]" (and no time stamps): after its
    // `shell:`, `env:` and `with:` part, a line that is not indented is the step's output. The
    // indented lines that belong to the header are `env:`'s and `with:`'s `  NAME: value`
    // entries (and a multi-line value's deeper lines): an indented line right after `shell:`,
    // or a two-space one that is not `NAME: value` (mocha's `  GET /healthz`), is output.
    const bool folded = !web_title_.empty() &&
                        (header_action_ ? m != "with:" && m != "env:" : m != std::string_view(web_title_));
    web_title_.clear();
    if (folded) {  // a web-UI copy whose header was folded: `Run cmd`, then the step's output
      state_ = State::kOutput;
    } else if (m == "env:" || m == "with:") {
      header_trailer_ = header_entries_ = true;
    } else if (starts_with(m, "shell: ")) {
      header_trailer_ = true;
    } else if (m == "..." || m == "\u2026") {  // an excerpt's elision: the header's end was left out
      state_ = State::kOutput;
    } else if (header_trailer_ && m[0] != ' ' && m[0] != '\t' && m[0] != '#') {
      state_ = State::kOutput;
    } else if (header_trailer_ && (!header_entries_ || !header_entry(m))) {
      state_ = State::kOutput;
    }
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
    } else if (starts_with(m, "##[section]Starting: ")) {
      azure_task_open_ = true;  // Azure Pipelines: a task's output follows
    } else if (starts_with(m, "##[section]Finishing: ")) {
      azure_task_open_ = false;
      azure_task_finished_ = true;
    } else if (starts_with(m, "##[debug]Processed: ##vso[task.")) {
      // A task's own verdict in a debug log: "##vso[task.complete result=Failed;]…".
      const std::string_view vso = m.substr(20);
      if (starts_with(vso, "##vso[task.complete result=Failed") ||
          starts_with(vso, "##vso[task.issue type=error"))
        azure_task_failed_ = true;
    } else if (starts_with(m, "##[error]")) {
      exit_line = error_marker(line, m.substr(9));
      // The message is a tool's own line (Azure Pipelines prints a task's stderr so, problem
      // matchers and ::error:: annotations render so): rules get a second try without the marker.
      // Azure's Docker task prints BuildKit's stderr so, seconds and all ("##[error]0.452 E: …"):
      // a wrapper after the marker is looked past too.
      if (m.size() > 9 && line.skip == 0) {
        const std::string_view message = m.substr(9);
        std::size_t k = 9;
        if (may_start_wrapper(message, false)) k += wrapper_prefix_length(message);
        line.skip = static_cast<std::uint16_t>(k < m.size() && k <= 0xffff ? k : 9);
      }
    }
  } else if (m[0] == 'R' && starts_with(m, "Run ") && web_ui_job() && is_step_title(m.substr(4))) {
    // A whole job copied from the web UI: a step's header without its "##[group]" (folded, it
    // is the one line `Run cmd`; unfolded, the script, `shell:` and `env:` follow).
    begin_web_ui_step(index);
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
  } else if ((m[0] == '+' || m[0] == '$') && model_.has_markers &&
             (starts_with(m, "+ ") || starts_with(m, "++ ") || starts_with(m, "$ "))) {
    // `set -x` echoes each command as it runs, variables expanded: in an Azure Pipelines
    // task (whose script is a temp file) or a `run:` step with -x, what the step ran. A
    // script that echoes its commands behind a prompt (`$ helm rollback …`) says so too.
    const std::string_view cmd = transcript_command(m);
    std::string& block = model_.steps.back().command;
    if (!cmd.empty() && model_.steps.size() < kMaxSteps && block.size() + cmd.size() < kMaxCommandBytes)
      block.append(cmd).push_back('\n');
  } else if (model_.has_markers && is_alnum(m[0]) && user_prompt(m)) {
    // A terminal session a script (or a person) replays in a step: `user@host:~$ kubectl …` says
    // what ran there, as the `$ cmd` echo above does.
    const std::string_view cmd = transcript_command(m);
    std::string& block = model_.steps.back().command;
    if (!cmd.empty() && model_.steps.size() < kMaxSteps && block.size() + cmd.size() < kMaxCommandBytes)
      block.append(cmd).push_back('\n');
  } else if (m[0] == '>' && model_.has_markers && starts_with(m, "> ")) {
    // npm, yarn and pnpm echo a package script as `> pkg@1.0.0 test` and then `> jest --ci`:
    // the second line is what the step ran (not Gradle's `> Task :test`). An excerpt may have
    // lost the header: a `> cmd` the step prints before anything else is the echo too.
    const std::string_view echoed = m.substr(2);
    std::string& block = model_.steps.back().command;
    const std::size_t space = echoed.find(' ');
    const std::size_t at = echoed.rfind('@', space);
    const bool header = space != std::string_view::npos && at != std::string_view::npos && at > 0 &&
                        echoed.find(' ', space + 1) == std::string_view::npos;
    const bool first_output =
        state_ == State::kOutput && step_text_.empty() && !header && !starts_with(echoed, "Task ");
    if ((after_script_header || first_output) && model_.steps.size() < kMaxSteps &&
        block.size() + echoed.size() < kMaxCommandBytes)
      block.append(echoed).push_back('\n');
    script_header_ = !after_script_header && header;
  } else if (m.size() < 17 || !((m[0] == 'P' && (m[1] == 'o' || m[1] == 'r')) ||
                                (m[0] == 'C' && (m[1] == 'l' || m[1] == 'u')))) {
    // ordinary output: the common case
  } else if (m[1] == 'r') {
    // The runner's failure line copied from the web UI, where "##[error]" is not text: a
    // framed log whose step ends "Process completed with exit code 1." failed there. A line
    // with the runner's time stamp is a job log's own: there only "##[error]" fails a step.
    if (model_.has_markers && !line_stamped_ && is_bare_exit_line(m)) exit_line = error_marker(line, m);
  } else if (m == "Post job cleanup.") {
    end_web_ui_step();
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
  if (line.kind == LineKind::kOutput && !model_.has_markers) {
    plain_line(line, m, exit_line);
  } else if (line.kind == LineKind::kOutput && line.skip == 0 && !m.empty()) {
    // A step's output has the runner's wrappers, but a tool may add its own: docker compose's
    // `web_1  | `, appleboy/ssh-action's `out: `, a Go `log` prefix, a build clock, BuildKit's
    // `#14 1.999 `, and Ansible's JSON result, whose quoted `"stderr": "…",` value is the tool's
    // own line. Rules get a second try without them, as in plain output (an indentation alone is
    // the matcher's to look past).
    std::size_t k = 0, trim = 0;
    ansible_value_bounds(m, k, trim);
    if (k == 0 && may_start_wrapper(m, false)) k = wrapper_prefix_length(m);
    if (k > 0 && k < m.size() && k <= 0xffff) {
      line.skip = static_cast<std::uint16_t>(k);
      line.trim = static_cast<std::uint16_t>(trim);
    }
  }
  if (line.kind == LineKind::kOutput && model_.has_markers && !model_.steps.back().failed) {
    // What the step printed before it failed, its last kMaxStepTextBytes (trimmed by halves).
    step_text_.append(m.substr(line.skip, m.size() - line.skip - line.trim)).push_back('\n');
    if (step_text_.size() > 2 * kMaxStepTextBytes) step_text_.erase(0, step_text_.size() - kMaxStepTextBytes);
  }
  // A JavaScript action that crashed on an uncaught exception prints no
  // ##[error]: Node's report (location, source line, caret, "Error: …") is
  // the step's failure.
  if (line.kind == LineKind::kOutput && (model_.has_markers || web_ui_job())) {
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
    if (model_.has_markers && !step_text_.empty()) {
      std::string_view kept(step_text_);
      if (kept.size() > kMaxStepTextBytes) kept.remove_prefix(kept.size() - kMaxStepTextBytes);
      if (step_text_bytes_ + kept.size() <= kMaxStepTextTotal) {
        step.output_text.assign(kept);
        step_text_bytes_ += kept.size();
      }
    }
    step_text_.clear();
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
  if (const std::optional<bool> failed = ansible_recap_failed(m)) {
    if (*failed)
      model_.plain_failed = true;
    else
      tool_success_line_ = model_.line_count;  // the recap's last host closes a passing run
    return;
  }
  if (m.empty() ||
      !(m[0] == '[' || m[0] == 'F' || m[0] == 'J' || m[0] == 'D' || m[0] == 'E' || m[0] == 'P' ||
        m[0] == 'B' || m[0] == 'S' || m[0] == 'T' || m[0] == 't' || m[0] == 'C' || m[0] == '\xe2'))
    return;
  if (m[0] == 't' || m[0] == 'T' || m[0] == 'C') {
    // Travis CI ends each command of a phase with `The command "…" exited with N.`, CircleCI each
    // step with "CircleCI received exit code N" (as the job's page copies it).
    if (const std::optional<int> code = m[0] == 'C' ? circleci_step_exit(m) : travis_command_exit(m)) {
      if (*code == 0)
        tool_success_line_ = model_.line_count;  // passes when only footers follow (finish())
      else
        model_.plain_failed = true;
    }
    return;
  }
  // appleboy/ssh-action (drone-ssh) ends a run whose every command passed with this
  // footer: like a build tool's summary, it closes a passing excerpt. So does pip's
  // last line of an install that passed ("Successfully installed a-1.0 b-2.0").
  constexpr std::string_view kPipInstalled = "Successfully installed ";
  if (starts_with(m, "\u2705 Successfully executed commands to all host") ||
      (starts_with(m, kPipInstalled) && m.size() > kPipInstalled.size())) {
    tool_success_line_ = model_.line_count;
    return;
  }
  // sbt ends every command with its verdict: "[success] Total time: 6 s, completed …", or
  // "[error] Total time: …" when a task failed (a scoverage minimum that only warns still says
  // "[error] Coverage is below minimum …" before its "[success]").
  if (starts_with(m, "[success] Total time: ")) {
    tool_success_line_ = model_.line_count;
    return;
  }
  if (starts_with(m, "[error] Total time: ")) {
    model_.plain_failed = true;
    return;
  }
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
  // CircleCI ends a failed step with "Exited with code exit status 1" (older: "Exited with code 1").
  if (starts_with(m, "Exited with code ") && m != "Exited with code 0" &&
      m != "Exited with code exit status 0") {
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
  plain_error_line_ = starts_with(m, "Error: ") ? line.number : 0;
  // After a tool's success line only footers may follow: an error or a stack trace after it
  // (a `gem install` whose next gem failed to load, "… (LoadError)"; an image build that goes on
  // after pip's "Successfully installed" to "COPY failed: …" and compose's "ERROR: Service 'x'
  // failed to build"; hatch, run after pip installed it, refusing an environment: "Environment
  // `default` is incompatible: …") is no footer.
  static constexpr std::string_view kNoFooter[] = {"rror",     "RROR",      "xception",         " failed",
                                                   "FAILED",   "Traceback", " is incompatible", "annot ",
                                                   "nable to "};
  if (tool_success_line_ > 0 && line.number > tool_success_line_ &&
      last_plain_error_line_ < tool_success_line_ &&
      std::any_of(std::begin(kNoFooter), std::end(kNoFooter),
                  [&](std::string_view w) { return m.find(w) != std::string_view::npos; }))
    last_plain_error_line_ = line.number;
  if (plain_error_line_ > 0) {
    last_plain_error_line_ = plain_error_line_;
    plain_error_text_ = sanitize_utf8(m, 300);
    if (step_error_line_ == 0) {
      step_error_line_ = line.number;
      step_error_text_ = plain_error_text_;
    }
  }
  std::size_t skip = 0, trim = 0;
  ansible_value_bounds(m, skip, trim);
  // A line that starts with a word no wrapper starts with (most lines: `error: …`) has none:
  // may_start_wrapper knows every wrapper that starts with a letter.
  if (skip == 0 && ((!is_lower(m[0]) && !is_upper(m[0])) || may_start_wrapper(m, false)))
    skip = std::min<std::size_t>(wrapper_prefix_length(m), 0xffff);
  line.skip = static_cast<std::uint16_t>(skip < m.size() ? skip : 0);
  line.trim = static_cast<std::uint16_t>(line.skip > 0 ? trim : 0);
  const std::string_view rest = m.substr(line.skip, m.size() - line.skip - line.trim);
  Step& step = model_.steps.back();
  if (!rest.empty() && plain_bytes_ + rest.size() < kMaxPlainBytes) {
    step.plain_text.append(rest).push_back('\n');
    plain_bytes_ += rest.size() + 1;
  }
  std::string_view cmd;
  if (step.command.ends_with("\\\n") && step.command.size() + rest.size() < kMaxCommandBytes) {
    // The line after a command that ends with a backslash continues it: one logical line.
    step.command.resize(step.command.size() - 2);
    while (!step.command.empty() && step.command.back() == ' ') step.command.pop_back();
    step.command.append(" ").append(rest).push_back('\n');
  } else {
    cmd = web_ui_step_row(m) ? std::string_view() : transcript_command(rest);
    if (cmd.empty() && line.skip > 0) cmd = transcript_command(m);  // "[Container] …" is skipped as a wrapper
    if (cmd.empty() && line.number == 1) cmd = bare_command(rest);
    if (cmd.empty() && line.skip == 0 &&
        (m[0] == 'h' || m[0] == 'k' || m[0] == 'o' || m[0] == 't' || m[0] == 's' || m[0] == 'a' ||
         m[0] == 'f'))
      cmd = deploy_command(m);
    if (cmd.empty() && line.skip > 0 && line.trim > 0) cmd = ansible_command(m, rest);
  }
  if (!cmd.empty() && step.command.size() + cmd.size() < kMaxCommandBytes)
    step.command.append(cmd).push_back('\n');
  // BuildKit's final frame with every step done, and nothing after it but the frame and its
  // footers, is a build that passed: a cache import that failed (`=> ERROR importing cache
  // manifest from …`) is quoted in it and never fails the build.
  if (buildkit_done_line_ > 0 && !buildkit_frame_line(m)) buildkit_done_line_ = 0;
  if (buildkit_all_done(m)) buildkit_done_line_ = model_.line_count;
  ci_verdict(m);
  if (line.skip > 0) ci_verdict(rest);  // behind a time stamp or a service's prefix
  std::string_view message = rest;
  while (starts_with(message, "Error: ")) message.remove_prefix(7);
  if (message.size() < rest.size() && (starts_with(message, kExitLine) ||
                                       (starts_with(message, "The process '") &&
                                        message.find("' failed with exit code ") != std::string_view::npos)))
    exit_line = error_marker(line, message);
  else if (!step.exit_code)
    step.exit_code = other_ci_exit_code(rest);  // the step's exit code, without failing it
}

// A whole job copied from the web UI, where "##[error]" shows as "Error: ": an action that
// failed ends its step with its message and no exit line, right before the next step's header
// or the post steps. Its first `Error: …` line is the step's first error.
void LogParser::end_web_ui_step() {
  Step& last = model_.steps.back();
  if (!model_.has_markers && model_.has_runner_preamble && plain_error_line_ > 0 && !last.failed) {
    flush_tail();
    last.failed = true;
    const bool first = step_error_line_ > 0 && step_error_text_.find(kExitLine) == std::string::npos;
    if (first)
      last.first_error = EvidenceLine{step_error_line_, step_error_text_};
    else if (plain_error_text_.find(kExitLine) == std::string::npos)
      last.first_error = EvidenceLine{plain_error_line_, plain_error_text_};
  }
  plain_error_line_ = step_error_line_ = 0;
}

void LogParser::begin_web_ui_step(std::size_t index) {
  Line& line = batch_.lines[index];
  const std::string_view m = text(line);
  end_web_ui_step();
  start_step(m, true);
  Step& step = model_.steps.back();
  step.first_line = line.number;
  line.step = static_cast<std::uint32_t>(model_.steps.size() - 1);
  line.kind = LineKind::kCommand;
  if (step.command.size() + m.size() < kMaxCommandBytes) step.command.append(m.substr(4)).push_back('\n');
  web_title_.assign(m.substr(4, 300));  // unfolded, the header repeats it as the script's first line
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
