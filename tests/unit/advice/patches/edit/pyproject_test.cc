// pyproject.toml: PEP 621, Poetry, mypy and pytest tables edited in place.
#include "advice/patches/edit/pyproject.h"

#include <boost/test/unit_test.hpp>

#include "test_support.h"

namespace unit_advice_patches_edit_pyproject_test {

using namespace ci_triage;
using namespace ci_triage::patches;
using ci_triage::testing::fuzz_corpus;

namespace {

std::string edited(std::string_view text, EditResult (*edit)(TextFile&, std::string_view, std::string_view),
                   std::string_view a, std::string_view b = "") {
  TextFile f = TextFile::parse(text);
  const EditResult r = edit(f, a, b);
  BOOST_TEST_INFO("detail: " << r.detail);
  BOOST_TEST(static_cast<int>(r.status) == static_cast<int>(EditStatus::kEdited));
  return f.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pyproject)

BOOST_AUTO_TEST_CASE(pyproject_pep621_and_poetry) {
  // Multi-line array, last element without a comma, a comment kept.
  BOOST_TEST(edited("[project]\ndependencies = [\n  'attrs',  # x\n  'six'\n]\n", add_pep621_dependency,
                    "zope") == "[project]\ndependencies = [\n  'attrs',  # x\n  'six',\n  'zope'\n]\n");
  BOOST_TEST(edited("[project]\ndependencies = [\"b\", \"d\"]\n", add_pep621_dependency, "c") ==
             "[project]\ndependencies = [\"b\", \"d\", \"c\"]\n");
  BOOST_TEST(edited("[project]\ndependencies = []\n", add_pep621_dependency, "c") ==
             "[project]\ndependencies = [\"c\"]\n");
  BOOST_TEST(
      edited("[project]\ndependencies = []\n[project.optional-dependencies]\ndev = [\n  \"mypy\",\n]\n",
             add_pep621_dependency, "types-PyYAML", "dev") ==
      "[project]\ndependencies = []\n[project.optional-dependencies]\ndev = [\n  \"mypy\",\n  "
      "\"types-PyYAML\",\n]\n");
  TextFile bad = TextFile::parse("[project]\ndependencies = [\n  \"a\"\n  \"b\",\n]\n");
  const EditResult r = add_pep621_dependency(bad, "c");
  BOOST_TEST(static_cast<int>(r.status) == static_cast<int>(EditStatus::kUnparseable));
  BOOST_TEST(r.detail.find("line 4") != std::string::npos);
  BOOST_TEST(edited("[tool.poetry.dependencies]\npython = \"^3.11\"\nattrs = \"^22\"\nzope = \"*\"\n\n[x]\n",
                    add_poetry_dependency, "PyYAML") ==
             "[tool.poetry.dependencies]\npython = \"^3.11\"\nattrs = \"^22\"\nPyYAML = \"*\"\nzope = "
             "\"*\"\n\n[x]\n");
  BOOST_TEST(edited("[tool.poetry.dev-dependencies]\npytest = \"^7\"\n\n[build-system]\n",
                    add_poetry_dependency, "types-six", "dev") ==
             "[tool.poetry.dev-dependencies]\npytest = \"^7\"\ntypes-six = \"*\"\n\n[build-system]\n");
  const PyprojectLayout l =
      inspect_pyproject("[project]\ndynamic = [\"dependencies\"]\n[tool.mypy]\nstrict = true\n");
  BOOST_TEST(l.parses);
  BOOST_TEST(l.pep621_dynamic);
  BOOST_TEST(l.mypy);
  BOOST_TEST(!l.pep621_dependencies);
}

BOOST_AUTO_TEST_CASE(mypy_override_and_pytest_pythonpath) {
  TextFile toml = TextFile::parse("[tool.mypy]\nstrict = true\n\n[tool.black]\nx = 1\n");
  BOOST_TEST(static_cast<int>(add_mypy_override_toml(toml, {"docker"}).status) ==
             static_cast<int>(EditStatus::kEdited));
  BOOST_TEST(toml.str() ==
             "[tool.mypy]\nstrict = true\n\n[[tool.mypy.overrides]]\nmodule = [\"docker\", \"docker.*\"]\n"
             "ignore_missing_imports = true\n\n[tool.black]\nx = 1\n");
  BOOST_TEST(static_cast<int>(add_mypy_override_toml(toml, {"docker"}).status) ==
             static_cast<int>(EditStatus::kPresent));
  TextFile unsorted =
      TextFile::parse("[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\naddopts = \"-q\"\n");
  add_pytest_pythonpath_toml(unsorted, "src");  // keys in file order are not sorted: appended
  BOOST_TEST(
      unsorted.str() ==
      "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\naddopts = \"-q\"\npythonpath = [\"src\"]\n");
  TextFile pp = TextFile::parse("[tool.pytest.ini_options]\npythonpath = [\"lib\"]\n");
  add_pytest_pythonpath_toml(pp, "src");
  BOOST_TEST(pp.str() == "[tool.pytest.ini_options]\npythonpath = [\"lib\", \"src\"]\n");
}

BOOST_AUTO_TEST_SUITE_END()

// Hostile input (issue 11).
BOOST_AUTO_TEST_SUITE(pyproject_hostile)

BOOST_AUTO_TEST_CASE(toml_bugs_are_unreachable_and_give_the_clean_error) {
  auto comma = inspect_pyproject(fuzz_corpus("pyproject/pyproject-comma-table-header.toml"));
  BOOST_TEST(!comma.parses);
  BOOST_TEST(comma.error == "line 6: expected bare key starting character or string delimiter, saw ','");
  BOOST_TEST(!inspect_pyproject(fuzz_corpus("pyproject/toml-assert-parse_key-comma.toml")).parses);
  auto feea = inspect_pyproject(fuzz_corpus("pyproject/toml-ub-unreachable-U+FEEA.toml"));
  BOOST_TEST(!feea.parses);
  BOOST_TEST(feea.error == "line 1: expected ASCII characters outside strings and comments");
  for (const char* bad : {"\xC3\xA9 = 1\n", "a = 1 \xC2\xA1\n", "a = \"\"\"x\\  \n \xC3\xA9\"\"\"\n",
                          "a = \"\"\"\\\xC3\xA9\"\"\"\n", "[ [ ,x]]\n", "[\t\"]\n[,]\n", "[[[project]\n",
                          "[\n", "[[\n", "a = [}]\n", "a = [1,}]\n", "a = [\n#c\n}]\n"})
    BOOST_TEST(!inspect_pyproject(bad).parses, bad);
  // toml++ looks for whitespace past a value into the next token: a non-ASCII
  // character inside a string right after a malformed value (`=6["setΙ`).
  auto iota = inspect_pyproject(fuzz_corpus("pyproject/toml-ub-unreachable-lookahead-U+0399.toml"));
  BOOST_TEST(!iota.parses);
  BOOST_TEST(iota.error == "line 4: invalid UTF-8");  // its \xF5; the valid form is below
  for (const char* bad : {"a =6[\"\xCE\x99\"]\n", "a = 1\"\xC2\xA1\"\n", "a = \"\xF5\"\n", "a = \"\xC3\"\n",
                          "# \xED\xA0\x80\n", "a = \"\xC0\xAF\"\n"})
    BOOST_TEST(!inspect_pyproject(bad).parses, bad);
  BOOST_TEST(inspect_pyproject("a = \"\xC3\"\n").error == "line 1: invalid UTF-8");
  // Non-ASCII before an array on its line: the element goes after the last one
  // (toml++'s columns count characters; the editors index bytes).
  BOOST_TEST(edited("[project]\ndependencies = [\"\xC3\xA9t\xC3\xA9\", \"b\"]\n", add_pep621_dependency,
                    "c") == "[project]\ndependencies = [\"\xC3\xA9t\xC3\xA9\", \"b\", \"c\"]\n");
  // Valid TOML still parses: non-ASCII in strings and comments, arrays of arrays, a BOM.
  auto ok = inspect_pyproject(
      "\xEF\xBB\xBF# caf\xC3\xA9\n[project]\nname = \"caf\xC3\xA9\"  # \xE2\x80\xAE\ndependencies = [\n  "
      "\"requests\",\n]\nx = [\n [+1, 2],\n]\ny = '''\n[,not a header]\n'''\nz = \"\"\"a\\\n   b\"\"\"\n"
      "[tool.mypy]\n");
  BOOST_TEST(ok.parses, ok.error);
  BOOST_TEST(ok.mypy);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_edit_pyproject_test
