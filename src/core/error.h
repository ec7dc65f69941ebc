// Errors carry their context and are printed once, by main.
#pragma once

#include <stdexcept>
#include <string>

namespace ci_triage {

/// Exit codes of the ci-triage binary (README "Exit codes").
enum ExitCode : int {
  kExitOk = 0,       ///< the analysis ran, whatever it found.
  kExitFailure = 1,  ///< I/O or internal error.
  kExitUsage = 2,    ///< bad command line or bad rules file.
  kExitConfig = 3,   ///< bad config file (--config, or the checkout's outside GitHub mode).
};

/// An error with a one-line message that already names what failed
/// ("reading build.log: No such file or directory").
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = kExitFailure)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

/// A usage error: exit code 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, kExitUsage) {}
};

}  // namespace ci_triage
