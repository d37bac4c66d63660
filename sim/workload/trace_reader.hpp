#pragma once
// Trace readers: one file per format (swf_reader.cpp, native_csv.cpp, ...), registered by name in
// registry.cpp. A reader turns a file into a Workload or throws InputError naming the file, the
// line and the field; every record becomes either a JobSpec or a RejectedRecord.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/params.hpp"
#include "common/registry.hpp"
#include "workload/job_spec.hpp"

namespace podsim {

struct TraceOptions {
  int units_per_gpu = 1;  // trace resource units per GPU (SWF processors -> GPUs), >= 1
  // A record whose runtime the trace does not know (SWF field 4 = -1) is rejected with that
  // reason by default; when set, it runs this long instead (pyss runs such jobs for 1 s).
  std::optional<Time> unknown_runtime;
  // Arrivals compressed by this factor (each submit time's distance from the first divided by
  // it), so the offered load is this many times the trace's: the usual way to replay a trace
  // on a machine much larger or smaller than its own. 1: as recorded. > 0.
  double load_factor = 1.0;
  // Speed of the GPUs the trace was recorded on, relative to the reference (gpu_speeds.hpp):
  // runtimes and estimates are multiplied by it. 1: recorded at the reference speed.
  double recorded_speed = 1.0;
  // Format parameters ("time_unit" -> "ms"), as given after the format name
  // (`--format philly:time_unit=ms`). read_trace checks them against the format's declared
  // ParamSpecs; each reader reads its own (unknown keys are errors).
  std::map<std::string, std::string> params;
};

using TraceReaderFn = std::function<Workload(const std::string& path, const TraceOptions&)>;
using TraceRegistry = Registry<TraceReaderFn>;

// All built-in formats ("swf", "csv", "philly", "alibaba", "gavel", "helios", "sia").
TraceRegistry make_trace_registry();

// Format name from the file name and, for CSV, its header row (a trailing ".gz" is ignored):
//   *.swf -> "swf"; *.trace -> "gavel";
//   *.csv -> by the header's column names, in this order:
//     gpu_milli and num_gpu                        -> "alibaba"
//     application and num_replicas                 -> "sia"
//     gpu_num and submit_time                      -> "helios"
//     num_gpu, submit_time and duration            -> "philly"
//     anything else (or an unreadable file)        -> "csv" (native; its reader reports errors)
// Anything else -> "". The header rules are unambiguous for the published layouts; a CSV that
// matches none, or a variant renamed by hand, needs --format.
std::string detect_trace_format(const std::string& path);

// Reads `path` with `format` ("" = detect; "name:key=value:..." passes format parameters, which
// are merged over options.params and checked against the format's ParamSpecs; the key
// units_per_gpu sets options.units_per_gpu). Throws InputError on bad input.
Workload read_trace(const TraceRegistry& registry, const std::string& path,
                    const std::string& format, const TraceOptions& options);

}  // namespace podsim
