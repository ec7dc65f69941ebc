// Golden tests, in one process: each log under err/ and ok/ must produce
// exactly the committed JSON and Markdown of `ci-triage analyze --no-patches`
// (scripts/update-goldens.sh regenerates them with the binary, for review);
// logs under ok/ (jobs that passed) must have no error finding. Run from the
// repository root (ctest sets the directory): reports name the log by the path
// given, as the binary does.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/analyze.h"
#include "report/report.h"
#include "rules/rule_loader.h"

namespace golden_golden_test {

using namespace ci_triage;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> logs_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".log") out.push_back(dir + "/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The first differing line, with its neighbours: enough to see what changed.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int n = 1;; ++n) {
    const bool ea = !std::getline(a, la), eb = !std::getline(b, lb);
    if (ea && eb) return "(equal)";
    if (ea || eb || la != lb)
      return "line " + std::to_string(n) + ":\n  want: " + (ea ? "(end)" : la) +
             "\n  got:  " + (eb ? "(end)" : lb);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(every_log_gives_its_committed_json_and_markdown) {
  BOOST_REQUIRE_MESSAGE(std::filesystem::is_directory("tests/golden/expected"),
                        "run from the repository root (ctest does)");
  Engine engine(load_rule_set({}, true));
  std::size_t checks = 0;
  for (const std::string dir : {"tests/golden/err", "tests/golden/ok"})
    for (const std::string& log : logs_in(dir)) {
      const Report report = triage_logs(engine, {log}, Checkout{});
      const std::string name = std::filesystem::path(log).stem().string();
      std::ostringstream json, md;
      write_json(report, json);
      write_markdown(report, md);
      for (const auto& [got, ext] : {std::pair{json.str(), ".json"}, std::pair{md.str(), ".md"}}) {
        const std::string want = read_file("tests/golden/expected/" + name + ext);
        BOOST_TEST(got == want, log << " differs from tests/golden/expected/" << name << ext << ", "
                                    << first_difference(want, got));
        ++checks;
      }
      if (dir == "tests/golden/ok") {
        for (const auto& job : report.jobs)
          BOOST_TEST(root_cause(job) == nullptr, log << ": a job that passed got an error finding");
        ++checks;
      }
    }
  BOOST_TEST(checks >= 60u, "golden: only " << checks << " checks");
  BOOST_TEST_MESSAGE("golden: " << checks << " checks passed");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace golden_golden_test
