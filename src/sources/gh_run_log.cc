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

// Where the runner's stamp starts in a `gh run view` line whose columns are runs of spaces
// ("JOB  STEP  2026-01-28T12:58:01.4000000Z text"), or npos; `job_end` is where the first
// column ends.
std::size_t spaced_stamp(std::string_view line, std::size_t& job_end) {
  job_end = line.find("  ");
  if (job_end == 0 || job_end == std::string_view::npos || job_end > 1024) return std::string_view::npos;
  std::size_t step = job_end;
  while (step < line.size() && line[step] == ' ') ++step;
  for (std::size_t at = line.find("  ", step); at != std::string_view::npos && at < 2048;
       at = line.find("  ", at + 2)) {
    std::size_t k = at;
    while (k < line.size() && line[k] == ' ') ++k;
    const std::string_view ts = line.substr(k);
    if (digits(ts, 0, 4) && ts.size() >= 28 && ts[4] == '-' && digits(ts, 5, 2) && ts[7] == '-' &&
        digits(ts, 8, 2) && ts[10] == 'T' && digits(ts, 11, 2) && ts[13] == ':' && digits(ts, 14, 2) &&
        ts[16] == ':' && digits(ts, 17, 2) && ts[19] == '.' && digits(ts, 20, 7) && ts[27] == 'Z')
      return k;
    if (k >= line.size()) break;
  }
  return std::string_view::npos;
}

}  // namespace

bool GhRunLogSplitter::spaced_columns(std::string_view head) {
  const std::string_view line = head.substr(0, head.find('\n'));
  std::size_t job_end = 0;
  return line.find('\t') == std::string_view::npos && spaced_stamp(line, job_end) != std::string_view::npos;
}

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
  if (spaced_columns(head)) return true;
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

// A whole line of the spaced form (in prefix_, without its '\n'): its text to its job, or
// the line unchanged to the current job when it has no columns.
void GhRunLogSplitter::spaced_line() {
  std::size_t job_end = 0;
  const std::size_t at = spaced_stamp(prefix_, job_end);
  if (at != std::string_view::npos) {
    const std::string_view job = std::string_view(prefix_).substr(0, job_end);
    if (!started_ || job != job_) {
      job_ = job;
      started_ = true;
      sink_.start_job(job_);
    }
  } else if (!started_) {
    started_ = true;
    sink_.start_job(job_);
  }
  prefix_ += '\n';
  sink_.bytes(std::string_view(prefix_).substr(at == std::string_view::npos ? 0 : at));
  prefix_.clear();
}

void GhRunLogSplitter::feed(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (spaced_ && !in_text_) {  // a whole line at a time
      const std::size_t nl = bytes.find('\n', i);
      const std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
      const std::size_t take = std::min(end - i, kMaxPrefix - std::min(kMaxPrefix, prefix_.size()));
      prefix_.append(bytes.substr(i, take));
      i += take;
      if (i == end && nl != std::string_view::npos) {
        ++i;
        spaced_line();
      } else if (prefix_.size() >= kMaxPrefix) {  // an over-long line: its text as it is
        if (!started_) {
          started_ = true;
          sink_.start_job(job_);
        }
        sink_.bytes(prefix_);
        prefix_.clear();
        in_text_ = true;
        check_bom_ = false;
      }
      continue;
    }
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
  if (spaced_ && !in_text_ && !prefix_.empty()) {
    spaced_line();
  } else if (!in_text_ && !prefix_.empty()) {
    if (!started_) sink_.start_job(job_);
    sink_.bytes(prefix_);
  }
  prefix_.clear();
}

}  // namespace ci_triage
