#include "report/suggestions.h"

#include <fmt/format.h>

#include <cstdio>
#include <sstream>

#include "report/report.h"

namespace ci_triage {
namespace {

bool parse_hunk_header(const std::string& line, int& old_start, int& new_start) {
  int ol = 1, nl = 1;
  if (std::sscanf(line.c_str(), "@@ -%d,%d +%d,%d @@", &old_start, &ol, &new_start, &nl) == 4) return true;
  if (std::sscanf(line.c_str(), "@@ -%d +%d,%d @@", &old_start, &new_start, &nl) == 3) return true;
  if (std::sscanf(line.c_str(), "@@ -%d,%d +%d @@", &old_start, &ol, &new_start) == 3) return true;
  return std::sscanf(line.c_str(), "@@ -%d +%d @@", &old_start, &new_start) == 2;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    out.push_back(l);
  }
  return out;
}

std::string strip_prefix_path(const std::string& p) {
  if (p.rfind("a/", 0) == 0 || p.rfind("b/", 0) == 0) return p.substr(2);
  return p;
}

struct Op {
  char kind;  // ' ', '-', '+'
  std::string text;
  int old_line;  // for ' ' and '-': its old line; for '+': the old line it comes before
};

}  // namespace

DiffLines right_side_lines(const std::string& pr_file_patch) {
  DiffLines out;
  int right = 0, hunk = -1;
  for (const auto& l : lines_of(pr_file_patch)) {
    if (l.rfind("@@", 0) == 0) {
      int o = 0;
      if (!parse_hunk_header(l, o, right)) return {};
      ++hunk;
      continue;
    }
    if (hunk < 0 || l.empty()) {
      if (hunk >= 0) out[right++] = {"", hunk};  // a blank context line some tools trim
      continue;
    }
    if (l[0] == '\\') continue;  // "\ No newline at end of file"
    if (l[0] == '-') continue;
    out[right++] = {l.substr(1), hunk};
  }
  return out;
}

std::vector<Suggestion> suggestions_from_patch(const Patch& patch) {
  std::vector<Suggestion> out;
  std::string path;
  bool new_file = false;
  std::vector<Op> ops;
  auto flush = [&] {
    if (ops.empty() || new_file || path.empty()) {
      ops.clear();
      return;
    }
    std::size_t first = ops.size(), last = 0;
    bool removes = false;
    for (std::size_t i = 0; i < ops.size(); ++i)
      if (ops[i].kind != ' ') {
        first = std::min(first, i);
        last = i;
        removes |= ops[i].kind == '-';
      }
    if (first == ops.size()) {
      ops.clear();
      return;
    }
    if (!removes) {  // pure insertion: anchor on the line before (or after)
      if (first > 0 && ops[first - 1].kind == ' ')
        --first;
      else if (last + 1 < ops.size() && ops[last + 1].kind == ' ')
        ++last;
      else {
        ops.clear();
        return;
      }
    }
    Suggestion s;
    s.path = path;
    for (std::size_t i = first; i <= last; ++i) {
      const Op& op = ops[i];
      if (op.kind != '+') {
        if (s.start_line == 0) s.start_line = op.old_line;
        s.line = op.old_line;
        s.original.push_back(op.text);
      }
      if (op.kind != '-') s.replacement.push_back(op.text);
    }
    if (s.start_line > 0) out.push_back(std::move(s));
    ops.clear();
  };
  int old_line = 0;
  for (const auto& l : lines_of(patch.diff)) {
    if (l.rfind("--- ", 0) == 0) {
      flush();
      new_file = l.substr(4).rfind("/dev/null", 0) == 0;
      continue;
    }
    if (l.rfind("+++ ", 0) == 0) {
      std::string p = l.substr(4);
      if (auto tab = p.find('\t'); tab != std::string::npos) p.resize(tab);
      path = strip_prefix_path(p);
      continue;
    }
    if (l.rfind("@@", 0) == 0) {
      flush();
      int new_start = 0;
      if (!parse_hunk_header(l, old_line, new_start)) return {};
      continue;
    }
    if (l.empty() || l[0] == '\\') continue;
    const char k = l[0];
    if (k == ' ' || k == '-') {
      ops.push_back({k, l.substr(1), old_line});
      ++old_line;
    } else if (k == '+') {
      ops.push_back({k, l.substr(1), old_line});
    }
  }
  flush();
  return out;
}

bool fits_pr_diff(const Suggestion& s, const DiffLines& lines) {
  if (s.start_line <= 0 || s.line < s.start_line) return false;
  int hunk = -1;
  for (int n = s.start_line; n <= s.line; ++n) {
    const auto it = lines.find(n);
    if (it == lines.end()) return false;
    if (hunk >= 0 && it->second.second != hunk) return false;
    hunk = it->second.second;
    if (it->second.first != s.original[static_cast<std::size_t>(n - s.start_line)]) return false;
  }
  return true;
}

std::string suggestion_marker(const Suggestion& s) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over what the suggestion changes
  auto mix = [&](const std::string& t) {
    for (unsigned char c : t) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;
  };
  mix(s.path);
  mix(std::to_string(s.start_line) + ":" + std::to_string(s.line));
  for (const auto& r : s.replacement) mix(r);
  return fmt::format("<!-- ci-triage:suggestion {:016x} -->", h);
}

std::string suggestion_body(const Suggestion& s, const Patch& patch) {
  std::string text;
  for (const auto& r : s.replacement) text += r + "\n";
  const std::string fence = escape::markdown_fence(text);
  std::string body = suggestion_marker(s) + "\n";
  body += fmt::format("**ci-triage suggests** (confidence {}%): {}\n\n", static_cast<int>(patch.confidence * 100 + 0.5),
                      escape::markdown_text(patch.rationale));
  body += fence + "suggestion\n" + text + fence + "\n";
  return body;
}

}  // namespace ci_triage
