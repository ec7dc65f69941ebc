#include "github/transport.h"

namespace ci_triage::http {

std::string Response::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

Response Transport::fetch(Request request) {
  Call c;
  c.request = std::move(request);
  run({&c}, 1);
  return std::move(c.response);
}

}  // namespace ci_triage::http
