#pragma once
// Philly-derived GPU job CSV, as the Tiresias and Muri simulators use it (format "philly"):
//   Tiresias (Gu et al., NSDI'19; SymbioticLab/Tiresias simulator/60_job.csv):
//     job_id,num_gpu,submit_time,iterations,model_name,duration,interval       times in seconds
//   Muri (Zhao et al., SIGCOMM'22; Rivendile/Muri simulator/trace-data/trace1.csv):
//     job_id,num_gpu,submit_time,iterations,model_name,batch_size,duration,interval,
//     iteration_time,resource_time_0..2,priority                                times in ms
// A header row is required; columns may come in any order and unused ones are ignored.
// Mapping:
//   trace_id = job_id (default: the 1-based data row number); gpus = num_gpu;
//   submit = submit_time; runtime = duration; estimate = runtime (these traces have no
//   requested times: one aggregated warning); model = model_name (interned);
//   priority = priority when present (Muri: 0 resource-guaranteed, 1 opportunistic);
//   user = user, group = vc when present (some Philly-derived traces carry them).
// Time unit, parameter time_unit: "auto" (default), "s" or "ms". auto reads milliseconds when
// the header has an iteration_time column (the Muri layout: Muri's jobs.py divides submit_time
// and duration by 1000), else seconds (Tiresias), and says which in a warning.
// A record is rejected (with the reason) when num_gpu < 1, submit_time or duration is missing
// or negative (a missing duration runs for --unknown-runtime when given). Malformed values
// (non-numeric, wrong field count) throw InputError naming file, line and column.
// Cost: one pass; a row allocates nothing except for a new name. trace1.csv (1,494 rows) < 2 ms.
#include <string>
#include <vector>

#include "common/params.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

Workload read_philly(const std::string& path, const TraceOptions& options);
std::vector<ParamSpec> philly_params();

}  // namespace podsim
