#include "sources/log_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/error.h"

namespace ci_triage {
namespace {

constexpr std::size_t kReadChunk = 256 << 10;

// read() into one buffer. (Mapping the file window by window was measured
// slower here: page faults cost more than the copy, and RSS grows by a window.)
class FdSource : public LogSource {
 public:
  FdSource(int fd, bool owned, std::string job_name, std::string origin)
      : fd_(fd),
        owned_(owned),
        job_name_(std::move(job_name)),
        origin_(std::move(origin)),
        buf_(kReadChunk) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  const std::string& job_name() const override { return job_name_; }
  const std::string& origin() const override { return origin_; }

  std::string_view next() override {
    for (;;) {
      const ssize_t got = ::read(fd_, buf_.data(), buf_.size());
      if (got >= 0) return {buf_.data(), static_cast<std::size_t>(got)};
      if (errno == EINTR) continue;
      throw Error("reading " + origin_ + ": " + std::strerror(errno));
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string job_name_;
  std::string origin_;
  std::vector<char> buf_;
};

class MemorySource : public LogSource {
 public:
  MemorySource(std::string job_name, std::string bytes)
      : job_name_(std::move(job_name)), origin_("<memory>"), bytes_(std::move(bytes)) {}
  const std::string& job_name() const override { return job_name_; }
  const std::string& origin() const override { return origin_; }
  std::string_view next() override {
    const std::size_t k = std::min(kReadChunk, bytes_.size() - pos_);
    const std::string_view out(bytes_.data() + pos_, k);
    pos_ += k;
    return out;
  }

 private:
  std::string job_name_;
  std::string origin_;
  std::string bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<LogSource> open_file_source(const std::string& path) {
  if (path == "-") return std::make_unique<FdSource>(0, false, "stdin", "-");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error("reading " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {  // read() would fail later with EISDIR
    ::close(fd);
    throw Error("reading " + path + ": is a directory");
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  std::string stem = std::filesystem::path(path).filename().string();
  for (const char* ext : {".log", ".txt"}) {
    const std::size_t len = std::strlen(ext);
    if (stem.size() > len && stem.compare(stem.size() - len, len, ext) == 0) {
      stem.resize(stem.size() - len);
      break;
    }
  }
  return std::make_unique<FdSource>(fd, true, stem, path);
}

std::unique_ptr<LogSource> memory_source(std::string job_name, std::string bytes) {
  return std::make_unique<MemorySource>(std::move(job_name), std::move(bytes));
}

}  // namespace ci_triage
