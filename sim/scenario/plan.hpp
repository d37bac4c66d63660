#pragma once
// run_plan(): the smallest machine that meets a scenario's targets (plan_spec.hpp), for every
// load x policy x placement, with an answer that is stable:
//   1. every candidate size x load runs on every seed (one sweep per load, threads and MPI
//      ranks as `podsim sweep` spreads them), except the sizes where a generator's nominal
//      offered load is 1 or more: they fail unrun;
//   2. a size passes when the mean over seeds of every target metric holds and no seed's run
//      is overloaded (offered load >= 1) or has a growing queue (steady_state_checks.hpp); the
//      answer is the smallest size from which every larger candidate passes too, so one lucky
//      size below a failing one is not the answer. A run too short for its workload is noted
//      at the answer (it is the run length's fault, not the size's: step 3 answers it);
//   3. with doubled_check, the answer runs again twice as long (twice the jobs or days of a
//      generator) and must pass again; when it does not, the next passing size is tried.
// Deterministic: the same scenario gives the same answers on any -j or rank count.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "scenario/plugins.hpp"
#include "scenario/result_table.hpp"
#include "scenario/scenario.hpp"
#include "scenario/sweep.hpp"

namespace podsim {

struct PlanAnswer {
  std::string load;  // as written; "" when the plan has no loads (the workload's own)
  std::string policy;
  std::string placement;
  std::optional<std::string> size;   // the answer; none when no candidate passes
  ResultRow at;                      // at the answer (or at the largest size without one)
  std::optional<ResultRow> below;    // at the next smaller candidate
  std::optional<ResultRow> doubled;  // at the answer, twice as long
  std::string note;                  // why there is no answer, or how the doubled check moved it
};

struct PlanResult {
  bool root = true;                 // false on MPI ranks other than 0: nothing else is filled there
  std::vector<PlanAnswer> answers;  // load-major, then policy, then placement
  std::size_t simulations = 0;
};

// Throws InputError when the scenario has no plan, also has a sweep, or a point is invalid.
PlanResult run_plan(const Scenario& scenario, const Plugins& plugins,
                    const SweepSettings& settings);

// "" when a row passes the plan's targets with no overload or growing queue in any seed; else
// why ("wait_p95_s 5931.0, not <= 3600; overload in 5 of 5 seeds").
std::string plan_failure(const PlanSpec& plan, const ResultRow& row);

}  // namespace podsim
