#include "rules/matcher.h"

#include <hs.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>

#include <fmt/format.h>

#include "core/error.h"

namespace ci_triage {

namespace {
constexpr int kMinAtomLength = 3;

struct PatternInfo {
  std::vector<std::pair<std::string, int>> groups;  // named group → index
  int group_count = 0;
};
}  // namespace

struct Matcher::Impl {
  re2::FilteredRE2 filter{kMinAtomLength};
  std::vector<PatternInfo> info;
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  bool any = false;
  // Scratch space reused across scans.
  std::vector<std::pair<unsigned long long, unsigned>> atom_hits;
  std::vector<int> line_atoms;
  std::vector<int> candidates;
  std::vector<re2::StringPiece> submatch;
  std::vector<Capture> captures;

  ~Impl() {
    if (scratch != nullptr) hs_free_scratch(scratch);
    if (db != nullptr) hs_free_database(db);
  }

  void run_regexes(const std::vector<int>& ids, const Line& line, std::string_view text,
                   const HitFn& on_hit) {
    for (int id : ids) {
      const RE2& re = filter.GetRE2(id);
      const PatternInfo& pi = info[static_cast<std::size_t>(id)];
      submatch.assign(static_cast<std::size_t>(pi.group_count) + 1, re2::StringPiece());
      if (!re.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED,
                    submatch.data(), pi.group_count + 1))
        continue;
      captures.clear();
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
  if (regexes.empty()) return;
  impl_->any = true;
  impl_->filter.Compile(&atoms_);
  impl_->filter.AllPotentials({}, &unfiltered_);
  if (atoms_.empty()) return;

  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < atoms_.size(); ++i) {
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

bool Matcher::matches(std::uint32_t pattern, std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()),
                           impl_->filter.GetRE2(static_cast<int>(pattern)));
}

void Matcher::scan(const Batch& batch, const HitFn& on_hit) {
  Impl& m = *impl_;
  if (!m.any || batch.lines.empty()) return;
  m.atom_hits.clear();
  if (m.db != nullptr) {
    auto cb = [](unsigned int id, unsigned long long /*from*/, unsigned long long to,
                 unsigned int /*flags*/, void* ctx) -> int {
      static_cast<Impl*>(ctx)->atom_hits.emplace_back(to, id);
      return 0;
    };
    if (hs_scan(m.db, batch.text.data(), static_cast<unsigned>(batch.text.size()), 0, m.scratch, cb,
                &m) != HS_SUCCESS)
      throw Error("prefilter scan failed");
    if (!std::is_sorted(m.atom_hits.begin(), m.atom_hits.end()))
      std::sort(m.atom_hits.begin(), m.atom_hits.end());
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
      const auto it = std::upper_bound(
          lines.begin() + static_cast<std::ptrdiff_t>(li), lines.end(), end_off - 1,
          [](unsigned long long off, const Line& l) { return off < l.offset; });
      li = static_cast<std::size_t>(it - lines.begin()) - 1;
      const Line& line = lines[li];
      const unsigned long long line_end = line.offset + line.length + 1;
      m.line_atoms.clear();
      while (h < n_hits && m.atom_hits[h].first <= line_end) {
        m.line_atoms.push_back(static_cast<int>(m.atom_hits[h].second));
        ++h;
      }
      std::sort(m.line_atoms.begin(), m.line_atoms.end());
      m.line_atoms.erase(std::unique(m.line_atoms.begin(), m.line_atoms.end()), m.line_atoms.end());
      m.candidates.clear();
      m.filter.AllPotentials(m.line_atoms, &m.candidates);
      if (!m.candidates.empty()) m.run_regexes(m.candidates, line, batch.line_text(line), on_hit);
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
    std::sort(m.line_atoms.begin(), m.line_atoms.end());
    m.line_atoms.erase(std::unique(m.line_atoms.begin(), m.line_atoms.end()), m.line_atoms.end());
    m.candidates.clear();
    m.filter.AllPotentials(m.line_atoms, &m.candidates);
    m.run_regexes(m.candidates, line, batch.line_text(line), on_hit);
  }
}

}  // namespace ci_triage
