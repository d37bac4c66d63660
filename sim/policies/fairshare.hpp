#pragma once
// fairshare: Slurm's multifactor job priority with the classic fair-share factor, and EASY
// backfilling behind the highest-priority job (Slurm's sched/backfill protects the top job the
// same way). Sources: Slurm documentation, "Multifactor Priority Plugin" and "Classic Fairshare
// Algorithm" (slurm.schedmd.com/priority_multifactor.html, classic_fair_share.html).
//
//   priority = weight_age * age + weight_size * size + weight_fairshare * F + weight_assoc * A
//   age  = min(1, (now - submit) / max_age)                           (PriorityMaxAge)
//   size = gpus / machine GPUs, or with favor_small (machine - gpus + 1) / machine
//                                                                      (PriorityFavorSmall)
//   F    = 2^(-U/S)                                                    (classic fair-share)
//   A    = account_priority[account] / the largest account_priority   (association factor)
// U is the normalised usage: the entity's decayed GPU-seconds over everyone's. Usage decays
// exponentially with half-life `half_life_s` (PriorityDecayHalfLife); here continuously, the
// limit of Slurm's decay applied every PriorityCalcPeriod. S is the normalised shares: the
// entity's shares over the total of all entities that appear in the workload (equal shares
// unless user_shares / account_shares say otherwise). `fairshare_by` picks the entity:
//   user     each user is a leaf under the root (the default)
//   account  each account (the trace's group) is
//   tree     accounts under the root, users under their account (Slurm associations): S is the
//            product of the normalised shares down the tree, and the user's effective usage is
//            UE = U_user + (U_account - U_user) * S_user / S_siblings (classic formula; a
//            first-level account's effective usage is its own normalised usage).
// Ties in priority go to the earlier submission (then the lower job id), as in Slurm.
//
// Usage accrues from the start/finish/preempt signals in O(1) each (each tracker integrates
// its running GPUs lazily). As in Slurm, a job's priority is computed when it is submitted and
// every `recalc_s` (PriorityCalcPeriod, default 5 minutes) for all queued jobs, into an ordered
// index; a pass then costs O(1) when no GPU is free, else O(log q) per job started or tried as a
// backfill candidate plus O(running) for the reservation, and a recalculation O(q log q).
// recalc_s=0 recomputes every priority at every pass: O(q) to compute and heapify, plus O(log q)
// per job started or tried.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "policies/job_index.hpp"
#include "policies/policy.hpp"

namespace podsim {

class Fairshare : public Policy {
 public:
  enum class Level { kUser, kAccount, kTree };

  struct Options {
    double weight_age = 1000;
    double weight_size = 1000;
    double weight_fairshare = 10000;
    double weight_assoc = 0;
    Time max_age = from_seconds(7 * 24 * 3600);
    Time half_life = from_seconds(7 * 24 * 3600);  // 0: no decay
    bool favor_small = false;
    Time recalc = from_seconds(300);  // 0: every pass
    Level level = Level::kUser;
    std::vector<std::pair<std::string, double>> user_shares;
    std::vector<std::pair<std::string, double>> account_shares;
    std::vector<std::pair<std::string, double>> account_priority;
  };

  explicit Fairshare(Options options) : options_(std::move(options)) {}

  static std::vector<ParamSpec> params();
  static std::unique_ptr<Policy> make(const ParamValues& values);

  // Throws InputError when a share or account-priority name is in no job of the workload.
  void attach(const Cluster& cluster) override;
  void schedule(SchedulingContext& context) override;

  // The job's priority at `now` (for tests and reports). O(1) amortised.
  double priority(JobId id, Time now);
  // The fair-share factor F of the entity that job `id` is charged to, at `now`.
  double fairshare_factor(JobId id, Time now);

 private:
  // Decayed usage in GPU-seconds of one entity (or of everyone), integrated lazily.
  struct Usage {
    double gpu_seconds = 0;
    Time at = 0;
    int running_gpus = 0;
  };

  void advance(Usage& usage, Time now) const;
  double usage_at(Usage& usage, Time now) const;
  void charge(JobId id, Time now, int delta_gpus);
  void schedule_by_heap(SchedulingContext& context);

  Options options_;
  const Cluster* cluster_ = nullptr;
  std::vector<std::uint32_t> leaf_of_;      // by job: the entity its usage counts against
  std::vector<std::uint32_t> account_of_;   // by leaf (tree): its account
  std::vector<double> leaf_share_;          // by leaf: S (normalised shares down the tree)
  std::vector<double> sibling_fraction_;    // by leaf (tree): S_user / S_siblings
  std::vector<double> assoc_factor_;        // by job group: A
  std::vector<Usage> leaf_usage_;
  std::vector<Usage> account_usage_;        // tree only
  Usage total_usage_;
  std::vector<double> factor_;              // by leaf: F, cached for one instant
  std::vector<Time> factor_at_;
  std::vector<std::pair<double, JobId>> heap_;  // recalc 0
  JobIndex<double> order_;                        // recalc > 0: by -priority, then id
  SizeIndex queued_;                              // for the early exit of backfilling
  Time next_recalc_ = 0;
};

}  // namespace podsim
