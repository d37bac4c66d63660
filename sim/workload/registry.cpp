// The built-in trace formats: one line per format. A new format is one .hpp/.cpp pair plus a line
// here (STYLE rule 4).
#include "workload/native_csv.hpp"
#include "workload/swf_reader.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

TraceRegistry make_trace_registry() {
  TraceRegistry registry("trace format");
  registry.add("swf", "Standard Workload Format (Parallel Workloads Archive), plain or .gz",
               swf_params(), read_swf);
  registry.add("csv", "podsim native CSV: one row per job, every JobSpec field", {},
               read_native_csv);
  return registry;
}

}  // namespace podsim
