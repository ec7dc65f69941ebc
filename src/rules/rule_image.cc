#include "rules/rule_image.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "rules/byte_io.h"

namespace ci_triage {
namespace {

// "CIRS" and the layout's version: bump kVersion whenever a member is added,
// removed or reordered below (an old image then fails to load and the JSON is used).
constexpr std::uint32_t kMagic = 0x53524943;
constexpr std::uint32_t kVersion = 1;

// Every member, once, in one order: the writer and the reader walk the same
// list, so they cannot disagree. A member missing here would silently keep its
// default in a loaded image: rule_image_test compares the image with the JSON.
template <class R, class F>
void members(R& r, F&& f) {
  if constexpr (std::is_same_v<std::remove_const_t<R>, Remedy>) {
    f(r.text), f(r.when), f(r.otherwise);
  } else if constexpr (std::is_same_v<std::remove_const_t<R>, Rule>) {
    f(r.id), f(r.category), f(r.category_from_context), f(r.context_runbook_only), f(r.severity),
        f(r.priority), f(r.title), f(r.summary), f(r.patterns), f(r.fields), f(r.command), f(r.not_command),
        f(r.fields_from), f(r.fields_from_command), f(r.fields_from_tail), f(r.constants), f(r.step_text),
        f(r.command_text), f(r.not_step_text), f(r.job_text), f(r.after), f(r.until), f(r.suppressed_by),
        f(r.absorbs), f(r.explains), f(r.quote_tail), f(r.keep_last), f(r.passed), f(r.location_file),
        f(r.location_line), f(r.derive), f(r.causes), f(r.remedies), f(r.patch), f(r.source);
  } else if constexpr (std::is_same_v<std::remove_const_t<R>, StepContext>) {
    f(r.id), f(r.category), f(r.tool), f(r.ecosystem), f(r.title), f(r.command), f(r.uses), f(r.output),
        f(r.remedies), f(r.frame), f(r.source);
  } else if constexpr (std::is_same_v<std::remove_const_t<R>, FieldExtractor>) {
    f(r.field), f(r.type), f(r.patterns), f(r.where), f(r.categories), f(r.last), f(r.source);
  } else if constexpr (std::is_same_v<std::remove_const_t<R>, VocabularyWord>) {
    f(r.category), f(r.pattern), f(r.with), f(r.unless), f(r.strong), f(r.source);
  } else {
    static_assert(std::is_same_v<std::remove_const_t<R>, RuleSet>);
    f(r.rules), f(r.contexts), f(r.extractors), f(r.vocabulary), f(r.vocabulary_marker);
  }
}

template <class T>
constexpr bool kRecord =
    std::is_same_v<T, Remedy> || std::is_same_v<T, Rule> || std::is_same_v<T, StepContext> ||
    std::is_same_v<T, FieldExtractor> || std::is_same_v<T, VocabularyWord>;

template <class>
constexpr bool kVector = false;
template <class T>
constexpr bool kVector<std::vector<T>> = true;
template <class>
constexpr bool kMap = false;
template <class K, class V>
constexpr bool kMap<std::map<K, V>> = true;

// Walks a value through members(): a record member by member, a container as its count and
// items, a field value as its alternative's index and value, a scalar as a u32 (a double as its
// bits).
class SetWriter {
 public:
  template <class T>
  void operator()(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      out.str(v);
    } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, int> || std::is_enum_v<T>) {
      out.u32(static_cast<std::uint32_t>(v));
    } else if constexpr (std::is_same_v<T, double>) {
      std::uint64_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      out.u64(bits);
    } else if constexpr (std::is_same_v<T, FieldValue>) {
      out.u32(static_cast<std::uint32_t>(v.index()));
      std::visit([this](const auto& x) { (*this)(x); }, v);
    } else if constexpr (kVector<T> || kMap<T>) {
      out.u32(static_cast<std::uint32_t>(v.size()));
      for (const auto& x : v) {
        if constexpr (kMap<T>)
          (*this)(x.first), (*this)(x.second);
        else
          (*this)(x);
      }
    } else {
      static_assert(kRecord<T> || std::is_same_v<T, RuleSet>);
      members(v, *this);
    }
  }

  ByteWriter out;
};

class SetReader {
 public:
  explicit SetReader(std::string_view bytes) : in(bytes) {}

  template <class T>
  void operator()(T& v) {
    if (!ok) return;
    std::uint32_t n = 0;
    if constexpr (std::is_same_v<T, std::string>) {
      ok = in.str(v);
    } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, int> || std::is_enum_v<T>) {
      ok = in.u32(n);
      if constexpr (std::is_same_v<T, bool>)
        v = n != 0;
      else
        v = static_cast<T>(n);
    } else if constexpr (std::is_same_v<T, double>) {
      std::uint64_t bits = 0;
      ok = in.u64(bits);
      std::memcpy(&v, &bits, sizeof v);
    } else if constexpr (std::is_same_v<T, FieldValue>) {
      if (!(ok = in.u32(n))) return;
      if (n == 0)
        v = std::string(), (*this)(std::get<std::string>(v));
      else if (n == 1)
        v = 0.0, (*this)(std::get<double>(v));
      else if (n == 2)
        v = std::vector<std::string>(), (*this)(std::get<std::vector<std::string>>(v));
      else
        ok = false;
    } else if constexpr (kVector<T>) {
      // Each item takes at least 4 bytes: a larger count is a broken image, not a reason to allocate.
      if (!(ok = in.count(n, 4))) return;
      v.resize(n);
      for (auto& x : v) (*this)(x);
    } else if constexpr (kMap<T>) {
      if (!(ok = in.count(n, 8))) return;
      for (std::uint32_t i = 0; i < n && ok; ++i) {
        typename T::key_type k{};
        typename T::mapped_type x{};
        (*this)(k), (*this)(x);
        v.emplace_hint(v.end(), std::move(k), std::move(x));
      }
    } else {
      static_assert(kRecord<T> || std::is_same_v<T, RuleSet>);
      members(v, *this);
    }
  }

  ByteReader in;
  bool ok = true;
};

}  // namespace

std::string serialize_rule_set(const RuleSet& set) {
  SetWriter w;
  w.out.u32(kMagic);
  w.out.u32(kVersion);
  w(set);
  return w.out.take();
}

std::optional<RuleSet> deserialize_rule_set(std::string_view bytes) {
  SetReader r(bytes);
  std::uint32_t magic = 0, version = 0;
  if (!r.in.u32(magic) || magic != kMagic || !r.in.u32(version) || version != kVersion) return std::nullopt;
  RuleSet set;
  r(set);
  if (!r.ok || !r.in.done()) return std::nullopt;
  return set;
}

}  // namespace ci_triage
