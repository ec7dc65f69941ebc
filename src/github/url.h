// URLs as the transport sees them: where the token may go is decided by
// origin, and origins are computed with libcurl's own URL parser, so the check
// and the request can never disagree about the host (the one file besides the
// transport that includes curl).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ci_triage::http {

/// "scheme://host:port" (lowercase, default port filled in), or nullopt when
/// `url` is not an absolute http(s) URL.
std::optional<std::string> origin_of(std::string_view url);
/// The host part of an absolute URL ("" when unparseable).
std::string host_of(std::string_view url);
/// The path without query or fragment, for messages (signed blob URLs carry
/// their signature in the query); "(unparseable URL)" when it does not parse.
std::string path_for_log(std::string_view url);
/// localhost, 127.0.0.0/8, ::1.
bool is_loopback_host(std::string_view host);
/// Whether a request may go to `url` at all: an http(s) URL, and https unless
/// the host is loopback. "" when it may, else why not (one line).
std::string refusal(std::string_view url);

}  // namespace ci_triage::http
