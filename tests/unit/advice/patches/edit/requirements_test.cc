// Requirements files: parsed as pip reads them, edited in sorted position.
#include "advice/patches/edit/requirements.h"

#include <boost/test/unit_test.hpp>

#include "advice/patches/edit/python_names.h"

namespace unit_advice_patches_edit_requirements_test {

using namespace ci_triage;
using namespace ci_triage::patches;

namespace {

std::string edited(std::string_view text, EditResult (*edit)(TextFile&, std::string_view, std::string_view),
                   std::string_view a, std::string_view b = "") {
  TextFile f = TextFile::parse(text);
  const EditResult r = edit(f, a, b);
  BOOST_TEST_INFO("detail: " << r.detail);
  BOOST_TEST(static_cast<int>(r.status) == static_cast<int>(EditStatus::kEdited));
  return f.str();
}

EditResult add_req(TextFile& f, std::string_view dist, std::string_view) { return add_requirement(f, dist); }

}  // namespace

BOOST_AUTO_TEST_SUITE(requirements)

BOOST_AUTO_TEST_CASE(requirements_files) {
  BOOST_TEST(normalize_dist("Flask_Migrate") == "flask-migrate");
  BOOST_TEST(normalize_dist("PyYAML") == "pyyaml");
  const Requirements r =
      parse_requirements(TextFile::parse("# comment\n-r base.txt\n--requirement=dev.txt  # dev\n-c "
                                         "constraints.txt\nclick==8.1 ; python_version>'3'\n"
                                         "git+https://x/y.git\n./local\nattrs[tests]>=22\n"));
  BOOST_TEST(r.includes == (std::vector<std::string>{"base.txt", "dev.txt"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(r.entries.size() == 2u);
  BOOST_TEST(r.entries[0].name == "click");
  BOOST_TEST(r.entries[0].pinned);
  BOOST_TEST(r.entries[1].name == "attrs");
  // sorted → sorted position; unsorted → after the last entry; CRLF kept.
  BOOST_TEST(edited("attrs\nclick\nsix\n", add_req, "PyYAML") == "attrs\nclick\nPyYAML\nsix\n");
  BOOST_TEST(edited("six\nattrs\n\n# end\n", add_req, "PyYAML") == "six\nattrs\nPyYAML\n\n# end\n");
  BOOST_TEST(edited("b==1\r\na==2\r\n", add_req, "c") == "b==1\r\na==2\r\nc\r\n");
  TextFile present = TextFile::parse("pyyaml>=6\n");
  BOOST_TEST(static_cast<int>(add_requirement(present, "PyYAML").status) ==
             static_cast<int>(EditStatus::kPresent));
  TextFile hashed = TextFile::parse("six==1.16.0 \\\n    --hash=sha256:abc\n");
  BOOST_TEST(static_cast<int>(add_requirement(hashed, "PyYAML").status) ==
             static_cast<int>(EditStatus::kUnsupported));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_edit_requirements_test
