#include "github/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace ci_triage::http {
namespace {

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
      out = UrlParts{ascii_lower(scheme), ascii_lower(host), port, path ? path : "/"};
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

}  // namespace

std::optional<std::string> origin_of(std::string_view url) {
  const auto p = parse_url(url);
  if (!p) return std::nullopt;
  return p->scheme + "://" + p->host + ":" + p->port;
}

std::string host_of(std::string_view url) {
  const auto p = parse_url(url);
  return p ? p->host : std::string();
}

std::string path_for_log(std::string_view url) {
  const auto p = parse_url(url);
  return p ? p->path : std::string("(unparseable URL)");
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  if (host.rfind("127.", 0) != 0) return false;
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)); });
}

std::string refusal(std::string_view url) {
  const auto parts = parse_url(url);
  if (!parts) return "refusing an unusable URL";
  if (parts->scheme == "http" && !is_loopback_host(parts->host))
    return "refusing plain http:// to " + parts->host + " (https is required except on loopback)";
  return "";
}

}  // namespace ci_triage::http
