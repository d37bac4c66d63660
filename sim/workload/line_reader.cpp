#include "workload/line_reader.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "common/input_error.hpp"
#include "common/input_file.hpp"

namespace podsim {
namespace {

// Large enough that a refill (one zlib call) amortises over thousands of trace lines.
constexpr std::size_t kBufferBytes = 1 << 16;

gzFile as_gz(void* file) { return static_cast<gzFile>(file); }

}  // namespace

LineReader::LineReader(std::string path) : path_(std::move(path)), buffer_(kBufferBytes) {
  errno = 0;
  file_ = gzopen(path_.c_str(), "rb");
  if (file_ == nullptr) {
    throw InputError(
        path_, 0, "",
        std::string("cannot open file: ") + (errno != 0 ? std::strerror(errno) : "out of memory"));
  }
  gzbuffer(as_gz(file_), static_cast<unsigned>(kBufferBytes));
}

LineReader::~LineReader() {
  if (file_ != nullptr) gzclose(as_gz(file_));
}

bool LineReader::fill() {
  if (eof_) return false;
  const int got = gzread(as_gz(file_), buffer_.data(), static_cast<unsigned>(buffer_.size()));
  if (got < 0) {
    int code = 0;
    const char* message = gzerror(as_gz(file_), &code);
    throw InputError(path_, line_number_ + 1, "",
                     std::string("cannot read file (corrupt or truncated gzip?): ") + message);
  }
  begin_ = 0;
  end_ = static_cast<std::size_t>(got);
  if (got == 0) {
    // gzread returns 0 both at a clean end and, for a truncated .gz, after the last good byte.
    int code = 0;
    const char* message = gzerror(as_gz(file_), &code);
    if (code != Z_OK && code != Z_BUF_ERROR) {
      throw InputError(path_, line_number_ + 1, "", std::string("cannot read file: ") + message);
    }
    if (code == Z_BUF_ERROR) {
      throw InputError(path_, line_number_ + 1, "", "gzip stream is truncated");
    }
    eof_ = true;
    return false;
  }
  return true;
}

bool LineReader::next(std::string_view& line) {
  long_line_.clear();
  bool straddles = false;
  for (;;) {
    if (begin_ == end_ && !fill()) {
      if (!straddles) return false;
      break;  // last line without a trailing newline
    }
    const char* start = buffer_.data() + begin_;
    const std::size_t available = end_ - begin_;
    const void* newline = std::memchr(start, '\n', available);
    if (newline == nullptr) {
      long_line_.append(start, available);
      begin_ = end_;
      straddles = true;
      continue;
    }
    const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
    begin_ += length + 1;
    if (straddles) {
      long_line_.append(start, length);
      break;
    }
    line = std::string_view(start, length);
    return finish_line(line);
  }
  line = long_line_;
  return finish_line(line);
}

bool LineReader::finish_line(std::string_view& line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line_number_ == 0) line = skip_utf8_bom(line);
  ++line_number_;
  return true;
}

}  // namespace podsim
