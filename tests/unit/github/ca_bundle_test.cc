#include "github/ca_bundle.h"

#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>

namespace unit_github_ca_bundle_test {

using ci_triage::CaBundle;
using ci_triage::find_ca_bundle;

namespace {

struct FakeSystem {
  std::map<std::string, std::string> env;
  std::set<std::string> files;
  std::set<std::string> dirs;

  CaBundle find() const {
    return find_ca_bundle(
        [this](const char* name) -> const char* {
          auto it = env.find(name);
          return it == env.end() ? nullptr : it->second.c_str();
        },
        [this](const std::string& p) { return files.count(p) > 0; },
        [this](const std::string& p) { return dirs.count(p) > 0; });
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ca_bundle)

BOOST_AUTO_TEST_CASE(ssl_cert_file_wins_over_the_system_paths) {
  FakeSystem sys;
  sys.env["SSL_CERT_FILE"] = "/custom/ca.pem";
  sys.files = {"/etc/ssl/certs/ca-certificates.crt"};
  sys.dirs = {"/etc/ssl/certs"};
  CaBundle ca = sys.find();
  BOOST_TEST(ca.file == "/custom/ca.pem");
  BOOST_TEST(ca.dir.empty());
  BOOST_TEST(ca.origin == "SSL_CERT_FILE");
}

BOOST_AUTO_TEST_CASE(ssl_cert_dir_alone_is_honoured) {
  FakeSystem sys;
  sys.env["SSL_CERT_DIR"] = "/custom/certs";
  sys.env["SSL_CERT_FILE"] = "";  // empty counts as unset
  sys.files = {"/etc/ssl/cert.pem"};
  CaBundle ca = sys.find();
  BOOST_TEST(ca.file.empty());
  BOOST_TEST(ca.dir == "/custom/certs");
  BOOST_TEST(ca.origin == "SSL_CERT_DIR");
}

BOOST_AUTO_TEST_CASE(both_variables_are_passed_on) {
  FakeSystem sys;
  sys.env["SSL_CERT_FILE"] = "/a.pem";
  sys.env["SSL_CERT_DIR"] = "/certs";
  CaBundle ca = sys.find();
  BOOST_TEST(ca.file == "/a.pem");
  BOOST_TEST(ca.dir == "/certs");
}

BOOST_AUTO_TEST_CASE(debian_and_ubuntu_bundle) {
  FakeSystem sys;
  sys.files = {"/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/cert.pem"};
  sys.dirs = {"/etc/ssl/certs"};
  CaBundle ca = sys.find();
  BOOST_TEST(ca.file == "/etc/ssl/certs/ca-certificates.crt");
  BOOST_TEST(ca.dir == "/etc/ssl/certs");
  BOOST_TEST(ca.origin == "system");
}

BOOST_AUTO_TEST_CASE(fedora_and_macos_bundles) {
  FakeSystem fedora;
  fedora.files = {"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"};
  BOOST_TEST(fedora.find().file == "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
  FakeSystem macos;
  macos.files = {"/etc/ssl/cert.pem"};
  BOOST_TEST(macos.find().file == "/etc/ssl/cert.pem");
  BOOST_TEST(macos.find().dir.empty());
}

BOOST_AUTO_TEST_CASE(nothing_found) {
  FakeSystem sys;
  CaBundle ca = sys.find();
  BOOST_TEST(ca.file.empty());
  BOOST_TEST(ca.dir.empty());
  BOOST_TEST(ca.origin == "none");
}

BOOST_AUTO_TEST_CASE(real_system_on_this_machine) {
  // Debian and Ubuntu (every machine the tests run on) have the bundle
  // (ca-certificates, scripts/install-deps.sh): a file or a directory is found.
  CaBundle ca = find_ca_bundle();
  BOOST_TEST(ca.origin != "none");
  BOOST_TEST((!ca.file.empty() || !ca.dir.empty()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_github_ca_bundle_test
