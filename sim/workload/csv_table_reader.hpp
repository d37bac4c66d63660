#pragma once
// CsvTableReader: the rows of a delimited text table (CSV, or TSV for Gavel), for the GPU trace
// readers. Plain or gzip-compressed (through LineReader). Blank lines and lines starting with
// '#' are skipped. Cells are split on the delimiter; a cell may be double-quoted ("" inside
// stands for one quote; no line breaks inside cells); unquoted cells are trimmed of spaces and
// tabs. With a header row, every data row must have as many cells as the header.
//
// Errors are InputError naming the file, the 1-based line and the column (its header name, or
// the name given with set_column_names for header-less tables).
//
// Cost: one pass over each line; cells are views into the line (quoted cells into reused
// buffers), so a row allocates nothing once the buffers have grown. A row's cells are valid
// until the next call to next_row().
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "workload/line_reader.hpp"

namespace podsim {

enum class TimeUnit { kSeconds, kMilliseconds };

class CsvTableReader {
 public:
  CsvTableReader(std::string path, char delimiter = ',');

  // Reads the first row as the header. False when the file holds no row at all.
  bool read_header();
  // As read_header, but a file with no row throws InputError listing the `required` columns.
  void require_header(std::string_view required);
  const std::vector<std::string>& header() const { return header_; }
  int header_line() const { return header_line_; }

  // Names the columns of a header-less table, for error messages ("field 5 (total_steps)").
  void set_column_names(std::vector<std::string> names) { header_ = std::move(names); }

  // The index of the header column `name`, or -1.
  int find(std::string_view name) const;
  // As find, but a missing column throws InputError at the header line listing `required` and
  // suggesting the closest header name.
  int require(std::string_view name, std::string_view required) const;

  // The next data row; false at the end of the file.
  bool next_row();
  std::size_t size() const { return cell_count_; }
  // The cell of `column` in the current row; "" when column < 0 (a column the file lacks).
  std::string_view cell(int column) const {
    return column < 0 ? std::string_view{} : cells_[static_cast<std::size_t>(column)];
  }
  int line() const { return reader_.line_number(); }
  const std::string& path() const { return reader_.path(); }

  // The key errors use for `column`: its name, or "field N" without one.
  std::string key(int column) const;

  // Typed cells; a malformed value throws InputError naming the column and what was found.
  // A cell is "missing" when empty or one of nan, none, null (any case), as pandas writes them.
  bool missing(int column) const;
  std::int64_t integer(int column) const;
  Time time(int column, TimeUnit unit) const;  // exact decimal, see parse_time below
  // A GPU count: -1 when missing; one larger than any machine (past int) throws InputError.
  std::int64_t gpu_count(int column) const;

  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

 private:
  std::size_t split(std::string_view line);

  LineReader reader_;
  char delimiter_;
  std::vector<std::string> header_;
  int header_line_ = 0;
  std::vector<std::string_view> cells_;
  std::size_t cell_count_ = 0;
  std::deque<std::string> quoted_;  // storage of unquoted quoted cells; a deque keeps views valid
};

// Decimal `text` in `unit` to Time, exactly: seconds to the microsecond (digits past the sixth
// decimal rounded), milliseconds to the microsecond (past the third). nullopt when not a plain
// decimal number or out of range.
std::optional<Time> parse_time(std::string_view text, TimeUnit unit);

// The number at the end of a name ("openb-pod-0017" -> 17, "cifar10-3" -> 3), or nullopt.
std::optional<std::int64_t> trailing_number(std::string_view name);

}  // namespace podsim
