// SWF reader against the hand-made tests/fixtures/workload/small.swf, whose data lines are:
//   line 7  job 1   plain job: 8 allocated processors, estimate 200 s, user 3, group 2
//   line 8  job 2   allocated -1 -> requested processors (field 8) = 4
//   line 9  job 3   requested time -1 -> estimate = runtime; group -1 -> unknown
//   line 10 job 4   runtime 500 > requested 400 -> cut to 400, hits_walltime
//   line 12 job 5   runtime -1 -> rejected
//   line 13 job 6   processors 0 and -1 -> rejected
//   line 15 job 7   fractional submit, runtime and field 6; tab-separated; user -1
//   line 16 job 8   submitted before job 4 in time but after it in the file
//   line 17 job 9   submit -1 -> rejected
//   line 18 job 10  same submit as job 4 (source order keeps it after); no requested time
#include <zlib.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "workload/swf_reader.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::fixture;

const JobSpec* find_trace_id(const Workload& workload, std::int64_t trace_id) {
  for (const JobSpec& job : workload.jobs) {
    if (job.trace_id == trace_id) return &job;
  }
  return nullptr;
}

TEST(SwfReader, ReadsEveryFieldOfTheSmallFixture) {
  const Workload w = read_swf(fixture("small.swf"), {});
  EXPECT_EQ(w.source, fixture("small.swf"));
  EXPECT_EQ(w.record_count(), 10u);
  ASSERT_EQ(w.jobs.size(), 7u);
  ASSERT_TRUE(w.machine_units.has_value());
  EXPECT_EQ(*w.machine_units, 64);  // MaxProcs wins over MaxNodes

  const JobSpec& first = w.jobs[0];
  EXPECT_EQ(first.id, 0u);
  EXPECT_EQ(first.trace_id, 1);
  EXPECT_EQ(first.submit, 0);
  EXPECT_EQ(first.gpus, 8);
  EXPECT_EQ(first.runtime, from_seconds(100));
  EXPECT_EQ(first.estimate, from_seconds(200));
  EXPECT_FALSE(first.hits_walltime);
  EXPECT_EQ(w.users.at(first.user), "3");
  EXPECT_EQ(w.groups.at(first.group), "2");
  EXPECT_EQ(first.priority, 0);
  EXPECT_EQ(first.gpu_type, kNoGpuType);
  EXPECT_EQ(first.model, 0u);
  EXPECT_EQ(first.comm_fraction, kUnknownCommFraction);
  EXPECT_EQ(first.source_line, 7);

  const JobSpec* requested = find_trace_id(w, 2);
  ASSERT_NE(requested, nullptr);
  EXPECT_EQ(requested->gpus, 4);
  EXPECT_EQ(requested->runtime, from_seconds(50));
  EXPECT_EQ(requested->estimate, from_seconds(60));

  const JobSpec* no_estimate = find_trace_id(w, 3);
  ASSERT_NE(no_estimate, nullptr);
  EXPECT_EQ(no_estimate->estimate, from_seconds(300));
  EXPECT_EQ(no_estimate->runtime, from_seconds(300));
  EXPECT_FALSE(no_estimate->hits_walltime);
  EXPECT_EQ(w.users.at(no_estimate->user), "7");
  EXPECT_EQ(no_estimate->group, 0u);

  const JobSpec* killed = find_trace_id(w, 4);
  ASSERT_NE(killed, nullptr);
  EXPECT_EQ(killed->runtime, from_seconds(400));
  EXPECT_EQ(killed->estimate, from_seconds(400));
  EXPECT_TRUE(killed->hits_walltime);

  const JobSpec* fractional = find_trace_id(w, 7);
  ASSERT_NE(fractional, nullptr);
  EXPECT_EQ(fractional->submit, 100'500'000);
  EXPECT_EQ(fractional->runtime, 30'250'000);
  EXPECT_EQ(fractional->estimate, from_seconds(3600));
  EXPECT_EQ(fractional->user, 0u);
  EXPECT_EQ(fractional->group, 0u);
  EXPECT_EQ(fractional->source_line, 15);

  const JobSpec* exact_limit = find_trace_id(w, 8);
  ASSERT_NE(exact_limit, nullptr);
  EXPECT_EQ(exact_limit->runtime, exact_limit->estimate);
  EXPECT_FALSE(exact_limit->hits_walltime);  // reaching the limit exactly is not a cut

  EXPECT_EQ(w.users, (std::vector<std::string>{"", "3", "7", "9"}));
  EXPECT_EQ(w.groups, (std::vector<std::string>{"", "2", "4"}));
}

TEST(SwfReader, SortsBySubmitThenSourceOrderAndNumbersDensely) {
  const Workload w = read_swf(fixture("small.swf"), {});
  std::vector<std::int64_t> order;
  for (std::size_t i = 0; i < w.jobs.size(); ++i) {
    EXPECT_EQ(w.jobs[i].id, i);
    order.push_back(w.jobs[i].trace_id);
  }
  // Jobs 4 and 10 share submit 20 s: file order decides.
  EXPECT_EQ(order, (std::vector<std::int64_t>{1, 2, 3, 8, 4, 10, 7}));
}

TEST(SwfReader, RejectsRecordsThatCannotRunWithReasons) {
  const Workload w = read_swf(fixture("small.swf"), {});
  ASSERT_EQ(w.rejected.size(), 3u);
  const RejectedRecord& runtime = w.rejected[0];
  EXPECT_EQ(runtime.trace_id, 5);
  EXPECT_EQ(runtime.source_line, 12);
  EXPECT_EQ(runtime.submit, from_seconds(30));
  EXPECT_EQ(runtime.gpus, 4);
  EXPECT_EQ(runtime.user, "5");
  EXPECT_EQ(runtime.reason, "runtime unknown (field 4 = -1)");

  const RejectedRecord& processors = w.rejected[1];
  EXPECT_EQ(processors.trace_id, 6);
  EXPECT_EQ(processors.source_line, 13);
  EXPECT_EQ(processors.gpus, 0);
  EXPECT_EQ(processors.reason, "processors unknown (field 5 = 0, field 8 = -1)");

  const RejectedRecord& submit = w.rejected[2];
  EXPECT_EQ(submit.trace_id, 9);
  EXPECT_EQ(submit.source_line, 17);
  EXPECT_EQ(submit.reason, "submit time negative or unknown (field 2 = -1)");
}

TEST(SwfReader, AggregatesWarningsOnce) {
  const Workload w = read_swf(fixture("small.swf"), {});
  ASSERT_EQ(w.warnings.size(), 2u);
  EXPECT_EQ(w.warnings[0],
            "2 jobs have no requested time (field 9); their runtime is used as the estimate");
  EXPECT_NE(w.warnings[1].find("1 jobs ran longer than their requested time"), std::string::npos)
      << w.warnings[1];
}

TEST(SwfReader, MapsProcessorsToGpusRoundingUp) {
  TraceOptions options;
  options.units_per_gpu = 4;
  const Workload w = read_swf(fixture("small.swf"), options);
  EXPECT_EQ(find_trace_id(w, 1)->gpus, 2);  // 8 / 4
  EXPECT_EQ(find_trace_id(w, 8)->gpus, 1);  // ceil(3 / 4)
  EXPECT_EQ(find_trace_id(w, 4)->gpus, 4);  // 16 / 4
  EXPECT_EQ(find_trace_id(w, 7)->gpus, 1);  // ceil(1 / 4)
  EXPECT_EQ(*w.machine_units, 64);          // stays in trace units
}

TEST(SwfReader, RejectsUnitsPerGpuBelowOne) {
  TraceOptions options;
  options.units_per_gpu = 0;
  expect_input_error([&] { read_swf(fixture("small.swf"), options); }, 0, "units_per_gpu",
                     "expected an integer >= 1");
}

TEST(SwfReader, GzipGivesTheSameWorkloadAsPlain) {
  std::ifstream plain(fixture("small.swf"), std::ios::binary);
  std::stringstream text;
  text << plain.rdbuf();
  const std::string contents = text.str();
  const std::string gz_path = testing::scratch_path("small.swf.gz");
  gzFile gz = gzopen(gz_path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, contents.data(), static_cast<unsigned>(contents.size())),
            static_cast<int>(contents.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);

  const Workload a = read_swf(fixture("small.swf"), {});
  const Workload b = read_swf(gz_path, {});
  testing::expect_same_jobs(a, b);
  for (std::size_t i = 0; i < a.jobs.size(); ++i) {
    EXPECT_EQ(a.jobs[i].source_line, b.jobs[i].source_line);
  }
  ASSERT_EQ(a.rejected.size(), b.rejected.size());
  for (std::size_t i = 0; i < a.rejected.size(); ++i) {
    EXPECT_EQ(a.rejected[i].reason, b.rejected[i].reason);
    EXPECT_EQ(a.rejected[i].source_line, b.rejected[i].source_line);
  }
  EXPECT_EQ(a.warnings, b.warnings);
  EXPECT_EQ(a.machine_units, b.machine_units);
}

TEST(SwfReader, TruncatedGzipIsAnInputError) {
  std::string contents;
  for (int i = 1; i <= 2000; ++i) {
    contents += std::to_string(i) + " 0 0 10 1 -1 -1 1 20 -1 1 1 1 -1 -1 -1 -1 -1\n";
  }
  const std::string gz_path = testing::scratch_path("truncated.swf.gz");
  gzFile gz = gzopen(gz_path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, contents.data(), static_cast<unsigned>(contents.size()));
  gzclose(gz);
  std::filesystem::resize_file(gz_path, std::filesystem::file_size(gz_path) / 2);
  EXPECT_THROW(read_swf(gz_path, {}), InputError);
}

TEST(SwfReader, WrongFieldCountNamesTheLine) {
  expect_input_error([] { read_swf(fixture("bad_field_count.swf"), {}); }, 3, "",
                     "expected 18 whitespace-separated fields, found 17");
}

TEST(SwfReader, NonNumericFieldNamesLineAndField) {
  expect_input_error([] { read_swf(fixture("bad_non_numeric.swf"), {}); }, 4,
                     "field 5 (allocated processors)", "expected an integer, found 'abc'");
}

TEST(SwfReader, MalformedValuesNameTheirField) {
  const std::string good = "1 0 0 10 1 -1 -1 1 20 -1 1 1 1 -1 -1 -1 -1 -1\n";
  const auto path = testing::write_scratch(
      "fraction.swf", good + "2 0 0 10 2.5 -1 -1 1 20 -1 1 1 1 -1 -1 -1 -1 -1\n");
  expect_input_error([&] { read_swf(path, {}); }, 2, "field 5 (allocated processors)",
                     "expected an integer, found '2.5'");
  const auto clock = testing::write_scratch(
      "clock.swf", good + good + "3 12:30 0 10 1 -1 -1 1 20 -1 1 1 1 -1 -1 -1 -1 -1\n");
  expect_input_error([&] { read_swf(clock, {}); }, 3, "field 2 (submit time)",
                     "expected a number of seconds, found '12:30'");
  const auto ignored =
      testing::write_scratch("ignored.swf", "1 0 0 10 1 -1 -1 1 20 -1 1 1 1 -1 -1 x -1 -1\n");
  expect_input_error([&] { read_swf(ignored, {}); }, 1, "field 16 (partition number)",
                     "expected a number, found 'x'");
  const auto header = testing::write_scratch("header.swf", "; MaxProcs: many\n" + good);
  expect_input_error([&] { read_swf(header, {}); }, 1, "header MaxProcs",
                     "expected a positive integer, found 'many'");
  const auto extra =
      testing::write_scratch("extra.swf", good + good.substr(0, good.size() - 1) + " 7\n");
  expect_input_error([&] { read_swf(extra, {}); }, 2, "", "found 19");
}

TEST(SwfReader, AcceptsIntegralDecimalsCrlfAndAMissingFinalNewline) {
  const auto path = testing::write_scratch(
      "crlf.swf",
      "; MaxNodes: 32\r\n1 0 0 10 8.00 -1 -1 1 20 -1 1 1 1 -1 -1 -1 -1 1e3\r\n"
      "2 1 0 10 4 -1 -1 1 20 -1 1 1 1 -1 -1 -1 -1 -1");
  const Workload w = read_swf(path, {});
  ASSERT_EQ(w.jobs.size(), 2u);
  EXPECT_EQ(w.jobs[0].gpus, 8);
  EXPECT_EQ(w.jobs[1].gpus, 4);
  EXPECT_EQ(w.jobs[1].source_line, 3);
  EXPECT_EQ(w.machine_units, 32);  // MaxNodes when there is no MaxProcs
  EXPECT_TRUE(w.warnings.empty());
}

TEST(SwfReader, MissingFileIsAnInputError) {
  expect_input_error([] { read_swf(fixture("no-such-file.swf"), {}); }, 0, "", "cannot open file");
}

}  // namespace
}  // namespace podsim

namespace podsim {
namespace {

TEST(SwfReader, UnknownRuntimeRunsAsLongAsAskedWhenSet) {
  TraceOptions options;
  options.unknown_runtime = from_seconds(1);
  const Workload w = read_swf(testing::fixture("small.swf"), options);
  ASSERT_EQ(w.jobs.size(), 8u);  // job 5 (runtime -1) now runs
  const JobSpec* job = nullptr;
  for (const JobSpec& candidate : w.jobs) {
    if (candidate.trace_id == 5) job = &candidate;
  }
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(job->runtime, from_seconds(1));
  EXPECT_EQ(job->estimate, from_seconds(100));
  bool warned = false;
  for (const auto& warning : w.warnings) warned = warned || warning.find("1 jobs have no runtime") != std::string::npos;
  EXPECT_TRUE(warned);
  options.unknown_runtime = -1;
  EXPECT_THROW(read_swf(testing::fixture("small.swf"), options), InputError);
}

}  // namespace
}  // namespace podsim
