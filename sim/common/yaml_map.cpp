#include "common/yaml_map.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "common/suggest.hpp"

namespace podsim {
namespace {

std::string describe_real_bound(double min, Bound bound) {
  return fmt::format("a number {} {}", bound == Bound::kInclusive ? ">=" : ">", min);
}

std::string expected_list(const std::vector<std::string>& allowed) {
  std::string list;
  for (const auto& key : allowed) list += (list.empty() ? "" : ", ") + key;
  return list;
}

}  // namespace

YamlPlace YamlPlace::child(std::string_view key, int child_line) const {
  return {file, child_line, path.empty() ? std::string(key) : fmt::format("{}.{}", path, key)};
}

YamlPlace YamlPlace::item(std::size_t index, int item_line) const {
  return {file, item_line, fmt::format("{}[{}]", path, index)};
}

void YamlPlace::fail(const std::string& message) const {
  throw InputError(file, line, path, message);
}

int yaml_line(const YAML::Node& node, int fallback) {
  if (!node.IsDefined()) return fallback;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? fallback : mark.line + 1;
}

std::string yaml_found(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return fmt::format("'{}'", node.Scalar());
    case YAML::NodeType::Sequence:
      return node.size() == 0 ? "an empty list" : "a list";
    case YAML::NodeType::Map:
      return node.size() == 0 ? "an empty mapping" : "a mapping";
    default:
      return "nothing";
  }
}

YamlMap::YamlMap(const YAML::Node& node, YamlPlace place, std::vector<std::string> allowed,
                 std::string_view what)
    : place_(std::move(place)) {
  if (!node.IsMap()) place_.fail(fmt::format("expected {}, found {}", what, yaml_found(node)));
  entries_.reserve(node.size());
  for (auto it = node.begin(); it != node.end(); ++it) {
    const int line = yaml_line(it->first, place_.line);
    if (!it->first.IsScalar()) {
      place_.child("?", line).fail(
          fmt::format("expected a key, found {}", yaml_found(it->first)));
    }
    std::string key = it->first.Scalar();
    YamlPlace key_place = place_.child(key, line);
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      key_place.fail(fmt::format("unknown key '{}'{}; expected one of: {}", key,
                                 did_you_mean(key, allowed), expected_list(allowed)));
    }
    if (find(key) != nullptr) {
      key_place.fail(fmt::format("'{}' is given twice (first on line {})", key,
                                 find(key)->place.line));
    }
    entries_.push_back({std::move(key), it->second, std::move(key_place)});
  }
}

const YamlMap::Entry* YamlMap::find(std::string_view key) const {
  for (const auto& entry : entries_) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const YamlMap::Entry& YamlMap::require(std::string_view key, std::string_view expected) const {
  if (const Entry* entry = find(key)) return *entry;
  place_.child(key, place_.line).fail(fmt::format("missing key '{}': expected {}", key, expected));
}

std::string YamlMap::text(std::string_view key) const {
  return read_text(require(key, "a name"));
}

double YamlMap::real(std::string_view key, double min, Bound bound) const {
  return read_real(require(key, describe_real_bound(min, bound)), min, bound);
}

int YamlMap::integer(std::string_view key, int min) const {
  return read_integer(require(key, fmt::format("an integer >= {}", min)), min);
}

double YamlMap::real_or(std::string_view key, double fallback, double min, Bound bound) const {
  const Entry* entry = find(key);
  return entry ? read_real(*entry, min, bound) : fallback;
}

int YamlMap::integer_or(std::string_view key, int fallback, int min) const {
  const Entry* entry = find(key);
  return entry ? read_integer(*entry, min) : fallback;
}

bool YamlMap::flag_or(std::string_view key, bool fallback) const {
  const Entry* entry = find(key);
  return entry ? read_flag(*entry) : fallback;
}

std::string read_text(const YamlMap::Entry& entry) {
  if (!entry.value.IsScalar() || entry.value.Scalar().empty()) {
    entry.place.fail(fmt::format("expected a name, found {}", yaml_found(entry.value)));
  }
  return entry.value.Scalar();
}

double read_real(const YamlMap::Entry& entry, double min, Bound bound) {
  double value = 0;
  const bool ok = entry.value.IsScalar() && YAML::convert<double>::decode(entry.value, value) &&
                  std::isfinite(value) &&
                  (bound == Bound::kInclusive ? value >= min : value > min);
  if (!ok) {
    entry.place.fail(fmt::format("expected {}, found {}", describe_real_bound(min, bound),
                                 yaml_found(entry.value)));
  }
  return value;
}

int read_integer(const YamlMap::Entry& entry, int min) {
  int value = 0;
  const bool ok = entry.value.IsScalar() && YAML::convert<int>::decode(entry.value, value) &&
                  value >= min;
  if (!ok) {
    entry.place.fail(
        fmt::format("expected an integer >= {}, found {}", min, yaml_found(entry.value)));
  }
  return value;
}

bool read_flag(const YamlMap::Entry& entry) {
  bool value = false;
  if (!entry.value.IsScalar() || !YAML::convert<bool>::decode(entry.value, value)) {
    entry.place.fail(fmt::format("expected true or false, found {}", yaml_found(entry.value)));
  }
  return value;
}

}  // namespace podsim
