// Reading fields of GitHub's JSON (API answers, the event payload) without
// trusting their shape: a missing or mistyped field reads as empty.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>

namespace ci_triage::github::fields {

using rapidjson::Value;

inline std::string str(const Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  const auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

inline std::uint64_t u64(const Value& obj, const char* key) {
  if (!obj.IsObject()) return 0;
  const auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return 0;
  if (it->value.IsUint64()) return it->value.GetUint64();
  return 0;
}

/// The member `key` when it is present and not null.
inline const Value* member(const Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  const auto it = obj.FindMember(key);
  return it == obj.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

}  // namespace ci_triage::github::fields
