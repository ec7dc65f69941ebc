#include "rules/rule_image.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "rules/embedded.h"
#include "rules/rule_loader.h"

namespace unit_rules_rule_image_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(rule_image)

// The built-in set the binary starts from is the one the build loaded from rules/*.json: every
// member of every rule, context, extractor and vocabulary word survives the image (a member
// left out of rule_image.cc's list would keep its default here and differ).
BOOST_AUTO_TEST_CASE(the_embedded_image_is_the_json_rule_set) {
  const RuleSet from_json = builtin_rules();
  BOOST_TEST_REQUIRE(!embedded::rule_set_image().empty());
  const auto from_image = deserialize_rule_set(embedded::rule_set_image());
  BOOST_TEST_REQUIRE(from_image.has_value());
  BOOST_TEST(from_image->rules.size() == from_json.rules.size());
  for (std::size_t i = 0; i < from_json.rules.size() && i < from_image->rules.size(); ++i)
    BOOST_TEST((from_image->rules[i] == from_json.rules[i]), "rule " << from_json.rules[i].id);
  BOOST_TEST((*from_image == from_json));
  BOOST_TEST((builtin_rules(embedded::rule_set_image()) == from_json));
}

BOOST_AUTO_TEST_CASE(every_kind_of_member_round_trips) {
  RuleSet set;
  Rule r;
  r.id = "x";
  r.severity = Severity::kNotice;
  r.priority = -3;
  r.fields = {{"n", FieldType::kDuration}, {"l", FieldType::kList}};
  r.constants = {{"s", std::string("v")}, {"d", 41.67}, {"l", std::vector<std::string>{"a", "b"}}};
  r.remedies = {Remedy{"do {n}", {{"tool", "^x$"}}, true}};
  r.derive = {{"failed_count", "count:test_ids"}};
  r.keep_last = true;
  set.rules.push_back(r);
  set.contexts.push_back(
      StepContext{"c", "tests", "pytest", "python", "t", {"a"}, {"u"}, {"o"}, {}, true, "f"});
  set.extractors.push_back(
      FieldExtractor{"url", FieldType::kString, {"p"}, {"evidence"}, {"tests"}, true, "f"});
  set.vocabulary.push_back(VocabularyWord{"coverage", "p", "w", "n", true, "f"});
  set.vocabulary_marker = "(?i)error";
  const auto back = deserialize_rule_set(serialize_rule_set(set));
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST((*back == set));
  // builtin_rules() starts from the image it is given, not from the JSON beside it.
  BOOST_TEST((builtin_rules(serialize_rule_set(set)) == set));
}

BOOST_AUTO_TEST_CASE(a_broken_image_is_refused_not_read) {
  const std::string bytes = serialize_rule_set(builtin_rules());
  BOOST_TEST(!deserialize_rule_set(""));
  BOOST_TEST(!deserialize_rule_set("CIRS"));
  BOOST_TEST(!deserialize_rule_set(bytes.substr(0, bytes.size() / 2)));  // truncated
  BOOST_TEST(!deserialize_rule_set(bytes + "x"));                        // trailing bytes
  std::string other_version = bytes;
  other_version[4] = static_cast<char>(other_version[4] + 1);
  BOOST_TEST(!deserialize_rule_set(other_version));
  std::string huge_count = bytes.substr(0, 8) + std::string("\xff\xff\xff\x7f", 4);
  BOOST_TEST(!deserialize_rule_set(huge_count));  // a count the bytes cannot hold: no allocation
  // Without an image the JSON is loaded: the same set.
  BOOST_TEST((builtin_rules("not an image") == builtin_rules()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_rules_rule_image_test
