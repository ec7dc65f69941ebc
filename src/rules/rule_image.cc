#include "rules/rule_image.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace ci_triage {
namespace {

// "CIRS" and the layout's version: bump kVersion whenever a member is added,
// removed or reordered below (an old image then fails to load and the JSON is used).
constexpr std::uint32_t kMagic = 0x53524943;
constexpr std::uint32_t kVersion = 1;

// Every member, once, in one order: the writer and the reader walk the same
// list, so they cannot disagree. A member missing here would silently keep its
// default in a loaded image: rules_test compares the image with the JSON.
template <class R, class F>
void members(R& r, F&& f) {
  if constexpr (std::is_same_v<std::remove_const_t<R>, Remedy>) {
    f(r.text), f(r.when), f(r.otherwise);
  } else if constexpr (std::is_same_v<std::remove_const_t<R>, Rule>) {
    f(r.id), f(r.category), f(r.category_from_context), f(r.context_runbook_only), f(r.severity),
        f(r.priority), f(r.title), f(r.summary), f(r.patterns), f(r.fields), f(r.command), f(r.not_command),
        f(r.fields_from), f(r.fields_from_command), f(r.fields_from_tail), f(r.constants), f(r.step_text),
        f(r.command_text), f(r.not_step_text), f(r.job_text), f(r.after), f(r.suppressed_by), f(r.absorbs),
        f(r.explains), f(r.quote_tail), f(r.keep_last), f(r.passed), f(r.location_file), f(r.location_line),
        f(r.derive), f(r.causes), f(r.remedies), f(r.patch), f(r.source);
  } else if constexpr (std::is_same_v<std::remove_const_t<R>, StepContext>) {
    f(r.id), f(r.category), f(r.tool), f(r.ecosystem), f(r.title), f(r.command), f(r.uses), f(r.output),
        f(r.remedies), f(r.source);
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

class SetWriter {
 public:
  void u32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }

  template <class T>
  void operator()(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      u32(static_cast<std::uint32_t>(v.size()));
      out_ += v;
    } else if constexpr (std::is_same_v<T, bool>) {
      u32(v ? 1 : 0);
    } else if constexpr (std::is_same_v<T, int>) {
      u32(static_cast<std::uint32_t>(v));
    } else if constexpr (std::is_enum_v<T>) {
      u32(static_cast<std::uint32_t>(v));
    } else if constexpr (std::is_same_v<T, double>) {
      out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    } else if constexpr (std::is_same_v<T, FieldValue>) {
      u32(static_cast<std::uint32_t>(v.index()));
      std::visit([this](const auto& x) { (*this)(x); }, v);
    } else if constexpr (kVector<T>) {
      u32(static_cast<std::uint32_t>(v.size()));
      for (const auto& x : v) (*this)(x);
    } else if constexpr (kMap<T>) {
      u32(static_cast<std::uint32_t>(v.size()));
      for (const auto& [k, x] : v) (*this)(k), (*this)(x);
    } else {
      static_assert(kRecord<T> || std::is_same_v<T, RuleSet>);
      members(v, *this);
    }
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class SetReader {
 public:
  explicit SetReader(std::string_view bytes) : rest_(bytes) {}

  bool u32(std::uint32_t& v) {
    if (!ok_ || rest_.size() < sizeof v) return ok_ = false;
    std::memcpy(&v, rest_.data(), sizeof v);
    rest_.remove_prefix(sizeof v);
    return true;
  }

  template <class T>
  void operator()(T& v) {
    if (!ok_) return;
    std::uint32_t n = 0;
    if constexpr (std::is_same_v<T, std::string>) {
      if (!u32(n) || rest_.size() < n) {
        ok_ = false;
        return;
      }
      v.assign(rest_.data(), n);
      rest_.remove_prefix(n);
    } else if constexpr (std::is_same_v<T, bool>) {
      if (u32(n)) v = n != 0;
    } else if constexpr (std::is_same_v<T, int>) {
      if (u32(n)) v = static_cast<int>(n);
    } else if constexpr (std::is_enum_v<T>) {
      if (u32(n)) v = static_cast<T>(n);
    } else if constexpr (std::is_same_v<T, double>) {
      if (rest_.size() < sizeof v) {
        ok_ = false;
        return;
      }
      std::memcpy(&v, rest_.data(), sizeof v);
      rest_.remove_prefix(sizeof v);
    } else if constexpr (std::is_same_v<T, FieldValue>) {
      if (!u32(n)) return;
      if (n == 0)
        v = std::string(), (*this)(std::get<std::string>(v));
      else if (n == 1)
        v = 0.0, (*this)(std::get<double>(v));
      else if (n == 2)
        v = std::vector<std::string>(), (*this)(std::get<std::vector<std::string>>(v));
      else
        ok_ = false;
    } else if constexpr (kVector<T>) {
      // Each item takes at least 4 bytes: a count larger than that is a broken image, not a
      // reason to allocate.
      if (!u32(n) || n > rest_.size() / 4) {
        ok_ = false;
        return;
      }
      v.resize(n);
      for (auto& x : v) (*this)(x);
    } else if constexpr (kMap<T>) {
      if (!u32(n) || n > rest_.size() / 8) {
        ok_ = false;
        return;
      }
      for (std::uint32_t i = 0; i < n && ok_; ++i) {
        typename T::key_type k;
        typename T::mapped_type x;
        (*this)(k), (*this)(x);
        v.emplace_hint(v.end(), std::move(k), std::move(x));
      }
    } else {
      static_assert(kRecord<T> || std::is_same_v<T, RuleSet>);
      members(v, *this);
    }
  }

  bool done() const { return ok_ && rest_.empty(); }

 private:
  std::string_view rest_;
  bool ok_ = true;
};

}  // namespace

std::string serialize_rule_set(const RuleSet& set) {
  SetWriter w;
  w.u32(kMagic);
  w.u32(kVersion);
  w(set);
  return w.take();
}

std::optional<RuleSet> deserialize_rule_set(std::string_view bytes) {
  SetReader r(bytes);
  std::uint32_t magic = 0, version = 0;
  if (!r.u32(magic) || magic != kMagic || !r.u32(version) || version != kVersion) return std::nullopt;
  RuleSet set;
  r(set);
  if (!r.done()) return std::nullopt;
  return set;
}

}  // namespace ci_triage
