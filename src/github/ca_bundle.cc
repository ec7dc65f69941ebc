#include "github/ca_bundle.h"

#include <sys/stat.h>

#include <array>
#include <cstdlib>

namespace ci_triage {
namespace {

// Debian/Ubuntu/Arch/Gentoo, Fedora/RHEL 6, openSUSE, OpenELEC, CentOS/RHEL 7+,
// Alpine and macOS, Homebrew (Apple silicon, Intel).
constexpr std::array<const char*, 8> kBundleFiles = {
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/tls/cacert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
    "/opt/homebrew/etc/ca-certificates/cert.pem",
    "/usr/local/etc/ca-certificates/cert.pem",
};
constexpr std::array<const char*, 3> kBundleDirs = {
    "/etc/ssl/certs",
    "/etc/pki/tls/certs",
    "/system/etc/security/cacerts",
};

bool is_kind(const std::string& path, mode_t kind) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && (st.st_mode & S_IFMT) == kind;
}

}  // namespace

CaBundle find_ca_bundle(const std::function<const char*(const char*)>& getenv,
                        const std::function<bool(const std::string&)>& file_exists,
                        const std::function<bool(const std::string&)>& dir_exists) {
  CaBundle out;
  const char* env_file = getenv("SSL_CERT_FILE");
  const char* env_dir = getenv("SSL_CERT_DIR");
  if (env_file != nullptr && *env_file != '\0') out.file = env_file;
  if (env_dir != nullptr && *env_dir != '\0') out.dir = env_dir;
  if (!out.file.empty() || !out.dir.empty()) {
    out.origin = out.file.empty() ? "SSL_CERT_DIR" : "SSL_CERT_FILE";
    return out;
  }
  for (const char* f : kBundleFiles) {
    if (file_exists(f)) {
      out.file = f;
      break;
    }
  }
  for (const char* d : kBundleDirs) {
    if (dir_exists(d)) {
      out.dir = d;
      break;
    }
  }
  out.origin = out.file.empty() && out.dir.empty() ? "none" : "system";
  return out;
}

CaBundle find_ca_bundle() {
  return find_ca_bundle([](const char* name) { return std::getenv(name); },
                        [](const std::string& p) { return is_kind(p, S_IFREG); },
                        [](const std::string& p) { return is_kind(p, S_IFDIR); });
}

}  // namespace ci_triage
