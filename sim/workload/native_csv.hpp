#pragma once
// podsim's native CSV trace: one row per job, able to carry every JobSpec field, so any trace can
// be converted to it (`podsim trace convert`) and read back unchanged.
//
// A header row is required; columns may come in any order:
//   id             integer, the trace id             default: the 1-based data row number
//   submit_s       decimal seconds >= 0              required
//   gpus           integer >= 1                      required
//   runtime_s      decimal seconds >= 0              required
//   estimate_s     decimal seconds >= 0              default: runtime_s
//   user, group    text                              default: unknown
//   priority       integer                           default: 0
//   gpu_type       text, a GPU type constraint       default: any
//   model          text, the model name              default: unknown
//   comm_fraction  real in [0, 1]                    default: unknown
//   hits_walltime  0/1/true/false                    default: 0 (set anyway when runtime >
//   estimate)
// An empty cell takes the default. Times are exact decimal seconds (microsecond resolution); a
// runtime above the estimate is cut to it, as in SWF. Fields may be double-quoted ("" inside a
// quoted field is one quote; no line breaks inside fields). Blank lines and lines starting with
// '#' are skipped. Unknown or duplicate columns, missing required columns, bad values and rows
// whose field count differs from the header throw InputError naming file, line and column.
// A ".gz" file is decompressed transparently. TraceOptions::units_per_gpu must be 1: this format
// counts GPUs.
#include <ostream>
#include <string>
#include <vector>

#include "workload/trace_reader.hpp"

namespace podsim {

Workload read_native_csv(const std::string& path, const TraceOptions& options);

// Writes every job with every column above, in that order, times via format_seconds, so the
// output is deterministic and read_native_csv(write) reproduces every JobSpec field except
// source_line (names, not indices, round-trip for user, group, gpu_type and model). Rejected
// records are not written. Throws InputError if a name contains a line break.
void write_native_csv(const Workload& workload, std::ostream& out);

// The column names, in the order write_native_csv writes them.
const std::vector<std::string>& native_csv_columns();

}  // namespace podsim
