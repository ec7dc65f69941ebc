// Origins decide where the token may go; plain http only on loopback.
#include "github/url.h"

#include <boost/test/unit_test.hpp>

namespace unit_github_url_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(url)

BOOST_AUTO_TEST_CASE(origins_decide_where_the_token_may_go) {
  BOOST_TEST(*http::origin_of("https://api.github.com/repos/o/r") == "https://api.github.com:443");
  BOOST_TEST(*http::origin_of("HTTPS://API.GitHub.com:443/x") == "https://api.github.com:443");
  BOOST_TEST(*http::origin_of("http://127.0.0.1:8080/api/v3") == "http://127.0.0.1:8080");
  // The blob host of a redirect is another origin: no token there.
  BOOST_TEST(*http::origin_of("https://productionresultssa14.blob.core.windows.net/a?sig=x") !=
             *http::origin_of("https://api.github.com/"));
  // Same host, other port: another origin too.
  BOOST_TEST(*http::origin_of("http://127.0.0.1:1/") != *http::origin_of("http://127.0.0.1:2/"));
  BOOST_TEST(!http::origin_of("ftp://example.com/x").has_value());
  BOOST_TEST(!http::origin_of("not a url").has_value());
  BOOST_TEST(http::is_loopback_host("127.0.0.2"));
  BOOST_TEST(http::is_loopback_host("localhost"));
  BOOST_TEST(!http::is_loopback_host("127.0.0.1.example.com"));
  BOOST_TEST(!http::is_loopback_host("github.example.com"));
}

BOOST_AUTO_TEST_CASE(refusals_and_paths_for_messages) {
  BOOST_TEST(http::refusal("https://api.github.com/x").empty());
  BOOST_TEST(http::refusal("http://127.0.0.1:8080/x").empty());
  BOOST_TEST(http::refusal("http://github.example.com/x") ==
             "refusing plain http:// to github.example.com (https is required except on loopback)");
  BOOST_TEST(http::refusal("file:///etc/passwd") == "refusing an unusable URL");
  // A signed blob URL's query (its signature) never reaches a message.
  BOOST_TEST(http::path_for_log("https://blob.example/logs/1.txt?sig=SECRET&se=1") == "/logs/1.txt");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_github_url_test
