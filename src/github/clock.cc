#include "github/clock.h"

#include <ctime>
#include <thread>

namespace ci_triage::http {

Clock::TimePoint SystemClock::now() const { return std::chrono::steady_clock::now(); }
std::int64_t SystemClock::epoch_seconds() const { return static_cast<std::int64_t>(std::time(nullptr)); }
void SystemClock::sleep_for(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }

Clock::TimePoint VirtualClock::now() const { return std::chrono::steady_clock::now() + slept_; }
std::int64_t VirtualClock::epoch_seconds() const {
  return static_cast<std::int64_t>(std::time(nullptr)) +
         std::chrono::duration_cast<std::chrono::seconds>(slept_).count();
}
void VirtualClock::sleep_for(std::chrono::milliseconds d) {
  if (d.count() > 0) slept_ += d;
}

}  // namespace ci_triage::http
