#include "rules/regex_options.h"

#include <re2/re2.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "rules/rule_loader.h"

namespace unit_rules_regex_options_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(regex_encoding)

BOOST_AUTO_TEST_CASE(plain_ascii_patterns_compile_as_latin1) {
  BOOST_TEST(latin1_safe(R"(denied: requested access to the resource is denied)"));
  BOOST_TEST(latin1_safe(R"((?i)error:\s+(?P<message>.+)$)"));
  BOOST_TEST(latin1_safe(R"(a literal backslash then p: \\p)"));
  BOOST_TEST(regex_options("npm ERR! code E404").encoding() == RE2::Options::EncodingLatin1);
}

BOOST_AUTO_TEST_CASE(non_ascii_and_unicode_escapes_keep_utf8) {
  BOOST_TEST(!latin1_safe("\xe2\x9c\x96 failing tests:"));               // ✖
  BOOST_TEST(!latin1_safe(R"(ERR_PNPM_[A-Z_]+[\s\x{2009}\x{00a0}]+)"));  // thin space, nbsp
  BOOST_TEST(!latin1_safe(R"(\p{L}+)"));
  BOOST_TEST(!latin1_safe(R"(\PL)"));
  BOOST_TEST(regex_options("\xe2\x9c\x96 x").encoding() == RE2::Options::EncodingUTF8);
}

// The bytes a Latin-1 program captures from UTF-8 text are the bytes the
// UTF-8 program captures: names, paths and messages with non-ASCII
// characters come out whole.
BOOST_AUTO_TEST_CASE(latin1_captures_utf8_text_whole) {
  const std::string pattern = R"(FAILED (?P<test>\S+) - (?P<message>[^(]+))";
  const std::string line =
      "FAILED tests/test_\xc3\xa9t\xc3\xa9.py::test_caf\xc3\xa9 - AssertionError: \xe2\x9c\x96 no (x)";
  const RE2 latin1(pattern, regex_options(pattern));
  RE2::Options utf8_opts;
  const RE2 utf8(pattern, utf8_opts);
  BOOST_REQUIRE(latin1.ok());
  BOOST_REQUIRE(latin1.options().encoding() == RE2::Options::EncodingLatin1);
  std::string a_test, a_message, b_test, b_message;
  BOOST_REQUIRE(RE2::PartialMatch(line, latin1, &a_test, &a_message));
  BOOST_REQUIRE(RE2::PartialMatch(line, utf8, &b_test, &b_message));
  BOOST_TEST(a_test == b_test);
  BOOST_TEST(a_message == b_message);
  BOOST_TEST(a_test == "tests/test_\xc3\xa9t\xc3\xa9.py::test_caf\xc3\xa9");
}

// Every built-in pattern compiles under the options it gets.
BOOST_AUTO_TEST_CASE(builtin_patterns_compile_with_their_options) {
  const RuleSet rules = builtin_rules();
  std::size_t latin1 = 0, utf8 = 0;
  for (const Rule& rule : rules.rules)
    for (const auto& re : rule.patterns) {
      const RE2 compiled(re, regex_options(re));
      BOOST_TEST(compiled.ok(), rule.id << ": " << re);
      (compiled.options().encoding() == RE2::Options::EncodingLatin1 ? latin1 : utf8) += 1;
    }
  BOOST_TEST(latin1 > 10 * utf8);  // nearly all rule patterns are plain ASCII
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_rules_regex_options_test
