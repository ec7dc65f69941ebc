// The ci-triage/report@1 JSON (schemas/report-1.schema.json validates every report the tests make).
#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "core/json.h"
#include "report/report.h"
#include "report/sample_report.h"

namespace unit_report_json_report_test {

using namespace ci_triage;
using ci_triage::testing::sample_report;

BOOST_AUTO_TEST_SUITE(json_report)

BOOST_AUTO_TEST_CASE(json_report_follows_the_schema) {
  std::ostringstream out;
  write_json(sample_report(), out);
  rapidjson::Document d;
  BOOST_REQUIRE(json::parse(d, out.str()).empty());
  BOOST_TEST(std::string(d["schema"].GetString()) == "ci-triage/report@1");
  const auto& f = d["jobs"][0]["findings"][0];
  for (const char* k : {"category", "rule", "severity", "title", "summary", "step", "log_lines", "location",
                        "fields", "causes", "remedies", "patch"})
    BOOST_TEST(f.HasMember(k), "missing " << k);
  BOOST_TEST(f["log_lines"][0].GetInt() == 137);
  BOOST_TEST(f["fields"]["exit_code"].IsInt());
  BOOST_TEST(f["fields"]["test_ids"].IsArray());
  BOOST_TEST(f["location"]["line"].GetInt() == 3);
  BOOST_TEST(f["patch"].IsNull());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_report_json_report_test
