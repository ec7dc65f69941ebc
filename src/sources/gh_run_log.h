// `gh run view RUN --log` and `--log-failed` output: the logs of a whole run, every line
// prefixed with the job name and the step name (cli/cli pkg/cmd/run/view, displayRunLog:
// "JOB\tSTEP\t" + the line of the job's log). When the run's log archive has no per-step files,
// gh prints the whole job log with "UNKNOWN STEP" as the step (cli/cli#10740).
#pragma once

#include <string>
#include <string_view>

namespace ci_triage {

/// Splits a `gh run view --log` stream into one log per job, without the two columns, so that
/// each job is analysed as the job log the API would return. Streaming: bytes in, bytes out,
/// memory bounded by one line prefix. Jobs are contiguous runs of lines with the same job name.
class GhRunLogSplitter {
 public:
  /// Receives the split stream.
  class Sink {
   public:
    virtual ~Sink() = default;
    /// A new job begins; the bytes that follow belong to it.
    virtual void start_job(std::string_view name) = 0;
    /// Log bytes of the current job (the columns removed; lines end with '\n').
    virtual void bytes(std::string_view data) = 0;
  };

  /// Does this start of a stream (the first few KiB) look like `gh run view --log` output: a
  /// first line of JOB<TAB>STEP<TAB>YYYY-MM-DDTHH:MM:SS…Z?
  static bool looks_like(std::string_view head);

  /// Is it `gh run view --log` output whose tabs became runs of spaces (a paste through a
  /// renderer or an editor that expands tabs): a first line of JOB, two or more spaces, STEP, two
  /// or more spaces, then the runner's own stamp (YYYY-MM-DDTHH:MM:SS.fffffffZ).
  static bool spaced_columns(std::string_view head);

  /// Is it `gh run view --log` output passed through `grep -n` (each line "N:" or "N-", "--"
  /// between matches): the head's column lines all start with a line number, and at least two
  /// different ones.
  static bool grep_numbered(std::string_view head);

  /// `numbered`: drop the grep line number in front of each job name.
  /// `spaced`: the columns are separated by spaces (spaced_columns()), not tabs.
  explicit GhRunLogSplitter(Sink& sink, bool numbered = false, bool spaced = false)
      : sink_(sink), numbered_(numbered), spaced_(spaced) {}
  void feed(std::string_view bytes);
  /// Ends the stream (a last line without '\n' is passed on).
  void finish();

 private:
  void prefix_done();
  void spaced_line();

  static constexpr std::size_t kMaxPrefix = 4096;
  Sink& sink_;
  std::string prefix_;      ///< bytes of the current line before its second tab
  int tabs_ = 0;            ///< tabs seen in prefix_
  bool in_text_ = false;    ///< past the prefix: bytes go straight to the sink
  bool check_bom_ = false;  ///< at the start of a line's text: skip a byte-order mark
  std::size_t bom_seen_ = 0;
  bool started_ = false;
  bool numbered_ = false;
  bool spaced_ = false;
  std::string job_;
};

}  // namespace ci_triage
