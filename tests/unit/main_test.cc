#define BOOST_TEST_MODULE ci_triage
#include <boost/test/unit_test.hpp>
