// Text helpers every stage shares.
#include "core/text.h"

#include <boost/test/unit_test.hpp>

namespace unit_core_text_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(ascii_lower_changes_only_ascii_letters) {
  BOOST_TEST(ascii_lower("Content-Type: GHCR.io/Ä") == "content-type: ghcr.io/Ä");
  BOOST_TEST(ascii_lower("").empty());
}

BOOST_AUTO_TEST_CASE(closest_word_for_did_you_mean) {
  const std::vector<std::string_view> kinds = {"docker-cache", "dockerignore", "python-dependency"};
  BOOST_TEST(closest_word("python-dependancy", kinds) == "python-dependency");
  BOOST_TEST(closest_word("docker-cach", kinds) == "docker-cache");
  BOOST_TEST(closest_word("terraform-fmt", kinds).empty());  // nothing close
  BOOST_TEST(closest_word("ab", {"xy"}).empty());            // short words need a near match
}

BOOST_AUTO_TEST_CASE(trim_and_sanitize) {
  BOOST_TEST(trim(" \tx y\r") == "x y");
  BOOST_TEST(sanitize_utf8("a\xff"
                           "b") ==
             "a\xEF\xBF\xBD"
             "b");
  BOOST_TEST(sanitize_utf8(std::string(600, 'x'), 10) == std::string(10, 'x') + "\xE2\x80\xA6");
}

BOOST_AUTO_TEST_SUITE_END()

// Hostile input (issue 11).
BOOST_AUTO_TEST_SUITE(text_hostile)

BOOST_AUTO_TEST_CASE(bidi_and_c1_controls_never_reach_a_report) {
  BOOST_TEST(sanitize_utf8("evil\xE2\x80\xAEtxt.exe") == "evil\xEF\xBF\xBDtxt.exe");  // U+202E
  BOOST_TEST(sanitize_utf8("a\xE2\x81\xA6"
                           "b\xE2\x80\x8F"
                           "c") ==
             "a\xEF\xBF\xBD"
             "b\xEF\xBF\xBD"
             "c");
  BOOST_TEST(sanitize_utf8("x\xC2\x9B"
                           "31my") == "x 31my");  // C1 CSI
  BOOST_TEST(sanitize_utf8("caf\xC3\xA9 \xE2\x80\x94 ok") == "caf\xC3\xA9 \xE2\x80\x94 ok");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_core_text_test
