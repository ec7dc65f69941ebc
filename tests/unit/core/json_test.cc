// JSON with a bounded stack and depth: every JSON ci-triage reads goes through it.
#include "core/json.h"

#include <boost/test/unit_test.hpp>

#include "test_support.h"

namespace unit_core_json_test {

using namespace ci_triage;
using ci_triage::testing::nested_json;

BOOST_AUTO_TEST_SUITE(json_)

BOOST_AUTO_TEST_CASE(json_is_parsed_with_a_bounded_stack_and_depth) {
  rapidjson::Document doc;
  BOOST_TEST(json::parse(doc, nested_json(json::kMaxDepth)).empty());
  BOOST_TEST(json::parse(doc, nested_json(json::kMaxDepth + 1)).find("nested deeper than 128 levels") !=
             std::string::npos);
  // 1,000,000 levels: RapidJSON's recursive parser overflows the stack long before.
  const std::string e = json::parse(doc, nested_json(1'000'000));
  BOOST_TEST(e == "invalid JSON at byte 128: nested deeper than 128 levels");
  BOOST_TEST(doc.IsNull());
  BOOST_TEST(json::parse(doc, R"({"a": [1, {"b": "c"}]})").empty());
  BOOST_TEST(doc["a"][1]["b"].GetString() == std::string("c"));
  BOOST_TEST(!json::parse(doc, "{} {}").empty());
  BOOST_TEST(!json::parse(doc, "").empty());
  BOOST_TEST(!json::parse(doc, "[1,]").empty());
  BOOST_TEST(json::parse(doc, "// c\n[1,]", json::Syntax::kRelaxed).empty());
}

// Strings and whitespace are scanned 16 bytes at a time (RapidJSON's SIMD paths): escapes and
// quotes on either side of a block boundary, and a NUL read as the end of the text.
BOOST_AUTO_TEST_CASE(json_strings_across_scan_blocks) {
  rapidjson::Document doc;
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string lead(pad, 'x');
    const std::string text =
        "[\"" + lead + "\\\\d+\\\"q\\\" \\u00e9\", " + std::string(pad, ' ') + "\"" + lead + "\"]";
    BOOST_REQUIRE(json::parse(doc, text).empty());
    BOOST_TEST(doc[0].GetString() == lead + "\\d+\"q\" \xc3\xa9");
    BOOST_TEST(doc[1].GetString() == lead);
  }
  BOOST_TEST(json::parse(doc, std::string_view("[1]\0[2]", 7)).empty());  // as before: the NUL ends it
  BOOST_TEST(json::parse(doc, std::string_view("[\"a\0b\"]", 7)) ==
             "invalid JSON at byte 3: Missing a closing quotation mark in string.");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_core_json_test
