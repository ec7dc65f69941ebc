// No build-time rules image (the generator itself, cross builds): the matcher
// of the built-in rules is compiled at start-up.
#include "rules/embedded.h"

namespace ci_triage::embedded {
std::string_view rules_image() { return {}; }
}  // namespace ci_triage::embedded
