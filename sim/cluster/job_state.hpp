#pragma once
// The life of a job in the simulator and what it ended as.
//
//   kNotSubmitted --submit--> kQueued --start--> kRunning --finish--> kCompleted | kKilled
//   kNotSubmitted --reject--> kRejected   (cannot ever run here: reason recorded)
#include <cstdint>
#include <string>

#include "cluster/allocation.hpp"
#include "core/event_queue.hpp"
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
  Time start = -1;
  Time end = -1;
  Time expected_end = -1;   // start + estimate: what policies may know of the future
  Allocation allocation;    // while running, and kept after it ends for the records
  EventHandle completion = 0;
  std::string reason;       // why rejected or killed
};

}  // namespace podsim
