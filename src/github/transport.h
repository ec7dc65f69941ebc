// HTTP as the GitHub loop needs it, behind one small interface: many calls at
// once, bodies streamed into a sink, a call that follows up on its own answer
// (a redirect to a blob host). CurlTransport (curl_transport.h) is the real
// one; the unit tests use a fake that answers from memory.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::http {

struct Request {
  std::string method = "GET";
  std::string url;
  std::string body;         ///< sent as application/json for POST/PATCH.
  bool authorized = false;  ///< send the token (only ever to the token's origin).
  long timeout_ms = 0;      ///< whole-attempt limit; 0 = the transport's default.
};

struct Response {
  long status = 0;                             ///< 0: no HTTP answer (see error).
  std::string error;                           ///< transport error or refusal, one line ("" when none).
  std::map<std::string, std::string> headers;  ///< names lowercased; the last value wins.
  std::string body;                            ///< buffered body (error bodies are cut at 1 MiB).
  std::string location;                        ///< absolute redirect target of a 3xx.
  bool rate_limited = false;                   ///< gave up waiting for a rate limit.
  bool stalled = false;  ///< aborted: slower than the transport's low-speed limit for too long.
  /// A streamed 2xx body was cut short (stall, time limit): the stream holds
  /// what arrived, and the call is not retried (it would start over).
  bool partial = false;
  std::string header(const std::string& name) const;
  bool ok() const { return status >= 200 && status < 300; }
  bool redirect() const {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
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

struct Stats {
  std::uint64_t requests = 0;      ///< HTTP attempts started.
  std::uint64_t api_requests = 0;  ///< of which to the token's origin.
  std::uint64_t retries = 0;
  std::uint64_t bytes = 0;
};

class Transport {
 public:
  virtual ~Transport() = default;
  /// Runs every call to completion, at most `parallel` at once. HTTP errors
  /// are answers, not exceptions: read each call's response. Never sends the
  /// token to another origin than the API's, never plain http:// off loopback.
  virtual void run(const std::vector<Call*>& calls, std::size_t parallel) = 0;
  virtual const Stats& stats() const = 0;

  /// One buffered request.
  Response fetch(Request request);
};

}  // namespace ci_triage::http
