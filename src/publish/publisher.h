// Where a finished report goes, behind one small interface: the sticky PR
// comment and review suggestions (through the GitHub client), the job summary,
// the step outputs, report files, annotations and text on a stream. The
// command lists the publishers it wants and runs them in order; none changes
// the report, each returns what it did.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "report/report.h"

namespace ci_triage::publish {

/// What publishing did so far. The Delivery part (notices, the PR, review
/// suggestions) is what renderers show next to the report.
struct Published {
  Delivery delivery;
  std::vector<std::string> log;  ///< progress lines for the job log (stderr).
  std::string json_path;         ///< the JSON report written ("" = none).
  std::string sarif_path;        ///< the SARIF file written ("" = none).

  /// Adds what a later publisher did.
  void merge(Published&& later);
};

class Publisher {
 public:
  virtual ~Publisher() = default;
  /// Publishes `report`. `before` is what the publishers before this one did
  /// (a summary shows their notices; the comment links their suggestions).
  /// Degrades instead of throwing: a publisher that cannot write says so in
  /// a notice, once.
  virtual Published publish(const Report& report, const Published& before) = 0;
};

}  // namespace ci_triage::publish
