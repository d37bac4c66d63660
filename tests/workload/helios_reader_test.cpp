// Helios reader against tests/fixtures/workload/helios_cluster_log.csv, hand-made in the
// published HeliosData cluster_log.csv layout (no Helios trace is in ../shared/traces):
//   line 2 job 1425511  1 GPU, 18:41:01 -> next day 04:55:09 (36848 s), COMPLETED
//   line 3 job 1425512  4 GPUs, 249 s, FAILED
//   line 4 job 1425513  gpu_num 0 -> rejected (CPU-only)
//   line 5 job 1425514  submitted 18:40:00 (the earliest: the origin), no times -> rejected
//   line 6 job 1425515  crosses midnight: start 00:00:10, end 00:01:10 (60 s)
//   line 7 job 1425516  end before start -> rejected
//   line 8 job 1425517  no start/end: duration 120 s
#include "workload/helios_reader.hpp"

#include <gtest/gtest.h>

#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::find_rejected;
using testing::fixture;
using testing::has_warning;
using testing::write_scratch;

TEST(HeliosReader, ReadsThePublishedLayout) {
  const Workload w = read_helios(fixture("helios_cluster_log.csv"), {});
  EXPECT_EQ(w.record_count(), 7u);
  ASSERT_EQ(w.jobs.size(), 4u);
  // Times count from 2020-06-09 18:40:00, the earliest submit_time (a rejected record's).
  const JobSpec& a = w.jobs[0];
  EXPECT_EQ(a.trace_id, 1425511);
  EXPECT_EQ(a.submit, from_seconds(61));
  EXPECT_EQ(a.gpus, 1);
  EXPECT_EQ(a.runtime, from_seconds(36848));
  EXPECT_EQ(a.estimate, a.runtime);
  EXPECT_EQ(w.users.at(a.user), "uXBbc");
  EXPECT_EQ(w.groups.at(a.group), "vcJkd");
  EXPECT_EQ(a.source_line, 2);
  const JobSpec& b = w.jobs[1];
  EXPECT_EQ(b.trace_id, 1425512);
  EXPECT_EQ(b.submit, from_seconds(87));
  EXPECT_EQ(b.gpus, 4);
  EXPECT_EQ(b.runtime, from_seconds(249));
  EXPECT_EQ(w.users.at(b.user), "uVMrF");
  const JobSpec& c = w.jobs[2];
  EXPECT_EQ(c.trace_id, 1425515);
  EXPECT_EQ(c.submit, from_seconds(5 * 3600 + 19 * 60 + 59));
  EXPECT_EQ(c.runtime, from_seconds(60));
  EXPECT_EQ(c.user, b.user);
  const JobSpec& d = w.jobs[3];
  EXPECT_EQ(d.trace_id, 1425517);
  EXPECT_EQ(d.submit, from_seconds(8 * 3600 + 20 * 60));
  EXPECT_EQ(d.runtime, from_seconds(120));  // from duration
  EXPECT_EQ(w.users.at(d.user), "uAAAA");

  ASSERT_EQ(w.rejected.size(), 3u);
  EXPECT_EQ(find_rejected(w, 1425513)->reason, "CPU-only job (gpu_num = 0)");
  EXPECT_EQ(find_rejected(w, 1425513)->submit, from_seconds(88));
  EXPECT_EQ(find_rejected(w, 1425513)->user, "uzqls");
  EXPECT_EQ(find_rejected(w, 1425514)->reason,
            "runtime unknown (no start_time and end_time, no duration)");
  EXPECT_EQ(find_rejected(w, 1425514)->submit, 0);
  EXPECT_EQ(find_rejected(w, 1425514)->gpus, 8);
  EXPECT_EQ(find_rejected(w, 1425516)->reason,
            "end_time before start_time (2020-06-10 01:00:00 < 2020-06-10 02:00:00)");

  EXPECT_TRUE(has_warning(w, "times are seconds since 2020-06-09 18:40:00"));
  EXPECT_TRUE(has_warning(w, "job states: COMPLETED 3, FAILED 1;"));
  EXPECT_TRUE(has_warning(w, "4 jobs have no requested time (helios traces"));
}

TEST(HeliosReader, PlainSecondsAreKeptAsTheyAre) {
  const auto path = write_scratch("seconds.csv",
                                  "job_id,user,gpu_num,submit_time,duration\n"
                                  "7,u1,2,100.5,30\n8,u2,1,50,-1\n");
  const Workload w = read_helios(path, {});
  ASSERT_EQ(w.jobs.size(), 1u);
  EXPECT_EQ(w.jobs[0].submit, 100'500'000);
  EXPECT_EQ(w.jobs[0].runtime, from_seconds(30));
  EXPECT_EQ(w.jobs[0].group, 0u);
  EXPECT_EQ(find_rejected(w, 8)->reason, "duration negative (duration = -1)");
  EXPECT_FALSE(has_warning(w, "times are seconds since"));
}

TEST(HeliosReader, ParsesDatetimesExactly) {
  EXPECT_EQ(parse_datetime("1970-01-01 00:00:00"), 0);
  EXPECT_EQ(parse_datetime("1970-01-02T00:00:01"), from_seconds(86401));
  EXPECT_EQ(parse_datetime("2020-06-09 18:41:01"), from_seconds(1591728061));
  EXPECT_EQ(parse_datetime("2000-03-01 00:00:00.25"), from_seconds(951868800) + 250'000);
  EXPECT_EQ(parse_datetime("2020-02-29 12:00:00"), from_seconds(1582977600));
  EXPECT_FALSE(parse_datetime("2019-02-29 12:00:00"));  // not a leap year
  EXPECT_FALSE(parse_datetime("2020-13-01 00:00:00"));
  EXPECT_FALSE(parse_datetime("2020-06-09 24:00:00"));
  EXPECT_FALSE(parse_datetime("2020-06-09"));
  EXPECT_FALSE(parse_datetime("2020/06/09 18:41:01"));
  EXPECT_FALSE(parse_datetime("2020-06-09 18:41:01Z"));
}

TEST(HeliosReader, BadInputNamesLineAndColumn) {
  const auto time = write_scratch("time.csv",
                                  "gpu_num,submit_time,duration\n1,2020-06-09 18:41:01,5\n"
                                  "1,yesterday,5\n");
  expect_input_error([&] { read_helios(time, {}); }, 3, "submit_time", "found 'yesterday'");
  const auto mixed = write_scratch("mixed.csv",
                                   "gpu_num,submit_time,duration\n1,2020-06-09 18:41:01,5\n"
                                   "1,100,5\n");
  expect_input_error([&] { read_helios(mixed, {}); }, 3, "submit_time", "mixes plain seconds");
  const auto no_runtime = write_scratch("noruntime.csv", "gpu_num,submit_time,start_time\n");
  expect_input_error([&] { read_helios(no_runtime, {}); }, 1, "end_time",
                     "missing required column 'end_time'");
  const auto gpus = write_scratch("gpus.csv", "gpu_num,submit_time,duration\nall,0,5\n");
  expect_input_error([&] { read_helios(gpus, {}); }, 2, "gpu_num", "expected an integer");
}

}  // namespace
}  // namespace podsim
