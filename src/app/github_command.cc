// `ci-triage github`: options → the GitHub run source → the pipeline's
// remaining stages → the publishers. Everything that talks to GitHub or writes
// a file lives behind github::Client and publish::Publisher; this file only
// decides which of them a run gets.
#include "app/github_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>

#include "app/analyze.h"
#include "app/config_command.h"
#include "app/cxxopts.h"
#include "core/error.h"
#include "core/signature.h"
#include "core/text.h"
#include "github/ca_bundle.h"
#include "github/client.h"
#include "github/curl_transport.h"
#include "github/url.h"
#include "history/marks.h"
#include "publish/files.h"
#include "publish/pr_comment.h"
#include "publish/pull_request.h"
#include "sources/github_run.h"
#include "sources/run_history.h"

namespace ci_triage {
namespace {

using publish::CommentMode;

struct Settings {
  CommentMode comment = CommentMode::kAuto;
  bool comment_given = false;  ///< --comment on the command line (outside Actions: required to comment)
  bool annotations = true;
  bool summary = true;
  std::size_t max_annotations = 10;
  bool fail_on_error = false;
  std::string json_path;
  std::string sarif_path;
  std::vector<std::string> rules;
  std::size_t parallel = 8;
  long timeout_s = 300;
  long stall_s = 30;  ///< a download slower than 1 KiB/s for this long is cut short
  bool patches = true;
  bool patches_given = false;  ///< --no-patches on the command line (overrides the config file)
  bool history = true;         ///< compare with the base branch's runs and this run's earlier attempts
  std::string repo_root;       ///< "" = GITHUB_WORKSPACE
  std::optional<std::string> config_path;  ///< --config (else the checkout's own file)
};

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

// The engine's push-fed analysis as the run source's log consumer.
class EngineLog : public JobLog {
 public:
  explicit EngineLog(Analysis a) : analysis_(std::move(a)) {}
  void feed(std::string_view bytes) override { analysis_.feed(bytes); }
  JobReport finish() override { return analysis_.finish(); }

 private:
  Analysis analysis_;
};

// One run of the command: where its messages go, and whether it degraded.
class GithubRun {
 public:
  GithubRun(Settings s, github::Context ctx, std::ostream& out, std::ostream& err)
      : s_(std::move(s)), ctx_(std::move(ctx)), out_(out), err_(err) {}

  /// Over `transport`, or libcurl on `clock` when it is nullptr.
  int run(const std::vector<std::string>& context_notes, http::Transport* transport, http::Clock& clock);

 private:
  // Something ci-triage could not do: a ::warning in a workflow, a line on
  // stderr at a terminal; always in the report.
  void warn(const std::string& text) {
    degraded_ = true;
    notices_.push_back(text);
    if (ctx_.in_actions)
      out_ << "::warning title=ci-triage::" << escape::command_data(one_line(text)) << "\n";
    else
      err_ << "ci-triage: warning: " << one_line(text) << "\n";
  }
  // In a workflow stderr reaches the job log too: defuse "##[" like any command data.
  void info(const std::string& text) const {
    err_ << "ci-triage: " << (ctx_.in_actions ? escape::command_data(one_line(text)) : one_line(text))
         << "\n";
  }
  // Something the run's reader should know that is not ci-triage failing: in
  // the report and a ::warning, without making the run degraded.
  void notice(const std::string& text) {
    notices_.push_back(text);
    if (ctx_.in_actions)
      out_ << "::warning title=ci-triage::" << escape::command_data(one_line(text)) << "\n";
    else
      err_ << "ci-triage: warning: " << one_line(text) << "\n";
  }
  void configure();
  bool api_usable();
  http::Options transport_options() const;
  Report triage(github::Client& client, bool fetch);
  std::vector<std::unique_ptr<publish::Publisher>> publishers(github::Client& client, const Report& report,
                                                              publish::Published& published);

  Settings s_;
  github::Context ctx_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<std::string> notices_;
  config::Config cfg_;
  RuleSet rules_;
  std::filesystem::path root_;  ///< the checkout ("" = none)
  bool degraded_ = false;
  int jobs_total_ = 0;
};

// The checkout's config file under the command line. A repository file that is
// refused never fails the step: the run goes on with the defaults and says so.
void GithubRun::configure() {
  root_ = s_.repo_root.empty() ? ctx_.workspace : s_.repo_root;
  std::error_code ec;
  if (!root_.empty() && !std::filesystem::is_directory(root_, ec)) root_.clear();
  try {
    cfg_ = load_config(s_.config_path, root_);
    rules_ = configured_rule_set(cfg_, root_, s_.rules, true);
    if (!cfg_.file.empty()) info("config: " + cfg_.file);
  } catch (const config::ConfigError& e) {
    if (s_.config_path) throw;  // named on the command line: exit 3
    notice(std::string("The config file was ignored, the defaults apply: ") + e.what());
    cfg_ = config::Config{};
    rules_ = configured_rule_set(cfg_, root_, s_.rules, true);
  }
  if (!s_.comment_given) {
    const std::string& m = cfg_.comment.value;
    s_.comment = m == "always"  ? CommentMode::kAlways
                 : m == "never" ? CommentMode::kNever
                                : CommentMode::kAuto;
  }
  if (!s_.patches_given) s_.patches = cfg_.patches.value;
}

bool GithubRun::api_usable() {
  const auto origin = http::origin_of(ctx_.api_url);
  if (!origin) {
    warn("GITHUB_API_URL is not an http(s) URL: nothing was fetched.");
    return false;
  }
  if (origin->rfind("http://", 0) == 0 && !http::is_loopback_host(http::host_of(ctx_.api_url))) {
    warn(
        "GITHUB_API_URL uses plain http:// to a non-loopback host; ci-triage refuses to send the token "
        "unencrypted, so nothing was fetched.");
    return false;
  }
  return true;
}

http::Options GithubRun::transport_options() const {
  http::Options ho;
  ho.user_agent = fmt::format("ci-triage/{} (+https://github.com/org/ci-triage)", CI_TRIAGE_VERSION);
  ho.token = ctx_.token;
  ho.token_origin = http::origin_of(ctx_.api_url).value_or("");
  ho.extra_headers = {"Accept: application/vnd.github+json", "X-GitHub-Api-Version: 2022-11-28"};
  // SSL_CERT_FILE/SSL_CERT_DIR, else the system's bundle: the static release binary's libcurl
  // has no CA path built in (the build machine's need not exist where it runs).
  const CaBundle ca = find_ca_bundle();
  ho.ca_file = ca.file;
  ho.ca_path = ca.dir;
  ho.budget = std::chrono::seconds(s_.timeout_s);
  ho.low_speed_time_s = s_.stall_s;
  ho.on_event = [this](const std::string& e) { info(e); };
  return ho;
}

// Source → diagnosis → advice: the finished report.
Report GithubRun::triage(github::Client& client, bool fetch) {
  Engine engine(std::move(rules_));
  RunJobs run;
  if (fetch) {
    // A quarter of the budget stays for the comment, whatever the downloads do.
    GithubRunSource source(client, ctx_, {s_.parallel, std::clamp(s_.timeout_s * 750, 1000L, 300'000L)});
    run = source.fetch([&engine](const std::string& name, const std::string& origin) {
      return std::make_unique<EngineLog>(engine.start(name, origin));
    });
    for (const auto& n : run.notices) warn(n);
    degraded_ = degraded_ || run.degraded;
  }
  jobs_total_ = run.total;
  // The history is read before the run's reports move on: its consumers are the same engine.
  History history;
  if (fetch && s_.history && run.listed && !run.jobs.empty()) {
    RunHistorySource::Options ho;
    ho.download = {s_.parallel, std::clamp(s_.timeout_s * 250, 1000L, 120'000L)};
    RunHistorySource source(client, ctx_, ho);
    history = source.read(run, [&engine](const std::string& name, const std::string& origin) {
      return std::make_unique<EngineLog>(engine.start(name, origin));
    });
    info(history.read ? fmt::format("history: {} run(s) of {} read in {} request(s)", history.runs.size(),
                                    history.base, history.requests)
                      : "history: not read, no marks");
    for (const auto& n : history.notices) notices_.push_back(n);  // a notice, never a failed step
  }
  Report report;
  report.jobs = std::move(run.jobs);
  drop_disabled_findings(report.jobs, cfg_);
  // Patches for the checkout the user pointed at, or the runner's workspace; never the current directory.
  Checkout checkout{s_.repo_root.empty() ? ctx_.workspace : s_.repo_root, ctx_.workflow_path, s_.patches};
  std::error_code ec;
  if (!checkout.root.empty() && !std::filesystem::is_directory(checkout.root, ec)) {
    if (s_.patches) info("no checked-out repository at " + checkout.root.string() + ": no patches");
    checkout.root.clear();
  }
  advise_from_checkout(report.jobs, checkout);

  RunInfo r;
  r.repo = ctx_.repo;
  r.server_url = ctx_.server_url;
  r.workflow = ctx_.workflow.empty() ? run.workflow_name : ctx_.workflow;
  r.event = ctx_.event_name;
  r.head_sha = ctx_.head_sha;
  r.run_id = ctx_.run_id;
  r.attempt = ctx_.run_attempt;
  r.url = fmt::format("{}/{}/actions/runs/{}", ctx_.server_url, ctx_.repo, ctx_.run_id);
  if (ctx_.run_attempt > 1) r.url += fmt::format("/attempts/{}", ctx_.run_attempt);
  r.started_at = run.started_at;
  r.generated_at = static_cast<std::int64_t>(std::time(nullptr));
  r.jobs_listed = run.listed;
  r.jobs_total = run.total;
  r.jobs_failed = static_cast<int>(report.jobs.size());
  r.cancelled = std::move(run.cancelled);
  r.base = history.read ? history.base : "";
  r.history_read = history.read;
  r.passed_on_rerun = history.passed_on_rerun;
  r.notices = notices_;  // the source's and the context's; publishing adds its own (Delivery)
  report.run = std::move(r);
  report.groups = group_failures(report);
  mark_failures(report, history);
  return report;
}

// The publishers this run gets, in order: annotations, the PR's suggestions and
// comment, the report files, the job summary and the outputs (which name the
// files); outside Actions the text report instead of the workflow's channels.
std::vector<std::unique_ptr<publish::Publisher>> GithubRun::publishers(github::Client& client,
                                                                       const Report& report,
                                                                       publish::Published& published) {
  std::vector<std::unique_ptr<publish::Publisher>> list;
  if (ctx_.in_actions && s_.annotations) {
    std::vector<std::string> ignore;
    for (const auto& e : cfg_.ignore_paths.value) ignore.push_back(e.name);
    list.push_back(
        std::make_unique<publish::AnnotationsPublisher>(out_, s_.max_annotations, std::move(ignore)));
  }
  // Without the job list the run's state is unknown: leave any comment as it is.
  const bool comment = s_.comment != CommentMode::kNever && (ctx_.in_actions || s_.comment_given);
  if (comment && report.run->jobs_listed) {
    std::string why_not;
    const auto pr = publish::find_pull_request(client, ctx_, why_not);
    if (!why_not.empty()) info(why_not);
    if (!pr) {
      info("no pull request for this run: no comment");
    } else if (ctx_.token.empty()) {
      published.delivery.pr = pr;
      // After the report was finished: a notice of the delivery, so the summary and JSON say it too.
      published.delivery.notices.push_back(fmt::format(
          "No comment on PR #{}: GITHUB_TOKEN is not set (pass github-token to the action).", *pr));
      warn(published.delivery.notices.back());
    } else {
      published.delivery.pr = pr;
      if (!report.jobs.empty())
        list.push_back(std::make_unique<publish::SuggestionsPublisher>(client, *pr, ctx_.head_sha));
      Escalation esc;
      esc.enabled = cfg_.escalation.value;
      for (const auto& c : cfg_.contacts.value) esc.contacts.push_back(c.name);
      esc.request = cfg_.request.value;
      list.push_back(
          std::make_unique<publish::StickyCommentPublisher>(client, *pr, s_.comment, std::move(esc)));
    }
  }
  std::string json_path = s_.json_path;  // in a workflow the outputs point at it; elsewhere only if asked
  if (json_path.empty() && ctx_.in_actions)
    json_path = (ctx_.runner_temp.empty() ? std::string(".") : ctx_.runner_temp) + "/ci-triage-report.json";
  if (!json_path.empty()) list.push_back(std::make_unique<publish::JsonFilePublisher>(json_path));
  if (!s_.sarif_path.empty()) list.push_back(std::make_unique<publish::SarifFilePublisher>(s_.sarif_path));
  if (ctx_.in_actions && s_.summary)
    list.push_back(std::make_unique<publish::StepSummaryPublisher>(ctx_.step_summary_path));
  if (ctx_.in_actions && !ctx_.output_path.empty())
    list.push_back(std::make_unique<publish::OutputsPublisher>(ctx_.output_path));
  if (!ctx_.in_actions) list.push_back(std::make_unique<publish::TextPublisher>(out_));
  return list;
}

int GithubRun::run(const std::vector<std::string>& context_notes, http::Transport* transport,
                   http::Clock& clock) {
  if (!ctx_.token.empty()) {
    if (ctx_.token.find_first_of("\r\n") != std::string::npos) {
      ctx_.token.clear();
      warn("GITHUB_TOKEN contains a line break and was ignored.");
    } else if (ctx_.in_actions) {
      out_ << "::add-mask::" << ctx_.token << "\n";
    }
  }
  for (const auto& n : context_notes) warn(n);
  configure();
  const bool fetch = api_usable();
  std::unique_ptr<http::CurlTransport> curl;
  if (transport == nullptr)
    transport = (curl = std::make_unique<http::CurlTransport>(transport_options(), clock)).get();
  github::Client client(*transport, ctx_.api_url, ctx_.repo);

  const Report report = triage(client, fetch);
  publish::Published published;
  for (const auto& p : publishers(client, report, published)) {
    publish::Published did = p->publish(report, published);
    for (const auto& line : did.log) info(line);
    for (const auto& n : did.delivery.notices) warn(n);
    published.merge(std::move(did));
  }
  const auto& st = transport->stats();
  info(fmt::format("triaged {} failed job(s) of {}; {} API request(s), {} in all, {} retried, {:.1f} MB",
                   report.jobs.size(), jobs_total_, st.api_requests, st.requests, st.retries,
                   static_cast<double>(st.bytes) / 1e6));
  out_.flush();
  return degraded_ && s_.fail_on_error ? kExitFailure : kExitOk;
}

Settings parse_options(const cxxopts::ParseResult& parsed) {
  Settings s;
  const std::string mode = parsed["comment"].as<std::string>();
  if (mode == "auto")
    s.comment = CommentMode::kAuto;
  else if (mode == "always")
    s.comment = CommentMode::kAlways;
  else if (mode == "never")
    s.comment = CommentMode::kNever;
  else
    throw UsageError("unknown --comment \"" + mode + "\" (expected auto, always or never)");
  s.comment_given = parsed.count("comment") > 0;
  s.annotations = parsed.count("no-annotations") == 0;
  s.summary = parsed.count("no-summary") == 0;
  s.max_annotations = std::min<std::size_t>(parsed["max-annotations"].as<std::size_t>(), 50);
  s.fail_on_error = parsed.count("fail-on-error") > 0;
  if (parsed.count("json")) s.json_path = parsed["json"].as<std::string>();
  if (parsed.count("sarif")) s.sarif_path = parsed["sarif"].as<std::string>();
  if (parsed.count("rules")) s.rules = parsed["rules"].as<std::vector<std::string>>();
  s.parallel = std::clamp<std::size_t>(parsed["parallel"].as<std::size_t>(), 1, 32);
  s.timeout_s = std::clamp<long>(parsed["timeout"].as<long>(), 1, 3600);
  s.stall_s = std::clamp<long>(parsed["stall-timeout"].as<long>(), 1, 3600);
  s.patches = parsed.count("no-patches") == 0;
  s.patches_given = parsed.count("no-patches") > 0;
  if (parsed.count("config")) s.config_path = parsed["config"].as<std::string>();
  s.history = parsed.count("no-history") == 0;
  if (parsed.count("repo-root")) s.repo_root = parsed["repo-root"].as<std::string>();
  return s;
}

}  // namespace

int github_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   const github::Getenv& getenv, http::Transport* transport) {
  cxxopts::Options opts("ci-triage github", "Triage the failed jobs of a workflow run");
  opts.add_options()("repo", "OWNER/NAME (default GITHUB_REPOSITORY)", cxxopts::value<std::string>())(
      "run-id", "run id (default GITHUB_RUN_ID)", cxxopts::value<std::string>())(
      "attempt", "run attempt (default GITHUB_RUN_ATTEMPT)", cxxopts::value<std::string>())(
      "comment", "auto|always|never (outside Actions: no comment unless given)",
      cxxopts::value<std::string>()->default_value("auto"))("annotations", "write annotations (default)")(
      "no-annotations", "no annotations")("summary", "write the job summary (default)")(
      "no-summary", "no job summary")("max-annotations",
                                      "annotations per severity (at most 10 are shown per step)",
                                      cxxopts::value<std::size_t>()->default_value("10"))(
      "fail-on-error", "exit 1 when ci-triage itself could not complete")(
      "json", "JSON report path (in Actions default $RUNNER_TEMP/ci-triage-report.json)",
      cxxopts::value<std::string>())("sarif", "SARIF 2.1.0 report path (code scanning)",
                                     cxxopts::value<std::string>())(
      "r,rules", "extra rules file (repeatable)", cxxopts::value<std::vector<std::string>>())(
      "parallel", "concurrent log downloads", cxxopts::value<std::size_t>()->default_value("8"))(
      "timeout", "seconds ci-triage may spend talking to GitHub",
      cxxopts::value<long>()->default_value("300"))(
      "stall-timeout",
      "seconds a download may stay under 1 KiB/s before it is cut short (what arrived is analysed)",
      cxxopts::value<long>()->default_value("30"))(
      "repo-root", "checked-out repository for patches (default GITHUB_WORKSPACE)",
      cxxopts::value<std::string>())("no-patches", "no suggested patches")(
      "config", "config file (default: .github/ci-triage.yml or .ci-triage.yml in the checkout)",
      cxxopts::value<std::string>())(
      "no-history",
      "do not compare with the base branch's recent runs (no new / pre-existing / flaky marks)")(
      "h,help", "show this help");
  opts.custom_help("[--repo OWNER/NAME --run-id N] [options]");
  std::vector<const char*> argv{"github"};
  for (const auto& a : args) argv.push_back(a.c_str());
  cxxopts::ParseResult parsed;
  try {
    parsed = opts.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(e.what());
  }
  if (!parsed.unmatched().empty())
    throw UsageError("unexpected argument \"" + parsed.unmatched().front() + "\"");
  if (parsed.count("help")) {
    out << opts.help()
        << "Outside GitHub Actions: --repo and --run-id with GITHUB_TOKEN (or GH_TOKEN) set; a text\n"
        << "report is printed and nothing is written or posted unless asked (--json, --sarif, --comment).\n";
    return kExitOk;
  }
  Settings s = parse_options(parsed);

  std::vector<std::string> notes;
  github::Context ctx = github::load_context(getenv, notes);
  if (parsed.count("repo")) ctx.repo = parsed["repo"].as<std::string>();
  if (parsed.count("run-id")) {
    const auto v = parsed["run-id"].as<std::string>();
    ctx.run_id = std::strtoull(v.c_str(), nullptr, 10);
    if (ctx.run_id == 0) throw UsageError("--run-id must be a positive number");
  }
  if (parsed.count("attempt")) {
    ctx.run_attempt = std::atoi(parsed["attempt"].as<std::string>().c_str());
    if (ctx.run_attempt <= 0) throw UsageError("--attempt must be a positive number");
  }
  const auto slash = ctx.repo.find('/');
  if (ctx.repo.empty() || slash == std::string::npos || slash == 0 || slash + 1 == ctx.repo.size() ||
      ctx.repo.find_first_of(" ?#\r\n", 0) != std::string::npos ||
      ctx.repo.find('/', slash + 1) != std::string::npos)
    throw UsageError("no repository: set GITHUB_REPOSITORY or --repo OWNER/NAME");
  if (ctx.run_id == 0) throw UsageError("no run: set GITHUB_RUN_ID or --run-id");

  // A test hook (tests/github): retry and rate-limit waits are logged and skipped, not slept.
  http::SystemClock system_clock;
  http::VirtualClock virtual_clock;
  http::Clock& clock = getenv("CI_TRIAGE_VIRTUAL_TIME").value_or("") == "1"
                           ? static_cast<http::Clock&>(virtual_clock)
                           : system_clock;
  const bool in_actions = ctx.in_actions;
  GithubRun run(std::move(s), std::move(ctx), out, err);
  try {
    return run.run(notes, transport, clock);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    // ci-triage's own failure never fails the user's job unless asked to.
    if (!in_actions) throw;
    out << "::warning title=ci-triage::"
        << escape::command_data("ci-triage: internal error: " + one_line(e.what())) << "\n";
    return parsed.count("fail-on-error") ? kExitFailure : kExitOk;
  }
}

}  // namespace ci_triage
