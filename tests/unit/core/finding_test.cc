// The one diagnostic type: the root cause of a job, typed field access.
#include "core/finding.h"

#include <boost/test/unit_test.hpp>

namespace unit_core_finding_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(finding)

BOOST_AUTO_TEST_CASE(root_cause_is_the_first_error_finding) {
  JobReport job;
  BOOST_TEST(root_cause(job) == nullptr);
  Finding advisory;
  advisory.severity = Severity::kWarning;
  job.findings.push_back(advisory);
  BOOST_TEST(root_cause(job) == nullptr);  // advisories never explain a failure
  Finding error;
  error.category = "imports";
  job.findings.insert(job.findings.begin(), error);
  job.findings.push_back(error);
  BOOST_TEST(root_cause(job) == &job.findings.front());
}

BOOST_AUTO_TEST_CASE(fields_as_string_and_list) {
  Finding f;
  f.fields["module"] = std::string("yaml");
  f.fields["count"] = 3.0;
  f.fields["ids"] = std::vector<std::string>{"a", "", "b"};
  BOOST_TEST(field_string(f, "module") == "yaml");
  BOOST_TEST(field_string(f, "count").empty());
  BOOST_TEST(field_string(f, "missing").empty());
  BOOST_TEST(field_list(f, "module") == std::vector<std::string>{"yaml"}, boost::test_tools::per_element());
  BOOST_TEST(field_list(f, "ids") == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
  BOOST_TEST(field_list(f, "count").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_core_finding_test
