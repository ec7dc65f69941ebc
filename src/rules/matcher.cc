#include "rules/matcher.h"

#include <fmt/format.h>
#include <hs.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <unordered_map>

#include "core/error.h"

namespace ci_triage {

namespace {
constexpr int kMinAtomLength = 3;

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
constexpr std::size_t kPrunableAtomLength = 6;

// The regex work budget, in bytes of text: a regex run costs the line's length
// plus kRunCost (RE2's fixed cost per call, measured at ~190 ns, as many bytes of
// scanning). Each scanned byte earns kWorkPerByte; a dense stretch of candidate
// lines may spend up to kMaxCredit saved from the quiet ones. A log made of
// candidate lines (a rule literal on every short line, every atom on every
// line) exhausts it, and its lines beyond it are not matched: without the
// bound, matching work grows with lines x candidate regexes, not with the log.
constexpr std::uint64_t kRunCost = 512;
constexpr std::uint64_t kWorkPerByte = 8;
constexpr std::uint64_t kMaxCredit = 64 << 20;

struct PatternInfo {
  std::vector<std::pair<std::string, int>> groups;  // named group → index
  int group_count = 0;
};
}  // namespace

struct Matcher::Impl {
  re2::FilteredRE2 filter{kMinAtomLength};
  std::vector<PatternInfo> info;
  std::vector<Matcher::Stats> stats;
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  bool any = false;
  // Scratch space reused across scans.
  std::vector<std::pair<unsigned long long, unsigned>> atom_hits;
  std::vector<int> line_atoms;
  std::vector<re2::StringPiece> submatch;
  std::vector<Capture> captures;
  // Atoms that are empty strings are "always present" (FilteredRE2 may emit them).
  std::vector<int> always_atoms;
  // AllPotentials memoised by the line's atom set: most candidate lines hold the
  // same few common atoms, and the prefilter tree walk allocates.
  struct VecHash {
    std::size_t operator()(const std::vector<int>& v) const {
      std::size_t h = v.size();
      for (int x : v) h = h * 1000003u ^ static_cast<std::size_t>(x);
      return h;
    }
  };
  std::unordered_map<std::vector<int>, std::vector<int>, VecHash> potentials_cache;

  // Lines holding a single atom are the common case: their potentials are
  // precomputed per atom (no hashing).
  std::vector<std::vector<int>> single;

  std::uint64_t credit = kMaxCredit;
  std::uint64_t over_budget_lines = 0;
  // Charges the runs of `candidates` on `line`; false (and the line counted)
  // when the budget cannot pay for them.
  bool afford(const std::vector<int>& candidates, const Line& line) {
    const std::uint64_t cost = candidates.size() * (line.length + kRunCost);
    if (cost > credit) {
      ++over_budget_lines;
      return false;
    }
    credit -= cost;
    return true;
  }

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
    std::vector<int> with_pruned = atoms;
    with_pruned.insert(with_pruned.end(), always_atoms.begin(), always_atoms.end());
    std::sort(with_pruned.begin(), with_pruned.end());
    std::vector<int> result;
    filter.AllPotentials(with_pruned, &result);
    return potentials_cache.emplace(atoms, std::move(result)).first->second;
  }

  ~Impl() {
    if (scratch != nullptr) hs_free_scratch(scratch);
    if (db != nullptr) hs_free_database(db);
  }

  void run_regexes(const std::vector<int>& ids, const Line& line, std::string_view text, const HitFn& on_hit,
                   const SkipFn* skip) {
    for (int id : ids) {
      if (skip != nullptr && (*skip)(static_cast<std::uint32_t>(id), line)) continue;
      const RE2& re = filter.GetRE2(id);
      const PatternInfo& pi = info[static_cast<std::size_t>(id)];
      Matcher::Stats& st = stats[static_cast<std::size_t>(id)];
      ++st.runs;
      const re2::StringPiece piece(text.data(), text.size());
      // A yes/no DFA pass first: most candidate lines do not match, and only
      // a match needs the slower submatch extraction.
      if (!re.Match(piece, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) continue;
      ++st.matches;
      captures.clear();
      if (pi.groups.empty()) {
        on_hit(static_cast<std::uint32_t>(id), line, text, captures);
        continue;
      }
      submatch.assign(static_cast<std::size_t>(pi.group_count) + 1, re2::StringPiece());
      if (!re.Match(piece, 0, text.size(), RE2::UNANCHORED, submatch.data(), pi.group_count + 1)) continue;
      for (const auto& [name, idx] : pi.groups) {
        const re2::StringPiece& sp = submatch[static_cast<std::size_t>(idx)];
        if (sp.data() != nullptr) captures.push_back({name, std::string_view(sp.data(), sp.size())});
      }
      on_hit(static_cast<std::uint32_t>(id), line, text, captures);
    }
  }
};

Matcher::Matcher(const std::vector<std::string>& regexes) : impl_(std::make_unique<Impl>()) {
  RE2::Options opts;
  opts.set_log_errors(false);
  for (std::size_t i = 0; i < regexes.size(); ++i) {
    int id = 0;
    const auto code = impl_->filter.Add(regexes[i], opts, &id);
    if (code != RE2::NoError) {
      RE2 probe(regexes[i], opts);
      throw Error(fmt::format("pattern {} ({}): {}", i, regexes[i], probe.error()));
    }
    PatternInfo pi;
    const RE2& re = impl_->filter.GetRE2(id);
    pi.group_count = re.NumberOfCapturingGroups();
    for (const auto& [name, idx] : re.NamedCapturingGroups()) pi.groups.emplace_back(name, idx);
    std::sort(pi.groups.begin(), pi.groups.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    impl_->info.push_back(std::move(pi));
  }
  impl_->stats.resize(regexes.size());
  if (regexes.empty()) return;
  impl_->any = true;
  impl_->filter.Compile(&atoms_);
  impl_->seen.assign(atoms_.size(), 0);
  for (std::size_t i = 0; i < atoms_.size(); ++i)
    if (atoms_[i].empty()) impl_->always_atoms.push_back(static_cast<int>(i));
  // Regexes that pass with no real atom at all must see every line.
  impl_->filter.AllPotentials(impl_->always_atoms, &unfiltered_);
  // Atom pruning. FilteredRE2 asks for every atom of an AND ("in " and
  // " line " for "^In \S+ line \d+:"); one rare atom per clause is enough. Short
  // atoms are common words whose every occurrence costs a prefilter report, so
  // each is assumed present instead (a superset: no match is lost) unless that
  // would leave some regex with no real atom to wait for.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < atoms_.size(); ++i)
    if (!atoms_[i].empty() && atoms_[i].size() <= kPrunableAtomLength) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return atoms_[a].size() < atoms_[b].size(); });
  std::vector<int> trial;
  for (std::size_t i : order) {
    trial = impl_->always_atoms;
    trial.push_back(static_cast<int>(i));
    std::sort(trial.begin(), trial.end());
    std::vector<int> passing;
    impl_->filter.AllPotentials(trial, &passing);
    if (passing.size() == unfiltered_.size()) impl_->always_atoms = trial;
  }
  std::vector<bool> always(atoms_.size(), false);
  for (int a : impl_->always_atoms) always[static_cast<std::size_t>(a)] = true;
  impl_->single.resize(atoms_.size());
  for (std::size_t i = 0; i < atoms_.size(); ++i) {
    if (always[i]) continue;
    trial = impl_->always_atoms;
    trial.push_back(static_cast<int>(i));
    std::sort(trial.begin(), trial.end());
    impl_->filter.AllPotentials(trial, &impl_->single[i]);
  }
  std::size_t scanned = 0;
  for (std::size_t i = 0; i < atoms_.size(); ++i) scanned += always[i] ? 0 : 1;
  if (scanned == 0) return;

  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < atoms_.size(); ++i) {
    if (always[i]) continue;
    exprs.push_back(atoms_[i].data());
    lens.push_back(atoms_[i].size());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &impl_->db,
                           &err) != HS_SUCCESS) {
    std::string msg = err != nullptr ? err->message : "unknown error";
    hs_free_compile_error(err);
    throw Error("compiling the literal prefilter: " + msg);
  }
  if (hs_alloc_scratch(impl_->db, &impl_->scratch) != HS_SUCCESS)
    throw Error("allocating prefilter scratch space");
}

Matcher::~Matcher() = default;

const std::vector<Matcher::Stats>& Matcher::stats() const { return impl_->stats; }

std::uint64_t Matcher::over_budget_lines() const { return impl_->over_budget_lines; }

std::vector<std::string> Matcher::group_names(std::uint32_t i) const {
  std::vector<std::string> out;
  for (const auto& [name, idx] : impl_->info[i].groups) out.push_back(name);
  return out;
}

std::vector<std::string> Matcher::scanned_atoms() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < atoms_.size(); ++i)
    if (std::find(impl_->always_atoms.begin(), impl_->always_atoms.end(), static_cast<int>(i)) ==
        impl_->always_atoms.end())
      out.push_back(atoms_[i]);
  return out;
}

void Matcher::scan(const Batch& batch, unsigned kinds, const HitFn& on_hit, const SkipFn* skip) {
  Impl& m = *impl_;
  if (!m.any || batch.lines.empty()) return;
  m.credit = std::min(kMaxCredit, m.credit + kWorkPerByte * batch.text.size());
  m.atom_hits.clear();
  if (m.db != nullptr) {
    auto cb = [](unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
                 void* ctx) -> int {
      static_cast<Impl*>(ctx)->atom_hits.emplace_back(to, id);
      return 0;
    };
    if (hs_scan(m.db, batch.text.data(), static_cast<unsigned>(batch.text.size()), 0, m.scratch, cb, &m) !=
        HS_SUCCESS)
      throw Error("prefilter scan failed");
    sort_nearly_sorted(m.atom_hits);
  }
  const bool slow = !unfiltered_.empty();
  std::size_t h = 0;
  const std::size_t n_hits = m.atom_hits.size();
  const auto& lines = batch.lines;
  if (!slow) {
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
      if (!candidates.empty() && m.afford(candidates, line))
        m.run_regexes(candidates, line, batch.line_text(line), on_hit, skip);
      ++li;
      if (li >= lines.size()) break;
    }
    return;
  }
  // Slow path: some regexes have no atoms and must see every line.
  for (const Line& line : lines) {
    const unsigned long long line_end = line.offset + line.length + 1;
    m.line_atoms.clear();
    while (h < n_hits && m.atom_hits[h].first <= line_end) {
      m.line_atoms.push_back(static_cast<int>(m.atom_hits[h].second));
      ++h;
    }
    if ((kinds & (1u << static_cast<unsigned>(line.kind))) == 0) continue;
    const std::vector<int>& candidates = m.potentials(m.line_atoms);
    if (m.afford(candidates, line)) m.run_regexes(candidates, line, batch.line_text(line), on_hit, skip);
  }
}

}  // namespace ci_triage
