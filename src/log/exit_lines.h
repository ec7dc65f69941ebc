#pragma once
// The lines that end a step or a job: the runner's exit line, other CI systems' verdicts and the
// exit codes tools print for the command they ran. Pure functions of one normalised line (no
// timestamp, no ANSI codes); the log parser (log_parser.cc) asks them.

#include <optional>
#include <string_view>

namespace ci_triage::exit_lines {

/// The runner's failure line: "Process completed with exit code N."
inline constexpr std::string_view kExitLine = "Process completed with exit code ";

/// kExitLine with N a non-zero number and nothing after it.
bool is_bare_exit_line(std::string_view m);

/// The number at the start of `digits` (at most 6 digits), if any.
std::optional<int> leading_code(std::string_view digits);

/// The exit code a runner's or an action's error line gives for the step ("Process completed with
/// exit code N.", "The process '/usr/bin/git' failed with exit code N", Azure Pipelines' task
/// lines), if it is one of them.
std::optional<int> runner_exit_code(std::string_view m);

/// Travis CI's 'The command "npm test" exited with 1.' (0 too).
std::optional<int> travis_command_exit(std::string_view m);

/// CircleCI's line after each step's output, "CircleCI received exit code 1" (0 too).
std::optional<int> circleci_step_exit(std::string_view m);

/// Ansible's PLAY RECAP line for one host: true when it failed or was unreachable, false when it
/// passed, nullopt for any other line.
std::optional<bool> ansible_recap_failed(std::string_view m);

/// BuildKit's final progress frame in a terminal ("[+] Building 72.9s (30/30) FINISHED").
bool buildkit_all_done(std::string_view m);

/// A line that belongs to BuildKit's report after its final frame.
bool buildkit_frame_line(std::string_view m);

/// Another CI system's or tool's line that gives the failed command's exit code (GitLab, Jenkins,
/// Netlify, PowerShell, tox 4, Turborepo, just, pre-commit, execa, Render, CalledProcessError, …).
std::optional<int> other_ci_exit_code(std::string_view m);

}  // namespace ci_triage::exit_lines
