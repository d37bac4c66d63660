// Philly-derived CSV reader against hand-made fixtures:
//   philly_muri.csv (Muri layout, times in ms), data lines:
//     line 2 job 0  1 GPU, submit 0, duration 49000 ms, dqn, priority 1
//     line 3 job 1  8 GPUs, submit 1500 ms, duration 2140.5 ms, vgg16, priority 0
//     line 4        blank
//     line 5 job 2  num_gpu 0 -> rejected
//     line 6 job 3  duration empty -> rejected (runtime unknown) unless --unknown-runtime
//     line 7 job 4  submit -1000 ms -> rejected
//     line 8 job 5  submit 700 ms, duration 0.0015 ms = 1.5 us -> rounds to 2 us
//   philly_tiresias.csv (Tiresias layout, seconds): jobs 0 (0 s), 1 (30.25 s), 2 (10 s, no model)
#include "workload/philly_reader.hpp"

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

constexpr Time kMs = 1000;  // microseconds per millisecond

TEST(PhillyReader, MuriLayoutIsReadInMilliseconds) {
  const Workload w = read_philly(fixture("philly_muri.csv"), {});
  EXPECT_EQ(w.record_count(), 6u);
  ASSERT_EQ(w.jobs.size(), 3u);
  ASSERT_EQ(w.rejected.size(), 3u);
  // Sorted by submit: job 0 (0 s), job 5 (0.7 s), job 1 (1.5 s).
  EXPECT_EQ(w.jobs[0].trace_id, 0);
  EXPECT_EQ(w.jobs[1].trace_id, 5);
  EXPECT_EQ(w.jobs[2].trace_id, 1);

  const JobSpec& a = w.jobs[0];
  EXPECT_EQ(a.id, 0u);
  EXPECT_EQ(a.submit, 0);
  EXPECT_EQ(a.gpus, 1);
  EXPECT_EQ(a.runtime, from_seconds(49));
  EXPECT_EQ(a.estimate, a.runtime);
  EXPECT_FALSE(a.hits_walltime);
  EXPECT_EQ(w.models.at(a.model), "dqn");
  EXPECT_EQ(a.priority, 1);
  EXPECT_EQ(a.user, 0u);
  EXPECT_EQ(a.group, 0u);
  EXPECT_EQ(a.gpu_type, kNoGpuType);
  EXPECT_EQ(a.comm_fraction, kUnknownCommFraction);
  EXPECT_EQ(a.source_line, 2);

  const JobSpec& b = w.jobs[2];
  EXPECT_EQ(b.submit, 1500 * kMs);
  EXPECT_EQ(b.gpus, 8);
  EXPECT_EQ(b.runtime, 2'140'500);  // 2140.5 ms, exact
  EXPECT_EQ(b.estimate, b.runtime);
  EXPECT_EQ(w.models.at(b.model), "vgg16");
  EXPECT_EQ(b.priority, 0);
  EXPECT_EQ(b.source_line, 3);

  const JobSpec& c = w.jobs[1];
  EXPECT_EQ(c.submit, 700 * kMs);
  EXPECT_EQ(c.runtime, 2);  // 1.5 us rounds half away from zero
  EXPECT_EQ(c.source_line, 8);

  const RejectedRecord* zero = find_rejected(w, 2);
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->reason, "no GPUs (num_gpu = 0)");
  EXPECT_EQ(zero->source_line, 5);  // the blank line 4 still counts
  EXPECT_EQ(zero->submit, 2000 * kMs);
  const RejectedRecord* unknown = find_rejected(w, 3);
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->reason, "runtime unknown (duration empty)");
  EXPECT_EQ(unknown->gpus, 4);
  const RejectedRecord* negative = find_rejected(w, 4);
  ASSERT_NE(negative, nullptr);
  EXPECT_EQ(negative->reason, "submit time negative (submit_time = -1000)");

  ASSERT_EQ(w.warnings.size(), 2u);
  EXPECT_NE(w.warnings[0].find("times read in milliseconds"), std::string::npos);
  EXPECT_EQ(w.warnings[1],
            "3 jobs have no requested time (philly traces carry none); their runtime is used as "
            "the estimate, so estimate-based policies (sjf, easy) see exact runtimes");
}

TEST(PhillyReader, TiresiasLayoutIsReadInSeconds) {
  const Workload w = read_philly(fixture("philly_tiresias.csv"), {});
  ASSERT_EQ(w.jobs.size(), 3u);
  EXPECT_TRUE(w.rejected.empty());
  EXPECT_EQ(w.jobs[0].trace_id, 0);
  EXPECT_EQ(w.jobs[1].trace_id, 2);
  EXPECT_EQ(w.jobs[2].trace_id, 1);
  EXPECT_EQ(w.jobs[2].submit, 30'250'000);
  EXPECT_EQ(w.jobs[2].runtime, from_seconds(147));
  EXPECT_EQ(w.jobs[2].gpus, 8);
  EXPECT_EQ(w.models.at(w.jobs[2].model), "vgg11");
  EXPECT_EQ(w.jobs[1].model, 0u);  // empty model_name: unknown
  EXPECT_TRUE(has_warning(w, "times read in seconds"));
}

TEST(PhillyReader, TimeUnitParameterOverridesTheLayout) {
  TraceOptions options;
  options.params["time_unit"] = "s";
  const Workload seconds = read_philly(fixture("philly_muri.csv"), options);
  const JobSpec* job = find_job(seconds, 0);
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(job->runtime, from_seconds(49000));
  EXPECT_FALSE(has_warning(seconds, "times read in"));  // stated, not guessed

  options.params["time_unit"] = "ms";
  const Workload ms = read_philly(fixture("philly_tiresias.csv"), options);
  EXPECT_EQ(find_job(ms, 1)->submit, 30'250);

  options.params["time_unit"] = "minutes";
  expect_input_error([&] { read_philly(fixture("philly_tiresias.csv"), options); }, 0,
                     "trace format philly.time_unit", "expected auto, s or ms, found 'minutes'");
  options.params = {{"time_units", "s"}};
  expect_input_error([&] { read_philly(fixture("philly_tiresias.csv"), options); }, 0,
                     "trace format philly", "(did you mean 'time_unit'?)");
}

TEST(PhillyReader, UnknownRuntimeOptionRunsRecordsWithoutDuration) {
  TraceOptions options;
  options.unknown_runtime = from_seconds(60);
  const Workload w = read_philly(fixture("philly_muri.csv"), options);
  const JobSpec* job = find_job(w, 3);
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(job->runtime, from_seconds(60));
  EXPECT_EQ(w.rejected.size(), 2u);
  EXPECT_TRUE(has_warning(w, "1 records have no runtime in the trace; they run for 60 s"));
}

TEST(PhillyReader, MalformedRowsNameLineAndColumn) {
  const auto gpus =
      write_scratch("gpus.csv", "job_id,num_gpu,submit_time,duration\n0,1,0,10\n1,two,5,10\n");
  expect_input_error([&] { read_philly(gpus, {}); }, 3, "num_gpu",
                     "expected an integer, found 'two'");
  const auto time = write_scratch("time.csv", "num_gpu,submit_time,duration\n1,1e3,10\n");
  expect_input_error([&] { read_philly(time, {}); }, 2, "submit_time",
                     "expected a decimal number of seconds, found '1e3'");
  const auto count = write_scratch("count.csv", "num_gpu,submit_time,duration\n1,0,10,7\n");
  expect_input_error([&] { read_philly(count, {}); }, 2, "", "expected 3 fields as in the header");
  const auto missing = write_scratch("missing.csv", "job_id,num_gpus,submit_time,duration\n");
  expect_input_error([&] { read_philly(missing, {}); }, 1, "num_gpu",
                     "missing required column 'num_gpu' (did you mean 'num_gpus'?)");
  const auto empty = write_scratch("empty.csv", "");
  expect_input_error([&] { read_philly(empty, {}); }, 0, "header", "no header row");
  TraceOptions units;
  units.units_per_gpu = 4;
  expect_input_error([&] { read_philly(fixture("philly_tiresias.csv"), units); }, 0,
                     "units_per_gpu", "must be 1");
}

TEST(PhillyReader, JobIdDefaultsToTheRowNumber) {
  const auto path = write_scratch("noid.csv", "num_gpu,submit_time,duration\n1,0,5\n2,1,5\n");
  const Workload w = read_philly(path, {});
  ASSERT_EQ(w.jobs.size(), 2u);
  EXPECT_EQ(w.jobs[0].trace_id, 1);
  EXPECT_EQ(w.jobs[1].trace_id, 2);
}

}  // namespace
}  // namespace podsim
