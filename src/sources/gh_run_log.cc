#include "sources/gh_run_log.h"

#include <algorithm>
#include <cctype>

namespace ci_triage {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// The length of a grep -n prefix ("152485:" or "152485-") at the start of s, or 0.
std::size_t line_number_length(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && i < 12 && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i > 0 && i < s.size() && (s[i] == ':' || s[i] == '-') ? i + 1 : 0;
}

}  // namespace

bool GhRunLogSplitter::grep_numbered(std::string_view head) {
  std::string_view first_number;
  bool two = false;
  for (std::size_t at = 0; at < head.size();) {
    const std::size_t eol = std::min(head.find('\n', at), head.size());
    const std::string_view line = head.substr(at, eol - at);
    at = eol + 1;
    if (line == "--" || line.find('\t') == std::string_view::npos) continue;
    const std::size_t n = line_number_length(line);
    if (n == 0) return false;
    if (first_number.empty())
      first_number = line.substr(0, n - 1);
    else if (line.substr(0, n - 1) != first_number)
      two = true;
  }
  return two;
}

bool GhRunLogSplitter::looks_like(std::string_view head) {
  const std::size_t eol = head.find('\n');
  const std::string_view line = head.substr(0, eol);
  const std::size_t t1 = line.find('\t');
  if (t1 == 0 || t1 == std::string_view::npos || t1 > kMaxPrefix) return false;
  const std::size_t t2 = line.find('\t', t1 + 1);
  if (t2 == std::string_view::npos || t2 > kMaxPrefix) return false;
  std::string_view ts = line.substr(t2 + 1);
  if (ts.substr(0, kBom.size()) == kBom) ts.remove_prefix(kBom.size());
  // 2025-04-07T12:57:33
  return digits(ts, 0, 4) && ts.size() > 19 && ts[4] == '-' && digits(ts, 5, 2) && ts[7] == '-' &&
         digits(ts, 8, 2) && ts[10] == 'T' && digits(ts, 11, 2) && ts[13] == ':' && digits(ts, 14, 2) &&
         ts[16] == ':' && digits(ts, 17, 2);
}

void GhRunLogSplitter::prefix_done() {
  std::string_view job = std::string_view(prefix_).substr(0, prefix_.find('\t'));
  if (numbered_) job.remove_prefix(line_number_length(job));
  if (!started_ || job != job_) {
    job_ = job;
    started_ = true;
    sink_.start_job(job_);
  }
  prefix_.clear();
  tabs_ = 0;
  in_text_ = true;
  bom_seen_ = 0;
  check_bom_ = true;
}

void GhRunLogSplitter::feed(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (in_text_) {
      // Each step's log file starts with a byte-order mark; gh prints it after the columns.
      while (check_bom_ && i < bytes.size()) {
        if (bytes[i] != kBom[bom_seen_]) {
          check_bom_ = false;
          if (bom_seen_ > 0) sink_.bytes(kBom.substr(0, bom_seen_));
          break;
        }
        ++i;
        if (++bom_seen_ == kBom.size()) check_bom_ = false;
      }
      if (i >= bytes.size()) break;
      const std::size_t nl = bytes.find('\n', i);
      if (nl == std::string_view::npos) {
        sink_.bytes(bytes.substr(i));
        return;
      }
      sink_.bytes(bytes.substr(i, nl + 1 - i));
      i = nl + 1;
      in_text_ = false;
      continue;
    }
    const char c = bytes[i++];
    if (c == '\n') {
      // A line without the two columns: keep it, in the current job.
      if (!started_) {
        started_ = true;
        sink_.start_job(job_);
      }
      prefix_ += '\n';
      sink_.bytes(prefix_);
      prefix_.clear();
      tabs_ = 0;
      continue;
    }
    prefix_ += c;
    if (c == '\t' && ++tabs_ == 2) {
      prefix_done();
    } else if (prefix_.size() >= kMaxPrefix) {  // not a prefix after all: pass the line through
      if (!started_) {
        started_ = true;
        sink_.start_job(job_);
      }
      sink_.bytes(prefix_);
      prefix_.clear();
      tabs_ = 0;
      in_text_ = true;
      check_bom_ = false;
    }
  }
}

void GhRunLogSplitter::finish() {
  if (check_bom_ && bom_seen_ > 0) sink_.bytes(kBom.substr(0, bom_seen_));
  if (!in_text_ && !prefix_.empty()) {
    if (!started_) sink_.start_job(job_);
    sink_.bytes(prefix_);
  }
  prefix_.clear();
}

}  // namespace ci_triage
