#include "advice/patches/registry.h"

#include <algorithm>
#include <array>

namespace ci_triage::patches {

// One file per generator (patches/<kind>.cc).
Proposal docker_cache(const Input& in);
Proposal dockerignore(const Input& in);
Proposal mypy_stubs(const Input& in);
Proposal python_dependency(const Input& in);
Proposal registry_login(const Input& in);
Proposal timeout_minutes(const Input& in);

namespace {

// Sorted by kind. Adding a generator: its file, a line here, a rule that
// names it (`patch`), a case under tests/patches/ and a line in docs/patches.md.
constexpr std::array kGenerators = {
    Generator{"docker-cache", docker_cache, "the image build's cache settings (mode=max, scopes, buildx)"},
    Generator{"dockerignore", dockerignore, "a .dockerignore for the build context"},
    Generator{"mypy-stubs", mypy_stubs,
              "stub packages in the dev requirements, or a per-module mypy override"},
    Generator{"python-dependency", python_dependency,
              "the missing distribution in the requirements the job installs, or pytest's pythonpath"},
    Generator{"registry-login", registry_login, "the registry login step, or packages: write for ghcr.io"},
    Generator{"timeout-minutes", timeout_minutes, "a longer timeout-minutes for an image build that hit it"},
};

}  // namespace

std::span<const Generator> generators() { return kGenerators; }

const Generator* find_generator(std::string_view kind) {
  const auto it = std::find_if(kGenerators.begin(), kGenerators.end(),
                               [&](const Generator& g) { return g.kind == kind; });
  return it == kGenerators.end() ? nullptr : &*it;
}

}  // namespace ci_triage::patches
