// In-process benchmark of the engine stages on one log: read only, parse only,
// parse + rules. Prints GB/s per stage so regressions show where time goes.
//
// usage: ci-triage-bench LOG [--stats [--max-run-share F] | --atoms | --pattern-atoms | --plan | --combined]
//
// --combined measures the alternative to the prefilter: every output regex in
// one Vectorscan database (a combined automaton), each line scanned once and
// RE2 left for the captures of the lines that matched (docs/benchmarks.md).
#include <hs.h>
#include <re2/filtered_re2.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "diagnosis/collector.h"
#include "log/log_parser.h"
#include "rules/embedded.h"
#include "rules/rule_loader.h"
#include "sources/log_source.h"

using namespace ci_triage;

namespace {
double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of this process: on a loaded machine the wall clock measures the
// other processes too; CPU time is what one core spends on the log.
double cpu() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Times {
  double wall, cpu;
};

template <typename F>
Times run(const std::string& path, F&& per_chunk) {
  auto src = open_file_source(path);
  const double t0 = now(), c0 = cpu();
  for (std::string_view chunk = src->next(); !chunk.empty(); chunk = src->next()) per_chunk(chunk);
  return {now() - t0, cpu() - c0};
}

// RE2's named group `(?P<name>` in the PCRE syntax Vectorscan reads: `(?<name>`.
std::string pcre_syntax(const std::string& re) {
  std::string out;
  for (std::size_t i = 0; i < re.size(); ++i) {
    if (re.compare(i, 4, "(?P<") == 0) {
      out += "(?<";
      i += 3;
    } else {
      out += re[i];
    }
  }
  return out;
}

// The combined-automaton experiment: all output regexes in one block-mode
// Vectorscan database (single match per regex and line), every line the parser
// hands the matcher scanned once. Prints the time beside the
// engine's own pass; a regex Vectorscan cannot compile exactly is compiled as a
// prefilter (a superset) and counted.
int combined(const std::string& path, const CompiledRules& rules, double engine_cpu) {
  std::vector<std::string> exprs;
  std::vector<const char*> ptrs;
  std::vector<unsigned> flags, ids;
  std::size_t approximate = 0, left_out = 0;
  for (std::size_t i = 0; i < rules.output_patterns().size(); ++i)
    exprs.push_back(pcre_syntax(rules.output_regex(i)));
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    unsigned f = HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY | HS_FLAG_UTF8;
    hs_database_t* one = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile(exprs[i].c_str(), f, HS_MODE_BLOCK, nullptr, &one, &err) != HS_SUCCESS) {
      hs_free_compile_error(err);
      err = nullptr;
      f |= HS_FLAG_PREFILTER;
      if (hs_compile(exprs[i].c_str(), f, HS_MODE_BLOCK, nullptr, &one, &err) != HS_SUCCESS) {
        hs_free_compile_error(err);
        ++left_out;
        continue;
      }
      hs_free_database(one);
      ++approximate;
    } else {
      hs_free_database(one);
    }
    ptrs.push_back(exprs[i].c_str());
    flags.push_back(f);
    ids.push_back(static_cast<unsigned>(i));
  }
  const double c0 = cpu();
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(ptrs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::fprintf(stderr, "combined database: %s\n", err->message);
    hs_free_compile_error(err);
    return 1;
  }
  const double compile_s = cpu() - c0;
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  std::size_t db_bytes = 0;
  hs_database_size(db, &db_bytes);
  unsigned long long hits = 0, lines = 0, bytes = 0;
  auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* n) -> int {
    ++*static_cast<unsigned long long*>(n);
    return 0;
  };
  // The lines the engine's matcher reads: the parser's batches (stamps and markers already taken
  // off), so the comparison with "parse + rules" is parse + combined scan against it.
  LogParser parser;
  const BatchSink sink = [&](const Batch& batch) {
    for (const Line& line : batch.lines) {
      const std::string_view text = batch.line_text(line);
      ++lines;
      hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &hits);
    }
  };
  const Times t = run(path, [&](std::string_view chunk) {
    bytes += chunk.size();
    parser.feed(chunk, sink);
  });
  parser.finish(sink);
  hs_free_scratch(scratch);
  hs_free_database(db);
  std::printf(
      "combined automaton: %zu regexes (%zu as prefilters, %zu left out), database %.1f MiB, compiled in "
      "%.1f s\n",
      exprs.size(), approximate, left_out, static_cast<double>(db_bytes) / (1 << 20), compile_s);
  std::printf("parse + combined   %7.3f s %7.3f GB/s   cpu %7.3f s %7.3f GB/s   (%llu lines, %llu matches)\n",
              t.wall, static_cast<double>(bytes) / t.wall / 1e9, t.cpu,
              static_cast<double>(bytes) / t.cpu / 1e9, lines, hits);
  std::printf("parse + combined vs parse + rules: %.2fx its CPU time (before any capture is read)\n",
              t.cpu / engine_cpu);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(
        stderr,
        "usage: ci-triage-bench LOG [--stats [--max-run-share F] | --atoms | --pattern-atoms | --plan | "
        "--combined]\n");
    return 2;
  }
  const std::string path = argv[1];
  CompiledRules rules(builtin_rules(embedded::rule_set_image()), embedded::rules_image());
  if (argc > 2 && std::strcmp(argv[2], "--pattern-atoms") == 0) {
    // Each output pattern with the atoms the prefilter uses for it: find the
    // patterns whose atoms are common words (they make every line a candidate).
    for (const auto& r : rules.rules().rules) {
      auto show = [&](const std::vector<std::string>& list, const char* role) {
        for (const auto& re : list) {
          re2::FilteredRE2 f(3);
          int id;
          RE2::Options o;
          o.set_log_errors(false);
          f.Add(re, o, &id);
          std::vector<std::string> atoms;
          f.Compile(&atoms);
          std::printf("%s\t%s\t", r.id.c_str(), role);
          for (const auto& a : atoms) std::printf("[%s]", a.c_str());
          std::printf("\t%s\n", re.c_str());
        }
      };
      show(r.patterns, "evidence");
      show(r.fields_from, "fields_from");
      show(r.step_text, "step_text");
      show(r.not_step_text, "not_step_text");
      show(r.job_text, "job_text");
    }
    return 0;
  }
  if (argc > 2 && std::strcmp(argv[2], "--atoms") == 0) {
    // the atoms the prefilter really scans for (after pruning), one per line
    for (const auto& a : rules.output_matcher().scanned_atoms()) std::printf("%s\n", a.c_str());
    return 0;
  }
  std::uint64_t bytes = 0;
  const Times t_read = run(path, [&](std::string_view c) { bytes += c.size(); });
  LogParser p1;
  const Times t_parse = run(path, [&](std::string_view c) { p1.feed(c, [](const Batch&) {}); });
  LogParser p2;
  Collector collector(rules);
  const BatchSink sink = [&](const Batch& b) { collector.scan(b); };
  const Times t_all = run(path, [&](std::string_view c) { p2.feed(c, sink); });
  p2.finish(sink);
  auto gbs = [&](double t) { return static_cast<double>(bytes) / t / 1e9; };
  std::printf("bytes %llu, lines %llu, atoms %zu, rules %zu\n", static_cast<unsigned long long>(bytes),
              static_cast<unsigned long long>(p2.model().line_count), rules.output_matcher().atoms().size(),
              rules.rules().rules.size());
  auto show = [&](const char* what, Times t) {
    std::printf("%-16s %7.3f s %7.3f GB/s   cpu %7.3f s %7.3f GB/s\n", what, t.wall, gbs(t.wall), t.cpu,
                gbs(t.cpu));
  };
  show("read only", t_read);
  show("parse", t_parse);
  show("parse + rules", t_all);
  if (const auto n = rules.output_matcher().over_budget_lines())
    std::printf("lines over the matching budget: %llu\n", static_cast<unsigned long long>(n));
  if (argc > 2 && std::strcmp(argv[2], "--combined") == 0) return combined(path, rules, t_all.cpu);
  if (argc > 2 && std::strcmp(argv[2], "--plan") == 0) {
    // Each output regex with its minterms (atom sets a line must hold; * = scanned), or the
    // literal head it is found by at the line start.
    const PrefilterPlan& plan = rules.output_matcher().plan();
    for (std::size_t i = 0; i < plan.regexes.size(); ++i) {
      std::printf("%s\t%s\n", rules.rules().rules[rules.output_patterns()[i].rule].id.c_str(),
                  rules.output_regex(i).c_str());
      if (!plan.regexes[i].line_prefix.empty())
        std::printf("  head [%s] at the line start\n", plan.regexes[i].line_prefix.c_str());
      for (const auto& m : plan.regexes[i].minterms) {
        std::printf("  {");
        for (const auto a : m) std::printf(" [%s]%s", plan.atoms[a].c_str(), plan.scanned[a] ? "*" : "");
        std::printf(" }\n");
      }
    }
    return 0;
  }
  if (argc > 2 && std::strcmp(argv[2], "--stats") == 0) {
    const auto& st = rules.output_matcher().stats();

    std::vector<std::size_t> order(st.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return st[a].runs > st[b].runs; });
    unsigned long long cands = 0, runs = 0, matches = 0;
    for (const auto& s : st) {
      cands += s.candidates;
      runs += s.runs;
      matches += s.matches;
    }
    std::printf("regex candidates %llu, runs %llu, matches %llu\n", cands, runs, matches);
    for (std::size_t k = 0; k < order.size() && k < 25; ++k) {
      const auto i = order[k];
      const auto& ref = rules.output_patterns()[i];
      std::printf("%10llu candidates %10llu runs %8llu matches  %s  %.90s\n",
                  static_cast<unsigned long long>(st[i].candidates),
                  static_cast<unsigned long long>(st[i].runs), static_cast<unsigned long long>(st[i].matches),
                  rules.rules().rules[ref.rule].id.c_str(), rules.output_regex(i).c_str());
    }
    // --max-run-share F: a count, not a time. No regex may run on more than F of the log's lines:
    // one whose prefilter literals are weak (a common word) makes RE2 confirm it line after line,
    // and a single such rule cost 40 % of the rules pass once (zig-compile-error's `zig`).
    if (argc > 4 && std::strcmp(argv[3], "--max-run-share") == 0 && !order.empty()) {
      const double bar = std::strtod(argv[4], nullptr);
      const double lines = static_cast<double>(std::max<std::uint64_t>(p2.model().line_count, 1));
      const auto top = order.front();
      const double share = static_cast<double>(st[top].runs) / lines;
      const char* id = rules.rules().rules[rules.output_patterns()[top].rule].id.c_str();
      std::printf("largest run share: %s %.2f %% of %.0f lines (bar %.2f %%)\n", id, 100 * share, lines,
                  100 * bar);
      if (share > bar) {
        std::fprintf(
            stderr,
            "FAILED: %s runs on %.2f %% of the lines (bar %.2f %%): its prefilter literals are too weak\n",
            id, 100 * share, 100 * bar);
        return 1;
      }
    }
  }
  return 0;
}
