// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif): one result per
// finding, located in the repository where the finding names a file, else on the workflow step
// that failed; stable partialFingerprints so the same failure on the next run is the same alert.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cctype>
#include <map>

#include "core/signature.h"
#include "core/text.h"
#include "report/report.h"

namespace ci_triage {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void text_object(Writer& w, const char* key, std::string_view text) {
  w.Key(key);
  w.StartObject();
  w.Key("text");
  str(w, text);
  w.EndObject();
}

const char* level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNotice:
      return "note";
  }
  return "note";
}

// A repository-relative path as a relative URI reference: forward slashes, no "./", every
// byte outside the unreserved set percent-encoded. nullopt for what is not inside the
// repository (absolute paths the runner's prefixes did not explain, "..").
std::optional<std::string> relative_uri(std::string_view path) {
  while (path.rfind("./", 0) == 0) path.remove_prefix(2);
  if (path.empty() || path.front() == '/' || path.find(":/") != std::string_view::npos) return std::nullopt;
  std::string out;
  std::size_t seg = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/' || path[i] == '\\') {
      if (path.substr(seg, i - seg) == "..") return std::nullopt;
      seg = i + 1;
    }
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : path) {
    if (c == '\\') c = '/';
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct Place {
  std::string uri;
  int line = 0;  // 0: the whole file (or directory)
};

// Where the finding shows in the repository: its own file and line, else the workflow step
// that failed, else the workflows directory (the run's workflow file is not known).
Place place(const JobReport& job, const Finding& f) {
  if (f.location)
    if (auto uri = relative_uri(f.location->file)) return {*uri, f.location->line};
  for (const StepSummary& s : job.steps)
    if (s.number == f.step.number && s.source)
      if (auto uri = relative_uri(s.source->file)) return {*uri, s.source->line};
  return {".github/workflows", 0};
}

std::string bullet_list(const std::vector<std::string>& items, const char* bullet) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += '\n';
    out += bullet;
    out += s;
  }
  return out;
}

// "python-module-not-found" → "PythonModuleNotFound" (SARIF's reportingDescriptor.name).
std::string pascal(std::string_view id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

void write_rule(Writer& w, const Finding& f) {
  w.StartObject();
  w.Key("id");
  str(w, f.rule);
  w.Key("name");
  str(w, pascal(f.rule));
  text_object(w, "shortDescription", f.title);
  // Causes and remedies come filled with the first finding's values; they read as an example.
  const std::string causes =
      f.causes.empty() ? f.summary : f.summary + "\nLikely causes:\n" + bullet_list(f.causes, "- ");
  text_object(w, "fullDescription", causes);
  w.Key("help");
  w.StartObject();
  const std::string help = f.remedies.empty() ? f.summary : bullet_list(f.remedies, "- ");
  w.Key("text");
  str(w, help);
  w.Key("markdown");
  str(w, help);
  w.EndObject();
  w.Key("defaultConfiguration");
  w.StartObject();
  w.Key("level");
  w.String(level(f.severity));
  w.EndObject();
  w.Key("properties");
  w.StartObject();
  w.Key("tags");
  w.StartArray();
  str(w, "ci");
  str(w, f.category);
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

void write_result(Writer& w, const JobReport& job, const Finding& f, std::size_t rule_index) {
  w.StartObject();
  w.Key("ruleId");
  str(w, f.rule);
  w.Key("ruleIndex");
  w.Uint64(rule_index);
  w.Key("level");
  w.String(level(f.severity));
  std::string message = f.title;
  if (!f.summary.empty()) message += ". " + f.summary;
  message += " (job \"" + job.name + "\"";
  if (!f.step.name.empty()) message += ", step \"" + f.step.name + "\"";
  if (!f.evidence.empty()) message += ", log line " + std::to_string(f.evidence.front().line);
  message += ")";
  text_object(w, "message", sanitize_utf8(message, 2000));
  const Place p = place(job, f);
  w.Key("locations");
  w.StartArray();
  w.StartObject();
  w.Key("physicalLocation");
  w.StartObject();
  w.Key("artifactLocation");
  w.StartObject();
  w.Key("uri");
  str(w, p.uri);
  w.Key("uriBaseId");
  str(w, "%SRCROOT%");
  w.EndObject();
  if (p.line > 0) {
    w.Key("region");
    w.StartObject();
    w.Key("startLine");
    w.Int(p.line);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  w.EndArray();
  w.Key("partialFingerprints");
  w.StartObject();
  w.Key("ciTriage/v1");
  str(w, finding_fingerprint(f));
  w.EndObject();
  w.Key("properties");
  w.StartObject();
  w.Key("category");
  str(w, f.category);
  w.Key("job");
  str(w, job.name);
  if (!job.url.empty()) {
    w.Key("logUrl");
    str(w, f.evidence.empty() ? job.url : log_line_url(job, f.evidence.front().line));
  }
  w.Key("logLines");
  w.StartArray();
  for (const auto& e : f.evidence) w.Uint64(e.line);
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

}  // namespace

void write_sarif(const Report& report, std::ostream& out) {
  // One rule per rule id, in the order findings first use it.
  std::vector<const Finding*> rules;
  std::map<std::string, std::size_t> index;
  for (const auto& job : report.jobs)
    for (const auto& f : job.findings)
      if (index.emplace(f.rule, rules.size()).second) rules.push_back(&f);

  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("$schema");
  w.String("https://json.schemastore.org/sarif-2.1.0.json");
  w.Key("version");
  w.String("2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();
  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  w.Key("name");
  w.String("ci-triage");
  w.Key("version");
  w.String(CI_TRIAGE_VERSION);
  w.Key("semanticVersion");
  w.String(CI_TRIAGE_VERSION);
  w.Key("informationUri");
  w.String("https://github.com/org/ci-triage");
  w.Key("rules");
  w.StartArray();
  for (const Finding* f : rules) write_rule(w, *f);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  w.Key("results");
  w.StartArray();
  for (const auto& job : report.jobs)
    for (const auto& f : job.findings) write_result(w, job, f, index.at(f.rule));
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
  out << '\n';
}

}  // namespace ci_triage
