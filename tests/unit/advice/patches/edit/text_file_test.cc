// TextFile keeps every byte it does not edit; unified diffs git apply accepts.
#include "advice/patches/edit/text_file.h"

#include <boost/test/unit_test.hpp>

namespace unit_advice_patches_edit_text_file_test {

using namespace ci_triage;
using namespace ci_triage::patches;

BOOST_AUTO_TEST_SUITE(text_file)

BOOST_AUTO_TEST_CASE(text_file_round_trips_bytes) {
  for (std::string s : {"a\nb\n", "a\r\nb\r\n", "a\nb", "", "x\r\ny\nz"})
    BOOST_TEST(TextFile::parse(s).str() == s);
  TextFile crlf = TextFile::parse("a\r\nb");
  BOOST_TEST(crlf.eol() == "\r\n");
  crlf.insert(2, "c");  // after a last line without newline: that property moves to the new line
  BOOST_TEST(crlf.str() == "a\r\nb\r\nc");
}

BOOST_AUTO_TEST_CASE(unified_diff_is_minimal_and_marks_missing_newlines) {
  const TextFile a = TextFile::parse("1\n2\n3\n4\n5\n6\n7\n8\n9\n");
  TextFile b = a;
  b.insert(5, "new");
  BOOST_TEST(unified_diff("f.txt", a, b) ==
             "diff --git a/f.txt b/f.txt\n--- a/f.txt\n+++ b/f.txt\n@@ -3,6 +3,7 @@\n 3\n 4\n 5\n+new\n 6\n "
             "7\n 8\n");
  BOOST_TEST(unified_diff("f.txt", a, a).empty());
  // Two distant edits are two hunks.
  TextFile c = TextFile::parse("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
  TextFile d = c;
  d.replace(0, "one");
  d.replace(11, "twelve");
  const std::string two = unified_diff("n", c, d);
  BOOST_TEST(two.find("@@ -1,4 +1,4 @@") != std::string::npos);
  BOOST_TEST(two.find("@@ -9,4 +9,4 @@") != std::string::npos);
  const TextFile e = TextFile::parse("x");
  TextFile f2 = e;
  f2.insert(1, "y");
  BOOST_TEST(
      unified_diff("e", e, f2) ==
      "diff --git a/e b/e\n--- a/e\n+++ b/e\n@@ -1,1 +1,2 @@\n-x\n\\ No newline at end of file\n+x\n+y\n"
      "\\ No newline at end of file\n");
  BOOST_TEST(
      new_file_diff(".dockerignore", TextFile::parse("data/\n")) ==
      "diff --git a/.dockerignore b/.dockerignore\nnew file mode 100644\n--- /dev/null\n+++ b/.dockerignore\n"
      "@@ -0,0 +1,1 @@\n+data/\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_edit_text_file_test
