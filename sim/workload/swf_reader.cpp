#include "workload/swf_reader.hpp"

#include <array>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "workload/line_reader.hpp"
#include "workload/text_fields.hpp"

namespace podsim {
namespace {

constexpr int kSwfFields = 18;

// Field names as the SWF definition gives them, so errors read "field 5 (allocated processors)".
constexpr std::array<std::string_view, kSwfFields> kFieldNames = {"job number",
                                                                  "submit time",
                                                                  "wait time",
                                                                  "run time",
                                                                  "allocated processors",
                                                                  "average CPU time",
                                                                  "used memory",
                                                                  "requested processors",
                                                                  "requested time",
                                                                  "requested memory",
                                                                  "status",
                                                                  "user id",
                                                                  "group id",
                                                                  "executable number",
                                                                  "queue number",
                                                                  "partition number",
                                                                  "preceding job number",
                                                                  "think time"};

// 1-based field numbers of the fields the simulator uses; the rest are only checked numeric.
enum Field : int {
  kJobNumber = 1,
  kSubmit = 2,
  kRuntime = 4,
  kAllocated = 5,
  kRequested = 8,
  kRequestedTime = 9,
  kUser = 12,
  kGroup = 13,
};

std::string field_key(int field) {
  return fmt::format("field {} ({})", field, kFieldNames[field - 1]);
}

// The used fields of one data line, as the trace states them (before any default is applied).
struct SwfRecord {
  std::int64_t job_number = 0;
  Time submit = 0;
  Time runtime = 0;
  std::int64_t allocated = 0;
  std::int64_t requested = 0;
  Time requested_time = 0;
  std::int64_t user = -1;
  std::int64_t group = -1;
};

std::int64_t record_units(const SwfRecord& record) {
  return record.allocated > 0 ? record.allocated : record.requested;
}

// The one place that decides whether a record can run: the reason it cannot, or "" when it can.
std::string rejection_reason(const SwfRecord& record) {
  if (record.submit < 0) {
    return fmt::format("submit time negative or unknown (field 2 = {})",
                       format_seconds(record.submit));
  }
  if (record.runtime == -kMicrosPerSecond) return "runtime unknown (field 4 = -1)";
  if (record.runtime < 0) {
    return fmt::format("runtime negative (field 4 = {})", format_seconds(record.runtime));
  }
  if (record_units(record) <= 0) {
    return fmt::format("processors unknown (field 5 = {}, field 8 = {})", record.allocated,
                       record.requested);
  }
  return "";
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Walks the fields of one data line. Each field is read in a single pass by a fast path for the
// plain forms that make up nearly every trace ("-1", "3600", "552.21"); anything else falls back
// to the general parsers in text_fields.hpp and core/time.hpp, which also decide the errors.
// This keeps a data line at roughly one visit per byte.
class FieldCursor {
 public:
  explicit FieldCursor(std::string_view line) : p_(line.data()), end_(line.data() + line.size()) {}

  // Skips blanks; false when the line holds no further field. Traces pad columns with runs of
  // spaces, so eight spaces are skipped at a time where possible. (Locals, not members, in the
  // loops: a char read may alias the member, which would force a store per byte.)
  bool next() {
    constexpr std::uint64_t kEightSpaces = 0x2020202020202020ULL;
    const char* p = p_;
    for (std::uint64_t word = 0; end_ - p >= 8; p += 8) {
      std::memcpy(&word, p, sizeof word);
      if (word != kEightSpaces) break;
    }
    while (p != end_ && is_blank(*p)) ++p;
    p_ = p;
    return p != end_;
  }

  // The whole current field, consumed.
  std::string_view take_token() {
    const char* start = p_;
    const char* p = p_;
    while (p != end_ && !is_blank(*p)) ++p;
    p_ = p;
    return {start, static_cast<std::size_t>(p - start)};
  }

  // Fast path for "[-]digits" with at most `max_digits` digits (so nothing can overflow).
  // Consumes the field and returns true, or leaves it for take_token and returns false.
  bool take_plain_integer(int max_digits, std::int64_t& value) {
    const char* p = p_;
    const bool negative = *p == '-';
    if (negative) ++p;
    const char* digits = p;
    std::int64_t parsed = 0;
    while (p != end_ && static_cast<unsigned>(*p - '0') < 10u) parsed = parsed * 10 + (*p++ - '0');
    if (p == digits || p - digits > max_digits || (p != end_ && !is_blank(*p))) return false;
    value = negative ? -parsed : parsed;
    p_ = p;
    return true;
  }

  // Fast path for "[-]digits[.digits]"; same contract as take_plain_integer.
  bool take_plain_decimal() {
    const char* p = p_;
    if (*p == '-') ++p;
    const char* digits = p;
    while (p != end_ && static_cast<unsigned>(*p - '0') < 10u) ++p;
    if (p != end_ && *p == '.') {
      ++p;
      while (p != end_ && static_cast<unsigned>(*p - '0') < 10u) ++p;
    }
    if (p == digits || (p == digits + 1 && *digits == '.') || (p != end_ && !is_blank(*p))) {
      return false;
    }
    p_ = p;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

class SwfParser {
 public:
  SwfParser(const std::string& path, const TraceOptions& options)
      : reader_(path),
        units_per_gpu_(options.units_per_gpu),
        unknown_runtime_(options.unknown_runtime) {
    workload_.source = path;
  }

  Workload parse() {
    // Reserving from the file size avoids regrowing (and first-touching) the job table several
    // times; untouched reserved pages cost nothing. Archive lines are typically 60-130 bytes; a
    // denser or compressed file just grows the table a few times.
    constexpr std::uintmax_t kTypicalLineBytes = 64;
    std::error_code error;
    const std::uintmax_t bytes = std::filesystem::file_size(reader_.path(), error);
    if (!error) workload_.jobs.reserve(static_cast<std::size_t>(bytes / kTypicalLineBytes));
    std::string_view line;
    while (reader_.next(line)) {
      const std::string_view text = trim(line);
      if (text.empty()) continue;
      if (text.front() == ';') {
        parse_header(text.substr(1));
        continue;
      }
      parse_data(text);
    }
    workload_.machine_units = max_procs_ ? max_procs_ : max_nodes_;
    add_warnings();
    finalize_workload(workload_);
    return std::move(workload_);
  }

 private:
  [[noreturn]] void fail(std::string key, std::string message) const {
    throw InputError(reader_.path(), reader_.line_number(), std::move(key), std::move(message));
  }

  // Header lines look like "; MaxProcs: 240"; only the machine size matters to the simulator.
  void parse_header(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return;
    const std::string_view key = trim(text.substr(0, colon));
    if (key != "MaxProcs" && key != "MaxNodes") return;
    std::string_view value = trim(text.substr(colon + 1));
    value = value.substr(0, value.find_first_of(" \t"));  // tolerate a trailing remark
    const auto parsed = parse_integer(value);
    if (!parsed || *parsed <= 0 || *parsed > std::numeric_limits<int>::max()) {
      fail(fmt::format("header {}", key),
           fmt::format("expected a positive integer, found '{}'", value));
    }
    (key == "MaxProcs" ? max_procs_ : max_nodes_) = static_cast<int>(*parsed);
  }

  std::int64_t integer_field(int field, FieldCursor& cursor) const {
    constexpr int kMaxDigits = 18;  // below 2^63
    std::int64_t value = 0;
    if (cursor.take_plain_integer(kMaxDigits, value)) return value;
    const std::string_view text = cursor.take_token();
    const auto parsed = parse_integer(text);
    if (!parsed) fail(field_key(field), fmt::format("expected an integer, found '{}'", text));
    return *parsed;
  }

  Time time_field(int field, FieldCursor& cursor) const {
    constexpr int kMaxDigits = 12;  // whole seconds below 10^12 cannot overflow in microseconds
    std::int64_t seconds = 0;
    if (cursor.take_plain_integer(kMaxDigits, seconds)) return seconds * kMicrosPerSecond;
    const std::string_view text = cursor.take_token();
    const auto parsed = parse_seconds(text);
    if (!parsed) {
      fail(field_key(field), fmt::format("expected a number of seconds, found '{}'", text));
    }
    return *parsed;
  }

  void numeric_field(int field, FieldCursor& cursor) const {
    if (cursor.take_plain_decimal()) return;
    const std::string_view text = cursor.take_token();
    if (!is_number(text))
      fail(field_key(field), fmt::format("expected a number, found '{}'", text));
  }

  [[noreturn]] void fail_field_count(int seen, FieldCursor& cursor) const {
    while (cursor.next()) {
      cursor.take_token();
      ++seen;
    }
    fail("", fmt::format("expected {} whitespace-separated fields, found {}", kSwfFields, seen));
  }

  void parse_data(std::string_view text) {
    FieldCursor cursor(text);
    SwfRecord record;
    // Left to right, so the error names the first bad field.
    for (int field = 1; field <= kSwfFields; ++field) {
      if (!cursor.next()) fail_field_count(field - 1, cursor);
      switch (field) {
        case kJobNumber:
          record.job_number = integer_field(field, cursor);
          break;
        case kSubmit:
          record.submit = time_field(field, cursor);
          break;
        case kRuntime:
          record.runtime = time_field(field, cursor);
          break;
        case kAllocated:
          record.allocated = integer_field(field, cursor);
          break;
        case kRequested:
          record.requested = integer_field(field, cursor);
          break;
        case kRequestedTime:
          record.requested_time = time_field(field, cursor);
          break;
        case kUser:
          record.user = integer_field(field, cursor);
          break;
        case kGroup:
          record.group = integer_field(field, cursor);
          break;
        default:
          numeric_field(field, cursor);
      }
    }
    if (cursor.next()) fail_field_count(kSwfFields, cursor);
    add_record(record);
  }

  int gpus_of(const SwfRecord& record) const {
    const std::int64_t units = record_units(record);
    if (units <= 0) return 0;
    const std::int64_t gpus = (units - 1) / units_per_gpu_ + 1;  // ceil without overflow
    if (gpus > std::numeric_limits<int>::max()) {
      fail(field_key(record.allocated > 0 ? kAllocated : kRequested),
           fmt::format("{} processors is more than any machine", units));
    }
    return static_cast<int>(gpus);
  }

  void add_record(SwfRecord record) {
    const int line = reader_.line_number();
    if (record.runtime == -kMicrosPerSecond && unknown_runtime_) {
      record.runtime = *unknown_runtime_;
      ++unknown_runtimes_;
    }
    std::string reason = rejection_reason(record);
    if (!reason.empty()) {
      workload_.rejected.push_back(RejectedRecord{
          record.job_number, line, record.submit, gpus_of(record),
          record.user >= 0 ? std::to_string(record.user) : std::string{}, std::move(reason)});
      return;
    }
    JobSpec job;
    job.trace_id = record.job_number;
    job.submit = record.submit;
    job.gpus = gpus_of(record);
    job.runtime = record.runtime;
    if (record.requested_time > 0) {
      job.estimate = record.requested_time;
    } else {
      job.estimate = record.runtime;
      ++missing_estimates_;
    }
    if (job.runtime > job.estimate) {
      job.runtime = job.estimate;
      job.hits_walltime = true;
      ++cut_to_walltime_;
    }
    job.user = intern_id(record.user, user_index_, workload_.users);
    job.group = intern_id(record.group, group_index_, workload_.groups);
    job.source_line = line;
    workload_.jobs.push_back(job);
  }

  // Trace ids are small integers repeated on every line: a hash map keeps interning O(1).
  static std::uint32_t intern_id(std::int64_t id,
                                 std::unordered_map<std::int64_t, std::uint32_t>& index,
                                 std::vector<std::string>& table) {
    if (id < 0) return 0;
    const auto [it, inserted] = index.try_emplace(id, static_cast<std::uint32_t>(table.size()));
    if (inserted) table.push_back(std::to_string(id));
    return it->second;
  }

  void add_warnings() {
    if (unknown_runtimes_ > 0) {
      workload_.warnings.push_back(fmt::format(
          "{} jobs have no runtime (field 4 = -1); they run for {} s as asked", unknown_runtimes_,
          format_seconds(*unknown_runtime_)));
    }
    if (missing_estimates_ > 0) {
      workload_.warnings.push_back(fmt::format(
          "{} jobs have no requested time (field 9); their runtime is used as the estimate",
          missing_estimates_));
    }
    if (cut_to_walltime_ > 0) {
      workload_.warnings.push_back(fmt::format(
          "{} jobs ran longer than their requested time (field 9); their runtime is cut to it "
          "(killed at walltime)",
          cut_to_walltime_));
    }
  }

  LineReader reader_;
  std::int64_t units_per_gpu_;
  std::optional<Time> unknown_runtime_;
  std::size_t unknown_runtimes_ = 0;
  Workload workload_;
  std::optional<int> max_procs_;
  std::optional<int> max_nodes_;
  std::size_t missing_estimates_ = 0;
  std::size_t cut_to_walltime_ = 0;
  std::unordered_map<std::int64_t, std::uint32_t> user_index_;
  std::unordered_map<std::int64_t, std::uint32_t> group_index_;
};

}  // namespace

Workload read_swf(const std::string& path, const TraceOptions& options) {
  if (options.unknown_runtime && *options.unknown_runtime < 0) {
    throw InputError(path, 0, "unknown_runtime",
                     "expected a duration >= 0, found " + format_seconds(*options.unknown_runtime));
  }
  if (options.units_per_gpu < 1) {
    throw InputError(path, 0, "units_per_gpu",
                     fmt::format("expected an integer >= 1, found {}", options.units_per_gpu));
  }
  return SwfParser(path, options).parse();
}

std::vector<ParamSpec> swf_params() {
  return {{"units_per_gpu", ParamType::kInteger, "1",
           "trace processors per GPU: a job of p processors asks for ceil(p / units_per_gpu) "
           "GPUs"}};
}

}  // namespace podsim
