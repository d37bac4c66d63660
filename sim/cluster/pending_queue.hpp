#pragma once
// PendingQueue: queued jobs in arrival order, as an intrusive doubly linked list over dense job
// ids. push_back and remove are O(1) with no allocation (storage is sized once for all jobs), so
// a backfilling policy can start a job from the middle of a long queue cheaply.
//
// Iterate with `for (JobId j = q.front(); j != kNoJob; j = q.next(j))`; read next(j) before
// starting j, since starting removes it.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "workload/job_spec.hpp"

namespace podsim {

inline constexpr JobId kNoJob = std::numeric_limits<JobId>::max();

class PendingQueue {
 public:
  explicit PendingQueue(std::size_t job_count);

  void push_back(JobId job);
  void remove(JobId job);
  bool contains(JobId job) const { return linked_[job]; }

  JobId front() const { return head_; }
  JobId next(JobId job) const { return next_[job]; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  std::vector<JobId> next_;
  std::vector<JobId> prev_;
  std::vector<bool> linked_;
  JobId head_ = kNoJob;
  JobId tail_ = kNoJob;
  std::size_t size_ = 0;
};

}  // namespace podsim
