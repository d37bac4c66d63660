#pragma once
// LineReader: reads a text file line by line, plain or gzip-compressed alike (zlib's gzread
// passes plain files through), for the trace readers. Lines come back without their "\n" or
// "\r\n", and the first without a UTF-8 byte-order mark; the 1-based number of the last line
// returned is line_number().
//
// Memory: one fixed buffer plus one string for lines longer than the buffer. A returned view is
// valid until the next call to next(). Not copyable (owns the zlib handle).
#include <string>
#include <string_view>
#include <vector>

namespace podsim {

class LineReader {
 public:
  // Throws InputError(path, 0, ...) when the file cannot be opened.
  explicit LineReader(std::string path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, or false at end of file. Throws InputError on a read or decompression error
  // (a truncated or corrupt .gz).
  bool next(std::string_view& line);

  int line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

 private:
  bool fill();  // refills buffer_ from the file; false at end of file
  bool finish_line(std::string_view& line);  // drops "\r" (and a first line's BOM); counts it

  std::string path_;
  void* file_ = nullptr;  // gzFile, kept opaque so callers need not include zlib.h
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread bytes are buffer_[begin_, end_)
  std::size_t end_ = 0;
  bool eof_ = false;
  std::string long_line_;  // a line that straddles refills is assembled here
  int line_number_ = 0;
};

}  // namespace podsim
