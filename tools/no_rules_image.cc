// No build-time rules image (the generator itself, cross builds): the built-in
// rules are loaded from their JSON and their matcher compiled at start-up.
#include "rules/embedded.h"

namespace ci_triage::embedded {
std::string_view rules_image() { return {}; }
std::string_view rule_set_image() { return {}; }
}  // namespace ci_triage::embedded
