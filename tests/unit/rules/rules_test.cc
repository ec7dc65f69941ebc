#include <re2/re2.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <set>

#include "core/error.h"
#include "core/finding.h"
#include "rules/compiled_rules.h"
#include "rules/embedded.h"
#include "rules/matcher.h"
#include "rules/prefilter.h"
#include "rules/rule_loader.h"
#include "test_support.h"

namespace unit_rules_rules_test {

using namespace ci_triage;
using ci_triage::testing::fuzz_corpus;

namespace {
std::string load_error(const std::string& json) {
  RuleSet set;
  try {
    load_rules(json, "my.json", set);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}
// Every category a built-in rule may use (docs/rules.md "Categories"): the
// runbook's, then the extra ones.
const std::set<std::string> kCategories = {"tests",
                                           "test-isolation",
                                           "imports",
                                           "typecheck",
                                           "coverage",
                                           "docker-build",
                                           "docker-cache",
                                           "registry-auth",
                                           "kubectl-auth",
                                           "pods-not-ready",
                                           "smoke-tests",
                                           "monitoring",
                                           "rollback",
                                           "db-migration",
                                           "dependency-install",
                                           "timeout",
                                           "cancelled",
                                           "oom",
                                           "disk-full",
                                           "network",
                                           "lint",
                                           "compile",
                                           "config",
                                           "git",
                                           "artifacts",
                                           "cloud-auth",
                                           "github-api",
                                           "uncaught-exception",
                                           "infrastructure",
                                           "registry-push",
                                           "security",
                                           "unknown"};
const std::set<std::string> kEcosystems = {
    "python", "javascript", "jvm",        "go",         "rust",  "dotnet", "ruby",
    "php",    "c-cpp",      "containers", "kubernetes", "helm",  "shell",  "generic",
    "swift",  "elixir",     "dart",       "haskell",    "ocaml", "zig",    "r"};

}  // namespace

BOOST_AUTO_TEST_CASE(builtin_rules_are_valid_and_cover_the_runbook) {
  const RuleSet set = builtin_rules();
  BOOST_TEST(set.rules.size() > 50u);
  std::set<std::string> ids, categories;
  for (const auto& r : set.rules) {
    BOOST_TEST(ids.insert(r.id).second, "duplicate id " << r.id);
    categories.insert(r.category);
    // Every rule names its ecosystem (the language or platform), never in the category.
    const auto eco = r.constants.find("ecosystem");
    if (r.category != "unknown" || r.category_from_context) {
      BOOST_TEST_REQUIRE((eco != r.constants.end()), r.id << " sets no ecosystem");
      BOOST_TEST(kEcosystems.count(std::get<std::string>(eco->second)) == 1u, r.id << ": unknown ecosystem");
    }
    BOOST_TEST(!r.title.empty());
    BOOST_TEST(kCategories.count(r.category) == 1u,
               r.id << ": category " << r.category << " is not in the taxonomy");
    if (r.category != "unknown") {
      BOOST_TEST(!r.causes.empty(), r.id << " has no causes");
      BOOST_TEST(!r.remedies.empty(), r.id << " has no remedies");
    }
  }
  // The runbook's categories, whatever the language, plus the extra ones for
  // what lies outside it (docs/rules.md "Categories").
  for (const char* c :
       {"tests",        "test-isolation", "imports",       "typecheck",    "coverage",
        "docker-build", "docker-cache",   "registry-auth", "kubectl-auth", "pods-not-ready",
        "smoke-tests",  "monitoring",     "rollback",      "db-migration", "dependency-install",
        "timeout",      "cancelled",      "oom",           "disk-full",    "network",
        "lint",         "compile",        "config"})
    BOOST_TEST(categories.count(c) == 1u, "no rule for category " << c);
}

BOOST_AUTO_TEST_CASE(builtin_rule_files_pass_full_validation) {
  // builtin_rules() skips compiling regexes at start-up; this is where they are checked.
  for (const auto& f : embedded::rule_files()) {
    RuleSet set;
    try {
      load_rules(f.content, std::string(f.name), set);
    } catch (const std::exception& e) {
      BOOST_ERROR(f.name << ": " << e.what());
    }
  }
}

BOOST_AUTO_TEST_CASE(builtin_rules_never_run_on_every_line) {
  // Every output pattern has a literal for the prefilter: otherwise it would
  // run RE2 on every line of every log.
  const CompiledRules compiled(builtin_rules());
  BOOST_TEST(compiled.slow_rules().empty());
}

BOOST_AUTO_TEST_CASE(malformed_rules_name_file_path_and_problem) {
  BOOST_TEST(load_error("{").rfind("rules file my.json: $: invalid JSON", 0) == 0u);
  BOOST_TEST(load_error(R"J({"schema":"x","rules":[]})J") ==
             "rules file my.json: $.schema: expected \"ci-triage/rules@1\"");
  const std::string head = R"J({"schema":"ci-triage/rules@1","rules":[)J";
  BOOST_TEST(load_error(head + R"J({"id":"a","category":"tests","title":"t","patterns":["(x"]}]})J")
                 .find("$.rules[0].patterns[0]: invalid regex") != std::string::npos);
  BOOST_TEST(load_error(head + R"J({"id":"Bad_Id","category":"tests","title":"t","patterns":["x"]}]})J") ==
             "rules file my.json: $.rules[0].id: \"Bad_Id\" is not kebab-case");
  BOOST_TEST(
      load_error(head +
                 R"J({"id":"a","category":"tests","title":"t","patterns":["x"],"severity":"fatal"}]})J") ==
      "rules file my.json: $.rules[0].severity: expected \"error\", \"warning\" or \"notice\"");
  BOOST_TEST(load_error(head + R"J({"id":"a","category":"tests","title":"t","patterns":["(?P<n>x)"]}]})J") ==
             "rules file my.json: $.rules[0].fields: named group \"n\" is not declared in \"fields\"");
  BOOST_TEST(load_error(head + R"J({"id":"a","category":"tests","patterns":["x"]}]})J") ==
             "rules file my.json: $.rules[0]: missing \"title\"");
  BOOST_TEST(
      load_error(head +
                 R"J({"id":"a","category":"tests","title":"t","patterns":["x"],"when":{"cmd":"y"}}]})J")
          .find("$.rules[0].when.cmd: unknown condition") != std::string::npos);
  BOOST_TEST(
      load_error(
          head +
          R"J({"id":"a","category":"tests","title":"t","patterns":["x"],"when":{"until":["yyy"]}}]})J") ==
      "rules file my.json: $.rules[0].when.until: needs when.after (the lines that open the section it "
      "closes)");
  const std::string rule = R"J({"id":"a","category":"tests","title":"t","patterns":["x"],"remedies":)J";
  BOOST_TEST(load_error(head + rule + R"J([{"when":{"tool":"(x"},"text":"t"}]}]})J")
                 .find("$.rules[0].remedies[0].when.tool: invalid regex") != std::string::npos);
  BOOST_TEST(load_error(head + rule + R"J([{"when":{"tool":"x"},"otherwise":true,"text":"t"}]}]})J") ==
             "rules file my.json: $.rules[0].remedies[0]: a remedy has \"when\" or \"otherwise\", not both");
  BOOST_TEST(load_error(head + rule + R"J([{"if":{"tool":"x"},"text":"t"}]}]})J") ==
             "rules file my.json: $.rules[0].remedies[0].if: unknown key (text, when, otherwise)");
  BOOST_TEST(load_error(head + rule + R"J([{"when":{"tool":"x"}}]}]})J")
                 .find("$.rules[0].remedies[0]: expected a string or") != std::string::npos);
  BOOST_TEST(load_error(head + R"J({"id":"a","category":"tests","title":"t","patterns":["x"],)J" +
                        R"J("category_from_context":"always"}]})J") ==
             "rules file my.json: $.rules[0].category_from_context: expected true, false or \"runbook\"");
  RuleSet set;
  load_rules(head + R"J({"id":"a","category":"network","title":"t","patterns":["x"],)J" +
                 R"J("category_from_context":"runbook"}]})J",
             "my.json", set);
  BOOST_TEST(set.rules.back().category_from_context);
  BOOST_TEST(set.rules.back().context_runbook_only);
  BOOST_TEST(is_runbook_category("smoke-tests"));
  BOOST_TEST(!is_runbook_category("git"));
  const std::string counted =
      R"J({"id":"a","category":"tests","title":"t","patterns":["(?P<failures>\\d+)"],)J"
      R"J("fields":{"failures":"int","ids":"list","name":"string"},"derive":)J";
  RuleSet derived;
  BOOST_CHECK_NO_THROW(load_rules(
      head + counted + R"J({"failed_count":"sum:failures+failures|count:ids"}}]})J", "my.json", derived));
  BOOST_TEST(
      load_error(head + counted + R"J({"failed_count":"count:failures"}}]})J")
          .find("$.rules[0].derive.failed_count: expected \"count:LIST\", \"sum:A+B\" or \"max:A+B\"") !=
      std::string::npos);
  RuleSet maxed;
  BOOST_CHECK_NO_THROW(
      load_rules(head + counted + R"J({"failed_count":"max:failures+ids"}}]})J", "my.json", maxed));
  BOOST_TEST(load_error(head + counted + R"J({"failed_count":"sum:failures+ids"}}]})J").find("not \"sum:") !=
             std::string::npos);
  BOOST_TEST(load_error(head + counted + R"J({"failed_count":"sum:failures+name"}}]})J")
                 .find("not \"sum:failures+name\"") != std::string::npos);
  BOOST_TEST(load_error(head + counted + R"J({"failed_count":"sum:"}}]})J").find("derive.failed_count") !=
             std::string::npos);
  // "list:A+B" joins list and string fields into a list field, alone (no alternatives).
  RuleSet joined;
  BOOST_CHECK_NO_THROW(load_rules(head + counted + R"J({"ids":"list:ids+name"}}]})J", "my.json", joined));
  BOOST_TEST(joined.rules.back().derive.at("ids") == "list:ids+name");
  BOOST_TEST(load_error(head + counted + R"J({"name":"list:ids"}}]})J").find("derive.name") !=
             std::string::npos);  // into a string field
  BOOST_TEST(load_error(head + counted + R"J({"ids":"list:ids+failures"}}]})J").find("derive.ids") !=
             std::string::npos);  // from an int field
  BOOST_TEST(load_error(head + counted + R"J({"ids":"list:ids|count:ids"}}]})J").find("derive.ids") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_vocabulary_names_its_path) {
  const std::string head = R"J({"schema":"ci-triage/rules@1","rules":[],"vocabulary":)J";
  BOOST_TEST(load_error(head + R"J([]})J") ==
             "rules file my.json: $.vocabulary: expected an object with \"words\"");
  BOOST_TEST(load_error(head + R"J({"words":[{"category":"unknown","pattern":"x"}]}})J") ==
             "rules file my.json: $.vocabulary.words[0].category: \"unknown\" is not a kebab-case category "
             "other than unknown");
  BOOST_TEST(load_error(head + R"J({"words":[{"category":"coverage","pattern":"x","also":"y"}]}})J") ==
             "rules file my.json: $.vocabulary.words[0].also: unknown key");
  BOOST_TEST(load_error(head + R"J({"words":[{"category":"coverage"}]}})J") ==
             "rules file my.json: $.vocabulary.words[0]: missing \"pattern\"");
  BOOST_TEST(load_error(head + R"J({"words":[{"category":"coverage","pattern":"x","strong":1}]}})J") ==
             "rules file my.json: $.vocabulary.words[0].strong: expected true or false");
  BOOST_TEST(
      load_error(head + R"J({"marker":"(x","words":[]}})J").find("$.vocabulary.marker: invalid regex") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(builtin_vocabulary_names_runbook_categories) {
  const RuleSet set = builtin_rules();
  BOOST_TEST(!set.vocabulary_marker.empty());
  BOOST_TEST(set.vocabulary.size() > 10u);
  for (const auto& w : set.vocabulary)
    BOOST_TEST(is_runbook_category(w.category),
               w.pattern << ": " << w.category << " is not a runbook category");
}

BOOST_AUTO_TEST_CASE(user_rules_add_and_override) {
  RuleSet set = builtin_rules();
  const std::size_t before = set.rules.size();
  load_rules(R"J({"schema":"ci-triage/rules@1","rules":[
      {"id":"python-module-not-found","category":"imports","title":"mine","patterns":["No module named"]},
      {"id":"my-new-rule","category":"deploy","title":"new","patterns":["deploy failed"]}]})J",
             "user.json", set);
  BOOST_TEST(set.rules.size() == before + 1);
  for (const auto& r : set.rules)
    if (r.id == "python-module-not-found") BOOST_TEST(r.title == "mine");
}

BOOST_AUTO_TEST_CASE(matcher_reports_hits_with_named_captures) {
  Matcher m({"ModuleNotFoundError: No module named '(?P<module>[^']+)'", "(?i)connection refused",
             "^no atoms? here$"});
  Batch b;
  const std::string text =
      "first line\nE   ModuleNotFoundError: No module named 'yaml'\ncurl: Connection REFUSED\n";
  b.text = text;
  b.lines = {
      {0, 10, 1, 0, LineKind::kOutput}, {11, 47, 2, 0, LineKind::kOutput}, {59, 24, 3, 0, LineKind::kOutput}};
  std::vector<std::tuple<std::uint32_t, std::uint64_t, std::string>> hits;
  m.scan(b, 1u << static_cast<unsigned>(LineKind::kOutput),
         [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>& caps) {
           hits.emplace_back(
               p, l.number, caps.empty() ? "" : std::string(caps[0].name) + "=" + std::string(caps[0].value));
         });
  BOOST_REQUIRE_EQUAL(hits.size(), 2u);
  BOOST_TEST(std::get<0>(hits[0]) == 0u);
  BOOST_TEST(std::get<1>(hits[0]) == 2u);
  BOOST_TEST(std::get<2>(hits[0]) == "module=yaml");
  BOOST_TEST(std::get<0>(hits[1]) == 1u);  // case-insensitive regex, caseless prefilter
  BOOST_TEST(std::get<1>(hits[1]) == 3u);
}

BOOST_AUTO_TEST_CASE(matcher_runs_patterns_without_literals_on_every_line) {
  Matcher m({"^\\d+$"});
  BOOST_TEST(m.unfiltered().size() == 1u);
  Batch b;
  const std::string text = "abc\n123\n";
  b.text = text;
  b.lines = {{0, 3, 1, 0, LineKind::kOutput}, {4, 3, 2, 0, LineKind::kOutput}};
  int hits = 0;
  m.scan(b, ~0u, [&](std::uint32_t, const Line& l, std::string_view, const std::vector<Capture>&) {
    ++hits;
    BOOST_TEST(l.number == 2u);
  });
  BOOST_TEST(hits == 1);
}

namespace {
// A batch of plain output lines, numbered from 1, over `text` (kept by the caller).
Batch plain_batch(const std::vector<std::string>& lines, std::string& text) {
  Batch b;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    b.lines.push_back({static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(lines[i].size()),
                       i + 1, 0, LineKind::kOutput});
    text += lines[i] + "\n";
  }
  b.text = text;
  return b;
}
}  // namespace

BOOST_AUTO_TEST_CASE(matcher_dense_batches_report_what_a_first_sight_reports) {
  // A batch with a rule literal on every line puts the next batch in dense mode: lines seen
  // before take their candidates from a memo. Every batch must report the same hits, with
  // captures from its own text, as the first one did.
  const std::vector<std::string> regexes = {"No module named '(?P<module>[^']+)'", "(?i)connection refused",
                                            "denied: (?P<what>.+)"};
  const std::vector<std::string> lines = {"E   ModuleNotFoundError: No module named 'yaml'",
                                          "curl: Connection REFUSED",
                                          "nothing here",
                                          "denied: requested access to the resource is denied",
                                          "",
                                          "E   ModuleNotFoundError: No module named 'yaml'",
                                          "a long line " + std::string(600, 'x') + " denied: push"};
  Matcher m(regexes);
  std::vector<std::string> first;
  for (int round = 0; round < 4; ++round) {
    std::string text;
    const Batch b = plain_batch(lines, text);
    std::vector<std::string> hits;
    m.scan(b, ~0u, [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>& caps) {
      std::string h = std::to_string(p) + "@" + std::to_string(l.number);
      for (const Capture& c : caps) h += " " + std::string(c.name) + "=" + std::string(c.value);
      hits.push_back(h);
    });
    if (round == 0) {
      first = hits;
      BOOST_TEST(first.size() == 5u);
    } else {
      BOOST_TEST(hits == first, "round " << round);
    }
  }
}

BOOST_AUTO_TEST_CASE(matcher_first_byte_gate_loses_no_match) {
  // Anchored regexes skip RE2 on lines that cannot begin a match; every
  // (regex, line) pair must still match exactly as RE2 alone says.
  const std::vector<std::string> regexes = {"^error: (?P<x>\\w+) failed",    "^(?:FAIL|ERROR): \\w+ failed",
                                            "^\\s+Reason: \\w+ failed",      "^ok|\\w+ failed",
                                            "^(?i)error: \\w+ failed",       "^\\w* failed",
                                            "^(error|warn)ing: \\w+ failed$"};
  const std::vector<std::string> lines = {"error: build failed",
                                          "ERROR: x failed",
                                          "FAIL: y failed",
                                          "  Reason: z failed",
                                          "\tReason: q failed",
                                          "Error: build failed",
                                          "x ok failed",
                                          "ok",
                                          "abc failed",
                                          " failed",
                                          "",
                                          "failed",
                                          "warning: w failed",
                                          "erroring: e failed",
                                          "eRRor: m failed"};
  Matcher m(regexes);
  std::string text;
  const Batch b = plain_batch(lines, text);
  std::set<std::pair<std::uint32_t, std::uint64_t>> got, want;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>&) {
    got.emplace(p, l.number);
  });
  for (std::size_t r = 0; r < regexes.size(); ++r)
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (RE2::PartialMatch(lines[i], RE2(regexes[r]))) want.emplace(static_cast<std::uint32_t>(r), i + 1);
  BOOST_TEST(want.size() > 10u);
  BOOST_TEST((got == want));
}

BOOST_AUTO_TEST_CASE(matcher_budget_charges_runs_not_candidates_a_first_byte_rules_out) {
  // Thirty anchored regexes share the literal "error"; ten thousand lines hold it but begin
  // where none of them can, so each is a candidate thirty times and RE2 never runs. The work
  // budget must charge what runs: the last line still matches, and no line goes unmatched.
  std::vector<std::string> regexes;
  for (int i = 1; i <= 30; ++i)
    regexes.push_back("^\\d+ [a-z]{" + std::to_string(i) + "}: error (?P<what>\\w+)");
  std::vector<std::string> lines(10000, "a job: error happened here");
  lines.back() = "7 abcdefgh: error boom";
  Matcher m(regexes);
  std::string text;
  const Batch b = plain_batch(lines, text);
  std::vector<std::string> hits;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>& caps) {
    hits.push_back(std::to_string(p) + "@" + std::to_string(l.number) + " " + std::string(caps.at(0).value));
  });
  BOOST_TEST(hits == std::vector<std::string>{"7@10000 boom"}, boost::test_tools::per_element());
  BOOST_TEST(m.over_budget_lines() == 0u);
}

BOOST_AUTO_TEST_CASE(prefilter_plan_lists_the_atom_sets_a_match_needs) {
  const PrefilterPlan plan = plan_prefilter({"foobar|bazqux", "needle.*haystack", "^\\d+$"});
  auto atoms_of = [&](std::size_t r) {
    std::vector<std::vector<std::string>> out;
    for (const auto& m : plan.regexes[r].minterms) {
      out.emplace_back();
      for (auto a : m) out.back().push_back(plan.atoms[a]);
      std::sort(out.back().begin(), out.back().end());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  using Sets = std::vector<std::vector<std::string>>;
  BOOST_TEST((atoms_of(0) == Sets{{"bazqux"}, {"foobar"}}));
  BOOST_TEST((atoms_of(1) == Sets{{"haystack", "needle"}}));
  BOOST_TEST((atoms_of(2) == Sets{{}}));
  BOOST_TEST((plan.unfiltered() == std::vector<int>{2}));
  PrefilterPlan back;
  BOOST_REQUIRE(deserialize_plan(serialize_plan(plan), back));
  BOOST_TEST(serialize_plan(back) == serialize_plan(plan));
  BOOST_TEST(!deserialize_plan(serialize_plan(plan).substr(0, 20), back));
}

BOOST_AUTO_TEST_CASE(no_scanned_literal_ends_in_the_error_token) {
  // A literal ending in "error: " would be confirmed at every "error: " of a log: it gives
  // way to what precedes it, or to "error: " itself when that is too short to be rare.
  const std::vector<std::string> regexes = {"^psql: error: (.+)", "^\\S+\\.py:\\d+: error: (.+)",
                                            "original upgrade error: (.+)"};
  const PrefilterPlan plan = plan_prefilter(regexes);
  std::set<std::string> atoms(plan.atoms.begin(), plan.atoms.end());
  BOOST_TEST(atoms.count("psql: ") == 1u);
  BOOST_TEST(atoms.count("original upgrade ") == 1u);
  BOOST_TEST(atoms.count("error: ") == 1u);  // ": error: " is too short without its tail
  for (const auto& a : atoms) BOOST_TEST((a == "error: " || !a.ends_with("error: ")), a);
  // Still a superset: every line a regex matches is a candidate, and only those match.
  Matcher m(regexes);
  std::string text;
  const Batch b = plain_batch({"psql: error: connection refused", "psql: warning: x",
                               "app/x.py:3: error: bad", "Error: original upgrade error: timed out"},
                              text);
  std::vector<std::pair<std::uint32_t, std::uint64_t>> got;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>&) {
    got.emplace_back(p, l.number);
  });
  std::sort(got.begin(), got.end());
  BOOST_TEST((got == std::vector<std::pair<std::uint32_t, std::uint64_t>>{{0, 1}, {1, 3}, {2, 4}}));
}

BOOST_AUTO_TEST_CASE(a_scanned_word_guards_only_a_literal_not_much_longer) {
  // "error" is scanned for the first regex; the second needs it and "django.db." (twice as
  // long): its own literal guards it, or it would run on every line with the word.
  const std::vector<std::string> regexes = {"\\berror\\b", "(django\\.db\\.(?:utils\\.)?\\w+Error): (.+)"};
  const PrefilterPlan plan = plan_prefilter(regexes);
  bool guarded = false;
  for (std::size_t a = 0; a < plan.atoms.size(); ++a)
    if (plan.atoms[a] == "django.db.") guarded = plan.scanned[a];
  BOOST_TEST(guarded);
}

BOOST_AUTO_TEST_CASE(a_short_common_atom_never_stands_in_for_a_long_literal) {
  // "https?://\\S+" needs only "http" (so "http" is scanned); the second regex
  // needs "http" too, but its long literal guards it: a line with a URL alone
  // is no candidate for it.
  const std::vector<std::string> regexes = {"https?://\\S+", "Could not fetch URL (https?://\\S+)"};
  const PrefilterPlan plan = plan_prefilter(regexes);
  for (std::size_t a = 0; a < plan.atoms.size(); ++a)
    if (plan.atoms[a] == "could not fetch url ") BOOST_TEST(plan.scanned[a]);
  Matcher m(regexes);
  std::string text;
  const Batch b = plain_batch(
      {"Downloading https://example.org/a.pom", "Could not fetch URL https://pypi.org/simple/x/"}, text);
  std::vector<std::pair<std::uint32_t, std::uint64_t>> got;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>&) {
    got.emplace_back(p, l.number);
  });
  std::sort(got.begin(), got.end());
  BOOST_TEST((got == std::vector<std::pair<std::uint32_t, std::uint64_t>>{{0, 1}, {0, 2}, {1, 2}}));
  BOOST_TEST(m.stats()[1].runs == 1u);  // the first line never reached the second regex
}

// RE2 folds an atom's letters with Unicode's lower case ("échoué"); the literal pass is
// case-insensitive for ASCII only. VSTest's French summary line must still reach its regex.
BOOST_AUTO_TEST_CASE(a_capitalised_non_ascii_literal_still_reaches_its_regex) {
  const std::vector<std::string> regexes = {"^\\s+(?:Failed|\u00c9chou\u00e9) (?P<test_ids>\\S+) \\[",
                                            "(?i)\u00e9chec de la connexion"};
  Matcher m(regexes);
  std::string text;
  const Batch b =
      plain_batch({"  \u00c9chou\u00e9 Shop.Tests.Create [29 ms]", "\u00c9CHEC DE LA CONNEXION"}, text);
  std::vector<std::pair<std::uint32_t, std::uint64_t>> got;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>&) {
    got.emplace_back(p, l.number);
  });
  std::sort(got.begin(), got.end());
  BOOST_TEST((got == std::vector<std::pair<std::uint32_t, std::uint64_t>>{{0, 1}, {1, 2}}));
  for (const std::string& atom : m.plan().atoms)
    BOOST_TEST(
        std::none_of(atom.begin(), atom.end(), [](char c) { return static_cast<unsigned char>(c) == 0xc3; }));
}

// A Markdown quote keeps the quoted line's own indentation in its bare text (Line::skip 2):
// a pattern written for the indented line matches the bare text, one written for the
// unindented tool text gets a third try without the indentation.
BOOST_AUTO_TEST_CASE(a_quoted_line_is_tried_with_and_without_its_own_indentation) {
  const std::vector<std::string> regexes = {"^\\s+Reason: (?P<reason>.+)",
                                            "^Error: UPGRADE FAILED: (?P<why>.+)"};
  Matcher m(regexes);
  std::string text;
  Batch b = plain_batch(
      {">      Reason: liquibase.exception.DatabaseException", ">   Error: UPGRADE FAILED: timed out"}, text);
  b.lines[0].skip = 2;
  b.lines[1].skip = 2;
  std::vector<std::pair<std::uint32_t, std::string>> got;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line&, std::string_view, const std::vector<Capture>& caps) {
    got.emplace_back(p, caps.empty() ? "" : std::string(caps[0].value));
  });
  std::sort(got.begin(), got.end());
  BOOST_TEST((got == std::vector<std::pair<std::uint32_t, std::string>>{
                         {0, "liquibase.exception.DatabaseException"}, {1, "timed out"}}));
}

// A step's indented line has no wrapper (Line::skip 0): a pattern written for the
// unindented tool text gets a second try without the indentation (blanks or tabs).
BOOST_AUTO_TEST_CASE(an_indented_line_without_a_wrapper_is_tried_without_its_indentation) {
  const std::vector<std::string> regexes = {"^Error: UPGRADE FAILED: (?P<why>.+)",
                                            "^\\s+--- FAIL: (?P<t>\\S+)"};
  Matcher m(regexes);
  std::string text;
  const Batch b = plain_batch({"    Error: UPGRADE FAILED: timed out", "\t--- FAIL: TestA (0.00s)"}, text);
  std::vector<std::pair<std::uint32_t, std::string>> got;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line&, std::string_view, const std::vector<Capture>& caps) {
    got.emplace_back(p, caps.empty() ? "" : std::string(caps[0].value));
  });
  std::sort(got.begin(), got.end());
  BOOST_TEST((got == std::vector<std::pair<std::uint32_t, std::string>>{{0, "timed out"}, {1, "TestA"}}));
}

// A regex anchored at a literal head as long as its atoms is found by the head at the line
// start (a table look-up), not by scanning for "    " or "e: " everywhere: the plan keeps no
// atom for it, and it still matches the whole line, the line without its wrapper and either
// without indentation, in first-sight and dense batches alike.
BOOST_AUTO_TEST_CASE(a_literal_head_at_the_line_start_replaces_its_atoms) {
  const std::vector<std::string> regexes = {"^    \\s*\\d+\\) (?P<t>.+)$", "^e: (?P<file>\\S+\\.kts?):\\d+",
                                            "No module named '(?P<module>[^']+)'"};
  Matcher m(regexes);
  const PrefilterPlan& plan = m.plan();
  BOOST_TEST(plan.regexes[0].line_prefix == "    ");
  BOOST_TEST(plan.regexes[0].minterms.empty());
  BOOST_TEST(plan.regexes[1].line_prefix == "e: ");
  BOOST_TEST(plan.regexes[2].line_prefix.empty());
  BOOST_TEST(m.unfiltered().empty());
  const auto scanned = m.scanned_atoms();
  BOOST_TEST((std::find(scanned.begin(), scanned.end(), "    ") == scanned.end()));
  // An atom on most lines puts the later rounds in dense mode (a memo of line texts).
  std::vector<std::string> lines = {"      1) Api returns 200",
                                    "web_1  |     2) Api returns 404",
                                    "  e: /src/build.gradle.kts:12:3 Unresolved reference",
                                    "x    3) not at the start",
                                    "E   ModuleNotFoundError: No module named 'yaml'",
                                    "e: nothing here"};
  for (int i = 0; i < 6; ++i) lines.push_back("E   ModuleNotFoundError: No module named 'yaml'");
  std::vector<std::string> first;
  for (int round = 0; round < 4; ++round) {
    std::string text;
    Batch b = plain_batch(lines, text);
    b.lines[1].skip = 9;
    std::vector<std::string> got;
    m.scan(b, ~0u, [&](std::uint32_t p, const Line& l, std::string_view, const std::vector<Capture>& caps) {
      got.push_back(std::to_string(p) + "@" + std::to_string(l.number) + " " + std::string(caps.at(0).value));
    });
    std::sort(got.begin(), got.end());
    if (round == 0)
      first = got;
    else
      BOOST_TEST(got == first, "round " << round);
  }
  BOOST_TEST(first == (std::vector<std::string>{"0@1 Api returns 200", "0@2 Api returns 404",
                                                "1@3 /src/build.gradle.kts", "2@10 yaml", "2@11 yaml",
                                                "2@12 yaml", "2@5 yaml", "2@7 yaml", "2@8 yaml", "2@9 yaml"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rules_sharing_a_regex_run_it_once_and_each_get_the_hit) {
  const std::vector<std::string> regexes = {"(?P<n>\\d+) failing", "other thing", "(?P<n>\\d+) failing"};
  Matcher m(regexes);
  std::string text;
  const Batch b = plain_batch({"  3 failing"}, text);
  std::vector<std::pair<std::uint32_t, std::string>> got;
  m.scan(b, ~0u, [&](std::uint32_t p, const Line&, std::string_view, const std::vector<Capture>& caps) {
    got.emplace_back(p, caps.empty() ? "" : std::string(caps[0].value));
  });
  std::sort(got.begin(), got.end());
  BOOST_TEST((got == std::vector<std::pair<std::uint32_t, std::string>>{{0, "3"}, {2, "3"}}));
  BOOST_TEST(m.stats()[0].runs + m.stats()[2].runs == 1u);
}

BOOST_AUTO_TEST_CASE(builtin_rules_image_is_the_matcher_compiled_now) {
  // The build-time image (embedded::rules_image()) is what compiling the
  // built-in rules at start-up would give, and it is used for them.
  const RuleSet set = builtin_rules();
  const CompiledRules fresh(set);
  const CompiledRules imaged(set, embedded::rules_image());
  BOOST_TEST(!fresh.from_image());
  BOOST_TEST(imaged.from_image());
  BOOST_TEST(imaged.output_matcher().atoms() == fresh.output_matcher().atoms());
  BOOST_TEST(imaged.output_matcher().scanned_atoms() == fresh.output_matcher().scanned_atoms());
  for (std::uint32_t i = 0; i < fresh.output_patterns().size(); ++i)
    BOOST_TEST(imaged.output_patterns()[i].groups == fresh.output_patterns()[i].groups);
  // Any other rule set compiles its own matcher.
  RuleSet other = set;
  other.rules.front().patterns.push_back("another pattern");
  BOOST_TEST(!CompiledRules(other, embedded::rules_image()).from_image());
  BOOST_TEST(Matcher::from_image({"x"}, "garbage") == nullptr);
}

// Hostile input (issue 11).
BOOST_AUTO_TEST_SUITE(rules_hostile)

BOOST_AUTO_TEST_CASE(deeply_nested_rules_file_is_one_clear_error) {
  RuleSet set;
  try {
    load_rules(fuzz_corpus("rules/deep-nesting-120k-rules.json"), "deep.json", set);
    BOOST_FAIL("accepted");
  } catch (const UsageError& e) {
    BOOST_TEST(std::string(e.what()).find("rules file deep.json: $: invalid JSON at byte") == 0);
    BOOST_TEST(std::string(e.what()).find("nested deeper than 128 levels") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_rules_rules_test
