#pragma once
// Running a scenario: choose the machine, read or generate the workload, run every policy x
// placement for a seed, and write result files. `podsim run`, `compare`, `sweep` and `check`
// share it; none of it prints (the CLI does).
//
// Per seed: the workload is generated with that seed (a trace is read once and shared), every
// policy x placement runs on it in list order (policy-major), each with fresh plug-in objects
// and the seed for seeded placements. Deterministic: the same scenario and seed give the same
// records and hashes on any thread.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "metrics/summary.hpp"
#include "scenario/plugins.hpp"
#include "scenario/scenario.hpp"
#include "topology/topology.hpp"
#include "workload/job_spec.hpp"

namespace podsim {

// The machine and (for a trace) the workload of a scenario, built once and then read-only, so
// several threads may run seeds of it at once.
class PreparedScenario {
 public:
  // Reads the trace (when the workload is one), then builds the machine: the topology file with
  // its overrides, a flat pool, the YAML text, or the trace's declared size. Throws InputError,
  // also for a trace that holds no records (only a header, or nothing).
  PreparedScenario(const Scenario& scenario, const Plugins& plugins);

  const Scenario& scenario() const { return *scenario_; }
  const Plugins& plugins() const { return *plugins_; }
  const Topology& topology() const { return topology_; }
  const std::string& machine_description() const { return machine_description_; }

  // The workload for `seed`: the trace (the same object for every seed) or a synthetic
  // workload sized to the machine. Throws InputError on invalid generator options.
  std::shared_ptr<const Workload> workload(std::uint64_t seed) const;

 private:
  const Scenario* scenario_;
  const Plugins* plugins_;
  std::shared_ptr<const Workload> trace_;
  Topology topology_;
  std::string machine_description_;
};

// One simulation's outcome, small enough to keep thousands of them (no per-job records).
struct RunOutcome {
  std::size_t policy = 0;     // index into Scenario::policies
  std::size_t placement = 0;  // index into Scenario::placements
  Summary summary;
  std::uint64_t schedule_hash = 0;  // schedule_hash() of the records
  std::uint64_t events = 0;
  std::uint64_t passes = 0;
  double wall_ms = 0;  // host time; never part of a deterministic output
};

// Everything one seed produced.
struct SeedRun {
  std::uint64_t seed = 0;
  std::string workload_source;  // Workload::source
  std::size_t records = 0;      // Workload::record_count()
  std::size_t jobs = 0;
  std::vector<std::string> workload_warnings;
  std::vector<RunOutcome> outcomes;  // policy-major, placement-minor
};

// Optional callbacks of a run (progress displays). Called on the running thread.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void started(const std::string& label) { (void)label; }
  virtual void progress(std::size_t done, std::size_t total) { (void)done, (void)total; }
  virtual void finished(const std::string& label, const RunOutcome& outcome) {
    (void)label, (void)outcome;
  }
};

struct RunSettings {
  bool check_every_pass = false;
  // Write jobs.csv, timeseries.csv and summary.json here (empty: nothing). One sub-folder
  // "seed-N" per seed when the scenario has several, then one "POLICY-PLACEMENT" per
  // combination when it has several (labels through folder_label()).
  std::string output_dir;
  RunObserver* observer = nullptr;
};

// Runs every policy x placement of the prepared scenario on the workload of `seed`.
SeedRun run_seed(const PreparedScenario& prepared, std::uint64_t seed,
                 const RunSettings& settings = {});

// Where policy x placement sits in SeedRun::outcomes (and in anything laid out like it):
// policy-major, placement-minor, as run_seed runs them.
std::size_t combination_index(const Scenario& scenario, std::size_t policy, std::size_t placement);

// The outcome of policy x placement in `run`, a run of `scenario`. Throws std::logic_error when
// the run does not hold that combination where combination_index() puts it.
const RunOutcome& outcome_of(const SeedRun& run, const Scenario& scenario, std::size_t policy,
                             std::size_t placement);

// "POLICY-PLACEMENT" label of a combination (the texts as listed), e.g. "easy-first-fit".
std::string combination_label(const Scenario& scenario, std::size_t policy, std::size_t placement);

}  // namespace podsim
