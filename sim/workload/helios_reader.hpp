#pragma once
// Helios job log (format "helios"): Hu et al., "Characterization and Prediction of Deep Learning
// Workloads in Large-Scale GPU Datacenters", SC'21; S-Lab-System-Group/HeliosData, per cluster
// data/<cluster>/cluster_log.csv, whose published columns are
//   job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration,queue
// with times as "YYYY-MM-DD HH:MM:SS" and duration/queue in seconds.
// A header row is required (columns in any order): gpu_num and submit_time, plus start_time and
// end_time or duration. Times may be datetimes ("2020-06-09 18:41:01", also with 'T' and a
// fraction) or plain decimal seconds; one file must not mix the two.
// Mapping:
//   trace_id = job_id (default: the 1-based data row); gpus = gpu_num; user = user;
//   group = vc (the virtual cluster); submit = submit_time — datetimes become seconds since the
//   earliest submit_time in the file (as SWF logs count from their start; the origin is named
//   in a warning; no time zone is applied, only differences matter); plain seconds are kept;
//   runtime = end_time - start_time when both are given, else duration;
//   estimate = runtime (Slurm's time limits are not in the trace: one aggregated warning).
// Every state (COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL) replays for its recorded
// runtime: the GPUs were held that long whatever the outcome; a warning counts the states.
// Rejected (with the reason): CPU-only jobs (gpu_num = 0; most Helios records), negative GPU
// counts, missing or negative submit_time, end before start, negative duration, and jobs without
// a runtime (run for --unknown-runtime when given). Malformed values throw InputError.
// No Helios file is in ../shared/traces; tests use a hand-made fixture in the published layout.
#include <string>
#include <vector>

#include "common/params.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

Workload read_helios(const std::string& path, const TraceOptions& options);

// "YYYY-MM-DD HH:MM:SS[.fraction]" (or 'T' between date and time) as Time since 1970-01-01
// 00:00:00 of the same (unstated) zone; nullopt when not such a valid date and time.
std::optional<Time> parse_datetime(std::string_view text);

}  // namespace podsim
