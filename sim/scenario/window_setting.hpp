#pragma once
// The measurement window of a scenario's runs (metrics/measurement_window.hpp), as its
// `window:` key and the matching `podsim run` flags state it:
//   window: auto                        # warm-up by MSER-5, no cool-down
//   window: all                         # the whole run: every job counts
//   window: {warmup: 10%, cooldown: 2d} # each: auto (warm-up only), N%, seconds, or 30m/12h/2d
// Absent: `auto` for a synthetic workload (it starts empty and drains at the end) and `all` for
// a trace (its jobs are the experiment), so trace results stay what they were without a window.
#include <optional>
#include <string>

#include "common/yaml_map.hpp"
#include "metrics/measurement_window.hpp"

namespace podsim {

// Reads `window:`. Throws InputError at the key's line.
WindowSpec parse_window_setting(const YamlMap::Entry& entry);

// The flags' form: --whole-run, or --warmup W and --cooldown C (either may be empty: auto for a
// synthetic workload's warm-up, else nothing). Nothing given: nullopt (the default applies).
// Throws InputError naming the flag.
std::optional<WindowSpec> window_from_flags(bool whole_run, const std::string& warmup,
                                            const std::string& cooldown, bool synthetic);

// The window a run uses: `given`, else the default above.
WindowSpec window_or_default(const std::optional<WindowSpec>& given, bool synthetic);

}  // namespace podsim
