#include "scenario/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace podsim {

ThreadPool::ThreadPool(int threads) : threads_(std::max(1, threads)) {}

void ThreadPool::for_each_index(std::size_t count,
                                const std::function<void(std::size_t)>& task) const {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::size_t failed_index = std::numeric_limits<std::size_t>::max();
  std::exception_ptr failure;

  auto worker = [&] {
    while (!failed.load()) {
      const std::size_t index = next.fetch_add(1);
      if (index >= count) return;
      try {
        task(index);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (index < failed_index) {
          failed_index = index;
          failure = std::current_exception();
        }
        failed.store(true);
      }
    }
  };

  const std::size_t helpers =
      std::min<std::size_t>(static_cast<std::size_t>(threads_), count) - (count > 0 ? 1 : 0);
  {
    std::vector<std::jthread> pool;
    pool.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(worker);
    worker();  // the calling thread works too
  }            // jthreads join here
  if (failure) std::rethrow_exception(failure);
}

}  // namespace podsim
