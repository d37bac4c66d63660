#include "scenario/scenario_keys.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/input_error.hpp"
#include "common/split.hpp"

namespace podsim {

KeySetting parse_key_setting(const std::string& text, const std::string& option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError("", 0, option,
                     fmt::format("expected KEY=VALUE with a dotted scenario key such as "
                                 "topology.overrides.groups=6 or site.pue=1.2, found '{}'",
                                 text));
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

std::vector<KeySetting> parse_key_settings(const std::vector<std::string>& texts,
                                           const std::string& option) {
  std::vector<KeySetting> settings;
  for (const std::string& text : texts) settings.push_back(parse_key_setting(text, option));
  return settings;
}

void set_scenario_key(YAML::Node root, const std::string& key, const YAML::Node& value,
                      const std::string& file, int line, const std::string& error_key) {
  const std::vector<std::string> parts = split(key, '.');
  YAML::Node node = root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    YAML::Node child = node[parts[i]];
    if (i == 0 && parts[0] == "topology" && child.IsScalar()) {
      YAML::Node expanded(YAML::NodeType::Map);
      expanded["file"] = child;
      node["topology"] = expanded;
      child.reset(node["topology"]);
    }
    if (child.IsDefined() && !child.IsMap() && !child.IsNull()) {
      const std::vector<std::string> prefix(parts.begin(),
                                            parts.begin() + static_cast<long>(i) + 1);
      throw InputError(file, line, error_key,
                       fmt::format("'{}' is not a mapping in this scenario, so '{}' cannot be set",
                                   fmt::join(prefix, "."), key));
    }
    node.reset(child);
  }
  node[parts.back()] = value;
}

namespace {

bool key_within(const std::string& key, const std::string& prefix) {
  if (key.rfind(prefix, 0) != 0) return false;
  return key.size() == prefix.size() || key[prefix.size()] == '.' || key[prefix.size()] == '[';
}

}  // namespace

bool keys_overlap(const std::string& a, const std::string& b) {
  return key_within(a, b) || key_within(b, a);
}

}  // namespace podsim
