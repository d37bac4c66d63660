#include "workload/csv_table_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>

#include "common/input_error.hpp"
#include "common/suggest.hpp"
#include "workload/text_fields.hpp"

namespace podsim {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);  // ASCII letters only; callers compare letters
         });
}

}  // namespace

CsvTableReader::CsvTableReader(std::string path, char delimiter)
    : reader_(std::move(path)), delimiter_(delimiter) {}

void CsvTableReader::fail(const std::string& key, const std::string& message) const {
  throw InputError(reader_.path(), reader_.line_number(), key, message);
}

std::size_t CsvTableReader::split(std::string_view line) {
  std::size_t count = 0;
  std::size_t quoted = 0;
  std::size_t i = 0;
  const std::size_t n = line.size();
  for (;;) {
    if (count == cells_.size()) cells_.emplace_back();
    while (i < n && (line[i] == ' ' || line[i] == '\t') && line[i] != delimiter_) ++i;
    if (i < n && line[i] == '"') {
      if (quoted == quoted_.size()) quoted_.emplace_back();
      std::string& text = quoted_[quoted++];
      text.clear();
      for (++i;;) {
        const std::size_t quote = line.find('"', i);
        if (quote == std::string_view::npos) {
          fail(key(static_cast<int>(count)),
               "unterminated quoted field (line breaks inside fields are not supported)");
        }
        text.append(line.substr(i, quote - i));
        i = quote + 1;
        if (i < n && line[i] == '"') {  // "" stands for one quote
          text.push_back('"');
          ++i;
          continue;
        }
        break;
      }
      while (i < n && (line[i] == ' ' || line[i] == '\t') && line[i] != delimiter_) ++i;
      if (i < n && line[i] != delimiter_) {
        fail(key(static_cast<int>(count)), "unexpected text after a closing quote");
      }
      cells_[count] = text;
    } else {
      // A byte loop beats memchr on cells of a few characters, which is nearly all of them.
      std::size_t end = i;
      while (end < n && line[end] != delimiter_) ++end;
      cells_[count] = trim(line.substr(i, end - i));
      i = end;
    }
    ++count;
    if (i >= n) return count;
    ++i;  // past the delimiter; a trailing delimiter makes one more, empty, cell
  }
}

bool CsvTableReader::read_header() {
  if (!next_row()) return false;
  header_.assign(cells_.begin(), cells_.begin() + static_cast<std::ptrdiff_t>(cell_count_));
  header_line_ = reader_.line_number();
  return true;
}

bool CsvTableReader::next_row() {
  std::string_view line;
  while (reader_.next(line)) {
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    cell_count_ = split(line);
    if (header_line_ > 0 && cell_count_ != header_.size()) {
      fail("", fmt::format("expected {} fields as in the header (line {}), found {}",
                           header_.size(), header_line_, cell_count_));
    }
    return true;
  }
  return false;
}

void CsvTableReader::require_header(std::string_view required) {
  if (!read_header()) {
    throw InputError(path(), 0, "header",
                     fmt::format("no header row; expected columns such as {}", required));
  }
}

int CsvTableReader::find(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  return it == header_.end() ? -1 : static_cast<int>(it - header_.begin());
}

int CsvTableReader::require(std::string_view name, std::string_view required) const {
  const int column = find(name);
  if (column < 0) {
    throw InputError(
        reader_.path(), header_line_, std::string(name),
        fmt::format("missing required column '{}'{} (required: {}); the header has: {}", name,
                    did_you_mean(name, header_), required, fmt::join(header_, ", ")));
  }
  return column;
}

std::string CsvTableReader::key(int column) const {
  if (column >= 0 && static_cast<std::size_t>(column) < header_.size()) {
    return header_[static_cast<std::size_t>(column)];
  }
  return fmt::format("field {}", column + 1);
}

std::int64_t CsvTableReader::gpu_count(int column) const {
  if (missing(column)) return -1;
  const std::int64_t gpus = integer(column);
  if (gpus > std::numeric_limits<int>::max()) {
    fail(key(column), fmt::format("{} GPUs is more than any machine", gpus));
  }
  return gpus;
}

bool CsvTableReader::missing(int column) const {
  const std::string_view text = cell(column);
  return text.empty() || equals_ignoring_case(text, "nan") || equals_ignoring_case(text, "none") ||
         equals_ignoring_case(text, "null");
}

std::int64_t CsvTableReader::integer(int column) const {
  const std::string_view text = cell(column);
  const auto value = parse_integer(text);
  if (!value) fail(key(column), fmt::format("expected an integer, found '{}'", text));
  return *value;
}

Time CsvTableReader::time(int column, TimeUnit unit) const {
  const std::string_view text = cell(column);
  const auto value = parse_time(text, unit);
  if (!value) {
    fail(key(column), fmt::format("expected a decimal number of {}, found '{}'",
                                  unit == TimeUnit::kSeconds ? "seconds" : "milliseconds", text));
  }
  return *value;
}

std::optional<Time> parse_time(std::string_view text, TimeUnit unit) {
  // parse_seconds reads the text exactly into millionths; milliseconds are then thousandths of
  // that count, rounded half away from zero, so "1.5" ms is exactly 1500 us.
  const auto millionths = parse_seconds(text);
  if (!millionths || unit == TimeUnit::kSeconds) return millionths;
  const Time value = *millionths;
  const Time rounded = value >= 0 ? (value + 500) / 1000 : -((-value + 500) / 1000);
  return rounded;
}

std::optional<std::int64_t> trailing_number(std::string_view name) {
  std::size_t start = name.size();
  while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') --start;
  constexpr std::size_t kMaxDigits = 18;  // below 2^63
  if (start == name.size() || name.size() - start > kMaxDigits) return std::nullopt;
  return parse_integer(name.substr(start));
}

}  // namespace podsim
