#include "policies/sjf.hpp"

#include <iterator>

#include "policies/easy_backfilling.hpp"

namespace podsim {

void Sjf::attach(const Cluster& cluster) {
  order_.reset(cluster.workload().jobs.size());
  const auto enqueue = [this, &cluster](JobId id, Time) {
    order_.insert(id, estimated_remaining(cluster, id));
  };
  cluster.job_submitted.connect(enqueue);
  cluster.job_preempted.connect(enqueue);
  cluster.job_started.connect([this](JobId id, Time) { order_.erase(id); });
  if (backfill_) track_queued_sizes(cluster, queued_);
}

void Sjf::schedule(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  if (order_.empty() || cluster.free_gpus() == 0) return;
  auto head = order_.begin();
  while (head != order_.end()) {
    const JobId id = head->second;
    const auto next = std::next(head);  // starting `id` erases it from order_
    if (cluster.job(id).gpus > cluster.free_gpus() || !context.try_start(id)) break;
    head = next;
  }
  if (head == order_.end() || !backfill_) return;
  backfill_after(context, reserve_for(cluster, cluster.job(head->second).gpus, context.now()),
                 order_, head, &queued_);
}

}  // namespace podsim
