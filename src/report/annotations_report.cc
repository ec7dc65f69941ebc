#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "report/report.h"

namespace ci_triage {

bool annotation_ignored(std::string_view path, std::span<const std::string> ignore_paths) {
  if (ignore_paths.empty() || path.empty()) return false;
  while (path.rfind("./", 0) == 0) path.remove_prefix(2);
  for (const auto& glob : ignore_paths) {
    // The path and each of its trailing parts: "vendor/**" also matches a runner's absolute path.
    for (std::size_t at = 0; at != std::string_view::npos;) {
      const std::string_view tail = path.substr(at);
      if (!tail.empty() && glob_match(glob, tail)) return true;
      at = path.find('/', at);
      if (at != std::string_view::npos) ++at;
    }
  }
  return false;
}

bool annotation_ignored(const Finding& f, std::span<const std::string> ignore_paths) {
  return f.location && annotation_ignored(f.location->file, ignore_paths);
}

namespace {

// GitHub attaches at most this many annotations to a job (the runner: 10 of each type per step).
constexpr std::size_t kMaxPerJob = 50;

// One annotation: a finding at one of its locations (nullptr: the finding as a whole).
struct Placed {
  const Finding* finding;
  const Location* at;
};

// A job's annotations in rank order: each finding (root cause first) at each
// of its locations, in log order; a finding without locations once. None where
// `ignore_paths` matches the file.
std::vector<Placed> placed(const JobReport& job, std::span<const std::string> ignore_paths) {
  std::vector<Placed> out;
  for (const auto& f : job.findings) {
    if (f.locations.empty() && !annotation_ignored(f, ignore_paths)) out.push_back({&f, nullptr});
    for (const auto& l : f.locations)
      if (!annotation_ignored(l.file, ignore_paths)) out.push_back({&f, &l});
  }
  return out;
}

std::string command(const JobReport& job, const Finding& f, const Location* at) {
  const char* cmd = f.severity == Severity::kError     ? "error"
                    : f.severity == Severity::kWarning ? "warning"
                                                       : "notice";
  const Location* where = at != nullptr ? at : f.location ? &*f.location : nullptr;
  std::string props;
  if (where != nullptr && !where->file.empty()) {
    props += "file=" + escape::command_property(where->file);
    if (where->line > 0) props += fmt::format(",line={}", where->line);
    props += ",";
  }
  props += "title=" + escape::command_property(fmt::format("{}: {}", job.name, f.title));
  std::string message;
  std::uint64_t link = f.evidence.empty() ? 0 : f.evidence.front().line;
  if (at != nullptr && !at->message.empty()) {  // what the tool said here, then the finding's summary
    message = fmt::format("{}: {}\n{}", log_line_label(job, at->log_line), at->message, f.summary);
    link = at->log_line;
  } else {
    message = f.summary;
    for (std::size_t i = 0; i < f.evidence.size() && i < 3; ++i)
      message += fmt::format("\n{}: {}", log_line_label(job, f.evidence[i].line), f.evidence[i].text);
    if (at != nullptr && at->log_line > 0) link = at->log_line;
  }
  if (!f.remedies.empty()) message += "\nFix: " + f.remedies.front();
  if (link > 0) {
    if (const std::string url = log_line_url(job, link); !url.empty()) message += "\nLog: " + url;
  }
  return fmt::format("::{} {}::{}\n", cmd, props, escape::command_data(message));
}

}  // namespace

std::string annotation_command(const JobReport& job, const Finding& f) { return command(job, f, nullptr); }

std::string annotation_command(const JobReport& job, const Finding& f, const Location& at) {
  return command(job, f, &at);
}

void write_annotations(const Report& report, std::ostream& out, std::size_t max_per_job,
                       std::span<const std::string> ignore_paths) {
  // One step prints them all: at most 10 of each type and 50 in all attach.
  std::size_t count[3] = {0, 0, 0};
  std::size_t total = 0;
  for (const auto& job : report.jobs) {
    std::size_t written = 0;
    for (const Placed& p : placed(job, ignore_paths)) {
      if (written == max_per_job || total == kMaxPerJob) break;
      std::size_t& n = count[static_cast<int>(p.finding->severity)];
      if (n >= 10) continue;
      ++n;
      ++written;
      ++total;
      out << command(job, *p.finding, p.at);
    }
  }
}

void write_run_annotations(const Report& report, std::ostream& out, std::size_t max_per_type,
                           std::span<const std::string> ignore_paths) {
  std::size_t count[3] = {0, 0, 0};
  std::size_t total = 0;
  std::vector<std::vector<Placed>> jobs;
  std::size_t depth = 0;
  for (const auto& j : report.jobs) {
    jobs.push_back(placed(j, ignore_paths));
    depth = std::max(depth, jobs.back().size());
  }
  // Round 0 is every job's root cause (at its first location); later rounds
  // the rest, in rank order.
  for (std::size_t round = 0; round < depth && total < kMaxPerJob; ++round) {
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      if (round >= jobs[j].size()) continue;
      const Placed& p = jobs[j][round];
      std::size_t& n = count[static_cast<int>(p.finding->severity)];
      if (n >= max_per_type || total >= kMaxPerJob) continue;
      ++n;
      ++total;
      out << command(report.jobs[j], *p.finding, p.at);
    }
  }
}

}  // namespace ci_triage
