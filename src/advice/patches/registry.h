// The patch generators by kind: the one table a rule's `patch` is checked
// against (rules fail to load with an unknown kind) and propose_patches
// dispatches on (internal to src/advice/patches).
#pragma once

#include <span>
#include <string_view>

#include "advice/patches/generator.h"

namespace ci_triage::patches {

struct Generator {
  std::string_view kind;  ///< the value of a rule's `patch`, and of Patch::kind.
  Proposal (*generate)(const Input&);
  std::string_view fixes;  ///< one line for docs and `did you mean`: what it changes.
};

/// Every generator, sorted by kind.
std::span<const Generator> generators();
/// The generator of `kind`, or nullptr.
const Generator* find_generator(std::string_view kind);

}  // namespace ci_triage::patches
