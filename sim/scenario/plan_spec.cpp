#include "scenario/plan_spec.hpp"

#include <fmt/format.h>

namespace podsim {
namespace {

// The values of a list of numbers as written, each checked; ascending when `ascending`.
std::vector<std::string> read_numbers(const YamlMap::Entry& entry, bool ascending) {
  if (!entry.value.IsSequence() || entry.value.size() == 0) {
    entry.place.fail(
        fmt::format("expected a non-empty list of numbers, found {}", yaml_found(entry.value)));
  }
  std::vector<std::string> texts;
  double previous = 0;
  for (std::size_t i = 0; i < entry.value.size(); ++i) {
    const YAML::Node item = entry.value[i];
    const YamlMap::Entry element{entry.key, item,
                                 entry.place.item(i, yaml_line(item, entry.place.line))};
    const double value = read_number(element);
    if (!(value > 0)) element.place.fail(fmt::format("expected a number > 0, found {}", value));
    if (ascending && i > 0 && value <= previous) {
      element.place.fail(
          fmt::format("expected values in ascending order, found {} after {}", value, previous));
    }
    previous = value;
    texts.push_back(item.Scalar());
  }
  return texts;
}

}  // namespace

PlanSpec parse_plan_spec(const YamlMap::Entry& entry) {
  const YamlMap map(entry.value, entry.place,
                    {"scale", "sizes", "loads", "targets", "doubled_check", "max_nominal_load"},
                    "a mapping {scale, sizes, loads, targets, doubled_check, max_nominal_load}");
  PlanSpec spec;
  spec.line = entry.place.line;
  if (map.has("scale")) spec.scale = map.text("scale");
  const YamlMap::Entry* sizes = map.find("sizes");
  if (sizes == nullptr) map.place().fail("missing key 'sizes': the candidate machine sizes");
  spec.sizes = read_numbers(*sizes, true);
  if (const YamlMap::Entry* loads = map.find("loads")) spec.loads = read_numbers(*loads, false);
  const YamlMap::Entry* targets = map.find("targets");
  if (targets == nullptr) {
    map.place().fail("missing key 'targets': e.g. targets: {wait_p95_s: {max: 3600}}");
  }
  spec.targets = parse_metric_bounds(*targets);
  if (spec.targets.empty()) targets->place.fail("expected at least one metric: {min, max}");
  spec.doubled_check = map.flag_or("doubled_check", true);
  spec.max_nominal_load = map.real_or("max_nominal_load", 1.0, 0.0, Bound::kExclusive);
  if (spec.max_nominal_load > 1.0) {
    map.find("max_nominal_load")
        ->place.fail(fmt::format("expected a number in (0, 1] (a size loaded 1 or more is "
                                 "overloaded), found {}",
                                 spec.max_nominal_load));
  }
  return spec;
}

}  // namespace podsim
