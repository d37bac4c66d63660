#include <gtest/gtest.h>

#include "workload/trace_reader.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::fixture;
using testing::write_scratch;

TEST(TraceRegistry, HoldsTheBuiltInFormats) {
  const TraceRegistry registry = make_trace_registry();
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"alibaba", "csv", "gavel", "helios",
                                                        "philly", "sia", "swf"}));
  EXPECT_NE(registry.help().find("units_per_gpu"), std::string::npos);
  EXPECT_NE(registry.help().find("time_unit=auto"), std::string::npos);
  EXPECT_NE(registry.help().find("steps_per_second=1"), std::string::npos);
}

TEST(TraceRegistry, DetectsFormatFromTheName) {
  EXPECT_EQ(detect_trace_format("a/KTH.swf"), "swf");
  EXPECT_EQ(detect_trace_format("NASA.swf.gz"), "swf");
  EXPECT_EQ(detect_trace_format("LOG.SWF"), "swf");
  EXPECT_EQ(detect_trace_format("jobs.csv"), "csv");  // unreadable: the native reader reports
  EXPECT_EQ(detect_trace_format("jobs.csv.gz"), "csv");
  EXPECT_EQ(detect_trace_format("seed0.trace"), "gavel");
  EXPECT_EQ(detect_trace_format("jobs.txt"), "");
  EXPECT_EQ(detect_trace_format("swf"), "");
}

TEST(TraceRegistry, LoadFactorCompressesArrivalsKeepingOrderAndRuntimes) {
  const TraceRegistry registry = make_trace_registry();
  const auto path = testing::write_scratch(
      "arrivals.csv", "submit_s,gpus,runtime_s\n100,1,50\n110,2,60\n111,1,70\n400,4,80\n");
  TraceOptions options;
  options.load_factor = 4;
  const Workload as_recorded = read_trace(registry, path, "csv", {});
  const Workload busier = read_trace(registry, path, "csv", options);
  ASSERT_EQ(busier.jobs.size(), 4u);
  // The first arrival stays; the gaps shrink 4x (11 s / 4 = 2.75 s, to the microsecond).
  EXPECT_EQ(busier.jobs[0].submit, from_seconds(100));
  EXPECT_EQ(busier.jobs[1].submit, parse_seconds("102.5"));
  EXPECT_EQ(busier.jobs[2].submit, parse_seconds("102.75"));
  EXPECT_EQ(busier.jobs[3].submit, from_seconds(175));
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(busier.jobs[i].runtime, as_recorded.jobs[i].runtime);
    EXPECT_EQ(busier.jobs[i].gpus, as_recorded.jobs[i].gpus);
  }
  EXPECT_NE(busier.source.find("load x4"), std::string::npos) << busier.source;
}

TEST(TraceRegistry, ReadsByDetectedOrNamedFormat) {
  const TraceRegistry registry = make_trace_registry();
  EXPECT_EQ(read_trace(registry, fixture("small.swf"), "", {}).jobs.size(), 7u);
  EXPECT_EQ(read_trace(registry, fixture("small.csv"), "csv", {}).jobs.size(), 3u);
  const auto renamed = testing::write_scratch("trace.log", "submit_s,gpus,runtime_s\n0,1,1\n");
  EXPECT_EQ(read_trace(registry, renamed, "csv", {}).jobs.size(), 1u);
  expect_input_error([&] { read_trace(registry, renamed, "", {}); }, 0, "format",
                     "one of: alibaba, csv, gavel, helios, philly, sia, swf");
  expect_input_error([&] { read_trace(registry, renamed, "svf", {}); }, 0, "trace format",
                     "unknown trace format 'svf' (did you mean 'swf'?)");
  expect_input_error([&] { read_trace(registry, renamed, "phily", {}); }, 0, "trace format",
                     "(did you mean 'philly'?)");
}

// A repeated job id, in any format that carries ids, names the repeat's line and the first's,
// whether the records run or are rejected and however their submit times sort them.
TEST(TraceRegistry, ARepeatedJobIdNamesBothLines) {
  const TraceRegistry registry = make_trace_registry();
  const std::string swf = write_scratch("dup.swf",
                                        "; MaxProcs: 16\n"
                                        "7 50 -1 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                                        "8 10 -1 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                                        "9 20 -1 -1 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                                        "7 0 -1 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                                        "9 30 -1 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n");
  expect_input_error([&] { read_trace(registry, swf, "", {}); }, 5, "",
                     "job id 7 appears again (first on line 2)");
  // Id 9: once rejected (unknown runtime), once run; ids otherwise in order (the fast path).
  const std::string mixed = write_scratch("mixed.swf",
                                          "1 0 -1 -1 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                                          "2 10 -1 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                                          "2 20 -1 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n");
  expect_input_error([&] { read_trace(registry, mixed, "", {}); }, 3, "",
                     "job id 2 appears again (first on line 2)");
  const std::string rejected_twice =
      write_scratch("rejected.swf",
                    "4 0 -1 -1 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                    "5 10 -1 100 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n"
                    "4 20 -1 -1 4 -1 -1 4 200 -1 1 1 1 -1 -1 1 -1 -1\n");
  expect_input_error([&] { read_trace(registry, rejected_twice, "", {}); }, 3, "",
                     "job id 4 appears again (first on line 1)");
  const std::string csv = write_scratch("dup.csv",
                                        "id,submit_s,gpus,runtime_s\n"
                                        "12,0,1,10\n"
                                        "13,5,1,10\n"
                                        "12,9,1,10\n");
  expect_input_error([&] { read_trace(registry, csv, "", {}); }, 4, "",
                     "job id 12 appears again (first on line 2)");
  const std::string philly =
      write_scratch("dup_philly.csv",
                    "job_id,num_gpu,submit_time,iterations,model_name,duration,interval\n"
                    "3,1,0,10,vgg19,100,30\n"
                    "3,1,5,10,vgg19,100,30\n");
  expect_input_error([&] { read_trace(registry, philly, "", {}); }, 3, "",
                     "job id 3 appears again (first on line 2)");
  // Without an id column, native CSV numbers the rows: no repeats.
  const std::string no_ids =
      write_scratch("no_ids.csv", "submit_s,gpus,runtime_s\n0,1,10\n0,1,10\n");
  EXPECT_EQ(read_trace(registry, no_ids, "", {}).jobs.size(), 2u);
}

TEST(TraceRegistry, DetectsCsvDialectsByTheirHeader) {
  EXPECT_EQ(detect_trace_format(fixture("small.csv")), "csv");
  EXPECT_EQ(detect_trace_format(fixture("philly_muri.csv")), "philly");
  EXPECT_EQ(detect_trace_format(fixture("philly_tiresias.csv")), "philly");
  EXPECT_EQ(detect_trace_format(fixture("alibaba_pods.csv")), "alibaba");
  EXPECT_EQ(detect_trace_format(fixture("helios_cluster_log.csv")), "helios");
  EXPECT_EQ(detect_trace_format(fixture("sia_workload.csv")), "sia");
  EXPECT_EQ(detect_trace_format(fixture("gavel_small.trace")), "gavel");
  // Header-less or unknown layouts fall to the native reader, which names the bad column.
  const auto other = testing::write_scratch("other.csv", "jobid,gpus\n1,2\n");
  EXPECT_EQ(detect_trace_format(other), "csv");
  const auto quoted = testing::write_scratch("quoted.csv",
                                             "\"name\",\"time\",\"application\","
                                             "\"num_replicas\"\n");
  EXPECT_EQ(detect_trace_format(quoted), "sia");
}

TEST(TraceRegistry, FormatParametersTravelWithTheName) {
  const TraceRegistry registry = make_trace_registry();
  const Workload ms =
      read_trace(registry, fixture("philly_tiresias.csv"), "philly:time_unit=ms", {});
  EXPECT_EQ(ms.jobs.back().submit, 30'250);
  TraceOptions options;
  options.params["time_unit"] = "ms";
  const Workload s =
      read_trace(registry, fixture("philly_tiresias.csv"), "philly:time_unit=s", options);
  EXPECT_EQ(s.jobs.back().submit, 30'250'000);  // the format string wins over options.params
  expect_input_error([&] { read_trace(registry, fixture("small.csv"), "csv:time_unit=ms", {}); }, 0,
                     "trace format csv", "unknown parameter 'time_unit'; valid: none");
  expect_input_error(
      [&] { read_trace(registry, fixture("philly_muri.csv"), "philly:time_unit", {}); }, 0,
      "--format", "expected key=value");
  // units_per_gpu as a parameter sets the option (SWF declares it).
  const Workload swf = read_trace(registry, fixture("small.swf"), "swf:units_per_gpu=4", {});
  const Workload swf1 = read_trace(registry, fixture("small.swf"), "swf", {});
  ASSERT_EQ(swf.jobs.size(), swf1.jobs.size());
  EXPECT_EQ(swf1.jobs[0].gpus, 8);
  EXPECT_EQ(swf.jobs[0].gpus, 2);
  expect_input_error([&] { read_trace(registry, fixture("small.swf"), "swf:units_per_gpu=0", {}); },
                     0, "units_per_gpu", "expected an integer >= 1");
}

}  // namespace
}  // namespace podsim
