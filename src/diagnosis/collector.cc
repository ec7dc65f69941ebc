#include "diagnosis/collector.h"

#include <algorithm>

#include "diagnosis/locations.h"

namespace ci_triage {
namespace {

std::uint64_t key(std::uint32_t rule, std::uint32_t step) {
  return (static_cast<std::uint64_t>(rule) << 32) | step;
}

}  // namespace

Collector::Collector(CompiledRules& rules) : rules_(rules) {}

void Collector::scan(const Batch& batch) {
  constexpr unsigned kOutput = 1u << static_cast<unsigned>(LineKind::kOutput);
  batch_ = &batch;
  if (known_in_step_.size() != rules_.output_patterns().size())
    known_in_step_.assign(rules_.output_patterns().size(), kNoStep);
  const SkipFn skip{[](void* self, std::uint32_t p, const Line& line) {
                      auto* c = static_cast<Collector*>(self);
                      // What a pattern already knows in a step it keeps knowing there (lines,
                      // fields and sightings only grow): one array read instead of hash probes.
                      if (c->known_in_step_[p] == line.step) return true;
                      if (!c->already_known(c->rules_.output_patterns()[p], line)) return false;
                      c->known_in_step_[p] = line.step;
                      return true;
                    },
                    this};
  rules_.output_matcher().scan(
      batch, kOutput,
      [this](std::uint32_t p, const Line& line, std::string_view text, const std::vector<Capture>& caps) {
        on_hit(rules_.output_patterns()[p], line, text, caps);
      },
      &skip);
  scan_frames(batch);
  batch_ = nullptr;
}

void Collector::scan_frames(const Batch& batch) {
  for (const Line& line : batch.lines) {
    if (line.kind != LineKind::kOutput) continue;
    const std::string_view text = batch.line_text(line);
    if (text.size() < 17) continue;  // shorter than the shortest frame, `File "a", line 1`
    std::string_view path;
    int at = 0;
    if (!python_frame(text, path, at) || !project_path(path, frame_path_)) continue;
    StepFrames& kept = frames_[line.step];
    Frame* slot = nullptr;
    if (kept.ring.size() < kMaxFrames) {
      if (frame_bytes_ + frame_path_.size() > kMaxFrameBytes) continue;
      slot = &kept.ring.emplace_back();
    } else {  // the oldest one goes
      slot = &kept.ring[kept.next];
      kept.next = (kept.next + 1) % kMaxFrames;
      frame_bytes_ -= slot->where.file.size();
    }
    frame_bytes_ += frame_path_.size();
    slot->log_line = line.number;
    slot->where.file.assign(frame_path_);
    slot->where.line = at;
    slot->where.log_line = line.number;
  }
}

std::vector<Collector::Frame> Collector::frames(std::uint32_t step) const {
  const auto it = frames_.find(step);
  if (it == frames_.end()) return {};
  const StepFrames& kept = it->second;
  std::vector<Frame> out(kept.ring.begin() + static_cast<std::ptrdiff_t>(kept.next), kept.ring.end());
  out.insert(out.end(), kept.ring.begin(), kept.ring.begin() + static_cast<std::ptrdiff_t>(kept.next));
  return out;
}

bool Collector::already_known(const CompiledRules::PatternRef& ref, const Line& line) {
  if (ref.role == CompiledRules::Role::kEvidence) {
    // Saturation: once a rule has quoted its first lines in this step and holds
    // every field this pattern could add, another match of this pattern changes
    // nothing but the count. Bounds the work on logs that repeat an error a
    // million times. Per pattern: another pattern of the same rule may still
    // add to a list (go test's `--- FAIL:` lines after its quoted lines).
    const Rule& rule = rules_.rules().rules[ref.rule];
    if (rule.keep_last) return false;
    // Steps come in order: the rule's accumulation in this step, if any, is its latest one.
    if (ref.rule >= latest_.size() || latest_[ref.rule].step != line.step) return false;
    const Accumulation& a = accums_[latest_[ref.rule].index];
    if (a.lines.size() < kMaxEvidence) return false;
    for (const auto& g : ref.groups) {
      const auto f = a.fields.find(g);
      if (f == a.fields.end()) return false;
      if (const auto* list = std::get_if<std::vector<std::string>>(&f->second);
          list && list->size() < kMaxListItems)
        return false;
    }
    return true;
  }
  if (ref.role == CompiledRules::Role::kFieldsOutput) {
    // A fields_from regex runs until the step holds kMaxFieldLines lines it matched.
    const auto it = field_lines_.find(key(ref.rule, line.step));
    return it != field_lines_.end() && it->second.count >= kMaxFieldLines;
  }
  if (!ref.once_per_step) return false;
  switch (ref.role) {
    case CompiledRules::Role::kStepText:
      return step_text_seen(ref.rule, line.step);
    case CompiledRules::Role::kNotStepText:
      return not_step_text_seen(ref.rule, line.step);
    case CompiledRules::Role::kJobText:
      return job_text_seen(ref.rule);
    case CompiledRules::Role::kAfterText:
      return after_text_seen(ref.rule, line.step);
    case CompiledRules::Role::kUntilText:
      return false;
    case CompiledRules::Role::kContextText:
      return context_seen(ref.rule, line.step);
    case CompiledRules::Role::kFieldsOutput:
      return true;
    case CompiledRules::Role::kEvidence:
      return false;
  }
  return false;
}

bool Collector::is_tally(const std::vector<Capture>& captures) {
  for (const Capture& c : captures)
    if (!c.value.empty() && (c.name == "failed_count" || c.name == "error_count" || c.name == "count" ||
                             c.name == "mypy_error_count"))
      return true;
  return false;
}

bool Collector::keep(std::string_view text, std::size_t max, std::string& out) {
  const std::size_t n = std::min(text.size(), max);
  if (stored_bytes_ + n > kMaxStoredBytes) return false;
  stored_bytes_ += n;
  out.assign(text.substr(0, n));
  return true;
}

bool Collector::step_text_seen(std::uint32_t rule, std::uint32_t step) const {
  return step_text_.count(key(rule, step)) > 0;
}
bool Collector::not_step_text_seen(std::uint32_t rule, std::uint32_t step) const {
  return not_step_text_.count(key(rule, step)) > 0;
}
const Collector::NamedValues* Collector::not_step_values(std::uint32_t rule, std::uint32_t step) const {
  const auto it = not_step_values_.find(key(rule, step));
  return it == not_step_values_.end() ? nullptr : &it->second;
}
bool Collector::job_text_seen(std::uint32_t rule) const { return job_text_.count(rule) > 0; }
bool Collector::after_text_seen(std::uint32_t rule, std::uint32_t step) const {
  return after_text_.count(key(rule, step)) > 0;
}
bool Collector::context_seen(std::uint32_t context, std::uint32_t step) const {
  return context_text_.count(key(context, step)) > 0;
}

const std::vector<std::string>* Collector::field_lines(std::uint32_t rule, std::uint32_t step) const {
  const auto it = field_lines_.find(key(rule, step));
  return it == field_lines_.end() ? nullptr : &it->second.texts;
}

void Collector::on_hit(const CompiledRules::PatternRef& ref, const Line& line, std::string_view text,
                       const std::vector<Capture>& captures) {
  switch (ref.role) {
    case CompiledRules::Role::kStepText:
      step_text_.insert(key(ref.rule, line.step));
      return;
    case CompiledRules::Role::kNotStepText: {
      bool named = false;
      for (const Capture& c : captures) {
        if (c.value.empty()) continue;
        named = true;
        NamedValues& values = not_step_values_[key(ref.rule, line.step)];
        const auto seen = [&](const auto& v) { return v.first == c.name && v.second == c.value; };
        std::string value;
        if (values.size() < kMaxNotStepValues && std::none_of(values.begin(), values.end(), seen) &&
            keep(c.value, kMaxFieldLineBytes, value))
          values.emplace_back(std::string(c.name), std::move(value));
      }
      if (!named) not_step_text_.insert(key(ref.rule, line.step));
      return;
    }
    case CompiledRules::Role::kJobText:
      job_text_.insert(ref.rule);
      return;
    case CompiledRules::Role::kAfterText:
      after_text_.insert(key(ref.rule, line.step));
      sections_[key(ref.rule, line.step)].open = line.number;
      return;
    case CompiledRules::Role::kUntilText:
      sections_[key(ref.rule, line.step)].close = line.number;
      return;
    case CompiledRules::Role::kContextText:
      context_text_.insert(key(ref.rule, line.step));
      return;
    case CompiledRules::Role::kFieldsOutput: {
      // Kept raw; the rule's fields_from regexes take their values from these lines
      // only if the rule fires in the step (Collector::field_lines).
      FieldLines& kept = field_lines_[key(ref.rule, line.step)];
      const std::string_view raw = batch_->line_text(line);
      std::string kept_text;
      if (kept.count < kMaxFieldLines && keep(raw, kMaxFieldLineBytes, kept_text) &&
          (kept.texts.empty() || kept.texts.back() != kept_text)) {
        ++kept.count;
        // A wrapper's prefix (a foreign time stamp, `svc_1  | `) that the rule's patterns look
        // past: the fields_from regexes see the line without it too.
        std::string bare;
        if (kept_text.size() == raw.size())
          bare = std::string(line.bare(kept_text));
        else if (line.skip > 0 && line.skip < kept_text.size())  // cut short: its end is gone anyway
          bare = kept_text.substr(line.skip);
        kept.texts.push_back(std::move(kept_text));
        if (!bare.empty()) kept.texts.push_back(std::move(bare));
      }
      return;
    }
    case CompiledRules::Role::kEvidence:
      break;
  }
  if (line.kind != LineKind::kOutput) return;  // a step's own script is not evidence
  const Rule& rule = rules_.rules().rules[ref.rule];
  if (!rule.after.empty() && !after_text_seen(ref.rule, line.step)) return;  // not yet: `when.after`
  if (!rule.until.empty()) {  // `when.until`: the section is closed again unless a later line (or
    // the closing line itself: `TASK [Roll back]` closes the task before it) opened it
    const auto s = sections_.find(key(ref.rule, line.step));
    if (s == sections_.end() || s->second.open < s->second.close) return;
  }
  if (ref.rule >= latest_.size()) latest_.resize(ref.rule + 1);
  Latest& latest = latest_[ref.rule];
  if (latest.step != line.step) {  // the rule's first hit in this step: steps come in order
    latest = {line.step, accums_.size()};
    accums_.emplace_back();
    accums_.back().rule = ref.rule;
    accums_.back().step = line.step;
  }
  Accumulation& a = accums_[latest.index];
  ++a.count;
  if (!a.lines.empty() && a.lines.back().line == line.number) {
    // another pattern of the same rule on the same line: fields only
  } else if (a.lines.size() < kMaxEvidence) {  // raw: sanitised once, when findings are built
    std::string kept;
    if (keep(text, kMaxQuotedBytes, kept)) a.lines.push_back({line.number, std::move(kept)});
  } else if (rule.keep_last) {
    a.lines.erase(a.lines.begin());
    a.lines.push_back({line.number, std::string(text.substr(0, kMaxQuotedBytes))});
  } else if (a.tallies < kMaxTallyLines && is_tally(captures)) {
    // The tool's own tally after the quoted lines (`✖ 736 problems`, `Tests: 3 failed`)
    // says more than one more detail line: it takes the last detail line's place.
    std::string kept;
    if (keep(text, kMaxQuotedBytes, kept)) {
      a.lines.erase(a.lines.end() - 1 - a.tallies);
      a.lines.push_back({line.number, std::move(kept)});
      ++a.tallies;
    }
  }
  merge_captures(rule, captures, a.fields);
}

}  // namespace ci_triage
