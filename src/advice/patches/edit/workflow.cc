#include "advice/patches/edit/workflow.h"

#include <algorithm>

#include "core/text.h"

namespace ci_triage::patches {
namespace {

// The end of a YAML plain/quoted value: before " #" outside quotes.
std::string_view strip_comment(std::string_view s) {
  char quote = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if ((c == '"' || c == '\'') && (i == 0 || s[i - 1] == ' ')) {
      quote = c;
    } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
      return trim(s.substr(0, i));
    }
  }
  return trim(s);
}

std::string unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    return std::string(s.substr(1, s.size() - 2));
  return std::string(s);
}

}  // namespace

Workflow::Workflow(const TextFile& file) : file_(file) {
  std::optional<std::size_t> scalar_parent;
  for (std::size_t i = 0; i < file.size(); ++i) {
    YamlLine y;
    const std::string& raw = file[i];
    const std::size_t ind = indentation(raw).size();
    const std::string_view t = trim(raw);
    if (scalar_parent && (t.empty() || ind > *scalar_parent)) {
      y.scalar = true;
      y.indent = ind;
      lines_.push_back(y);
      continue;
    }
    scalar_parent.reset();
    if (t.empty() || t.front() == '#') {
      y.indent = ind;
      lines_.push_back(y);
      continue;
    }
    y.content = true;
    std::string_view rest = std::string_view(raw).substr(ind);
    y.indent = ind;
    if (rest == "-" || (rest.size() >= 2 && rest[0] == '-' && rest[1] == ' ')) {
      y.item = true;
      y.item_indent = ind;
      std::size_t k = 1;
      while (k < rest.size() && rest[k] == ' ') ++k;
      y.indent = ind + k;
      rest = rest.substr(k);
    }
    // "key: value" (keys may be quoted; "<<" merges).
    std::size_t colon = std::string_view::npos;
    if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) {
      const std::size_t close = rest.find(rest[0], 1);
      if (close != std::string_view::npos && close + 1 < rest.size() && rest[close + 1] == ':')
        colon = close + 1;
    } else {
      for (std::size_t k = 0; k < rest.size(); ++k) {
        if (rest[k] == ':' && (k + 1 == rest.size() || rest[k + 1] == ' ' || rest[k + 1] == '\t')) {
          colon = k;
          break;
        }
        if (rest[k] == ' ' && k + 1 < rest.size() && rest[k + 1] == '#') break;
        if (rest[k] == '{' || rest[k] == '[') break;
      }
    }
    if (colon != std::string_view::npos) {
      y.key = unquote(trim(rest.substr(0, colon)));
      y.value = unquote(strip_comment(rest.substr(colon + 1)));
      if (!y.value.empty() && (y.value[0] == '|' || y.value[0] == '>'))
        scalar_parent = y.item ? y.item_indent : ind;
    } else {
      y.value = unquote(strip_comment(rest));
    }
    lines_.push_back(y);
  }
}

std::optional<std::size_t> Workflow::top_key(std::string_view key) const {
  for (std::size_t i = 0; i < lines_.size(); ++i)
    if (lines_[i].content && lines_[i].indent == 0 && !lines_[i].item && lines_[i].key == key) return i;
  return std::nullopt;
}

std::optional<Block> Workflow::children(std::size_t key_line) const {
  const YamlLine& k = lines_[key_line];
  if (!k.value.empty() && k.value[0] == '*') {  // an alias: the anchor's block
    const std::string anchor = "&" + k.value.substr(1);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (i == key_line || !lines_[i].content) continue;
      const std::string& v = lines_[i].value;
      if (v == anchor || v.rfind(anchor + " ", 0) == 0) return children(i);
    }
    return std::nullopt;
  }
  const std::size_t column = k.item ? k.indent : k.indent;
  Block b{key_line + 1, key_line + 1};
  for (std::size_t i = key_line + 1; i < lines_.size(); ++i) {
    const YamlLine& y = lines_[i];
    if (!y.content) continue;
    const bool inside =
        y.item ? y.item_indent >= column && (y.item_indent > column || !k.item) : y.indent > column;
    if (!inside) break;
    b.end = i + 1;
  }
  // Trailing scalar lines (the end of a `run: |` block) belong to the block too.
  while (b.end < lines_.size() && lines_[b.end].scalar && !trim(file_[b.end]).empty()) ++b.end;
  return b;
}

std::optional<Block> Workflow::mapping(std::size_t key_line) const {
  const auto c = children(key_line);
  if (!c || c->begin == 0) return std::nullopt;
  return Block{c->begin - 1, c->end};
}

std::vector<std::pair<std::string, Block>> Workflow::jobs() const {
  std::vector<std::pair<std::string, Block>> out;
  const auto j = top_key("jobs");
  if (!j) return out;
  const auto body = children(*j);
  if (!body) return out;
  std::optional<std::size_t> job_indent;
  for (std::size_t i = body->begin; i < body->end; ++i) {
    const YamlLine& y = lines_[i];
    if (!y.content || y.item) continue;
    if (!job_indent) job_indent = y.indent;
    if (y.indent != *job_indent || y.key.empty()) continue;
    const auto c = children(i);
    out.push_back({y.key, Block{i, c ? std::max(c->end, i + 1) : i + 1}});
  }
  return out;
}

std::vector<Block> Workflow::steps(const Block& job) const {
  std::vector<Block> out;
  const auto s = key_line(job, "steps");
  if (!s) return out;
  const auto body = children(*s);
  if (!body) return out;
  std::optional<std::size_t> col;
  for (std::size_t i = body->begin; i < body->end; ++i) {
    const YamlLine& y = lines_[i];
    if (!y.content || !y.item) continue;
    if (!col) col = y.item_indent;
    if (y.item_indent != *col) continue;
    if (!out.empty()) out.back().end = i;
    out.push_back({i, body->end});
  }
  // A step ends at its last content or scalar line, not at trailing comments.
  for (auto& b : out)
    while (b.end > b.begin + 1 && !lines_[b.end - 1].content && !lines_[b.end - 1].scalar) --b.end;
  return out;
}

std::optional<std::size_t> Workflow::key_line(const Block& parent, std::string_view key) const {
  const YamlLine& first = lines_[parent.begin];
  std::size_t column;
  std::size_t from = parent.begin;
  if (first.item) {
    column = first.indent;
  } else {
    from = parent.begin + 1;
    column = 0;
    bool found = false;
    for (std::size_t i = from; i < parent.end; ++i)
      if (lines_[i].content) {
        column = lines_[i].item ? lines_[i].item_indent : lines_[i].indent;
        found = true;
        break;
      }
    if (!found) return std::nullopt;
  }
  for (std::size_t i = from; i < parent.end; ++i) {
    const YamlLine& y = lines_[i];
    if (!y.content || y.scalar) continue;
    if (i != parent.begin && y.item && y.item_indent < column + (first.item ? 1 : 0)) continue;
    if (y.indent == column && y.key == key && (!y.item || i == parent.begin || !first.item)) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Workflow::key_line_merged(const Block& parent, std::string_view key) const {
  if (auto k = key_line(parent, key)) return k;
  if (auto m = key_line(parent, "<<")) {
    const auto merged = children(*m);
    if (merged && merged->begin > 0) {
      // The anchor's own line starts the merged mapping's parent block.
      return key_line(Block{merged->begin - 1, merged->end}, key);  // the anchor's mapping
    }
  }
  return std::nullopt;
}

std::string Workflow::step_header(const Block& step) const {
  if (const auto u = key_line(step, "uses")) return lines_[*u].value;
  if (const auto r = key_line(step, "run")) {
    const std::string& v = lines_[*r].value;
    if (v.empty() || (v[0] != '|' && v[0] != '>')) return v;
    for (std::size_t i = *r + 1; i < step.end && lines_[i].scalar; ++i)
      if (!trim(file_[i]).empty()) return std::string(trim(file_[i]));
  }
  return "";
}

std::vector<std::size_t> Workflow::run_lines(const Block& step) const {
  std::vector<std::size_t> out;
  const auto r = key_line(step, "run");
  if (!r) return out;
  out.push_back(*r);
  for (std::size_t i = *r + 1; i < lines_.size() && lines_[i].scalar; ++i) out.push_back(i);
  return out;
}

bool header_matches(std::string_view workflow_header, std::string_view log_header) {
  if (workflow_header == log_header) return true;
  if (log_header.size() >= 150 && workflow_header.substr(0, log_header.size()) == log_header) return true;
  if (workflow_header.find("${{") == std::string_view::npos) return false;
  // The log shows expressions expanded: literal parts must appear in order,
  // the first at the start and the last at the end.
  std::vector<std::string_view> parts;
  std::size_t p = 0;
  while (true) {
    const std::size_t open = workflow_header.find("${{", p);
    if (open == std::string_view::npos) {
      parts.push_back(workflow_header.substr(p));
      break;
    }
    parts.push_back(workflow_header.substr(p, open - p));
    const std::size_t close = workflow_header.find("}}", open);
    if (close == std::string_view::npos) return false;
    p = close + 2;
  }
  if (log_header.substr(0, parts.front().size()) != parts.front()) return false;
  std::size_t at = parts.front().size();
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    const std::size_t found = log_header.find(parts[i], at);
    if (found == std::string_view::npos) return false;
    at = found + parts[i].size();
  }
  const std::string_view last = parts.back();
  return parts.size() > 1 && log_header.size() >= at + last.size() &&
         log_header.substr(log_header.size() - last.size()) == last;
}

std::string_view log_step_header(std::string_view step_name) {
  return step_name.rfind("Run ", 0) == 0 ? step_name.substr(4) : step_name;
}

std::optional<FoundStep> find_step(const Repo& repo, const std::string& workflow_file,
                                   std::string_view header, std::string_view command,
                                   std::vector<std::string>* candidates) {
  std::vector<std::string> files;
  if (!workflow_file.empty()) {
    if (auto n = normalize_rel(workflow_file)) files.push_back(*n);
  } else {
    for (const auto& n : repo.list(".github/workflows"))
      if ((n.size() > 4 && n.substr(n.size() - 4) == ".yml") ||
          (n.size() > 5 && n.substr(n.size() - 5) == ".yaml"))
        files.push_back(".github/workflows/" + n);
  }
  header = trim(header);
  struct Match {
    FoundStep step;
    int score;
  };
  std::vector<Match> matches;
  for (const auto& f : files) {
    const auto text = repo.read(f);
    if (!text) continue;
    const TextFile tf = TextFile::parse(*text);
    const Workflow wf(tf);
    for (const auto& [name, job] : wf.jobs())
      for (const auto& step : wf.steps(job)) {
        const std::string h = wf.step_header(step);
        if (h.empty() || !header_matches(h, header)) continue;
        // Inputs the log's command block shows ("  key: value") tell apart equal headers.
        int score = 0;
        if (const auto w = wf.key_line(step, "with"))
          if (const auto c = wf.children(*w))
            for (std::size_t i = c->begin; i < c->end; ++i) {
              const YamlLine& y = wf.lines()[i];
              if (!y.key.empty() && command.find("  " + y.key + ": " + y.value) != std::string_view::npos)
                ++score;
            }
        matches.push_back({FoundStep{f, name, job, step}, score});
      }
  }
  if (matches.empty()) return std::nullopt;
  int best = -1;
  for (const auto& m : matches) best = std::max(best, m.score);
  std::vector<const Match*> top;
  for (const auto& m : matches)
    if (m.score == best) top.push_back(&m);
  if (top.size() > 1) {
    if (candidates)
      for (const auto* m : top) candidates->push_back(m->step.file + " (job " + m->step.job + ")");
    return std::nullopt;
  }
  return top.front()->step;
}

namespace {

// [begin, end) of the value that follows `marker` in `line` (quotes excluded).
std::optional<std::pair<std::size_t, std::size_t>> value_span(std::string_view line,
                                                              std::string_view marker) {
  std::size_t p = line.find(marker);
  if (p == std::string_view::npos) return std::nullopt;
  p += marker.size();
  while (p < line.size() && (line[p] == ' ' || line[p] == ':' || line[p] == '=' || line[p] == '\t')) ++p;
  if (p < line.size() && (line[p] == '"' || line[p] == '\'')) {
    const std::size_t close = line.find(line[p], p + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return std::make_pair(p + 1, close);
  }
  std::size_t e = p;
  while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
  return std::make_pair(p, e);
}

}  // namespace

std::string buildx_option(std::string_view value, std::string_view option) {
  std::size_t p = 0;
  while (p <= value.size()) {
    std::size_t e = value.find(',', p);
    if (e == std::string_view::npos) e = value.size();
    const std::string_view kv = trim(value.substr(p, e - p));
    if (kv.size() > option.size() && kv.substr(0, option.size()) == option && kv[option.size()] == '=')
      return std::string(kv.substr(option.size() + 1));
    p = e + 1;
  }
  return "";
}

std::string set_buildx_option(std::string line, std::string_view marker, std::string_view option,
                              std::string_view value) {
  const auto span = value_span(line, marker);
  if (!span) return line;
  const auto [b, e] = *span;
  const std::string_view v = std::string_view(line).substr(b, e - b);
  std::size_t p = 0;
  while (p <= v.size()) {
    std::size_t q = v.find(',', p);
    if (q == std::string_view::npos) q = v.size();
    const std::string_view kv = v.substr(p, q - p);
    if (kv.size() > option.size() && kv.substr(0, option.size()) == option && kv[option.size()] == '=') {
      line.replace(b + p + option.size() + 1, kv.size() - option.size() - 1, value);
      return line;
    }
    p = q + 1;
  }
  line.insert(e, "," + std::string(option) + "=" + std::string(value));
  return line;
}

}  // namespace ci_triage::patches
