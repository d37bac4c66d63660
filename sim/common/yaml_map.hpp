#pragma once
// YamlMap: one mapping of a user's YAML file, read under the project's input rules (STYLE 5):
// every key is known (an unknown one is an InputError suggesting the closest valid key), no key
// is repeated, and each value is type- and range-checked with an error that names the file, the
// 1-based line and the key path ("node_types.dgx-h100.gpus") and says what was expected and
// what was found. Holds copies of yaml-cpp node handles; cheap to build (O(keys)).
//
// Used by the topology loader and the scenario loader.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace podsim {

// Where a value sits in the input. `line` is 1-based, 0 when unknown.
struct YamlPlace {
  std::string file;
  int line = 0;
  std::string path;

  // `path` + "." + key (or just key at the root).
  YamlPlace child(std::string_view key, int child_line) const;
  // `path` + "[index]".
  YamlPlace item(std::size_t index, int item_line) const;
  [[noreturn]] void fail(const std::string& message) const;
};

// 1-based line of `node`, or `fallback` when the node carries no position.
int yaml_line(const YAML::Node& node, int fallback);

// How an unexpected value reads in an error: "'abc'", "a list", "a mapping" or "nothing".
std::string yaml_found(const YAML::Node& node);

enum class Bound { kInclusive, kExclusive };

class YamlMap {
 public:
  struct Entry {
    std::string key;
    YAML::Node value;
    YamlPlace place;  // the key's line and path
  };

  // `node` must be a mapping, else InputError "expected <what>, found ...". When `allowed` is
  // non-empty every key must be one of them; when empty, keys are user-chosen names.
  YamlMap(const YAML::Node& node, YamlPlace place, std::vector<std::string> allowed,
          std::string_view what);

  const YamlPlace& place() const { return place_; }
  const std::vector<Entry>& entries() const { return entries_; }
  const Entry* find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }

  // Required values: a missing key is an InputError at this mapping's line.
  std::string text(std::string_view key) const;
  double real(std::string_view key, double min, Bound bound) const;
  int integer(std::string_view key, int min) const;

  // Optional values: `fallback` when the key is absent.
  double real_or(std::string_view key, double fallback, double min, Bound bound) const;
  int integer_or(std::string_view key, int fallback, int min) const;
  bool flag_or(std::string_view key, bool fallback) const;

 private:
  const Entry& require(std::string_view key, std::string_view expected) const;

  YamlPlace place_;
  std::vector<Entry> entries_;
};

// Readers of one value, for maps whose keys are names (e.g. node_types): same checks as above.
std::string read_text(const YamlMap::Entry& entry);
double read_real(const YamlMap::Entry& entry, double min, Bound bound);
int read_integer(const YamlMap::Entry& entry, int min);
bool read_flag(const YamlMap::Entry& entry);

}  // namespace podsim
