// Every built-in scheduling policy: one line each.
#include "policies/conservative_backfilling.hpp"
#include "policies/easy_backfilling.hpp"
#include "policies/fairshare.hpp"
#include "policies/fcfs.hpp"
#include "policies/policy.hpp"
#include "policies/sjf.hpp"
#include "policies/srtf.hpp"
#include "policies/tiresias_las.hpp"

namespace podsim {

namespace {
template <typename P>
PolicyFactory make() {
  return [](const ParamValues&) { return std::make_unique<P>(); };
}
PolicyFactory make_sjf(bool backfill) {
  return [backfill](const ParamValues&) { return std::make_unique<Sjf>(backfill); };
}
}  // namespace

PolicyRegistry make_policy_registry() {
  PolicyRegistry registry("policy");
  registry.add("fcfs", "first come, first served; the queue head blocks everything behind it",
               {}, make<Fcfs>());
  registry.add("easy", "EASY backfilling: FCFS plus backfilling that never delays the head's "
               "reservation (Mu'alem & Feitelson 2001)", {}, make<EasyBackfilling>());
  registry.add("sjf", "shortest estimate first; the shortest waiting job blocks the rest", {}, make_sjf(false));
  registry.add("sjf-easy", "shortest estimate first, EASY backfilling behind the first that does not fit", {}, make_sjf(true));
  registry.add("conservative", "conservative backfilling: every queued job holds a reservation, which early completions only move earlier; a job starts early only if it delays no reservation (Mu'alem & Feitelson 2001)", ConservativeBackfilling::params(), ConservativeBackfilling::make);
  registry.add("fairshare", "Slurm multifactor priority (age, size, fair-share with decayed usage) + EASY backfilling", Fairshare::params(), Fairshare::make);
  registry.add("las", "Tiresias discretised 2D-LAS: queues by attained GPU-time, preemption, starvation guard (Gu et al. NSDI'19)", TiresiasLas::params(), TiresiasLas::make);
  registry.add("srtf", "oracle shortest remaining time first with preemption (true runtimes): a lower bound", Srtf::params(), Srtf::make);
  return registry;
}

}  // namespace podsim
