// registry-login: the login step and packages: write, never a secret value.
#include <boost/test/unit_test.hpp>

#include "advice/patches.h"
#include "test_support.h"

namespace unit_advice_patches_registry_login_test {

using namespace ci_triage;

namespace {

using ci_triage::testing::TempDir;

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

BOOST_AUTO_TEST_SUITE(registry_login)

BOOST_AUTO_TEST_CASE(ghcr_push_gets_packages_write_and_no_secret_values) {
  TempDir repo;
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
  TempDir bare;
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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_advice_patches_registry_login_test
