#include "cluster/pending_queue.hpp"

#include <cassert>

namespace podsim {

PendingQueue::PendingQueue(std::size_t job_count)
    : next_(job_count, kNoJob), prev_(job_count, kNoJob), linked_(job_count, false) {}

void PendingQueue::push_back(JobId job) {
  assert(!linked_[job]);
  prev_[job] = tail_;
  next_[job] = kNoJob;
  if (tail_ == kNoJob) {
    head_ = job;
  } else {
    next_[tail_] = job;
  }
  tail_ = job;
  linked_[job] = true;
  ++size_;
}

void PendingQueue::remove(JobId job) {
  assert(linked_[job]);
  const JobId before = prev_[job];
  const JobId after = next_[job];
  if (before == kNoJob) {
    head_ = after;
  } else {
    next_[before] = after;
  }
  if (after == kNoJob) {
    tail_ = before;
  } else {
    prev_[after] = before;
  }
  linked_[job] = false;
  --size_;
}

}  // namespace podsim
