// HTTP for the GitHub source: libcurl's multi interface behind a small API.
// Many calls run concurrently on one thread; bodies can stream into a sink;
// retries, backoff and rate-limit waits happen here, once, for every caller.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::http {

/// "scheme://host:port" (lowercase, default port filled in), or nullopt when
/// `url` is not an absolute http(s) URL.
std::optional<std::string> origin_of(std::string_view url);
/// The host part of an absolute URL ("" when unparseable).
std::string host_of(std::string_view url);
/// localhost, 127.0.0.0/8, ::1.
bool is_loopback_host(std::string_view host);

struct Request {
  std::string method = "GET";
  std::string url;
  std::string body;         ///< sent as application/json for POST/PATCH.
  bool authorized = false;  ///< send the token (only ever to the token's origin).
  long timeout_ms = 0;      ///< whole-attempt limit; 0 = the client's default.
};

struct Response {
  long status = 0;                             ///< 0: no HTTP answer (see error).
  std::string error;                           ///< transport error or refusal, one line ("" when none).
  std::map<std::string, std::string> headers;  ///< names lowercased; the last value wins.
  std::string body;                            ///< buffered body (error bodies are cut at 1 MiB).
  std::string location;                        ///< absolute redirect target of a 3xx.
  bool rate_limited = false;                   ///< gave up waiting for a rate limit.
  bool stalled = false;  ///< aborted: slower than Options::low_speed_bytes for low_speed_time_s.
  /// A streamed 2xx body was cut short (stall, time limit): the stream holds
  /// what arrived, and the call is not retried (it would start over).
  bool partial = false;
  std::string header(const std::string& name) const;
  bool ok() const { return status >= 200 && status < 300; }
};

/// Where a streamed 2xx body goes. A retry after part of the body arrived
/// calls on_restart first, so the consumer can start over.
struct Stream {
  std::function<void(std::string_view)> on_data;
  std::function<void()> on_restart;
};

/// One logical request: retried as needed; `then` may chain a follow-up
/// request (a redirect to the blob host) that reuses the same Call.
struct Call {
  Request request;
  Stream* stream = nullptr;  ///< stream 2xx bodies here instead of buffering them.
  /// Called with each final response; return a request to continue with it.
  std::function<std::optional<Request>(const Response&)> then;
  Response response;  ///< the final response.
  int attempts = 0;   ///< HTTP attempts made for this call, all hops.
};

struct Options {
  std::string user_agent;
  std::string token;
  std::string token_origin;  ///< the only origin the token is sent to.
  long connect_timeout_ms = 10'000;
  long timeout_ms = 30'000;   ///< default whole-attempt limit.
  int max_attempts = 4;       ///< per hop, including the first.
  long backoff_ms = 500;      ///< first retry delay; doubles, with jitter.
  long max_wait_ms = 60'000;  ///< longest rate-limit wait worth taking.
  /// A transfer slower than low_speed_bytes per second for low_speed_time_s
  /// seconds has stalled and is aborted (0 s: no limit).
  long low_speed_bytes = 1024;
  long low_speed_time_s = 30;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::string ca_file;  ///< "" = libcurl's default.
  std::string ca_path;
  std::vector<std::string> extra_headers;            ///< sent on every request.
  std::function<void(const std::string&)> on_event;  ///< retries and waits, for the log.
};

struct Stats {
  std::uint64_t requests = 0;      ///< HTTP attempts started.
  std::uint64_t api_requests = 0;  ///< of which to the token's origin.
  std::uint64_t retries = 0;
  std::uint64_t bytes = 0;
};

class Client {
 public:
  explicit Client(Options options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Runs every call to completion, at most `parallel` at once. HTTP errors
  /// are answers, not exceptions: read each call's response.
  void run(const std::vector<Call*>& calls, std::size_t parallel);
  /// One buffered request.
  Response fetch(Request request);

  const Stats& stats() const { return stats_; }

 private:
  struct Transfer;
  void start(Transfer& t);
  bool finish(Transfer& t, int curl_code);  // true when the call is done
  std::optional<std::chrono::milliseconds> retry_delay(const Transfer& t, int curl_code);

  Options options_;
  void* multi_ = nullptr;
  Stats stats_;
  std::uint64_t jitter_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace ci_triage::http
