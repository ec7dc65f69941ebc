// A Transport that answers from memory, for the unit tests of everything
// above it (the GitHub client, the run source, the publishers): routes by
// method and URL regex, answers in order (the last one repeats), records every
// request. Streams and follow-ups (`then`) behave as with the real transport;
// retries do not exist here (the retry policy has its own tests).
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "github/transport.h"

namespace ci_triage::testing {

class FakeTransport : public http::Transport {
 public:
  using Handler = std::function<http::Response(const http::Request&)>;

  /// Answers requests whose method is `method` ("" = any) and whose URL
  /// matches `url_regex` (std::regex_search) with `handler`. Later routes win.
  void route(std::string method, std::string url_regex, Handler handler) {
    routes_.push_back({std::move(method), std::regex(url_regex), std::move(handler)});
  }
  /// Answers with these responses in order; the last one repeats.
  void answer(std::string method, std::string url_regex, std::vector<http::Response> responses) {
    auto queue = std::make_shared<std::deque<http::Response>>(responses.begin(), responses.end());
    route(std::move(method), std::move(url_regex), [queue](const http::Request&) {
      http::Response r = queue->front();
      if (queue->size() > 1) queue->pop_front();
      return r;
    });
  }

  void run(const std::vector<http::Call*>& calls, std::size_t) override {
    for (http::Call* c : calls) {
      for (int hop = 0; hop < 10; ++hop) {
        ++c->attempts;
        ++stats_.requests;
        requests.push_back(c->request);
        http::Response r = respond(c->request);
        if (c->stream != nullptr && r.ok() && !r.body.empty()) {
          // In two pieces: consumers must not depend on where chunks end.
          const std::size_t half = r.body.size() / 2;
          c->stream->on_data(std::string_view(r.body).substr(0, half));
          c->stream->on_data(std::string_view(r.body).substr(half));
          stats_.bytes += r.body.size();
          r.body.clear();
        }
        if (c->then)
          if (auto next = c->then(r)) {
            c->request = std::move(*next);
            continue;
          }
        c->response = std::move(r);
        break;
      }
    }
  }
  const http::Stats& stats() const override { return stats_; }

  /// The requests made so far whose method and URL match.
  std::vector<http::Request> made(const std::string& method, const std::string& url_regex) const {
    std::vector<http::Request> out;
    const std::regex re(url_regex);
    for (const auto& r : requests)
      if ((method.empty() || r.method == method) && std::regex_search(r.url, re)) out.push_back(r);
    return out;
  }

  std::vector<http::Request> requests;

 private:
  struct Route {
    std::string method;
    std::regex url;
    Handler handler;
  };
  http::Response respond(const http::Request& rq) {
    for (auto it = routes_.rbegin(); it != routes_.rend(); ++it)
      if ((it->method.empty() || it->method == rq.method) && std::regex_search(rq.url, it->url))
        return it->handler(rq);
    http::Response r;
    r.status = 404;
    r.body = R"({"message":"Not Found"})";
    return r;
  }
  std::vector<Route> routes_;
  http::Stats stats_;
};

/// A response with a status and a body (and optional headers).
inline http::Response reply(long status, std::string body = "",
                            std::map<std::string, std::string> headers = {}) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  if (auto it = r.headers.find("location"); it != r.headers.end()) r.location = it->second;
  return r;
}

}  // namespace ci_triage::testing
