#pragma once
// Plugins: the registries a scenario names things from (policies, placements, trace formats),
// built once by the caller and passed in (no globals). Read-only after construction, so the
// sweep's worker threads share one.
#include <string>

#include "common/params.hpp"
#include "placement/placement_strategy.hpp"
#include "policies/policy.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {

struct Plugins {
  PolicyRegistry policies;
  PlacementRegistry placements;
  TraceRegistry traces;
};

// Every built-in policy, placement and trace format.
Plugins make_plugins();

// A policy or placement as the user wrote it ("las:restore_s=30"), checked against its
// registry: `text` is its label in tables, result folders and hash files.
struct PluginChoice {
  std::string text;
  NamedParams named;
  ParamValues values;
};

// Parse and check "name[:key=value...]" against `registry`. Throws InputError (with file "" and
// `context` as key) on an unknown name or parameter, with the closest valid one.
template <typename Factory>
PluginChoice choose_plugin(const Registry<Factory>& registry, const std::string& text,
                           const std::string& context) {
  NamedParams named = parse_named_params(text, context);
  ParamValues values = ParamValues::parse(registry.at(named.name).params, named.params,
                                          registry.kind() + " " + named.name);
  return {text, std::move(named), std::move(values)};
}

}  // namespace podsim
