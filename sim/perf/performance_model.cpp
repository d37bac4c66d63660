#include "perf/performance_model.hpp"

#include <algorithm>
#include <limits>

namespace podsim {

PerformanceModel::PerformanceModel(const Topology& topology, const Workload& workload,
                                   PerfOptions options)
    : topology_(topology), workload_(workload), options_(std::move(options)) {
  const auto& levels = topology.levels();
  const auto& nodes = topology.nodes();
  bool uniform_speed = true;
  for (const auto& type : topology.gpu_types()) uniform_speed = uniform_speed && type.speed == 1.0;
  trivial_ = nodes.size() <= 1 && uniform_speed;
  for (std::size_t l = 0; l < levels.size() && nvlink_level_ < 0; ++l) {
    if (levels[l].nvlink_gbps > 0) nvlink_level_ = static_cast<int>(l);
  }

  // Which (level, domain) each switch vertex belongs to.
  const TopologyGraph& graph = topology.graph();
  std::vector<std::pair<int, int>> switch_domain(boost::num_vertices(graph), {-1, -1});
  uplink_gbps_.resize(levels.size());
  gpus_below_.resize(levels.size());
  crossing_gpus_.resize(levels.size());
  crossing_jobs_.resize(levels.size());
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const int level = static_cast<int>(l);
    uplink_gbps_[l].assign(levels[l].domains, 0.0);
    gpus_below_[l].assign(levels[l].domains, 0);
    crossing_gpus_[l].assign(levels[l].domains, 0);
    crossing_jobs_[l].resize(levels[l].domains);
    for (int d = 0; d < levels[l].domains; ++d) {
      for (int s = 0; s < levels[l].switches; ++s) {
        switch_domain[topology.switch_vertex(level, d, s)] = {level, d};
      }
    }
  }
  for (const auto& node : nodes) {
    for (std::size_t l = 0; l < levels.size(); ++l) gpus_below_[l][node.domains[l]] += node.gpus;
  }
  // NIC bandwidth per GPU: a node's edges to leaf (non-NVLink) switches. Uplinks: a switch's
  // edges to switches one level up, summed per domain.
  nic_gbps_per_gpu_.assign(nodes.size(), 0.0);
  for (auto [edge, end] = boost::edges(graph); edge != end; ++edge) {
    auto a = boost::source(*edge, graph);
    auto b = boost::target(*edge, graph);
    const double gbps = graph[*edge].gbps;
    if (graph[a].kind == VertexKind::kNode) std::swap(a, b);
    if (graph[b].kind == VertexKind::kNode) {
      const int level = switch_domain[a].first;
      if (level >= 0 && levels[level].nvlink_gbps == 0) {
        const int node = graph[b].node;
        nic_gbps_per_gpu_[node] += gbps / nodes[node].gpus;
      }
      continue;
    }
    auto [level_a, domain_a] = switch_domain[a];
    auto [level_b, domain_b] = switch_domain[b];
    if (level_a > level_b) {
      std::swap(level_a, level_b);
      std::swap(domain_a, domain_b);
    }
    if (level_a >= 0 && level_b == level_a + 1) uplink_gbps_[level_a][domain_a] += gbps;
  }

  model_fraction_.reserve(workload.models.size());
  for (const auto& model : workload.models) {
    model_fraction_.push_back(model.empty() ? -1.0 : options_.models.find(model).value_or(-1.0));
  }
  job_crossings_.resize(workload.jobs.size());
  seen_stamp_.assign(workload.jobs.size(), 0);
}

double PerformanceModel::comm_fraction(const JobSpec& job) const {
  if (job.comm_fraction >= 0) return job.comm_fraction;
  if (job.model < model_fraction_.size() && model_fraction_[job.model] >= 0) {
    return model_fraction_[job.model];
  }
  return options_.models.default_fraction().value_or(options_.default_comm_fraction);
}

void PerformanceModel::crossings(const Allocation& allocation, std::vector<Crossing>& out) const {
  out.clear();
  if (allocation.size() <= 1) return;
  const auto& nodes = topology_.nodes();
  const auto& levels = topology_.levels();
  const auto spans = [&](std::size_t level) {
    const int first = nodes[allocation[0].node].domains[level];
    for (const auto& share : allocation) {
      if (nodes[share.node].domains[level] != first) return true;
    }
    return false;
  };
  // Inside one NVLink domain, traffic never reaches the switches.
  if (nvlink_level_ >= 0 && !spans(static_cast<std::size_t>(nvlink_level_))) return;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    if (levels[l].nvlink_gbps > 0 || !spans(l)) continue;
    for (const auto& share : allocation) {
      const int domain = nodes[share.node].domains[l];
      auto it = std::find_if(out.begin(), out.end(), [&](const Crossing& c) {
        return c.level == static_cast<int>(l) && c.domain == domain;
      });
      if (it == out.end()) {
        out.push_back({static_cast<int>(l), domain, share.gpus});
      } else {
        it->gpus += share.gpus;
      }
    }
  }
}

double PerformanceModel::reference_gbps(const JobSpec& job, const Allocation& allocation) const {
  const ComputeNode& node = topology_.nodes()[allocation.front().node];
  if (job.gpus <= node.gpus) return node.nvlink_gbps;
  if (nvlink_level_ >= 0) {
    const auto& domain_gpus = gpus_below_[nvlink_level_];
    if (job.gpus <= *std::max_element(domain_gpus.begin(), domain_gpus.end())) {
      return topology_.levels()[nvlink_level_].nvlink_gbps;
    }
  }
  return nic_gbps_per_gpu_[allocation.front().node];
}

double PerformanceModel::effective_gbps(const Allocation& allocation) const {
  const auto& nodes = topology_.nodes();
  if (allocation.size() == 1) return nodes[allocation.front().node].nvlink_gbps;
  if (nvlink_level_ >= 0) {
    const int first = nodes[allocation[0].node].domains[nvlink_level_];
    bool one_domain = true;
    for (const auto& share : allocation) {
      one_domain = one_domain && nodes[share.node].domains[nvlink_level_] == first;
    }
    if (one_domain) return topology_.levels()[nvlink_level_].nvlink_gbps;
  }
  double gbps = std::numeric_limits<double>::infinity();
  for (const auto& share : allocation) gbps = std::min(gbps, nic_gbps_per_gpu_[share.node]);
  crossings(allocation, scratch_);
  for (const Crossing& c : scratch_) {
    const double capacity = uplink_gbps_[c.level][c.domain];
    if (capacity <= 0) continue;  // the outermost level: no uplinks to share
    const int sharing = options_.contention ? std::max(crossing_gpus_[c.level][c.domain], c.gpus)
                                            : gpus_below_[c.level][c.domain];
    gbps = std::min(gbps, capacity / sharing);
  }
  return gbps;
}

double PerformanceModel::stretch(const JobSpec& job, const Allocation& allocation) const {
  const auto& nodes = topology_.nodes();
  double speed = std::numeric_limits<double>::infinity();
  for (const auto& share : allocation) {
    speed = std::min(speed, topology_.gpu_types()[nodes[share.node].gpu_type].speed);
  }
  const double f = comm_fraction(job);
  const double reference = reference_gbps(job, allocation);
  const double effective = effective_gbps(allocation);
  // No bandwidth figures (a flat pool): communication runs as at the reference placement.
  const double slowdown =
      reference > 0 && effective > 0 ? std::max(1.0, reference / effective) : 1.0;
  return (1.0 - f) / speed + f * slowdown;
}

void PerformanceModel::collect_sharers(JobId id, std::vector<JobId>& affected) {
  const std::size_t first_new = affected.size();
  if (++stamp_ == 0) {
    std::fill(seen_stamp_.begin(), seen_stamp_.end(), 0);
    stamp_ = 1;
  }
  seen_stamp_[id] = stamp_;
  for (const Crossing& c : job_crossings_[id]) {
    for (JobId other : crossing_jobs_[c.level][c.domain]) {
      if (seen_stamp_[other] == stamp_) continue;
      seen_stamp_[other] = stamp_;
      affected.push_back(other);
    }
  }
  std::sort(affected.begin() + static_cast<std::ptrdiff_t>(first_new), affected.end());
}

void PerformanceModel::add_job(JobId id, const Allocation& allocation,
                               std::vector<JobId>& affected) {
  if (!options_.contention) return;
  crossings(allocation, job_crossings_[id]);
  for (const Crossing& c : job_crossings_[id]) {
    crossing_gpus_[c.level][c.domain] += c.gpus;
    crossing_jobs_[c.level][c.domain].push_back(id);
  }
  collect_sharers(id, affected);
}

void PerformanceModel::remove_job(JobId id, std::vector<JobId>& affected) {
  if (!options_.contention) return;
  for (const Crossing& c : job_crossings_[id]) {
    crossing_gpus_[c.level][c.domain] -= c.gpus;
    auto& jobs = crossing_jobs_[c.level][c.domain];
    jobs.erase(std::find(jobs.begin(), jobs.end(), id));
  }
  collect_sharers(id, affected);
  job_crossings_[id].clear();
}

}  // namespace podsim
