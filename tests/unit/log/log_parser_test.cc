#include "log/log_parser.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace unit_log_log_parser_test {

using namespace ci_triage;
using namespace std::string_literals;

namespace {

struct Parsed {
  LogModel model;
  std::vector<std::pair<std::uint64_t, std::string>> lines;  // raw number, normalised text
  std::vector<LineKind> kinds;
  std::vector<std::uint16_t> skips;  // per line: the wrapper prefix rules may look past
  std::vector<std::string> bares;    // per line: the text without its wrapper ("" if none)
};

// Feeds `bytes` in chunks of `chunk` bytes (any chunking must give the same result).
Parsed parse(const std::string& bytes, std::size_t chunk = 1 << 20, std::size_t batch = 1 << 20) {
  Parsed p;
  LogParser parser(batch);
  const BatchSink sink = [&](const Batch& b) {
    for (const Line& l : b.lines) {
      p.lines.emplace_back(l.number, std::string(b.line_text(l)));
      p.kinds.push_back(l.kind);
      p.skips.push_back(l.skip);
      p.bares.emplace_back(l.bare(b.line_text(l)));
    }
  };
  for (std::size_t i = 0; i < bytes.size(); i += chunk)
    parser.feed(std::string_view(bytes).substr(i, chunk), sink);
  parser.finish(sink);
  p.model = parser.take_model();
  return p;
}

const char* kLog =
    "\xEF\xBB\xBF"
    "2026-01-28T12:58:01.1000000Z Current runner version: '2.323.0'\r\n"
    "2026-01-28T12:58:01.2000000Z ##[group]Run pytest -q\r\n"
    "2026-01-28T12:58:01.2100000Z \x1b[36;1mpytest -q\x1b[0m\r\n"
    "2026-01-28T12:58:01.2200000Z shell: /usr/bin/bash -e {0}\r\n"
    "2026-01-28T12:58:01.2300000Z ##[endgroup]\r\n"
    "2026-01-28T12:58:02.0000000Z \x1b[31mE   ModuleNotFoundError: No module named 'yaml'\x1b[0m\r\n"
    "a continuation line without a timestamp\r\n"
    "2026-01-28T12:58:02.1000000Z ##[error]Process completed with exit code 2.\r\n"
    "2026-01-28T12:58:02.2000000Z Post job cleanup.\r\n"
    "2026-01-28T12:58:02.3000000Z Cleaning up orphan processes\r\n";

}  // namespace

BOOST_AUTO_TEST_CASE(parser_normalises_lines_and_keeps_raw_numbers) {
  const Parsed p = parse(kLog);
  BOOST_REQUIRE_EQUAL(p.lines.size(), 10u);
  BOOST_TEST(p.lines[0].first == 1u);
  BOOST_TEST(p.lines[0].second == "Current runner version: '2.323.0'");  // BOM, timestamp, CR gone
  BOOST_TEST(p.lines[2].second == "pytest -q");                          // ANSI gone
  BOOST_TEST(p.lines[5].second == "E   ModuleNotFoundError: No module named 'yaml'");
  BOOST_TEST(p.lines[6].second == "a continuation line without a timestamp");
  BOOST_TEST(p.lines[6].first == 7u);
  BOOST_TEST(p.model.has_timestamps);
  BOOST_TEST(p.model.complete());
  BOOST_TEST(p.model.line_count == 10u);
}

BOOST_AUTO_TEST_CASE(parser_finds_steps_commands_and_the_failing_step) {
  const Parsed p = parse(kLog);
  const auto& steps = p.model.steps;
  BOOST_REQUIRE_EQUAL(steps.size(), 4u);
  BOOST_TEST(steps[0].name == "Set up job");
  BOOST_TEST(steps[1].name == "Run pytest -q");
  BOOST_TEST(steps[1].command.find("shell: /usr/bin/bash -e {0}") != std::string::npos);
  BOOST_TEST(steps[1].failed);
  BOOST_REQUIRE(steps[1].exit_code.has_value());
  BOOST_TEST(*steps[1].exit_code == 2);
  BOOST_TEST(steps[1].first_line == 2u);
  BOOST_TEST(steps[2].name == "Post job cleanup");
  BOOST_TEST(!steps[2].failed);
  BOOST_TEST(steps[3].name == "Complete job");
  BOOST_TEST(p.model.first_failed_step() == 1);
  // The header block is the step's command, not output.
  BOOST_TEST((p.kinds[2] == LineKind::kCommand));
  BOOST_TEST((p.kinds[5] == LineKind::kOutput));
  // What the step said before failing.
  BOOST_REQUIRE(!steps[1].tail.empty());
  BOOST_TEST(steps[1].tail.back().line == 7u);
}

BOOST_AUTO_TEST_CASE(parser_result_does_not_depend_on_chunking) {
  const Parsed whole = parse(kLog);
  for (std::size_t chunk : {1u, 2u, 7u, 64u}) {
    for (std::size_t batch : {16u, 100u}) {
      const Parsed p = parse(kLog, chunk, batch);
      BOOST_TEST(p.lines == whole.lines);
      BOOST_TEST(p.model.steps.size() == whole.model.steps.size());
      BOOST_TEST(p.model.first_failed_step() == whole.model.first_failed_step());
    }
  }
}

BOOST_AUTO_TEST_CASE(parser_handles_plain_output_empty_input_and_huge_lines) {
  const Parsed plain = parse("FAILED tests/test_a.py::test_x - assert 1 == 2\n1 failed in 0.01s");
  BOOST_TEST(plain.lines.size() == 2u);  // the last line has no newline
  BOOST_TEST(plain.model.steps.size() == 1u);
  BOOST_TEST(plain.model.steps[0].name == "Output");
  BOOST_TEST(!plain.model.complete());
  BOOST_TEST(!plain.model.has_timestamps);

  const Parsed empty = parse("");
  BOOST_TEST(empty.lines.empty());
  BOOST_TEST(empty.model.line_count == 0u);

  std::string huge(LogParser::kMaxLineBytes * 3, 'x');
  huge += "\nnext line\n";
  const Parsed h = parse(huge, 4096);
  BOOST_REQUIRE_EQUAL(h.lines.size(), 2u);
  BOOST_TEST(h.lines[0].second.size() == LogParser::kMaxLineBytes);
  BOOST_TEST(h.lines[1].second == "next line");
  BOOST_TEST(h.lines[1].first == 2u);
  BOOST_TEST(h.model.truncated_lines == 1u);
}

BOOST_AUTO_TEST_CASE(parser_flags_nul_bytes) {
  const Parsed p = parse(std::string("abc\0def\n", 8));
  BOOST_TEST(p.model.binary);
}

// Hostile input (issue 11).
BOOST_AUTO_TEST_SUITE(log_parser_hostile)

BOOST_AUTO_TEST_CASE(nul_notice_does_not_depend_on_chunking) {
  const std::string log = "a\0b\nerror\n"s;
  LogParser whole;
  whole.feed(log, [](const Batch&) {});
  LogParser split;
  for (char c : log) split.feed(std::string_view(&c, 1), [](const Batch&) {});
  BOOST_TEST(whole.model().binary);
  BOOST_TEST(split.model().binary);
  LogParser late;  // past the probe: a text log with one NUL, not binary
  late.feed(std::string(LogParser::kBinaryProbe, 'x') + "\n", [](const Batch&) {});
  late.feed("\0\n"s, [](const Batch&) {});
  BOOST_TEST(!late.model().binary);
}

BOOST_AUTO_TEST_SUITE_END()

// A job log pasted as a Markdown list item keeps the runner's stamps behind spaces.
BOOST_AUTO_TEST_CASE(indented_runner_stamps_are_still_stamps) {
  const Parsed p = parse(
      "  2026-05-26T09:49:31.0641493Z npm error code E404\n"
      "  2026-05-26T09:49:31.0642399Z npm error 404 Not Found - GET https://registry.npmjs.org/x - Not "
      "found\n"
      "   2024-01-17T03:50:11.294 not the runner's format\n");
  BOOST_TEST(p.model.has_timestamps);
  BOOST_REQUIRE_EQUAL(p.lines.size(), 3u);
  BOOST_TEST(p.lines[0].second == "npm error code E404");
  BOOST_TEST(p.lines[2].second == "   2024-01-17T03:50:11.294 not the runner's format");
  // Render's deploy log (nanoseconds, UTC) pasted with a space before each line.
  const Parsed render = parse(
      " 2026-07-23T12:06:17.262388922Z Error: Cannot find module './generated/prisma/client' \n"
      " 2026-07-23T12:06:21.015138208Z ==> Exited with status 1 \n");
  BOOST_TEST(render.lines[0].second ==
             "Error: Cannot find module './generated/prisma/client'");  // trailing blank gone
  BOOST_TEST(render.model.steps.back().exit_code.value_or(-1) == 1);
}

// Azure Pipelines prints a failed task's "##[error]" before its "##[section]Finishing:": an
// excerpt whose tasks all finished without one ran to its end.
BOOST_AUTO_TEST_CASE(azure_tasks_that_finished_without_an_error_passed) {
  const std::string task =
      "##[section]Starting: Logs\n"
      "2026-08-05 12:37:27.804-03:00 ERROR c.m.applicationinsights.agent - \n";
  BOOST_TEST(parse(task + "##[section]Finishing: Logs\n").model.reached_job_end);
  BOOST_TEST(!parse(task).model.reached_job_end);  // cut inside the task
  const Parsed failed = parse(task + "##[error]Bash exited with code '1'.\n##[section]Finishing: Logs\n");
  BOOST_TEST(failed.model.first_failed_step() >= 0);
  BOOST_TEST(!parse("##[debug]Processed: ##vso[task.complete result=Failed;]Error: x\n"
                    "##[section]Finishing: Rollback\n")
                  .model.reached_job_end);
}

// Other CI systems' own last word on the job, in plain output.
BOOST_AUTO_TEST_CASE(other_ci_systems_say_whether_the_job_passed) {
  BOOST_TEST(parse("x\nJob succeeded\n").model.plain_passed);
  BOOST_TEST(parse("x\nFinished: SUCCESS\n").model.plain_passed);
  BOOST_TEST(parse("x\nDone. Your build exited with 0.\n").model.plain_passed);
  BOOST_TEST(parse("x\nCircleCI received exit code 0\n").model.plain_passed);
  BOOST_TEST(!parse("CircleCI received exit code 0\nError: boom\n").model.plain_passed);  // a later step's
  BOOST_TEST(parse("x\nCircleCI received exit code 2\n").model.plain_failed);
  BOOST_TEST(!parse("x\nCircleCI received exit code 2\n").model.plain_passed);
  const Parsed codebuild = parse(
      "[Container] 2026/09/20 13:16:11.019201 Phase complete: POST_BUILD State: SUCCEEDED\n"
      "[Container] 2026/09/20 13:16:11.113454 Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED\n");
  BOOST_TEST(codebuild.model.plain_passed);
  BOOST_TEST(!codebuild.model.plain_failed);
  const Parsed failed = parse(
      "[Container] 2024/05/01 10:00:00.123456 Phase complete: BUILD State: FAILED\n"
      "[Container] 2024/05/01 10:00:01.123456 Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED\n");
  BOOST_TEST(failed.model.plain_failed);  // CodeBuild uploads artifacts after a failed build too
  BOOST_TEST(parse("ERROR: Job failed: exit code 1\n").model.plain_failed);
  BOOST_TEST(!parse("echo Job succeeded\n").model.plain_passed);
  // A build tool's summary only when the excerpt ends with it and its footer.
  const std::string maven =
      "[INFO] Tests run: 47, Failures: 0, Errors: 0, Skipped: 0\n[INFO] \n[INFO] ---\n[INFO] BUILD SUCCESS\n"
      "[INFO] ---\n[INFO] Total time:  15.909 s\n";
  BOOST_TEST(parse(maven).model.plain_passed);
  BOOST_TEST(parse("BUILD SUCCESSFUL in 12s\n7 actionable tasks: 7 executed\n").model.plain_passed);
  // sbt's verdict (a real sbt-scoverage run whose minimum only warns, and a failed task).
  BOOST_TEST(
      parse("[error] Coverage is below minimum [54.15% < 90.0%]\n[info] All done. Coverage was [54.15%]\n"
            "[success] Total time: 6 s, completed 29-Nov-2020 8:21:54 PM\n")
          .model.plain_passed);
  BOOST_TEST(parse("[error] Total time: 2 s, completed Nov 4, 2016 2:34:22 PM\n").model.plain_failed);
  std::string then_more = maven + "+ docker push ghcr.io/acme/api:v2\n";
  for (int i = 0; i < 9; ++i) then_more += "abc123: Preparing\n";
  then_more += "denied: permission_denied: write_package\n";
  BOOST_TEST(!parse(then_more).model.plain_passed);
  BOOST_TEST(parse("[ERROR] Tests run: 3, Failures: 1\n[INFO] BUILD FAILURE\n").model.plain_failed);
  // Ansible's PLAY RECAP: every host ok passes the excerpt, a failed or unreachable host fails it.
  const std::string recap = "PLAY RECAP *********\n";
  // (Ansible pads the columns; the reader does not depend on it.)
  const std::string host_ok = "web1 : ok=5 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n";
  BOOST_TEST(parse(recap + host_ok).model.plain_passed);
  const std::string host_failed =
      "db1 : ok=3 changed=1 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0\n";
  BOOST_TEST(parse(recap + host_ok + host_failed).model.plain_failed);  // a failed verdict is read first
  const std::string host_unreachable =
      "db1 : ok=0 changed=0 unreachable=10 failed=0 skipped=0 rescued=0 ignored=0\n";
  BOOST_TEST(parse(recap + host_unreachable).model.plain_failed);
  BOOST_TEST(!parse(recap + host_unreachable).model.plain_passed);
  // appleboy/ssh-action's footer after a remote script whose commands all passed (its wording,
  // a committed job log of tests/public), then the runner's cleanup.
  const std::string ssh =
      "out: Deployment completed successfully!\n==============================================\n"
      "\u2705 Successfully executed commands to all host.\n==============================================\n";
  BOOST_TEST(parse(ssh).model.plain_passed);
  BOOST_TEST(
      !parse(ssh + "err: npm ERR! code ERESOLVE\n" + std::string(9, '\n') + "exit 1\n").model.plain_passed);
  // pip's and RubyGems' "Successfully installed …" closes a passing excerpt, unless an error
  // or a stack trace follows it (dpl installing its Heroku provider, a real paste of
  // tests/public: the next gem failed to install, then to load).
  BOOST_TEST(parse("Collecting six\nSuccessfully installed six-1.16.0\n").model.plain_passed);
  BOOST_TEST(
      !parse("Successfully installed multipart-post-2.1.1\n/usr/local/lib/ruby/site_ruby/2.2.0/rubygems/"
             "core_ext/kernel_require.rb:59:in `require': cannot load such file -- dpl/provider/heroku "
             "(LoadError)\n\tfrom /usr/local/bundle/gems/dpl-1.10.13/lib/dpl/cli.rb:41:in `fold'\n")
           .model.plain_passed);
  // Nor when the next command refuses in words rather than with "error" (hatch after pip installed
  // it: the lines of a real paste in tests/public).
  BOOST_TEST(
      !parse("Successfully installed hatch-1.15.0 uv-0.9.3\nEnvironment `default` is incompatible: "
             "Unknown distribution source: https://github.com/indygreg/python-build-standalone/releases/"
             "download/20241008/cpython-3.13.0%2B20241008-x86_64_v4-unknown-linux-gnu-install_only_stripped."
             "tar.gz\n")
           .model.plain_passed);
  BOOST_TEST(
      parse("Successfully installed six-1.16.0\n[notice] A new release of pip is available: 23.0 -> 24.0\n")
          .model.plain_passed);
  // Nor when the image build it ran in goes on to fail in capitals or in words (the legacy
  // builder's `COPY failed:` and docker-compose v1's verdict, a real paste in tests/public).
  BOOST_TEST(!parse("Successfully installed gunicorn-20.1.0\nRemoving intermediate container 0bdac0c82f20\n"
                    " ---> 5ae0c23902ee\nStep 9/18 : COPY ../../src/app.py /app.py\n"
                    "COPY failed: forbidden path outside the build context: ../../src/app.py ()\n"
                    "ERROR: Service 'flask' failed to build : Build failed\n")
                  .model.plain_passed);
  // Travis CI's line after each command of a phase; a copied raw log glues it to the
  // `travis_time:end:` marker (a committed Travis log's own lines).
  BOOST_TEST(
      parse("$ ./node_modules/.bin/flow check\n\nFound 0 errors\n\n"
            "travis_time:end:07a63c9e:start=1457571028278135665,finish=1457571029937722932,duration=165958"
            "The command \"./node_modules/.bin/flow check\" exited with 0.\n")
          .model.plain_passed);
  const Parsed travis =
      parse("The command \"npm test\" exited with 1.\nThe command \"npm run lint\" exited with 0.\n");
  BOOST_TEST(travis.model.plain_failed);  // every command runs; one that failed fails the job
  BOOST_TEST(!parse("echo The command \"x\" exited with 0.\n").model.plain_passed);
}

// Other CIs' lines that give the failed command's exit code: the step's exit code, and the
// step is not marked failed by them (only the runner's own line does that).
// BuildKit's last terminal frame: every step done and only the frame, its quoted blocks and
// buildx's footers after it is a build that passed, even with a cache import's ERROR in it.
BOOST_AUTO_TEST_CASE(buildkits_final_frame_with_every_step_done_passes_the_excerpt) {
  const std::string head = "$ docker buildx build --push --cache-from=type=registry,ref=me/app:cache .\n";
  const std::string frame =
      "[+] Building 72.9s (30/30) FINISHED                      docker-container:multibuilder\n"
      " => [internal] load build definition from Dockerfile                    0.0s\n"
      " => ERROR importing cache manifest from me/app:cache                    3.5s\n"
      " => [build 2/4] RUN npm ci                                             41.0s\n";
  const std::string quoted = "------\n > importing cache manifest from me/app:cache:\n------\n\n";
  const std::string footer = "View build details: docker-desktop://dashboard/build/multibuilder/x\n";
  BOOST_TEST(parse(head + frame + quoted + footer).model.plain_passed);
  // A step that failed completes too: its ERROR line, or buildx's verdict after the frame, fails it.
  BOOST_TEST(!parse(head + frame + " => ERROR [build 3/4] RUN npm test          2.0s\n" + footer)
                  .model.plain_passed);
  BOOST_TEST(!parse(head + frame + quoted +
                    "ERROR: failed to solve: process \"/bin/sh -c npm test\" did not "
                    "complete successfully: exit code: 1\n")
                  .model.plain_passed);
  BOOST_TEST(!parse(head + "[+] Building 9.1s (7/8) FINISHED\n" + footer).model.plain_passed);
  BOOST_TEST(!parse(head + frame + "+ kubectl rollout status deploy/app\n").model.plain_passed);
}

BOOST_AUTO_TEST_CASE(other_ci_systems_give_the_exit_code) {
  const auto code = [](const std::string& log) {
    return parse(log).model.steps.back().exit_code.value_or(-1);
  };
  BOOST_TEST(code("x\nERROR: Job failed: exit code 3\n") == 3);
  BOOST_TEST(code("x\nERROR: Job failed: command terminated with exit code 2\n") == 2);
  BOOST_TEST(code("x\nERROR: script returned exit code 127\n") == 127);
  // Travis: the failed command's own code, also when a raw log glues it to the time marker;
  // the job's "Done. Your build exited with 1." after it is the job's, not the command's.
  BOOST_TEST(code("travis_time:end:01993509:start=1563803754771590299,finish=1563804133575510782,"
                  "duration=378803920483The command \"ci/script.sh\" exited with 101.\n\nDone. Your build "
                  "exited with 1.\n") == 101);
  BOOST_TEST(code("7:34:15 PM: Build script returned non-zero exit code: 2\n") == 2);
  BOOST_TEST(code("2026-10-06T00:42:44.2737298Z Process completed with exit code 2.\n") == 2);
  BOOST_TEST(code("Script failed with exit code: 1\n") == 1);
  BOOST_TEST(code("NativeCommandExitException: Program \"dotnet.exe\" ended with non-zero exit code: 1.\n") ==
             1);
  BOOST_TEST(code("subprocess.CalledProcessError: Command '['docker', 'push', 'x']' returned non-zero exit "
                  "status 1.\n") == 1);
  BOOST_TEST(code("time=\"2021-10-11T19:14:36Z\" level=error msg=\"exit status 125\"\n") == 125);
  BOOST_TEST(code("x\nExit code: 2\n") == 2);
  BOOST_TEST(code("x\nExit code: 0\n") == -1);
  BOOST_TEST(code("Error: Docker build failed with exit code 1\n") == 1);
  BOOST_TEST(code("echo ERROR: Job failed: exit code 3\n") == -1);
  BOOST_TEST(!parse("x\nERROR: Job failed: exit code 3\n").model.steps.back().failed);
}

// An excerpt of a job log that kept the runner's time stamps but none of its ##[group] markers
// is plain output behind the stamps: its indentation, wrappers and verdicts count as in a paste.
BOOST_AUTO_TEST_CASE(a_stamped_excerpt_without_markers_is_plain_output) {
  const Parsed p = parse(
      "2024-03-05T10:11:01.0000001Z   mypy run-test: commands[0] | mypy py7zr\n"
      "2024-03-05T10:11:02.0000002Z   py7zr/helpers.py:93: error: Unused \"type: ignore\" comment\n");
  BOOST_TEST(p.model.has_timestamps);
  BOOST_TEST(!p.model.has_markers);
  BOOST_TEST(p.skips[1] == 2u);  // the constant indentation, as without the stamps
  BOOST_TEST(parse("2024-03-05T10:11:01.0000001Z x\n2024-03-05T10:11:02.0000002Z BUILD SUCCESS\n")
                 .model.plain_passed);
}

// A whole job copied from the web UI: no markers, and an action's "##[error]" shows as "Error: ".
// The action's message right before the post steps failed its step (the job did not pass).
BOOST_AUTO_TEST_CASE(a_web_ui_copy_of_a_job_fails_at_an_actions_error_before_the_post_steps) {
  const std::string head =
      "Current runner version: '2.325.0'\n"
      "Run docker/login-action@v3\n"
      "Logging into 127.0.0.1:18350...\n";
  const Parsed failed =
      parse(head +
            "Error: Error response from daemon: login attempt to http://127.0.0.1:18350/v2/ failed "
            "with status: 401 Unauthorized\n"
            "Post job cleanup.\n"
            "Cleaning up orphan processes\n");
  BOOST_TEST(!failed.model.has_markers);
  BOOST_REQUIRE(failed.model.first_failed_step() >= 0);
  const Step& step = failed.model.steps[static_cast<std::size_t>(failed.model.first_failed_step())];
  BOOST_REQUIRE(step.first_error.has_value());
  BOOST_TEST(step.first_error->line == 4u);
  // An "Error: " line that output went on after is a tool's, not the runner's.
  const Parsed passed = parse(head +
                              "Error: retrying\nLogin Succeeded!\nPost job cleanup.\n"
                              "Cleaning up orphan processes\n");
  BOOST_TEST(passed.model.first_failed_step() == -1);
}

// A whole job copied from the web UI is split into its steps at their `Run …` titles, folded
// (the title, then the output) or unfolded (the script repeats the title; `shell:` follows);
// a tool's own "Run with --stacktrace …" is output, and a failed action's `Error: …` before the
// next step's title fails the action's step.
BOOST_AUTO_TEST_CASE(a_web_ui_copy_of_a_job_is_split_at_its_step_titles) {
  const Parsed p = parse(
      "Current runner version: '2.325.0'\n"                                // 1
      "Run actions/checkout@v4\n"                                          // 2
      "with:\n  repository: acme/app\n"                                    // 3-4
      "Syncing repository: acme/app\n"                                     // 5
      "Run gradle build\n"                                                 // 6: folded
      "> Task :test FAILED\n"                                              // 7
      "Run with --stacktrace option to get the stack trace.\n"             // 8: Gradle's advice
      "Error: Process completed with exit code 1.\n"                       // 9
      "Run kubectl rollout status deploy/web\n"                            // 10: unfolded
      "kubectl rollout status deploy/web\n"                                // 11
      "shell: /usr/bin/bash -e {0}\n"                                      // 12
      "deployment \"web\" successfully rolled out\n"                       // 13
      "Run azure/k8s-deploy@v5\n"                                          // 14
      "Error: Error: deployment \"web\" exceeded its progress deadline\n"  // 15
      "Error: Rollout status error\n"                                      // 16
      "Run kubectl get pods\n"                                             // 17
      "web-1   0/1   ImagePullBackOff   0   2m\n"                          // 18
      "Post job cleanup.\n"
      "Cleaning up orphan processes\n");
  const auto& steps = p.model.steps;
  BOOST_REQUIRE_EQUAL(steps.size(), 8u);
  BOOST_TEST(steps[1].name == "Run actions/checkout@v4");
  BOOST_TEST((p.kinds[3] == LineKind::kCommand));
  BOOST_TEST((p.kinds[4] == LineKind::kOutput));
  BOOST_TEST(steps[2].name == "Run gradle build");
  BOOST_TEST(steps[2].command.starts_with("gradle build\n"));
  BOOST_TEST((p.kinds[6] == LineKind::kOutput));
  BOOST_TEST((p.kinds[7] == LineKind::kOutput));
  BOOST_TEST(steps[2].failed);
  BOOST_TEST((steps[2].exit_code == 1));
  BOOST_TEST(steps[3].name == "Run kubectl rollout status deploy/web");
  BOOST_TEST((p.kinds[10] == LineKind::kCommand));
  BOOST_TEST((p.kinds[11] == LineKind::kCommand));
  BOOST_TEST((p.kinds[12] == LineKind::kOutput));
  BOOST_TEST(!steps[3].failed);
  BOOST_TEST(steps[4].failed);
  BOOST_REQUIRE(steps[4].first_error.has_value());
  BOOST_TEST(steps[4].first_error->line == 15u);
  BOOST_TEST(!steps[5].failed);
}

// Cloudflare Pages' build log stamps every line and puts a tab after the stamp.
BOOST_AUTO_TEST_CASE(a_stamp_followed_by_a_tab_is_a_stamp) {
  const Parsed p = parse(
      "2025-10-06T06:55:22.879Z\tbun install v1.2.15 (df017990)\n"
      "2025-10-06T06:55:33.702Z\terror: lockfile had changes, but lockfile is frozen\n");
  BOOST_TEST(p.model.has_timestamps);
  BOOST_REQUIRE_EQUAL(p.lines.size(), 2u);
  BOOST_TEST(p.lines[1].second == "error: lockfile had changes, but lockfile is frozen");
}

// A log copied from the Actions web viewer into a GitHub comment: Markdown made its line
// numbers links. The digits stay, the links go (only when the log's head has such a link).
BOOST_AUTO_TEST_CASE(github_step_links_in_a_pasted_log_are_dropped) {
  const Parsed p = parse(
      "Error: Process completed with exit code "
      "12[7](https://github.com/o/r/actions/runs/1/job/2#step:7:48).\n"
      "arcgis-ingress-6c674b[47](https://github.com/o/r/actions/runs/1/job/2#step:7:48)b9-fwm8p   Running\n"
      "see [the docs](https://github.com/o/r/blob/main/README.md) and [3](https://github.com/o/r/pull/3)\n");
  BOOST_TEST(p.lines[0].second == "Error: Process completed with exit code 127.");
  BOOST_TEST(p.lines[1].second == "arcgis-ingress-6c674b47b9-fwm8p   Running");
  BOOST_TEST(
      p.lines[2].second ==
      "see [the docs](https://github.com/o/r/blob/main/README.md) and [3](https://github.com/o/r/pull/3)");
  BOOST_TEST(parse("[7](https://github.com/o/r/pull/7)\n").lines[0].second ==
             "[7](https://github.com/o/r/pull/7)");
}

// Wrappers stack: Jenkins' Timestamper stamp (stripped like the runner's), docker compose's
// service column, a tool's own ISO stamp; kubectl logs --prefix; moreutils' `ts` clock.
BOOST_AUTO_TEST_CASE(stacked_wrappers_are_looked_past) {
  const Parsed p = parse(
      "[2023-05-28T12:40:03.509Z] + docker build -t app .\n"
      "[2023-05-28T12:40:04.001Z] app  | 2025-05-16T20:56:53.202274000Z Error: P3018\n"
      "[2023-05-28T12:40:04.002Z] [01:06:58] ---- test_hello stdout ----\n");
  BOOST_REQUIRE_EQUAL(p.lines.size(), 3u);
  BOOST_TEST(p.lines[0].second == "+ docker build -t app .");
  BOOST_TEST(p.model.steps.back().command.find("docker build -t app .") != std::string::npos);
  BOOST_TEST(p.bares[1] == "Error: P3018");
  BOOST_TEST(p.bares[2] == "---- test_hello stdout ----");
  const Parsed k = parse(
      "        [pod/build-pod-6zl4g/step-build] error creating build container: short-name resolution\n"
      "Dec 03 17:59:26 RuntimeError: Address already in use\n"
      "Dec  3 17:59:26 E   ModuleNotFoundError: No module named 'vcr'\n");
  BOOST_TEST(k.bares[0] == "error creating build container: short-name resolution");
  BOOST_TEST(k.bares[1] == "RuntimeError: Address already in use");
  BOOST_TEST(k.bares[2] == "E   ModuleNotFoundError: No module named 'vcr'");
  // A Markdown quote keeps the quoted line's own indentation (the matcher tries it without too).
  BOOST_TEST(parse(">      Reason: x\n").bares[0] == "     Reason: x");
  BOOST_TEST(parse("       > error: builder failed\n").bares[0] == "error: builder failed");  // nix
  // A Markdown quote of a Jenkins console: the quote, then Jenkins' stamp.
  BOOST_TEST(parse("> [2020-06-30T12:55:26.119Z] Test Run Failed.\n").bares[0] == "Test Run Failed.");
  // An inner `[word] ` is the tool's own tag, not another wrapper.
  BOOST_TEST(parse("11:44:36 AM: [tsl] ERROR in a.ts(66,4)\n").bares[0] == "[tsl] ERROR in a.ts(66,4)");
  BOOST_TEST(parse("Decimal 12 17:59:26 x\n").skips[0] == 0u);
  // A build phase's name (EAS Build) is a wrapper; a log level is the line's own text.
  BOOST_TEST(
      parse("[INSTALL_PODS] [!] CocoaPods could not find compatible versions for pod \"X\":\n").bares[0] ==
      "[!] CocoaPods could not find compatible versions for pod \"X\":");
  BOOST_TEST(parse("[ERROR] Failed to execute goal\n").skips[0] == 0u);
  BOOST_TEST(parse("[A_] x\n").skips[0] == 0u);
  // AWS Amplify's level and colon after its time stamp is a wrapper; Maven's level without one is not.
  BOOST_TEST(
      parse("2021-09-18T18:55:09.267Z [WARNING]: /bin/sh: react-scripts: command not found\n").bares[0] ==
      "/bin/sh: react-scripts: command not found");
  BOOST_TEST(parse("[ERROR]: !!! Build failed\n").bares[0] == "!!! Build failed");
  // Changesets' butterfly and level before what its publish ran.
  BOOST_TEST(parse("\U0001F98B  error npm ERR! code E404\n").bares[0] == "npm ERR! code E404");
  BOOST_TEST(parse("\U0001F98B  done\n").skips[0] == 0u);
  // The Vercel CLI's marker, as Cloudflare Pages relays `npx vercel build` after its own clock (a
  // real build log in tests/public); the marker alone on a line keeps it.
  BOOST_TEST(parse("2025-02-26T15:37:37.215963Z \u25b2 Error: Configuring Next.js via 'next.config.ts' is "
                   "not supported.\n")
                 .bares[0] == "Error: Configuring Next.js via 'next.config.ts' is not supported.");
  BOOST_TEST(parse("\u25b2 Error: Command \"npm run build\" exited with 1\n").bares[0] ==
             "Error: Command \"npm run build\" exited with 1");
  BOOST_TEST(parse("\u25b2  \n").skips[0] == 0u);
  // The marker after an annotation's `##[error]` is looked past too (may_start_wrapper knows it).
  BOOST_TEST(parse("##[error]\u25b2 Error: Command \"npm run build\" exited with 1\n").bares[0] ==
             "Error: Command \"npm run build\" exited with 1");
}

// Build platforms' own prefixes before a tool's text: nix's per-derivation `pname> `, Vercel's and
// Cloudflare Pages' clock (a tab, or ` | ` once GitHub made the paste a table) and `▲  `,
// BuildKit's seconds in its error summary, TeamCity's clock and step.
BOOST_AUTO_TEST_CASE(nix_and_build_platform_prefixes_are_wrappers) {
  const Parsed p = parse(
      "pantalaimon> FAILED tests/proxy_test.py::TestClass::test_daemon_start - Failed: async def\n"
      "12:37:04.538 | \u25b2  Type error: Property 'forEach' does not exist on type 'string'.\n"
      "12:37:04.538\tFailed to compile.\n"
      "  nested> not a derivation: indented\n"
      "14.02 Could not resolve dependencies:\n"  // BuildKit's error summary: seconds, then the line
      "12.5 MB of 40 MB\n"
      "[17:57:11][Step 3/4] Step 10/11 : COPY run-docker.sh /services/run-docker.sh\n"  // TeamCity
      "[17:57:11] Publishing artifacts\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 8u);
  BOOST_TEST(p.bares[4] == "Could not resolve dependencies:");
  BOOST_TEST(p.bares[5].empty());
  BOOST_TEST(p.bares[6] == "Step 10/11 : COPY run-docker.sh /services/run-docker.sh");
  BOOST_TEST(p.bares[7] == "Publishing artifacts");
  BOOST_TEST(p.bares[0] == "FAILED tests/proxy_test.py::TestClass::test_daemon_start - Failed: async def");
  BOOST_TEST(p.bares[1] == "Type error: Property 'forEach' does not exist on type 'string'.");
  BOOST_TEST(p.bares[2] == "Failed to compile.");
  BOOST_TEST(p.bares[3] == "nested> not a derivation: indented");  // only the indentation
}

// Prow's build log puts a glog-style level and clock before each line of the job's output.
BOOST_AUTO_TEST_CASE(prow_build_log_prefix_is_a_wrapper) {
  const Parsed p = parse(
      "I0328 16:45:14.316] WARNING: DATA RACE\n"
      "E0328 16:45:14.318] --- FAIL: TestGlobalResync (0.02s)\n"
      "I0328 16:45:14 not a prow line\n"
      "I0328\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 4u);
  BOOST_TEST(p.bares[0] == "WARNING: DATA RACE");
  BOOST_TEST(p.bares[1] == "--- FAIL: TestGlobalResync (0.02s)");
  BOOST_TEST(p.bares[2].empty());
  BOOST_TEST(p.bares[3].empty());
}

// journalctl's short format puts the host and the unit's identifier with its pid after the
// clock; pm2 puts the process id and name before each line of an app's output.
BOOST_AUTO_TEST_CASE(journald_sources_and_pm2_prefixes_are_wrappers) {
  const Parsed p = parse(
      "Feb 07 04:03:27 test-mon-0 loki[27588]: failed parsing config: /etc/loki/config.yml: yaml: x\n"
      "Feb 07 04:03:27 test-mon-0 systemd[1]: loki.service: Main process exited, code=exited\n"
      "Dec 03 17:59:26 npm ERR! code E404\n"
      "5|backend-server  | Unexpected error running Liquibase: Validation Failed:\n"
      "0|app | at liquibase.Liquibase.update(Liquibase.java:211)\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 5u);
  BOOST_TEST(p.bares[0] == "failed parsing config: /etc/loki/config.yml: yaml: x");
  BOOST_TEST(p.bares[1] == "loki.service: Main process exited, code=exited");
  BOOST_TEST(p.bares[2] == "npm ERR! code E404");  // the clock only: no identifier with a pid
  BOOST_TEST(p.bares[3] == "Unexpected error running Liquibase: Validation Failed:");
  BOOST_TEST(p.bares[4] == "at liquibase.Liquibase.update(Liquibase.java:211)");
}

// fastlane stamps its own lines with a clock and the output of a command it runs with "▸ ".
BOOST_AUTO_TEST_CASE(fastlane_clock_and_command_output_are_wrappers) {
  const Parsed p = parse(
      "[16:52:13]: \u25b8 error TS18003: No inputs were found in config file\n"
      "[16:52:16]: Exit status of command 'npm run build' was 2 instead of 0.\n"
      "[09:25:22]: Looks like fastlane ran into a build/archive error\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 3u);
  BOOST_TEST(p.bares[0] == "error TS18003: No inputs were found in config file");
  BOOST_TEST(p.bares[1] == "Exit status of command 'npm run build' was 2 instead of 0.");
  BOOST_TEST(p.bares[2] == "Looks like fastlane ran into a build/archive error");
}

// A git server relays its hooks' output after "remote: " (Heroku and Dokku builds).
BOOST_AUTO_TEST_CASE(git_remote_prefix_is_a_wrapper) {
  const Parsed p = parse(
      "remote:        gyp ERR! configure error\n"
      "remote: Permission to o/r.git denied to bot.\n"
      "remote:\n"
      "  remote: x\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 4u);
  BOOST_TEST(p.bares[0] == "gyp ERR! configure error");
  BOOST_TEST(p.bares[1] == "Permission to o/r.git denied to bot.");
  BOOST_TEST(p.bares[2].empty());
  BOOST_TEST(p.bares[3] == "remote: x");  // only at the line's start
}

// The web UI shows an annotation's `##[error]` as "Error: ": before a file location (a problem
// matcher's or a tool's `::error::` line) it is the runner's marker; Node's own "Error: …" stays.
BOOST_AUTO_TEST_CASE(annotation_copy_before_a_location_is_a_wrapper) {
  const Parsed p = parse(
      "Error: qiskit_nature/second_q/lattice.py:25: error: Unused \"type: ignore\" comment  [unused-ignore]\n"
      "Error: src/app.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.\n"
      "Error: Cannot find module 'x'\n"
      "Error: Process completed with exit code 1.\n"
      "  Error: a/b.py:3: x\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 5u);
  BOOST_TEST(p.bares[0] ==
             "qiskit_nature/second_q/lattice.py:25: error: Unused \"type: ignore\" comment  [unused-ignore]");
  BOOST_TEST(p.bares[1] ==
             "src/app.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.");
  BOOST_TEST(p.bares[2].empty());
  BOOST_TEST(p.bares[3].empty());
  BOOST_TEST(p.bares[4] == "Error: a/b.py:3: x");  // only at the line's start
}

// Terraform's diagnostic box puts "│ " before each line of an error, a provisioner's output
// included; further in, "│" is a tree's drawing.
BOOST_AUTO_TEST_CASE(terraform_diagnostic_box_is_a_wrapper) {
  const Parsed p = parse(
      "\u2502 error: deployment \"sealed-secrets\" exceeded its progress deadline\n"
      "\u2502 \n"
      "  \u2502 \u2514\u2500\u2500 pod\n"
      "\u2502no space\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 4u);
  BOOST_TEST(p.bares[0] == "error: deployment \"sealed-secrets\" exceeded its progress deadline");
  BOOST_TEST(p.bares[2] == "\u2502 \u2514\u2500\u2500 pod");  // only the indentation
  BOOST_TEST(p.bares[3].empty());
}

// goreleaser indents its error box: "    │ go: …" (the lines of a real release job's paste).
BOOST_AUTO_TEST_CASE(indented_error_box_is_a_wrapper) {
  const Parsed p = parse(
      "    \u2502 go: github.com/goreleaser/goreleaser/v2@v2.14.3: verifying module: x\n"
      "    \u2502 \tserver response: not found\n"
      "           \u2502 x\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 3u);
  BOOST_TEST(p.bares[0] == "go: github.com/goreleaser/goreleaser/v2@v2.14.3: verifying module: x");
  BOOST_TEST(p.bares[1] == "\u2502 \tserver response: not found");  // a blank after the bar: drawing
  BOOST_TEST(p.bares[2] == "\u2502 x");                             // too far in: only the indentation
}

// `argo logs` and Prow's pod utilities put the pod's name before each line of its log.
BOOST_AUTO_TEST_CASE(pod_name_prefix_is_a_wrapper) {
  const Parsed p = parse(
      "integration-test-k95mb-63616182: --- FAIL: TestJobApi (83.28s)\n"
      "integration-test-k95mb-63616182:     --- FAIL: TestJobApi/TestJobApis (41.45s)\n"
      "api-server-7d9f8b6c4d-x2k9p: panic: boom\n"
      "go-test-run: not a pod\n"
      "error-in-step-123456:x\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 5u);
  BOOST_TEST(p.bares[0] == "--- FAIL: TestJobApi (83.28s)");
  BOOST_TEST(p.bares[1] == "    --- FAIL: TestJobApi/TestJobApis (41.45s)");  // its own indentation
  BOOST_TEST(p.bares[2] == "panic: boom");
  BOOST_TEST(p.bares[3].empty());  // no generated suffix
  BOOST_TEST(p.bares[4].empty());  // no blank after the colon
}

// Turborepo puts the package and the task before each line of the task's output.
BOOST_AUTO_TEST_CASE(turborepo_task_prefix_is_a_wrapper) {
  const Parsed p = parse(
      "@quantpulse/worker:build: src/index.ts(1,30): error TS6059: File 'x' is not under 'rootDir'\n"
      "@quantpulse/worker:build:\n"
      "web:test:unit:   FAIL src/a.test.ts\n"
      "error:deps: not a task\n"
      "@scope:build: no package name\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 5u);
  BOOST_TEST(p.bares[0] == "src/index.ts(1,30): error TS6059: File 'x' is not under 'rootDir'");
  BOOST_TEST(p.bares[1].empty());
  BOOST_TEST(p.bares[2] == "  FAIL src/a.test.ts");  // the task's own indentation
  BOOST_TEST(p.bares[3].empty());                    // not a task a monorepo names so
  BOOST_TEST(p.bares[4].empty());                    // a scope without a package
}

// TeamCity's build log page copied from the web UI: clock, status letter, the tree's indentation
// and the block's name; a tool's own tag after it stays.
BOOST_AUTO_TEST_CASE(teamcity_web_log_prefix_is_a_wrapper) {
  const Parsed p = parse(
      "[10:49:11] :\t [Step 2/2] [INFO] BUILD SUCCESS\n"
      "[10:49:11]i:\t\t [Publishing artifacts] Will publish 1 artifact(s)\n"
      "[10:49:21] : Build finished\n"
      "[17:57:11][Step 3/4] npm ERR! code E404\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 4u);
  BOOST_TEST(p.bares[0] == "[INFO] BUILD SUCCESS");
  BOOST_TEST(p.bares[1] == "Will publish 1 artifact(s)");
  BOOST_TEST(p.bares[2] == "Build finished");
  BOOST_TEST(p.bares[3] == "npm ERR! code E404");  // the downloaded build log's form
}

// Azure's Docker task prints BuildKit's stderr as error annotations, seconds and all.
BOOST_AUTO_TEST_CASE(wrapper_after_an_error_marker_is_looked_past) {
  const Parsed p = parse(
      "2024-06-05T07:18:00.1820974Z ##[error]0.452 E: The repository 'x stretch Release' does not have a "
      "Release file.\n"
      "2024-06-05T07:18:00.1820975Z ##[error]Process completed with exit code 1.\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 2u);
  BOOST_TEST(p.bares[0] == "E: The repository 'x stretch Release' does not have a Release file.");
  BOOST_TEST(p.bares[1] == "Process completed with exit code 1.");
}

// Trailing blanks carry nothing: a terminal paste padded to 80 columns matches `…$` rules.
BOOST_AUTO_TEST_CASE(trailing_blanks_are_removed) {
  const Parsed p = parse("WARNING: DATA RACE      \t\nWrite by goroutine 44:   \n   \n");
  BOOST_REQUIRE_EQUAL(p.lines.size(), 3u);
  BOOST_TEST(p.lines[0].second == "WARNING: DATA RACE");
  BOOST_TEST(p.lines[1].second == "Write by goroutine 44:");
  BOOST_TEST(p.lines[2].second.empty());
}

// GitLab's timestamped job trace (runner 17+) puts the stream's number, type and a
// continuation flag after each stamp: they are framing, not the job's text.
BOOST_AUTO_TEST_CASE(gitlab_trace_stream_markers_are_removed) {
  const Parsed p = parse(
      "2026-07-06T13:59:51.311945Z 01O Missing Robot Browser library. Install it with:\n"
      "2026-07-06T13:59:51.650516Z 00O+Uploading artifacts for failed job\n"
      "2026-07-06T13:59:52.954717Z 01E ERROR: No files to upload\n"
      "2026-07-06T13:59:52.954718Z 01Oops not a marker\n");
  BOOST_REQUIRE_EQUAL(p.lines.size(), 4u);
  BOOST_TEST(p.lines[0].second == "Missing Robot Browser library. Install it with:");
  BOOST_TEST(p.lines[1].second == "Uploading artifacts for failed job");
  BOOST_TEST(p.lines[2].second == "ERROR: No files to upload");
  BOOST_TEST(p.lines[3].second == "01Oops not a marker");
}

// drone-ssh relays the remote script's stdout and stderr as `out: ` / `err: ` lines, in plain
// output and in a job log: anchored rules get a second try without the prefix.
BOOST_AUTO_TEST_CASE(ssh_action_stream_prefixes_are_wrappers) {
  const Parsed plain =
      parse("err: dependency failed to start: container mgmt-db is unhealthy\nout:  Container db  Started\n");
  BOOST_REQUIRE_EQUAL(plain.bares.size(), 2u);
  BOOST_TEST(plain.bares[0] == "dependency failed to start: container mgmt-db is unhealthy");
  BOOST_TEST(plain.bares[1] == "Container db  Started");
  const Parsed framed = parse(
      "2026-05-14T12:50:46.0000000Z ##[group]Run appleboy/ssh-action@v1\n"
      "2026-05-14T12:50:46.0000001Z ##[endgroup]\n"
      "2026-05-14T12:50:48.4387430Z err: dependency failed to start: container mgmt-db is unhealthy\n"
      "2026-05-14T12:50:48.4387431Z error: not a prefix\n");
  BOOST_REQUIRE_EQUAL(framed.bares.size(), 4u);
  BOOST_TEST(framed.bares[2] == "dependency failed to start: container mgmt-db is unhealthy");
  BOOST_TEST(framed.bares[3].empty());
}

// A tool's own wrappers inside a job log's step (docker compose's service column, a build
// clock) are looked past as in plain output: the same rules fire on the same tool output
// whether it was pasted bare or arrives inside a step (tests/public, framed as a step).
BOOST_AUTO_TEST_CASE(a_steps_output_wrappers_are_looked_past) {
  const Parsed p = parse(
      "2026-05-14T12:50:46.0000000Z ##[group]Run ./ci.sh\n"
      "2026-05-14T12:50:46.0000001Z ##[endgroup]\n"
      "2026-05-14T12:50:47.0000000Z [01:06:58] test result: FAILED. 0 passed; 1 failed\n"
      "2026-05-14T12:50:47.0000001Z web_1  | django.db.utils.OperationalError: no such table\n"
      "2026-05-14T12:50:47.0000002Z $ helm rollback api 2\n"
      "2026-05-14T12:50:47.0000003Z Error: release: not found\n"
      "2026-05-14T12:50:47.0000004Z 14.02 Error: [Cabal-7107]\n"
      "2026-05-14T12:50:48.0000000Z ##[error]Process completed with exit code 1.\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 8u);
  BOOST_TEST(p.bares[2] == "test result: FAILED. 0 passed; 1 failed");
  BOOST_TEST(p.bares[3] == "django.db.utils.OperationalError: no such table");
  BOOST_TEST(p.bares[5].empty());
  // BuildKit's plain progress reprinting a failed RUN step's output behind its seconds
  // (a docker build run by the step's script), as in plain output.
  BOOST_TEST(p.bares[6] == "Error: [Cabal-7107]");
  // A script's echo of a command behind a prompt joins the step's command block, and the
  // failed step keeps what it printed (Step::output_text) for `when.command` checks.
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 2u);
  const Step& step = p.model.steps[1];
  BOOST_TEST(step.command.find("helm rollback api 2\n") != std::string::npos);
  BOOST_TEST(step.failed);
  BOOST_TEST(step.output_text ==
             "test result: FAILED. 0 passed; 1 failed\ndjango.db.utils.OperationalError: no such table\n"
             "$ helm rollback api 2\nError: release: not found\nError: [Cabal-7107]\n");
}

// A terminal session replayed in a step (`user@host:~$ cmd`) says what ran, as in plain output;
// an address or a mail in an ordinary line does not.
BOOST_AUTO_TEST_CASE(a_user_prompt_in_a_step_joins_its_command_block) {
  const Parsed p = parse(
      "2026-05-14T12:50:46.0000000Z ##[group]Run ./ci.sh\n"
      "2026-05-14T12:50:46.0000001Z ##[endgroup]\n"
      "2026-05-14T12:50:47.0000000Z foo@kubrick:~$ kubectl rollout status statefulset db -n db\n"
      "2026-05-14T12:50:47.0000001Z error: OnDelete updateStrategy does not have a Status\n"
      "2026-05-14T12:50:47.0000002Z git@github.com: Permission denied (publickey).\n"
      "2026-05-14T12:50:48.0000000Z ##[error]Process completed with exit code 1.\n");
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 2u);
  const Step& step = p.model.steps[1];
  BOOST_TEST(step.command.find("kubectl rollout status statefulset db -n db\n") != std::string::npos);
  BOOST_TEST(step.command.find("Permission denied") == std::string::npos);
}

// npm echoes a package script as `> pkg@1.0.0 test` and then the command: the second line
// joins the step's command block; Gradle's `> Task :test` does not.
BOOST_AUTO_TEST_CASE(a_steps_package_script_echo_names_what_it_ran) {
  const Parsed p = parse(
      "2026-05-14T12:50:46.0000000Z ##[group]Run npm run test:e2e\n"
      "2026-05-14T12:50:46.0000001Z npm run test:e2e\n"
      "2026-05-14T12:50:46.0000002Z ##[endgroup]\n"
      "2026-05-14T12:50:47.0000000Z > @acme/web@1.2.0 test:e2e\n"
      "2026-05-14T12:50:47.0000001Z > jest -c jest.config.e2e.js\n"
      "2026-05-14T12:50:47.0000002Z > Task :test FAILED\n");
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 2u);
  BOOST_TEST(p.model.steps[1].command == "npm run test:e2e\nnpm run test:e2e\njest -c jest.config.e2e.js\n");
  // An excerpt that lost npm's header line: the step's first output is the echo.
  const Parsed cut = parse(
      "2026-05-14T12:50:46.0000000Z ##[group]Run ./ci.sh\n"
      "2026-05-14T12:50:46.0000001Z ./ci.sh\n"
      "2026-05-14T12:50:46.0000002Z ##[endgroup]\n"
      "2026-05-14T12:50:47.0000001Z > jest -c jest.config.e2e.js --\n"
      "2026-05-14T12:50:47.0000002Z > not an echo\n");
  BOOST_REQUIRE_EQUAL(cut.model.steps.size(), 2u);
  BOOST_TEST(cut.model.steps[1].command == "./ci.sh\n./ci.sh\njest -c jest.config.e2e.js --\n");
}

// Commands pasted from a terminal keep their prompt; the command is what follows it.
BOOST_AUTO_TEST_CASE(terminal_prompts_give_the_transcripts_commands) {
  const Parsed p = parse(
      "saniya@saniya-devops:~/devops-homework/02-rollback$ helm upgrade webapp ./chart --atomic --timeout "
      "60s\n"
      "Error: UPGRADE FAILED: release webapp failed, and has been rolled back due to atomic being set\n"
      "[root@build-01 app]# kubectl -n shop rollout status deploy/web\n"
      "C:\\Users\\Kim\\mydockerbuild>docker push kimdockertutorial/docker-whale\n"
      "u:\\Work\\src\\Project1>dotnet ef database update\n"  // the drive letter as typed
      "user@example.com: Permission denied (publickey).\n"
      "price is $ 5 at a@b\n"
      "[a@b] $ not a prompt\n");
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 1u);
  BOOST_TEST(p.model.steps[0].command ==
             "helm upgrade webapp ./chart --atomic --timeout 60s\n"
             "kubectl -n shop rollout status deploy/web\n"
             "docker push kimdockertutorial/docker-whale\n"
             "dotnet ef database update\n");
  // Azure Pipelines' tasks (and @actions/exec) echo the tool they run behind `[command]`.
  BOOST_TEST(parse("[command]/usr/bin/docker push mhcpoccr/web\ndenied\n").model.steps[0].command ==
             "/usr/bin/docker push mhcpoccr/web\n");
}

// A job copied from the web UI with its collapsed step list (the real paste of
// okteto-reboot#1): a row is a step's title with its duration glued on, not the command of the
// step that failed; the `Run cmd` header after the list is.
BOOST_AUTO_TEST_CASE(a_web_ui_step_list_row_is_no_command) {
  const Parsed p = parse(
      "  Set up job1s\n"
      "  Run actions/checkout@v12s\n"
      "  Clone source2s\n"
      "  Run make build1m 5s\n"  // a longer step: minutes and seconds
      "Run okteto login --token ***\n"
      "Run sleep 2s\n");
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 1u);
  BOOST_TEST(p.model.steps[0].command == "okteto login --token ***\nsleep 2s\n");
}

// Deployer's `[host] run cmd` (and its empty host tag), GitLab's job page copied with its line
// numbers (`31 $ cmd`), flyctl's release command: what each excerpt ran, as their real logs show.
BOOST_AUTO_TEST_CASE(deploy_tools_and_numbered_copies_give_the_transcripts_commands) {
  const Parsed p = parse(
      " run /usr/bin/php /var/www/html/releases/87/artisan migrate --force\n"
      "[prod-1] run cd /var/www && php artisan config:cache\n"
      "31 $ php artisan migrate:fresh --seed\n"
      "Running authprod release_command: /app/bin/migrate\n"
      " run the tests again\n"
      "  InvalidArgumentException \n"
      "1045 rows\n"
      "[main] INFO not a host run\n"
      "Running two words release_command: no\n"
      "7ops@ci-box:~/app$ make migrate\n");  // a prompt whose user name starts with a digit
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 1u);
  BOOST_TEST(p.model.steps[0].command ==
             "/usr/bin/php /var/www/html/releases/87/artisan migrate --force\n"
             "cd /var/www && php artisan config:cache\n"
             "php artisan migrate:fresh --seed\n"
             "/app/bin/migrate\n"
             "make migrate\n");
}

// Earthly right-aligns its target names before ` | `: the export's `output` and `+target`.
BOOST_AUTO_TEST_CASE(earthly_target_columns_are_wrappers) {
  const Parsed p = parse(
      "              output | WARN: The command 'exporting outputs' failed: unexpected status: 400\n"
      "              +build | --> RUN npm ci\n"
      "output | a table's first cell\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 3u);
  BOOST_TEST(p.bares[0] == "WARN: The command 'exporting outputs' failed: unexpected status: 400");
  BOOST_TEST(p.bares[1] == "--> RUN npm ci");
  BOOST_TEST(p.bares[2].empty());
}

// pip's last line of an install that passed closes a passing excerpt, like a build tool's summary.
BOOST_AUTO_TEST_CASE(pip_success_line_closes_a_passing_excerpt) {
  const std::string pip =
      "    Can't uninstall 'somabrain'. No files were found to uninstall.\n\n"
      "Successfully installed anyio-4.10.0 somabrain-0.2.0\n";
  BOOST_TEST(parse(pip).model.plain_passed);
  std::string then_more = pip + "+ pytest -q\n";
  for (int i = 0; i < 9; ++i) then_more += "E   assert 1 == 2\n";
  BOOST_TEST(!parse(then_more).model.plain_passed);
  BOOST_TEST(!parse("Successfully installed \n").model.plain_passed);
}

// The tools that run the failing command for a step say its exit code in their own words; in
// plain output the step's first such line gives it.
BOOST_AUTO_TEST_CASE(plain_output_exit_codes_in_the_words_of_the_tool_that_ran_the_command) {
  const std::pair<const char*, int> lines[] = {
      {"py312: exit 4 (0.40 seconds) /src> pytest tests pid=31540", 4},
      {"  mypy: FAIL code 1 (54.50=setup[51.87]+cmd[2.63] seconds)", 1},
      {"command (packages/cli) npm run build exited (1)", 1},
      {" ERROR  run failed: command  exited (2)", 2},
      {"error: Recipe `lint-all` failed on line 38 with exit code 1", 1},
      {"- exit code: 1", 1},
      {"Error: Command failed with exit code 128 (Unknown system error -128): git push -f", 128},
      {"The process '/opt/apache-maven/bin/mvn' failed with exit code 1", 1},
      {"The command \"npm test\" exited with 3.", 3},
      {"Done. Your build exited with 1.", 1},
  };
  for (const auto& [line, code] : lines) {
    const Parsed p = parse(std::string("some output\n") + line + "\n");
    BOOST_TEST_CONTEXT(line) {
      BOOST_REQUIRE(p.model.steps.back().exit_code.has_value());
      BOOST_TEST(*p.model.steps.back().exit_code == code);
    }
  }
  // A passing verdict, or words that are not a tool's exit line, give none.
  for (const char* line : {"The command \"npm test\" exited with 0.", "note: exit 4 (see the docs)",
                           "Done. Your build exited with 0."})
    BOOST_TEST(!parse(std::string("some output\n") + line + "\n").model.steps.back().exit_code.has_value());
}

BOOST_AUTO_TEST_CASE(plain_output_wrapper_prefixes_transcript_commands_and_web_ui_exit) {
  const Parsed p = parse(
      "  Error: UPGRADE FAILED: timed out\n"
      "web_1     | alembic.util.exc.CommandError: Multiple head revisions\n"
      "[0] FAIL src/a.test.js\n"
      "7:51:34 PM: npm ERR! code ELIFECYCLE\n"
      "plain line\n"
      "$ helm upgrade --install web ./chart -n shop\n"
      "+ kubectl rollout status deployment/web\n"
      "Error: Process completed with exit code 3.\n"
      "[build : step-test] FAIL: TestX\n"
      "[ERROR] Failed to execute goal\n"
      "       > error: builder failed\n");
  BOOST_REQUIRE_EQUAL(p.skips.size(), 11u);
  BOOST_TEST(p.skips[8] == 20u);
  BOOST_TEST(p.skips[9] == 0u);  // a log level is the tool's own text
  BOOST_TEST(p.skips[10] == 9u);
  BOOST_TEST(p.skips[0] == 2u);
  BOOST_TEST(p.skips[1] == 12u);
  BOOST_TEST(p.skips[2] == 4u);
  BOOST_TEST(p.skips[3] == 12u);
  BOOST_TEST(p.skips[4] == 0u);
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 1u);
  BOOST_TEST(p.model.steps[0].command ==
             "helm upgrade --install web ./chart -n shop\nkubectl rollout status deployment/web\n");
  BOOST_TEST(p.model.steps[0].plain_text.find("alembic.util.exc.CommandError") != std::string::npos);
  BOOST_TEST(p.model.steps[0].failed);
  BOOST_TEST(p.model.steps[0].exit_code.value_or(0) == 3);
}

BOOST_AUTO_TEST_CASE(a_transcripts_backslash_continuation_is_one_command) {
  const Parsed p = parse(
      "$ helm upgrade web ./web -n pkg --set image.tag=1.29.9-does-not-exist \\\n"
      "    --atomic --wait --timeout 45s\n"
      "Error: UPGRADE FAILED: context deadline exceeded\n");
  BOOST_REQUIRE(!p.model.steps.empty());
  BOOST_TEST(
      p.model.steps[0].command ==
      "helm upgrade web ./web -n pkg --set image.tag=1.29.9-does-not-exist --atomic --wait --timeout 45s\n");
}

BOOST_AUTO_TEST_CASE(set_x_echoes_in_a_framed_step_are_its_commands) {
  // An Azure Pipelines Bash task runs a temp script: only xtrace shows what ran (job log of
  // an OKD deploy quoted in a support note).
  const Parsed p = parse(
      "2026-10-06T13:09:33.4191239Z ##[section]Starting: Logs da Aplicacao\n"
      "2026-10-06T13:09:34.2123636Z [command]/bin/bash /opt/ads-agent/_work/_temp/5ae7.sh\n"
      "2026-10-06T13:09:34.5483962Z + oc logs web-97-jhcrl -c web -n sicmo-des\n"
      "2026-10-06T13:09:34.5484238Z + \n"
      "2026-10-06T13:09:34.8048946Z Error from server (BadRequest): container \"web\" is waiting to start\n");
  BOOST_REQUIRE(!p.model.steps.empty());
  BOOST_TEST(p.model.steps.back().command ==
             "/bin/bash /opt/ads-agent/_work/_temp/5ae7.sh\noc logs web-97-jhcrl -c web -n sicmo-des\n");
}

BOOST_AUTO_TEST_CASE(an_ansible_results_quoted_values_are_the_tools_lines) {
  // A failed command task prints its result as JSON (ansible-playbook, issue thread of mosip).
  const Parsed p = parse(
      "fatal: [console]: FAILED! => {\n"
      "    \"changed\": true,\n"
      "    \"_raw_params\": \"helm install kernel ./kernel -n default --wait --timeout 20m0s\",\n"
      "    \"rc\": 1,\n"
      "    \"stderr\": \"Error: timed out waiting for the condition\",\n"
      "    \"stdout\": \"\",\n"
      "    \"msg\": \"non-zero return code\"\n");
  BOOST_REQUIRE_EQUAL(p.bares.size(), 7u);
  BOOST_TEST(p.bares[4] == "Error: timed out waiting for the condition");
  BOOST_TEST(p.bares[5].empty());  // an empty value leaves nothing to match
  BOOST_TEST(p.bares[6] == "non-zero return code");
  BOOST_TEST(p.model.steps[0].command == "helm install kernel ./kernel -n default --wait --timeout 20m0s\n");
}

BOOST_AUTO_TEST_CASE(compose_logs_with_time_stamps_are_wrappers) {
  // `docker compose logs -t`: the service, then the container's own RFC 3339 stamp.
  const Parsed p = parse(
      "app  | 2025-05-16T20:56:53.202274000Z Error: P3018\n"
      "web-1  | 2025-05-16T20:56:53Z ready\n"
      "name  | value | unit\n"               // a table, not a service: a second bar
      "Name      | Stmts\n"                  // a table's head: not a service's lower-case name
      "dialoqbase       | Error: P3009\n");  // compose v2 without stamps: the padded service name
  BOOST_REQUIRE_EQUAL(p.skips.size(), 5u);
  BOOST_TEST(p.skips[0] == 38u);
  BOOST_TEST(p.skips[1] == 30u);
  BOOST_TEST(p.skips[2] == 0u);
  BOOST_TEST(p.skips[3] == 0u);
  BOOST_TEST(p.skips[4] == 19u);
}

BOOST_AUTO_TEST_CASE(web_viewer_line_numbers_and_error_markers_are_looked_past) {
  const Parsed p = parse(
      "86    error: timed out waiting for the condition on jobs/kube-bench\n"
      "12\tFAIL src/a.test.js\n"
      "3 failed, 5 passed\n"  // a count, not a line number
      "100   \n"              // nothing after the number
      "##[error]error: deployment \"web\" exceeded its progress deadline\n");
  BOOST_REQUIRE_EQUAL(p.skips.size(), 5u);
  // Jenkins' Timestamper puts "HH:MM:SS " before each line.
  const Parsed jenkins = parse("23:01:28 FAIL: docker_cli_swarm_test.go:1576: DockerSwarmSuite.TestX\n");
  BOOST_TEST(jenkins.skips[0] == 9u);
  // Its pipeline log pads with two spaces: the text still starts at the tool's first character.
  BOOST_TEST(parse("14:18:54  error: deployment \"api\" exceeded its progress deadline\n").skips[0] == 10u);
  // Its elapsed-time form ("MM:SS.mmm "), here before Gradle's own indentation.
  BOOST_TEST(parse("02:57.864  \torg.junit.ComparisonFailure: expected:<A> but was:<B>\n").skips[0] == 11u);
  BOOST_TEST(parse("02:57.864x not a clock\n").skips[0] == 0u);
  // Go's `log` prefix, in plain output and in a job log (chainsaw's go-test lines).
  BOOST_TEST(parse("2021/03/17 18:32:58 Process exited with status 1\n").skips[0] == 20u);
  BOOST_TEST(
      parse("2026-08-07T06:03:50.2025764Z 2026/08/07 06:03:50 --- FAIL: chainsaw (0.00s)\n"
            "2026-08-07T06:03:50.2025765Z 2026/08/07 06:03:50.123456     --- FAIL: chainsaw/apply (1.5s)\n")
          .skips == (std::vector<std::uint16_t>{20u, 31u}));
  // A log pasted as a Markdown quote.
  BOOST_TEST(parse("> 37060 error code ELIFECYCLE\n").skips[0] == 2u);
  BOOST_TEST(parse("11:44:36 AM: [tsl] ERROR in a.ts(66,4)\n").skips[0] == 13u);  // Netlify's clock
  BOOST_TEST(p.skips[0] == 6u);
  BOOST_TEST(p.skips[1] == 3u);
  BOOST_TEST(p.skips[2] == 0u);
  BOOST_TEST(p.skips[3] == 0u);
  BOOST_TEST(p.skips[4] == 9u);
  // Atlassian Bamboo: the kind of line, then its date and time, each closed by a tab.
  const Parsed bamboo = parse(
      "build\t10-Jan-2019 14:17:28\t[ERROR] Error: Cannot find module '../package.json'\n"
      "simple\t10-Jan-2019 14:17:29\tFinished task 'Maven' with result: Failed\n"
      "build\tnot a date\n");
  BOOST_REQUIRE_EQUAL(bamboo.skips.size(), 3u);
  BOOST_TEST(bamboo.skips[0] == 27u);
  BOOST_TEST(bamboo.skips[1] == 28u);
  BOOST_TEST(bamboo.skips[2] == 0u);
}

BOOST_AUTO_TEST_CASE(capistrano_output_prefix_is_a_wrapper) {
  // Capistrano 2 names the host before each line of a remote command's output; a Markdown
  // paste escapes its first star. A bullet list item is not a wrapper.
  const Parsed p = parse(
      "  ** [out :: 192.168.178.24] rake aborted!\n"
      "  *\\* [out :: ec2-54-88-174-150.compute-1.amazonaws.com] FATAL:  role \"ubuntu\" does not exist\n"
      "** [err :: web1] fatal: not a git repository\n"
      "** not a prefix\n");
  BOOST_REQUIRE_EQUAL(p.skips.size(), 4u);
  BOOST_TEST(p.skips[0] == 29u);
  BOOST_TEST(p.skips[1] == 57u);
  BOOST_TEST(p.skips[2] == 17u);
  BOOST_TEST(p.skips[3] == 0u);
}

BOOST_AUTO_TEST_CASE(buildkit_progress_prefix_is_a_wrapper) {
  // BuildKit's plain progress: a step's output after "#N seconds "; GitLab's job page copies its
  // line numbers glued in front. A step header, a Markdown heading and a bare number are not.
  const Parsed p = parse(
      "#14 [build 8/10] RUN npm install\n"
      "#14 1.999 npm ERR! code ERESOLVE\n"
      "94#14 2.002 npm ERR! ERESOLVE could not resolve\n"
      "# 1.5 heading\n"
      "#7 DONE 0.5s\n");
  BOOST_REQUIRE_EQUAL(p.skips.size(), 5u);
  BOOST_TEST(p.skips[0] == 0u);
  BOOST_TEST(p.skips[1] == 10u);
  BOOST_TEST(p.skips[2] == 12u);
  BOOST_TEST(p.skips[3] == 0u);
  BOOST_TEST(p.skips[4] == 0u);
}

BOOST_AUTO_TEST_CASE(an_excerpt_cut_inside_the_first_stamp_loses_the_stamps_tail) {
  // A selection that began inside the first line's stamp; only the first line, and only the tail
  // of the runner's shape with its 7 fractional digits, is dropped.
  const Parsed p = parse(
      "3.6367390Z panic: test timed out after 40m0s\n"
      "2024-10-09T09:16:43.6370024Z \trunning tests:\n"
      "3.6367390Z not the first line\n");
  BOOST_REQUIRE_EQUAL(p.lines.size(), 3u);
  BOOST_TEST(p.lines[0].second == "panic: test timed out after 40m0s");
  BOOST_TEST(p.lines[1].second == "\trunning tests:");
  BOOST_TEST(p.lines[2].second == "3.6367390Z not the first line");
  for (const char* kept : {"1234567Z x", "123456Z short", "12:34.567890Z x", "Z x", "ab.1234567Z x"}) {
    const Parsed q = parse(kept + "\n"s);
    BOOST_TEST(q.lines.at(0).second == kept);
  }
  const Parsed whole = parse("43.6367390Z x\n");
  BOOST_TEST(whole.lines.at(0).second == "x");
}

BOOST_AUTO_TEST_CASE(an_elided_header_end_starts_the_output) {
  // An excerpt that cut "##[endgroup]" out with "...": the lines after it are the step's output.
  const Parsed p = parse(
      "2026-09-10T08:03:51.4110692Z ##[group]Run cmake -S /tmp/gpac -B build\n"
      "...\n"
      "2026-09-10T08:03:53.6770931Z CMake Error: The source directory does not appear to contain "
      "CMakeLists.txt.\n"
      "2026-09-10T08:03:53.6822287Z ##[error]Process completed with exit code 1.\n");
  BOOST_REQUIRE_EQUAL(p.kinds.size(), 4u);
  BOOST_TEST((p.kinds[0] == LineKind::kCommand));
  BOOST_TEST((p.kinds[2] == LineKind::kOutput));
  BOOST_TEST(p.model.steps.back().command.find("CMake Error") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_console_line_number_gutter_is_a_wrapper) {
  // CodeBuild's console copied with its gutter ("38 | text"); a code frame's indented gutter
  // ("  12 |   let x") and a table cell ("1 |2") are the tool's own text.
  const Parsed p = parse(
      "38 | [Container] 2023/08/28 19:16:45 Running command docker build -t app .\n"
      "42 | missing signature key\n"
      "  12 |   let x = 1;\n"
      "1 |2\n");
  BOOST_REQUIRE_EQUAL(p.skips.size(), 4u);
  BOOST_TEST(p.skips[0] == 5u);
  BOOST_TEST(p.skips[1] == 5u);
  BOOST_TEST(p.skips[2] == 2u);  // the indentation only
  BOOST_TEST(p.skips[3] == 0u);
  BOOST_TEST(p.model.steps.back().command.find("docker build -t app .") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cloud_build_and_bosh_prefixes_are_wrappers) {
  // Cloud Build names each line's step; BOSH names the instance and the stream.
  const Parsed p = parse(
      "Step #9 - \"Smoketest\": HTTPError: Response code 503 (Service Temporarily Unavailable)\n"
      "Step #0: Already have image (with digest): gcr.io/cloud-builders/docker\n"
      "Step 3/10 : RUN make\n"  // docker's classic builder: the tool's own text
      "api/bd8aa6fb-3e0f: stdout | ERROR: Exception Primary Reason:  boom\n"
      "src/a.c: warning | not a wrapper\n");
  BOOST_REQUIRE_EQUAL(p.skips.size(), 5u);
  BOOST_TEST(p.skips[0] == 23u);
  BOOST_TEST(p.skips[1] == 9u);
  BOOST_TEST(p.skips[2] == 0u);
  BOOST_TEST(p.skips[3] == 28u);
  BOOST_TEST(p.skips[4] == 0u);
}

BOOST_AUTO_TEST_CASE(a_pasted_excerpts_first_line_is_its_command_when_it_names_a_tool) {
  BOOST_TEST(parse("go test -count=2 -v ./internals/testutil/\nFAIL: a_test.go:1: S.TestX\n")
                 .model.steps[0]
                 .command == "go test -count=2 -v ./internals/testutil/\n");
  // Prose, and a tool's name further down, are not commands.
  BOOST_TEST(parse("make sure the cache is warm. Then run it\n").model.steps[0].command.empty());
  BOOST_TEST(parse("output\ngo test ./...\n").model.steps[0].command.empty());
  BOOST_TEST(parse("gopher\n").model.steps[0].command.empty());
  // Elixir's and dbmate's (postgrex#750 pasted `mix ecto.create` before its output; ftl#1230's
  // recipe echoed `dbmate create`); a word that only starts like a tool (`mixed`) is none.
  BOOST_TEST(parse("mix ecto.create\n\n10:23:29.535 [error] Postgrex.Protocol failed to connect\n")
                 .model.steps[0]
                 .command == "mix ecto.create\n");
  BOOST_TEST(parse("dbmate create\nError: dial tcp [::1]:54320: connect: connection refused\n")
                 .model.steps[0]
                 .command == "dbmate create\n");
  BOOST_TEST(parse("mixed results\n").model.steps[0].command.empty());
}

BOOST_AUTO_TEST_CASE(chart_testing_echoes_commands_a_doctest_does_not) {
  const Parsed p = parse(
      ">>> helm install kinto charts/kinto --namespace kinto --wait --timeout 180s\n"
      ">>> import os\n"
      ">>> add(1, 2)\n"
      ">>> x = 3\n");
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 1u);
  BOOST_TEST(p.model.steps[0].command ==
             "helm install kinto charts/kinto --namespace kinto --wait --timeout 180s\n");
}

BOOST_AUTO_TEST_CASE(codebuild_commands_are_the_steps_commands) {
  // AWS CodeBuild echoes each command and names the one that failed.
  const Parsed p = parse(
      "[Container] 2024/05/01 10:00:00.123456 Running command npm ci\n"
      "[Container] 2024/05/01 10:00:09.5 Running command newman run api.json -e staging.json\n"
      "[Container] 2024/05/01 10:00:12 Command did not exit successfully newman run api.json -e staging.json "
      "exit status 1\n"
      " Command did not exit successfully ./smoke.sh exit status 2\n"
      "  Running command git clone --filter=blob:none https://github.com/a/b\n");  // pip, not a command
  BOOST_REQUIRE_EQUAL(p.model.steps.size(), 1u);
  BOOST_TEST(
      p.model.steps[0].command ==
      "npm ci\nnewman run api.json -e staging.json\nnewman run api.json -e staging.json\n./smoke.sh\n");
}

BOOST_AUTO_TEST_CASE(a_tools_own_time_stamps_leave_output_plain) {
  const Parsed p = parse(
      "2023-04-01T10:00:00Z app[4d891de2b7e2] den [info] Error: P3009\n"
      "2015-12-10T06:14:19.408Z:   indented\n"
      // flyctl's own form (local time with milliseconds, no zone) and an offset stamp
      "2024-01-17T03:50:13.376 app[4d891de2b7e2] den [info] Error: P3009\n"
      "2024-01-17T03:50:13+00:00 app[4d891de2b7e2] den [info] Error: P3009\n");
  BOOST_REQUIRE_EQUAL(p.skips.size(), 4u);
  BOOST_TEST(p.skips[0] == 29u);
  BOOST_TEST(p.skips[1] == 2u);
  BOOST_TEST(p.skips[2] == 29u);
  BOOST_TEST(p.skips[3] == 29u);
}

BOOST_AUTO_TEST_CASE(a_javascript_action_that_crashed_failed) {
  // Node's report of an uncaught exception in an action prints no ##[error].
  LogParser parser;
  const BatchSink sink = [](const Batch&) {};
  parser.feed(
      "##[group]Run acme/upload-action@v1\nwith:\n  target: out\n##[endgroup]\n"
      "/home/runner/work/_actions/acme/upload-action/v1/dist/index.js:188\n"
      "        throw new Error(`Input required and not supplied: ${name}`);\n"
      "        ^\n\n"
      "Error: Input required and not supplied: parent_folder_id\n"
      "    at Object.getInput (/home/runner/work/_actions/acme/upload-action/v1/dist/index.js:188:15)\n"
      "Post job cleanup.\nCleaning up orphan processes\n",
      sink);
  parser.finish(sink);
  const LogModel model = parser.take_model();
  const int failed = model.first_failed_step();
  BOOST_REQUIRE(failed >= 0);
  const Step& step = model.steps[static_cast<std::size_t>(failed)];
  BOOST_TEST(step.name == "Run acme/upload-action@v1");
  BOOST_REQUIRE(step.first_error.has_value());
  BOOST_TEST(step.first_error->text == "Error: Input required and not supplied: parent_folder_id");
  // A location under _actions/ without an error line after it changes nothing.
  LogParser quiet;
  quiet.feed("##[group]Run acme/a@v1\n##[endgroup]\n/home/runner/work/_actions/acme/a/v1/x.js:3\nok\n", sink);
  quiet.finish(sink);
  BOOST_TEST(quiet.take_model().first_failed_step() == -1);
}

BOOST_AUTO_TEST_CASE(an_actions_failed_process_gives_the_exit_code) {
  const Parsed p = parse(
      "##[group]Run actions/checkout@v4\n##[endgroup]\n"
      "##[error]Error: The process '/usr/bin/git' failed with exit code 128\n");
  BOOST_TEST(p.model.steps.back().failed);
  BOOST_TEST(p.model.steps.back().exit_code.value_or(0) == 128);
}

// The runner's other wrappers (JavaScript and container actions) and Azure
// Pipelines' script tasks say the exit code in their own words.
BOOST_AUTO_TEST_CASE(runner_wrappers_give_the_exit_code) {
  const Parsed node = parse(
      "##[group]Run aws-actions/amazon-ecs-deploy-task-definition@v1\n##[endgroup]\n"
      "##[error]Resource is not in the state servicesStable\n##[error]Node run failed with exit code 1\n");
  BOOST_TEST(node.model.steps.back().exit_code.value_or(0) == 1);
  const Parsed docker =
      parse("##[group]Run ./action\n##[endgroup]\n##[error]Docker run failed with exit code 137\n");
  BOOST_TEST(docker.model.steps.back().exit_code.value_or(0) == 137);
  const Parsed azure = parse("##[section]Starting: Test\nFAILED x\n##[error]Bash exited with code '2'.\n");
  BOOST_TEST(azure.model.steps.back().exit_code.value_or(0) == 2);
  const Parsed task_lib = parse(
      "##[section]Starting: Push services\ndenied: requested access to the resource is denied\n"
      "##[error]denied: requested access to the resource is denied\n"
      "##[error]/usr/bin/docker failed with return code: 1\n");
  BOOST_TEST(task_lib.model.steps.back().exit_code.value_or(0) == 1);
  // A service container the runner could not pull: its echo is the step's command.
  const Parsed service = parse(
      "##[group]Run x\n##[endgroup]\n##[command]/usr/bin/docker pull minio/minio\n"
      "Error response from daemon: pull access denied for minio/minio\n"
      "##[error]Docker pull failed with exit code 1\n");
  BOOST_TEST(service.model.steps.back().exit_code.value_or(0) == 1);
  BOOST_TEST(service.model.steps.back().command == "x\n/usr/bin/docker pull minio/minio\n");
  // The shell's own line wins over the wrapper's; a quoted code elsewhere does not count.
  const Parsed both = parse(
      "##[group]Run x\n##[endgroup]\n##[error]The process '/usr/bin/bash' failed with exit code 1\n"
      "##[error]Process completed with exit code 3.\n");
  BOOST_TEST(both.model.steps.back().exit_code.value_or(0) == 3);
  const Parsed prose = parse(
      "##[group]Run x\n##[endgroup]\n##[error]the migration script in ./db/run.sh exited with code 'none' "
      "and more text.\n");
  BOOST_TEST(!prose.model.steps.back().exit_code.has_value());
}

BOOST_AUTO_TEST_CASE(runs_of_blank_lines_keep_their_numbers_across_chunks_and_batches) {
  // Blank lines are added a run at a time; chunking and small batches must not change a number.
  std::string log = "a\n";
  for (int i = 0; i < 300; ++i) log += "\n";
  log += "b\n\r\n\nc\n";
  for (const std::size_t chunk : {std::size_t{1} << 20, std::size_t{7}, std::size_t{1}}) {
    for (const std::size_t batch : {std::size_t{1} << 20, std::size_t{64}, std::size_t{2048}}) {
      const Parsed p = parse(log, chunk, batch);
      BOOST_REQUIRE_EQUAL(p.lines.size(), 305u);
      for (std::size_t i = 0; i < p.lines.size(); ++i) BOOST_TEST(p.lines[i].first == i + 1);
      BOOST_TEST(p.lines[301].second == "b");
      BOOST_TEST(p.lines[302].second.empty());  // "\r" alone
      BOOST_TEST(p.lines[303].second.empty());
      BOOST_TEST(p.lines[304].second == "c");
      BOOST_TEST(p.model.line_count == 305u);
      BOOST_TEST(p.model.steps.back().last_line == 305u);
    }
  }
}

BOOST_AUTO_TEST_CASE(framed_logs_keep_their_lines_whole) {
  const Parsed p = parse(
      "##[group]Run pytest\npytest\n##[endgroup]\n  indented output\n"
      "Error: Process completed with exit code 1.\nCleaning up orphan processes\n");
  BOOST_REQUIRE_EQUAL(p.lines.size(), 6u);
  BOOST_TEST(p.lines[3].second == "  indented output");  // whole; the matcher also tries it dedented
  for (std::uint16_t s : p.skips) BOOST_TEST(s == 0u);
  for (const Step& step : p.model.steps) {
    BOOST_TEST(step.plain_text.empty());
    BOOST_TEST(!step.failed);
  }
  BOOST_TEST(p.model.reached_job_end);
}

BOOST_AUTO_TEST_CASE(a_step_copied_from_the_web_ui_ends_its_header_and_fails) {
  // The web UI shows neither "##[endgroup]" nor "##[error]": after the header's shell:/env:
  // part, the first line that is not indented is output, and the runner's bare exit line fails
  // the step.
  const Parsed p = parse(
      "2026-01-11T00:05:09.2517965Z ##[group]Run pnpm prisma migrate deploy\n"
      "pnpm prisma migrate deploy\nshell: /usr/bin/bash -e {0}\nenv:\n  DATABASE_URL: ***\n"
      "11 migrations found in prisma/migrations\n\nError: P1002\n\n"
      "Process completed with exit code 1.\n");
  BOOST_REQUIRE_EQUAL(p.kinds.size(), 10u);
  for (std::size_t i = 1; i < 5; ++i) BOOST_TEST((p.kinds[i] == LineKind::kCommand));
  BOOST_TEST((p.kinds[5] == LineKind::kOutput));
  BOOST_TEST((p.kinds[7] == LineKind::kOutput));
  const Step& step = p.model.steps.back();
  BOOST_TEST(step.failed);
  BOOST_TEST(step.exit_code.value_or(0) == 1);
  BOOST_TEST(step.command.find("11 migrations") == std::string::npos);
  // In a job log as the API serves it every line has the runner's stamp: there only ##[error]
  // fails a step, whatever a step prints.
  const Parsed api = parse(
      "2026-01-11T00:05:09.2517965Z ##[group]Run ./print-old-log.sh\n"
      "2026-01-11T00:05:09.2517966Z ./print-old-log.sh\n"
      "2026-01-11T00:05:09.2517967Z shell: /usr/bin/bash -e {0}\n"
      "2026-01-11T00:05:09.2517968Z ##[endgroup]\n"
      "2026-01-11T00:05:09.2517969Z Process completed with exit code 1.\n");
  BOOST_TEST(!api.model.steps.back().failed);
}

BOOST_AUTO_TEST_CASE(a_web_ui_header_ends_where_indented_output_begins) {
  // mocha indents its report and starts it with blank lines: after a `shell:` with no `env:`,
  // a blank or indented line is output; after `env:`, a two-space line that is not
  // `NAME: value` is (the real blind case test-isolation-mocha-port-eaddrinuse, copied so).
  const Parsed p = parse(
      "Current runner version: '2.329.0'\n"                                       // 0
      "Run npx mocha --exit\n"                                                    // 1
      "npx mocha --exit\n"                                                        // 2
      "shell: /usr/bin/bash -e {0}\n"                                             // 3
      "\n"                                                                        // 4
      "  GET /metrics\n"                                                          // 5
      "     Uncaught Error: listen EADDRINUSE: address already in use :::8099\n"  // 6
      "Error: Process completed with exit code 2.\n"                              // 7
      "Run npm test\n"                                                            // 8
      "npm test\n"                                                                // 9
      "shell: /usr/bin/bash -e {0}\n"                                             // 10
      "env:\n"                                                                    // 11
      "  NODE_ENV: test\n"                                                        // 12
      "  CI_FLAGS: --exit\n"                                                      // 13
      "  GET /healthz\n"                                                          // 14
      "Post job cleanup.\n");
  for (std::size_t i : {1u, 2u, 3u, 9u, 10u, 11u, 12u, 13u})
    BOOST_TEST((p.kinds[i] == LineKind::kCommand), i);
  for (std::size_t i : {5u, 6u, 14u}) BOOST_TEST((p.kinds[i] == LineKind::kOutput), i);
  const auto& steps = p.model.steps;
  BOOST_REQUIRE_GE(steps.size(), 3u);
  BOOST_TEST(steps[1].failed);
  BOOST_TEST(steps[1].command.find("EADDRINUSE") == std::string::npos);
  BOOST_TEST(steps[2].command.find("NODE_ENV") != std::string::npos);
  BOOST_TEST(steps[2].command.find("GET /healthz") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_header_keeps_its_indented_inputs_and_a_zero_exit_is_no_failure) {
  const Parsed p = parse(
      "##[group]Run actions/checkout@v4\nwith:\n  repository: acme/app\n  fetch-depth: 1\n"
      "##[endgroup]\nok\nProcess completed with exit code 0.\n");
  for (std::size_t i = 1; i < 4; ++i) BOOST_TEST((p.kinds[i] == LineKind::kCommand));
  BOOST_TEST(!p.model.steps.back().failed);
}

BOOST_AUTO_TEST_CASE(an_action_header_ends_at_a_stamped_unindented_line_when_the_excerpt_lost_its_endgroup) {
  // `gh run view --log-failed` excerpts often drop "##[endgroup]": an action's header is only
  // `with:`/`env:` and indented entries, and a multi-line input's later lines carry no stamp.
  const Parsed p = parse(
      "2026-10-06T22:41:25.7112782Z ##[group]Run appleboy/ssh-action@v1.0.3\n"
      "2026-10-06T22:41:25.7113594Z with:\n"
      "2026-10-06T22:41:25.7113595Z   script: echo one\n"
      "echo two\n"
      "2026-10-06T22:41:26.8143179Z ======CMD======\n"
      "2026-10-06T22:41:56.8152060Z 2026/10/06 22:41:56 dial tcp 10.0.0.1:22: i/o timeout\n");
  for (std::size_t i = 0; i < 4; ++i) BOOST_TEST((p.kinds[i] == LineKind::kCommand));
  BOOST_TEST((p.kinds[4] == LineKind::kOutput));
  BOOST_TEST((p.kinds[5] == LineKind::kOutput));
  // A `run:` step's header is its script: "./deploy.sh" is not an action.
  const Parsed script = parse(
      "2026-10-06T22:41:25.7112782Z ##[group]Run ./deploy.sh\n"
      "2026-10-06T22:41:25.7112783Z ./deploy.sh\n"
      "2026-10-06T22:41:25.7112784Z shell: /usr/bin/bash -e {0}\n");
  BOOST_TEST((script.kinds[1] == LineKind::kCommand));
}

BOOST_AUTO_TEST_CASE(caret_notation_escapes_are_removed_once_the_log_shows_them) {
  // `cat -v` and some log archives write ESC as "^[": "^[[31m" is a colour, not text.
  const Parsed p = parse(
      "2026-08-23T03:24:27.2528172Z ^[[41m^[[1m FAIL ^[[22m^[[49m src/a.test.ts > adds\n"
      "keep a^[[ b and ^[[ and [[x\n");
  BOOST_TEST(p.lines[0].second == " FAIL  src/a.test.ts > adds");
  BOOST_TEST(p.lines[1].second == "keep a^[[ b and ^[[ and [[x");
  // Without such a sequence in the log's first 64 KiB, the text is left as it is.
  const Parsed plain = parse("echo '^[[' ok\nregex ^[[:space:]]+$\n");
  BOOST_TEST(plain.lines[1].second == "regex ^[[:space:]]+$");
}

}  // namespace unit_log_log_parser_test
