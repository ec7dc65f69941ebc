// Line-preserving edits and diffs of the patch generators (src/advice/patches).
#include "advice/patches.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "advice/advice.h"
#include "advice/patches/python_files.h"
#include "advice/patches/text_file.h"
#include "advice/patches/workflow.h"
#include "report/report.h"

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

// A throwaway repository on disk.
struct TempRepo {
  std::filesystem::path root;
  TempRepo() {
    root = std::filesystem::temp_directory_path() /
           ("ci-triage-patches-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
  }
  ~TempRepo() { std::filesystem::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
};

}  // namespace

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

BOOST_AUTO_TEST_CASE(mypy_and_pytest_config_edits) {
  TextFile toml = TextFile::parse("[tool.mypy]\nstrict = true\n\n[tool.black]\nx = 1\n");
  BOOST_TEST(static_cast<int>(add_mypy_override_toml(toml, {"docker"}).status) ==
             static_cast<int>(EditStatus::kEdited));
  BOOST_TEST(toml.str() ==
             "[tool.mypy]\nstrict = true\n\n[[tool.mypy.overrides]]\nmodule = [\"docker\", \"docker.*\"]\n"
             "ignore_missing_imports = true\n\n[tool.black]\nx = 1\n");
  BOOST_TEST(static_cast<int>(add_mypy_override_toml(toml, {"docker"}).status) ==
             static_cast<int>(EditStatus::kPresent));
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
  TextFile pytest_ini = TextFile::parse("[pytest]\npythonpath = lib\naddopts = -q\n");
  add_pytest_pythonpath_ini(pytest_ini, "pytest", "src");
  BOOST_TEST(pytest_ini.str() == "[pytest]\npythonpath = lib src\naddopts = -q\n");
  TextFile setup_cfg = TextFile::parse("[tool:pytest]\naddopts = -q\n\n[flake8]\n");
  add_pytest_pythonpath_ini(setup_cfg, "tool:pytest", "src");
  BOOST_TEST(setup_cfg.str() == "[tool:pytest]\naddopts = -q\npythonpath = src\n\n[flake8]\n");
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

BOOST_AUTO_TEST_CASE(workflow_outline_and_buildx_options) {
  const TextFile f = TextFile::parse(
      "on: push  # trigger\n"
      "x-build: &build-with\n"
      "  context: .\n"
      "  cache-to: type=gha,mode=min\n"
      "jobs:\n"
      "  build:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "    - uses: actions/checkout@v4\n"
      "    - name: script\n"
      "      run: |\n"
      "        echo one\n"
      "        # not a key: value\n"
      "      env:\n"
      "        A: b\n"
      "    - uses: docker/build-push-action@v6\n"
      "      with: *build-with\n"
      "  other:\n"
      "    runs-on: x\n");
  const Workflow wf(f);
  const auto jobs = wf.jobs();
  BOOST_REQUIRE(jobs.size() == 2u);
  BOOST_TEST(jobs[0].first == "build");
  const auto steps = wf.steps(jobs[0].second);
  BOOST_REQUIRE(steps.size() == 3u);
  BOOST_TEST(wf.step_header(steps[1]) == "echo one");
  BOOST_TEST(wf.key_line(steps[1], "env").value() == 13u);
  BOOST_TEST(!wf.key_line(steps[1], "not a key").has_value());
  BOOST_TEST(wf.step_header(steps[2]) == "docker/build-push-action@v6");
  const auto with = wf.children(wf.key_line(steps[2], "with").value());  // follows the alias
  BOOST_REQUIRE(with.has_value());
  BOOST_TEST(with->begin == 2u);
  BOOST_TEST(
      header_matches("docker push ${{ env.IMAGE }}:${{ github.sha }}", "docker push ghcr.io/a/b:0a1b2c"));
  BOOST_TEST(!header_matches("docker push ${{ env.IMAGE }}:latest", "docker push ghcr.io/a/b:0a1b2c"));
  BOOST_TEST(header_matches("echo ${{ secrets.X }}", "echo ***"));
  BOOST_TEST(!header_matches("pytest", "pytest -q"));
  BOOST_TEST(buildx_option("type=gha,mode=min,scope=api", "scope") == "api");
  BOOST_TEST(set_buildx_option("  cache-to: type=gha,mode=min  # x", "cache-to", "mode", "max") ==
             "  cache-to: type=gha,mode=max  # x");
  BOOST_TEST(set_buildx_option("  cache-to: \"type=gha\"", "cache-to", "scope", "api") ==
             "  cache-to: \"type=gha,scope=api\"");
  BOOST_TEST(set_buildx_option("docker buildx build --cache-to type=gha,mode=min .", "--cache-to", "mode",
                               "max") == "docker buildx build --cache-to type=gha,mode=max .");
}

namespace {

JobReport job_with(const std::string& step_name, const std::string& command, Finding f) {
  JobReport job;
  StepSummary s;
  s.number = 3;
  s.name = step_name;
  s.failed = true;
  s.command = command;
  job.steps.push_back(s);
  f.step = {3, step_name};
  job.findings.push_back(std::move(f));
  return job;
}

}  // namespace

BOOST_AUTO_TEST_CASE(gha_cache_mode_and_scope_in_the_workflow_that_ran) {
  TempRepo repo;
  const std::string wf =
      "jobs:\n"
      "  image:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "      - uses: docker/build-push-action@v6\n"
      "        with:\n"
      "          context: .\n"
      "          cache-from: type=gha,scope=api   # shared with main\n"
      "          cache-to: type=gha,mode=min\n";
  repo.write(".github/workflows/image.yml", wf);
  Finding f;
  f.rule = "docker-cache-gate";
  f.patch_kind = "docker-cache";
  JobReport job =
      job_with("Run docker/build-push-action@v6", "docker/build-push-action@v6\nwith:\n  context: .\n", f);
  propose_patches(job, PatchOptions{repo.root, ""});
  const Finding& out = job.findings.front();
  BOOST_REQUIRE(out.patch.has_value());
  BOOST_TEST(out.patch->file == ".github/workflows/image.yml");
  BOOST_TEST(
      out.patch->diff.find(
          "-          cache-to: type=gha,mode=min\n+          cache-to: type=gha,mode=max,scope=api\n") !=
      std::string::npos);
  BOOST_TEST(out.patch->rationale.find("mode=max") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ghcr_push_gets_packages_write_and_no_secret_values) {
  TempRepo repo;
  repo.write(".github/workflows/release.yml",
             "permissions:\n"
             "  contents: read\n"
             "jobs:\n"
             "  push:\n"
             "    runs-on: ubuntu-latest  # hosted\n"
             "    steps:\n"
             "      - uses: docker/login-action@v3\n"
             "        with:\n"
             "          registry: ghcr.io\n"
             "          username: ${{ github.actor }}\n"
             "          password: ${{ secrets.GITHUB_TOKEN }}\n"
             "      - run: docker push ghcr.io/acme/api:1.0\n");
  Finding f;
  f.rule = "registry-auth-failed";
  f.patch_kind = "registry-login";
  f.fields["registry"] = std::string("ghcr.io");
  JobReport job = job_with("Run docker push ghcr.io/acme/api:1.0", "docker push ghcr.io/acme/api:1.0\n", f);
  propose_patches(job, PatchOptions{repo.root, ".github/workflows/release.yml"});
  const Finding& out = job.findings.front();
  BOOST_REQUIRE(out.patch.has_value());
  BOOST_TEST(
      out.patch->diff.find("     runs-on: ubuntu-latest  # hosted\n+    permissions:\n+      contents: read\n"
                           "+      packages: write\n") != std::string::npos);
  // No login yet → the login step is added too, with the token reference (never a value).
  TempRepo bare;
  bare.write(".github/workflows/release.yml",
             "jobs:\n  push:\n    runs-on: x\n    permissions:\n      packages: read\n    steps:\n"
             "      - run: docker push ghcr.io/acme/api:1.0\n");
  JobReport job2 = job_with("Run docker push ghcr.io/acme/api:1.0", "docker push ghcr.io/acme/api:1.0\n", f);
  propose_patches(job2, PatchOptions{bare.root, ""});
  BOOST_REQUIRE(job2.findings.front().patch.has_value());
  const std::string& d = job2.findings.front().patch->diff;
  BOOST_TEST(d.find("-      packages: read\n+      packages: write\n") != std::string::npos);
  BOOST_TEST(d.find("+      - name: Log in to ghcr.io\n+        uses: docker/login-action@v3\n") !=
             std::string::npos);
  BOOST_TEST(d.find("password: ${{ secrets.GITHUB_TOKEN }}") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(patch_markdown_fence_outlasts_backticks) {
  Patch p{"python-dependency", "requirements.txt", "diff --git a/x b/x\n+a ```` b\n", "Add `x`.", 0.9};
  std::ostringstream out;
  write_patch_markdown(p, out);
  BOOST_TEST(out.str().find("`````diff\n") != std::string::npos);
  BOOST_TEST(out.str().find("confidence 90%") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(templates_give_shell_arguments) {
  Finding f;
  f.fields["test_ids"] = std::vector<std::string>{"t.py::a[x-y]", "t.py::b", "it's"};
  BOOST_TEST(render_template("pytest {test_ids:sh} -x", f) == "pytest 't.py::a[x-y]' t.py::b 'it'\\''s' -x");
  BOOST_TEST(render_template("pytest {missing:sh|<ids>}", f) == "pytest <ids>");
}

BOOST_AUTO_TEST_CASE(timeout_minutes_only_for_image_builds) {
  TempRepo repo;
  repo.write(".github/workflows/ci.yml",
             "jobs:\n  image:\n    runs-on: x\n    steps:\n      - name: Build\n        timeout-minutes: 10  "
             "# cold\n"
             "        run: docker build -t app .\n      - run: pytest\n        timeout-minutes: 5\n");
  Finding f;
  f.rule = "runner-timeout";
  f.patch_kind = "timeout-minutes";
  JobReport job = job_with("Run docker build -t app .", "docker build -t app .\n", f);
  propose_patches(job, PatchOptions{repo.root, ""});
  BOOST_REQUIRE(job.findings.front().patch.has_value());
  BOOST_TEST(job.findings.front().patch->diff.find("-        timeout-minutes: 10  # cold\n"
                                                   "+        timeout-minutes: 20  # cold\n") !=
             std::string::npos);
  JobReport tests = job_with("Run pytest", "pytest\n", f);
  propose_patches(tests, PatchOptions{repo.root, ""});
  BOOST_TEST(!tests.findings.front().patch.has_value());
  BOOST_TEST(tests.findings.front().patch_notes.size() == 1u);
}
