// A bounded YAML reader for the repository config file: libyaml's event parser
// builds a small tree of scalars, sequences and mappings, each with its line.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ci_triage::config {

/// One node of a YAML document. Mapping keys are scalars (`keys[i]` names `items[i]`).
struct YamlNode {
  enum class Kind { kScalar, kSequence, kMapping };
  Kind kind = Kind::kScalar;
  std::string value;   ///< a scalar's text.
  bool plain = false;  ///< an unquoted scalar: may be null, a boolean or a number.
  int line = 0;        ///< 1-based line where the node starts.
  std::vector<YamlNode> items;
  std::vector<YamlNode> keys;

  /// A plain null scalar: empty, "~" or "null".
  bool is_null() const;
  /// "a mapping", "a list", "a string", "a number", "a boolean", "null" (for messages).
  std::string kind_name() const;
};

/// What a document may cost: every limit is checked before the work it bounds.
struct YamlLimits {
  std::size_t max_bytes = 64 * 1024;
  int max_depth = 16;             ///< nested collections.
  std::size_t max_nodes = 10000;  ///< scalars and collections in all.
};

/// A document ci-triage refuses, with the 1-based line of the problem (0 = the whole input).
class YamlError : public std::runtime_error {
 public:
  YamlError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

/// Parses one YAML document. An empty document (nothing, or only comments) is a
/// null scalar. Aliases (`*name`) are refused: expanding them is how a small
/// file becomes a huge tree. Throws YamlError for a syntax error, a second
/// document, a non-scalar or duplicate mapping key, an alias or a limit.
YamlNode parse_yaml(std::string_view text, const YamlLimits& limits = {});

}  // namespace ci_triage::config
