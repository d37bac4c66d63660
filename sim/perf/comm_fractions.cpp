#include "perf/comm_fractions.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <cctype>

#include "common/input_error.hpp"
#include "common/input_file.hpp"
#include "common/suggest.hpp"

namespace podsim {
namespace {

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

double fraction_at(const YAML::Node& node, const std::string& source, const std::string& key) {
  double value = -1;
  try {
    value = node.as<double>();
  } catch (const YAML::Exception&) {
    throw InputError(source, line_of(node), key,
                     "expected a number in [0, 1], found '" + node.Scalar() + "'");
  }
  if (!(value >= 0.0 && value <= 1.0)) {
    throw InputError(source, line_of(node), key,
                     "expected a number in [0, 1], found " + node.Scalar());
  }
  return value;
}

}  // namespace

std::string normalise_model_name(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

void CommFractions::add(std::string_view name, double fraction) {
  entries_.push_back({normalise_model_name(name), fraction});
}

std::optional<double> CommFractions::find(std::string_view model_name) const {
  const std::string key = normalise_model_name(model_name);
  const Entry* best = nullptr;
  for (const Entry& entry : entries_) {
    if (key.rfind(entry.key, 0) == 0 && (best == nullptr || entry.key.size() > best->key.size())) {
      best = &entry;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->fraction;
}

CommFractions CommFractions::builtin() {
  return parse(std::string(embedded_models_yaml()), "<embedded configs/models.yaml>");
}

CommFractions CommFractions::load(const std::string& path) {
  return parse(read_input_file(path), path);
}

CommFractions CommFractions::parse(const std::string& yaml_text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& error) {
    throw InputError(source, error.mark.line + 1, "", "YAML syntax error: " + error.msg);
  }
  CommFractions table;
  if (!root.IsMap()) throw InputError(source, line_of(root), "", "expected a mapping");
  const std::vector<std::string> top_keys = {"default_comm_fraction", "models"};
  for (const auto& item : root) {
    const std::string key = item.first.Scalar();
    if (key == "default_comm_fraction") {
      table.default_fraction_ = fraction_at(item.second, source, key);
    } else if (key == "models") {
      if (!item.second.IsMap()) {
        throw InputError(source, line_of(item.second), key, "expected a mapping of model names");
      }
      for (const auto& model : item.second) {
        const std::string name = model.first.Scalar();
        const std::string path = "models." + name;
        if (!model.second.IsMap()) {
          throw InputError(source, line_of(model.second), path,
                           "expected {comm_fraction: f, source: ...}");
        }
        bool found = false;
        for (const auto& field : model.second) {
          const std::string field_key = field.first.Scalar();
          if (field_key == "comm_fraction") {
            table.add(name, fraction_at(field.second, source, path + ".comm_fraction"));
            found = true;
          } else if (field_key != "source" && field_key != "note") {
            throw InputError(source, line_of(field.first), path + "." + field_key,
                             "unknown key" +
                                 did_you_mean(field_key, {"comm_fraction", "source", "note"}) +
                                 "; expected one of: comm_fraction, source, note");
          }
        }
        if (!found) throw InputError(source, line_of(model.second), path, "missing comm_fraction");
      }
    } else {
      throw InputError(source, line_of(item.first), key,
                       "unknown key" + did_you_mean(key, top_keys) +
                           "; expected one of: " + fmt::format("{}", fmt::join(top_keys, ", ")) +
                           " (a model table such as configs/models.yaml)");
    }
  }
  return table;
}

}  // namespace podsim
