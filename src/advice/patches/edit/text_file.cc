#include "advice/patches/edit/text_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace ci_triage::patches {

TextFile TextFile::parse(std::string_view bytes) {
  TextFile f;
  std::size_t crlf = 0, lf = 0, i = 0;
  while (i < bytes.size()) {
    std::size_t nl = bytes.find('\n', i);
    if (nl == std::string_view::npos) {
      f.lines_.emplace_back(bytes.substr(i));
      f.terms_.emplace_back();
      break;
    }
    const bool cr = nl > i && bytes[nl - 1] == '\r';
    f.lines_.emplace_back(bytes.substr(i, nl - i - (cr ? 1 : 0)));
    f.terms_.emplace_back(cr ? "\r\n" : "\n");
    (cr ? crlf : lf)++;
    i = nl + 1;
  }
  if (crlf > lf) f.eol_ = "\r\n";
  return f;
}

void TextFile::insert(std::size_t index, std::string text) {
  index = std::min(index, lines_.size());
  std::string term = eol_;
  if (index == lines_.size() && !terms_.empty() && terms_.back().empty()) {
    // Appending after a last line without a newline: the new line is the one without it now.
    terms_.back() = eol_;
    term.clear();
  }
  lines_.insert(lines_.begin() + static_cast<std::ptrdiff_t>(index), std::move(text));
  terms_.insert(terms_.begin() + static_cast<std::ptrdiff_t>(index), std::move(term));
}

void TextFile::replace(std::size_t index, std::string text) { lines_.at(index) = std::move(text); }

std::string TextFile::str() const {
  std::string out;
  for (std::size_t i = 0; i < lines_.size(); ++i) out += lines_[i] + terms_[i];
  return out;
}

namespace {

struct DiffLine {
  char op;  // ' ', '-', '+'
  std::string text;
  std::string term;
};

void emit(std::string& out, const DiffLine& d) {
  out.push_back(d.op);
  out += d.text;
  if (d.term.empty())
    out += "\n\\ No newline at end of file\n";
  else
    out += d.term;
}

// The edit script between two line lists: common prefix and suffix, then an
// LCS table on the (small) middle. Generators change a few lines of files of
// at most a few thousand lines; a middle too large for the table becomes one
// replacement, which is still a correct diff.
std::vector<DiffLine> edit_script(const TextFile& a, const TextFile& b) {
  auto same = [&](std::size_t i, std::size_t j) {
    return a[i] == b[j] && a.terminator(i) == b.terminator(j);
  };
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && same(pre, pre)) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && same(a.size() - 1 - suf, b.size() - 1 - suf)) ++suf;
  std::vector<DiffLine> out;
  for (std::size_t i = 0; i < pre; ++i) out.push_back({' ', a[i], a.terminator(i)});
  const std::size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n * m <= 4'000'000) {
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        at(i, j) = same(pre + i, pre + j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && same(pre + i, pre + j)) {
        out.push_back({' ', a[pre + i], a.terminator(pre + i)});
        ++i, ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {  // removals before additions
        out.push_back({'-', a[pre + i], a.terminator(pre + i)});
        ++i;
      } else {
        out.push_back({'+', b[pre + j], b.terminator(pre + j)});
        ++j;
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) out.push_back({'-', a[pre + i], a.terminator(pre + i)});
    for (std::size_t j = 0; j < m; ++j) out.push_back({'+', b[pre + j], b.terminator(pre + j)});
  }
  for (std::size_t i = a.size() - suf; i < a.size(); ++i) out.push_back({' ', a[i], a.terminator(i)});
  return out;
}

}  // namespace

std::string unified_diff(std::string_view path, const TextFile& before, const TextFile& after) {
  constexpr std::size_t kContext = 3;
  const std::vector<DiffLine> script = edit_script(before, after);
  std::string out;
  std::size_t k = 0;
  while (k < script.size()) {
    while (k < script.size() && script[k].op == ' ') ++k;
    if (k == script.size()) break;
    // A hunk: from kContext lines before this change to kContext lines after
    // the last change that is at most 2*kContext unchanged lines further.
    const std::size_t start = k >= kContext ? k - kContext : 0;
    std::size_t end = k, last_change = k;
    while (end < script.size()) {
      if (script[end].op != ' ') last_change = end;
      if (end - last_change > 2 * kContext) break;
      ++end;
    }
    end = std::min(script.size(), last_change + kContext + 1);
    std::size_t old_start = 1, new_start = 1;
    for (std::size_t i = 0; i < start; ++i) {
      if (script[i].op != '+') ++old_start;
      if (script[i].op != '-') ++new_start;
    }
    std::size_t old_n = 0, new_n = 0;
    for (std::size_t i = start; i < end; ++i) {
      if (script[i].op != '+') ++old_n;
      if (script[i].op != '-') ++new_n;
    }
    if (out.empty()) out = fmt::format("diff --git a/{0} b/{0}\n--- a/{0}\n+++ b/{0}\n", path);
    out += fmt::format("@@ -{},{} +{},{} @@\n", old_n ? old_start : old_start - 1, old_n,
                       new_n ? new_start : new_start - 1, new_n);
    for (std::size_t i = start; i < end; ++i) emit(out, script[i]);
    k = end;
  }
  return out;
}

std::string new_file_diff(std::string_view path, const TextFile& content) {
  std::string out = fmt::format(
      "diff --git a/{0} b/{0}\nnew file mode 100644\n--- /dev/null\n+++ b/{0}\n@@ -0,0 +1,{1} @@\n", path,
      content.size());
  for (std::size_t i = 0; i < content.size(); ++i) emit(out, {'+', content[i], content.terminator(i)});
  return out;
}

std::string_view indentation(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return line.substr(0, i);
}

}  // namespace ci_triage::patches
