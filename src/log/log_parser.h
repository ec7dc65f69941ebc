// Raw job log bytes → normalised lines in batches + the step model.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "log/log_model.h"

namespace ci_triage {

/// Receives each full batch; the batch is reused after the call returns.
using BatchSink = std::function<void(const Batch&)>;

/// Streams a GitHub Actions job log (as GET /actions/jobs/{id}/logs returns
/// it) or plain tool output. Feed any chunking of the bytes; lines keep their
/// raw 1-based numbers. Memory stays bounded whatever the input: lines longer
/// than kMaxLineBytes are cut (the rest is skipped up to the next newline).
class LogParser {
 public:
  static constexpr std::size_t kMaxLineBytes = 64 * 1024;
  static constexpr std::size_t kMaxSteps = 1024;  ///< later steps are folded into the last one
  static constexpr std::size_t kTailLines = 8;
  /// Plain output kept for `when.command` checks (Step::plain_text), per log.
  static constexpr std::size_t kMaxPlainBytes = 64 * 1024;
  /// A failed step's output kept for `when.command` checks (Step::output_text): per
  /// step, and in all.
  static constexpr std::size_t kMaxStepTextBytes = 32 * 1024;
  static constexpr std::size_t kMaxStepTextTotal = 256 * 1024;
  /// NUL bytes in the log's first kBinaryProbe bytes mark it binary (LogModel::binary).
  static constexpr std::size_t kBinaryProbe = 4096;
  /// Escape sequences written out in caret notation (`^[[31m`, as `cat -v` and some log
  /// archives print ESC) in the first kCaretProbe bytes: the log's lines lose them too.
  static constexpr std::size_t kCaretProbe = 64 * 1024;

  explicit LogParser(std::size_t batch_bytes = 256 << 10);

  void feed(std::string_view bytes, const BatchSink& sink);
  /// Flushes the last line and batch. Call once at the end.
  void finish(const BatchSink& sink);

  const LogModel& model() const { return model_; }
  LogModel take_model() { return std::move(model_); }

 private:
  enum class State { kOutput, kHeader };

  enum Esc { kUnknownEsc, kNoEsc, kHasEsc };  // does the raw line hold an ESC byte?
  void process_line(std::string_view raw, const BatchSink& sink, Esc esc = kUnknownEsc);
  void append_normalized(std::string_view raw, Esc esc);
  std::string_view text(const Line& l) const { return {buf_.get() + l.offset, l.length}; }
  void classify(std::size_t line_index);
  void start_step(std::string_view name, bool header);
  bool error_marker(const Line& line, std::string_view message);
  void ci_verdict(std::string_view m);
  void plain_line(Line& line, std::string_view m, bool& exit_line);
  void flush_tail();
  void flush_batch(const BatchSink& sink);
  /// A whole job copied from the web UI (the runner's preamble, no markers, no stamps): its
  /// steps begin at their `Run …` headers, as the viewer shows them.
  bool web_ui_job() const { return !model_.has_markers && model_.has_runner_preamble && !line_stamped_; }
  void end_web_ui_step();
  void begin_web_ui_step(std::size_t index);

  std::size_t batch_bytes_;
  std::size_t max_batch_lines_ = 0;  // a batch also ends at this many lines
  Batch batch_;
  std::unique_ptr<char[]> buf_;  // batch text: batch_bytes_ plus room for two maximal lines
  std::size_t used_ = 0;
  LogModel model_;
  std::string pending_;    // a line split across feed() calls
  bool skipping_ = false;  // inside an over-long line
  State state_ = State::kOutput;
  bool header_trailer_ = false;         // the header's `shell:`/`env:`/`with:` part has begun
  bool header_entries_ = false;         // ... and an `env:` or `with:` list of entries has begun
  bool header_action_ = false;          // the header is an action's (`Run owner/repo@ref`)
  bool line_stamped_ = false;           // the line being classified had the runner's time stamp
  bool script_header_ = false;          // the line before was npm's `> pkg@1.0.0 script` echo
  std::uint64_t plain_error_line_ = 0;  // plain output: the last output line, when it is `Error: …`
  std::string plain_error_text_;        // its text (the web UI's rendering of an action's ##[error])
  std::uint64_t step_error_line_ = 0;   // a whole job copied from the web UI: the step's first `Error: …`
  std::string step_error_text_;         // its text
  std::string web_title_;               // a web-UI step header's `Run …` text, until the line after it
  // Ring of the current step's last non-blank output lines (indices into batch_.lines).
  std::size_t tail_ring_[kTailLines] = {};
  std::size_t tail_count_ = 0;
  /// Lines left in which a JavaScript action's uncaught exception names its
  /// error, after Node printed the throwing location under /_actions/.
  int node_crash_window_ = 0;
  std::size_t plain_bytes_ = 0;       // Step::plain_text kept so far (kMaxPlainBytes)
  std::string step_text_;             // the current step's last output (job logs; Step::output_text)
  std::size_t step_text_bytes_ = 0;   // Step::output_text kept so far (kMaxStepTextTotal)
  bool caret_escapes_ = false;        // the log writes ESC as "^[" (kCaretProbe)
  bool step_links_ = false;           // GitHub's `[N](…#step:S:N)` links around line numbers (kCaretProbe)
  bool azure_task_open_ = false;      ///< an Azure Pipelines "##[section]Starting:" not yet finished
  bool azure_task_finished_ = false;  ///< an Azure Pipelines "##[section]Finishing:" seen
  bool azure_task_failed_ = false;    ///< a task's "##vso[task.complete result=Failed" in its debug log
  std::uint64_t tool_success_line_ = 0;      ///< last "BUILD SUCCESS(FUL)" of plain output
  std::uint64_t last_plain_error_line_ = 0;  ///< last `Error: …` line of plain output
  std::uint64_t buildkit_done_line_ = 0;     ///< BuildKit's "(N/N) FINISHED" frame, only frame lines since
};

}  // namespace ci_triage
