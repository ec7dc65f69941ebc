// When to try a request again, and after how long: the transport asks this
// after every attempt. Pure (the clock's reading and the jitter are inputs),
// so every rule is unit-tested without a server.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "github/transport.h"

namespace ci_triage::http {

/// How an attempt failed below HTTP, when it did (the transport maps its own codes).
enum class TransportFailure {
  kNone,       ///< an HTTP answer arrived (any status).
  kTransient,  ///< connection refused or reset, DNS, TLS handshake, time-out, a body cut short.
  kPermanent,  ///< anything else (a refused URL, a failing body consumer).
};

class RetryPolicy {
 public:
  explicit RetryPolicy(long backoff_ms = 500) : backoff_ms_(backoff_ms) {}

  /// The wait before the next attempt of a request whose attempt number
  /// `attempt` (1-based, per hop) ended with `r`, or nullopt when it must not
  /// be retried:
  ///  - transient failures and 500/502/503/504: exponential backoff from
  ///    backoff_ms (doubling, ±25% jitter);
  ///  - 429: Retry-After seconds (60 without one);
  ///  - 403 with x-ratelimit-remaining 0: until x-ratelimit-reset (+1 s);
  ///    403 with Retry-After, or a "secondary rate limit" body: that long (60 s);
  ///  - a partial streamed body: never (what arrived is kept).
  /// `now_epoch` is the clock's epoch seconds (x-ratelimit-reset is one).
  std::optional<std::chrono::milliseconds> delay(const Response& r, TransportFailure failure, int attempt,
                                                 std::int64_t now_epoch);

  /// A 403 or 429 that is a rate limit rather than a refusal.
  static bool rate_limit(const Response& r, TransportFailure failure);

 private:
  std::chrono::milliseconds backoff(int attempt);

  long backoff_ms_;
  std::uint64_t jitter_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace ci_triage::http
