#include "policies/victim_choice.hpp"

#include <algorithm>

namespace podsim {

void choose_victims(SchedulingContext& context, JobId job, std::span<const JobId> candidates,
                    std::vector<JobId>& chosen) {
  chosen.clear();
  if (candidates.empty()) return;
  const Cluster& cluster = context.cluster();
  const int need = cluster.job(job).gpus;
  // The first prefix that frees enough GPUs by count: no shorter one can fit.
  int free = cluster.free_gpus();
  std::size_t counted = 0;
  while (counted < candidates.size() && free < need) {
    free += cluster.job(candidates[counted++]).gpus;
  }
  if (free < need) return;
  // Room is monotone in the GPUs freed: the shortest prefix that fits, by bisection, trying
  // first the shortest the count allows (most often the answer) and then all of them. (The
  // caller found no room without victims: the empty prefix does not fit.)
  std::size_t low = std::max<std::size_t>(counted, 1);
  std::size_t high = candidates.size();
  const auto fits = [&](std::size_t length) {
    return context.would_start_without(job, candidates.first(length));
  };
  if (!fits(low)) {
    if (low == high || !fits(high)) return;
    ++low;
    while (low < high) {
      const std::size_t mid = low + (high - low) / 2;
      if (fits(mid)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
  } else {
    high = low;
  }
  chosen.assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(high));
  // The last of the prefix is needed (without it the prefix did not fit, nor does any part of
  // it); the others may not be, where the placement wanted a node only the last one frees.
  free = cluster.free_gpus();
  for (const JobId victim : chosen) free += cluster.job(victim).gpus;
  for (std::size_t i = chosen.size() - 1; i-- > 0;) {
    const JobId victim = chosen[i];
    if (free - cluster.job(victim).gpus < need) continue;
    chosen.erase(chosen.begin() + static_cast<std::ptrdiff_t>(i));
    if (context.would_start_without(job, chosen)) {
      free -= cluster.job(victim).gpus;
    } else {
      chosen.insert(chosen.begin() + static_cast<std::ptrdiff_t>(i), victim);
    }
  }
}

}  // namespace podsim
