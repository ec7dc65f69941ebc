#include "core/json.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace ci_triage::json {
namespace {

// Forwards SAX events to the document, refusing to nest deeper than the limit.
class DepthLimit {
 public:
  DepthLimit(rapidjson::Document& doc, unsigned max_depth) : doc_(doc), max_(max_depth) {}
  bool too_deep() const { return too_deep_; }

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned u) { return doc_.Uint(u); }
  bool Int64(std::int64_t i) { return doc_.Int64(i); }
  bool Uint64(std::uint64_t u) { return doc_.Uint64(u); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return doc_.RawNumber(s, n, copy); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc_.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc_.Key(s, n, copy); }
  bool StartObject() { return enter() && doc_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return doc_.EndObject(members);
  }
  bool StartArray() { return enter() && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return doc_.EndArray(elements);
  }

 private:
  bool enter() {
    if (++depth_ <= max_) return true;
    too_deep_ = true;
    return false;
  }
  rapidjson::Document& doc_;
  unsigned max_;
  unsigned depth_ = 0;
  bool too_deep_ = false;
};

template <unsigned kFlags>
std::string parse_with(rapidjson::Document& doc, std::string_view text, unsigned max_depth) {
  rapidjson::ParseResult result;
  bool too_deep = false;
  // Populate() moves the single root value into the document when the
  // generator succeeds, and clears the document's value stack either way.
  // A NUL-terminated copy lets RapidJSON scan strings and whitespace 16 bytes at a time (its
  // SIMD paths take a StringStream, not a MemoryStream): the built-in rules (1 MB) parse in
  // less time, and the copy costs a few microseconds. Those scans read whole aligned 16-byte
  // blocks, up to 15 bytes past the terminator: the padding keeps every read inside the copy
  // (ASan checks it). A NUL inside the text ends either stream alike (a MemoryStream's Peek()
  // also reads it as the end).
  std::string copy;
  copy.reserve(text.size() + 16);
  copy.append(text).append(16, '\0');
  auto generate = [&](rapidjson::Document& handler) {
    rapidjson::StringStream ss(copy.c_str());
    rapidjson::Reader reader;
    DepthLimit limit(handler, max_depth);
    result = reader.Parse<kFlags | rapidjson::kParseIterativeFlag>(ss, limit);
    too_deep = limit.too_deep();
    return !result.IsError();
  };
  doc.SetNull();
  doc.Populate(generate);
  if (!result.IsError()) return "";
  doc.SetNull();
  if (too_deep)
    return fmt::format("invalid JSON at byte {}: nested deeper than {} levels", result.Offset(), max_depth);
  return fmt::format("invalid JSON at byte {}: {}", result.Offset(),
                     rapidjson::GetParseError_En(result.Code()));
}

}  // namespace

std::string parse(rapidjson::Document& doc, std::string_view text, Syntax syntax, unsigned max_depth) {
  if (syntax == Syntax::kRelaxed)
    return parse_with<rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag>(doc, text,
                                                                                           max_depth);
  return parse_with<rapidjson::kParseDefaultFlags>(doc, text, max_depth);
}

}  // namespace ci_triage::json
