#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "report/report.h"

namespace ci_triage {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_number(Writer& w, double v) {
  if (v == static_cast<double>(static_cast<long long>(v)) && v > -1e15 && v < 1e15)
    w.Int64(static_cast<long long>(v));
  else
    w.Double(v);
}

void write_field(Writer& w, const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    write_string(w, *s);
  } else if (const auto* d = std::get_if<double>(&v)) {
    write_number(w, *d);
  } else {
    w.StartArray();
    for (const auto& item : std::get<std::vector<std::string>>(v)) write_string(w, item);
    w.EndArray();
  }
}

void write_strings(Writer& w, const std::vector<std::string>& list) {
  w.StartArray();
  for (const auto& s : list) write_string(w, s);
  w.EndArray();
}

const char* status_name(JobStatus s) {
  switch (s) {
    case JobStatus::kFailed:
      return "failed";
    case JobStatus::kPassed:
      return "passed";
    case JobStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

void write_finding(Writer& w, const JobReport& job, const Finding& f) {
  w.StartObject();
  w.Key("category");
  write_string(w, f.category);
  w.Key("rule");
  write_string(w, f.rule);
  w.Key("severity");
  w.String(severity_name(f.severity));
  w.Key("confidence");
  w.Double(static_cast<double>(static_cast<long long>(f.confidence * 100 + 0.5)) / 100);
  w.Key("inferred_from");
  if (f.inferred_from.empty())
    w.Null();
  else
    write_string(w, f.inferred_from);
  w.Key("context");
  if (f.context.empty())
    w.Null();
  else
    write_string(w, f.context);
  w.Key("title");
  write_string(w, f.title);
  w.Key("summary");
  write_string(w, f.summary);
  w.Key("step");
  w.StartObject();
  w.Key("number");
  w.Int(f.step.number);
  w.Key("name");
  write_string(w, f.step.name);
  w.EndObject();
  w.Key("log_lines");
  w.StartArray();
  for (const auto& e : f.evidence) w.Uint64(e.line);
  w.EndArray();
  w.Key("evidence");
  w.StartArray();
  for (const auto& e : f.evidence) {
    w.StartObject();
    w.Key("line");
    w.Uint64(e.line);
    w.Key("text");
    write_string(w, e.text);
    if (!job.url.empty()) {  // GitHub mode: the line in the web log
      w.Key("url");
      write_string(w, log_line_url(job, e.line));
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("count");
  w.Uint64(f.hit_count);
  w.Key("location");
  if (f.location) {
    w.StartObject();
    w.Key("file");
    write_string(w, f.location->file);
    w.Key("line");
    if (f.location->line > 0)
      w.Int(f.location->line);
    else
      w.Null();
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("locations");
  w.StartArray();
  for (const auto& l : f.locations) {
    w.StartObject();
    w.Key("file");
    write_string(w, l.file);
    w.Key("line");
    if (l.line > 0)
      w.Int(l.line);
    else
      w.Null();
    w.Key("message");
    write_string(w, l.message);
    if (l.log_line > 0) {
      w.Key("log_line");
      w.Uint64(l.log_line);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("fields");
  w.StartObject();
  for (const auto& [k, v] : f.fields) {
    write_string(w, k);
    write_field(w, v);
  }
  w.EndObject();
  w.Key("causes");
  write_strings(w, f.causes);
  w.Key("remedies");
  write_strings(w, f.remedies);
  w.Key("patch");
  if (f.patch) {
    w.StartObject();
    w.Key("kind");
    write_string(w, f.patch->kind);
    w.Key("file");
    write_string(w, f.patch->file);
    w.Key("rationale");
    write_string(w, f.patch->rationale);
    w.Key("confidence");
    w.Double(static_cast<double>(static_cast<long long>(f.patch->confidence * 100 + 0.5)) / 100);
    w.Key("diff");
    write_string(w, f.patch->diff);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("patch_kind");
  if (f.patch_kind.empty())
    w.Null();
  else
    write_string(w, f.patch_kind);
  w.Key("patch_notes");
  write_strings(w, f.patch_notes);
  w.EndObject();
}

const char* mark_name(FailureMark m) {
  switch (m) {
    case FailureMark::kUnknown:
      return "unknown";
    case FailureMark::kNew:
      return "new";
    case FailureMark::kPreExisting:
      return "pre-existing";
    case FailureMark::kFlaky:
      return "flaky";
  }
  return "unknown";
}

void write_run_ref(Writer& w, const std::optional<RunRef>& r) {
  if (!r) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("run_id");
  w.Uint64(r->run_id);
  w.Key("attempt");
  w.Int(r->attempt);
  w.Key("url");
  write_string(w, r->url);
  w.Key("head_sha");
  write_string(w, r->head_sha);
  w.Key("branch");
  write_string(w, r->branch);
  w.EndObject();
}

void write_run(Writer& w, const RunInfo& run, const Delivery* delivery) {
  w.Key("run");
  w.StartObject();
  w.Key("repository");
  write_string(w, run.repo);
  w.Key("workflow");
  write_string(w, run.workflow);
  w.Key("event");
  write_string(w, run.event);
  w.Key("run_id");
  w.Uint64(run.run_id);
  w.Key("attempt");
  w.Int(run.attempt);
  w.Key("url");
  write_string(w, run.url);
  w.Key("head_sha");
  write_string(w, run.head_sha);
  w.Key("pull_request");
  if (delivery != nullptr && delivery->pr)
    w.Int(*delivery->pr);
  else
    w.Null();
  w.Key("jobs_listed");
  w.Bool(run.jobs_listed);
  w.Key("jobs_total");
  w.Int(run.jobs_total);
  w.Key("jobs_failed");
  w.Int(run.jobs_failed);
  w.Key("jobs_cancelled");
  w.Uint64(run.cancelled.size());
  w.Key("cancelled");
  w.StartArray();
  for (const auto& c : run.cancelled) {
    w.StartObject();
    w.Key("name");
    write_string(w, c.name);
    w.Key("url");
    write_string(w, c.url);
    w.Key("after");
    if (c.after.empty())
      w.Null();
    else
      write_string(w, c.after);
    w.EndObject();
  }
  w.EndArray();
  w.Key("base");
  if (run.base.empty())
    w.Null();
  else
    write_string(w, run.base);
  w.Key("history_read");
  w.Bool(run.history_read);
  w.Key("passed_on_rerun");
  w.StartArray();
  for (const auto& j : run.passed_on_rerun) {
    w.StartObject();
    w.Key("name");
    write_string(w, j.name);
    w.Key("url");
    write_string(w, j.url);
    w.Key("failed_attempt");
    w.Int(j.failed_attempt);
    w.EndObject();
  }
  w.EndArray();
  w.Key("notices");
  std::vector<std::string> notices = run.notices;
  if (delivery != nullptr) notices.insert(notices.end(), delivery->notices.begin(), delivery->notices.end());
  write_strings(w, notices);
  w.EndObject();
}

}  // namespace

void write_json(const Report& report, std::ostream& out, const Delivery* delivery) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("schema");
  w.String("ci-triage/report@1");
  w.Key("tool");
  w.StartObject();
  w.Key("name");
  w.String("ci-triage");
  w.Key("version");
  w.String(CI_TRIAGE_VERSION);
  w.EndObject();
  w.Key("jobs");
  w.StartArray();
  for (const auto& job : report.jobs) {
    w.StartObject();
    w.Key("name");
    write_string(w, job.name);
    w.Key("log");
    write_string(w, job.log);
    w.Key("status");
    w.String(status_name(job.status));
    w.Key("lines");
    w.Uint64(job.lines);
    w.Key("failed_steps");
    w.StartArray();
    for (const auto& s : job.steps) {
      if (!s.failed) continue;
      w.StartObject();
      w.Key("number");
      w.Int(s.number);
      w.Key("name");
      write_string(w, s.name);
      w.Key("exit_code");
      if (s.exit_code)
        w.Int(*s.exit_code);
      else
        w.Null();
      w.Key("first_line");
      w.Uint64(s.first_line);
      w.Key("last_line");
      w.Uint64(s.last_line);
      w.EndObject();
    }
    w.EndArray();
    w.Key("findings");
    w.StartArray();
    for (const auto& f : job.findings) write_finding(w, job, f);
    w.EndArray();
    w.Key("notices");
    write_strings(w, job.notices);
    if (!job.flaky_tests.empty()) {
      w.Key("flaky_tests");
      write_strings(w, job.flaky_tests);
    }
    if (job.baseline) {
      const BaselineComparison& b = *job.baseline;
      w.Key("baseline");
      w.StartObject();
      w.Key("log");
      write_string(w, b.log);
      w.Key("lines");
      w.Uint64(b.baseline_lines);
      w.Key("distinct_lines");
      w.Uint64(b.distinct);
      w.Key("complete");
      w.Bool(b.complete);
      w.Key("compared_lines");
      w.Uint64(b.compared);
      w.Key("new_lines");
      w.Uint64(b.fresh);
      w.Key("explained");
      w.Bool(b.explained);
      w.EndObject();
    }
    if (job.job_id != 0) {
      w.Key("github");
      w.StartObject();
      w.Key("job_id");
      w.Uint64(job.job_id);
      w.Key("url");
      write_string(w, job.url);
      w.Key("conclusion");
      write_string(w, job.conclusion);
      w.Key("log_available");
      w.Bool(job.log_available);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  if (report.run) {
    write_run(w, *report.run, delivery);
    // One entry per distinct failure (core/signature.h group_failures): what the summary and
    // the comment show one section for.
    w.Key("groups");
    w.StartArray();
    for (const auto& g : report.groups) {
      w.StartObject();
      w.Key("fingerprint");
      if (g.fingerprint.empty())
        w.Null();
      else
        write_string(w, g.fingerprint);
      w.Key("jobs");
      w.StartArray();
      for (std::size_t i : g.jobs) w.Uint64(i);
      w.EndArray();
      w.Key("mark");
      w.String(mark_name(g.mark));
      w.Key("seen_in");
      write_run_ref(w, g.seen_in);
      w.Key("since");
      write_run_ref(w, g.since);
      w.Key("compared");
      w.Bool(g.compared);
      w.Key("flaky_reason");
      if (g.flaky_reason.empty())
        w.Null();
      else
        write_string(w, g.flaky_reason);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
  out << '\n';
}

}  // namespace ci_triage
