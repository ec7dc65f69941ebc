// FindingFields on small rule tables and excerpts whose lines real tools print.
#include "diagnosis/finding_fields.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "log/log_parser.h"
#include "rules/rule_loader.h"

namespace unit_diagnosis_finding_fields_test {

using namespace ci_triage;

namespace {

struct Run {
  CompiledRules compiled;
  Collector collector;
  LogParser parser;
  explicit Run(const std::string& rules_json, const std::string& log)
      : compiled([&] {
          RuleSet set;
          load_rules(rules_json, "test.json", set);
          return set;
        }()),
        collector(compiled) {
    const BatchSink sink = [&](const Batch& b) { collector.scan(b); };
    parser.feed(log, sink);
    parser.finish(sink);
  }
};

const std::string kPush =
    R"({"schema": "ci-triage/rules@1", "rules": [{"id": "push-denied", "category": "registry-auth",
    "title": "t", "patterns": ["^denied: requested access to the resource is denied"],
    "fields_from": ["^The push refers to repository \\[(?P<image>[^\\]]+)\\]"],
    "fields": {"image": "string"}}]})";

}  // namespace

BOOST_AUTO_TEST_SUITE(finding_fields)

// docker push echoes the repository without its tag; the transcript's command names it with one,
// and its host is the registry.
BOOST_AUTO_TEST_CASE(an_image_takes_its_tag_from_the_command_and_names_its_registry) {
  Run run(kPush,
          "+ docker push ghcr.io/acme/api:v2\n"
          "The push refers to repository [ghcr.io/acme/api]\n"
          "denied: requested access to the resource is denied\n");
  const FindingFields fields(run.compiled, run.collector, run.parser.model());
  const auto* acc = run.collector.accumulations().empty() ? nullptr : &run.collector.accumulations()[0];
  BOOST_REQUIRE(acc != nullptr);
  Finding f;
  f.step.number = 1;
  f.category = "registry-auth";
  fields.enrich(*acc, f.fields);
  BOOST_TEST(std::get<std::string>(f.fields.at("image")) == "ghcr.io/acme/api");
  fields.add_extracted(f);
  BOOST_TEST(std::get<std::string>(f.fields.at("image")) == "ghcr.io/acme/api:v2");
  BOOST_TEST(std::get<std::string>(f.fields.at("registry")) == "ghcr.io");
}

// A Run block's env: values fill in the $VARS of its script; masked values stay masked.
BOOST_AUTO_TEST_CASE(command_of_expands_the_steps_env_values) {
  Run run(kPush,
          "2026-01-28T12:00:00.0000000Z ##[group]Run curl -fsS \"$APP_URL/healthz\" -H \"$TOKEN\"\n"
          "2026-01-28T12:00:00.0000001Z curl -fsS \"$APP_URL/healthz\" -H \"$TOKEN\"\n"
          "2026-01-28T12:00:00.0000002Z shell: /usr/bin/bash -e {0}\n"
          "2026-01-28T12:00:00.0000003Z env:\n"
          "2026-01-28T12:00:00.0000004Z   APP_URL: https://staging.example.com\n"
          "2026-01-28T12:00:00.0000005Z   TOKEN: ***\n"
          "2026-01-28T12:00:00.0000006Z ##[endgroup]\n");
  const FindingFields fields(run.compiled, run.collector, run.parser.model());
  const LogModel& model = run.parser.model();
  BOOST_REQUIRE(!model.steps.empty());
  const std::string& command = fields.command_of(model.steps.size() - 1);  // the Run step, last
  BOOST_TEST(command.find("curl -fsS \"https://staging.example.com/healthz\" -H \"$TOKEN\"") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_diagnosis_finding_fields_test
