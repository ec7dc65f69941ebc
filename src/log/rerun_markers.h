// What rerun plugins print about tests they ran again: the raw material of "flaky" (issue 12).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "log/log_model.h"

namespace ci_triage {

/// Streams over a job log's output lines and collects the tests a rerun plugin ran again:
///  - pytest-rerunfailures: `tests/test_a.py::test_x RERUN` (also pytorch's
///    `… ('RERUN', {'yellow': True})`): rerun; whether it passed in the end is known only
///    against the job's failed tests;
///  - jest `retryTimes(n, {logErrorsBeforeRetry: true})`: ` LOGGING RETRY ERRORS  <test name>`;
///  - Maven Surefire/Failsafe `rerunFailingTestsCount`: the `[WARNING] Flakes:` block lists tests
///    that failed and then passed (`pkg.Class.method(pkg.Class)`, kept as `Class.method`).
/// Gradle's test-retry plugin reports retried tests only in its HTML/XML reports, not in a form
/// this recognises. Bounded: at most kMaxTests ids of at most 300 bytes.
class RerunMarkers {
 public:
  static constexpr std::size_t kMaxTests = 50;

  void scan(const Batch& batch);

  /// Tests rerun, whatever their final outcome (pytest, jest), in first-seen order.
  const std::vector<std::string>& rerun() const { return rerun_; }
  /// Tests that failed and then passed on a rerun (Surefire's Flakes).
  const std::vector<std::string>& passed_on_rerun() const { return flakes_; }

  /// The tests that passed only after a rerun: Surefire's flakes, and the rerun tests that are
  /// not among `failed` (the job's failing test ids; one matches another when either ends with
  /// the other, as runners name the same test more or less fully).
  std::vector<std::string> flaky(const std::vector<std::string>& failed) const;

 private:
  void add(std::vector<std::string>& to, std::string_view id);
  void line(std::string_view text);
  std::vector<std::string> rerun_;
  std::vector<std::string> flakes_;
  bool in_flakes_ = false;
};

/// Does test id `a` name the same test as `b` (equal, or one ends with "." / "::" / " › " + the other)?
bool same_test(std::string_view a, std::string_view b);

}  // namespace ci_triage
