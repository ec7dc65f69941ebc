#include "log/exit_lines.h"

#include <boost/test/unit_test.hpp>

namespace unit_log_exit_lines_test {

using namespace ci_triage::exit_lines;

// The runner's own line: only a non-zero code with nothing after it is the bare failure line.
BOOST_AUTO_TEST_CASE(the_runner_exit_line) {
  BOOST_TEST(is_bare_exit_line("Process completed with exit code 2."));
  BOOST_TEST(!is_bare_exit_line("Process completed with exit code 0."));
  BOOST_TEST(!is_bare_exit_line("Process completed with exit code 2. More"));
  BOOST_TEST(runner_exit_code("Process completed with exit code 137.").value_or(-1) == 137);
  BOOST_TEST(runner_exit_code("The process '/usr/bin/git' failed with exit code 128").value_or(-1) == 128);
  BOOST_TEST(runner_exit_code("Bash exited with code '1'.").value_or(-1) == 1);
  BOOST_TEST(!runner_exit_code("exit code 1 is what the docs say").has_value());
  BOOST_TEST(leading_code("1234567").value_or(-1) == 123456);  // at most 6 digits
  BOOST_TEST(!leading_code("x1").has_value());
}

// Other systems' verdicts, as real logs print them (the parser's tests cover them in context).
BOOST_AUTO_TEST_CASE(other_systems_verdicts) {
  BOOST_TEST(travis_command_exit("The command \"npm test\" exited with 0.").value_or(-1) == 0);
  BOOST_TEST(travis_command_exit("The command \"npm test\" exited with 3.").value_or(-1) == 3);
  BOOST_TEST(circleci_step_exit("CircleCI received exit code 0").value_or(-1) == 0);
  BOOST_TEST(circleci_step_exit("CircleCI received exit code 137").value_or(-1) == 137);
  BOOST_TEST(!circleci_step_exit("CircleCI received exit code 1 from the orb").has_value());
  BOOST_TEST(
      ansible_recap_failed("web1 : ok=5 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0")
          .value_or(false));
  BOOST_TEST(
      !ansible_recap_failed("web1 : ok=5 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0")
           .value_or(true));
  BOOST_TEST(!ansible_recap_failed("just a line").has_value());
  BOOST_TEST(buildkit_all_done("[+] Building 72.9s (30/30) FINISHED"));
  BOOST_TEST(!buildkit_all_done("[+] Building 72.9s (29/30)"));
  BOOST_TEST(other_ci_exit_code("ERROR: Job failed: exit code 3").value_or(-1) == 3);
  BOOST_TEST(other_ci_exit_code("==> Exited with status 1").value_or(-1) == 1);
  BOOST_TEST(other_ci_exit_code("  mypy: FAIL code 1 (54.50=setup[51.87]+cmd[2.63] seconds)").value_or(-1) ==
             1);
  BOOST_TEST(!other_ci_exit_code("Exit code: 0").has_value());
  BOOST_TEST(!other_ci_exit_code("note: exit 4 (see the docs)").has_value());
}

}  // namespace unit_log_exit_lines_test
