#pragma once
// Declared parameters of a plug-in (policy, placement, trace format, generator).
// A plug-in lists its ParamSpecs beside its registration; user-given "key=value" pairs are
// checked against them: unknown keys are errors that suggest the closest valid key, values are
// type-checked, and missing keys take the declared default.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace podsim {

enum class ParamType { kInteger, kReal, kBool, kString };

struct ParamSpec {
  std::string key;
  ParamType type;
  std::string default_value;  // in the same text form a user would write
  std::string description;
};

std::string to_string(ParamType type);

class ParamValues {
 public:
  ParamValues() = default;

  // Validates `given` against `specs`. `context` names the owner for errors (e.g. "policy easy").
  static ParamValues parse(const std::vector<ParamSpec>& specs,
                           const std::map<std::string, std::string>& given,
                           const std::string& context);

  std::int64_t integer(const std::string& key) const;
  double real(const std::string& key) const;
  bool boolean(const std::string& key) const;
  const std::string& text(const std::string& key) const;

  // Every key with its effective value, sorted by key (for logs and result metadata).
  const std::map<std::string, std::string>& all() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// `given` checked against `specs` once more, with every missing key at its declared default:
// keeps a plug-in's factory safe when a caller hands it ParamValues{} (tests, benchmarks, the
// invariants suite) rather than parse()'s result. Throws InputError naming `context` (e.g.
// "policy las", "placement topology") on unknown keys or badly typed values.
ParamValues complete_params(const std::vector<ParamSpec>& specs, const ParamValues& given,
                            const std::string& context);

// Splits "name:key=value:key=value" into the name and its key/value pairs.
// Throws InputError naming `context` on a pair without '='.
struct NamedParams {
  std::string name;
  std::map<std::string, std::string> params;
};
NamedParams parse_named_params(const std::string& text, const std::string& context);

}  // namespace podsim
