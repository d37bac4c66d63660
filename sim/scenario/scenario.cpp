#include "scenario/scenario.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>

#include "common/input_error.hpp"
#include "common/input_file.hpp"
#include "common/split.hpp"
#include "common/suggest.hpp"
#include "common/yaml_map.hpp"
#include "scenario/default_placement_choice.hpp"
#include "scenario/metric_table.hpp"
#include "scenario/scenario_keys.hpp"
#include "topology/topology.hpp"
#include "workload/gpu_speeds.hpp"

namespace podsim {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kScenarioKeys = {
    "name",     "description", "topology", "workload", "policies", "placements",
    "seeds",    "metrics",     "output",   "expect",   "sweep",    "performance",
    "failures", "window",      "plan",     "site"};
const std::vector<std::string> kTraceKeys = {
    "trace", "format", "units_per_gpu", "unknown_runtime", "load_factor", "params", "trace_gpu"};
const std::vector<std::string> kGeneratorKeys = {"generator", "jobs",     "duration_days",
                                                 "load",      "max_gpus", "reference_gpus"};

// `podsim run`'s synthetic defaults, so a scenario that names only the generator matches it.
// 30 days of arrivals (about 240,000 Philly-like jobs on the SuperPOD) at load 0.9: long enough
// for a steady state (window > 10 x the p99 run time) at a load the machine can carry.
constexpr double kDefaultDays = 30;
constexpr double kDefaultLoad = 0.9;

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw InputError(file, error.mark.is_null() ? 0 : error.mark.line + 1, "",
                     "YAML syntax error: " + error.msg);
  }
}

// A path as written in the scenario, relative to the scenario file's folder.
std::string resolve_path(const std::string& scenario_file, const std::string& path) {
  const fs::path given(path);
  if (given.is_absolute() || scenario_file.empty()) return given.lexically_normal().string();
  return (fs::path(scenario_file).parent_path() / given).lexically_normal().string();
}

// Errors from code that does not know where in the file it is (registries, parameters) get the
// place of the value that caused them.
template <typename F>
auto at_place(const YamlPlace& place, F&& body) {
  try {
    return body();
  } catch (const InputError& error) {
    if (!error.file().empty()) throw;
    throw InputError(place.file, place.line, place.path, error.what());
  }
}

std::uint64_t read_seed(const YAML::Node& node, const YamlPlace& place) {
  const std::string text = node.IsScalar() ? node.Scalar() : std::string{};
  const bool digits =
      !text.empty() && text.size() <= 19 &&
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!digits) {
    place.fail(fmt::format("expected an integer seed >= 0, found {}", yaml_found(node)));
  }
  return std::stoull(text);
}

// "a list" or the scalar, for sweep table labels.
std::string value_label(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter emitter;
  emitter << YAML::Flow << node;
  return emitter.c_str();
}

std::string format_number(double value) { return fmt::format("{}", value); }

TopologyChoice parse_topology_choice(const YamlMap::Entry& entry) {
  TopologyChoice choice;
  const std::string& file = entry.place.file;
  if (entry.value.IsScalar()) {
    choice.kind = TopologyChoice::Kind::kFile;
    choice.file = resolve_path(file, read_text(entry));
    choice.description = choice.file;
    return choice;
  }
  const YamlMap map(entry.value, entry.place, {"file", "flat", "overrides"},
                    "a topology file name, {file: F, overrides: {...}} or {flat: N}");
  if (map.has("file") == map.has("flat")) {
    map.place().fail("expected exactly one of 'file' (a topology YAML) or 'flat' (a GPU count)");
  }
  if (map.has("flat")) {
    if (const auto* overrides = map.find("overrides")) {
      overrides->place.fail("overrides apply to a topology file, not to a flat pool");
    }
    choice.kind = TopologyChoice::Kind::kFlat;
    choice.flat_units = map.integer("flat", 1);
    if (choice.flat_units > kMaxMachineGpus) {
      map.find("flat")->place.fail(fmt::format("expected a GPU count in [1, {}], found {}",
                                               kMaxMachineGpus, choice.flat_units));
    }
    choice.description = fmt::format("flat {}", choice.flat_units);
    return choice;
  }
  choice.kind = TopologyChoice::Kind::kFile;
  choice.file = resolve_path(file, read_text(*map.find("file")));
  choice.description = choice.file;
  if (const auto* entry_overrides = map.find("overrides")) {
    const YamlMap overrides(entry_overrides->value, entry_overrides->place,
                            {"groups", "oversubscription"}, "a mapping of topology overrides");
    std::vector<std::string> notes;
    if (overrides.has("groups")) {
      choice.groups = overrides.integer("groups", 1);
      notes.push_back(fmt::format("groups={}", *choice.groups));
    }
    if (overrides.has("oversubscription")) {
      choice.oversubscription = overrides.real("oversubscription", 1.0, Bound::kInclusive);
      notes.push_back("oversubscription=" + format_number(*choice.oversubscription));
    }
    if (!notes.empty()) choice.description += fmt::format(" ({})", fmt::join(notes, ", "));
  }
  return choice;
}

WorkloadChoice parse_workload_choice(const YamlMap::Entry& entry) {
  WorkloadChoice choice;
  choice.file = entry.place.file;
  choice.line = entry.place.line;
  const bool is_trace = entry.value.IsMap() && entry.value["trace"].IsDefined();
  const bool is_generator = entry.value.IsMap() && entry.value["generator"].IsDefined();
  std::vector<std::string> allowed = is_trace ? kTraceKeys : kGeneratorKeys;
  if (!is_trace && !is_generator)
    allowed.insert(allowed.end(), kTraceKeys.begin(), kTraceKeys.end());
  const YamlMap map(entry.value, entry.place, allowed,
                    "{trace: FILE, ...} or {generator: PROFILE, ...}");
  if (is_trace && is_generator) {
    map.place().fail("expected either 'trace' or 'generator', not both");
  }
  if (!is_trace && !is_generator) {
    map.place().fail("missing key 'trace' (a trace file) or 'generator' (a synthetic profile)");
  }
  if (is_trace) {
    choice.trace = resolve_path(choice.file, map.text("trace"));
    if (map.has("format")) choice.format = map.text("format");
    choice.trace_options.units_per_gpu = map.integer_or("units_per_gpu", 1, 1);
    if (const auto* unknown = map.find("unknown_runtime")) {
      choice.trace_options.unknown_runtime = read_seconds(*unknown);
    }
    choice.trace_options.load_factor = map.real_or("load_factor", 1.0, 0.0, Bound::kExclusive);
    if (const auto* gpu = map.find("trace_gpu")) {
      try {
        choice.trace_options.recorded_speed = recorded_gpu_speed(read_text(*gpu), "trace_gpu");
      } catch (const InputError& error) {
        gpu->place.fail(error.message());
      }
    }
    if (const auto* params = map.find("params")) {
      const YamlMap values(params->value, params->place, {}, "a mapping of format parameters");
      for (const auto& param : values.entries()) {
        choice.trace_options.params[param.key] = read_text(param);
      }
    }
    return choice;
  }
  choice.synthetic.profile = map.text("generator");
  choice.synthetic.jobs = static_cast<std::size_t>(map.integer_or("jobs", 1, 1));
  choice.synthetic.duration_days =
      map.real_or("duration_days", map.has("jobs") ? 0.0 : kDefaultDays, 0.0, Bound::kExclusive);
  if (map.has("jobs") && map.has("duration_days")) {
    map.find("duration_days")->place.fail("give 'jobs' or 'duration_days', not both");
  }
  choice.synthetic.load = map.real_or("load", kDefaultLoad, 0.0, Bound::kExclusive);
  choice.synthetic.max_gpus = map.integer_or("max_gpus", 0, 0);
  choice.reference_gpus = map.integer_or("reference_gpus", 0, 1);
  return choice;
}

// Calls add(value, place) for each item of a list, or once for a scalar (the short form of a
// one-item list).
template <typename Add>
void for_each_listed(const YamlMap::Entry& entry, Add&& add) {
  if (!entry.value.IsSequence()) {
    add(entry.value, entry.place);
    return;
  }
  for (std::size_t i = 0; i < entry.value.size(); ++i) {
    const YAML::Node item = entry.value[i];
    add(item, entry.place.item(i, yaml_line(item, entry.place.line)));
  }
}

template <typename Factory>
std::vector<PluginChoice> parse_plugin_list(const YamlMap::Entry& entry,
                                            const Registry<Factory>& registry) {
  std::vector<PluginChoice> chosen;
  if (entry.value.IsScalar() && entry.value.Scalar() == "all") {
    for (const std::string& name : registry.names()) {
      chosen.push_back(choose_plugin(registry, name, registry.kind()));
    }
    return chosen;
  }
  auto add = [&](const YAML::Node& node, const YamlPlace& place) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      place.fail(fmt::format("expected NAME[:key=value...], found {}", yaml_found(node)));
    }
    const std::string text = node.Scalar();
    for (const PluginChoice& earlier : chosen) {
      if (earlier.text == text) place.fail(fmt::format("'{}' is listed twice", text));
    }
    chosen.push_back(
        at_place(place, [&] { return choose_plugin(registry, text, registry.kind()); }));
  };
  for_each_listed(entry, add);
  if (chosen.empty()) entry.place.fail(fmt::format("expected at least one {}", registry.kind()));
  return chosen;
}

std::vector<std::uint64_t> parse_seeds(const YamlMap::Entry& entry) {
  std::vector<std::uint64_t> seeds;
  auto add = [&](const YAML::Node& node, const YamlPlace& place) {
    const std::uint64_t seed = read_seed(node, place);
    if (std::find(seeds.begin(), seeds.end(), seed) != seeds.end()) {
      place.fail(fmt::format("seed {} is listed twice", seed));
    }
    seeds.push_back(seed);
  };
  for_each_listed(entry, add);
  if (seeds.empty()) entry.place.fail("expected at least one seed");
  return seeds;
}

std::vector<std::size_t> parse_metrics(const YamlMap::Entry& entry) {
  if (!entry.value.IsSequence() || entry.value.size() == 0) {
    entry.place.fail(
        fmt::format("expected a list of metric names, found {}", yaml_found(entry.value)));
  }
  std::vector<std::size_t> metrics;
  for (std::size_t i = 0; i < entry.value.size(); ++i) {
    const YAML::Node item = entry.value[i];
    const YamlPlace place = entry.place.item(i, yaml_line(item, entry.place.line));
    if (!item.IsScalar())
      place.fail(fmt::format("expected a metric name, found {}", yaml_found(item)));
    metrics.push_back(summary_metric_index(item.Scalar(), place.file, place.line, place.path));
  }
  return metrics;
}

// The index of the list entry an expect key names: its exact text, else its bare name when
// exactly one entry has that name.
std::optional<std::size_t> match_plugin(const std::vector<PluginChoice>& list,
                                        const std::string& key) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].text == key) return i;
  }
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].named.name != key) continue;
    if (found) return std::nullopt;  // ambiguous: the full text is needed
    found = i;
  }
  return found;
}

std::vector<std::string> texts_of(const std::vector<PluginChoice>& list) {
  std::vector<std::string> texts;
  for (const auto& choice : list) texts.push_back(choice.text);
  return texts;
}

std::vector<Expectation> parse_expectations(const YamlMap::Entry& entry,
                                            const std::vector<PluginChoice>& policies,
                                            const std::vector<PluginChoice>& placements) {
  const YamlMap map(entry.value, entry.place, {},
                    "a mapping of POLICY[/PLACEMENT]: {metric: {min: X, max: Y}}");
  std::vector<Expectation> expectations;
  for (const auto& target : map.entries()) {
    std::optional<std::size_t> policy = match_plugin(policies, target.key);
    std::optional<std::size_t> placement;
    const std::size_t slash = target.key.rfind('/');
    if (!policy && slash != std::string::npos) {
      policy = match_plugin(policies, target.key.substr(0, slash));
      placement = match_plugin(placements, target.key.substr(slash + 1));
      if (policy && !placement) {
        target.place.fail(
            fmt::format("no listed placement '{}'{}; listed: {}", target.key.substr(slash + 1),
                        did_you_mean(target.key.substr(slash + 1), texts_of(placements)),
                        fmt::join(texts_of(placements), ", ")));
      }
    }
    if (!policy) {
      const std::string name =
          slash == std::string::npos ? target.key : target.key.substr(0, slash);
      target.place.fail(fmt::format(
          "no listed policy '{}'{} (a policy as listed, or its name "
          "when unique, optionally /placement); listed: {}",
          name, did_you_mean(name, texts_of(policies)), fmt::join(texts_of(policies), ", ")));
    }
    for (const MetricBound& bound : parse_metric_bounds(target)) {
      Expectation expectation;
      static_cast<MetricBound&>(expectation) = bound;
      expectation.policy = *policy;
      expectation.placement = placement;
      expectations.push_back(expectation);
    }
  }
  return expectations;
}

std::vector<SweepAxis> parse_sweep(const YamlMap::Entry& entry) {
  const YamlMap map(entry.value, entry.place, {}, "a mapping of scenario.key: [values...]");
  std::vector<SweepAxis> axes;
  for (const auto& axis_entry : map.entries()) {
    if (!axis_entry.value.IsSequence() || axis_entry.value.size() == 0) {
      axis_entry.place.fail(
          fmt::format("expected a list of values, found {}", yaml_found(axis_entry.value)));
    }
    const std::string& key = axis_entry.key;
    if (key.empty() || key.front() == '.' || key.back() == '.' ||
        key.find("..") != std::string::npos) {
      axis_entry.place.fail("expected a dotted key path such as workload.load");
    }
    const std::string first = key.substr(0, key.find('.'));
    if (first == "sweep" || first == "name" || first == "description") {
      axis_entry.place.fail(fmt::format("'{}' cannot be swept", first));
    }
    if (std::find(kScenarioKeys.begin(), kScenarioKeys.end(), first) == kScenarioKeys.end()) {
      axis_entry.place.fail(
          fmt::format("unknown key '{}'{}; expected a path starting with one "
                      "of: {}",
                      first, did_you_mean(first, kScenarioKeys), fmt::join(kScenarioKeys, ", ")));
    }
    SweepAxis axis;
    axis.key = key;
    axis.line = axis_entry.place.line;
    for (std::size_t i = 0; i < axis_entry.value.size(); ++i) {
      axis.labels.push_back(value_label(axis_entry.value[i]));
    }
    axes.push_back(std::move(axis));
  }
  return axes;
}

Scenario parse_document(const YAML::Node& root, const std::string& file, const Plugins& plugins) {
  const YamlMap top(root, {file, 1, ""}, kScenarioKeys, "a scenario mapping");
  Scenario scenario;
  scenario.file = file;
  scenario.name = top.has("name") ? top.text("name") : fs::path(file).stem().string();
  if (const auto* entry = top.find("topology")) scenario.topology = parse_topology_choice(*entry);
  const auto* workload = top.find("workload");
  if (workload == nullptr) {
    top.place().fail(
        "missing key 'workload': expected {trace: FILE, ...} or {generator: PROFILE, ...}");
  }
  scenario.workload = parse_workload_choice(*workload);
  if (scenario.workload.trace.empty() &&
      scenario.topology.kind == TopologyChoice::Kind::kTraceSize) {
    workload->place.fail(
        "a generator workload needs a machine: add 'topology: FILE' or "
        "'topology: {flat: N}'");
  }
  if (const auto* entry = top.find("policies")) {
    scenario.policies = parse_plugin_list(*entry, plugins.policies);
  } else {
    for (const char* name : {"fcfs", "easy"}) {
      scenario.policies.push_back(choose_plugin(plugins.policies, name, "policies"));
    }
  }
  if (const auto* entry = top.find("placements")) {
    scenario.placements = parse_plugin_list(*entry, plugins.placements);
  } else {
    // What a site would configure on this machine (default_placement.hpp).
    scenario.placements.push_back(
        default_placement_choice(scenario.topology, plugins, "placements"));
  }
  if (const auto* entry = top.find("seeds")) scenario.seeds = parse_seeds(*entry);
  const auto resolve = [&file](const std::string& path) { return resolve_path(file, path); };
  if (const auto* entry = top.find("performance")) {
    parse_performance(*entry, resolve, scenario.models);
  }
  if (const auto* entry = top.find("failures")) parse_failures(*entry, resolve, scenario.models);
  if (const auto* entry = top.find("site")) parse_site(*entry, scenario.models);
  if (const auto* entry = top.find("window")) scenario.window = parse_window_setting(*entry);
  if (const auto* entry = top.find("metrics")) scenario.metrics = parse_metrics(*entry);
  if (const auto* entry = top.find("output")) {
    if (entry->value.IsScalar()) {
      scenario.output_dir = resolve_path(file, read_text(*entry));
    } else {
      const YamlMap output(entry->value, entry->place, {"dir"}, "{dir: FOLDER}");
      scenario.output_dir = resolve_path(file, output.text("dir"));
    }
  }
  if (const auto* entry = top.find("expect")) {
    scenario.expectations = parse_expectations(*entry, scenario.policies, scenario.placements);
  }
  if (const auto* entry = top.find("sweep")) scenario.sweep = parse_sweep(*entry);
  if (const auto* entry = top.find("plan")) scenario.plan = parse_plan_spec(*entry);
  return scenario;
}

// Sets `root` at the dotted `key` to `value`, creating mappings on the way. A scalar
// `topology:` becomes {file: ...} first, so its overrides can be swept.
}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file, const Plugins& plugins) {
  Scenario scenario = parse_document(parse_yaml(text, file), file, plugins);
  scenario.text = text;
  return scenario;
}

Scenario load_scenario(const std::string& path, const Plugins& plugins) {
  return parse_scenario(read_input_file(path), path, plugins);
}

ScenarioFileKind scenario_file_kind(const std::string& path) {
  const YAML::Node root = parse_yaml(read_input_file(path), path);
  if (!root.IsMap()) return ScenarioFileKind::kOther;
  if (root["expect"].IsDefined()) return ScenarioFileKind::kScenarioWithExpectations;
  return root["workload"].IsDefined() ? ScenarioFileKind::kScenario : ScenarioFileKind::kOther;
}

std::vector<SweepPoint> expand_sweep(const Scenario& scenario, const Plugins& plugins) {
  if (scenario.sweep.empty()) return {SweepPoint{{}, scenario}};
  constexpr std::size_t kMaxPoints = 1'000'000;
  std::size_t total = 1;
  for (const SweepAxis& axis : scenario.sweep) {
    total *= axis.labels.size();
    if (total > kMaxPoints) {
      throw InputError(scenario.file, axis.line, "sweep",
                       fmt::format("the grid has more than {} points", kMaxPoints));
    }
  }
  std::vector<SweepPoint> points;
  points.reserve(total);
  std::vector<std::size_t> digits(scenario.sweep.size(), 0);
  for (std::size_t index = 0; index < total; ++index) {
    // Mixed-radix digits of `index`, the last axis varying fastest.
    std::size_t rest = index;
    for (std::size_t a = scenario.sweep.size(); a-- > 0;) {
      digits[a] = rest % scenario.sweep[a].labels.size();
      rest /= scenario.sweep[a].labels.size();
    }
    // Re-read the text so every value keeps its own line for errors (YAML::Clone drops marks).
    YAML::Node root = parse_yaml(scenario.text, scenario.file);
    const YAML::Node sweep = root["sweep"];
    SweepPoint point;
    for (std::size_t a = 0; a < scenario.sweep.size(); ++a) {
      const SweepAxis& axis = scenario.sweep[a];
      set_scenario_key(root, axis.key, sweep[axis.key][digits[a]], scenario.file, axis.line,
                       "sweep." + axis.key);
      point.values.push_back(axis.labels[digits[a]]);
    }
    root.remove("sweep");
    for (const KeySetting& setting : scenario.key_settings) {
      set_scenario_key(root, setting.key, YAML::Load(setting.value), "", 0, "--set " + setting.key);
    }
    try {
      point.scenario = parse_document(root, scenario.file, plugins);
    } catch (const InputError& error) {
      for (std::size_t a = 0; a < scenario.sweep.size(); ++a) {
        const SweepAxis& axis = scenario.sweep[a];
        if (keys_overlap(error.key(), axis.key)) {
          throw InputError(scenario.file, axis.line, "sweep." + axis.key,
                           fmt::format("value {}: {}: {}", axis.labels[digits[a]], error.key(),
                                       error.message()));
        }
      }
      throw;
    }
    point.scenario.name = scenario.name;
    points.push_back(std::move(point));
  }
  return points;
}

Scenario with_keys_set(const Scenario& scenario, const std::vector<KeySetting>& settings,
                       const Plugins& plugins) {
  if (settings.empty()) return scenario;
  if (scenario.text.empty()) {
    throw InputError("", 0, "--set",
                     "--set sets keys of a scenario file; without one, use the flags (--groups N "
                     "for topology.overrides.groups, --load, --days, --pue, ...)");
  }
  YAML::Node root = parse_yaml(scenario.text, scenario.file);
  for (const KeySetting& setting : settings) {
    for (const SweepAxis& axis : scenario.sweep) {
      if (keys_overlap(setting.key, axis.key)) {
        throw InputError("", 0, "--set " + setting.key,
                         fmt::format("the scenario sweeps {} (line {}): set one or sweep it",
                                     axis.key, axis.line));
      }
    }
    YAML::Node value;
    try {
      value = YAML::Load(setting.value);
    } catch (const YAML::Exception& error) {
      throw InputError("", 0, "--set " + setting.key,
                       fmt::format("'{}' is not a YAML value: {}", setting.value, error.msg));
    }
    set_scenario_key(root, setting.key, value, "", 0, "--set " + setting.key);
  }
  try {
    Scenario result = parse_document(root, scenario.file, plugins);
    // Sweep points are re-read from the file's text (its line numbers in errors), and the
    // settings applied to each.
    result.text = scenario.text;
    result.key_settings = settings;
    return result;
  } catch (const InputError& error) {
    for (const KeySetting& setting : settings) {
      if (keys_overlap(error.key(), setting.key)) {
        throw InputError(
            "", 0, "--set " + setting.key,
            fmt::format("value {}: {}: {}", setting.value, error.key(), error.message()));
      }
    }
    throw;
  }
}

std::string short_label(const std::vector<PluginChoice>& list, std::size_t index) {
  const std::string& name = list[index].named.name;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i != index && list[i].named.name == name) return list[index].text;
  }
  return name;
}

std::string folder_label(const std::string& text) {
  std::string label = text;
  for (char& c : label) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
                      c == '=' || c == '-';
    if (!keep) c = '_';
  }
  return label;
}

}  // namespace podsim
