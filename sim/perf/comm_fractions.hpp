#pragma once
// CommFractions: the share of a training step a model spends communicating at its consolidated
// placement (f in DESIGN section 7), by model name, read from configs/models.yaml.
//
// Names match loosely: lower case, letters and digits only, and the longest table key that
// starts the job's model name wins, so "ResNet-50 (batch size 128)" finds "resnet50".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podsim {

class CommFractions {
 public:
  CommFractions() = default;

  // Parses a models YAML file: `models: {name: {comm_fraction: f, ...}}` plus an optional
  // top-level `default_comm_fraction`. Throws InputError with line and key.
  static CommFractions load(const std::string& path);
  static CommFractions parse(const std::string& yaml_text, const std::string& source_name);
  // configs/models.yaml as compiled into the binary.
  static CommFractions builtin();

  void add(std::string_view name, double fraction);
  std::optional<double> find(std::string_view model_name) const;  // O(entries)

  std::optional<double> default_fraction() const { return default_fraction_; }
  void set_default_fraction(double fraction) { default_fraction_ = fraction; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string key;  // normalised
    double fraction;
  };
  std::vector<Entry> entries_;
  std::optional<double> default_fraction_;
};

// The text of configs/models.yaml at build time.
std::string_view embedded_models_yaml();

// "ResNet-50 (batch size 128)" -> "resnet50batchsize128".
std::string normalise_model_name(std::string_view name);

}  // namespace podsim
