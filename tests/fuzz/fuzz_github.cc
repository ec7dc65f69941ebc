// libFuzzer: every GitHub API answer ci-triage parses (jobs list, comments,
// PR files, a created comment, pulls, an error body, a link header). The
// first byte picks the parser.
#include <cstddef>
#include <cstdint>
#include <string>

#include "github/client.h"
#include "github/payloads.h"
#include "github/url.h"

using namespace ci_triage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 7) {
    case 0: {
      std::vector<github::Job> jobs;
      (void)github::parse::jobs_page(body, "jobs", jobs);
      std::vector<github::WorkflowRun> runs;
      (void)github::parse::workflow_runs_page(body, "runs", runs);
      break;
    }
    case 1: {
      std::vector<github::Comment> comments;
      (void)github::parse::comments_page(body, "comments", comments, "<!-- ci-triage");
      break;
    }
    case 2: {
      std::vector<github::PrFile> files;
      (void)github::parse::pr_files_page(body, "files", files);
      break;
    }
    case 3:
      (void)github::parse::comment(body, "comment");
      break;
    case 4:
      (void)github::parse::pulls(body, "pulls");
      break;
    case 5: {
      http::Response r;
      r.status = 403;
      r.body = body;
      r.headers["x-accepted-github-permissions"] = body.substr(0, 64);
      (void)github::api_error(r, "request");
      break;
    }
    default:
      (void)github::next_link(body);
      (void)http::origin_of(body);
      break;
  }
  return 0;
}
