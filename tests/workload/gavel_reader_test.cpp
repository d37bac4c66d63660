// Gavel .trace reader against hand-made fixtures:
//   gavel_small.trace (7-field MSR layout), lines (0-based job index = line - 1):
//     1 job 0  ResNet-18 (batch size 32), 1000 steps, arrival 0, 1 GPU
//     2 job 1  A3C, 500 steps, arrival 10.5, 2 GPUs
//     3 job 2  LM (batch size 20), 0 steps -> rejected
//     4 job 3  Transformer (batch size 64), scale factor 0 -> rejected
//     5 job 4  CycleGAN, 250 steps, arrival 30, 8 GPUs
//   gavel_later.trace (9-field layout): ResNet-50 (batch size 64), 700 steps, 4 GPUs, arrival 12.5
//   gavel_throughputs.json: v100 ResNet-18/1 = 8 steps/s, A3C/2 = 3, CycleGAN/8 = 0; k80
//   ResNet-18/1 = 2
#include "workload/gavel_reader.hpp"

#include <gtest/gtest.h>

#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::find_job;
using testing::find_rejected;
using testing::fixture;
using testing::has_warning;
using testing::write_scratch;

TEST(GavelReader, ReadsTheMsrLayoutWithStepsAsSeconds) {
  const Workload w = read_gavel(fixture("gavel_small.trace"), {});
  EXPECT_EQ(w.record_count(), 5u);
  ASSERT_EQ(w.jobs.size(), 3u);
  const JobSpec& a = w.jobs[0];
  EXPECT_EQ(a.trace_id, 0);
  EXPECT_EQ(a.submit, 0);
  EXPECT_EQ(a.gpus, 1);
  EXPECT_EQ(a.runtime, from_seconds(1000));
  EXPECT_EQ(a.estimate, a.runtime);
  EXPECT_EQ(w.models.at(a.model), "ResNet-18 (batch size 32)");
  EXPECT_EQ(a.source_line, 1);
  const JobSpec& b = w.jobs[1];
  EXPECT_EQ(b.trace_id, 1);
  EXPECT_EQ(b.submit, 10'500'000);
  EXPECT_EQ(b.gpus, 2);
  EXPECT_EQ(b.runtime, from_seconds(500));
  EXPECT_EQ(w.models.at(b.model), "A3C");
  const JobSpec& c = w.jobs[2];
  EXPECT_EQ(c.trace_id, 4);
  EXPECT_EQ(c.gpus, 8);
  EXPECT_EQ(c.submit, from_seconds(30));
  EXPECT_EQ(c.source_line, 5);

  EXPECT_EQ(find_rejected(w, 2)->reason, "no work (total_steps = 0)");
  EXPECT_EQ(find_rejected(w, 2)->gpus, 4);
  EXPECT_EQ(find_rejected(w, 3)->reason, "scale factor below 1 (scale_factor = 0)");
  EXPECT_EQ(find_rejected(w, 3)->submit, from_seconds(5));
  EXPECT_TRUE(has_warning(w, "runtimes are total_steps / 1 steps/s for every job"));
}

TEST(GavelReader, StepsPerSecondScalesEveryRuntime) {
  TraceOptions options;
  options.params["steps_per_second"] = "4";
  const Workload w = read_gavel(fixture("gavel_small.trace"), options);
  EXPECT_EQ(find_job(w, 0)->runtime, from_seconds(250));
  EXPECT_EQ(find_job(w, 4)->runtime, 62'500'000);
  options.params["steps_per_second"] = "0";
  expect_input_error([&] { read_gavel(fixture("gavel_small.trace"), options); }, 0,
                     "trace format gavel.steps_per_second", "expected a number > 0");
}

TEST(GavelReader, ThroughputsFileGivesPerModelRuntimes) {
  TraceOptions options;
  options.params["throughputs"] = fixture("gavel_throughputs.json");
  const Workload w = read_gavel(fixture("gavel_small.trace"), options);
  ASSERT_EQ(w.jobs.size(), 2u);
  EXPECT_EQ(find_job(w, 0)->runtime, from_seconds(125));  // 1000 / 8
  EXPECT_EQ(find_job(w, 1)->runtime, 166'666'667);        // 500 / 3, to the microsecond
  EXPECT_EQ(find_rejected(w, 4)->reason,
            "throughput of ('CycleGAN', 8) on v100 is 0 (infeasible in Gavel)");
  EXPECT_TRUE(has_warning(w, "isolated throughput on v100"));

  options.params["worker_type"] = "k80";
  const Workload k80 = read_gavel(fixture("gavel_small.trace"), options);
  EXPECT_EQ(find_job(k80, 0)->runtime, from_seconds(500));
  EXPECT_EQ(find_rejected(k80, 1)->reason,
            "no throughput for ('A3C', 2) on k80 in the throughputs file");

  options.params["worker_type"] = "v10";
  expect_input_error([&] { read_gavel(fixture("gavel_small.trace"), options); }, 0,
                     "trace format gavel.worker_type", "(did you mean 'v100'?)");
  options.params["worker_type"] = "v100";
  options.params["throughputs"] = write_scratch("bad.json", "{\"v100\": {\"ResNet\": 1}}");
  expect_input_error([&] { read_gavel(fixture("gavel_small.trace"), options); }, 0, "v100.ResNet",
                     "expected a key like");
  options.params["throughputs"] = write_scratch("broken.json", "{\"v100\": ");
  expect_input_error([&] { read_gavel(fixture("gavel_small.trace"), options); }, 0, "",
                     "not valid JSON");
}

TEST(GavelReader, ReadsTheLaterNineFieldLayout) {
  const Workload w = read_gavel(fixture("gavel_later.trace"), {});
  ASSERT_EQ(w.jobs.size(), 1u);
  EXPECT_EQ(w.jobs[0].gpus, 4);
  EXPECT_EQ(w.jobs[0].submit, 12'500'000);
  EXPECT_EQ(w.jobs[0].runtime, from_seconds(700));
  EXPECT_EQ(w.models.at(w.jobs[0].model), "ResNet-50 (batch size 64)");
}

TEST(GavelReader, MalformedLinesNameLineAndField) {
  const auto fields = write_scratch("fields.trace", "A3C\tcmd\t-n\t0\t10\t0\n");
  expect_input_error([&] { read_gavel(fields, {}); }, 1, "", "expected 7 tab-separated fields");
  const auto mixed =
      write_scratch("mixed.trace", "A3C\tcmd\t-n\t0\t10\t0\t1\nA3C\tcmd\t-n\t0\t10\t0\t1\t1\t2\n");
  expect_input_error([&] { read_gavel(mixed, {}); }, 2, "", "as on the first line, found 9");
  const auto steps = write_scratch("steps.trace", "A3C\tcmd\t-n\t0\tmany\t0\t1\n");
  expect_input_error([&] { read_gavel(steps, {}); }, 1, "total_steps", "found 'many'");
  const auto arrival = write_scratch("arrival.trace", "A3C\tcmd\t-n\t0\t10\tnow\t1\n");
  expect_input_error([&] { read_gavel(arrival, {}); }, 1, "arrival_time", "found 'now'");
}

}  // namespace
}  // namespace podsim
