#include "log/log_parser.h"

#include <cstring>

#include "core/text.h"

namespace ci_triage {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxCommandBytes = 4096;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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
      return s[i + 1] == ' ' ? i + 2 : 0;
    }
    if (!is_digit(c) && c != '.') return 0;
  }
  return 0;
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

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

LogParser::LogParser(std::size_t batch_bytes) : batch_bytes_(batch_bytes) {
  buf_ = std::make_unique<char[]>(batch_bytes_ + 2 * kMaxLineBytes + 2);
  batch_.lines.reserve(batch_bytes_ / 32);
  Step first;
  first.number = 1;
  first.first_line = 1;
  model_.steps.push_back(std::move(first));
}

void LogParser::feed(std::string_view bytes, const BatchSink& sink) {
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
    const void* hit = std::memchr(bytes.data() + pos, '\n', bytes.size() - pos);
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
    const std::size_t nl = static_cast<std::size_t>(static_cast<const char*>(hit) - bytes.data());
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
  if (used_ >= batch_bytes_) flush_batch(sink);
}

void LogParser::append_normalized(std::string_view s, Esc esc) {
  if (model_.line_count == 1 && starts_with(s, kBom)) s.remove_prefix(kBom.size());
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  if (const std::size_t ts = timestamp_length(s); ts > 0) {
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
  bool exit_line = false;
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
    } else if (starts_with(m, "##[error]")) {
      Step& step = model_.steps.back();
      if (!step.failed) {
        flush_tail();  // freeze: the lines before the first error explain it
        step.failed = true;
        if (m.find("Process completed with exit code ") == std::string_view::npos)
          step.first_error = EvidenceLine{line.number, sanitize_utf8(m, 300)};
      }
      constexpr std::string_view kExit = "Process completed with exit code ";
      if (starts_with(m.substr(9), kExit)) {
        int code = 0;
        bool any = false;
        for (char c : m.substr(9 + kExit.size())) {
          if (!is_digit(c)) break;
          code = code * 10 + (c - '0');
          any = true;
          if (code > 100000) break;
        }
        if (any) step.exit_code = code;
        exit_line = true;  // rules may match it (exit 124, 137); the tail skips it
      }
    }
  } else if (state_ == State::kHeader) {
    line.kind = LineKind::kCommand;
    std::string& cmd = model_.steps.back().command;
    if (cmd.size() + m.size() < kMaxCommandBytes) cmd.append(m).push_back('\n');
  } else if (m.size() < 17 ||
             !((m[0] == 'P' && m[1] == 'o') || (m[0] == 'C' && (m[1] == 'l' || m[1] == 'u')))) {
    // ordinary output: the common case
  } else if (m == "Post job cleanup.") {
    start_step("Post job cleanup", false);
    line.step = static_cast<std::uint32_t>(model_.steps.size() - 1);
    line.kind = LineKind::kMarker;
  } else if (starts_with(m, "Cleaning up orphan processes")) {
    start_step("Complete job", false);
    line.step = static_cast<std::uint32_t>(model_.steps.size() - 1);
    line.kind = LineKind::kMarker;
  } else if (starts_with(m, "Current runner version")) {
    model_.has_runner_preamble = true;
  }
  Step& step = model_.steps.back();
  step.last_line = line.number;
  if (line.kind == LineKind::kOutput && !exit_line && !step.failed && !trim(m).empty()) {
    tail_ring_[tail_count_ % kTailLines] = index;
    ++tail_count_;
  }
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
