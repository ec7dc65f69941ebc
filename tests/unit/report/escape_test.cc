// Escaping of untrusted log text for workflow commands and Markdown (one place: escape::).
#include <boost/test/unit_test.hpp>

#include "report/report.h"
#include "report/sample_report.h"

namespace unit_report_escape_test {

using namespace ci_triage;
using ci_triage::testing::sample_report;

BOOST_AUTO_TEST_SUITE(escape_)

BOOST_AUTO_TEST_CASE(workflow_command_escaping_makes_log_text_inert) {
  BOOST_TEST(escape::command_data("50% done\r\nnext") == "50%25 done%0D%0Anext");
  BOOST_TEST(escape::command_property("a:b,c") == "a%3Ab%2Cc");
  // The legacy parser finds "##[" anywhere in a line: it must not survive.
  const std::string d = escape::command_data("x ##[group]evil ::add-mask::secret");
  BOOST_TEST(d.find("##[") == std::string::npos);
  BOOST_TEST(d.find("add-mask") != std::string::npos);  // still readable
}

BOOST_AUTO_TEST_CASE(markdown_escaping) {
  BOOST_TEST(escape::markdown_inline("<img src=x> @octocat *b*") ==
             "&lt;img src=x&gt; @\xE2\x80\x8Boctocat \\*b\\*");
  BOOST_TEST(escape::markdown_fence("no ticks") == "```");
  BOOST_TEST(escape::markdown_fence("a ````` b") == "``````");
  BOOST_TEST(escape::markdown_text("run `pip install <x>` for @me") ==
             "run `pip install <x>` for @\xE2\x80\x8Bme");
}

BOOST_AUTO_TEST_SUITE_END()

// Hostile input (issue 11).
BOOST_AUTO_TEST_SUITE(escape_hostile)

BOOST_AUTO_TEST_CASE(log_text_in_markdown_never_autolinks_or_references) {
  const std::string zwsp = "\xE2\x80\x8B";
  BOOST_TEST(escape::markdown_inline("see https://evil.example/x") == "see https\\://evil.example/x");
  BOOST_TEST(escape::markdown_inline("ftp://x") == "ftp\\://x");
  BOOST_TEST(escape::markdown_inline("mailto:a") == "mailto\\:a");
  BOOST_TEST(escape::markdown_inline("www.evil.example") == "www\\.evil.example");
  BOOST_TEST(escape::markdown_inline("WWW.evil.example") == "WWW\\.evil.example");
  BOOST_TEST(escape::markdown_inline("a.b@evil.example") == "a.b@" + zwsp + "evil.example");
  BOOST_TEST(escape::markdown_inline("octo/repo#12") == "octo/repo\\#" + zwsp + "12");
  BOOST_TEST(escape::markdown_inline("fixes #3") == "fixes \\#" + zwsp + "3");
  BOOST_TEST(escape::markdown_inline("# x") == "\\# x");
  BOOST_TEST(escape::markdown_inline("GH-7 gh-8 a-9") == "GH-" + zwsp + "7 gh-" + zwsp + "8 a-9");
  BOOST_TEST(escape::markdown_inline("ratio 1:2, 10:30") == "ratio 1:2, 10:30");
  // Code spans of our templates stay inert code spans.
  BOOST_TEST(escape::markdown_text("run `curl https://x.example` then https://y.example") ==
             "run `curl https://x.example` then https\\://y.example");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_report_escape_test
