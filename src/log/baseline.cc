#include "log/baseline.h"

#include <algorithm>
#include <array>
#include <functional>
#include <utility>

#include "log/log_parser.h"
#include "sources/log_source.h"

namespace ci_triage {
namespace {

// Character classes by table: this runs on every byte of both logs.
enum : unsigned char { kDigit = 1, kAlpha = 2, kUnderscore = 4, kHex = 8, kSpace = 16 };
constexpr auto kClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit | kHex;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kAlpha;
  for (int c : {'a', 'b', 'c', 'd', 'e', 'f', 'A', 'B', 'C', 'D', 'E', 'F'})
    t[static_cast<std::size_t>(c)] |= kHex;
  t['_'] = kUnderscore;
  for (int c : {' ', '\t', '\r', '\v', '\f'}) t[static_cast<std::size_t>(c)] = kSpace;
  return t;
}();
bool has(char c, unsigned char cls) { return (kClass[static_cast<unsigned char>(c)] & cls) != 0; }
bool in_digit_class(char c) { return has(c, kDigit); }
bool is_alpha(char c) { return has(c, kAlpha); }
bool is_word(char c) { return has(c, kDigit | kAlpha | kUnderscore); }
bool is_hex(char c) { return has(c, kHex); }
bool in_space_class(char c) { return has(c, kSpace); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Units after which a number is a measurement: durations and sizes.
bool is_unit(std::string_view u) {
  static constexpr std::string_view kUnits[] = {
      "ns",   "us",     "ms",      "s",  "sec", "secs", "second", "seconds", "m", "min",
      "mins", "minute", "minutes", "h",  "hr",  "hrs",  "hour",   "hours",   "b", "kb",
      "kib",  "mb",     "mib",     "gb", "gib", "tb",   "bytes",  "k"};
  if (u.empty() || u.size() > 7) return false;
  return std::any_of(std::begin(kUnits), std::end(kUnits), [u](std::string_view k) {
    if (k.size() != u.size()) return false;
    for (std::size_t i = 0; i < k.size(); ++i)
      if (lower(u[i]) != k[i]) return false;
    return true;
  });
}

std::size_t digits_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && in_digit_class(s[j])) ++j;
  return j - i;
}

std::size_t hex_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_hex(s[j])) ++j;
  return j - i;
}

// 8-4-4-4-12 hex digits.
std::size_t match_uuid(std::string_view s, std::size_t i) {
  static constexpr std::size_t kParts[] = {8, 4, 4, 4, 12};
  if (i + 36 > s.size() || s[i + 8] != '-') return 0;
  std::size_t j = i;
  for (std::size_t p = 0; p < 5; ++p) {
    if (hex_at(s, j) != kParts[p]) return 0;
    j += kParts[p];
    if (p < 4) {
      if (j >= s.size() || s[j] != '-') return 0;
      ++j;
    }
  }
  return j < s.size() && is_word(s[j]) ? 0 : j - i;
}

// 0x7ffd5e3c1a20
std::size_t match_address(std::string_view s, std::size_t i) {
  if (i + 2 >= s.size() || s[i] != '0' || (s[i + 1] != 'x' && s[i + 1] != 'X')) return 0;
  const std::size_t h = hex_at(s, i + 2);
  return h >= 4 ? 2 + h : 0;
}

// HH:MM[:SS[.frac]] (a two-part time only when it is not a file:line:col position).
std::size_t match_time(std::string_view s, std::size_t i) {
  const std::size_t h = digits_at(s, i);
  if (h == 0 || h > 2) return 0;
  std::size_t j = i + h;
  int parts = 1;
  while (parts < 3 && j + 2 < s.size() && s[j] == ':' && digits_at(s, j + 1) == 2) {
    j += 3;
    ++parts;
  }
  if (parts == 1) return 0;
  if (parts == 2 && ((i > 0 && s[i - 1] == ':') || (j < s.size() && s[j] == ':'))) return 0;
  if (j + 1 < s.size() && (s[j] == '.' || s[j] == ',') && in_digit_class(s[j + 1]))
    j += 1 + digits_at(s, j + 1);
  return j - i;
}

// YYYY-MM-DD or YYYY/MM/DD, with an ISO 8601 time and zone after it.
std::size_t match_date(std::string_view s, std::size_t i) {
  if (digits_at(s, i) != 4) return 0;
  std::size_t j = i + 4;
  for (int p = 0; p < 2; ++p) {
    if (j >= s.size() || (s[j] != '-' && s[j] != '/')) return 0;
    const std::size_t d = digits_at(s, j + 1);
    if (d == 0 || d > 2) return 0;
    j += 1 + d;
  }
  if (j + 1 < s.size() && (s[j] == 'T' || s[j] == ' ')) {
    if (const std::size_t t = match_time(s, j + 1)) {
      j += 1 + t;
      if (j < s.size() && s[j] == 'Z') {
        ++j;
      } else if (j < s.size() && (s[j] == '+' || s[j] == '-') && digits_at(s, j + 1) >= 2) {
        j += 1 + digits_at(s, j + 1);
        if (j < s.size() && s[j] == ':' && digits_at(s, j + 1) == 2) j += 3;
      }
    }
  }
  return j - i;
}

// A path under a temporary directory, up to the next delimiter.
std::size_t match_temp_path(std::string_view s, std::size_t i) {
  static constexpr std::string_view kTemp[] = {"/tmp/",         "/var/tmp/", "/var/folders/",
                                               "/private/var/", "/_temp/",   "/home/runner/work/_temp/",
                                               "/dev/shm/"};
  if (s[i] != '/') return 0;
  bool temp = false;
  for (std::string_view p : kTemp)
    if (s.substr(i, p.size()) == p) temp = true;
  if (!temp) return 0;
  std::size_t j = i;
  while (j < s.size() && !in_space_class(s[j]) && s[j] != '"' && s[j] != '\'' && s[j] != ':' && s[j] != ',' &&
         s[j] != ')' && s[j] != ']' && s[j] != '>' && s[j] != ';' && s[j] != '`')
    ++j;
  return j - i;
}

// A word of letters, digits and '_' that looks generated: a hex id, a random name.
bool random_word(std::string_view w) {
  std::size_t digits = 0, hex_letters = 0;
  bool all_hex = true;
  for (char c : w) {
    if (in_digit_class(c))
      ++digits;
    else if (is_hex(c))
      ++hex_letters;
    else
      all_hex = false;
  }
  if (w.size() >= 7 && all_hex && digits > 0 && hex_letters > 0) return true;
  if (w.size() >= 8 && digits >= 3) return true;
  // tempfile.mkdtemp() and mktemp names: tmp + random characters.
  return w.size() >= 9 && w.substr(0, 3) == "tmp";
}

}  // namespace

namespace {

void append_comparison_text(std::string_view s, std::string& out) {
  auto hash_mark = [&out] {
    if (out.empty() || out.back() != '#') out += '#';
  };
  std::size_t i = 0;
  bool glued = false;  // a number right after a unit ("1m2s"): a token of its own
  while (i < s.size() && in_space_class(s[i])) ++i;
  while (i < s.size()) {
    const char c = s[i];
    if (in_space_class(c)) {
      while (i < s.size() && in_space_class(s[i])) ++i;
      if (i < s.size()) out += ' ';
      continue;
    }
    const bool boundary = i == 0 || !is_word(s[i - 1]) || std::exchange(glued, false);
    if (!boundary || (!is_word(c) && c != '/')) {  // punctuation: copied as a run
      std::size_t j = i + 1;
      while (j < s.size() && !is_word(s[j]) && !in_space_class(s[j]) && s[j] != '/') ++j;
      out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    std::size_t k = 0;
    if (c == '/') {
      k = match_temp_path(s, i);
      if (k == 0) {
        out += c;
        ++i;
        continue;
      }
    } else if (is_hex(c)) {
      (k = match_uuid(s, i)) || (in_digit_class(c) && ((k = match_address(s, i)) || (k = match_date(s, i)) ||
                                                       (k = match_time(s, i))));
    }
    if (k > 0) {
      hash_mark();
      i += k;
      continue;
    }
    if (in_digit_class(c)) {
      std::size_t j = i;
      bool dotted = false;
      while (j < s.size() &&
             (in_digit_class(s[j]) || (s[j] == '.' && j + 1 < s.size() && in_digit_class(s[j + 1])))) {
        dotted = dotted || s[j] == '.';
        ++j;
      }
      std::size_t u = j;
      while (u < s.size() && is_alpha(s[u])) ++u;
      const bool unit_ends = u == s.size() || !is_word(s[u]) || in_digit_class(s[u]);  // "1m2s"
      if (u > j && is_unit(s.substr(j, u - j)) && unit_ends) {                         // 12ms, 1.5s, 3MiB
        hash_mark();
        out.append(s.substr(j, u - j));
        i = u;
        glued = u < s.size() && in_digit_class(s[u]);
        continue;
      }
      if (j == s.size() || !is_word(s[j])) {  // a number on its own
        std::size_t v = j;
        if (v + 1 < s.size() && s[v] == ' ' && is_alpha(s[v + 1])) {
          std::size_t e = v + 1;
          while (e < s.size() && is_alpha(s[e])) ++e;
          if (is_unit(s.substr(v + 1, e - v - 1)) && (e == s.size() || !is_word(s[e]))) {  // "3 ms"
            hash_mark();
            i = j;
            continue;
          }
        }
        if (dotted || j - i >= 4)
          hash_mark();
        else
          out.append(s.substr(i, j - i));
        i = j;
        continue;
      }
      // Digits that start a word ("3f2a1b0c", "2nd"): a word.
    }
    std::size_t j = i;
    while (j < s.size() && is_word(s[j])) ++j;
    const std::string_view w = s.substr(i, j - i);
    if (random_word(w))
      hash_mark();
    else
      out.append(w);
    i = j;
  }
}

}  // namespace

std::string comparison_text(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  append_comparison_text(line, out);
  return out;
}

std::uint64_t comparison_key(std::string_view line) {
  thread_local std::string text;  // one buffer: a log has millions of lines
  text.clear();
  append_comparison_text(line, text);
  return std::hash<std::string_view>{}(text);  // keys live in one process: no stable hash needed
}

void LineSet::compact() {
  std::sort(keys_.begin(), keys_.end());
  keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
}

void LineSet::add(std::uint64_t key) {
  if (saturated_) return;
  keys_.push_back(key);
  if (keys_.size() < 2 * kMaxLines) return;
  compact();
  if (keys_.size() >= kMaxLines) {
    keys_.resize(kMaxLines);
    saturated_ = true;
  }
}

void LineSet::seal() {
  compact();
  keys_.shrink_to_fit();
}

bool LineSet::contains(std::uint64_t key) const {
  return std::binary_search(keys_.begin(), keys_.end(), key);
}

Baseline read_baseline(LogSource& source) {
  Baseline b;
  b.name = source.origin();
  LogParser parser;
  const BatchSink sink = [&b](const Batch& batch) {
    for (const Line& l : batch.lines) {
      if (l.kind != LineKind::kOutput) continue;
      ++b.line_count;
      b.lines.add(comparison_key(batch.line_text(l)));
    }
  };
  for (std::string_view chunk = source.next(); !chunk.empty(); chunk = source.next())
    parser.feed(chunk, sink);
  parser.finish(sink);
  b.lines.seal();
  b.had_failure = parser.model().first_failed_step() >= 0;
  return b;
}

BaselineDiff::BaselineDiff(const Baseline& baseline, Predicate looks_like_error)
    : baseline_(&baseline), looks_like_error_(std::move(looks_like_error)) {}

void BaselineDiff::scan(const Batch& batch) {
  for (const Line& l : batch.lines) {
    if (l.kind != LineKind::kOutput) continue;
    if (l.step >= steps_.size()) steps_.resize(l.step + 1);
    NewLines& st = steps_[l.step];
    ++compared_;
    ++st.compared;
    const std::string_view text = batch.line_text(l);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank lines say nothing
    if (baseline_->lines.contains(comparison_key(text))) continue;
    ++fresh_;
    ++st.fresh;
    auto quoted = [&] { return EvidenceLine{l.number, std::string(text.substr(0, kMaxQuotedBytes))}; };
    if (st.first.size() < NewLines::kKeep) st.first.push_back(quoted());
    if (st.errors.size() < NewLines::kKeep && looks_like_error_ && looks_like_error_(text))
      st.errors.push_back(quoted());
    if (st.last.size() == NewLines::kKeep) st.last.erase(st.last.begin());
    st.last.push_back(quoted());
  }
}

const NewLines* BaselineDiff::step(std::size_t index) const {
  return index < steps_.size() ? &steps_[index] : nullptr;
}

}  // namespace ci_triage
