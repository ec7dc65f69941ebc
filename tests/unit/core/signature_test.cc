#include "core/signature.h"

#include <boost/test/unit_test.hpp>

namespace unit_core_signature_test {

using namespace ci_triage;

namespace {

Finding module_not_found(const std::string& module, double count, std::uint64_t line) {
  Finding f;
  f.category = "imports";
  f.rule = "python-module-not-found";
  f.step = {4, "Run python -m pytest -v"};
  f.fields["module"] = module;
  f.fields["exit_code"] = 2.0;
  f.fields["failed_count"] = count;
  f.evidence.push_back({line, "E   ModuleNotFoundError: No module named '" + module + "'"});
  return f;
}

}  // namespace

BOOST_AUTO_TEST_CASE(signature_ignores_what_differs_between_runs_of_one_failure) {
  const Finding a = module_not_found("yaml", 3, 137);
  Finding b = module_not_found("YAML", 5, 912);  // another run: other counts and lines
  b.step = {6, "Run python -m pytest -v"};
  BOOST_TEST(finding_signature(a) == finding_signature(b));
  BOOST_TEST(finding_fingerprint(a) == finding_fingerprint(b));
  BOOST_TEST(finding_fingerprint(a).size() == 16u);
  BOOST_TEST(finding_fingerprint(a) != finding_fingerprint(module_not_found("requests", 3, 137)));
}

BOOST_AUTO_TEST_CASE(signature_of_test_ids_is_order_free_and_urls_lose_their_query) {
  Finding a;
  a.rule = "pytest-failures";
  a.fields["test_ids"] = std::vector<std::string>{"tests/a.py::t1", "tests/b.py::t2"};
  Finding b = a;
  b.fields["test_ids"] = std::vector<std::string>{"tests/b.py::t2", "tests/a.py::t1", "tests/a.py::t1"};
  BOOST_TEST(finding_signature(a) == finding_signature(b));
  b.fields["test_ids"] = std::vector<std::string>{"tests/b.py::t2"};
  BOOST_TEST(finding_signature(a) != finding_signature(b));

  Finding u;
  u.rule = "smoke-http-status";
  u.fields["url"] = std::string("https://staging.example.com/healthz?ts=1733150000");
  Finding v = u;
  v.fields["url"] = std::string("https://staging.example.com/healthz?ts=1733159999");
  BOOST_TEST(finding_signature(u) == finding_signature(v));
}

BOOST_AUTO_TEST_CASE(signature_of_an_unrecognised_failure_is_its_step_without_numbers) {
  Finding a;
  a.rule = "unrecognized-failure";
  a.step = {3, "Run ./scripts/check.sh --shard 1"};
  a.fields["exit_code"] = 1.0;
  Finding b = a;
  b.step = {5, "Run ./scripts/check.sh --shard 2"};
  BOOST_TEST(finding_signature(a) == finding_signature(b));
  b.fields["exit_code"] = 2.0;
  BOOST_TEST(finding_signature(a) != finding_signature(b));
  b = a;
  b.step.name = "Run ./scripts/lint.sh";
  BOOST_TEST(finding_signature(a) != finding_signature(b));
}

}  // namespace unit_core_signature_test
