// Publishers that write files: the JSON and SARIF reports, the job summary
// (GITHUB_STEP_SUMMARY) and the step outputs (GITHUB_OUTPUT); and the ones
// that write a stream: annotations (workflow commands) and the text report.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "publish/publisher.h"

namespace ci_triage::publish {

/// The JSON report (ci-triage/report@1, with what was published before it),
/// written atomically; sets json_path.
class JsonFilePublisher : public Publisher {
 public:
  explicit JsonFilePublisher(std::string path) : path_(std::move(path)) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  std::string path_;
};

/// SARIF 2.1.0 for code scanning, written atomically; sets sarif_path.
class SarifFilePublisher : public Publisher {
 public:
  explicit SarifFilePublisher(std::string path) : path_(std::move(path)) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  std::string path_;
};

/// The job summary, appended to GITHUB_STEP_SUMMARY ("" = not set: says so).
class StepSummaryPublisher : public Publisher {
 public:
  explicit StepSummaryPublisher(std::string path) : path_(std::move(path)) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  std::string path_;
};

/// primary-category, findings-count (distinct failures: Report::groups), failed-jobs,
/// cancelled-jobs, report-path and sarif-path, appended to GITHUB_OUTPUT. The paths are the files the
/// publishers before it wrote.
class OutputsPublisher : public Publisher {
 public:
  explicit OutputsPublisher(std::string path) : path_(std::move(path)) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  std::string path_;
};

/// The run's annotations as workflow commands (root causes first, at most
/// max_per_type of each severity).
class AnnotationsPublisher : public Publisher {
 public:
  AnnotationsPublisher(std::ostream& out, std::size_t max_per_type,
                       std::vector<std::string> ignore_paths = {})
      : out_(out), max_(max_per_type), ignore_paths_(std::move(ignore_paths)) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  std::ostream& out_;
  std::size_t max_;
  std::vector<std::string> ignore_paths_;  ///< globs: findings in these files get no annotation.
};

/// The text report for a person at a terminal.
class TextPublisher : public Publisher {
 public:
  explicit TextPublisher(std::ostream& out) : out_(out) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  std::ostream& out_;
};

/// Writes `data` to `path` through a temporary file renamed into place.
/// Throws Error naming the path.
void write_file_atomically(const std::string& path, const std::string& data);

}  // namespace ci_triage::publish
