// libFuzzer: the patch editors on a fuzzed repository file. The first byte
// picks the file (0 pyproject.toml, 1 requirements.txt, 2 setup.cfg,
// 3 mypy.ini / pytest.ini, 4 a workflow for the docker-cache patch, 5 a
// workflow for the registry-login patch, 6 a workflow for the timeout patch,
// 7 a Dockerfile and its .dockerignore, split at the first NUL). The workflow
// and Docker cases run the real generators (propose_patches) on a scratch
// repository, as `analyze --repo-root` does.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "advice/patches.h"
#include "advice/patches/edit/ini.h"
#include "advice/patches/edit/pyproject.h"
#include "advice/patches/edit/requirements.h"
#include "advice/patches/edit/text_file.h"
#include "advice/patches/edit/workflow.h"

using namespace ci_triage;
using namespace ci_triage::patches;

namespace {

const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    char tmpl[] = "/tmp/ci-triage-fuzz-XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    if (made == nullptr) std::abort();
    return std::filesystem::path(made);
  }();
  return dir;
}

void write(const std::string& rel, std::string_view bytes) {
  const auto path = scratch() / rel;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void generate(const std::string& rule, const std::string& kind, const std::string& step,
              const std::string& command, Fields fields) {
  JobReport job;
  StepSummary s;
  s.number = 3;
  s.name = step;
  s.failed = true;
  s.command = command;
  job.steps.push_back(s);
  Finding f;
  f.rule = rule;
  f.patch_kind = kind;
  f.fields = std::move(fields);
  f.step = {3, step};
  job.findings.push_back(std::move(f));
  propose_patches(job, PatchOptions{scratch(), ".github/workflows/ci.yml"});
}

void ini(std::string_view text) {
  const TextFile original = TextFile::parse(text);
  TextFile f = original;
  (void)ini_has_section(f, "options");
  (void)ini_values(f, "options", "install_requires");
  (void)add_ini_list_item(f, "options", "install_requires", "requests");
  f = original;
  (void)add_ini_list_item(f, "options.extras_require", "dev", "pytest");
  f = original;
  (void)add_mypy_override_ini(f, {"yaml", "six.moves"});
  f = original;
  (void)add_pytest_pythonpath_ini(f, "tool:pytest", "src");
  f = original;
  (void)add_pytest_pythonpath_ini(f, "pytest", ".");
  (void)unified_diff("setup.cfg", original, f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 8) {
    case 0: {
      (void)inspect_pyproject(text);
      TextFile f = TextFile::parse(text);
      (void)add_pep621_dependency(f, "requests");
      f = TextFile::parse(text);
      (void)add_mypy_override_toml(f, {"yaml"});
      break;
    }
    case 1: {
      const TextFile original = TextFile::parse(text);
      (void)parse_requirements(original);
      TextFile f = original;
      (void)add_requirement(f, "python-dateutil");
      (void)unified_diff("requirements.txt", original, f);
      (void)new_file_diff("requirements.txt", f);
      break;
    }
    case 2:
    case 3:
      ini(text);
      break;
    case 4: {
      write(".github/workflows/ci.yml", text);
      const TextFile file = TextFile::parse(text);
      const Workflow wf(file);
      for (const auto& [name, block] : wf.jobs())
        for (const auto& step : wf.steps(block)) {
          (void)wf.step_header(step);
          (void)wf.run_lines(step);
          if (const auto with = wf.key_line(step, "with")) (void)wf.mapping(*with);
        }
      generate("docker-cache-gate", "docker-cache", "Run docker/build-push-action@v6",
               "docker/build-push-action@v6\nwith:\n  context: .\n", {});
      break;
    }
    case 5:
      write(".github/workflows/ci.yml", text);
      generate("registry-auth-failed", "registry-login", "Run docker push ghcr.io/acme/api:1.0",
               "docker push ghcr.io/acme/api:1.0\n", {{"registry", std::string("ghcr.io")}});
      break;
    case 6:
      write(".github/workflows/ci.yml", text);
      generate("runner-timeout", "timeout-minutes", "Run docker build -t app .", "docker build -t app .\n",
               {});
      break;
    default: {
      const std::size_t nul = text.find('\0');
      write("Dockerfile", text.substr(0, nul));
      write(".dockerignore", nul == std::string_view::npos ? std::string_view() : text.substr(nul + 1));
      generate("docker-context-too-large", "dockerignore", "Run docker build -t app .",
               "docker build -t app .\n", {});
      break;
    }
  }
  return 0;
}
