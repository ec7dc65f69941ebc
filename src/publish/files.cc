#include "publish/files.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace ci_triage::publish {
namespace {

bool append_file(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary | std::ios::app);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
  f.close();
  return static_cast<bool>(f);
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& data) {
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    f.close();
    if (!f) {
      std::remove(tmp.c_str());
      throw Error("writing " + path + ": cannot write");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw Error("writing " + path + ": cannot rename into place");
  }
}

Published JsonFilePublisher::publish(const Report& report, const Published& before) {
  Published out;
  std::ostringstream json;
  write_json(report, json, &before.delivery);
  try {
    write_file_atomically(path_, json.str());
    out.json_path = path_;
  } catch (const Error& e) {
    out.delivery.notices.push_back(std::string("The JSON report was not written: ") + e.what());
  }
  return out;
}

Published SarifFilePublisher::publish(const Report& report, const Published&) {
  Published out;
  std::ostringstream sarif;
  write_sarif(report, sarif);
  try {
    write_file_atomically(path_, sarif.str());
    out.sarif_path = path_;
  } catch (const Error& e) {
    out.delivery.notices.push_back(std::string("The SARIF report was not written: ") + e.what());
  }
  return out;
}

Published StepSummaryPublisher::publish(const Report& report, const Published& before) {
  Published out;
  if (path_.empty())
    out.log.push_back("GITHUB_STEP_SUMMARY is not set: no job summary");
  else if (!append_file(path_, render_github_summary(report, before.delivery)))
    out.delivery.notices.push_back("The job summary could not be written to GITHUB_STEP_SUMMARY.");
  return out;
}

Published OutputsPublisher::publish(const Report& report, const Published& before) {
  Published out;
  std::string primary = "none";
  for (const auto& j : report.jobs)
    if (const Finding* f = root_cause(j); f != nullptr && primary == "none") primary = f->category;
  // findings-count counts distinct failures: a matrix failing one way in 12 jobs is one.
  const std::size_t cancelled = report.run ? report.run->cancelled.size() : 0;
  const std::string outputs = fmt::format(
      "primary-category={}\nfindings-count={}\nfailed-jobs={}\ncancelled-jobs={}\nreport-path={}\nsarif-path="
      "{}\n",
      primary, report.groups.size(), report.jobs.size(), cancelled, one_line(before.json_path),
      one_line(before.sarif_path));
  if (!append_file(path_, outputs))
    out.delivery.notices.push_back("The step outputs could not be written to GITHUB_OUTPUT.");
  return out;
}

Published AnnotationsPublisher::publish(const Report& report, const Published&) {
  write_run_annotations(report, out_, max_, ignore_paths_);
  return {};
}

Published TextPublisher::publish(const Report& report, const Published&) {
  write_text(report, out_);
  return {};
}

}  // namespace ci_triage::publish
