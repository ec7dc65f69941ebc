#include "github/curl_transport.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <exception>
#include <memory>

#include "core/error.h"
#include "core/text.h"
#include "github/url.h"

namespace ci_triage::http {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t kMaxBufferedBody = 1 << 20;  // API answers and error bodies
constexpr std::size_t kMaxApiBody = 64 << 20;      // a page of 100 jobs is ~1 MiB; stay generous

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

TransportFailure failure_of(int code, bool callback_failed) {
  if (code == CURLE_OK) return TransportFailure::kNone;
  if (callback_failed) return TransportFailure::kPermanent;
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportFailure::kTransient;
    default:
      return TransportFailure::kPermanent;
  }
}

struct GlobalInit {
  GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

struct CurlTransport::Transfer {
  CurlTransport* transport = nullptr;
  Call* call = nullptr;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  Response response;
  int hop_attempts = 0;
  bool status_known = false;
  bool streaming = false;
  bool streamed = false;            // the stream got data in an earlier attempt of this hop
  std::uint64_t attempt_bytes = 0;  // body bytes streamed in this attempt
  std::string callback_error;
  Clock::TimePoint not_before{};
  char errbuf[CURL_ERROR_SIZE] = {};

  static std::size_t on_write(char* data, std::size_t, std::size_t n, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    if (!t.status_known) {
      long code = 0;
      curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &code);
      t.status_known = true;
      t.streaming = t.call->stream != nullptr && code >= 200 && code < 300;
      if (t.streaming && t.streamed && t.call->stream->on_restart) t.call->stream->on_restart();
      if (t.streaming) t.streamed = true;
    }
    t.transport->stats_.bytes += n;
    if (t.streaming) {
      t.attempt_bytes += n;
      try {
        t.call->stream->on_data({data, n});
      } catch (const std::exception& e) {
        t.callback_error = e.what();
        return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
      }
      return n;
    }
    const std::size_t cap = t.call->request.authorized ? kMaxApiBody : kMaxBufferedBody;
    if (t.response.body.size() < cap) t.response.body.append(data, std::min(n, cap - t.response.body.size()));
    return n;
  }

  static std::size_t on_header(char* data, std::size_t, std::size_t n, void* self) {
    auto& t = *static_cast<Transfer*>(self);
    std::string_view line(data, n);
    if (line.rfind("HTTP/", 0) == 0) {
      t.response.headers.clear();
      return n;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && t.response.headers.size() < 200)
      t.response.headers[ascii_lower(trim_ws(line.substr(0, colon)))] =
          std::string(trim_ws(line.substr(colon + 1)));
    return n;
  }
};

CurlTransport::CurlTransport(Options options, Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      deadline_(options_.budget.count() > 0 ? clock.now() + options_.budget : Clock::TimePoint::max()),
      retry_(options_.backoff_ms) {
  static GlobalInit init;
  multi_ = curl_multi_init();
  if (multi_ == nullptr) throw Error("libcurl: cannot create a multi handle");
}

CurlTransport::~CurlTransport() { curl_multi_cleanup(static_cast<CURLM*>(multi_)); }

void CurlTransport::start(Transfer& t) {
  Request& rq = t.call->request;
  t.response = Response{};
  t.status_known = false;
  t.streaming = false;
  t.attempt_bytes = 0;
  t.callback_error.clear();
  ++t.hop_attempts;
  ++t.call->attempts;
  t.easy = curl_easy_init();
  if (t.easy == nullptr) throw Error("libcurl: cannot create a handle");
  ++stats_.requests;

  const auto origin = origin_of(rq.url);
  const bool to_api = origin && !options_.token_origin.empty() && *origin == options_.token_origin;
  if (to_api) ++stats_.api_requests;
  curl_slist* h = nullptr;
  if (to_api)
    for (const auto& x : options_.extra_headers) h = curl_slist_append(h, x.c_str());
  // The token goes to the API's origin only: never to the blob host of a
  // redirect, never to a link that points elsewhere.
  if (rq.authorized && to_api && !options_.token.empty())
    h = curl_slist_append(h, ("Authorization: Bearer " + options_.token).c_str());
  if (!rq.body.empty()) h = curl_slist_append(h, "Content-Type: application/json; charset=utf-8");
  h = curl_slist_append(h, "Expect:");
  t.headers = h;

  CURL* e = t.easy;
  curl_easy_setopt(e, CURLOPT_URL, rq.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
  curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  long timeout = rq.timeout_ms > 0 ? rq.timeout_ms : options_.timeout_ms;
  if (deadline_ != Clock::TimePoint::max()) {  // never past the overall budget
    const auto left = std::chrono::duration_cast<milliseconds>(deadline_ - clock_.now()).count();
    timeout = std::max(1L, std::min(timeout, static_cast<long>(left)));
  }
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout);
  if (options_.low_speed_time_s > 0) {  // a stalled transfer ends long before the time limit
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
  }
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errbuf);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
  if (!options_.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.ca_path.empty()) curl_easy_setopt(e, CURLOPT_CAPATH, options_.ca_path.c_str());
  if (rq.method == "POST") {
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, rq.body.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(rq.body.size()));
  } else if (rq.method != "GET") {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, rq.method.c_str());
    if (!rq.body.empty()) {
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, rq.body.c_str());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(rq.body.size()));
    }
  }
  curl_multi_add_handle(static_cast<CURLM*>(multi_), e);
}

bool CurlTransport::finish(Transfer& t, int code) {
  Response& r = t.response;
  long status = 0;
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
  r.status = status;
  if (code != CURLE_OK) {
    r.error = !t.callback_error.empty() ? "processing the body: " + t.callback_error
              : t.errbuf[0] != '\0'     ? std::string(t.errbuf)
                                        : std::string(curl_easy_strerror(static_cast<CURLcode>(code)));
    if (code != CURLE_PARTIAL_FILE && code != CURLE_OPERATION_TIMEDOUT) r.status = 0;
    if (code == CURLE_OPERATION_TIMEDOUT) {
      r.stalled = options_.low_speed_time_s > 0 && r.error.rfind("Operation too slow", 0) == 0;
      if (r.stalled)
        r.error = fmt::format("stalled: less than {} bytes/s for {} s", options_.low_speed_bytes,
                              options_.low_speed_time_s);
      r.partial = t.streaming && t.attempt_bytes > 0;
    }
  }
  char* location = nullptr;
  if (curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr)
    r.location = location;
  curl_multi_remove_handle(static_cast<CURLM*>(multi_), t.easy);
  curl_easy_cleanup(t.easy);
  curl_slist_free_all(t.headers);
  t.easy = nullptr;
  t.headers = nullptr;

  const TransportFailure failure = failure_of(code, !t.callback_error.empty());
  const bool rate_limit = RetryPolicy::rate_limit(r, failure);
  if (auto delay = retry_.delay(r, failure, t.hop_attempts, clock_.epoch_seconds())) {
    const auto when = clock_.now() + *delay;
    const bool too_long = rate_limit && delay->count() > options_.max_wait_ms;
    if (t.hop_attempts < options_.max_attempts && !too_long && when < deadline_) {
      ++stats_.retries;
      if (options_.on_event) {
        const std::string what = code != CURLE_OK ? r.error : fmt::format("HTTP {}", r.status);
        options_.on_event(fmt::format("{} {}: {}; retrying in {:.1f} s (attempt {} of {})",
                                      t.call->request.method, path_for_log(t.call->request.url), what,
                                      static_cast<double>(delay->count()) / 1000.0, t.hop_attempts + 1,
                                      options_.max_attempts));
      }
      t.not_before = when;
      return false;
    }
    if (rate_limit) r.rate_limited = true;
  }
  if (t.call->then) {
    if (auto next = t.call->then(r)) {
      t.call->request = std::move(*next);
      t.hop_attempts = 0;
      t.streamed = false;
      t.not_before = clock_.now();
      return false;
    }
  }
  t.call->response = std::move(r);
  return true;
}

void CurlTransport::cut_short(Transfer& t) {
  long status = 0;
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
  curl_multi_remove_handle(static_cast<CURLM*>(multi_), t.easy);
  curl_easy_cleanup(t.easy);
  curl_slist_free_all(t.headers);
  t.easy = nullptr;
  t.call->response = Response{};
  t.call->response.error = "cut short: ci-triage's time budget for GitHub ran out";
  if (t.streaming && t.attempt_bytes > 0) {  // the stream keeps what arrived
    t.call->response.status = status;
    t.call->response.partial = true;
  }
}

void CurlTransport::run(const std::vector<Call*>& calls, std::size_t parallel) {
  if (parallel == 0) parallel = 1;
  CURLM* multi = static_cast<CURLM*>(multi_);
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(parallel));
  std::vector<std::unique_ptr<Transfer>> transfers;
  std::deque<Transfer*> waiting;
  for (Call* c : calls) {
    auto t = std::make_unique<Transfer>();
    t->transport = this;
    t->call = c;
    waiting.push_back(t.get());
    transfers.push_back(std::move(t));
  }
  std::size_t active = 0;
  auto refuse = [](Transfer& t, std::string why) {
    t.call->response = Response{};
    t.call->response.error = std::move(why);
  };
  while (!waiting.empty() || active > 0) {
    const auto now = clock_.now();
    if (now >= deadline_) {
      for (Transfer* t : waiting) refuse(*t, "not attempted: ci-triage's time budget for GitHub ran out");
      waiting.clear();
      for (auto& t : transfers)
        if (t->easy != nullptr) cut_short(*t);
      break;
    }
    // Start what may start, in order.
    for (auto it = waiting.begin(); it != waiting.end() && active < parallel;) {
      Transfer& t = **it;
      if (t.not_before > now) {
        ++it;
        continue;
      }
      it = waiting.erase(it);
      if (std::string why = refusal(t.call->request.url); !why.empty()) {
        refuse(t, std::move(why));
        continue;
      }
      start(t);
      ++active;
    }
    int running = 0;
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
      const int code = m->data.result;
      --active;
      if (!finish(*t, code)) waiting.push_back(t);
    }
    if (waiting.empty() && active == 0) break;
    long wait_ms = 1000;
    if (active < parallel)
      for (Transfer* t : waiting) {
        const auto d = std::chrono::duration_cast<milliseconds>(t->not_before - clock_.now()).count();
        wait_ms = std::min(wait_ms, std::max(0L, static_cast<long>(d)));
      }
    if (active < parallel && wait_ms == 0 && !waiting.empty()) continue;
    if (active > 0)
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max(1L, wait_ms)), nullptr);
    else
      clock_.sleep_for(milliseconds(std::max(1L, wait_ms)));
  }
}

}  // namespace ci_triage::http
