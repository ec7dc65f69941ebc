#include "rules/fields.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <variant>

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
  FieldValue v;
  BOOST_TEST(!parse_field(FieldType::kDuration, "soon", v));
  // kubectl's and helm's `--timeout 0s` means no limit: no time-out expired.
  BOOST_TEST(!parse_field(FieldType::kDuration, "0s", v));
  BOOST_TEST(!parse_field(FieldType::kDuration, "0", v));
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
