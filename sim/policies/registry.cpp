// Every built-in scheduling policy: one line each.
#include "policies/easy_backfilling.hpp"
#include "policies/fcfs.hpp"
#include "policies/policy.hpp"

namespace podsim {

namespace {
template <typename P>
PolicyFactory make() {
  return [](const ParamValues&) { return std::make_unique<P>(); };
}
}  // namespace

PolicyRegistry make_policy_registry() {
  PolicyRegistry registry("policy");
  registry.add("fcfs", "first come, first served; the queue head blocks everything behind it",
               {}, make<Fcfs>());
  registry.add("easy", "EASY backfilling: FCFS plus backfilling that never delays the head's "
               "reservation (Mu'alem & Feitelson 2001)", {}, make<EasyBackfilling>());
  return registry;
}

}  // namespace podsim
