#include "scenario/topology_overrides.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/input_error.hpp"
#include "topology/topology_spec.hpp"

namespace podsim {
namespace {

// The group size an outer level's sizes follow: every domain but the last holds `g` units and
// the last at most `g` (the loader's group_size rule). Nothing when irregular.
std::optional<int> regular_size(const std::vector<int>& sizes) {
  if (sizes.empty()) return std::nullopt;
  const int first = sizes.front();
  const bool regular =
      std::all_of(sizes.begin(), sizes.end() - 1, [&](int size) { return size == first; }) &&
      sizes.back() <= first;
  return regular ? std::optional<int>(first) : std::nullopt;
}

std::vector<int> chunks(int units, int size) {
  std::vector<int> sizes;
  for (int left = units; left > 0; left -= size) sizes.push_back(std::min(size, left));
  return sizes;
}

void resize_groups(TopologySpec& spec, int groups, const std::string& source) {
  const int existing = static_cast<int>(spec.groups.size());
  if (groups == existing) return;
  if (groups < existing) {
    spec.groups.resize(static_cast<std::size_t>(groups));
  } else {
    std::set<std::string> group_names, node_names;
    for (const auto& group : spec.groups) {
      group_names.insert(group.name);
      for (const auto& run : group.runs) node_names.insert(run.nodes.begin(), run.nodes.end());
    }
    const TopologySpec::Group first = spec.groups.front();
    std::size_t first_nodes = 0;
    for (const auto& run : first.runs) first_nodes += run.nodes.size();
    const std::size_t width = fmt::format("{}", first_nodes).size();
    int number = existing;
    for (int g = existing; g < groups; ++g) {
      std::string name;
      do {
        name = fmt::format("{}{}", spec.levels.front().name, ++number);
      } while (group_names.count(name) != 0);
      group_names.insert(name);
      TopologySpec::Group copy{name, {}, ""};
      int k = 0;
      for (const auto& run : first.runs) {
        TopologySpec::NodeRun nodes{run.type, {}};
        for (std::size_t i = 0; i < run.nodes.size(); ++i) {
          const std::string node = fmt::format("{}n{:0{}}", name, ++k, width);
          if (!node_names.insert(node).second) {
            throw InputError(
                source, 0, "topology.overrides.groups",
                fmt::format("the new node name '{}' is taken; rename the file's nodes", node));
          }
          nodes.nodes.push_back(node);
        }
        copy.runs.push_back(std::move(nodes));
      }
      spec.groups.push_back(std::move(copy));
    }
  }
  // Regroup the outer levels over the new number of units below them.
  int units = groups;
  for (std::size_t l = 1; l < spec.levels.size(); ++l) {
    auto& level = spec.levels[l];
    if (level.group_sizes.size() <= 1) {
      level.group_sizes = {units};
    } else if (const auto size = regular_size(level.group_sizes)) {
      level.group_sizes = chunks(units, *size);
    } else {
      throw InputError(source, 0, "topology.overrides.groups",
                       fmt::format("level '{}' groups its units irregularly (group_sizes); the "
                                   "number of groups cannot change",
                                   level.name));
    }
    units = static_cast<int>(level.group_sizes.size());
  }
  if (units != 1) {
    throw InputError(source, 0, "topology.overrides.groups",
                     "the outermost level would have more than one domain");
  }
}

}  // namespace

Topology apply_topology_overrides(const Topology& base, const TopologyOverrides& overrides,
                                  const std::string& source) {
  if (!overrides.groups && !overrides.oversubscription) return base;
  TopologySpec spec;
  try {
    spec = spec_of(base);
  } catch (const InputError& error) {
    throw InputError(source, 0, "topology.overrides", error.message());
  }
  if (overrides.groups) resize_groups(spec, *overrides.groups, source);
  if (overrides.oversubscription) {
    for (std::size_t l = 0; l + 1 < spec.levels.size(); ++l) {
      if (spec.levels[l].nvlink_gbps <= 0) {
        spec.levels[l].uplink_oversubscription = *overrides.oversubscription;
      }
    }
  }
  return parse_topology(render_topology_yaml(spec), source);
}

}  // namespace podsim
