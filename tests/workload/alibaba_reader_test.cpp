// Alibaba PAI 2023 pod-list reader against tests/fixtures/workload/alibaba_pods.csv:
//   line 2 pod 17  8 GPUs, created = scheduled 9437497, deleted 10769854
//   line 3 pod 22  1 GPU at gpu_milli 220 (fractional), gpu_spec "nan"
//   line 4 pod 35  1 whole GPU, gpu_spec V100M16|V100M32, scheduled 5 s after creation
//   line 5 pod 40  num_gpu 0 -> rejected (CPU-only)
//   line 6 pod 61  scheduled_time empty -> rejected (never scheduled)
//   line 7 pod 70  deleted before scheduled -> rejected
//   line 8 pod 80  gpu_milli 500 (fractional), created 0, scheduled 10, deleted 50
#include "workload/alibaba_reader.hpp"

#include <gtest/gtest.h>

#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::find_rejected;
using testing::fixture;
using testing::has_warning;
using testing::write_scratch;

TEST(AlibabaReader, ReadsPodsIntoWholeGpuJobs) {
  const Workload w = read_alibaba(fixture("alibaba_pods.csv"), {});
  EXPECT_EQ(w.record_count(), 7u);
  ASSERT_EQ(w.jobs.size(), 4u);
  EXPECT_EQ(w.jobs[0].trace_id, 80);
  EXPECT_EQ(w.jobs[1].trace_id, 17);
  EXPECT_EQ(w.jobs[2].trace_id, 22);
  EXPECT_EQ(w.jobs[3].trace_id, 35);

  const JobSpec& p80 = w.jobs[0];
  EXPECT_EQ(p80.submit, 0);
  EXPECT_EQ(p80.gpus, 1);                    // half a GPU asked, a whole one held
  EXPECT_EQ(p80.runtime, from_seconds(40));  // deletion - scheduled, not - creation
  EXPECT_EQ(p80.estimate, p80.runtime);
  EXPECT_EQ(p80.source_line, 8);

  const JobSpec& p17 = w.jobs[1];
  EXPECT_EQ(p17.submit, from_seconds(9437497));
  EXPECT_EQ(p17.gpus, 8);
  EXPECT_EQ(p17.runtime, from_seconds(10769854 - 9437497));
  EXPECT_EQ(p17.gpu_type, kNoGpuType);

  const JobSpec& p22 = w.jobs[2];
  EXPECT_EQ(p22.gpus, 1);
  EXPECT_EQ(p22.gpu_type, kNoGpuType);  // "nan" is no constraint
  EXPECT_EQ(p22.runtime, from_seconds(9973826 - 9679175));

  const JobSpec& p35 = w.jobs[3];
  EXPECT_EQ(p35.submit, from_seconds(9967058));
  EXPECT_EQ(p35.runtime, from_seconds(9968575 - 9967063));
  EXPECT_EQ(w.gpu_types.at(p35.gpu_type), "V100M16|V100M32");
  EXPECT_EQ(p35.user, 0u);
  EXPECT_EQ(p35.model, 0u);

  ASSERT_EQ(w.rejected.size(), 3u);
  EXPECT_EQ(find_rejected(w, 40)->reason, "CPU-only pod (num_gpu = 0)");
  EXPECT_EQ(find_rejected(w, 40)->source_line, 5);
  EXPECT_EQ(find_rejected(w, 61)->reason, "never scheduled (scheduled_time empty)");
  EXPECT_EQ(find_rejected(w, 61)->submit, from_seconds(10001278));
  EXPECT_EQ(find_rejected(w, 61)->gpus, 1);
  EXPECT_EQ(find_rejected(w, 70)->reason, "deletion_time before scheduled_time (400 < 450)");

  ASSERT_EQ(w.warnings.size(), 2u);
  EXPECT_EQ(w.warnings[0],
            "2 pods asked for a fraction of a GPU (gpu_milli < 1000; 0.72 GPUs' worth in total); "
            "podsim allocates whole GPUs, so they hold 2 GPUs, overstating their demand by 1.28 "
            "GPUs");
  EXPECT_NE(w.warnings[1].find("4 jobs have no requested time (alibaba traces"), std::string::npos);
}

TEST(AlibabaReader, UnknownRuntimeRunsUnscheduledPods) {
  TraceOptions options;
  options.unknown_runtime = from_seconds(5);
  const Workload w = read_alibaba(fixture("alibaba_pods.csv"), options);
  EXPECT_EQ(w.jobs.size(), 5u);
  const JobSpec* p61 = testing::find_job(w, 61);
  ASSERT_NE(p61, nullptr);
  EXPECT_EQ(p61->runtime, from_seconds(5));
  EXPECT_TRUE(has_warning(w, "1 records have no runtime in the trace"));
}

TEST(AlibabaReader, MoreRejections) {
  const auto path =
      write_scratch("pods.csv",
                    "name,num_gpu,gpu_milli,creation_time,deletion_time,scheduled_time\n"
                    "p-1,1,0,0,10,0\n"      // gpu_milli 0 with a GPU
                    "p-2,1,1500,0,10,0\n"   // more than one GPU's worth
                    "p-3,-2,1000,0,10,0\n"  // negative count
                    "p-4,1,,0,10,0\n"       // empty gpu_milli: whole GPUs
                    "p-5,1,1000,,10,0\n"    // no creation time
                    "p-6,1,1000,5,,5\n"     // never deleted
                    "pod,2,1000,5,8,6\n");  // no number in the name: the data row
  const Workload w = read_alibaba(path, {});
  EXPECT_EQ(find_rejected(w, 1)->reason,
            "gpu_milli out of range (gpu_milli = 0; expected 1..1000)");
  EXPECT_EQ(find_rejected(w, 2)->reason,
            "gpu_milli out of range (gpu_milli = 1500; expected 1..1000)");
  EXPECT_EQ(find_rejected(w, 3)->reason, "GPU count negative (num_gpu = -2)");
  EXPECT_EQ(find_rejected(w, 5)->reason, "creation_time missing");
  EXPECT_EQ(find_rejected(w, 6)->reason, "never deleted (deletion_time empty)");
  ASSERT_EQ(w.jobs.size(), 2u);
  EXPECT_EQ(w.jobs[0].trace_id, 4);
  EXPECT_EQ(w.jobs[0].gpus, 1);
  EXPECT_EQ(w.jobs[1].trace_id, 7);
  EXPECT_EQ(w.jobs[1].runtime, from_seconds(2));
  EXPECT_FALSE(has_warning(w, "fraction"));
}

TEST(AlibabaReader, ListsWithoutTimesAreRefusedAtTheHeader) {
  // The sampled lists (openb_pod_list_multigpu50.csv) have no time columns.
  const auto path = write_scratch("sampled.csv",
                                  "name,cpu_milli,memory_mib,num_gpu,gpu_milli\n"
                                  "openb-pod-0000,12000,16384,1,1000\n");
  expect_input_error([&] { read_alibaba(path, {}); }, 1, "creation_time",
                     "missing required column 'creation_time'");
}

TEST(AlibabaReader, MalformedValuesNameLineAndColumn) {
  const auto gpus =
      write_scratch("gpus.csv",
                    "name,num_gpu,gpu_milli,creation_time,deletion_time,scheduled_time\n"
                    "p-1,1,1000,0,10,0\np-2,1.5,1000,0,10,0\n");
  expect_input_error([&] { read_alibaba(gpus, {}); }, 3, "num_gpu", "found '1.5'");
  const auto time =
      write_scratch("time.csv",
                    "name,num_gpu,gpu_milli,creation_time,deletion_time,scheduled_time\n"
                    "p-1,1,1000,0,soon,0\n");
  expect_input_error([&] { read_alibaba(time, {}); }, 2, "deletion_time", "found 'soon'");
  TraceOptions params;
  params.params["x"] = "1";
  expect_input_error([&] { read_alibaba(fixture("alibaba_pods.csv"), params); }, 0,
                     "trace format alibaba", "unknown parameter 'x'");
}

}  // namespace
}  // namespace podsim
