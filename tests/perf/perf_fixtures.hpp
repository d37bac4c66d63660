#pragma once
// Machines for the performance-model tests.
#include <string>

#include "topology/topology.hpp"

namespace podsim::test {

inline Topology superpod() {
  return load_topology(std::string(PODSIM_SOURCE_DIR) + "/configs/dgx-h100-superpod.yaml");
}

// Two SUs of two DGX-like nodes (8 GPUs, 8 x 400 Gb/s rails), 8 leaves per SU, 2 spines, leaf
// uplinks 2:1 oversubscribed: each leaf has 2 x 400 down and 2 x 200 up, so an SU has
// 8 x 2 x 200 = 3,200 Gb/s of uplinks for its 16 GPUs: 200 Gb/s per GPU when all send.
inline Topology two_to_one() {
  return parse_topology(R"(
name: two-to-one
gpu_types: {H100: {speed: 1.0}, A100: {speed: 0.5}}
node_types:
  dgx: {gpu_type: H100, gpus: 8, nvlink_gbps: 7200, nics: 8, nic_gbps: 400}
  slow: {gpu_type: A100, gpus: 8, nvlink_gbps: 4800, nics: 8, nic_gbps: 200}
levels:
  - {name: su, leaf_switches: 8, rails: true, uplink_oversubscription: 2.0}
  - {name: spine, switches: 2}
groups:
  su1: {nodes: "a[1-2]", type: dgx}
  su2: {nodes: "b[1-2]", type: dgx}
  su3: {nodes: "c[1-2]", type: slow}
)",
                        "two_to_one");
}

}  // namespace podsim::test
