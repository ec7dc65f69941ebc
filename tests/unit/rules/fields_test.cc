#include "rules/fields.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <variant>

#include "rules/rule.h"

namespace unit_rules_fields_test {

using namespace ci_triage;

double number(FieldType type, std::string_view text) {
  FieldValue v;
  BOOST_REQUIRE(parse_field(type, text, v));
  return std::get<double>(v);
}

BOOST_AUTO_TEST_SUITE(field_typing)

BOOST_AUTO_TEST_CASE(durations_in_the_units_tools_print) {
  BOOST_TEST(number(FieldType::kDuration, "30s") == 30.0);
  BOOST_TEST(number(FieldType::kDuration, "1m30s") == 90.0);
  BOOST_TEST(number(FieldType::kDuration, "1m30") == 90.0);  // werf
  BOOST_TEST(number(FieldType::kDuration, "2h") == 7200.0);
  BOOST_TEST(number(FieldType::kDuration, "360 minutes") == 21600.0);
  BOOST_TEST(number(FieldType::kDuration, "1800") == 1800.0);
  BOOST_TEST(number(FieldType::kDuration, "15000 milliseconds") ==
             15.0);  // curl: (28) Operation timed out after …
  BOOST_TEST(number(FieldType::kDuration, "250ms") == 0.25);
  // curl waited a few milliseconds past its --max-time: the limit is the whole second.
  BOOST_TEST(number(FieldType::kDuration, "30003 milliseconds") == 30.0);
  BOOST_TEST(number(FieldType::kDuration, "1500 ms") == 1.5);
  FieldValue v;
  BOOST_TEST(!parse_field(FieldType::kDuration, "soon", v));
  // kubectl's and helm's `--timeout 0s` means no limit: no time-out expired.
  BOOST_TEST(!parse_field(FieldType::kDuration, "0s", v));
  BOOST_TEST(!parse_field(FieldType::kDuration, "0", v));
}

BOOST_AUTO_TEST_CASE(numbers_with_separators_percent_signs_and_decimal_commas) {
  BOOST_TEST(number(FieldType::kNumber, "41.67%") == 41.67);
  BOOST_TEST(number(FieldType::kNumber, "1,234") == 1234.0);  // thousands
  BOOST_TEST(number(FieldType::kNumber, "1,234,567") == 1234567.0);
  BOOST_TEST(number(FieldType::kNumber, "78,40%") == 78.4);  // scoverage in a German locale
  BOOST_TEST(number(FieldType::kNumber, "0,5") == 0.5);
  BOOST_TEST(number(FieldType::kNumber, "1,234.5") == 1234.5);
}

BOOST_AUTO_TEST_CASE(a_number_printed_rounded_then_precise_keeps_the_precise_one) {
  // coverage.py's `total of 69 is less than fail-under=80`, then pytest-cov's
  // `Total coverage: 69.06%` (a GitHub Actions job log of masto-rss).
  Rule rule;
  rule.fields = {{"coverage_percent", FieldType::kNumber}, {"threshold", FieldType::kNumber}};
  Fields fields;
  merge_captures(rule, {{"coverage_percent", "69"}, {"threshold", "80"}}, fields);
  merge_captures(rule, {{"coverage_percent", "69.06"}, {"threshold", "80.5"}}, fields);
  BOOST_TEST(std::get<double>(fields.at("coverage_percent")) == 69.06);
  BOOST_TEST(std::get<double>(fields.at("threshold")) == 80.5);
  // Another value, not the same one more precisely: the first stands.
  merge_captures(rule, {{"coverage_percent", "71.5"}}, fields);
  BOOST_TEST(std::get<double>(fields.at("coverage_percent")) == 69.06);
  Fields other;
  merge_captures(rule, {{"coverage_percent", "69"}}, other);
  merge_captures(rule, {{"coverage_percent", "70.5"}}, other);
  BOOST_TEST(std::get<double>(other.at("coverage_percent")) == 69.0);
}

BOOST_AUTO_TEST_CASE(numbers_and_strings) {
  BOOST_TEST(number(FieldType::kInt, "42") == 42.0);
  BOOST_TEST(number(FieldType::kNumber, "24.8") == 24.8);
  FieldValue v;
  BOOST_TEST(!parse_field(FieldType::kInt, "abc", v));
  BOOST_REQUIRE(parse_field(FieldType::kString, "  staging  ", v));
  BOOST_TEST(std::get<std::string>(v) == "staging");
  BOOST_TEST(!parse_field(FieldType::kString, "   ", v));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_rules_fields_test
