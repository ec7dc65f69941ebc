// Hits → ranked findings: root cause first, consequences dropped or after.
#pragma once

#include <vector>

#include "core/finding.h"
#include "diagnosis/collector.h"
#include "log/log_model.h"

namespace ci_triage {

/// The category of the fallback finding for a failed step no rule explains.
inline constexpr const char* kUnknownCategory = "unknown";

/// At most this many error findings and advisories are reported per job.
inline constexpr std::size_t kMaxErrorFindings = 30;
inline constexpr std::size_t kMaxAdvisories = 20;

struct Diagnosis {
  JobStatus status = JobStatus::kUnknown;
  std::vector<Finding> findings;  ///< errors first (root cause first), then warnings/notices.
  std::size_t omitted = 0;        ///< findings left out beyond the limits above.
};

/// Turns what the collector saw into findings:
///  - a job whose log is complete and shows no failed step has no error findings;
///  - error findings come from the failed steps and the steps after the first
///    failure (diagnostic steps under `if: failure()`); steps that passed before
///    it only contribute warnings and notices;
///  - a rule listed as a consequence (`suppressed_by`) of a category found in
///    the same or an earlier step is dropped;
///  - the first failed step no rule explains gets an `unknown` finding quoting
///    its error-looking lines and last output lines;
///  - order: first failed step first, then by rule priority, then by line.
/// Titles, causes and remedies are filled in later by the advice stage.
Diagnosis diagnose(const CompiledRules& rules, const Collector& collector, const LogModel& log);

}  // namespace ci_triage
