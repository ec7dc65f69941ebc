// The byte layout of the images the build makes of the rules (the matcher's
// prefilter plan, rules/prefilter.cc; the rule set, rules/rule_image.cc):
// little-endian fixed-width integers and length-prefixed strings, read back
// with every length and count bounded by the bytes that are left.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ci_triage {

class ByteWriter {
 public:
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void u64(std::uint64_t v) {
    u32(static_cast<std::uint32_t>(v));
    u32(static_cast<std::uint32_t>(v >> 32));
  }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool u32(std::uint32_t& v) {
    if (in_.size() < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    in_.remove_prefix(4);
    return true;
  }
  bool u64(std::uint64_t& v) {
    std::uint32_t lo, hi;
    if (!u32(lo) || !u32(hi)) return false;
    v = (static_cast<std::uint64_t>(hi) << 32) | lo;
    return true;
  }
  bool str(std::string& s) {
    std::uint32_t n;
    if (!u32(n) || in_.size() < n) return false;
    s.assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  /// A count of items that each take at least `min_bytes`: bounded by what is left.
  bool count(std::uint32_t& n, std::size_t min_bytes) { return u32(n) && n <= in_.size() / min_bytes; }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace ci_triage
