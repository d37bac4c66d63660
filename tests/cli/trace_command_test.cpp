// `podsim trace stats|convert`: the report's numbers (in-process, against hand-computed values
// and the real traces), the native-CSV round trip of every GPU format, and the binary's exit
// codes and files.
#include "cli/trace_command.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/binary_runner.hpp"
#include "support/shared_traces.hpp"
#include "workload/native_csv.hpp"
#include "workload/workload_test_util.hpp"

namespace podsim {
namespace {

namespace fs = std::filesystem;
using testing::fixture;
using testing::scratch_path;
using test::Outcome;
using test::podsim;
using test::read_file;

Workload read(const std::string& path, const std::string& format = "") {
  TraceCommandOptions options;
  options.file = path;
  options.format = format;
  return read_trace_for_command(options);
}

// 100 jobs, job i (1-based): runtime i s; 1 GPU for i <= 50, 4 for i <= 80, else 16; submitted
// every 36 s; user i % 3 (0 = unknown). Plus 3 rejected records, two sharing a reason.
Workload hundred_jobs() {
  Workload w;
  w.source = "hand-made";
  for (int i = 1; i <= 100; ++i) {
    JobSpec job;
    job.id = static_cast<JobId>(i - 1);
    job.trace_id = i;
    job.submit = from_seconds(36 * (i - 1));  // 100 jobs over 99 x 36 s = 0.99 h
    job.gpus = i <= 50 ? 1 : i <= 80 ? 4 : 16;
    job.runtime = from_seconds(i);
    job.estimate = job.runtime;
    job.user = static_cast<std::uint32_t>(i % 3);  // 0 = unknown
    w.jobs.push_back(job);
  }
  w.users = {"", "u1", "u2"};
  w.rejected.push_back({7, 3, 0, 2, "", "b reason"});
  w.rejected.push_back({8, 4, 0, 2, "", "a reason"});
  w.rejected.push_back({9, 5, 0, 2, "", "b reason"});
  return w;
}

TEST(TraceStats, HandComputedFigures) {
  const TraceStats stats = compute_trace_stats(hundred_jobs());
  EXPECT_EQ(stats.records, 103u);
  EXPECT_EQ(stats.jobs, 100u);
  EXPECT_EQ(stats.rejected, 3u);
  ASSERT_EQ(stats.rejected_by_reason.size(), 2u);
  EXPECT_EQ(stats.rejected_by_reason[0], (std::pair<std::string, std::size_t>{"b reason", 2}));
  EXPECT_EQ(stats.rejected_by_reason[1], (std::pair<std::string, std::size_t>{"a reason", 1}));
  // Nearest rank over runtimes 1..100 s.
  EXPECT_EQ(stats.runtime_p50, from_seconds(50));
  EXPECT_EQ(stats.runtime_p90, from_seconds(90));
  EXPECT_EQ(stats.runtime_p99, from_seconds(99));
  EXPECT_EQ(stats.runtime_max, from_seconds(100));
  // 50 jobs of 1 GPU, 30 of 4, 20 of 16: buckets 1, 2, 3-4, 5-8, 9-16.
  EXPECT_EQ(stats.gpu_buckets, (std::vector<std::size_t>{50, 0, 30, 0, 20}));
  EXPECT_DOUBLE_EQ(stats.mean_gpus, (50.0 + 120.0 + 320.0) / 100.0);
  EXPECT_EQ(stats.max_gpus, 16);
  // GPU-seconds: sum_{1..50} i + 4 sum_{51..80} i + 16 sum_{81..100} i.
  EXPECT_NEAR(stats.gpu_hours, (1275.0 + 4 * 1965.0 + 16 * 1810.0) / 3600.0, 1e-9);
  EXPECT_EQ(stats.first_submit, 0);
  EXPECT_EQ(stats.last_submit, from_seconds(3564));
  EXPECT_NEAR(stats.arrivals_per_hour, 100 / 0.99, 1e-9);
  EXPECT_EQ(stats.users, 2u);
  EXPECT_EQ(stats.jobs_without_user, 33u);  // i divisible by 3
}

TEST(TraceStats, OfferedLoadOnAMachine) {
  // 38,095 GPU-seconds over 99 x 36 s of arrivals on 8 GPUs; the 20 16-GPU jobs cannot run.
  const std::string text = machine_load_text(hundred_jobs(), Topology::flat(8), "eight", 1.0);
  EXPECT_NE(text.find("machine:      eight (8 GPUs, 8 at reference speed)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("offered load: 1.336 at load factor 1 "), std::string::npos) << text;
  EXPECT_NE(text.find("load factor 0.748 offers 1.0"), std::string::npos) << text;
  EXPECT_NE(text.find("20 jobs need more GPUs than the machine has"), std::string::npos) << text;
}

TEST(TraceStats, BucketLabels) {
  EXPECT_EQ(gpu_bucket_label(0), "1");
  EXPECT_EQ(gpu_bucket_label(1), "2");
  EXPECT_EQ(gpu_bucket_label(2), "3-4");
  EXPECT_EQ(gpu_bucket_label(6), "33-64");
}

TEST(TraceStats, EmptyWorkloadAndSimultaneousArrivals) {
  Workload empty;
  empty.source = "none";
  const std::string text = trace_stats_text(empty, "csv");
  EXPECT_NE(text.find("records:      0 (0 jobs, 0 rejected)"), std::string::npos) << text;
  EXPECT_NE(text.find("no jobs to describe"), std::string::npos);

  Workload once = hundred_jobs();
  for (JobSpec& job : once.jobs) job.submit = from_seconds(5);
  EXPECT_EQ(compute_trace_stats(once).arrivals_per_hour, 0.0);
  EXPECT_NE(trace_stats_text(once, "x").find("arrival rate: n/a (every job arrives at 5 s)"),
            std::string::npos);
}

TEST(TraceStats, FullReportOfThePhillyFixture) {
  const std::string path = fixture("philly_muri.csv");
  // Jobs: 1 GPU 49 s at 0 s; 2 GPUs 2 us at 0.7 s; 8 GPUs 2.1405 s at 1.5 s; 3 rejected.
  EXPECT_EQ(
      trace_stats_text(read(path), "philly"),
      "trace:        " + path +
          " (format philly)\n"
          "records:      6 (3 jobs, 3 rejected)\n"
          "  rejected       1  no GPUs (num_gpu = 0)\n"
          "  rejected       1  runtime unknown (duration empty)\n"
          "  rejected       1  submit time negative (submit_time = -1000)\n"
          "GPUs per job: mean 3.67, max 8; 0.0 GPU-hours in all\n"
          "       GPUs      jobs   share\n"
          "          1         1   33.3%\n"
          "          2         1   33.3%\n"
          "        3-4         0    0.0%\n"
          "        5-8         1   33.3%\n"
          "runtime s:    p50 2.1405, p90 49, p99 49, max 49\n"
          "span:         submits from 0 s to 1.5 s (0.00 h)\n"
          "arrival rate: 7200.00 jobs/hour\n"
          "users:        0 (3 jobs without a user)\n"
          "models:       3\n"
          "gpu types:    0\n"
          "warnings:\n"
          "  - times read in milliseconds (time_unit=auto: the header has iteration_time, the "
          "Muri layout); give philly:time_unit=s if they are seconds\n"
          "  - 3 jobs have no requested time (philly traces carry none); their runtime is used "
          "as the estimate, so estimate-based policies (sjf, easy) see exact runtimes\n");
}

TEST(TraceStats, RealPhillyAndAlibabaTraces) {
  const std::string philly = test::shared_trace("gpu/philly-muri/trace1.csv");
  const std::string alibaba = test::shared_trace("gpu/alibaba-v2023/openb_pod_list_default.csv");
  if (philly.empty() || alibaba.empty()) {
    GTEST_SKIP() << test::missing_trace_message("gpu/philly-muri/trace1.csv");
  }
  // Figures from Python's csv module over the files (nearest-rank percentiles).
  const std::string text = trace_stats_text(read(philly), "philly");
  EXPECT_NE(text.find("records:      1494 (1494 jobs, 0 rejected)"), std::string::npos) << text;
  EXPECT_NE(text.find("runtime s:    p50 14392, p90 655813, p99 2658790, max 4628239"),
            std::string::npos);
  EXPECT_NE(text.find("GPUs per job: mean 4.95, max 32; 383326.8 GPU-hours"), std::string::npos);
  EXPECT_NE(text.find("span:         submits from 0 s to 10817570 s"), std::string::npos);
  const std::string pods = trace_stats_text(read(alibaba), "alibaba");
  EXPECT_NE(pods.find("records:      8152 (6203 jobs, 1949 rejected)"), std::string::npos) << pods;
  EXPECT_NE(pods.find("  rejected    1088  CPU-only pod (num_gpu = 0)\n"
                      "  rejected     861  never scheduled (scheduled_time empty)\n"),
            std::string::npos);
  EXPECT_NE(pods.find("runtime s:    p50 655, p90 7389, p99 147608, max 12537496"),
            std::string::npos);
}

// convert then read the native CSV: the same jobs, every field.
void expect_round_trip(const std::string& path, const std::string& format) {
  SCOPED_TRACE(path);
  const Workload original = read(path, format);
  ASSERT_FALSE(original.jobs.empty());
  const std::string out = scratch_path(fs::path(path).filename().string() + ".native.csv");
  convert_trace(original, out);
  EXPECT_FALSE(fs::exists(out + ".partial"));
  const Workload back = read(out, "csv");
  testing::expect_same_jobs(original, back);
}

TEST(TraceConvert, RoundTripsEveryGpuFormat) {
  expect_round_trip(fixture("philly_muri.csv"), "");
  expect_round_trip(fixture("philly_tiresias.csv"), "");
  expect_round_trip(fixture("alibaba_pods.csv"), "");
  expect_round_trip(fixture("gavel_small.trace"), "gavel:steps_per_second=3");
  expect_round_trip(fixture("helios_cluster_log.csv"), "");
  expect_round_trip(fixture("sia_workload.csv"), "sia:durations=cifar10=60.25:duration_s=7");
}

TEST(TraceConvert, RoundTripsTheRealTraces) {
  for (const char* name :
       {"gpu/philly-muri/trace1.csv", "gpu/alibaba-v2023/openb_pod_list_default.csv",
        "gpu/gavel/seed0_11cb48.trace"}) {
    const std::string path = test::shared_trace(name);
    if (path.empty()) GTEST_SKIP() << test::missing_trace_message(name);
    expect_round_trip(path, "");
  }
}

TEST(TraceConvert, UnwritableOutputIsAnInputError) {
  const Workload w = read(fixture("philly_tiresias.csv"));
  testing::expect_input_error([&] { convert_trace(w, scratch_path("no/such/dir/out.csv")); }, 0,
                              "--out", "cannot write");
}

TEST(TraceCli, StatsAndConvertThroughTheBinary) {
  const Outcome stats = podsim("trace stats " + fixture("alibaba_pods.csv"));
  ASSERT_EQ(stats.exit_code, 0) << stats.output;
  EXPECT_NE(stats.output.find("(format alibaba)"), std::string::npos);
  EXPECT_NE(stats.output.find("records:      7 (4 jobs, 3 rejected)"), std::string::npos);

  const std::string out = scratch_path("pods.csv");
  const Outcome convert = podsim("trace convert " + fixture("alibaba_pods.csv") + " -o " + out);
  ASSERT_EQ(convert.exit_code, 0) << convert.output;
  EXPECT_EQ(convert.output,
            "wrote 4 jobs to " + out +
                " (3 rejected records are not written; `podsim trace stats` lists why)\n");
  const std::string csv = read_file(out);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "id,submit_s,gpus,runtime_s,estimate_s,user,group,priority,gpu_type,model,"
            "comm_fraction,hits_walltime");
  EXPECT_NE(csv.find("\n35,9967058,1,1512,1512,,,0,V100M16|V100M32,,,0\n"), std::string::npos)
      << csv;

  const Outcome params =
      podsim("trace stats " + fixture("philly_tiresias.csv") + " --format philly:time_unit=ms");
  ASSERT_EQ(params.exit_code, 0) << params.output;
  EXPECT_NE(params.output.find("runtime s:    p50 0.147,"), std::string::npos) << params.output;

  // On a machine, a trace recorded on A100s offers a third of what it would at H100 speed.
  const std::string machine = " --machine " PODSIM_SOURCE_DIR "/configs/dgx-h100-superpod.yaml";
  const Outcome h100 = podsim("trace stats " + fixture("philly_muri.csv") + machine);
  const Outcome a100 =
      podsim("trace stats " + fixture("philly_muri.csv") + machine + " --trace-gpu A100");
  ASSERT_EQ(h100.exit_code, 0) << h100.output;
  ASSERT_EQ(a100.exit_code, 0) << a100.output;
  const auto load_of = [](const std::string& output) {
    const auto at = output.find("offered load: ");
    return at == std::string::npos ? -1.0 : std::stod(output.substr(at + 14));
  };
  EXPECT_GT(load_of(h100.output), 0);
  EXPECT_NEAR(load_of(a100.output), 0.333 * load_of(h100.output), 0.002);
  EXPECT_EQ(podsim("trace stats " + fixture("philly_muri.csv") + " --trace-gpu P99").exit_code, 2);
}

TEST(TraceCli, BadInputExitsTwoAndWritesNothing) {
  const std::string bad = testing::write_scratch(
      "bad.csv", "job_id,num_gpu,submit_time,duration\n0,1,0,10\n1,x,0,10\n");
  const std::string out = scratch_path("never.csv");
  const Outcome convert = podsim("trace convert " + bad + " -o " + out);
  EXPECT_EQ(convert.exit_code, 2) << convert.output;
  EXPECT_NE(convert.output.find(bad + ":3: num_gpu"), std::string::npos) << convert.output;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".partial"));

  const Outcome format = podsim("trace stats " + bad + " --format phily");
  EXPECT_EQ(format.exit_code, 2) << format.output;
  EXPECT_NE(format.output.find("did you mean 'philly'?"), std::string::npos) << format.output;

  const Outcome units = podsim("trace stats " + fixture("sia_workload.csv") + " --units-per-gpu 8");
  EXPECT_EQ(units.exit_code, 2) << units.output;
  EXPECT_NE(units.output.find("units_per_gpu must be 1"), std::string::npos) << units.output;

  const Outcome missing_out = podsim("trace convert " + fixture("sia_workload.csv"));
  EXPECT_EQ(missing_out.exit_code, 2) << missing_out.output;
}

}  // namespace
}  // namespace podsim
