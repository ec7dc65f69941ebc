#pragma once
// Plain output (a log excerpt without step framing, a terminal paste, another CI
// system's log): what wraps a line, and the shell-transcript lines that say what ran.
// The log parser calls these for each line of plain output; they keep no state.
#include <cstddef>
#include <string_view>

namespace ci_triage::plain_output {

// Length of what wraps a line of plain output: leading blanks, then (once) a
// Bamboo `build\t<date time>\t` prefix, a docker-compose service prefix (`web_1  | `, `web-1  | `), a Cloud
// Build `Step #3 - "test": ` or BOSH `api/0: stdout | ` prefix, a concurrently / lerna `[0] ` or Tekton
// `[build : step-test] ` prefix, `kubectl logs --prefix`'s `[pod/name/container] `, drone-ssh's `out: `/`err:
// `, nix's `pname> `, a Netlify-style `7:51:34 PM: `, a syslog / moreutils `ts` `Dec 03 17:59:26 ` clock, a
// Vercel / Cloudflare Pages `12:36:56.014 ▲  ` clock, TeamCity's `[17:57:11][Step 3/4] `, BuildKit's
// error-summary seconds (`14.02 `), Earthly's right-aligned `  +target | ` or, after an indentation, nix's `>
// `, then blanks; up to three such layers (a Jenkins stamp around a compose prefix around an ISO stamp).
// Rules anchored at `^` still match the tool's own text after it.
std::size_t wrapper_prefix_length(std::string_view m);
/// Whether `m` may start with a wrapper at all: a cheap first look before wrapper_prefix_length.
bool may_start_wrapper(std::string_view m, bool nested);

/// Jenkins' Timestamper in a Pipeline: "[2023-05-28T12:40:03.509Z] " (UTC, milliseconds) at
/// the start of `s`: its length, or 0.
std::size_t jenkins_stamp_length(std::string_view s);

/// Go's standard `log` prefix ("2006/01/02 15:04:05 ", with Lmicroseconds
/// ".000000" too) at the start of `m`, or 0.
std::size_t go_log_prefix_length(std::string_view m);

/// drone-ssh's (appleboy/ssh-action's) stream prefix, `out: ` or `err: `, then
/// blanks, at the start of `m`; or 0.
std::size_t ssh_action_prefix_length(std::string_view m);

/// The command of a shell-transcript line (`$ cmd`, `+ cmd`, `> cmd`, `PS C:\dir> cmd`,
/// `Run cmd`, a terminal prompt, CodeBuild's `Running command cmd`, Deployer's `[host] run cmd`,
/// GitLab's numbered copy `31 $ cmd`, flyctl's `Running APP release_command: cmd`), or "".
std::string_view transcript_command(std::string_view m);

/// An Ansible result line quoting a tool's output (`"stderr": "Error: …",`): sets the
/// bytes before and after the value (skip, trim); leaves them alone otherwise.
void ansible_value_bounds(std::string_view m, std::size_t& skip, std::size_t& trim);

/// `value` when `m` is an Ansible result's `"cmd": …` or `"_raw_params": …` line, else "".
std::string_view ansible_command(std::string_view m, std::string_view value);

/// A pasted excerpt's first line when it is a bare command of a well-known tool, else "".
std::string_view bare_command(std::string_view m);

/// A line of plain output anywhere in an excerpt that is a deploy tool's command with options
/// (`helm upgrade --install … -n prod app ./chart`, `kubectl apply -f k8s/`), as a user pastes
/// what they ran above its output; not prose (`helm upgrade failed.`). Else "".
std::string_view deploy_command(std::string_view m);

/// Length of the runner's "2026-01-28T12:58:01.4000000Z " stamp (or another ISO
/// stamp the parser strips) at the start of `s`, or 0; defined by the log parser.
std::size_t timestamp_length(std::string_view s);

}  // namespace ci_triage::plain_output
