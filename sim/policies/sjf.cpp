#include "policies/sjf.hpp"

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
  start_in_order(context, order_, &queued_, backfill_);
}

}  // namespace podsim
