#pragma once
// Alibaba PAI GPU cluster trace 2023, pod list (format "alibaba"): Weng et al., "Beware of
// Fragmentation: Scheduling GPU-Sharing Workloads with Fragmentation Gradient Descent",
// USENIX ATC'23; alibaba/clusterdata cluster-trace-gpu-v2023/csv/openb_pod_list_*.csv:
//   name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,
//   creation_time,deletion_time,scheduled_time                        (times in seconds)
// A header row is required (columns in any order): num_gpu, gpu_milli, creation_time,
// scheduled_time and deletion_time must be there. The sampled lists without times (e.g.
// openb_pod_list_multigpu50.csv: name,cpu_milli,memory_mib,num_gpu,gpu_milli) cannot be replayed
// and are refused at the header.
// Mapping:
//   trace_id = the number ending name ("openb-pod-0017" -> 17), else the 1-based data row;
//   submit = creation_time; runtime = deletion_time - scheduled_time (the pod's time on its
//   GPUs; the trace's own wait, scheduled - creation, is the simulator's to decide);
//   estimate = runtime (no requested times: one aggregated warning);
//   gpu_type = gpu_spec when present, verbatim ("V100M16|V100M32" lists acceptable types).
// GPU sharing: gpu_milli is the share of each GPU a pod asks for (1000 = whole; the trace uses
// fractions only with num_gpu = 1). podsim allocates whole GPUs, so a pod holds num_gpu GPUs
// whatever its gpu_milli: a fractional pod takes a whole GPU. One warning counts the fractional
// pods and the GPU demand that rounding adds, so results can be read with that in mind.
// Rejected (with the reason): CPU-only pods (num_gpu = 0); num_gpu < 0; gpu_milli outside
// 1..1000; missing or negative creation_time; pods never scheduled (scheduled_time empty) or
// never deleted (deletion_time empty) — their runtime is unknown, so they run for
// --unknown-runtime when given; deletion before scheduling. An empty gpu_milli means whole GPUs.
// qos, pod_phase, cpu_milli and memory_mib are not used. Malformed numbers throw InputError.
#include <string>
#include <vector>

#include "common/params.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

Workload read_alibaba(const std::string& path, const TraceOptions& options);

}  // namespace podsim
