// Helpers shared by the unit tests: repository files, throwaway directories,
// a fake environment. Nothing here touches the network.
#pragma once

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>

namespace ci_triage::testing {

/// A file of this repository (tests/golden/…, tests/fixtures/…) as bytes.
inline std::string source_file(const std::string& rel) {
  std::ifstream in(std::string(CI_TRIAGE_SOURCE_DIR) + "/" + rel, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << rel);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A file of the fuzz targets' regression corpus (tests/fuzz/corpus/NAME).
inline std::string fuzz_corpus(const std::string& name) { return source_file("tests/fuzz/corpus/" + name); }

/// JSON nested `depth` levels deep ("[[…]]").
inline std::string nested_json(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

/// A throwaway directory, removed with the object.
struct TempDir {
  std::filesystem::path root;
  TempDir() {
    root = std::filesystem::temp_directory_path() /
           ("ci-triage-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
  }
  ~TempDir() { std::filesystem::remove_all(root); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes `text` to root/rel, creating directories.
  std::string write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
    return (root / rel).string();
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root / rel, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
};

/// An environment from a map, for code that takes a getenv function.
inline std::function<std::optional<std::string>(const char*)> env_of(
    std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

}  // namespace ci_triage::testing
