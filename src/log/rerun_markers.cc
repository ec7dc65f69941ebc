#include "log/rerun_markers.h"

#include <algorithm>
#include <cctype>

#include "core/ascii.h"
#include "core/text.h"

namespace ci_triage {
namespace {

using ascii::starts_with;

bool ends_with_test(std::string_view longer, std::string_view shorter) {
  if (shorter.empty() || longer.size() <= shorter.size()) return false;
  if (longer.substr(longer.size() - shorter.size()) != shorter) return false;
  const std::string_view head = longer.substr(0, longer.size() - shorter.size());
  for (std::string_view sep : {".", "::", " \xE2\x80\xBA ", "/", " "})
    if (head.size() >= sep.size() && head.substr(head.size() - sep.size()) == sep) return true;
  return false;
}

// "io.x.SyncTest.eventuallyConsistent(io.x.SyncTest)" → "SyncTest.eventuallyConsistent".
std::string surefire_id(std::string_view s) {
  s = s.substr(0, s.find('('));
  const std::size_t method = s.rfind('.');
  if (method == std::string_view::npos) return std::string(s);
  const std::size_t cls = s.rfind('.', method - 1);
  return std::string(cls == std::string_view::npos ? s : s.substr(cls + 1));
}

bool surefire_test_line(std::string_view s) {
  // "pkg.Class.method(pkg.Class)": word characters, dots and $, then one parenthesised class.
  const std::size_t open = s.find('(');
  if (open == std::string_view::npos || open == 0 || s.back() != ')') return false;
  for (char c : s.substr(0, open))
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '$')) return false;
  return s.find(' ') == std::string_view::npos;
}

}  // namespace

namespace {
// jest names a test "describe › test" in its report and "describe test" in its retry lines.
std::string canonical(std::string_view s) {
  std::string out;
  static constexpr std::string_view kArrow = " \xE2\x80\xBA ";
  for (std::size_t i = 0; i < s.size();) {
    if (s.substr(i, kArrow.size()) == kArrow) {
      out += ' ';
      i += kArrow.size();
    } else {
      out += s[i++];
    }
  }
  return out;
}
}  // namespace

bool same_test(std::string_view a, std::string_view b) {
  const std::string ca = canonical(a), cb = canonical(b);
  return ca == cb || ends_with_test(ca, cb) || ends_with_test(cb, ca);
}

void RerunMarkers::add(std::vector<std::string>& to, std::string_view id) {
  id = trim(id);
  if (id.empty() || to.size() >= kMaxTests) return;
  std::string s = sanitize_utf8(id, 300);
  if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(std::move(s));
}

void RerunMarkers::line(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.size() < 4) {  // too short for any marker; it ends a Flakes block like any other line
    in_flakes_ = false;
    return;
  }
  if (in_flakes_) {
    // The block: "[WARNING] <test>", "[ERROR]   Run 1: …", "[INFO]   Run 2: PASS", ended by "[INFO] ".
    if (starts_with(t, "[WARNING] ") && surefire_test_line(trim(t.substr(10)))) {
      const std::string id = surefire_id(trim(t.substr(10)));
      add(flakes_, id);
      return;
    }
    if (starts_with(t, "[ERROR]   Run ") || starts_with(t, "[INFO]   Run ") ||
        starts_with(t, "[WARNING]   Run "))
      return;
    in_flakes_ = false;
  }
  if (t == "[WARNING] Flakes:") {
    in_flakes_ = true;
    return;
  }
  if (starts_with(t, "LOGGING RETRY ERRORS")) {  // jest: " LOGGING RETRY ERRORS  <full test name>"
    add(rerun_, t.substr(20));
    return;
  }
  // pytest-rerunfailures: "<nodeid> RERUN [ 33%]" (-v) or "<nodeid> ('RERUN', {'yellow': True}) …"
  const std::size_t sep = t.find("::");
  if (sep == std::string_view::npos || sep == 0) return;
  const std::size_t space = t.find(' ', sep);
  if (space == std::string_view::npos) return;
  const std::string_view rest = t.substr(space + 1);
  if (starts_with(rest, "RERUN") || starts_with(rest, "('RERUN'")) add(rerun_, t.substr(0, space));
}

void RerunMarkers::scan(const Batch& batch) {
  for (const Line& l : batch.lines) {
    if (l.kind != LineKind::kOutput) continue;
    const std::string_view t = batch.line_text(l);
    if (t.size() < 4) {  // too short for any marker (see line()): no call, no trim
      in_flakes_ = false;
      continue;
    }
    line(t);
  }
}

std::vector<std::string> RerunMarkers::flaky(const std::vector<std::string>& failed) const {
  std::vector<std::string> out = flakes_;
  for (const auto& r : rerun_) {
    const bool failed_in_the_end =
        std::any_of(failed.begin(), failed.end(), [&](const std::string& f) { return same_test(r, f); });
    if (!failed_in_the_end && std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  }
  return out;
}

}  // namespace ci_triage
