#pragma once
// Sia / Pollux workload CSV (format "sia"): Jayaram Subramanya et al., "Sia: Heterogeneity-aware,
// goodput-optimized ML-cluster scheduling", SOSP'23 (siasosp23/artifacts), after Qiao et al.,
// "Pollux", OSDI'21:
//   name,time,application,num_replicas,batch_size                      (time in seconds)
// A header row is required (columns in any order): time, application and num_replicas.
// Mapping: trace_id = the number ending name ("cifar10-3" -> 3), else the 1-based data row;
// submit = time; gpus = num_replicas (the initial request: Sia and Pollux resize jobs as they
// run, podsim keeps this size); model = application.
//
// Runtime. The workload has none: Sia's simulator runs each job until it has processed its
// application's target amount of work, at a speed given by per-application goodput models
// measured on its GPUs. podsim has neither, so durations are parameters, per application:
//   durations=APP=S,APP=S   seconds for the named applications (e.g. cifar10=3600,ncf=1200)
//   duration_s=S            seconds for every other application (default 0: none)
// and --unknown-runtime S acts as duration_s. A job whose application gets no duration is
// rejected with a reason naming the parameter, so `podsim trace stats` still shows the
// arrivals and sizes of a workload read without parameters. A warning says where the runtimes
// came from. estimate = runtime (one aggregated warning). Rejected also: num_replicas < 1,
// negative time. batch_size is not used. Malformed values throw InputError.
#include <string>
#include <vector>

#include "common/params.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

Workload read_sia(const std::string& path, const TraceOptions& options);
std::vector<ParamSpec> sia_params();

}  // namespace podsim
