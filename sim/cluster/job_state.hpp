#pragma once
// The life of a job in the simulator and what it ended as.
//
//   kNotSubmitted --submit--> kQueued --start--> kRunning --finish--> kCompleted | kKilled
//                                ^                  |
//                                +--preempt/evict---+   (work done so far is kept, minus what
//                                                        an eviction loses since a checkpoint)
//   kNotSubmitted --reject--> kRejected   (cannot ever run here: reason recorded)
//   kRunning --give_up--> kKilled         (evicted once too often: reason "max_restarts")
//
// Progress: a job has `remaining` work, in microseconds of running at the reference placement
// (rate 1). While it runs at `rate` (work per wall-clock microsecond; < 1 when its placement or
// contention slows it), remaining shrinks by rate x elapsed. The cluster banks progress whenever
// the rate changes or the job stops, so no work is lost or counted twice.
#include <cstdint>
#include <string>

#include "topology/allocation.hpp"
#include "core/time.hpp"

namespace podsim {

enum class JobState : std::uint8_t {
  kNotSubmitted,
  kQueued,
  kRunning,
  kCompleted,  // ran its whole runtime
  kKilled,     // stopped at its walltime (the trace's runtime exceeded its estimate)
  kRejected,   // never ran; see JobStatus::reason
};

std::string to_string(JobState state);

bool is_final(JobState state);

struct JobStatus {
  JobState state = JobState::kNotSubmitted;
  Time start = -1;          // first start
  Time end = -1;
  // What policies may know of the future: when a running job ends if it needs all of its
  // estimate, at its current rate (the performance model's slowdown of its placement is known).
  Time expected_end = -1;
  Allocation allocation;    // while running, and the last one kept after it ends
  std::string reason;       // why rejected or killed

  Time remaining = 0;       // work left, reference microseconds (banked at `banked_at`)
  double rate = 1.0;        // work per wall-clock microsecond while running
  Time banked_at = -1;      // when `remaining` was last brought up to date
  Time estimate_left = 0;   // work its estimate still allows (running; banked with remaining)
  Time service = 0;         // wall-clock time spent running, all runs together
  Time work_done = 0;       // reference microseconds of work done, all runs together
  Time overhead = 0;        // restore/restart costs added to its work
  Time lost = 0;            // work lost to failures since a checkpoint, redone
  int preemptions = 0;
  int restarts = 0;         // evictions by failures
};

}  // namespace podsim
