// Traces recorded on other GPUs: their runtimes restated at the reference (H100) speed.
#include "workload/gpu_speeds.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "workload/trace_reader.hpp"

namespace podsim {
namespace {

TEST(GpuSpeeds, NamesAndNumbers) {
  EXPECT_DOUBLE_EQ(recorded_gpu_speed("H100", "k"), 1.0);
  EXPECT_DOUBLE_EQ(recorded_gpu_speed("a100", "k"), 0.333);  // case does not matter
  EXPECT_DOUBLE_EQ(recorded_gpu_speed("V100", "k"), 0.333 / 2.5);
  EXPECT_DOUBLE_EQ(recorded_gpu_speed("B200", "k"), 2.0);
  EXPECT_DOUBLE_EQ(recorded_gpu_speed("0.25", "k"), 0.25);
  for (const char* bad : {"V10", "0", "-1", "101", "1e999", "fast", ""}) {
    try {
      recorded_gpu_speed(bad, "--trace-gpu");
      ADD_FAILURE() << bad;
    } catch (const InputError& error) {
      EXPECT_EQ(error.key(), "--trace-gpu");
      EXPECT_NE(error.message().find("V100, V100-SXM2, A100"), std::string::npos) << bad;
    }
  }
}

TEST(GpuSpeeds, RuntimesAndEstimatesAreRestatedAtTheReferenceSpeed) {
  const TraceRegistry registry = make_trace_registry();
  const std::string swf = std::string(PODSIM_FIXTURES) + "/workload/small.swf";
  const Workload as_recorded = read_trace(registry, swf, "", {});
  TraceOptions on_v100;
  on_v100.recorded_speed = recorded_gpu_speed("V100", "k");
  const Workload restated = read_trace(registry, swf, "", on_v100);
  ASSERT_EQ(restated.jobs.size(), as_recorded.jobs.size());
  for (std::size_t i = 0; i < restated.jobs.size(); ++i) {
    const JobSpec& a = as_recorded.jobs[i];
    const JobSpec& b = restated.jobs[i];
    EXPECT_EQ(b.submit, a.submit);  // arrivals are not touched
    EXPECT_NEAR(static_cast<double>(b.runtime),
                static_cast<double>(a.runtime) * on_v100.recorded_speed, 0.5);
    EXPECT_NEAR(static_cast<double>(b.estimate),
                static_cast<double>(a.estimate) * on_v100.recorded_speed, 0.5);
    EXPECT_LE(b.runtime, b.estimate);
    if (a.runtime > 0) {
      EXPECT_GE(b.runtime, 1);
    }
  }
  EXPECT_NE(restated.source.find("recorded at speed 0.133"), std::string::npos) << restated.source;
}

}  // namespace
}  // namespace podsim
