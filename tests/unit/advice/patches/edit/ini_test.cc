// INI files as configparser reads them: mypy overrides, setup.cfg lists, pytest pythonpath.
#include "advice/patches/edit/ini.h"

#include <boost/test/unit_test.hpp>

namespace unit_advice_patches_edit_ini_test {

using namespace ci_triage;
using namespace ci_triage::patches;

BOOST_AUTO_TEST_SUITE(ini)

BOOST_AUTO_TEST_CASE(mypy_override_list_items_and_pytest_pythonpath) {
  TextFile ini = TextFile::parse("[mypy]\nstrict = True\n\n\n");
  add_mypy_override_ini(ini, {"execnet", "hvac"});
  BOOST_TEST(ini.str() ==
             "[mypy]\nstrict = True\n\n[mypy-execnet.*,hvac.*]\nignore_missing_imports = True\n\n\n");
  BOOST_TEST(static_cast<int>(add_mypy_override_ini(ini, {"hvac"}).status) ==
             static_cast<int>(EditStatus::kPresent));
  TextFile nomypy = TextFile::parse("[flake8]\nx = 1\n");
  BOOST_TEST(static_cast<int>(add_mypy_override_ini(nomypy, {"a"}).status) ==
             static_cast<int>(EditStatus::kMissing));
  TextFile cfg = TextFile::parse("[options]\ninstall_requires =\n    b\n    d\n[x]\n");
  add_ini_list_item(cfg, "options", "install_requires", "c>=1");
  BOOST_TEST(cfg.str() == "[options]\ninstall_requires =\n    b\n    c>=1\n    d\n[x]\n");
  BOOST_TEST(
      ini_values(cfg, "options", "install_requires").value() == (std::vector<std::string>{"b", "c>=1", "d"}),
      boost::test_tools::per_element());
  TextFile pytest_ini = TextFile::parse("[pytest]\npythonpath = lib\naddopts = -q\n");
  add_pytest_pythonpath_ini(pytest_ini, "pytest", "src");
  BOOST_TEST(pytest_ini.str() == "[pytest]\npythonpath = lib src\naddopts = -q\n");
  TextFile setup_cfg = TextFile::parse("[tool:pytest]\naddopts = -q\n\n[flake8]\n");
  add_pytest_pythonpath_ini(setup_cfg, "tool:pytest", "src");
  BOOST_TEST(setup_cfg.str() == "[tool:pytest]\naddopts = -q\npythonpath = src\n\n[flake8]\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_edit_ini_test
