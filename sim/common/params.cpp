#include "common/params.hpp"

#include <cassert>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/input_error.hpp"
#include "common/suggest.hpp"

namespace podsim {
namespace {

bool parses_as(ParamType type, const std::string& value) {
  const char* first = value.data();
  const char* last = value.data() + value.size();
  switch (type) {
    case ParamType::kInteger: {
      std::int64_t parsed = 0;
      auto [end, error] = std::from_chars(first, last, parsed);
      return error == std::errc{} && end == last;
    }
    case ParamType::kReal: {
      double parsed = 0;
      auto [end, error] = std::from_chars(first, last, parsed);
      return error == std::errc{} && end == last;
    }
    case ParamType::kBool:
      return value == "true" || value == "false";
    case ParamType::kString:
      return true;
  }
  return false;
}

}  // namespace

std::string to_string(ParamType type) {
  switch (type) {
    case ParamType::kInteger: return "integer";
    case ParamType::kReal: return "real";
    case ParamType::kBool: return "bool";
    case ParamType::kString: return "string";
  }
  return "?";
}

ParamValues complete_params(const std::vector<ParamSpec>& specs, const ParamValues& given,
                            const std::string& context) {
  return ParamValues::parse(specs, given.all(), context);
}

ParamValues ParamValues::parse(const std::vector<ParamSpec>& specs,
                               const std::map<std::string, std::string>& given,
                               const std::string& context) {
  std::vector<std::string> keys;
  for (const auto& spec : specs) keys.push_back(spec.key);
  for (const auto& [key, value] : given) {
    bool known = false;
    for (const auto& spec : specs) known = known || spec.key == key;
    if (!known) {
      const std::string valid = keys.empty() ? "none" : fmt::format("{}", fmt::join(keys, ", "));
      throw InputError("", 0, context, "unknown parameter '" + key + "'" +
                                           did_you_mean(key, keys) + "; valid: " + valid);
    }
  }
  ParamValues result;
  for (const auto& spec : specs) {
    auto it = given.find(spec.key);
    const std::string& value = it == given.end() ? spec.default_value : it->second;
    if (!parses_as(spec.type, value)) {
      throw InputError("", 0, context + "." + spec.key,
                       "expected " + to_string(spec.type) + ", got '" + value + "'");
    }
    result.values_[spec.key] = value;
  }
  return result;
}

std::int64_t ParamValues::integer(const std::string& key) const {
  const std::string& value = text(key);
  std::int64_t parsed = 0;
  std::from_chars(value.data(), value.data() + value.size(), parsed);
  return parsed;
}

double ParamValues::real(const std::string& key) const {
  const std::string& value = text(key);
  double parsed = 0;
  std::from_chars(value.data(), value.data() + value.size(), parsed);
  return parsed;
}

bool ParamValues::boolean(const std::string& key) const { return text(key) == "true"; }

const std::string& ParamValues::text(const std::string& key) const {
  auto it = values_.find(key);
  assert(it != values_.end() && "parameter read that was never declared");
  return it->second;
}

NamedParams parse_named_params(const std::string& text, const std::string& context) {
  NamedParams result;
  std::size_t start = 0;
  std::size_t colon = text.find(':');
  result.name = text.substr(0, colon);
  while (colon != std::string::npos) {
    start = colon + 1;
    colon = text.find(':', start);
    const std::string pair = text.substr(start, colon == std::string::npos ? colon : colon - start);
    const std::size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw InputError("", 0, context, "expected key=value after ':', got '" + pair + "'");
    }
    result.params[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  return result;
}

}  // namespace podsim
