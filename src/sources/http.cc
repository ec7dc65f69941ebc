#include "sources/http.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <deque>
#include <exception>
#include <thread>

#include "core/error.h"

namespace ci_triage::http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kMaxBufferedBody = 1 << 20;  // API answers and error bodies
constexpr std::size_t kMaxApiBody = 64 << 20;      // a page of 100 jobs is ~1 MiB; stay generous

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

struct UrlParts {
  std::string scheme, host, port, path;
};

std::optional<UrlParts> parse_url(std::string_view url) {
  CURLU* h = curl_url();
  if (h == nullptr) return std::nullopt;
  std::optional<UrlParts> out;
  const std::string u(url);
  if (curl_url_set(h, CURLUPART_URL, u.c_str(), 0) == CURLUE_OK) {
    char *scheme = nullptr, *host = nullptr, *port = nullptr, *path = nullptr;
    if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
      curl_url_get(h, CURLUPART_PATH, &path, 0);
      out = UrlParts{lower(scheme), lower(host), port, path ? path : "/"};
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
  }
  curl_url_cleanup(h);
  if (out && out->scheme != "http" && out->scheme != "https") return std::nullopt;
  return out;
}

// The path of a URL without its query: what notices may show (blob URLs carry
// a signature in the query).
std::string path_for_log(std::string_view url) {
  const auto p = parse_url(url);
  return p ? p->path : std::string("(unparseable URL)");
}

long parse_long(const std::string& s, long fallback) {
  if (s.empty()) return fallback;
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  return end != nullptr && *end == '\0' && v >= 0 ? v : fallback;
}

bool retryable_transport(int code) {
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
      return true;
    default:
      return false;
  }
}

struct GlobalInit {
  GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

std::optional<std::string> origin_of(std::string_view url) {
  const auto p = parse_url(url);
  if (!p) return std::nullopt;
  std::string host = p->host;
  return p->scheme + "://" + host + ":" + p->port;
}

std::string host_of(std::string_view url) {
  const auto p = parse_url(url);
  return p ? p->host : std::string();
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  if (host.rfind("127.", 0) != 0) return false;
  return std::all_of(host.begin(), host.end(), [](char c) { return c == '.' || std::isdigit(c); });
}

std::string Response::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

struct Client::Transfer {
  Client* client = nullptr;
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
  Clock::time_point not_before{};
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
    t.client->stats_.bytes += n;
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
      t.response.headers[lower(trim_ws(line.substr(0, colon)))] =
          std::string(trim_ws(line.substr(colon + 1)));
    return n;
  }
};

Client::Client(Options options) : options_(std::move(options)) {
  static GlobalInit init;
  multi_ = curl_multi_init();
  if (multi_ == nullptr) throw Error("libcurl: cannot create a multi handle");
}

Client::~Client() { curl_multi_cleanup(static_cast<CURLM*>(multi_)); }

void Client::start(Transfer& t) {
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
  if (options_.deadline != Clock::time_point::max()) {  // never past the overall budget
    const auto left = std::chrono::duration_cast<milliseconds>(options_.deadline - Clock::now()).count();
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

std::optional<milliseconds> Client::retry_delay(const Transfer& t, int code) {
  const Response& r = t.response;
  auto backoff = [&] {
    const long base = options_.backoff_ms << std::min(t.hop_attempts - 1, 6);
    jitter_ ^= jitter_ << 13;
    jitter_ ^= jitter_ >> 7;
    jitter_ ^= jitter_ << 17;
    const long spread = base / 4;
    return milliseconds(base - spread +
                        static_cast<long>(jitter_ % static_cast<std::uint64_t>(2 * spread + 1)));
  };
  if (!t.callback_error.empty()) return std::nullopt;
  if (r.partial) return std::nullopt;  // keep what arrived: a retry would start over
  if (code != CURLE_OK) return retryable_transport(code) ? std::optional(backoff()) : std::nullopt;
  if (r.status == 500 || r.status == 502 || r.status == 503 || r.status == 504) return backoff();
  const std::string retry_after = r.header("retry-after");
  if (r.status == 429) return milliseconds(parse_long(retry_after, 60) * 1000);
  if (r.status == 403) {
    if (r.header("x-ratelimit-remaining") == "0") {
      const long reset = parse_long(r.header("x-ratelimit-reset"), 0);
      const long now = static_cast<long>(std::time(nullptr));
      return milliseconds(std::max(1L, reset - now + 1) * 1000);
    }
    if (!retry_after.empty()) return milliseconds(parse_long(retry_after, 60) * 1000);
    if (r.body.find("secondary rate limit") != std::string::npos) return milliseconds(60'000);
  }
  return std::nullopt;
}

bool Client::finish(Transfer& t, int code) {
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

  const bool rate_limit = code == CURLE_OK && (r.status == 429 || r.status == 403);
  if (auto delay = retry_delay(t, code)) {
    const auto when = Clock::now() + *delay;
    const bool too_long = rate_limit && delay->count() > options_.max_wait_ms;
    if (t.hop_attempts < options_.max_attempts && !too_long && when < options_.deadline) {
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
      t.not_before = Clock::now();
      return false;
    }
  }
  t.call->response = std::move(r);
  return true;
}

void Client::run(const std::vector<Call*>& calls, std::size_t parallel) {
  if (parallel == 0) parallel = 1;
  CURLM* multi = static_cast<CURLM*>(multi_);
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(parallel));
  std::vector<std::unique_ptr<Transfer>> transfers;
  std::deque<Transfer*> waiting;
  for (Call* c : calls) {
    auto t = std::make_unique<Transfer>();
    t->client = this;
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
    const auto now = Clock::now();
    if (now >= options_.deadline) {
      for (Transfer* t : waiting) refuse(*t, "not attempted: ci-triage's time budget for GitHub ran out");
      waiting.clear();
      for (auto& t : transfers)
        if (t->easy != nullptr) {
          long status = 0;
          curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
          curl_multi_remove_handle(multi, t->easy);
          curl_easy_cleanup(t->easy);
          curl_slist_free_all(t->headers);
          t->easy = nullptr;
          refuse(*t, "cut short: ci-triage's time budget for GitHub ran out");
          if (t->streaming && t->attempt_bytes > 0) {  // the stream keeps what arrived
            t->call->response.status = status;
            t->call->response.partial = true;
          }
        }
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
      const auto parts = parse_url(t.call->request.url);
      if (!parts) {
        refuse(t, "refusing an unusable URL");
        continue;
      }
      if (parts->scheme == "http" && !is_loopback_host(parts->host)) {
        refuse(t, "refusing plain http:// to " + parts->host + " (https is required except on loopback)");
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
        const auto d = std::chrono::duration_cast<milliseconds>(t->not_before - Clock::now()).count();
        wait_ms = std::min(wait_ms, std::max(0L, static_cast<long>(d)));
      }
    if (active < parallel && wait_ms == 0 && !waiting.empty()) continue;
    if (active > 0)
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max(1L, wait_ms)), nullptr);
    else
      std::this_thread::sleep_for(milliseconds(std::max(1L, wait_ms)));
  }
}

Response Client::fetch(Request request) {
  Call c;
  c.request = std::move(request);
  run({&c}, 1);
  return std::move(c.response);
}

}  // namespace ci_triage::http
