#pragma once
// Standard Workload Format reader (Parallel Workloads Archive; Feitelson et al., "Experience with
// using the Parallel Workloads Archive", JPDC 2014), plain or gzip-compressed.
//
// A file is ';' header/comment lines and data lines of exactly 18 whitespace-separated numbers;
// blank lines are ignored. Mapping (DESIGN section 5):
//   trace_id = field 1; submit = field 2; runtime = field 4;
//   units = field 5 (allocated processors) if > 0, else field 8 (requested processors);
//   gpus = ceil(units / TraceOptions::units_per_gpu);
//   estimate = field 9 (requested time) if > 0, else the runtime (counted; one warning);
//   a runtime above the estimate is cut to it and hits_walltime is set (killed at walltime);
//   user = field 12, group = field 13, interned as their decimal text (-1 -> unknown, index 0);
//   machine_units = header "; MaxProcs: N", else "; MaxNodes: N".
// A record becomes a RejectedRecord when its runtime is unknown or negative (field 4), its
// processors are unknown (fields 5 and 8 both <= 0) or its submit time is negative (field 2);
// jobs larger than the machine are left to the simulator, which knows the actual cluster size.
// Times are parsed exactly (decimal seconds to microseconds). A malformed line (field count,
// non-numeric or non-integer field) throws InputError naming file, line and field.
//
// Cost: one pass over the bytes; no allocation per line except for a new user or group id.
// KTH-SP2 (28,489 lines, 2.6 MB) reads in ~6-9 ms, 1M lines in ~0.3 s (2-vCPU VM).
#include <string>
#include <vector>

#include "common/params.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

Workload read_swf(const std::string& path, const TraceOptions& options);

// Parameters the "swf" format honours (documentation for `--trace-format help`).
std::vector<ParamSpec> swf_params();

}  // namespace podsim
