#include "rules/prefilter.h"

#include <fmt/format.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

#include "core/error.h"
#include "rules/byte_io.h"
#include "rules/regex_options.h"

namespace ci_triage {
namespace {

// Bounds on the analysis of one regex. Past them the regex is a candidate on
// every line holding its essential atoms (those every match needs), or any one
// of its atoms: a superset, so still correct, only slower.
constexpr int kMaxProbes = 20000;
constexpr std::size_t kMaxMinterms = 256;

// The minimal atom sets that satisfy one regex's prefilter, found by Shannon
// expansion over its atoms: FilteredRE2 answers "could a line holding exactly
// these atoms match?" and the prefilter is monotone (more atoms never hurt).
class MintermFinder {
 public:
  MintermFinder(re2::FilteredRE2& filter, std::vector<int> forced, std::vector<int> atoms)
      : filter_(filter), forced_(std::move(forced)), atoms_(std::move(atoms)) {}

  std::vector<std::vector<int>> run() {
    std::vector<std::vector<int>> out;
    if (passes({})) return {{}};  // no atom needed: every line
    if (!passes(atoms_)) return any_atom();
    // Atoms every match needs are in every set: take them out of the search.
    std::vector<int> essential, rest;
    for (int a : atoms_) {
      std::vector<int> without;
      for (int b : atoms_)
        if (b != a) without.push_back(b);
      (passes(without) ? rest : essential).push_back(a);
    }
    forced_.insert(forced_.end(), essential.begin(), essential.end());
    atoms_ = rest;
    std::vector<int> chosen;
    expand(0, chosen, out);
    if (overflow_) return essential.empty() ? any_atom() : std::vector<std::vector<int>>{essential};
    for (auto& m : out) {
      m.insert(m.end(), essential.begin(), essential.end());
      std::sort(m.begin(), m.end());
    }
    return out;
  }

 private:
  std::vector<std::vector<int>> any_atom() const {
    std::vector<std::vector<int>> out;
    for (int a : atoms_) out.push_back({a});
    return out;
  }

  bool passes(const std::vector<int>& present) {
    ++probes_;
    probe_.assign(forced_.begin(), forced_.end());
    probe_.insert(probe_.end(), present.begin(), present.end());
    std::sort(probe_.begin(), probe_.end());
    result_.clear();
    filter_.AllPotentials(probe_, &result_);
    return !result_.empty();
  }

  // Adds the minimal sets made of `chosen` and atoms from `from` on.
  void expand(std::size_t from, std::vector<int>& chosen, std::vector<std::vector<int>>& out) {
    if (overflow_) return;
    if (probes_ > kMaxProbes || out.size() > kMaxMinterms) {
      overflow_ = true;
      return;
    }
    std::vector<int> all = chosen;
    all.insert(all.end(), atoms_.begin() + static_cast<std::ptrdiff_t>(from), atoms_.end());
    if (!passes(all)) return;
    if (passes(chosen)) {
      // Minimal only if every chosen atom is needed (the search also reaches supersets).
      for (std::size_t i = 0; i < chosen.size(); ++i) {
        std::vector<int> less = chosen;
        less.erase(less.begin() + static_cast<std::ptrdiff_t>(i));
        if (passes(less)) return;
      }
      out.push_back(chosen);
      return;
    }
    if (from >= atoms_.size()) return;  // cannot happen for a monotone prefilter
    expand(from + 1, chosen, out);
    chosen.push_back(atoms_[from]);
    expand(from + 1, chosen, out);
    chosen.pop_back();
  }

  re2::FilteredRE2& filter_;
  std::vector<int> forced_, atoms_;
  std::vector<int> probe_, result_;
  int probes_ = 0;
  bool overflow_ = false;
};

// Each minterm is guarded by one scanned atom; every other atom is assumed
// present. The literal pass costs a report per occurrence of a scanned atom,
// and its matching slows down with the number of literals (most on text made of
// one literal repeated), so guards are shared: a minterm reuses an atom that is
// already scanned when that atom is long enough to be rare (kRareLength, or the
// minterm's longest) and at least three quarters as long as the minterm's longest
// atom, and otherwise scans its own longest atom (with half, "error" guarded
// "django.db." and "sqlite3." and their regexes ran on every line with the word).
// Minterms of a single atom come first (their atom is scanned whatever the choice).
// A short, common atom ("http", "://") thus never stands in for a minterm's long literal.
constexpr std::size_t kRareLength = 5;

void choose_scanned(PrefilterPlan& plan) {
  plan.scanned.assign(plan.atoms.size(), false);
  std::vector<const std::vector<std::uint32_t>*> terms;
  for (const auto& r : plan.regexes) {
    const bool unfiltered =
        std::any_of(r.minterms.begin(), r.minterms.end(), [](const auto& m) { return m.empty(); });
    if (unfiltered) continue;  // runs on every line anyway
    for (const auto& m : r.minterms) terms.push_back(&m);
  }
  for (const auto* m : terms)
    if (m->size() == 1) plan.scanned[m->front()] = true;
  for (const auto* m : terms) {
    std::uint32_t longest = m->front();
    std::size_t reuse = 0;  // length of the longest atom already scanned
    for (std::uint32_t a : *m) {
      if (plan.atoms[a].size() > plan.atoms[longest].size()) longest = a;
      if (plan.scanned[a]) reuse = std::max(reuse, plan.atoms[a].size());
    }
    // Reused only when long enough to be rare and not much shorter than the
    // minterm's own longest atom ("error: " must not guard "Service init failed: ").
    const std::size_t own = plan.atoms[longest].size();
    if (reuse == 0 || reuse < std::min(kRareLength, own) || 4 * reuse < 3 * own) plan.scanned[longest] = true;
  }
}

constexpr std::uint32_t kPlanMagic = 0x32504643;  // "CFP2"

// The index of the `]` that closes the character class opening at re[i] (`[^]a]` included),
// or re.size() when it is not closed.
std::size_t class_end(std::string_view re, std::size_t i) {
  ++i;
  if (i < re.size() && re[i] == '^') ++i;
  if (i < re.size() && re[i] == ']') ++i;
  while (i < re.size() && re[i] != ']') i += re[i] == '\\' ? 2 : 1;
  return i;
}

// The bytes every match of an anchored regex starts with: the literal run after its `^`
// (escaped punctuation included), up to the first other construct; a literal made optional
// or repeatable by the quantifier after it is left out. "" when the regex is not anchored
// or the run is shorter than kMinAtomLength. (RE2's PossibleMatchRange is no help here: in
// Latin-1 mode its upper bound of `^e: \S+` is "e:!".)
std::string literal_head(std::string_view source) {
  if (!anchored_at_start(source)) return {};
  std::string head;
  std::size_t i = 1;
  while (i < source.size()) {
    const char c = source[i];
    std::size_t next = i + 1;
    char literal = c;
    if (c == '\\') {
      if (next >= source.size()) break;
      const char e = source[next];
      if (std::isalnum(static_cast<unsigned char>(e)) != 0) break;  // \s \d \w \b \x… \Q: not one byte
      literal = e;
      ++next;
    } else if (std::string_view("()[].*+?{|$^").find(c) != std::string_view::npos) {
      break;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      break;  // a byte of a UTF-8 letter: Latin-1 or UTF-8 mode would read it differently
    }
    if (next < source.size() && (source[next] == '?' || source[next] == '*' || source[next] == '{')) break;
    head.push_back(literal);
    if (next < source.size() && source[next] == '+') break;
    i = next;
  }
  return head.size() >= static_cast<std::size_t>(kMinAtomLength) ? head : std::string();
}

}  // namespace

bool uses_line_start(std::string_view re) {
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\') {
      if (i + 1 < re.size() && (re[i + 1] == 'A' || re[i + 1] == 'Q')) return true;  // \Q…: do not parse
      ++i;
    } else if (c == '[') {
      i = class_end(re, i);
    } else if (c == '^') {
      return true;
    }
  }
  return false;
}

bool anchored_at_start(std::string_view re) {
  if (re.empty() || re[0] != '^') return false;
  int depth = 0;
  for (std::size_t i = 1; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\') {
      if (i + 1 < re.size() && re[i + 1] == 'Q') return false;
      ++i;
    } else if (c == '[') {
      i = class_end(re, i);
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return false;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return depth == 0;
}

std::vector<int> PrefilterPlan::unfiltered() const {
  std::vector<int> out;
  for (std::size_t r = 0; r < regexes.size(); ++r) {
    const auto& ms = regexes[r].minterms;
    const bool any_line = std::any_of(ms.begin(), ms.end(), [&](const std::vector<std::uint32_t>& m) {
      return std::none_of(m.begin(), m.end(), [&](std::uint32_t a) { return scanned[a]; });
    });
    if (any_line) out.push_back(static_cast<int>(r));
  }
  return out;
}

// "error: " is the commonest failure token, and the one a hostile log repeats: every
// scanned literal that ends with it is confirmed wherever it occurs. A literal ending so
// is replaced by what comes before it ("psql: error: " -> "psql: "), or, when that is too
// short to be rare, by "error: " itself (one literal for them all). A line holding the
// literal holds either part, so no match is lost.
namespace {
std::string without_error_tail(const std::string& atom) {
  constexpr std::string_view kTail = "error: ";
  const std::string_view a(atom);
  if (a.size() <= kTail.size() || !a.ends_with(kTail)) return atom;
  const std::string_view head = a.substr(0, a.size() - kTail.size());
  std::size_t letters = 0;
  for (char c : head) letters += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? 1 : 0;
  return letters >= 4 ? std::string(head) : std::string(kTail);
}

// RE2 lower-cases an atom's letters with Unicode's case folding ("Échoué" -> "échoué"), but
// the literal pass is case-insensitive for ASCII only: a non-ASCII letter in an atom would
// miss the same word capitalised. An atom with a letter of the Latin, Greek or Cyrillic
// blocks (UTF-8 lead bytes 0xC3-0xD4; symbols such as ✖ or │ have no case and stay) is
// replaced by its longest ASCII run ("chou"), which any line holding the word holds; with
// none of kMinAtomLength, by nothing.
std::string ascii_part(const std::string& atom) {
  if (std::none_of(atom.begin(), atom.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b >= 0xC3 && b <= 0xD4;
      }))
    return atom;
  std::string_view best;
  const std::string_view a(atom);
  for (std::size_t i = 0; i < a.size();) {
    while (i < a.size() && static_cast<unsigned char>(a[i]) >= 0x80) ++i;
    std::size_t j = i;
    while (j < a.size() && static_cast<unsigned char>(a[j]) < 0x80) ++j;
    if (j - i > best.size()) best = a.substr(i, j - i);
    i = j;
  }
  return best.size() >= static_cast<std::size_t>(kMinAtomLength) ? std::string(best) : std::string();
}
}  // namespace

PrefilterPlan plan_prefilter(const std::vector<std::string>& regexes) {
  PrefilterPlan plan;
  std::map<std::string, std::uint32_t> ids;
  for (std::size_t i = 0; i < regexes.size(); ++i) {
    const RE2::Options opts = regex_options(regexes[i]);
    re2::FilteredRE2 filter(kMinAtomLength);
    int id = 0;
    if (filter.Add(regexes[i], opts, &id) != RE2::NoError) {
      const RE2 probe(regexes[i], opts);
      throw Error(fmt::format("pattern {} ({}): {}", i, regexes[i], probe.error()));
    }
    PrefilterPlan::Regex r;
    const RE2& re = filter.GetRE2(id);
    std::vector<std::pair<int, std::string>> groups;
    for (const auto& [name, idx] : re.NamedCapturingGroups()) groups.emplace_back(idx, name);
    std::sort(groups.begin(), groups.end());
    for (auto& g : groups) r.groups.push_back(std::move(g.second));

    std::vector<std::string> local;
    filter.Compile(&local);
    std::vector<int> forced, atoms;  // local ids: empty atoms are always present
    for (std::size_t k = 0; k < local.size(); ++k)
      (local[k].empty() ? forced : atoms).push_back(static_cast<int>(k));
    const std::vector<std::vector<int>> minterms = MintermFinder(filter, forced, atoms).run();
    for (const auto& m : minterms) {
      std::vector<std::uint32_t> global;
      for (int a : m) {
        const std::string literal = ascii_part(local[static_cast<std::size_t>(a)]);
        if (literal.empty()) continue;  // assumed present: a superset, no match is lost
        const auto [it, fresh] =
            ids.try_emplace(without_error_tail(literal), static_cast<std::uint32_t>(plan.atoms.size()));
        if (fresh) plan.atoms.push_back(it->first);
        global.push_back(it->second);
      }
      std::sort(global.begin(), global.end());
      r.minterms.push_back(std::move(global));
    }
    // A literal head at the line start at least as long as the weakest guard (the longest
    // atom of the minterm whose longest is shortest) rules out more lines than the atoms do,
    // at the cost of a table look-up per line instead of a report per occurrence.
    if (std::string head = literal_head(regexes[i]); !head.empty()) {
      std::size_t weakest = std::string::npos;
      for (const auto& m : r.minterms) {
        std::size_t longest = 0;
        for (std::uint32_t a : m) longest = std::max(longest, plan.atoms[a].size());
        weakest = std::min(weakest, longest);
      }
      if (head.size() >= weakest) {
        r.line_prefix = std::move(head);
        r.minterms.clear();
      }
    }
    plan.regexes.push_back(std::move(r));
  }
  choose_scanned(plan);
  return plan;
}

std::string serialize_plan(const PrefilterPlan& plan) {
  ByteWriter w;
  w.u32(kPlanMagic);
  w.u32(static_cast<std::uint32_t>(plan.atoms.size()));
  for (std::size_t i = 0; i < plan.atoms.size(); ++i) {
    w.str(plan.atoms[i]);
    w.u32(plan.scanned[i] ? 1 : 0);
  }
  w.u32(static_cast<std::uint32_t>(plan.regexes.size()));
  for (const auto& r : plan.regexes) {
    w.u32(static_cast<std::uint32_t>(r.groups.size()));
    for (const auto& g : r.groups) w.str(g);
    w.str(r.line_prefix);
    w.u32(static_cast<std::uint32_t>(r.minterms.size()));
    for (const auto& m : r.minterms) {
      w.u32(static_cast<std::uint32_t>(m.size()));
      for (std::uint32_t a : m) w.u32(a);
    }
  }
  return w.take();
}

bool deserialize_plan(std::string_view bytes, PrefilterPlan& plan) {
  ByteReader r(bytes);
  PrefilterPlan p;
  std::uint32_t magic, n;
  if (!r.u32(magic) || magic != kPlanMagic || !r.count(n, 8)) return false;
  p.atoms.resize(n);
  p.scanned.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t s;
    if (!r.str(p.atoms[i]) || !r.u32(s)) return false;
    p.scanned[i] = s != 0;
  }
  if (!r.count(n, 8)) return false;
  p.regexes.resize(n);
  for (auto& re : p.regexes) {
    std::uint32_t k;
    if (!r.count(k, 4)) return false;
    re.groups.resize(k);
    for (auto& g : re.groups)
      if (!r.str(g)) return false;
    if (!r.str(re.line_prefix)) return false;
    if (!r.count(k, 4)) return false;
    re.minterms.resize(k);
    for (auto& m : re.minterms) {
      std::uint32_t len;
      if (!r.count(len, 4)) return false;
      m.resize(len);
      for (auto& a : m)
        if (!r.u32(a) || a >= p.atoms.size()) return false;
    }
  }
  if (!r.done()) return false;
  plan = std::move(p);
  return true;
}

}  // namespace ci_triage
