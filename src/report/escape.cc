#include <algorithm>

#include "core/ascii.h"
#include "report/report.h"

namespace ci_triage::escape {
namespace {

using ascii::is_digit;

// Replaces every "##[" by "##\u200B[": the runner's legacy parser looks for
// "##[" anywhere in a line (ActionCommand.TryParse), the UI shows the same text.
std::string defuse_legacy(std::string s) {
  std::size_t pos = 0;
  while ((pos = s.find("##[", pos)) != std::string::npos) {
    s.insert(pos + 2, "\xE2\x80\x8B");
    pos += 6;
  }
  return s;
}

}  // namespace

std::string command_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out.push_back(c);
    }
  }
  return defuse_legacy(std::move(out));
}

std::string command_property(std::string_view s) {
  std::string out;
  for (char c : command_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out.push_back(c);
  }
  return out;
}

namespace {
// Does s[0, end) end with the lowercase ASCII `suffix`, ignoring case?
bool ends_with_icase(std::string_view s, std::size_t end, std::string_view suffix) {
  if (end < suffix.size()) return false;
  for (std::size_t k = 0; k < suffix.size(); ++k) {
    char c = s[end - suffix.size() + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[k]) return false;
  }
  return true;
}

}  // namespace

std::string markdown_inline(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool digit_next = i + 1 < s.size() && is_digit(s[i + 1]);
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '@':
        out += "@\xE2\x80\x8B";  // no @-mention, no email autolink (a@b.c)
        break;
      case ':':  // no URL autolink (https://, ftp://, mailto:, xmpp:)
        out += (i + 1 < s.size() && s[i + 1] == '/') || ends_with_icase(s, i, "mailto") ||
                       ends_with_icase(s, i, "xmpp")
                   ? "\\:"
                   : ":";
        break;
      case '.':  // no www. autolink
        out += ends_with_icase(s, i, "www") ? "\\." : ".";
        break;
      case '#':  // \# is still "#123" in the rendered text: a zero-width space stops #123, owner/repo#123
        out += digit_next ? "\\#\xE2\x80\x8B" : "\\#";
        break;
      case '-':  // GH-123
        out += digit_next && ends_with_icase(s, i, "gh") ? "-\xE2\x80\x8B" : "-";
        break;
      case '\n':
      case '\r':
        out.push_back(' ');
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '!':
        out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string markdown_text(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t open = s.find('`', i);
    const std::size_t close = open == std::string_view::npos ? open : s.find('`', open + 1);
    if (close == std::string_view::npos) {
      out += markdown_inline(s.substr(i));
      break;
    }
    out += markdown_inline(s.substr(i, open - i));
    std::string code(s.substr(open + 1, close - open - 1));
    for (char& c : code)
      if (c == '\n' || c == '\r') c = ' ';
    out += "`" + code + "`";
    i = close + 1;
  }
  return out;
}

std::string markdown_fence(std::string_view content) {
  std::size_t longest = 0, run = 0;
  for (char c : content) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

}  // namespace ci_triage::escape
