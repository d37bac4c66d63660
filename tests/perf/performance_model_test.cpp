// Hand-computed stretch values, stretch = (1 - f) / speed + f * B_ref / B_eff.
#include "perf/performance_model.hpp"

#include <gtest/gtest.h>

#include "perf/perf_fixtures.hpp"
#include "support/tiny_workload.hpp"

namespace podsim::test {
namespace {

PerfOptions static_model() {
  PerfOptions options;
  options.contention = false;
  return options;
}

JobSpec job_of(int gpus, double f) {
  JobSpec job;
  job.gpus = gpus;
  job.comm_fraction = f;
  return job;
}

TEST(PerformanceModel, EightGpusOnOneNodeRunAtTraceSpeed) {
  const Topology machine = superpod();
  const Workload workload;
  const PerformanceModel model(machine, workload, static_model());
  EXPECT_DOUBLE_EQ(model.stretch(job_of(8, 0.3), {{0, 8}}), 1.0);
}

TEST(PerformanceModel, EightGpusSplitOverTwoNodesTalkOverTheNics) {
  // B_ref = NVLink 7,200 Gb/s per GPU; B_eff = one 400 Gb/s NIC per GPU.
  // stretch = 0.7 + 0.3 * 7200 / 400 = 6.1
  const Topology machine = superpod();
  const Workload workload;
  const PerformanceModel model(machine, workload, static_model());
  const Allocation split = {{0, 4}, {1, 4}};
  EXPECT_DOUBLE_EQ(model.reference_gbps(job_of(8, 0.3), split), 7200.0);
  EXPECT_DOUBLE_EQ(model.effective_gbps(split), 400.0);
  EXPECT_NEAR(model.stretch(job_of(8, 0.3), split), 6.1, 1e-12);
}

TEST(PerformanceModel, SixteenGpusOnTwoNodesOfOneSuAreConsolidated) {
  // More than a node: the best placement already uses the NICs, and one SU is non-blocking.
  const Topology machine = superpod();
  const Workload workload;
  const PerformanceModel model(machine, workload, static_model());
  EXPECT_DOUBLE_EQ(model.stretch(job_of(16, 0.3), {{0, 8}, {1, 8}}), 1.0);
  // Across two SUs of the non-blocking SuperPOD: 16 x 16 x 800 Gb/s of uplinks for 256 GPUs
  // (su1) is 800 per GPU, more than the NIC: still 1.0.
  EXPECT_DOUBLE_EQ(model.stretch(job_of(16, 0.3), {{0, 8}, {32, 8}}), 1.0);
}

TEST(PerformanceModel, SixteenGpusAcrossATwoToOneUplinkGetHalfTheNic) {
  // Without contention tracking, a GPU's share of a full SU's uplinks: 3,200 / 16 = 200 Gb/s.
  // stretch = 0.7 + 0.3 * 400 / 200 = 1.3
  const Topology machine = two_to_one();
  const Workload workload;
  const PerformanceModel model(machine, workload, static_model());
  const Allocation across = {{0, 8}, {2, 8}};
  EXPECT_DOUBLE_EQ(model.effective_gbps(across), 200.0);
  EXPECT_NEAR(model.stretch(job_of(16, 0.3), across), 1.3, 1e-12);
  EXPECT_DOUBLE_EQ(model.stretch(job_of(16, 0.3), {{0, 8}, {1, 8}}), 1.0);  // inside su1
}

TEST(PerformanceModel, SlowerGpusScaleTheComputePart) {
  // A100 speed 0.5 on one node: 0.7 / 0.5 + 0.3 = 1.7. A job spanning H100 and A100 nodes
  // runs at the slower GPU's pace.
  const Topology machine = two_to_one();
  const Workload workload;
  const PerformanceModel model(machine, workload, static_model());
  EXPECT_NEAR(model.stretch(job_of(8, 0.3), {{4, 8}}), 1.7, 1e-12);
  EXPECT_NEAR(model.stretch(job_of(8, 0.0), {{0, 4}, {4, 4}}), 2.0, 1e-12);
}

TEST(PerformanceModel, FractionComesFromTheJobThenItsModelThenTheDefault) {
  const Topology machine = superpod();
  Workload workload;
  workload.models = {"", "VGG-16 (batch size 64)", "mystery-net"};
  PerfOptions options = static_model();
  options.models = CommFractions::parse("models: {vgg: {comm_fraction: 0.5}}", "inline");
  options.default_comm_fraction = 0.2;
  const PerformanceModel model(machine, workload, options);
  JobSpec job = job_of(8, 0.3);
  job.model = 1;
  EXPECT_DOUBLE_EQ(model.comm_fraction(job), 0.3);
  job.comm_fraction = kUnknownCommFraction;
  EXPECT_DOUBLE_EQ(model.comm_fraction(job), 0.5);
  job.model = 2;
  EXPECT_DOUBLE_EQ(model.comm_fraction(job), 0.2);
}

TEST(PerformanceModel, FlatMachinesAreTrivial) {
  const Topology machine = Topology::flat(64);
  const Workload workload;
  const PerformanceModel model(machine, workload, PerfOptions{});
  EXPECT_TRUE(model.trivial());
  EXPECT_DOUBLE_EQ(model.stretch(job_of(64, 0.5), {{0, 64}}), 1.0);
  EXPECT_FALSE(PerformanceModel(superpod(), workload, PerfOptions{}).trivial());
}

}  // namespace
}  // namespace podsim::test
