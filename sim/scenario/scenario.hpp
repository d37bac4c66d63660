#pragma once
// Scenario: one experiment as a YAML file states it (DESIGN section 10) — the machine, the
// workload, the policies and placements to run, the seeds, optional bounds on the results
// (`expect:`) and an optional parameter grid (`sweep:`). `podsim run|compare|sweep|check` all
// read it through load_scenario(); `podsim run` with flags builds the same struct directly.
//
// Format (every key; unknown keys are errors suggesting the closest valid one; relative paths
// resolve against the scenario file's folder):
//   name: philly-capacity                 # default: the file name without .yaml
//   description: free text                # ignored by podsim
//   topology: ../configs/dgx-h100-superpod.yaml        # a topology file, or
//   topology: {file: F, overrides: {groups: 6, oversubscription: 2.0}}
//   topology: {flat: 240}                 # a flat pool of 240 GPUs (units)
//             # absent: the trace's declared machine size (SWF MaxProcs); a generator needs one
//   workload: {trace: F, format: swf, units_per_gpu: 1, unknown_runtime: 1, load_factor: 1,
//              trace_gpu: V100,      # recorded on V100s: runtimes restated (gpu_speeds.hpp)
//              params: {k: v}}       # load_factor: arrivals compressed, TraceOptions
//   workload: {generator: philly, jobs: 20000, load: 1.0, max_gpus: 0, reference_gpus: 1016}
//             # or duration_days: 60 instead of jobs: arrivals for 60 days; neither: 30 days
//             # (load default 0.9)
//             # load: offered load relative to reference_gpus (default: the machine's GPUs)
//   policies: [fcfs, easy, "las:restore_s=30"]   # or all; default [fcfs, easy]
//   placements: [first-fit]               # or all; default: the machine's, one entry
//             # (default_placement.hpp: first-fit on a flat pool, topology on a tree, and
//             # topology:max_level=<level> when the first level is an NVLink domain)
//   seeds: [1, 2, 3]                      # or one integer; default [1]
//   metrics: [wait_p95_s, utilisation]    # columns of compare/sweep tables (metric_table.hpp)
//   performance: {enabled: true, contention: true, default_comm_fraction: 0.1, models: F}
//   failures: {node_mtbf_hours: 6300, checkpoint_interval_s: 3600, ...}  # model_settings.hpp
//   site: {pue: 1.3, energy_usd_per_kwh: 0.08, depreciation_years: 5}   # energy and cost
//   window: auto                          # or all, or {warmup: 10%, cooldown: 2d}: which jobs
//                                         # the summary counts (window_setting.hpp)
//   output: {dir: out/philly}             # or output: out/philly; written by `podsim run`
//   expect:                               # bounds on the mean over seeds, per policy, or per
//     easy: {wait_p95_s: {max: 3600}, utilisation: {min: 0.5}}   # policy/placement
//     easy/first-fit: {rejected: {max: 0}}
//   plan: {sizes: [2, 4, 8], targets: {wait_p95_s: {max: 3600}}}   # podsim plan (plan_spec.hpp)
//   sweep:                                # cartesian grid; the last key varies fastest
//     topology.overrides.groups: [2, 4, 8]
//     workload.load: [0.7, 0.9]
//
// Topology overrides: `groups: N` keeps the first N first-level groups (scalable units, racks)
// of the file, or adds copies of the first group (node types and count, nodes named
// "<group>n<k>") up to N; outer levels with a regular `group_size` are regrouped. The switch
// counts per domain are kept, so uplinks keep their per-edge bandwidth.
// `oversubscription: X` sets uplink_oversubscription on every switch level below the top.
// Seeds drive the synthetic generator and seeded placements; a trace is read once.
// Expect keys: a policy as listed, or its bare name when only one listed entry has that name;
// optionally "/placement" likewise. Without "/placement" the bounds apply to every placement.
// Sweep keys: dotted paths to any scenario key (a scalar short form of `topology:` is first
// rewritten as {file: ...}); the values are a list; a scalar value of a list-valued key
// (policies, placements, seeds) means a one-element list.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/metric_bounds.hpp"
#include "scenario/model_settings.hpp"
#include "scenario/plan_spec.hpp"
#include "scenario/plugins.hpp"
#include "scenario/scenario_keys.hpp"
#include "scenario/window_setting.hpp"
#include "workload/synthetic_generator.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

struct TopologyChoice {
  enum class Kind { kTraceSize, kFile, kFlat, kText };
  Kind kind = Kind::kTraceSize;
  std::string file;         // kFile: the resolved path
  int flat_units = 0;       // kFlat
  std::string text;         // kText: YAML text (the CLI's embedded default machine)
  std::string description;  // how outputs name the machine ("configs/x.yaml (groups=6)")
  std::optional<int> groups;
  std::optional<double> oversubscription;
  // kTraceSize when the trace declares no size: where and what the error says.
  std::string missing_key = "topology";
  std::string missing_message =
      "the trace does not declare its machine size; give topology: {flat: N} or a topology file";
};

struct WorkloadChoice {
  std::string trace;   // resolved path; empty: the synthetic generator
  std::string format;  // "" = from the file name; may carry parameters ("philly:time_unit=ms")
  TraceOptions trace_options;
  SyntheticOptions synthetic;  // jobs, load, max_gpus, profile; cluster_gpus and seed per run
  // The GPU count `load` is relative to; 0: the machine's. Fixing it keeps the workload the
  // same while a sweep changes the machine (capacity planning).
  int reference_gpus = 0;
  std::string file;  // where the workload is declared, for errors the generator raises
  int line = 0;
};

// A bound of `expect:` (metric, min, max, line) for one policy and one or every placement.
struct Expectation : MetricBound {
  std::size_t policy = 0;                // index into Scenario::policies
  std::optional<std::size_t> placement;  // index into Scenario::placements; none = every one
};

struct SweepAxis {
  std::string key;                  // dotted path, e.g. "workload.load"
  std::vector<std::string> labels;  // each value as text, for tables
  int line = 0;
};

struct Scenario {
  std::string name;
  std::string file;  // "" when built from command-line flags
  TopologyChoice topology;
  WorkloadChoice workload;
  std::vector<PluginChoice> policies;
  std::vector<PluginChoice> placements;
  std::vector<std::uint64_t> seeds{1};
  ModelSettings models;              // performance model and failures
  std::optional<WindowSpec> window;  // the measurement window; nullopt: window_or_default
  std::vector<std::size_t> metrics;  // indices into summary_metrics(); empty: the defaults
  std::string output_dir;            // resolved; empty: no result files
  std::vector<Expectation> expectations;
  std::vector<SweepAxis> sweep;
  std::optional<PlanSpec> plan;  // what `podsim plan` searches (plan_spec.hpp)
  std::string text;  // the YAML source, from which sweep points are re-read (empty in a point)
  std::vector<KeySetting> key_settings;  // `--set`, applied to the text for every sweep point
};

// Reads a scenario file. Throws InputError naming the file, the line and the key path.
Scenario load_scenario(const std::string& path, const Plugins& plugins);

// Same, from text; `file` names it in errors and anchors relative paths.
Scenario parse_scenario(const std::string& text, const std::string& file, const Plugins& plugins);

// What a YAML file is, from its top-level keys only: a scenario has `workload:` or `expect:`
// (either, so a typo in the other is still read and reported), and `podsim check` runs those
// with `expect:`. Throws InputError on unreadable files or YAML syntax errors.
enum class ScenarioFileKind { kOther, kScenario, kScenarioWithExpectations };
ScenarioFileKind scenario_file_kind(const std::string& path);

// One point of a sweep grid: the value of every axis (as text) and the scenario it makes.
struct SweepPoint {
  std::vector<std::string> values;
  Scenario scenario;
};

// The cartesian product of the scenario's sweep axes, first axis slowest; a scenario without
// a sweep gives one point with no values. Each point is the scenario file re-read with the
// axis values set and without `sweep:`, so every value is checked like a hand-written one;
// an error names the sweep key and value. O(points x parse).
std::vector<SweepPoint> expand_sweep(const Scenario& scenario, const Plugins& plugins);

// The scenario with `settings` (`--set KEY=VALUE`) applied to its file's keys, re-read so every
// value is checked as if written in the file; an error names "--set KEY". Throws InputError for
// a scenario built from flags (it has no file). O(parse).
Scenario with_keys_set(const Scenario& scenario, const std::vector<KeySetting>& settings,
                       const Plugins& plugins);

// The short label of list entry `index`: its bare name when no other entry has that name, else
// its full text ("las" for "las:restore_s=30" alone in the list). Expect keys may use it, and
// schedule hashes are recorded under it, so changing a parameter compares against the
// original's schedule instead of starting a new entry.
std::string short_label(const std::vector<PluginChoice>& list, std::size_t index);

// "label" of a plugin list entry for an output folder: the text with characters other than
// letters, digits, '.', '_', '=' and '-' replaced by '_'.
std::string folder_label(const std::string& text);

}  // namespace podsim
