#include "app/cli.h"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/analyze.h"
#include "app/config_command.h"
#include "app/cxxopts.h"
#include "app/github_command.h"
#include "core/error.h"
#include "report/report.h"
#include "rules/compiled_rules.h"
#include "rules/embedded.h"
#include "rules/rule_loader.h"

namespace ci_triage {
namespace {

constexpr const char* kUsage =
    "usage: ci-triage analyze [--format text|json|markdown|annotations|sarif] [--rules FILE]... LOG...\n"
    "                         [--repo-root DIR] [--workflow-file PATH] [--no-patches] [--config FILE]\n"
    "                         [--baseline GOOD.log]\n"
    "       ci-triage github [--comment auto|always|never] [--no-annotations] [--no-summary] [--json FILE] "
    "...\n"
    "                        triage a workflow run's failed jobs (in GitHub Actions, or --repo O/R --run-id "
    "N)\n"
    "       ci-triage rules [--rules FILE]... [--patterns]   list the rules (or their regexes)\n"
    "       ci-triage config --check [--repo-root DIR | --config FILE]   the merged configuration\n"
    "       ci-triage --version\n"
    "LOG is a GitHub Actions job log, `gh run view --log` output or plain tool output; '-' reads\n"
    "standard input. 'ci-triage COMMAND --help' describes a command's options.\n";

int analyze_command(const std::vector<std::string>& args, std::ostream& out) {
  cxxopts::Options opts("ci-triage analyze", "Diagnose failed CI job logs");
  opts.add_options()("f,format", "text|json|markdown|annotations|sarif",
                     cxxopts::value<std::string>()->default_value("text"))(
      "r,rules", "extra rules file (repeatable)", cxxopts::value<std::vector<std::string>>())(
      "no-builtin-rules", "use only the --rules files")("max-annotations", "annotations per job",
                                                        cxxopts::value<std::size_t>()->default_value("10"))(
      "logs", "logs", cxxopts::value<std::vector<std::string>>())(
      "repo-root", "checked-out repository the patches are for", cxxopts::value<std::string>())(
      "workflow-file", "the workflow file that ran (relative to --repo-root)", cxxopts::value<std::string>())(
      "no-patches", "do not suggest patches")(
      "config", "config file (default: .github/ci-triage.yml or .ci-triage.yml under --repo-root)",
      cxxopts::value<std::string>())(
      "baseline", "a passing log of the same job: quote what the failed log prints that it does not",
      cxxopts::value<std::string>())("h,help", "show this help");
  opts.parse_positional({"logs"});
  opts.positional_help("LOG...");
  std::vector<const char*> argv{"analyze"};
  for (const auto& a : args) argv.push_back(a.c_str());
  cxxopts::ParseResult parsed;
  try {
    parsed = opts.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(e.what());
  }
  if (parsed.count("help")) {
    out << opts.help()
        << "LOG is a GitHub Actions job log, `gh run view --log[-failed]` output or plain tool output;\n"
        << "'-' reads standard input.\n";
    return kExitOk;
  }
  const std::string format = parsed["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown" && format != "annotations" &&
      format != "sarif")
    throw UsageError("unknown --format \"" + format +
                     "\" (expected text, json, markdown, annotations or sarif)");
  if (!parsed.count("logs")) throw UsageError("no LOG given (use '-' for standard input)");
  std::vector<std::string> rule_files;
  if (parsed.count("rules")) rule_files = parsed["rules"].as<std::vector<std::string>>();
  // Patches only for a repository the user pointed at: never silently for the current directory.
  Checkout checkout;
  if (parsed.count("repo-root")) {
    checkout.root = parsed["repo-root"].as<std::string>();
    if (parsed.count("workflow-file")) checkout.workflow_file = parsed["workflow-file"].as<std::string>();
    checkout.patches = parsed.count("no-patches") == 0;
    std::error_code ec;
    if (checkout.patches && !std::filesystem::is_directory(checkout.root, ec))
      throw UsageError("--repo-root " + checkout.root.string() + ": not a directory");
  }
  // The checkout's config file (or --config): the command line overrides it.
  std::error_code ec;
  const std::filesystem::path root =
      std::filesystem::is_directory(checkout.root, ec) ? checkout.root : std::filesystem::path();
  const config::Config cfg = load_config(
      parsed.count("config") ? std::optional(parsed["config"].as<std::string>()) : std::nullopt, root);
  Engine& engine =
      process_engine(configured_rule_set(cfg, root, rule_files, parsed.count("no-builtin-rules") == 0));
  if (parsed.count("baseline")) {
    auto good = open_file_source(parsed["baseline"].as<std::string>());
    engine.compare_with(std::make_shared<const Baseline>(read_baseline(*good)));
  }
  if (!cfg.patches.value) checkout.patches = false;
  Report report = triage_logs(engine, parsed["logs"].as<std::vector<std::string>>(), checkout);
  drop_disabled_findings(report.jobs, cfg);
  std::ostringstream buf;
  if (format == "json")
    write_json(report, buf);
  else if (format == "markdown")
    write_markdown(report, buf);
  else if (format == "sarif")
    write_sarif(report, buf);
  else if (format == "annotations") {
    std::vector<std::string> ignore;
    for (const auto& e : cfg.ignore_paths.value) ignore.push_back(e.name);
    write_annotations(report, buf, parsed["max-annotations"].as<std::size_t>(), ignore);
  } else
    write_text(report, buf);
  const std::string s = buf.str();
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
  out.flush();
  if (!out) throw Error("writing the report: output error");
  return kExitOk;
}

int rules_command(const std::vector<std::string>& args, std::ostream& out) {
  std::vector<std::string> files;
  bool patterns = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--rules" || args[i] == "-r") && i + 1 < args.size())
      files.push_back(args[++i]);
    else if (args[i] == "--patterns")
      patterns = true;
    else if (args[i] == "--help" || args[i] == "-h") {
      out << "usage: ci-triage rules [--rules FILE]... [--patterns]\n"
             "  lists the rules (id, category, severity, priority, source); --patterns prints every\n"
             "  evidence regex, one per line; --rules adds a rules file (repeatable)\n";
      return kExitOk;
    } else
      throw UsageError("unexpected argument \"" + args[i] + "\"");
  }
  const RuleSet set = load_rule_set(files, true);
  if (patterns) {  // every evidence pattern, one per line (the benchmark's pattern set)
    for (const auto& r : set.rules)
      for (const auto& p : r.patterns) out << p << "\n";
    return kExitOk;
  }
  {
    const CompiledRules compiled(set, embedded::rules_image());
    for (const auto& id : compiled.slow_rules())
      out << "warning: rule " << id
          << " has a pattern without a literal of 3+ characters; it runs on every line\n";
  }
  for (const auto& r : set.rules)
    out << fmt::format("{:<40} {:<20} {:<8} {:>3}  {}\n", r.id, r.category, severity_name(r.severity),
                       r.priority, r.source);
  return kExitOk;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty()) throw UsageError("missing command (see 'ci-triage --help')");
    const std::string& cmd = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "--version" || cmd == "version") {
      out << "ci-triage " << CI_TRIAGE_VERSION << "\n";
      return kExitOk;
    }
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      out << kUsage;
      return kExitOk;
    }
    if (cmd == "analyze") return analyze_command(rest, out);
    if (cmd == "rules") return rules_command(rest, out);
    if (cmd == "config") return config_command(rest, out);
    if (cmd == "github")
      return github_command(rest, out, err, [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        return v ? std::optional<std::string>(v) : std::nullopt;
      });
    throw UsageError("unknown command \"" + cmd + "\" (see 'ci-triage --help')");
  } catch (const Error& e) {
    err << "ci-triage: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    err << "ci-triage: error: out of memory\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    err << "ci-triage: error: internal: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace ci_triage
