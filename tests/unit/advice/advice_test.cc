// Findings → what to tell people: templates with fields, shell arguments.
#include "advice/advice.h"

#include <boost/test/unit_test.hpp>

using namespace ci_triage;

BOOST_AUTO_TEST_SUITE(advice)

BOOST_AUTO_TEST_CASE(templates_give_shell_arguments) {
  Finding f;
  f.fields["test_ids"] = std::vector<std::string>{"t.py::a[x-y]", "t.py::b", "it's"};
  BOOST_TEST(render_template("pytest {test_ids:sh} -x", f) == "pytest 't.py::a[x-y]' t.py::b 'it'\\''s' -x");
  BOOST_TEST(render_template("pytest {missing:sh|<ids>}", f) == "pytest <ids>");
}

BOOST_AUTO_TEST_SUITE_END()
