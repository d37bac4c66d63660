#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "workload/native_csv.hpp"
#include "workload/swf_reader.hpp"
#include "workload/synthetic_generator.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::fixture;
using testing::write_scratch;

std::string to_csv(const Workload& workload) {
  std::ostringstream out;
  write_native_csv(workload, out);
  return out.str();
}

Workload round_trip(const Workload& workload) {
  return read_native_csv(write_scratch("round_trip.csv", to_csv(workload)), {});
}

TEST(NativeCsv, ReadsColumnsInAnyOrderWithDefaults) {
  const Workload w = read_native_csv(fixture("small.csv"), {});
  ASSERT_EQ(w.jobs.size(), 3u);
  EXPECT_TRUE(w.rejected.empty());

  const JobSpec& a = w.jobs[0];
  EXPECT_EQ(a.trace_id, 17);
  EXPECT_EQ(a.submit, 0);
  EXPECT_EQ(a.gpus, 2);
  EXPECT_EQ(a.runtime, from_seconds(100));
  EXPECT_EQ(a.estimate, from_seconds(200));
  EXPECT_EQ(w.users.at(a.user), "alice");
  EXPECT_EQ(a.group, 0u);
  EXPECT_EQ(w.models.at(a.model), "resnet50");
  EXPECT_EQ(a.comm_fraction, 0.25);
  EXPECT_EQ(a.source_line, 4);

  const JobSpec& b = w.jobs[1];
  EXPECT_EQ(b.trace_id, 2);  // row number when id is empty
  EXPECT_EQ(b.submit, 1'500'000);
  EXPECT_EQ(b.runtime, 30'000'001);
  EXPECT_EQ(b.estimate, b.runtime);
  EXPECT_EQ(w.users.at(b.user), "smith, bob");
  EXPECT_EQ(b.model, 0u);
  EXPECT_EQ(b.comm_fraction, kUnknownCommFraction);

  const JobSpec& c = w.jobs[2];
  EXPECT_EQ(c.trace_id, 3);
  EXPECT_EQ(c.submit, from_seconds(10));     // unquoted cells are trimmed
  EXPECT_EQ(c.runtime, from_seconds(3600));  // cut to the estimate
  EXPECT_TRUE(c.hits_walltime);
  EXPECT_EQ(c.user, a.user);
  EXPECT_EQ(w.models.at(c.model), "gpt \"small\"");
  EXPECT_EQ(c.comm_fraction, 1.0);
}

TEST(NativeCsv, WriterOutputIsExactAndStable) {
  const Workload w = read_native_csv(fixture("small.csv"), {});
  EXPECT_EQ(to_csv(w),
            "id,submit_s,gpus,runtime_s,estimate_s,user,group,priority,gpu_type,model,"
            "comm_fraction,hits_walltime\n"
            "17,0,2,100,200,alice,,0,,resnet50,0.25,0\n"
            "2,1.5,1,30.000001,30.000001,\"smith, bob\",,0,,,,0\n"
            "3,10,4,3600,3600,alice,,0,,\"gpt \"\"small\"\"\",1,1\n");
}

TEST(NativeCsv, RoundTripsSwfJobs) {
  const Workload swf = read_swf(fixture("small.swf"), {});
  const Workload back = round_trip(swf);
  testing::expect_same_jobs(swf, back);
}

TEST(NativeCsv, RoundTripsEveryField) {
  SyntheticOptions options;
  options.jobs = 500;
  Workload w = generate_synthetic(options);
  const std::uint32_t h100 = intern(w.gpu_types, "H100");
  const std::uint32_t bert = intern(w.models, "bert, large");
  for (std::size_t i = 0; i < w.jobs.size(); i += 7) {
    JobSpec& job = w.jobs[i];
    job.priority = static_cast<int>(i % 5) - 2;
    job.gpu_type = h100;
    job.model = bert;
    job.comm_fraction = 1.0 / static_cast<double>(i + 3);  // needs all 17 digits
    job.hits_walltime = i % 2 == 0;
  }
  const Workload back = round_trip(w);
  testing::expect_same_jobs(w, back);
  EXPECT_EQ(to_csv(back), to_csv(w));
}

TEST(NativeCsv, UnknownColumnSuggestsTheClosest) {
  expect_input_error([] { read_native_csv(fixture("bad_column.csv"), {}); }, 1, "runtme_s",
                     "unknown column 'runtme_s' (did you mean 'runtime_s'?)");
}

TEST(NativeCsv, HeaderErrors) {
  const auto missing = write_scratch("missing.csv", "submit_s,runtime_s\n0,1\n");
  expect_input_error([&] { read_native_csv(missing, {}); }, 1, "header",
                     "missing required column 'gpus'");
  const auto duplicate = write_scratch("duplicate.csv", "gpus,submit_s,gpus,runtime_s\n");
  expect_input_error([&] { read_native_csv(duplicate, {}); }, 1, "gpus", "duplicate column");
  const auto empty = write_scratch("empty.csv", "\n# nothing here\n");
  expect_input_error([&] { read_native_csv(empty, {}); }, 0, "header", "no header row");
}

TEST(NativeCsv, ValueErrorsNameLineAndColumn) {
  const std::string header = "submit_s,gpus,runtime_s,comm_fraction\n";
  const auto gpus = write_scratch("gpus.csv", header + "0,1,10,\n0,0,10,\n");
  expect_input_error([&] { read_native_csv(gpus, {}); }, 3, "gpus",
                     "expected an integer in [1, 2147483647], found '0'");
  const auto time = write_scratch("time.csv", header + "1e3,1,10,\n");
  expect_input_error([&] { read_native_csv(time, {}); }, 2, "submit_s",
                     std::string("expected ") + kSecondsForm + ", found '1e3'");
  const auto negative = write_scratch("negative.csv", header + "0,1,-5,\n");
  expect_input_error([&] { read_native_csv(negative, {}); }, 2, "runtime_s", "found '-5'");
  const auto fraction = write_scratch("fraction.csv", header + "0,1,10,1.5\n");
  expect_input_error([&] { read_native_csv(fraction, {}); }, 2, "comm_fraction",
                     "expected a number in [0, 1]");
  const auto required = write_scratch("required.csv", header + ",1,10,\n");
  expect_input_error([&] { read_native_csv(required, {}); }, 2, "submit_s",
                     "required value is empty");
  const auto count = write_scratch("count.csv", header + "0,1,10\n");
  expect_input_error([&] { read_native_csv(count, {}); }, 2, "",
                     "expected 4 fields as in the header, found 3");
  const auto quote = write_scratch("quote.csv", "submit_s,gpus,runtime_s,user\n0,1,10,\"bob\n");
  expect_input_error([&] { read_native_csv(quote, {}); }, 2, "user", "unterminated quoted field");
  const auto after = write_scratch("after.csv", "submit_s,gpus,runtime_s,user\n0,1,10,\"b\"x\n");
  expect_input_error([&] { read_native_csv(after, {}); }, 2, "user", "after a closing quote");
}

TEST(NativeCsv, RejectsUnitsPerGpu) {
  TraceOptions options;
  options.units_per_gpu = 8;
  expect_input_error([&] { read_native_csv(fixture("small.csv"), options); }, 0, "units_per_gpu",
                     "must be 1");
}

TEST(NativeCsv, WriterRefusesLineBreaksInNames) {
  Workload w;
  w.users.push_back("two\nlines");
  JobSpec job;
  job.gpus = 1;
  job.user = 1;
  w.jobs.push_back(job);
  std::ostringstream out;
  expect_input_error([&] { write_native_csv(w, out); }, 0, "user", "line break");
}

}  // namespace
}  // namespace podsim
