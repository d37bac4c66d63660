#pragma once
// Setting a scenario key by its dotted path ("workload.load", "topology.overrides.groups",
// "site.pue"), for sweep points and for `--set KEY=VALUE` on run, compare, sweep and plan.
// A value is set in the YAML document, which is then read like a hand-written file, so every
// value is checked the same way wherever it came from.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace podsim {

// `--set KEY=VALUE`: VALUE is YAML (a number, a word, "[1, 2]", "{pue: 1.2}").
struct KeySetting {
  std::string key;
  std::string value;
};

// "KEY=VALUE" -> its parts. Throws InputError (key `option`) when there is no '=' or KEY is empty.
KeySetting parse_key_setting(const std::string& text, const std::string& option);

// Each of `texts`, in order.
std::vector<KeySetting> parse_key_settings(const std::vector<std::string>& texts,
                                           const std::string& option);

// Sets `key` (dotted) in `root` to `value`, creating mappings on the way. A scalar topology
// ("topology: file.yaml") becomes {file: ...} so its overrides can be set. Throws InputError
// (file, line, `error_key`) when a prefix of the path is a scalar or a list.
void set_scenario_key(YAML::Node root, const std::string& key, const YAML::Node& value,
                      const std::string& file, int line, const std::string& error_key);

// True when one key is the other or lies below it ("a.b" and "a.b[0]" lie below "a"): an error
// at one concerns a value set at the other.
bool keys_overlap(const std::string& a, const std::string& b);

}  // namespace podsim
