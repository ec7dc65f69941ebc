// A minimal HTTPS client built only in the static mode (scripts/build.sh static), to prove
// the static libcurl (OpenSSL, nghttp2, zlib) and the CA lookup (github/ca_bundle.h)
// before the GitHub transport uses them: tests/static/run.sh runs it in a Debian bullseye
// root against a local HTTPS server.
// usage: ci-triage-https-probe URL   prints "HTTP <status> <bytes> bytes (CA: <origin> <file>)"
#include <curl/curl.h>

#include <cstdio>
#include <string>

#include "github/ca_bundle.h"

namespace {

size_t count_bytes(char*, size_t size, size_t n, void* total) {
  *static_cast<size_t*>(total) += size * n;
  return size * n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ci-triage-https-probe URL\n");
    return 2;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return 1;
  const ci_triage::CaBundle ca = ci_triage::find_ca_bundle();
  if (!ca.file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca.file.c_str());
  if (!ca.dir.empty()) curl_easy_setopt(curl, CURLOPT_CAPATH, ca.dir.c_str());
  size_t bytes = 0;
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, count_bytes);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &bytes);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  curl_global_cleanup();
  if (rc != CURLE_OK) {
    std::fprintf(stderr, "ci-triage-https-probe: error: %s: %s\n", argv[1],
                 error[0] != '\0' ? error : curl_easy_strerror(rc));
    return 1;
  }
  std::printf("HTTP %ld %zu bytes (CA: %s %s)\n", status, bytes, ca.origin.c_str(), ca.file.c_str());
  return 0;
}
