// libFuzzer: the event payload (GITHUB_EVENT_PATH): pull_request,
// workflow_run and push shapes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "github/context.h"

using namespace ci_triage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  github::Context c;
  c.repo = "octo-org/octo-repo";
  std::vector<std::string> notes;
  github::parse::event(std::string_view(reinterpret_cast<const char*>(data), size), c, notes);
  return 0;
}
