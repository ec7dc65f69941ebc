// Issue 11: hostile inputs must neither crash, stall nor speak for the attacker.
#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "advice/patches/python_files.h"
#include "core/error.h"
#include "core/json.h"
#include "core/text.h"
#include "log/log_parser.h"
#include "report/report.h"
#include "rules/rule_loader.h"
#include "sources/github.h"

using namespace ci_triage;
using namespace std::string_literals;

namespace {
std::string corpus(const std::string& name) {
  std::ifstream f(std::string(CI_TRIAGE_SOURCE_DIR) + "/tests/fuzz/corpus/" + name, std::ios::binary);
  BOOST_REQUIRE(f.good());
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}
std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }
}  // namespace

BOOST_AUTO_TEST_CASE(json_is_parsed_with_a_bounded_stack_and_depth) {
  rapidjson::Document doc;
  BOOST_TEST(json::parse(doc, nested(json::kMaxDepth)).empty());
  BOOST_TEST(json::parse(doc, nested(json::kMaxDepth + 1)).find("nested deeper than 128 levels") !=
             std::string::npos);
  // 1,000,000 levels: RapidJSON's recursive parser overflows the stack long before.
  const std::string e = json::parse(doc, nested(1'000'000));
  BOOST_TEST(e == "invalid JSON at byte 128: nested deeper than 128 levels");
  BOOST_TEST(doc.IsNull());
  BOOST_TEST(json::parse(doc, R"({"a": [1, {"b": "c"}]})").empty());
  BOOST_TEST(doc["a"][1]["b"].GetString() == std::string("c"));
  BOOST_TEST(!json::parse(doc, "{} {}").empty());
  BOOST_TEST(!json::parse(doc, "").empty());
  BOOST_TEST(!json::parse(doc, "[1,]").empty());
  BOOST_TEST(json::parse(doc, "// c\n[1,]", json::Syntax::kRelaxed).empty());
}

BOOST_AUTO_TEST_CASE(deeply_nested_rules_file_is_one_clear_error) {
  RuleSet set;
  try {
    load_rules(corpus("rules/deep-nesting-120k-rules.json"), "deep.json", set);
    BOOST_FAIL("accepted");
  } catch (const UsageError& e) {
    BOOST_TEST(std::string(e.what()).find("rules file deep.json: $: invalid JSON at byte") == 0);
    BOOST_TEST(std::string(e.what()).find("nested deeper than 128 levels") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(deeply_nested_api_answers_and_event_degrade) {
  std::vector<github::Job> jobs;
  const auto err =
      github::parse::jobs_page(corpus("github/deep-nesting-jobs-list-body.json"), "listing", jobs);
  BOOST_REQUIRE(err.has_value());
  BOOST_TEST(err->message.find("nested deeper than 128 levels") != std::string::npos);
  BOOST_TEST(!github::parse::comment(nested(200'000), "commenting").ok());
  BOOST_TEST(!github::parse::pulls(nested(200'000), "pulls").ok());
  github::Context c;
  std::vector<std::string> notes;
  github::parse::event("{\"pull_request\":" + nested(200'000) + "}", c, notes);
  BOOST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(notes[0].find("nested deeper than 128 levels") != std::string::npos);
  BOOST_TEST(!c.pr_number.has_value());
}

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

BOOST_AUTO_TEST_CASE(nul_notice_does_not_depend_on_chunking) {
  const std::string log = "a\0b\nerror\n"s;
  LogParser whole;
  whole.feed(log, [](const Batch&) {});
  LogParser split;
  for (char c : log) split.feed(std::string_view(&c, 1), [](const Batch&) {});
  BOOST_TEST(whole.model().binary);
  BOOST_TEST(split.model().binary);
  LogParser late;  // past the probe: a text log with one NUL, not binary
  late.feed(std::string(LogParser::kBinaryProbe, 'x') + "\n", [](const Batch&) {});
  late.feed("\0\n"s, [](const Batch&) {});
  BOOST_TEST(!late.model().binary);
}

BOOST_AUTO_TEST_CASE(toml_bugs_are_unreachable_and_give_the_clean_error) {
  auto comma = patches::inspect_pyproject(corpus("pyproject/pyproject-comma-table-header.toml"));
  BOOST_TEST(!comma.parses);
  BOOST_TEST(comma.error == "line 6: expected bare key starting character or string delimiter, saw ','");
  BOOST_TEST(!patches::inspect_pyproject(corpus("pyproject/toml-assert-parse_key-comma.toml")).parses);
  auto feea = patches::inspect_pyproject(corpus("pyproject/toml-ub-unreachable-U+FEEA.toml"));
  BOOST_TEST(!feea.parses);
  BOOST_TEST(feea.error == "line 1: expected ASCII characters outside strings and comments");
  for (const char* bad : {"\xC3\xA9 = 1\n", "a = 1 \xC2\xA1\n", "a = \"\"\"x\\  \n \xC3\xA9\"\"\"\n",
                          "a = \"\"\"\\\xC3\xA9\"\"\"\n", "[ [ ,x]]\n", "[\t\"]\n[,]\n", "[[[project]\n",
                          "[\n", "[[\n", "a = [}]\n", "a = [1,}]\n", "a = [\n#c\n}]\n"})
    BOOST_TEST(!patches::inspect_pyproject(bad).parses, bad);
  // Valid TOML still parses: non-ASCII in strings and comments, arrays of arrays, a BOM.
  auto ok = patches::inspect_pyproject(
      "\xEF\xBB\xBF# caf\xC3\xA9\n[project]\nname = \"caf\xC3\xA9\"  # \xE2\x80\xAE\ndependencies = [\n  "
      "\"requests\",\n]\nx = [\n [+1, 2],\n]\ny = '''\n[,not a header]\n'''\nz = \"\"\"a\\\n   b\"\"\"\n"
      "[tool.mypy]\n");
  BOOST_TEST(ok.parses, ok.error);
  BOOST_TEST(ok.mypy);
}
