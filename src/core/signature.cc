#include "core/signature.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace ci_triage {
namespace {

// Fields that name *what* failed. Measured values (coverage_percent, failed_count, durations,
// counts) change from run to run for the same failure and are left out.
constexpr std::string_view kIdentityFields[] = {
    "module", "package",  "test_ids", "image",       "registry", "namespace", "deployment",
    "url",    "resource", "verb",     "error_codes", "tool",     "threshold", "http_status"};

// A URL without its query and fragment (signed parameters, cache busters).
std::string url_key(std::string_view url) {
  const std::size_t cut = url.find_first_of("?#");
  return ascii_lower(url.substr(0, cut));
}

// Digits stand for what changes between runs of a step (ids, ports, sizes, timestamps).
std::string without_digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
  }
  return out;
}

std::string value_text(std::string_view name, const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return name == "url" ? url_key(*s) : ascii_lower(*s);
  if (const auto* d = std::get_if<double>(&v)) return format_number(*d);
  std::vector<std::string> items;
  for (const auto& s : std::get<std::vector<std::string>>(v)) items.push_back(ascii_lower(s));
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += '\x1f';
    out += s;
  }
  return out;
}

}  // namespace

std::string finding_signature(const Finding& f) {
  std::string sig = f.rule;
  bool named = false;
  for (std::string_view name : kIdentityFields) {
    const auto it = f.fields.find(std::string(name));
    if (it == f.fields.end()) continue;
    sig += fmt::format("\x1e{}={}", name, value_text(name, it->second));
    named = true;
  }
  if (f.location) {
    sig +=
        "\x1e"
        "file=" +
        f.location->file;
    named = true;
  }
  // Nothing names what failed (an unrecognised failure): the step and its exit code do.
  if (!named) {
    sig +=
        "\x1e"
        "step=" +
        without_digits(f.step.name);
    if (const auto it = f.fields.find("exit_code"); it != f.fields.end())
      sig +=
          "\x1e"
          "exit_code=" +
          value_text("exit_code", it->second);
  }
  return sig;
}

namespace {

std::string fnv_hex(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

const Finding* first_error(const JobReport& job) {
  for (const auto& f : job.findings)
    if (f.severity == Severity::kError) return &f;
  return nullptr;
}

}  // namespace

std::string finding_fingerprint(const Finding& f) { return fnv_hex(finding_signature(f)); }

std::string job_fingerprint(const JobReport& job) {
  const Finding* f = first_error(job);
  return f != nullptr ? finding_fingerprint(*f) : "";
}

std::vector<FailureGroup> group_failures(const Report& report) {
  std::vector<FailureGroup> groups;
  std::vector<std::string> keys;  // parallel to groups
  for (std::size_t i = 0; i < report.jobs.size(); ++i) {
    const JobReport& job = report.jobs[i];
    const Finding* f = first_error(job);
    // In GitHub mode every job of the report failed (the API says so); a local log counts when
    // it shows a failure.
    if (f == nullptr && job.status != JobStatus::kFailed && job.log_available && !report.run) continue;
    std::string key, fingerprint;
    if (f != nullptr) {
      key = finding_signature(*f);
      fingerprint = fnv_hex(key);
    } else {
      key = job.log_available ? "\x1e"
                                "no-pattern"
                              : "\x1e"
                                "no-log";
    }
    const auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) {
      keys.push_back(key);
      FailureGroup g;
      g.fingerprint = fingerprint;
      g.jobs.push_back(i);
      groups.push_back(std::move(g));
    } else {
      groups[static_cast<std::size_t>(it - keys.begin())].jobs.push_back(i);
    }
  }
  return groups;
}

}  // namespace ci_triage
