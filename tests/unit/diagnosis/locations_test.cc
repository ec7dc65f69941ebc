// Where a failure is: project paths, Python traceback frames, and the
// locations the engine gives findings on real logs of this repository.
#include "diagnosis/locations.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "app/analyze.h"
#include "rules/rule_loader.h"

namespace unit_diagnosis_locations_test {

using namespace ci_triage;

namespace {

const Finding& root_of(const Report& r) {
  BOOST_REQUIRE(!r.jobs.empty());
  const Finding* f = root_cause(r.jobs.front());
  BOOST_REQUIRE(f != nullptr);
  return *f;
}

Report triage(const std::string& rel) {
  static Engine engine(load_rule_set({}, true));
  return triage_logs(engine, {std::string(CI_TRIAGE_SOURCE_DIR) + "/" + rel}, Checkout{});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(locations)

BOOST_AUTO_TEST_CASE(project_paths_lose_the_workspace_and_exclude_what_is_installed) {
  BOOST_TEST(*project_path("/home/runner/work/app/app/src/x.py") == "src/x.py");
  BOOST_TEST(*project_path("/__w/app/app/src/x.py") == "src/x.py");
  BOOST_TEST(*project_path("/srv/actions-runner/_work/app/app/lib.rs") == "lib.rs");
  BOOST_TEST(*project_path("D:\\a\\app\\app\\src\\x.py") == "src/x.py");
  BOOST_TEST(*project_path("tests/test_a.py") == "tests/test_a.py");
  BOOST_TEST(!project_path("/usr/lib/python3/dist-packages/alembic/config.py"));
  BOOST_TEST(!project_path("/opt/hostedtoolcache/Python/3.11.2/x64/lib/python3.11/json/decoder.py"));
  BOOST_TEST(!project_path("/home/runner/work/app/app/.venv/lib/python3.12/site-packages/a.py"));
  BOOST_TEST(!project_path("node_modules/jest-circus/build/run.js"));
  BOOST_TEST(!project_path("<frozen importlib._bootstrap>"));
  BOOST_TEST(!project_path(""));
  BOOST_TEST(workspace_relative("/usr/include/stdio.h") == "/usr/include/stdio.h");
  BOOST_TEST(workspace_relative("/home/runner/work/app/app/a.c") == "a.c");
}

BOOST_AUTO_TEST_CASE(python_frames_give_file_and_line) {
  const auto f = python_frame("  File \"/home/runner/work/a/a/scripts/seed_db.py\", line 4, in <module>");
  BOOST_REQUIRE(f);
  BOOST_TEST(f->file == "/home/runner/work/a/a/scripts/seed_db.py");
  BOOST_TEST(f->line == 4);
  BOOST_TEST(!python_frame("ModuleNotFoundError: No module named 'dotenv'"));
  BOOST_TEST(!python_frame("  File \"x.py\", in f"));
}

BOOST_AUTO_TEST_CASE(three_mypy_errors_are_three_locations) {
  const Report r = triage("tests/golden/err/dev-mypy-assignment-call-arg.log");
  const Finding& f = root_of(r);
  BOOST_REQUIRE(f.locations.size() == 3u);
  BOOST_TEST(f.locations[0].file == "subscriptions/checkout.py");
  BOOST_TEST(f.locations[0].line == 3);
  BOOST_TEST(f.locations[1].line == 5);
  BOOST_TEST(f.locations[2].line == 6);
  BOOST_TEST(f.locations[1].message.find("Incompatible types in assignment") != std::string::npos);
  BOOST_TEST(f.locations[1].log_line == 124u);
}

BOOST_AUTO_TEST_CASE(a_traceback_is_located_at_its_innermost_project_frame) {
  // The script's own frame, three frames deep; not the dist-packages frames under it.
  const Report r1 = triage("tests/corpus/python/imports-script-sklearn-in-function.log");
  const Finding& imp = root_of(r1);
  BOOST_REQUIRE(imp.location);
  BOOST_TEST(imp.location->file == "scripts/build_report.py");
  BOOST_TEST(imp.location->line == 12);
  BOOST_REQUIRE(imp.locations.size() == 1u);
  // alembic's traceback: the migration, between alembic's and SQLAlchemy's frames.
  const Report r2 = triage("tests/golden/err/db-migration-unique-violation.log");
  const Finding& mig = root_of(r2);
  BOOST_REQUIRE(mig.location);
  BOOST_TEST(mig.location->file == "migrations/versions/20261003_5b2e9f81c0aa_unique_customer_email.py");
  BOOST_TEST(mig.location->line == 17);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_diagnosis_locations_test
