// The event queue alone: a steady state of `pending` events, each pop followed by a push.
#include <benchmark/benchmark.h>

#include "core/event_queue.hpp"
#include "core/rng.hpp"

namespace podsim {
namespace {

void BM_EventQueueHold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  EventQueue queue;
  Rng rng(1);
  queue.reserve(pending);
  for (std::size_t i = 0; i < pending; ++i) {
    queue.push(static_cast<Time>(rng.uniform_below(1'000'000)), EventClass::kCompletion, 0, 0);
  }
  for (auto _ : state) {
    const Event event = queue.pop();
    queue.push(event.time + static_cast<Time>(rng.uniform_below(1'000'000)),
               EventClass::kCompletion, 0, 0);
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EventQueueHold)->Arg(1'000)->Arg(100'000);

}  // namespace
}  // namespace podsim
