#include "workload/native_csv.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/input_error.hpp"
#include "common/suggest.hpp"
#include "workload/line_reader.hpp"
#include "workload/text_fields.hpp"

namespace podsim {
namespace {

// Order = the order write_native_csv writes; must match native_csv_columns().
enum Column : int {
  kId,
  kSubmit,
  kGpus,
  kRuntime,
  kEstimate,
  kUser,
  kGroup,
  kPriority,
  kGpuType,
  kModel,
  kCommFraction,
  kHitsWalltime,
  kColumnCount
};

constexpr std::array<Column, 3> kRequired = {kSubmit, kGpus, kRuntime};

bool needs_quotes(std::string_view text) {
  if (text.empty()) return false;
  return text.find_first_of(",\"") != std::string_view::npos || text.front() == ' ' ||
         text.front() == '\t' || text.back() == ' ' || text.back() == '\t';
}

class CsvParser {
 public:
  explicit CsvParser(const std::string& path) : reader_(path) { workload_.source = path; }

  Workload parse() {
    std::string_view line;
    bool have_header = false;
    int row = 0;
    while (reader_.next(line)) {
      const std::string_view text = trim(line);
      if (text.empty() || text.front() == '#') continue;
      const std::size_t count = split(line);
      if (!have_header) {
        parse_header(count);
        have_header = true;
        continue;
      }
      if (count != header_.size()) {
        fail("",
             fmt::format("expected {} fields as in the header, found {}", header_.size(), count));
      }
      parse_row(++row);
    }
    if (!have_header) {
      throw InputError(reader_.path(), 0, "header",
                       fmt::format("no header row; expected column names such as {}",
                                   fmt::join(native_csv_columns(), ",")));
    }
    finalize_workload(workload_);
    return std::move(workload_);
  }

 private:
  [[noreturn]] void fail(std::string key, std::string message) const {
    throw InputError(reader_.path(), reader_.line_number(), std::move(key), std::move(message));
  }

  // Splits one row into cells_ (reused across rows), unquoting; returns the number of cells.
  // Unquoted cells are trimmed; quoted ones keep their spaces.
  std::size_t split(std::string_view line) {
    std::size_t count = 0;
    std::size_t i = 0;
    const std::size_t n = line.size();
    for (;;) {
      if (count == cells_.size()) cells_.emplace_back();
      std::string& cell = cells_[count];
      cell.clear();
      while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < n && line[i] == '"') {
        for (++i;;) {
          const std::size_t quote = line.find('"', i);
          if (quote == std::string_view::npos) {
            fail(cell_key(count),
                 "unterminated quoted field (line breaks inside fields are "
                 "not supported)");
          }
          cell.append(line.substr(i, quote - i));
          i = quote + 1;
          if (i < n && line[i] == '"') {  // "" stands for one quote
            cell.push_back('"');
            ++i;
            continue;
          }
          break;
        }
        while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i < n && line[i] != ',') {
          fail(cell_key(count), "unexpected text after a closing quote");
        }
      } else {
        const std::size_t comma = std::min(line.find(',', i), n);
        cell.assign(trim(line.substr(i, comma - i)));
        i = comma;
      }
      ++count;
      if (i >= n) return count;
      ++i;  // past the comma; a trailing comma makes one more, empty, cell
    }
  }

  std::string cell_key(std::size_t cell) const {
    if (cell < header_.size()) return native_csv_columns()[header_[cell]];
    return fmt::format("field {}", cell + 1);
  }

  void parse_header(std::size_t count) {
    const auto& names = native_csv_columns();
    cell_of_column_.fill(-1);
    for (std::size_t cell = 0; cell < count; ++cell) {
      const std::string& name = cells_[cell];
      const auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end()) {
        fail(name, fmt::format("unknown column '{}'{}; valid columns: {}", name,
                               did_you_mean(name, names), fmt::join(names, ", ")));
      }
      const auto column = static_cast<int>(it - names.begin());
      if (cell_of_column_[column] >= 0) fail(name, fmt::format("duplicate column '{}'", name));
      cell_of_column_[column] = static_cast<int>(cell);
      header_.push_back(static_cast<Column>(column));
    }
    for (const Column column : kRequired) {
      if (cell_of_column_[column] < 0) {
        fail("header", fmt::format("missing required column '{}' (required: submit_s, gpus, "
                                   "runtime_s)",
                                   names[column]));
      }
    }
  }

  // The cell of `column` in the current row, or "" when the header lacks the column.
  const std::string& cell(Column column) const {
    const int index = cell_of_column_[column];
    return index < 0 ? empty_ : cells_[index];
  }

  const std::string& required(Column column) const {
    const std::string& text = cell(column);
    if (text.empty()) fail(native_csv_columns()[column], "required value is empty");
    return text;
  }

  Time seconds(Column column, const std::string& text) const {
    const auto value = parse_seconds(text);
    if (!value || *value < 0) {
      fail(native_csv_columns()[column],
           fmt::format("expected {}, found '{}'", kSecondsForm, text));
    }
    return *value;
  }

  std::int64_t integer(Column column, const std::string& text, std::int64_t min,
                       std::int64_t max) const {
    const auto value = parse_integer(text);
    if (!value || *value < min || *value > max) {
      fail(native_csv_columns()[column],
           fmt::format("expected an integer in [{}, {}], found '{}'", min, max, text));
    }
    return *value;
  }

  std::uint32_t name(Column column, std::unordered_map<std::string, std::uint32_t>& index,
                     std::vector<std::string>& table) const {
    const std::string& text = cell(column);
    if (text.empty()) return 0;
    const auto [it, inserted] = index.try_emplace(text, static_cast<std::uint32_t>(table.size()));
    if (inserted) table.push_back(text);
    return it->second;
  }

  void parse_row(int row) {
    constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
    constexpr std::int64_t kIntMin = std::numeric_limits<int>::min();
    JobSpec job;
    const std::string& id = cell(kId);
    job.trace_id = id.empty() ? row
                              : integer(kId, id, std::numeric_limits<std::int64_t>::min(),
                                        std::numeric_limits<std::int64_t>::max());
    job.submit = seconds(kSubmit, required(kSubmit));
    job.gpus = static_cast<int>(integer(kGpus, required(kGpus), 1, kIntMax));
    job.runtime = seconds(kRuntime, required(kRuntime));
    const std::string& estimate = cell(kEstimate);
    job.estimate = estimate.empty() ? job.runtime : seconds(kEstimate, estimate);
    job.user = name(kUser, user_index_, workload_.users);
    job.group = name(kGroup, group_index_, workload_.groups);
    const std::string& priority = cell(kPriority);
    job.priority =
        priority.empty() ? 0 : static_cast<int>(integer(kPriority, priority, kIntMin, kIntMax));
    job.gpu_type = name(kGpuType, gpu_type_index_, workload_.gpu_types);
    job.model = name(kModel, model_index_, workload_.models);
    const std::string& fraction = cell(kCommFraction);
    if (!fraction.empty()) {
      double value = 0;
      const auto [end, error] =
          std::from_chars(fraction.data(), fraction.data() + fraction.size(), value);
      if (error != std::errc{} || end != fraction.data() + fraction.size() ||
          !(value >= 0.0 && value <= 1.0)) {
        fail(native_csv_columns()[kCommFraction],
             fmt::format("expected a number in [0, 1] or empty, found '{}'", fraction));
      }
      job.comm_fraction = value;
    }
    const std::string& walltime = cell(kHitsWalltime);
    if (walltime == "1" || walltime == "true") {
      job.hits_walltime = true;
    } else if (!walltime.empty() && walltime != "0" && walltime != "false") {
      fail(native_csv_columns()[kHitsWalltime],
           fmt::format("expected 0, 1, true or false, found '{}'", walltime));
    }
    if (job.runtime > job.estimate) {  // same semantics as SWF: killed at walltime
      job.runtime = job.estimate;
      job.hits_walltime = true;
    }
    job.source_line = reader_.line_number();
    workload_.jobs.push_back(job);
  }

  LineReader reader_;
  Workload workload_;
  std::vector<std::string> cells_;
  const std::string empty_;
  std::vector<Column> header_;  // column of each cell
  std::array<int, kColumnCount> cell_of_column_{};
  std::unordered_map<std::string, std::uint32_t> user_index_;
  std::unordered_map<std::string, std::uint32_t> group_index_;
  std::unordered_map<std::string, std::uint32_t> gpu_type_index_;
  std::unordered_map<std::string, std::uint32_t> model_index_;
};

void append_text(fmt::memory_buffer& buffer, const std::string& text, std::string_view column) {
  if (text.find_first_of("\r\n") != std::string::npos) {
    throw InputError("", 0, std::string(column),
                     fmt::format("'{}' contains a line break, which CSV rows cannot hold", text));
  }
  if (!needs_quotes(text)) {
    buffer.append(text);
    return;
  }
  buffer.push_back('"');
  for (const char c : text) {
    if (c == '"') buffer.push_back('"');
    buffer.push_back(c);
  }
  buffer.push_back('"');
}

}  // namespace

const std::vector<std::string>& native_csv_columns() {
  static const std::vector<std::string> kColumns = {
      "id",    "submit_s", "gpus",     "runtime_s", "estimate_s",    "user",
      "group", "priority", "gpu_type", "model",     "comm_fraction", "hits_walltime"};
  return kColumns;
}

Workload read_native_csv(const std::string& path, const TraceOptions& options) {
  if (options.units_per_gpu != 1) {
    throw InputError(path, 0, "units_per_gpu",
                     fmt::format("native CSV counts GPUs, so units_per_gpu must be 1, found {}",
                                 options.units_per_gpu));
  }
  return CsvParser(path).parse();
}

void write_native_csv(const Workload& workload, std::ostream& out) {
  fmt::memory_buffer buffer;
  fmt::format_to(std::back_inserter(buffer), "{}\n", fmt::join(native_csv_columns(), ","));
  for (const JobSpec& job : workload.jobs) {
    fmt::format_to(std::back_inserter(buffer), "{},{},{},{},{},", job.trace_id,
                   format_seconds(job.submit), job.gpus, format_seconds(job.runtime),
                   format_seconds(job.estimate));
    append_text(buffer, workload.users.at(job.user), "user");
    buffer.push_back(',');
    append_text(buffer, workload.groups.at(job.group), "group");
    fmt::format_to(std::back_inserter(buffer), ",{},", job.priority);
    append_text(buffer, workload.gpu_types.at(job.gpu_type), "gpu_type");
    buffer.push_back(',');
    append_text(buffer, workload.models.at(job.model), "model");
    buffer.push_back(',');
    // fmt prints the shortest text that parses back to the same double.
    if (job.comm_fraction >= 0) fmt::format_to(std::back_inserter(buffer), "{}", job.comm_fraction);
    fmt::format_to(std::back_inserter(buffer), ",{}\n", job.hits_walltime ? 1 : 0);
    if (buffer.size() > (1 << 16)) {  // bound memory for million-job traces
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace podsim
