#include "policies/fcfs.hpp"

namespace podsim {

bool start_from_head(SchedulingContext& context) {
  const PendingQueue& queue = context.cluster().queue();
  while (!queue.empty()) {
    if (!context.try_start(queue.front())) return false;
  }
  return true;
}

void Fcfs::schedule(SchedulingContext& context) { start_from_head(context); }

}  // namespace podsim
