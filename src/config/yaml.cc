#include "config/yaml.h"

#include <yaml.h>

#include <memory>
#include <set>

namespace ci_triage::config {
namespace {

int line_of(const yaml_mark_t& m) { return static_cast<int>(m.line) + 1; }

// libyaml's parser and one event, released however the parse ends.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    if (!yaml_parser_initialize(&parser_)) throw YamlError(0, "out of memory");
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Parser() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  const yaml_event_t& next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = false;
    if (!yaml_parser_parse(&parser_, &event_)) {
      const int line = line_of(parser_.problem_mark);
      std::string msg = "invalid YAML: ";
      msg += parser_.problem ? parser_.problem : "syntax error";
      if (parser_.context) msg += std::string(" ") + parser_.context;
      throw YamlError(line, msg);
    }
    has_event_ = true;
    return event_;
  }

 private:
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool has_event_ = false;
};

class Builder {
 public:
  Builder(Parser& p, const YamlLimits& limits) : p_(p), limits_(limits) {}

  // The node whose first event is `e` (already read).
  YamlNode node(const yaml_event_t& e, int depth) {
    if (++nodes_ > limits_.max_nodes)
      throw YamlError(line_of(e.start_mark),
                      "too many YAML nodes (more than " + std::to_string(limits_.max_nodes) + ")");
    YamlNode n;
    n.line = line_of(e.start_mark);
    switch (e.type) {
      case YAML_ALIAS_EVENT:
        throw YamlError(n.line, "YAML aliases (*name) are not supported: write the value out");
      case YAML_SCALAR_EVENT:
        n.kind = YamlNode::Kind::kScalar;
        n.value.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        n.plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && e.data.scalar.tag == nullptr;
        return n;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT:
        break;
      default:
        throw YamlError(n.line, "invalid YAML: unexpected event");
    }
    if (depth >= limits_.max_depth)
      throw YamlError(n.line,
                      "nested too deeply (more than " + std::to_string(limits_.max_depth) + " levels)");
    if (e.type == YAML_SEQUENCE_START_EVENT) {
      n.kind = YamlNode::Kind::kSequence;
      for (;;) {
        const yaml_event_t& c = p_.next();
        if (c.type == YAML_SEQUENCE_END_EVENT) break;
        n.items.push_back(node(c, depth + 1));
      }
      return n;
    }
    n.kind = YamlNode::Kind::kMapping;
    std::set<std::string> seen;
    for (;;) {
      const yaml_event_t& k = p_.next();
      if (k.type == YAML_MAPPING_END_EVENT) break;
      YamlNode key = node(k, depth + 1);
      if (key.kind != YamlNode::Kind::kScalar)
        throw YamlError(key.line, "a mapping key must be a plain name, not " + key.kind_name());
      if (!seen.insert(key.value).second) throw YamlError(key.line, "duplicate key \"" + key.value + "\"");
      n.items.push_back(node(p_.next(), depth + 1));
      n.keys.push_back(std::move(key));
    }
    return n;
  }

 private:
  Parser& p_;
  const YamlLimits& limits_;
  std::size_t nodes_ = 0;
};

}  // namespace

bool YamlNode::is_null() const {
  return kind == Kind::kScalar && plain &&
         (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
}

std::string YamlNode::kind_name() const {
  if (kind == Kind::kMapping) return "a mapping";
  if (kind == Kind::kSequence) return "a list";
  if (is_null()) return "null";
  if (plain) {
    if (value == "true" || value == "false" || value == "True" || value == "False" || value == "TRUE" ||
        value == "FALSE")
      return "a boolean";
    const std::size_t start = (value[0] == '-' || value[0] == '+') ? 1 : 0;
    if (start < value.size() && value.find_first_not_of("0123456789._eE+-", start) == std::string::npos &&
        value[start] >= '0' && value[start] <= '9')
      return "a number";
  }
  return "a string";
}

YamlNode parse_yaml(std::string_view text, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw YamlError(0, "larger than " + std::to_string(limits.max_bytes / 1024) + " KiB");
  Parser p(text);
  Builder b(p, limits);
  if (p.next().type != YAML_STREAM_START_EVENT) throw YamlError(1, "invalid YAML: no stream");
  const yaml_event_t& first = p.next();
  if (first.type == YAML_STREAM_END_EVENT) {
    YamlNode empty;
    empty.plain = true;
    empty.line = 1;
    return empty;
  }
  // first is DOCUMENT_START
  YamlNode root = b.node(p.next(), 0);
  if (p.next().type != YAML_DOCUMENT_END_EVENT) throw YamlError(0, "invalid YAML: unterminated document");
  const yaml_event_t& end = p.next();
  if (end.type != YAML_STREAM_END_EVENT)
    throw YamlError(line_of(end.start_mark), "more than one YAML document (a second '---'): keep one");
  return root;
}

}  // namespace ci_triage::config
