// run_cli: exit codes and the one-line error, printed once.
#include "app/cli.h"

#include <boost/test/unit_test.hpp>
#include <sstream>

namespace unit_app_cli_test {

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(cli_exit_codes) {
  std::ostringstream out, err;
  BOOST_TEST(run_cli({}, out, err) == 2);
  BOOST_TEST(run_cli({"analyze", "--format", "pdf", "x.log"}, out, err) == 2);
  BOOST_TEST(run_cli({"analyze", "/definitely/missing.log"}, out, err) == 1);
  BOOST_TEST(err.str().find("ci-triage: error: reading /definitely/missing.log") != std::string::npos);
  BOOST_TEST(run_cli({"--version"}, out, err) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_app_cli_test
