// Whole replays: jobs/s and events/s on named inputs (real traces when ../shared is present,
// and synthetic workloads of growing size on the DGX H100 SuperPOD shape).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "simulation/simulation.hpp"
#include "support/shared_traces.hpp"
#include "topology/topology.hpp"
#include "workload/synthetic_generator.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {
namespace {

void replay(benchmark::State& state, const Topology& machine, const Workload& workload,
            const std::string& policy_name) {
  const auto policies = make_policy_registry();
  const auto placements = make_placement_registry();
  std::uint64_t events = 0;
  for (auto _ : state) {
    const auto& policy_entry = policies.at(policy_name);
    auto policy = policy_entry.factory(ParamValues::parse(policy_entry.params, {}, policy_name));
    auto placement = placements.at("first-fit").factory(ParamValues{}, 1);
    const SimulationResult result = simulate(machine, workload, *policy, *placement);
    events += result.events;
    benchmark::DoNotOptimize(result.summary.wait_s.mean);
  }
  const auto jobs = static_cast<double>(workload.jobs.size() * state.iterations());
  state.counters["jobs/s"] = benchmark::Counter(jobs, benchmark::Counter::kIsRate);
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void BM_ReplaySwf(benchmark::State& state, const std::string& relative, int units,
                  const std::string& policy) {
  const std::string path = test::shared_trace(relative);
  if (path.empty()) {
    state.SkipWithError(test::missing_trace_message(relative).c_str());
    return;
  }
  const Workload workload = read_trace(make_trace_registry(), path, "", TraceOptions{});
  replay(state, Topology::flat(units), workload, policy);
}

void BM_ReplaySynthetic(benchmark::State& state, const std::string& policy) {
  const Topology machine = load_topology(std::string(PODSIM_SOURCE_DIR) +
                                         "/configs/dgx-h100-superpod.yaml");
  SyntheticOptions options;
  options.jobs = static_cast<std::size_t>(state.range(0));
  options.load = 0.95;
  options.cluster_gpus = machine.total_gpus();
  options.max_gpus = machine.total_gpus();
  const Workload workload = generate_synthetic(options);
  replay(state, machine, workload, policy);
}

BENCHMARK_CAPTURE(BM_ReplaySwf, kth_fcfs, "swf/KTH-SP2-1996-2.2.swf", 100, "fcfs")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySwf, kth_easy, "swf/KTH-SP2-1996-2.2.swf", 100, "easy")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySwf, hpc2n_easy, "swf/HPC2N-sample-3170.swf", 240, "easy")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_fcfs, "fcfs")
    ->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_easy, "easy")
    ->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
// The policies of issue 3: every one on KTH, and the synthetic SuperPOD workload (the
// preemptive ones at 100k jobs only).
BENCHMARK_CAPTURE(BM_ReplaySwf, kth_sjf, "swf/KTH-SP2-1996-2.2.swf", 100, "sjf")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySwf, kth_sjf_easy, "swf/KTH-SP2-1996-2.2.swf", 100, "sjf-easy")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySwf, kth_conservative, "swf/KTH-SP2-1996-2.2.swf", 100, "conservative")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySwf, kth_fairshare, "swf/KTH-SP2-1996-2.2.swf", 100, "fairshare")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySwf, kth_las, "swf/KTH-SP2-1996-2.2.swf", 100, "las")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySwf, kth_srtf, "swf/KTH-SP2-1996-2.2.swf", 100, "srtf")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_sjf, "sjf")
    ->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_sjf_easy, "sjf-easy")
    ->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_conservative, "conservative")
    ->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_fairshare, "fairshare")
    ->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_las, "las")->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplaySynthetic, superpod_srtf, "srtf")->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace podsim
