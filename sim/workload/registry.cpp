// The built-in trace formats: one line per format. A new format is one .hpp/.cpp pair plus a line
// here (STYLE rule 4).
#include "workload/alibaba_reader.hpp"
#include "workload/gavel_reader.hpp"
#include "workload/helios_reader.hpp"
#include "workload/native_csv.hpp"
#include "workload/philly_reader.hpp"
#include "workload/sia_reader.hpp"
#include "workload/swf_reader.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

TraceRegistry make_trace_registry() {
  TraceRegistry registry("trace format");
  registry.add("swf", "Standard Workload Format (Parallel Workloads Archive), plain or .gz",
               swf_params(), read_swf);
  registry.add("csv", "podsim native CSV: one row per job, every JobSpec field", {},
               read_native_csv);
  registry.add("philly", "Philly-derived GPU job CSV (Tiresias s / Muri ms layouts)",
               philly_params(), read_philly);
  registry.add("alibaba", "Alibaba PAI GPU 2023 pod list (fractional gpu_milli -> whole GPUs)", {},
               read_alibaba);
  registry.add("gavel", "Gavel .trace TSV (steps; runtime from throughputs)", gavel_params(),
               read_gavel);
  registry.add("helios", "Helios (SenseTime) cluster_log.csv", {}, read_helios);
  registry.add("sia", "Sia/Pollux workload CSV (durations are parameters)", sia_params(), read_sia);
  return registry;
}

}  // namespace podsim
