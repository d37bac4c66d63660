#pragma once
// Registry<Factory>: plug-ins by name (policies, placements, trace formats, ...).
// Each entry carries a description and its declared parameters beside the factory, so
// `--policy help` can print them and an unknown name can list the valid ones with a suggestion.
// Registries are values passed in by the caller, never globals.
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/input_error.hpp"
#include "common/params.hpp"
#include "common/suggest.hpp"

namespace podsim {

template <typename Factory>
class Registry {
 public:
  struct Entry {
    std::string name;
    std::string description;
    std::vector<ParamSpec> params;
    Factory factory;
  };

  // `kind` names what the registry holds ("policy", "placement"), for messages.
  explicit Registry(std::string kind) : kind_(std::move(kind)) {}

  void add(std::string name, std::string description, std::vector<ParamSpec> params,
           Factory factory) {
    std::string key = name;
    entries_.insert_or_assign(std::move(key), Entry{std::move(name), std::move(description),
                                                     std::move(params), std::move(factory)});
  }

  // Throws InputError listing the valid names (and the closest one) when `name` is unknown.
  const Entry& at(const std::string& name) const {
    auto it = entries_.find(name);
    if (it == entries_.end()) {
      throw InputError("", 0, kind_,
                       fmt::format("unknown {} '{}'{}; valid: {}", kind_, name,
                                   did_you_mean(name, names()), fmt::join(names(), ", ")));
    }
    return it->second;
  }

  bool contains(const std::string& name) const { return entries_.count(name) != 0; }

  // Names in sorted order.
  std::vector<std::string> names() const {
    std::vector<std::string> result;
    for (const auto& [name, entry] : entries_) result.push_back(name);
    return result;
  }

  // Human-readable listing: each name, its description and its parameters.
  std::string help() const {
    std::string text;
    for (const auto& [name, entry] : entries_) {
      text += fmt::format("  {:<14} {}\n", name, entry.description);
      for (const auto& spec : entry.params) {
        text += fmt::format("      {}={} ({}) {}\n", spec.key, spec.default_value,
                            to_string(spec.type), spec.description);
      }
    }
    return text;
  }

  const std::string& kind() const { return kind_; }

 private:
  std::string kind_;
  std::map<std::string, Entry> entries_;
};

}  // namespace podsim
