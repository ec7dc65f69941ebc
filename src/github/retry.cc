#include "github/retry.h"

#include <algorithm>
#include <cstdlib>

namespace ci_triage::http {
namespace {

using std::chrono::milliseconds;

long parse_long(const std::string& s, long fallback) {
  if (s.empty()) return fallback;
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  return end != nullptr && *end == '\0' && v >= 0 ? v : fallback;
}

}  // namespace

milliseconds RetryPolicy::backoff(int attempt) {
  const long base = backoff_ms_ << std::clamp(attempt - 1, 0, 6);
  jitter_ ^= jitter_ << 13;
  jitter_ ^= jitter_ >> 7;
  jitter_ ^= jitter_ << 17;
  const long spread = base / 4;
  return milliseconds(base - spread +
                      static_cast<long>(jitter_ % static_cast<std::uint64_t>(2 * spread + 1)));
}

bool RetryPolicy::rate_limit(const Response& r, TransportFailure failure) {
  return failure == TransportFailure::kNone && (r.status == 429 || r.status == 403);
}

std::optional<milliseconds> RetryPolicy::delay(const Response& r, TransportFailure failure, int attempt,
                                               std::int64_t now_epoch) {
  if (r.partial) return std::nullopt;  // keep what arrived: a retry would start over
  if (failure == TransportFailure::kPermanent) return std::nullopt;
  if (failure == TransportFailure::kTransient) return backoff(attempt);
  if (r.status == 500 || r.status == 502 || r.status == 503 || r.status == 504) return backoff(attempt);
  const std::string retry_after = r.header("retry-after");
  if (r.status == 429) return milliseconds(parse_long(retry_after, 60) * 1000);
  if (r.status == 403) {
    if (r.header("x-ratelimit-remaining") == "0") {
      const long reset = parse_long(r.header("x-ratelimit-reset"), 0);
      return milliseconds(std::max(1L, reset - static_cast<long>(now_epoch) + 1) * 1000);
    }
    if (!retry_after.empty()) return milliseconds(parse_long(retry_after, 60) * 1000);
    if (r.body.find("secondary rate limit") != std::string::npos) return milliseconds(60'000);
  }
  return std::nullopt;
}

}  // namespace ci_triage::http
