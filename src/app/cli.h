// Command line → the pipeline → stdout. The only place that knows argv.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ci_triage {

/// Runs ci-triage with the given arguments (argv without the program name).
/// Returns the exit code; writes results to `out` and the one-line error to `err`.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ci_triage
