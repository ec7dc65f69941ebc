// Where TLS certificate authorities come from, for the HTTPS transport. The
// static Linux binary's libcurl has no CA path compiled in (the build machine's
// path need not exist on the runner), so the transport sets CURLOPT_CAINFO /
// CURLOPT_CAPATH from find_ca_bundle() on every handle.
#pragma once

#include <functional>
#include <string>

namespace ci_triage {

struct CaBundle {
  std::string file;  ///< PEM bundle for CURLOPT_CAINFO; empty: leave unset.
  std::string dir;   ///< hashed directory for CURLOPT_CAPATH; empty: leave unset.
  /// Where the choice came from ("SSL_CERT_FILE", "SSL_CERT_DIR", "system", "none").
  std::string origin;
};

/// Pure: the environment and the filesystem are passed in. Order:
/// 1. SSL_CERT_FILE and/or SSL_CERT_DIR (non-empty) as OpenSSL honours them; when
///    either is set, nothing else is added (the user chose; a missing file then
///    fails the TLS handshake with curl's own message naming it).
/// 2. The first existing bundle file of the usual Linux distributions and macOS
///    (/etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt,
///    /etc/ssl/ca-bundle.pem, /etc/pki/tls/cacert.pem,
///    /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem, /etc/ssl/cert.pem,
///    Homebrew's cert.pem), and the first existing directory
///    (/etc/ssl/certs, /etc/pki/tls/certs, /system/etc/security/cacerts).
/// 3. Neither: origin "none", both empty (libcurl's built-in default applies).
CaBundle find_ca_bundle(const std::function<const char*(const char*)>& getenv,
                        const std::function<bool(const std::string&)>& file_exists,
                        const std::function<bool(const std::string&)>& dir_exists);

/// find_ca_bundle() on the real environment and filesystem.
CaBundle find_ca_bundle();

}  // namespace ci_triage
