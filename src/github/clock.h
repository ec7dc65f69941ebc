// Time for the transport: deadlines, retry backoff, rate-limit waits. An
// interface so that tests (unit and end-to-end) do not wait in real time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

namespace ci_triage::http {

class Clock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  /// Monotonic now (deadlines, when a retry may start).
  virtual TimePoint now() const = 0;
  /// Seconds since the epoch (GitHub's x-ratelimit-reset is one).
  virtual std::int64_t epoch_seconds() const = 0;
  /// Waits `d` with nothing else to do (no transfer in flight).
  virtual void sleep_for(std::chrono::milliseconds d) = 0;
};

/// The real clock.
class SystemClock : public Clock {
 public:
  TimePoint now() const override;
  std::int64_t epoch_seconds() const override;
  void sleep_for(std::chrono::milliseconds d) override;
};

/// Real time plus whatever was "slept": sleep_for returns at once and moves
/// this clock forward, so waits are decided and logged exactly as with the
/// system clock but cost no time. Used by the unit tests, and by the
/// end-to-end tests through CI_TRIAGE_VIRTUAL_TIME=1 (a test hook,
/// app/github_command.cc; never set it in a workflow).
class VirtualClock : public Clock {
 public:
  TimePoint now() const override;
  std::int64_t epoch_seconds() const override;
  void sleep_for(std::chrono::milliseconds d) override;
  /// Total time slept so far.
  std::chrono::milliseconds slept() const { return slept_; }

 private:
  std::chrono::milliseconds slept_{0};
};

}  // namespace ci_triage::http
