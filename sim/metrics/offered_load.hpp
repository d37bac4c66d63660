#pragma once
// Offered load (DESIGN section 9): the GPU-time the arriving jobs demand, at the reference
// speed, per unit of time, divided by the machine's capacity counted at each GPU type's speed
// (Topology::capacity_gpus). Above 1 the machine cannot keep up whatever the policy: the queue
// grows without bound and no run is long enough for a steady state.
#include <vector>

#include "metrics/job_record.hpp"
#include "metrics/measurement_window.hpp"
#include "workload/job_spec.hpp"

namespace podsim {

// The offered load of the jobs of `workload` that ran (per `records`, laid out as
// collect_job_records lays them out) and were submitted in [window.begin, window.end), over
// that time, on a machine of `capacity_gpus`. 0 when the window has no length. O(jobs).
double offered_load(const Workload& workload, const std::vector<JobRecord>& records,
                    const MeasurementWindow& window, double capacity_gpus);

}  // namespace podsim
