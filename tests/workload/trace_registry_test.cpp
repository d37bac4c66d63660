#include <gtest/gtest.h>

#include "workload/trace_reader.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::fixture;

TEST(TraceRegistry, HoldsTheBuiltInFormats) {
  const TraceRegistry registry = make_trace_registry();
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"csv", "swf"}));
  EXPECT_NE(registry.help().find("units_per_gpu"), std::string::npos);
}

TEST(TraceRegistry, DetectsFormatFromTheName) {
  EXPECT_EQ(detect_trace_format("a/KTH.swf"), "swf");
  EXPECT_EQ(detect_trace_format("NASA.swf.gz"), "swf");
  EXPECT_EQ(detect_trace_format("LOG.SWF"), "swf");
  EXPECT_EQ(detect_trace_format("jobs.csv"), "csv");
  EXPECT_EQ(detect_trace_format("jobs.csv.gz"), "csv");
  EXPECT_EQ(detect_trace_format("jobs.txt"), "");
  EXPECT_EQ(detect_trace_format("swf"), "");
}

TEST(TraceRegistry, ReadsByDetectedOrNamedFormat) {
  const TraceRegistry registry = make_trace_registry();
  EXPECT_EQ(read_trace(registry, fixture("small.swf"), "", {}).jobs.size(), 7u);
  EXPECT_EQ(read_trace(registry, fixture("small.csv"), "csv", {}).jobs.size(), 3u);
  const auto renamed = testing::write_scratch("trace.log", "submit_s,gpus,runtime_s\n0,1,1\n");
  EXPECT_EQ(read_trace(registry, renamed, "csv", {}).jobs.size(), 1u);
  expect_input_error([&] { read_trace(registry, renamed, "", {}); }, 0, "format",
                     "one of: csv, swf");
  expect_input_error([&] { read_trace(registry, renamed, "sfw", {}); }, 0, "trace format",
                     "unknown trace format 'sfw' (did you mean 'swf'?)");
}

}  // namespace
}  // namespace podsim
