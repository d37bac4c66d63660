#pragma once
// ShapedPlacement: what the strategies that pick nodes for a job's shape share (best-fit,
// spread, random, topology): the `gpus_per_node` / `split` options and their parameters (see
// node_picker.hpp), the node picker's scratch, and so how far they keep a job on one node.
#include <vector>

#include "placement/node_picker.hpp"
#include "placement/placement_strategy.hpp"

namespace podsim {

class ShapedPlacement : public PlacementStrategy {
 public:
  explicit ShapedPlacement(ShapeOptions options) : options_(options) {}
  static std::vector<ParamSpec> params() { return shape_param_specs(); }

  int kept_on_one_node_up_to(const Cluster& cluster) const override {
    return podsim::kept_on_one_node_up_to(cluster, options_);
  }

 protected:
  const ShapeOptions& options() const { return options_; }
  NodePicker& picker() { return picker_; }

 private:
  ShapeOptions options_;
  NodePicker picker_;
};

}  // namespace podsim
