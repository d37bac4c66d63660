// The real GPU traces in ../shared/traces/gpu (never copied into the project); skipped when
// absent. Expected counts were taken independently of podsim (Python's csv module on the files;
// see each test), so they check the readers, not restate them.
#include <gtest/gtest.h>

#include "workload/alibaba_reader.hpp"
#include "workload/gavel_reader.hpp"
#include "workload/philly_reader.hpp"
#include "workload/sia_reader.hpp"
#include "workload/trace_reader.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::count_rejected;
using testing::find_job;
using testing::has_warning;

std::string shared_gpu(const std::string& name) {
  return (testing::shared_traces() / "gpu" / name).string();
}

TEST(GpuRealTraces, PhillyMuriTrace1) {
  const std::string path = shared_gpu("philly-muri/trace1.csv");
  SKIP_WITHOUT_TRACE(path);
  EXPECT_EQ(detect_trace_format(path), "philly");
  const Workload w = read_philly(path, {});
  EXPECT_EQ(w.record_count(), 1494u);  // data lines
  EXPECT_EQ(w.jobs.size(), 1494u);
  EXPECT_TRUE(w.rejected.empty());
  // Line 2: 0,1,0,5853661,dqn,128,2868294000,... (ms); line 3: job 1, 8 GPUs, submit 201694000.
  const JobSpec* first = find_job(w, 0);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->runtime, from_seconds(2868294));
  EXPECT_EQ(w.models.at(first->model), "dqn");
  EXPECT_EQ(first->priority, 1);
  EXPECT_EQ(find_job(w, 1)->submit, from_seconds(201694));
  EXPECT_EQ(find_job(w, 1)->gpus, 8);
  EXPECT_EQ(w.models.size(), 9u);  // 8 model names + unknown
  EXPECT_EQ(w.jobs.back().submit, from_seconds(10817570));
  std::int64_t gpus = 0;
  for (const JobSpec& job : w.jobs) gpus += job.gpus;
  EXPECT_EQ(gpus, 7398);  // sum of num_gpu (mean 4.95)
}

TEST(GpuRealTraces, Tiresias60Jobs) {
  const std::string path = shared_gpu("tiresias/60_job.csv");
  SKIP_WITHOUT_TRACE(path);
  const Workload w = read_trace(make_trace_registry(), path, "", {});
  EXPECT_EQ(w.jobs.size(), 60u);
  EXPECT_TRUE(w.rejected.empty());
  EXPECT_TRUE(has_warning(w, "times read in seconds"));
  EXPECT_EQ(find_job(w, 0)->runtime, from_seconds(164));
  EXPECT_EQ(find_job(w, 59)->submit, from_seconds(1779));
}

TEST(GpuRealTraces, AlibabaDefaultPods) {
  const std::string path = shared_gpu("alibaba-v2023/openb_pod_list_default.csv");
  SKIP_WITHOUT_TRACE(path);
  EXPECT_EQ(detect_trace_format(path), "alibaba");
  const Workload w = read_alibaba(path, {});
  EXPECT_EQ(w.record_count(), 8152u);
  EXPECT_EQ(w.jobs.size(), 6203u);
  EXPECT_EQ(count_rejected(w, "CPU-only pod (num_gpu = 0)"), 1088u);
  EXPECT_EQ(count_rejected(w, "never scheduled (scheduled_time empty)"), 861u);
  EXPECT_EQ(w.jobs.size() + 1088u + 861u, w.record_count());
  EXPECT_TRUE(has_warning(w,
                          "2573 pods asked for a fraction of a GPU (gpu_milli < 1000; "
                          "1486.93 GPUs' worth in total)"));
}

TEST(GpuRealTraces, AlibabaSampledListHasNoTimes) {
  const std::string path = shared_gpu("alibaba-v2023/openb_pod_list_multigpu50.csv");
  SKIP_WITHOUT_TRACE(path);
  testing::expect_input_error([&] { read_alibaba(path, {}); }, 1, "creation_time",
                              "missing required column");
}

TEST(GpuRealTraces, GavelTraces) {
  for (const auto& [name, lines, max_gpus] :
       {std::tuple{"seed0_0e4a51.trace", 1181u, 8}, std::tuple{"seed0_11cb48.trace", 2000u, 64}}) {
    const std::string path = shared_gpu(std::string("gavel/") + name);
    SKIP_WITHOUT_TRACE(path);
    SCOPED_TRACE(name);
    EXPECT_EQ(detect_trace_format(path), "gavel");
    const Workload w = read_gavel(path, {});
    EXPECT_EQ(w.record_count(), lines);
    EXPECT_EQ(w.jobs.size(), lines);
    EXPECT_EQ(w.models.size(), 27u);  // 26 job types + unknown
    int largest = 0;
    for (const JobSpec& job : w.jobs) largest = std::max(largest, job.gpus);
    EXPECT_EQ(largest, max_gpus);
    // Line 1 of both: Transformer (batch size 128), arrival 0, 1 GPU.
    EXPECT_EQ(w.models.at(find_job(w, 0)->model), "Transformer (batch size 128)");
  }
}

TEST(GpuRealTraces, SiaWorkloads) {
  for (const char* name : {"workload-realistic-1.csv", "workload-realistic-2.csv"}) {
    const std::string path = shared_gpu(std::string("sia/") + name);
    SKIP_WITHOUT_TRACE(path);
    SCOPED_TRACE(name);
    EXPECT_EQ(detect_trace_format(path), "sia");
    const Workload none = read_sia(path, {});
    EXPECT_EQ(none.record_count(), 160u);
    EXPECT_TRUE(none.jobs.empty());
    TraceOptions options;
    options.params["duration_s"] = "3600";
    const Workload w = read_sia(path, options);
    EXPECT_EQ(w.jobs.size(), 160u);
    EXPECT_EQ(w.jobs.front().runtime, from_seconds(3600));
  }
}

}  // namespace
}  // namespace podsim
