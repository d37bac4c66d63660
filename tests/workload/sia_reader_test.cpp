// Sia/Pollux workload reader against tests/fixtures/workload/sia_workload.csv:
//   line 2 cifar10-0      time 107, 1 replica
//   line 3 deepspeech2-1  time 110.5, 2 replicas
//   line 4 ncf-2          0 replicas -> rejected
//   line 5 bert-3         time 90, 4 replicas
// The workload has no durations: they come from the durations / duration_s parameters.
#include "workload/sia_reader.hpp"

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

TEST(SiaReader, WithoutDurationsEveryJobIsRejectedWithTheReason) {
  const Workload w = read_sia(fixture("sia_workload.csv"), {});
  EXPECT_EQ(w.record_count(), 4u);
  EXPECT_TRUE(w.jobs.empty());
  EXPECT_EQ(find_rejected(w, 0)->reason,
            "runtime unknown: the workload has no durations and none was given for application "
            "'cifar10' (sia:durations=cifar10=SECONDS or sia:duration_s=SECONDS)");
  EXPECT_EQ(find_rejected(w, 0)->submit, from_seconds(107));
  EXPECT_EQ(find_rejected(w, 3)->gpus, 4);
  EXPECT_EQ(find_rejected(w, 2)->reason, "no GPUs (num_replicas = 0)");
  EXPECT_TRUE(w.warnings.empty());
}

TEST(SiaReader, DurationsPerApplicationAndDefault) {
  TraceOptions options;
  options.params["durations"] = "cifar10=3600, bert=600.5";
  const Workload w = read_sia(fixture("sia_workload.csv"), options);
  ASSERT_EQ(w.jobs.size(), 2u);
  const JobSpec& bert = w.jobs[0];  // time 90: first
  EXPECT_EQ(bert.trace_id, 3);
  EXPECT_EQ(bert.submit, from_seconds(90));
  EXPECT_EQ(bert.gpus, 4);
  EXPECT_EQ(bert.runtime, 600'500'000);
  EXPECT_EQ(bert.estimate, bert.runtime);
  EXPECT_EQ(w.models.at(bert.model), "bert");
  EXPECT_EQ(bert.source_line, 5);
  const JobSpec& cifar = w.jobs[1];
  EXPECT_EQ(cifar.trace_id, 0);
  EXPECT_EQ(cifar.runtime, from_seconds(3600));
  EXPECT_NE(find_rejected(w, 1)->reason.find("application 'deepspeech2'"), std::string::npos);
  EXPECT_TRUE(has_warning(w, "2 jobs from durations, 0 from duration_s"));

  options.params["duration_s"] = "100";
  const Workload all = read_sia(fixture("sia_workload.csv"), options);
  ASSERT_EQ(all.jobs.size(), 3u);
  EXPECT_EQ(find_job(all, 1)->runtime, from_seconds(100));
  EXPECT_EQ(find_job(all, 1)->submit, 110'500'000);
  EXPECT_EQ(find_job(all, 0)->runtime, from_seconds(3600));  // the table wins
  EXPECT_TRUE(has_warning(all, "2 jobs from durations, 1 from duration_s"));
}

TEST(SiaReader, UnknownRuntimeActsAsTheDefaultDuration) {
  TraceOptions options;
  options.unknown_runtime = from_seconds(50);
  const Workload w = read_sia(fixture("sia_workload.csv"), options);
  EXPECT_EQ(w.jobs.size(), 3u);
  EXPECT_EQ(find_job(w, 3)->runtime, from_seconds(50));
}

TEST(SiaReader, BadParametersAndRows) {
  TraceOptions options;
  options.params["durations"] = "cifar10:3600";
  expect_input_error([&] { read_sia(fixture("sia_workload.csv"), options); }, 0,
                     "trace format sia.durations", "expected APP=SECONDS");
  options.params["durations"] = "cifar10=-5";
  expect_input_error([&] { read_sia(fixture("sia_workload.csv"), options); }, 0,
                     "trace format sia.durations", "found 'cifar10=-5'");
  options.params = {{"duration_s", "-1"}};
  expect_input_error([&] { read_sia(fixture("sia_workload.csv"), options); }, 0,
                     "trace format sia.duration_s", "found '-1'");
  const auto replicas = write_scratch(
      "replicas.csv", "name,time,application,num_replicas,batch_size\nx-0,1,ncf,one,8\n");
  expect_input_error([&] { read_sia(replicas, {}); }, 2, "num_replicas", "found 'one'");
  const auto header = write_scratch("header.csv", "name,tme,application,num_replicas\n");
  expect_input_error([&] { read_sia(header, {}); }, 1, "time", "(did you mean 'tme'?)");
}

}  // namespace
}  // namespace podsim
