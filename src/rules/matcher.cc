#include "rules/matcher.h"

#include <fmt/format.h>
#include <hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <unordered_map>

#include "core/error.h"
#include "rules/regex_options.h"

namespace ci_triage {

namespace {
// Insertion sort: the prefilter reports atoms almost in order (a few bytes
// out of place), so this is linear in practice where std::sort is n log n.
// Past a few moves per element the input is not nearly sorted: std::sort
// finishes the job, so no order of hits makes this quadratic.
template <typename T>
void sort_nearly_sorted(std::vector<T>& v) {
  std::size_t budget = 4 * v.size() + 64;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (!(v[i] < v[i - 1])) continue;
    T x = v[i];
    std::size_t j = i;
    while (j > 0 && x < v[j - 1]) {
      v[j] = v[j - 1];
      --j;
      if (--budget == 0) {
        v[j] = x;
        std::sort(v.begin(), v.end());
        return;
      }
    }
    v[j] = x;
  }
}

// The regex work budget, in bytes of text: a regex run costs the line's length
// plus kRunCost (RE2's fixed cost per call, measured at ~190 ns, as many bytes of
// scanning); looking at a candidate the line's first bytes rule out (an anchored
// regex, PatternInfo::may_match) costs kCandidateCost. Each scanned byte earns
// kWorkPerByte; a dense stretch of candidate lines may spend up to kMaxCredit
// saved from the quiet ones. A log made of candidate lines (a rule literal on
// every short line, every atom on every line) exhausts it, and its lines beyond
// it are not matched: without the bound, matching work grows with lines x
// candidate regexes, not with the log. Only the runs are charged the line's
// length: charging every candidate that (most of them ruled out by a byte
// compare) left ordinary large logs short of budget.
constexpr std::uint64_t kRunCost = 512;
constexpr std::uint64_t kCandidateCost = 64;
constexpr std::uint64_t kWorkPerByte = 8;
constexpr std::uint64_t kMaxCredit = 64 << 20;

// Dense batches: when the previous batch held at least one atom hit per
// kDenseLines lines (a log that repeats rule literals line after line), a line
// whose text was seen before takes its candidates from a memo instead of the
// literal scan, and only the new lines are scanned. A line's candidates depend
// on its text alone, so the result is the same; ordinary logs never enter it.
// The memo keeps at most kMemoBytes of text (a 64 KiB line is one entry). It has several times
// more slots than the prefilter has literals (4,143 on 5 December 2026): with fewer, a log of the
// rule literals one per line evicted its own lines and ran a third slower.
constexpr std::size_t kDenseLines = 2;
constexpr std::size_t kMemoSlots = 16384;                 // direct-mapped by the text's hash
constexpr std::size_t kMemoBytes = std::size_t{2} << 20;  // of remembered text in all

}  // namespace

// Named (not anonymous): Matcher::Impl holds these.
namespace matcher_detail {
struct PatternInfo {
  std::vector<std::pair<std::string, int>> groups;  // named group → index
  int group_count = 0;
  // A regex anchored at the line start can match only lines that begin with
  // `prefix` and whose first byte is in [first_lo, first_hi] (RE2's
  // PossibleMatchRange): a byte compare saves an RE2 call (~190 ns) on most
  // candidate lines. Not anchored: prefix empty and the range all bytes.
  // When every match is longer than `prefix`, its next byte is in
  // [next_lo, next_hi] too (`^    \s*\d+\) ` rules out "    at f()").
  std::string prefix;
  unsigned char first_lo = 0, first_hi = 255;
  unsigned char next_lo = 0, next_hi = 255;
  bool nonempty = false;   // every match is at least one byte long
  bool longer = false;     // every match is longer than prefix
  bool line_start = true;  // the regex looks at where the text starts (uses_line_start)
  bool may_match(std::string_view line) const {
    if (!nonempty) return true;
    if (line.empty()) return false;
    const auto c = static_cast<unsigned char>(line[0]);
    if (c < first_lo || c > first_hi || line.substr(0, prefix.size()) != prefix) return false;
    if (!longer) return true;
    if (line.size() <= prefix.size()) return false;
    const auto d = static_cast<unsigned char>(line[prefix.size()]);
    return d >= next_lo && d <= next_hi;
  }
};
}  // namespace matcher_detail
using matcher_detail::PatternInfo;

namespace {

void plan_anchor(const RE2& re, std::string_view source, PatternInfo& pi) {
  if (!anchored_at_start(source)) return;
  std::string lo, hi;
  if (!re.PossibleMatchRange(&lo, &hi, 16) || lo.empty() || hi.empty() || lo > hi) return;
  // Every match s has lo <= s <= hi, so (s being non-empty) s[0] is in
  // [lo[0], hi[0]], and s starts with their common prefix.
  std::size_t n = 0;
  while (n < lo.size() && n < hi.size() && lo[n] == hi[n]) ++n;
  pi.prefix = lo.substr(0, n);
  pi.first_lo = static_cast<unsigned char>(lo[0]);
  pi.first_hi = static_cast<unsigned char>(hi[0]);
  pi.nonempty = true;
  // lo longer than the prefix: no match equals the prefix (it would be < lo), so
  // each has a byte at n, and lo <= s <= hi bounds it by lo[n] and hi[n].
  if (lo.size() > n && hi.size() > n) {
    pi.longer = true;
    pi.next_lo = static_cast<unsigned char>(lo[n]);
    pi.next_hi = static_cast<unsigned char>(hi[n]);
  }
}

// FNV-1a over the regexes: an image is used only for exactly the regexes it was made from.
std::uint64_t fingerprint(const std::vector<std::string>& regexes) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // separator: ["ab","c"] ≠ ["a","bc"]
  };
  mix(fmt::format("ci-triage matcher image 1, {} regexes, atoms >= {}", regexes.size(), kMinAtomLength));
  for (const auto& r : regexes) mix(r);
  return h;
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
bool get_u64(std::string_view& in, std::uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}
}  // namespace

struct Matcher::Impl {
  std::vector<std::string> regexes;
  PrefilterPlan plan;
  std::vector<std::unique_ptr<RE2>> compiled;  // on first use; null until then
  std::vector<PatternInfo> info;
  std::vector<Matcher::Stats> stats;
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  bool any = false;
  // The plan's minterms reduced to their scanned atoms: regex `regex` may match
  // a line holding every atom of term_atoms[begin, end). Indexed by the first atom.
  struct Term {
    int regex;
    std::uint32_t begin, end;
  };
  std::vector<std::uint32_t> term_atoms;
  std::vector<Term> terms;
  std::vector<std::vector<std::uint32_t>> terms_by_first;
  std::vector<int> unfiltered;
  // Scratch space reused across scans.
  std::vector<std::pair<unsigned long long, unsigned>> atom_hits;
  std::vector<int> line_atoms;
  std::vector<re2::StringPiece> submatch;
  std::vector<Capture> captures;
  // Candidates memoised by the line's atom set: most candidate lines hold the
  // same few common atoms.
  struct VecHash {
    std::size_t operator()(const std::vector<int>& v) const {
      std::size_t h = v.size();
      for (int x : v) h = h * 1000003u ^ static_cast<std::size_t>(x);
      return h;
    }
  };
  std::unordered_map<std::vector<int>, std::vector<int>, VecHash> potentials_cache;

  // Lines holding a single atom are the common case: their candidates are
  // precomputed per atom (no hashing).
  std::vector<std::vector<int>> single;

  // Regexes found by their literal head at the line start (PrefilterPlan::Regex::line_prefix),
  // indexed by the head's first two bytes: head_slot[b0 << 8 | b1] is 1 + an index into
  // heads (0: none). Empty when no regex has a head.
  std::vector<std::uint16_t> head_slot;
  std::vector<std::vector<int>> heads;
  std::vector<int> head_hits, merged;

  void index_heads() {
    for (std::size_t r = 0; r < plan.regexes.size(); ++r) {
      const std::string& head = plan.regexes[r].line_prefix;
      if (head.size() < 2) continue;
      if (head_slot.empty()) head_slot.assign(1u << 16, 0);
      std::uint16_t& slot = head_slot[head_key(head)];
      if (slot == 0) {
        heads.emplace_back();
        slot = static_cast<std::uint16_t>(heads.size());
      }
      heads[slot - 1u].push_back(static_cast<int>(r));
    }
  }
  static std::size_t head_key(std::string_view s) {
    return static_cast<std::size_t>(static_cast<unsigned char>(s[0])) << 8 | static_cast<unsigned char>(s[1]);
  }
  // Adds to head_hits the regexes whose head starts `s`.
  void heads_of(std::string_view s) {
    if (s.size() < 2) return;
    const std::uint16_t slot = head_slot[head_key(s)];
    if (slot == 0) return;
    for (const int r : heads[slot - 1u])
      if (s.starts_with(plan.regexes[static_cast<std::size_t>(r)].line_prefix)) head_hits.push_back(r);
  }
  // `candidates` (the line's atoms' regexes) and the regexes whose head starts the line's text,
  // its text without the wrapper, or either without its indentation: the texts run_regexes tries.
  const std::vector<int>& with_heads(const std::vector<int>& candidates, const Line& line,
                                     std::string_view text) {
    if (head_slot.empty() || text.size() < 2) return candidates;
    head_hits.clear();
    const Texts t = texts_of(line, text);
    heads_of(text);
    heads_of(t.rest);
    heads_of(t.flush);
    if (head_hits.empty()) return candidates;
    merged.assign(candidates.begin(), candidates.end());
    merged.insert(merged.end(), head_hits.begin(), head_hits.end());
    std::sort(merged.begin(), merged.end());
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    return merged;
  }

  // The texts a line is matched as: whole, without its wrapper (`rest`, empty when it has
  // none), and without the indentation of either (`flush`, empty when it has none).
  // `cut_rest`: the wrapper does not end in a blank, or cuts the line's end.
  struct Texts {
    std::string_view rest, flush;
    bool cut_rest = false;
  };
  static Texts texts_of(const Line& line, std::string_view text) {
    Texts t;
    t.rest = line.bare(text);
    const bool has_rest = !t.rest.empty();
    const std::string_view inner = has_rest ? t.rest : text;
    t.cut_rest = has_rest && (line.trim > 0 || t.rest.data() == text.data() ||
                              (*(t.rest.data() - 1) != ' ' && *(t.rest.data() - 1) != '\t'));
    if (!inner.empty() && (inner[0] == ' ' || (!has_rest && inner[0] == '\t'))) {
      const std::size_t k = inner.find_first_not_of(has_rest ? " " : " \t");
      if (k != std::string_view::npos) t.flush = inner.substr(k);
    }
    return t;
  }

  void index_terms() {
    unfiltered = plan.unfiltered();
    terms_by_first.assign(plan.atoms.size(), {});
    for (std::size_t r = 0; r < plan.regexes.size(); ++r) {
      if (std::binary_search(unfiltered.begin(), unfiltered.end(), static_cast<int>(r))) continue;
      for (const auto& m : plan.regexes[r].minterms) {
        const auto begin = static_cast<std::uint32_t>(term_atoms.size());
        for (std::uint32_t a : m)
          if (plan.scanned[a]) term_atoms.push_back(a);
        terms_by_first[term_atoms[begin]].push_back(static_cast<std::uint32_t>(terms.size()));
        terms.push_back({static_cast<int>(r), begin, static_cast<std::uint32_t>(term_atoms.size())});
      }
    }
    single.assign(plan.atoms.size(), {});
    std::vector<int> one(1);
    for (std::size_t a = 0; a < plan.atoms.size(); ++a) {
      if (!plan.scanned[a]) continue;
      one[0] = static_cast<int>(a);
      evaluate(one, single[a]);
    }
  }

  // The regexes that may match a line holding `atoms` (sorted, unique) and the
  // unscanned atoms: the unfiltered ones and those with a satisfied term.
  void evaluate(const std::vector<int>& atoms, std::vector<int>& out) const {
    out = unfiltered;
    for (int a : atoms) {
      for (std::uint32_t t : terms_by_first[static_cast<std::size_t>(a)]) {
        const Term& term = terms[t];
        const bool all = std::all_of(
            term_atoms.begin() + term.begin + 1, term_atoms.begin() + term.end, [&](std::uint32_t b) {
              return std::binary_search(atoms.begin(), atoms.end(), static_cast<int>(b));
            });
        if (all) out.push_back(term.regex);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

  // `atoms` holds the line's atom ids (unsorted, with repeats).
  std::uint64_t credit = kMaxCredit;
  std::uint64_t over_budget_lines = 0;
  // Charges looking at `candidates` on a line; false (and the line counted)
  // when the budget cannot pay for it. run_regexes charges each run.
  bool afford(const std::vector<int>& candidates) {
    const std::uint64_t cost = candidates.size() * kCandidateCost;
    if (cost > credit) {
      ++over_budget_lines;
      return false;
    }
    credit -= cost;
    return true;
  }

  // Vectorscan's match callback: each atom with the offset one past its end.
  static int on_atom(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                     unsigned int /*flags*/, void* ctx) {
    static_cast<Impl*>(ctx)->atom_hits.emplace_back(to, id);
    return 0;
  }

  // Dense mode (kDenseLines): the candidates of recently seen line texts.
  struct MemoSlot {
    std::size_t hash = 0;
    std::string text;
    std::vector<int> candidates;
    std::vector<int> unwrapped;  // with the regexes its head starts: a line without a wrapper's
    bool used = false;
    std::uint32_t pinned = 0;  // the batch_stamp of the last batch a line referred to it in
  };
  std::vector<MemoSlot> memo;
  std::uint32_t batch_stamp = 0;
  std::size_t memo_bytes = 0;
  bool dense = false;
  std::string fresh_text;                                        // the batch's lines not in the memo
  std::vector<std::pair<std::size_t, std::size_t>> fresh_lines;  // (offset in fresh_text, line index)
  std::vector<std::int32_t> line_ref;                            // per line: memo slot, ~arena index
  std::vector<std::vector<int>> arena;                           // candidates no slot could keep

  // Per atom id, the stamp of the last line it was seen on (dedupes a line's
  // atoms in linear time).
  std::vector<std::uint32_t> seen;
  std::uint32_t stamp = 0;

  // `atoms` holds the line's atom ids in text order, with repeats: a line that
  // repeats a rule's literal thousands of times holds thousands of ids. They are
  // deduplicated first (linear), then the few distinct ids sorted. The result
  // assumes the pruned atoms present too.
  const std::vector<int>& potentials(std::vector<int>& atoms) {
    if (atoms.size() > 1) {
      if (++stamp == 0) {
        std::fill(seen.begin(), seen.end(), 0);
        stamp = 1;
      }
      std::size_t n = 0;
      for (const int a : atoms) {
        std::uint32_t& s = seen[static_cast<std::size_t>(a)];
        if (s != stamp) {
          s = stamp;
          atoms[n++] = a;
        }
      }
      atoms.resize(n);
      std::sort(atoms.begin(), atoms.end());
    }
    if (atoms.size() == 1 && !single.empty()) return single[static_cast<std::size_t>(atoms[0])];
    auto it = potentials_cache.find(atoms);
    if (it != potentials_cache.end()) return it->second;
    if (potentials_cache.size() > 8192) potentials_cache.clear();
    std::vector<int> result;
    evaluate(atoms, result);
    return potentials_cache.emplace(atoms, std::move(result)).first->second;
  }

  // Regex `id`, compiled on first use (nullptr if it does not compile).
  const RE2* regex(int id) {
    auto& re = compiled[static_cast<std::size_t>(id)];
    if (re == nullptr) {
      const std::string& source = regexes[static_cast<std::size_t>(id)];
      re = std::make_unique<RE2>(source, regex_options(source));
      PatternInfo& pi = info[static_cast<std::size_t>(id)];
      pi.group_count = re->NumberOfCapturingGroups();
      for (const auto& [name, idx] : re->NamedCapturingGroups()) pi.groups.emplace_back(name, idx);
      std::sort(pi.groups.begin(), pi.groups.end(),
                [](const auto& a, const auto& b) { return a.second < b.second; });
      pi.line_start = uses_line_start(source);
      if (re->ok()) plan_anchor(*re, regexes[static_cast<std::size_t>(id)], pi);
    }
    return re->ok() ? re.get() : nullptr;
  }

  ~Impl() {
    if (scratch != nullptr) hs_free_scratch(scratch);
    if (db != nullptr) hs_free_database(db);
  }

  // Rules that share a regex (the same test-runner line read by several rules)
  // run it once: a regex's copies are its aliases, reported with it.
  std::vector<int> canonical;
  std::vector<std::vector<int>> aliases;
  std::vector<std::uint32_t> targets;

  void index_aliases() {
    canonical.resize(regexes.size());
    aliases.assign(regexes.size(), {});
    std::unordered_map<std::string_view, int> first;
    for (std::size_t i = 0; i < regexes.size(); ++i) {
      const auto [it, fresh] = first.try_emplace(regexes[i], static_cast<int>(i));
      canonical[i] = it->second;
      if (!fresh) aliases[static_cast<std::size_t>(it->second)].push_back(static_cast<int>(i));
    }
  }

  void run_regexes(const std::vector<int>& ids, const Line& line, std::string_view text, const HitFn& on_hit,
                   const SkipFn* skip) {
    // A line of plain output whose wrapper prefix (Line::skip: indentation, `svc_1  | `) keeps
    // a pattern from matching gets a second try without it; a wrapper that keeps the line's
    // own indentation (a Markdown quote's "> ") a third try without that too. The anchor check
    // holds for each text on its own.
    // A step's indented line (no wrapper) gets the same try without its indentation.
    const Texts texts = texts_of(line, text);
    const std::string_view rest = texts.rest, flush = texts.flush;
    const bool has_rest = !rest.empty(), cut_rest = texts.cut_rest;
    for (int id : ids) {
      if (canonical[static_cast<std::size_t>(id)] != id) continue;  // runs with its canonical copy
      targets.clear();
      if (skip == nullptr || !(*skip)(static_cast<std::uint32_t>(id), line))
        targets.push_back(static_cast<std::uint32_t>(id));
      for (int a : aliases[static_cast<std::size_t>(id)])
        if (skip == nullptr || !(*skip)(static_cast<std::uint32_t>(a), line))
          targets.push_back(static_cast<std::uint32_t>(a));
      if (targets.empty()) continue;
      const RE2* compiled_re = regex(id);
      if (compiled_re == nullptr) continue;
      const RE2& re = *compiled_re;
      const PatternInfo& pi = info[static_cast<std::size_t>(id)];
      Matcher::Stats& st = stats[static_cast<std::size_t>(id)];
      ++st.candidates;
      // A regex that never looks at where the text starts finds in a suffix after a blank only
      // what it finds in the whole line: the wrapper's and the indentation's tries are for the
      // others, and for a wrapper that ends in another byte or cuts the line's end (Ansible's `"`).
      const bool try_whole = pi.may_match(text);
      const bool try_rest = has_rest && (pi.line_start || cut_rest) && pi.may_match(rest);
      const bool try_flush = !flush.empty() && pi.line_start && pi.may_match(flush);
      if (!try_whole && !try_rest && !try_flush) continue;
      const std::uint64_t cost = (try_whole ? text.size() + kRunCost : 0) +
                                 (try_rest ? rest.size() + kRunCost : 0) +
                                 (try_flush ? flush.size() + kRunCost : 0);
      if (cost > credit) {  // the line's remaining regexes are not run
        ++over_budget_lines;
        return;
      }
      credit -= cost;
      ++st.runs;
      // A yes/no DFA pass first: most candidate lines do not match, and only
      // a match needs the slower submatch extraction.
      re2::StringPiece piece(text.data(), text.size());
      if (!try_whole || !re.Match(piece, 0, piece.size(), RE2::UNANCHORED, nullptr, 0)) {
        piece = re2::StringPiece(rest.data(), rest.size());
        if (!try_rest || !re.Match(piece, 0, piece.size(), RE2::UNANCHORED, nullptr, 0)) {
          if (!try_flush) continue;
          piece = re2::StringPiece(flush.data(), flush.size());
          if (!re.Match(piece, 0, piece.size(), RE2::UNANCHORED, nullptr, 0)) continue;
        }
      }
      const std::string_view matched(piece.data(), piece.size());
      ++st.matches;
      captures.clear();
      if (pi.groups.empty()) {
        for (const std::uint32_t t : targets) on_hit(t, line, matched, captures);
        continue;
      }
      submatch.assign(static_cast<std::size_t>(pi.group_count) + 1, re2::StringPiece());
      if (!re.Match(piece, 0, piece.size(), RE2::UNANCHORED, submatch.data(), pi.group_count + 1)) continue;
      for (const auto& [name, idx] : pi.groups) {
        const re2::StringPiece& sp = submatch[static_cast<std::size_t>(idx)];
        if (sp.data() != nullptr) captures.push_back({name, std::string_view(sp.data(), sp.size())});
      }
      for (const std::uint32_t t : targets) on_hit(t, line, matched, captures);
    }
  }
};

Matcher::Matcher(std::vector<std::string> regexes, PrefilterPlan plan) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.regexes = std::move(regexes);
  m.plan = std::move(plan);
  m.compiled.resize(m.regexes.size());
  m.info.resize(m.regexes.size());
  m.stats.resize(m.regexes.size());
  m.any = !m.regexes.empty();
  m.index_terms();
  m.index_heads();
  m.index_aliases();
  m.seen.assign(m.plan.atoms.size(), 0);
  atoms_ = m.plan.atoms;
  unfiltered_ = m.unfiltered;
}

Matcher::Matcher(const std::vector<std::string>& regexes, bool portable)
    : Matcher(regexes, plan_prefilter(regexes)) {
  compile_database(portable);
}

void Matcher::compile_database(bool portable) {
  Impl& m = *impl_;
  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < atoms_.size(); ++i) {
    if (!m.plan.scanned[i]) continue;
    exprs.push_back(atoms_[i].data());
    lens.push_back(atoms_[i].size());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
  }
  if (exprs.empty()) return;
  // A literal database is the same code whatever the CPU's vector extensions:
  // the generic platform only tells Vectorscan not to require them.
  hs_platform_info_t generic{};
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, portable ? &generic : nullptr,
                           &m.db, &err) != HS_SUCCESS) {
    std::string msg = err != nullptr ? err->message : "unknown error";
    hs_free_compile_error(err);
    throw Error("compiling the literal prefilter: " + msg);
  }
  if (hs_alloc_scratch(m.db, &m.scratch) != HS_SUCCESS) throw Error("allocating prefilter scratch space");
}

std::string Matcher::image() const {
  std::string out;
  put_u64(out, fingerprint(impl_->regexes));
  const std::string plan = serialize_plan(impl_->plan);
  put_u64(out, plan.size());
  out += plan;
  if (impl_->db != nullptr) {
    char* bytes = nullptr;
    std::size_t length = 0;
    if (hs_serialize_database(impl_->db, &bytes, &length) != HS_SUCCESS)
      throw Error("serializing the literal prefilter");
    out.append(bytes, length);
    std::free(bytes);
  }
  return out;
}

std::unique_ptr<Matcher> Matcher::from_image(const std::vector<std::string>& regexes,
                                             std::string_view image) {
  std::uint64_t print, plan_size;
  if (!get_u64(image, print) || print != fingerprint(regexes) || !get_u64(image, plan_size) ||
      plan_size > image.size())
    return nullptr;
  PrefilterPlan plan;
  if (!deserialize_plan(image.substr(0, plan_size), plan) || plan.regexes.size() != regexes.size())
    return nullptr;
  image.remove_prefix(plan_size);
  std::unique_ptr<Matcher> m(new Matcher(regexes, std::move(plan)));
  Impl& impl = *m->impl_;
  // The database is tied to the Vectorscan version that wrote it: another
  // version (a shared library upgraded since the build) compiles it anew.
  if (!image.empty() && hs_deserialize_database(image.data(), image.size(), &impl.db) == HS_SUCCESS &&
      hs_alloc_scratch(impl.db, &impl.scratch) == HS_SUCCESS)
    return m;
  if (impl.db != nullptr) {
    hs_free_database(impl.db);
    impl.db = nullptr;
  }
  m->compile_database(false);
  return m;
}

Matcher::~Matcher() = default;

const std::vector<Matcher::Stats>& Matcher::stats() const { return impl_->stats; }

std::uint64_t Matcher::over_budget_lines() const { return impl_->over_budget_lines; }

const PrefilterPlan& Matcher::plan() const { return impl_->plan; }

const std::vector<std::string>& Matcher::group_names(std::uint32_t i) const {
  return impl_->plan.regexes[i].groups;
}

std::vector<std::string> Matcher::scanned_atoms() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < atoms_.size(); ++i)
    if (impl_->plan.scanned[i]) out.push_back(atoms_[i]);
  return out;
}

void Matcher::scan(const Batch& batch, unsigned kinds, const HitFn& on_hit, const SkipFn* skip) {
  Impl& m = *impl_;
  if (!m.any || batch.lines.empty()) return;
  m.credit = std::min(kMaxCredit, m.credit + kWorkPerByte * batch.text.size());
  if (m.dense && m.db != nullptr && unfiltered_.empty()) {
    scan_dense(batch, kinds, on_hit, skip);
    return;
  }
  m.atom_hits.clear();
  if (m.db != nullptr) {
    if (hs_scan(m.db, batch.text.data(), static_cast<unsigned>(batch.text.size()), 0, m.scratch,
                Impl::on_atom, &m) != HS_SUCCESS)
      throw Error("prefilter scan failed");
    sort_nearly_sorted(m.atom_hits);
  }
  m.dense = m.atom_hits.size() * kDenseLines >= batch.lines.size();
  // Without heads and unfiltered regexes only lines holding atoms need a look.
  const bool every_line = !unfiltered_.empty() || !m.head_slot.empty();
  std::size_t h = 0;
  const std::size_t n_hits = m.atom_hits.size();
  const auto& lines = batch.lines;
  if (!every_line) {
    // Jump from hit to hit: only lines holding atoms are visited.
    std::size_t li = 0;
    while (h < n_hits) {
      const unsigned long long end_off = m.atom_hits[h].first;  // one past the atom's last byte
      // Find the line containing offset end_off-1.
      const auto it =
          std::upper_bound(lines.begin() + static_cast<std::ptrdiff_t>(li), lines.end(), end_off - 1,
                           [](unsigned long long off, const Line& l) { return off < l.offset; });
      li = static_cast<std::size_t>(it - lines.begin()) - 1;
      const Line& line = lines[li];
      const unsigned long long line_end = line.offset + line.length + 1;
      m.line_atoms.clear();
      while (h < n_hits && m.atom_hits[h].first <= line_end) {
        m.line_atoms.push_back(static_cast<int>(m.atom_hits[h].second));
        ++h;
      }
      if ((kinds & (1u << static_cast<unsigned>(line.kind))) == 0) {
        ++li;
        if (li >= lines.size()) break;
        continue;
      }
      const std::vector<int>& candidates = m.potentials(m.line_atoms);
      if (!candidates.empty() && m.afford(candidates))
        m.run_regexes(candidates, line, batch.line_text(line), on_hit, skip);
      ++li;
      if (li >= lines.size()) break;
    }
    return;
  }
  // Every line: some regexes have no atoms, or are found by the line's head.
  for (const Line& line : lines) {
    const unsigned long long line_end = line.offset + line.length + 1;
    m.line_atoms.clear();
    while (h < n_hits && m.atom_hits[h].first <= line_end) {
      m.line_atoms.push_back(static_cast<int>(m.atom_hits[h].second));
      ++h;
    }
    if ((kinds & (1u << static_cast<unsigned>(line.kind))) == 0) continue;
    const std::string_view text = batch.line_text(line);
    const std::vector<int>& candidates =
        m.with_heads(m.line_atoms.empty() ? m.unfiltered : m.potentials(m.line_atoms), line, text);
    if (!candidates.empty() && m.afford(candidates)) m.run_regexes(candidates, line, text, on_hit, skip);
  }
}

void Matcher::scan_dense(const Batch& batch, unsigned kinds, const HitFn& on_hit, const SkipFn* skip) {
  Impl& m = *impl_;
  if (m.memo.empty()) m.memo.resize(kMemoSlots);
  if (++m.batch_stamp == 0) {  // wrapped: no slot may look pinned by an old batch
    for (Impl::MemoSlot& slot : m.memo) slot.pinned = 0;
    m.batch_stamp = 1;
  }
  const auto& lines = batch.lines;
  // Per line of the batch: its candidates' memo slot, or ~index into m.arena, or kNone.
  constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::max();
  m.line_ref.assign(lines.size(), kNone);
  m.arena.clear();
  m.fresh_text.clear();
  m.fresh_lines.clear();
  const std::hash<std::string_view> hasher;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if ((kinds & (1u << static_cast<unsigned>(line.kind))) == 0) continue;
    const std::string_view text = batch.line_text(line);
    {
      const std::size_t h = hasher(text);
      Impl::MemoSlot& slot = m.memo[h % kMemoSlots];
      if (slot.used && slot.hash == h && slot.text == text) {
        slot.pinned = m.batch_stamp;
        m.line_ref[i] = static_cast<std::int32_t>(h % kMemoSlots);
        continue;
      }
    }
    m.fresh_lines.emplace_back(m.fresh_text.size(), i);
    m.fresh_text.append(text).push_back('\n');
  }
  m.atom_hits.clear();
  if (!m.fresh_text.empty()) {
    if (hs_scan(m.db, m.fresh_text.data(), static_cast<unsigned>(m.fresh_text.size()), 0, m.scratch,
                Impl::on_atom, &m) != HS_SUCCESS)
      throw Error("prefilter scan failed");
    sort_nearly_sorted(m.atom_hits);
  }
  // The lines new to the memo: their atoms and candidates, kept for later lines
  // (in a slot no line of this batch refers to; else in the batch's arena).
  std::size_t h = 0;
  const std::size_t n_hits = m.atom_hits.size();
  for (const auto& [offset, index] : m.fresh_lines) {
    const std::string_view text = batch.line_text(lines[index]);
    const unsigned long long line_end = offset + text.size() + 1;
    m.line_atoms.clear();
    while (h < n_hits && m.atom_hits[h].first <= line_end) {
      m.line_atoms.push_back(static_cast<int>(m.atom_hits[h].second));
      ++h;
    }
    static const std::vector<int> kNoCandidates;
    const std::vector<int>& candidates = m.line_atoms.empty() ? kNoCandidates : m.potentials(m.line_atoms);
    {
      const std::size_t hash = hasher(text);
      Impl::MemoSlot& slot = m.memo[hash % kMemoSlots];
      if (slot.pinned != m.batch_stamp && m.memo_bytes - slot.text.size() + text.size() <= kMemoBytes) {
        m.memo_bytes = m.memo_bytes - slot.text.size() + text.size();
        slot.hash = hash;
        slot.text = std::string(text);  // not assign(): a long text's capacity would stay
        slot.candidates = candidates;
        const Line bare_line;  // no wrapper: the heads depend on the text alone
        slot.unwrapped = m.with_heads(slot.candidates, bare_line, text);
        slot.used = true;
        slot.pinned = m.batch_stamp;
        m.line_ref[index] = static_cast<std::int32_t>(hash % kMemoSlots);
        continue;
      }
    }
    if (candidates.empty()) continue;
    m.arena.push_back(candidates);
    m.line_ref[index] = ~static_cast<std::int32_t>(m.arena.size() - 1);
  }
  std::size_t lines_with_atoms = 0;
  static const std::vector<int> kNoCandidates;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::int32_t ref = m.line_ref[i];
    if (ref == kNone && (m.head_slot.empty() || (kinds & (1u << static_cast<unsigned>(lines[i].kind))) == 0))
      continue;
    const Impl::MemoSlot* slot = ref >= 0 && ref != kNone ? &m.memo[static_cast<std::size_t>(ref)] : nullptr;
    const std::vector<int>& atoms_candidates = ref == kNone      ? kNoCandidates
                                               : slot != nullptr ? slot->candidates
                                                                 : m.arena[static_cast<std::size_t>(~ref)];
    if (!atoms_candidates.empty()) ++lines_with_atoms;
    const std::string_view text = batch.line_text(lines[i]);
    // A memo slot keeps its text's head candidates for lines without a wrapper (most repeats).
    const std::vector<int>& candidates = slot != nullptr && lines[i].skip == 0
                                             ? slot->unwrapped
                                             : m.with_heads(atoms_candidates, lines[i], text);
    if (candidates.empty()) continue;
    if (m.afford(candidates)) m.run_regexes(candidates, lines[i], text, on_hit, skip);
  }
  m.dense = lines_with_atoms * kDenseLines >= lines.size();
}

}  // namespace ci_triage
