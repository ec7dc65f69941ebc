// Where job logs come from: local files, stdin, memory (tests). The GitHub
// source (run → jobs → logs) plugs in behind the same interface.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace ci_triage {

class LogSource {
 public:
  virtual ~LogSource() = default;
  /// The job name shown in reports (a file's stem, "stdin", or the API's job name).
  virtual const std::string& job_name() const = 0;
  /// Where the bytes come from (a path, "-", a URL).
  virtual const std::string& origin() const = 0;
  /// The next chunk of bytes, valid until the next call; empty at the end.
  /// Throws Error on I/O failure. Chunks are bounded (1 MiB).
  virtual std::string_view next() = 0;
};

/// Opens a file for streaming; "-" is standard input. Throws Error when it
/// cannot be opened ("reading build.log: No such file or directory").
std::unique_ptr<LogSource> open_file_source(const std::string& path);

/// A source over bytes held in memory (tests, benchmarks).
std::unique_ptr<LogSource> memory_source(std::string job_name, std::string bytes);

}  // namespace ci_triage
