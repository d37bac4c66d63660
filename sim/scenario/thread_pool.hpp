#pragma once
// ThreadPool: runs a batch of indexed tasks on N std::jthreads that take indices from one
// shared work queue (an atomic counter, handed out in increasing order). Results must go into
// slots owned by their index, so what a caller assembles never depends on which thread ran
// what or when — the sweep's byte-identical output with any -j rests on this.
#include <cstddef>
#include <functional>

namespace podsim {

class ThreadPool {
 public:
  // `threads` < 1 is taken as 1. With 1, tasks run on the calling thread, in order.
  explicit ThreadPool(int threads);

  int threads() const { return threads_; }

  // Runs task(i) for every i in [0, count) and returns when all have ended. If tasks throw, no
  // further index is started and the exception of the LOWEST failing index is rethrown: every
  // index below a failing one was already started (indices are handed out in order), so that
  // is the same exception a sequential run would throw.
  void for_each_index(std::size_t count, const std::function<void(std::size_t)>& task) const;

 private:
  int threads_;
};

}  // namespace podsim
