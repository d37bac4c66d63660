#pragma once
// Gavel job traces (format "gavel"): Narayanan et al., "Heterogeneity-Aware Cluster Scheduling
// Policies for Deep Learning Workloads", OSDI'20; stanford-futuredata/gavel scheduler/traces.
// One job per line, tab-separated, no header. Two layouts, told apart by the field count:
//   7 fields (the MSR/Philly-derived traces, gavel@c4fa400 scheduler/traces/msr):
//     job_type, command, num_steps_arg, needs_data_dir, total_steps, arrival_time, scale_factor
//   9 fields (later generate_trace.py output):
//     job_type, command, num_steps_arg, needs_data_dir, total_steps, scale_factor,
//     priority_weight, SLO, arrival_time
// Mapping: trace_id = 0-based line index (Gavel numbers jobs in trace order); submit =
// arrival_time (seconds); gpus = scale_factor; model = job_type ("ResNet-50 (batch size 128)").
//
// Runtime. A Gavel trace gives work (total_steps), not time: Gavel's generate_trace.py made
// total_steps = duration x throughput(v100, job_type, scale_factor), the isolated ("null")
// steps/s of its throughputs file, and its simulator divides by the throughput of the GPU the
// job runs on. So:
//   throughputs=FILE  (a Gavel throughputs JSON: {worker_type: {"('job_type', scale_factor)":
//                      {"null": steps_per_s, ...}}}, e.g. scheduler/oracle_throughputs_v2.json)
//                     runtime = total_steps / FILE[worker_type][(job_type, scale_factor)].null,
//                     worker_type default v100 (Gavel's reference); a job type missing from the
//                     file, or with throughput 0, is rejected with that reason.
//   otherwise         runtime = total_steps / steps_per_second (default 1) for every job, with a
//                     warning: without the throughput table the runtimes are in steps, not the
//                     jobs' real durations (only their relative sizes within one job type hold).
// estimate = runtime (no requested times: one aggregated warning). Rejected: scale_factor < 1,
// total_steps < 1, negative arrival_time. command, num_steps_arg, needs_data_dir, priority_weight
// and SLO are not used. Malformed lines (field count, numbers) throw InputError.
#include <string>
#include <vector>

#include "common/params.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

Workload read_gavel(const std::string& path, const TraceOptions& options);
std::vector<ParamSpec> gavel_params();

}  // namespace podsim
