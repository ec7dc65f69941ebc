// The real Transport: libcurl's multi interface on one thread. Retries,
// backoff and rate-limit waits (retry.h) happen here, once, for every caller;
// the token only ever goes to its own origin. The only file that includes
// curl besides url.cc.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "github/clock.h"
#include "github/retry.h"
#include "github/transport.h"

namespace ci_triage::http {

struct Options {
  std::string user_agent;
  std::string token;
  std::string token_origin;  ///< the only origin the token is sent to.
  long connect_timeout_ms = 10'000;
  long timeout_ms = 30'000;  ///< default whole-attempt limit.
  /// A transfer slower than low_speed_bytes per second for low_speed_time_s
  /// seconds has stalled and is aborted (0 s: no limit).
  long low_speed_bytes = 1024;
  long low_speed_time_s = 30;
  int max_attempts = 4;       ///< per hop, including the first.
  long backoff_ms = 500;      ///< first retry delay; doubles, with jitter.
  long max_wait_ms = 60'000;  ///< longest rate-limit wait worth taking.
  /// Everything this transport does must end this long after it is made
  /// (calls not done by then are cut short); 0 = no limit.
  std::chrono::milliseconds budget{0};
  std::string ca_file;  ///< "" = libcurl's default.
  std::string ca_path;
  std::vector<std::string> extra_headers;            ///< sent on every request to the token's origin.
  std::function<void(const std::string&)> on_event;  ///< retries and waits, for the log.
};

class CurlTransport : public Transport {
 public:
  /// `clock` must outlive the transport.
  CurlTransport(Options options, Clock& clock);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  void run(const std::vector<Call*>& calls, std::size_t parallel) override;
  const Stats& stats() const override { return stats_; }

 private:
  struct Transfer;
  void start(Transfer& t);
  bool finish(Transfer& t, int curl_code);  // true when the call is done
  void cut_short(Transfer& t);

  Options options_;
  Clock& clock_;
  Clock::TimePoint deadline_;
  RetryPolicy retry_;
  void* multi_ = nullptr;
  Stats stats_;
};

}  // namespace ci_triage::http
