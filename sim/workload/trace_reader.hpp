#pragma once
// Trace readers: one file per format (swf_reader.cpp, native_csv.cpp, ...), registered by name in
// registry.cpp. A reader turns a file into a Workload or throws InputError naming the file, the
// line and the field; every record becomes either a JobSpec or a RejectedRecord.
#include <functional>
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
};

using TraceReaderFn = std::function<Workload(const std::string& path, const TraceOptions&)>;
using TraceRegistry = Registry<TraceReaderFn>;

// All built-in formats ("swf", "csv").
TraceRegistry make_trace_registry();

// Format name from the file name: *.swf and *.swf.gz -> "swf", *.csv -> "csv"; else "".
std::string detect_trace_format(const std::string& path);

// Reads `path` with `format` ("" = detect from the name). Throws InputError on bad input.
Workload read_trace(const TraceRegistry& registry, const std::string& path,
                    const std::string& format, const TraceOptions& options);

}  // namespace podsim
