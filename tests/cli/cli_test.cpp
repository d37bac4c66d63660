// The podsim binary as a user meets it: exit codes (0 ok, 2 bad input), messages that name the
// file, line and field, result files that account for every record, and no half-written output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/binary_runner.hpp"
#include "support/fresh_dir.hpp"

namespace {

namespace fs = std::filesystem;
using podsim::test::Outcome;
using podsim::test::podsim;
using podsim::test::read_file;

std::string fixture(const std::string& relative) {
  return std::string(PODSIM_FIXTURES) + "/" + relative;
}

fs::path fresh_dir(const std::string& name) {
  return podsim::test::fresh_dir("podsim_cli_test_" + name);
}

TEST(Cli, DefaultRunComparesFcfsAndEasyOnTheSuperPod) {
  const Outcome outcome = podsim("run --jobs 500");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("dgx-h100-superpod"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("1016 GPUs"), std::string::npos);
  EXPECT_NE(outcome.output.find("\nfcfs "), std::string::npos);
  EXPECT_NE(outcome.output.find("\neasy "), std::string::npos);
}

// No --placement: the machine's default (default_placement.hpp), named in the table, the
// result folders and summary.json; a placement given by hand is kept.
TEST(Cli, DefaultPlacementFollowsTheMachineAndLabelsSayWhichRan) {
  const std::string gb200 = std::string(PODSIM_SOURCE_DIR) + "/configs/gb200-nvl72.yaml";
  Outcome outcome = podsim("run --jobs 300 --policy easy");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("\neasy       topology "), std::string::npos) << outcome.output;
  outcome = podsim("run --flat 64 --jobs 300 --policy easy");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("\neasy       first-fit "), std::string::npos) << outcome.output;
  outcome = podsim("run --topology " + gb200 + " --jobs 300 --policy easy --placement first-fit");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("\neasy       first-fit "), std::string::npos) << outcome.output;

  const fs::path dir = fresh_dir("default_placement");
  outcome =
      podsim("run --topology " + gb200 + " --jobs 300 --policy fcfs,easy --out " + dir.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("\neasy       topology:max_level=rack "), std::string::npos)
      << outcome.output;
  const auto summary =
      nlohmann::json::parse(read_file(dir / "easy-topology_max_level=rack" / "summary.json"));
  EXPECT_EQ(summary["run"]["placement"], "topology");
  EXPECT_EQ(summary["run"]["placement.max_level"], "rack");
  EXPECT_TRUE(fs::exists(dir / "fcfs-topology_max_level=rack" / "jobs.csv"));
}

TEST(Cli, PolicyAndPlacementHelpListEntries) {
  Outcome outcome = podsim("run --policy help");
  ASSERT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.output.find("fcfs"), std::string::npos);
  EXPECT_NE(outcome.output.find("EASY backfilling"), std::string::npos);
  outcome = podsim("run --placement help");
  ASSERT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.output.find("first-fit"), std::string::npos);
}

TEST(Cli, UnknownPolicyListsValidOnesAndExits2) {
  const Outcome outcome = podsim("run --flat 8 --policy eesy");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("unknown policy 'eesy' (did you mean 'easy'?)"), std::string::npos)
      << outcome.output;
  const auto valid = outcome.output.find("valid: ");
  ASSERT_NE(valid, std::string::npos);
  EXPECT_NE(outcome.output.find("easy", valid), std::string::npos);
  EXPECT_NE(outcome.output.find("fcfs", valid), std::string::npos);
}

TEST(Cli, PolicyListsKeepParameterValuesWithCommas) {
  // A list-valued parameter keeps its commas; the next piece that names a policy starts one.
  Outcome outcome = podsim("run --flat 8 --jobs 50 --policy las:thresholds_gpu_s=3600,7200,fcfs");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("las:thresholds_gpu_s=3600,7200 "), std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("\nfcfs "), std::string::npos) << outcome.output;
  // A piece after a policy without parameters is a policy of its own (and here a typo).
  outcome = podsim("run --flat 8 --jobs 50 --policy fcfs,eesy");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("unknown policy 'eesy'"), std::string::npos) << outcome.output;
  // Twice the same would write both runs to one folder.
  outcome = podsim("run --flat 8 --jobs 50 --policy fcfs,fcfs");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("'fcfs' is listed twice"), std::string::npos) << outcome.output;
  // "all", as in a scenario.
  outcome = podsim("run --flat 8 --jobs 50 --policy all");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  for (const char* policy : {"conservative", "fairshare", "sjf-easy", "srtf"}) {
    EXPECT_NE(outcome.output.find(std::string("\n") + policy + " "), std::string::npos)
        << policy << "\n"
        << outcome.output;
  }
}

TEST(Cli, GlobalFlagsWorkAfterTheSubcommand) {
  Outcome outcome = podsim("run --flat 8 --jobs 20 -v");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("podsim: info: "), std::string::npos) << outcome.output;
  outcome = podsim("run --flat 8 --jobs 20");
  EXPECT_EQ(outcome.output.find("podsim: info: "), std::string::npos) << outcome.output;
}

TEST(Cli, UnwritableOutputsExit2BeforeAnythingRuns) {
  const fs::path dir = fresh_dir("unwritable");
  const std::string file = (dir / "a-file").string();
  std::ofstream(file) << "x";
  Outcome outcome = podsim("run --flat 8 --jobs 20 --out " + file);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find(file + ": --out: cannot create the output folder"),
            std::string::npos)
      << outcome.output;
  outcome = podsim("compare --flat 8 --jobs 20 --csv " + dir.string());
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find("--csv: is a folder, not a file"), std::string::npos)
      << outcome.output;
  EXPECT_EQ(outcome.output.find("policy"), std::string::npos) << outcome.output;  // no table
  // A missing folder of an output file is created.
  outcome = podsim("compare --flat 8 --jobs 20 --csv " + (dir / "new" / "t.csv").string());
  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_TRUE(fs::exists(dir / "new" / "t.csv"));
}

TEST(Cli, MalformedTraceNamesFileLineAndFieldAndWritesNothing) {
  const fs::path out = fresh_dir("malformed");
  const std::string trace = fixture("workload/bad_non_numeric.swf");
  const Outcome outcome = podsim("run --flat 64 --trace " + trace + " --out " + out.string());
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find(trace + ":"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("field"), std::string::npos) << outcome.output;
  EXPECT_FALSE(fs::exists(out / "summary.json"));
  EXPECT_FALSE(fs::exists(out / "jobs.csv"));
}

TEST(Cli, BadCommandLineExits2) {
  EXPECT_EQ(podsim("run --flat 0").exit_code, 2);
  // A flat pool is bounded by the machine limit; 2^31 - 1 GPUs once ran forever (so the timeout).
  const Outcome huge =
      podsim::test::shell("timeout 60 " PODSIM_BINARY " run --flat 2147483647 --jobs 10");
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_NE(huge.output.find("--flat: Value 2147483647 not in range 1 to 1048576"),
            std::string::npos)
      << huge.output;
  EXPECT_EQ(podsim("run --flat 8 --topology x.yaml").exit_code, 2);
  EXPECT_EQ(podsim("frobnicate").exit_code, 2);
  // Options of the other kind of workload would be ignored: errors instead.
  const Outcome synthetic_with_trace =
      podsim("run --flat 8 --trace " + fixture("workload/small.swf") + " --jobs 50");
  EXPECT_EQ(synthetic_with_trace.exit_code, 2);
  EXPECT_NE(synthetic_with_trace.output.find("--jobs"), std::string::npos)
      << synthetic_with_trace.output;
  const Outcome trace_option_alone = podsim("run --flat 8 --jobs 50 --load-factor 2");
  EXPECT_EQ(trace_option_alone.exit_code, 2);
  EXPECT_NE(trace_option_alone.output.find("--load-factor requires --trace"), std::string::npos)
      << trace_option_alone.output;
  EXPECT_EQ(podsim("run --trace /nonexistent/trace.swf --flat 8").exit_code, 2);
}

TEST(Cli, EveryRecordIsInJobsCsvAndTooLargeJobsAreRejectedWithAReason) {
  const fs::path out = fresh_dir("records");
  // small.swf: 10 records, 3 rejected by the reader; job 4 asks for 16 units, more than 8.
  const Outcome outcome = podsim("run --flat 8 --policy easy --trace " +
                                 fixture("workload/small.swf") + " --out " + out.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  std::istringstream jobs(read_file(out / "jobs.csv"));
  std::string line;
  std::getline(jobs, line);
  EXPECT_EQ(line.rfind("id,user,submit,start,end,wait,run,gpus", 0), 0u) << line;
  int records = 0, rejected = 0;
  bool too_large_reported = false;
  while (std::getline(jobs, line)) {
    ++records;
    if (line.find(",rejected,") != std::string::npos) ++rejected;
    if (line.rfind("4,", 0) == 0) {
      too_large_reported =
          line.find("rejected,needs 16 GPUs; the machine has 8") != std::string::npos;
    }
  }
  EXPECT_EQ(records, 10);
  EXPECT_EQ(rejected, 4);
  EXPECT_TRUE(too_large_reported);
  const auto summary = nlohmann::json::parse(read_file(out / "summary.json"));
  EXPECT_EQ(summary["jobs"]["records"], 10);
  EXPECT_EQ(summary["jobs"]["rejected"], 4);
  EXPECT_EQ(summary["run"]["policy"], "easy");
  EXPECT_TRUE(summary.contains("bounded_slowdown"));
  EXPECT_TRUE(fs::exists(out / "timeseries.csv"));
}

TEST(Cli, HardwareModelFlagsReachTheRun) {
  const fs::path calm = fresh_dir("calm"), failing = fresh_dir("failing");
  const std::string common = "run --jobs 400 --flat 64 --policy easy --seed 3 --out ";
  ASSERT_EQ(podsim(common + calm.string()).exit_code, 0);
  const Outcome outcome = podsim(common + failing.string() +
                                 " --mtbf-hours 10 --failure-distribution weibull"
                                 " --checkpoint-interval 600 --checkpoint-cost 20"
                                 " --restart-cost 60");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  const auto without = nlohmann::json::parse(read_file(calm / "summary.json"));
  const auto with = nlohmann::json::parse(read_file(failing / "summary.json"));
  EXPECT_EQ(without["restarts"], 0);
  EXPECT_GT(with["restarts"].get<int>(), 0);
  EXPECT_GT(with["gpu_hours_lost"].get<double>(), 0.0);
  EXPECT_EQ(with["jobs"]["completed"], without["jobs"]["completed"]);
  // summary.json says which run had failures, with the settings under the scenario keys.
  EXPECT_EQ(without["run"]["failures"], "none");
  EXPECT_EQ(with["run"]["failures.distribution"], "weibull");
  EXPECT_EQ(with["run"]["failures.node_mtbf_hours"], "10");
  EXPECT_EQ(with["run"]["failures.checkpoint_interval_s"], "600");
  EXPECT_EQ(with["run"]["failures.restart_cost_s"], "60");
  EXPECT_EQ(with["run"]["failures.max_restarts"], "100");

  // The performance model on a topology: off, every job runs at trace speed.
  const fs::path off = fresh_dir("no_slowdown");
  ASSERT_EQ(podsim("run --jobs 2000 --load 1.5 --policy easy --placement spread:split=true "
                   "--no-slowdown --out " +
                   off.string())
                .exit_code,
            0);
  const auto flat_speed = nlohmann::json::parse(read_file(off / "summary.json"));
  EXPECT_EQ(flat_speed["placement"]["stretch_mean"], 1.0);
  EXPECT_EQ(flat_speed["run"]["performance.enabled"], "false");
  EXPECT_GT(flat_speed["placement"]["multi_node_share"].get<double>(), 0.0);
}

TEST(Cli, BadHardwareModelFlagsExit2WithTheReason) {
  const Outcome typo = podsim("run --jobs 10 --mtbf-hours 5 --failure-distribution weibul");
  EXPECT_EQ(typo.exit_code, 2) << typo.output;
  EXPECT_NE(typo.output.find("did you mean 'weibull'?"), std::string::npos) << typo.output;
  const Outcome negative = podsim("run --jobs 10 --checkpoint-interval -5");
  EXPECT_EQ(negative.exit_code, 2) << negative.output;
  EXPECT_NE(negative.output.find("--checkpoint-interval"), std::string::npos) << negative.output;
  const Outcome clash = podsim("run --jobs 10 --no-slowdown --comm-fraction 0.3");
  EXPECT_EQ(clash.exit_code, 2) << clash.output;
  const Outcome range = podsim("run --jobs 10 --comm-fraction 1.5");
  EXPECT_EQ(range.exit_code, 2) << range.output;
  // Numbers out of range say what was expected, in a line (not CLI11's 300-digit range).
  const Outcome infinite = podsim("run --jobs 10 --load inf");
  EXPECT_EQ(infinite.exit_code, 2) << infinite.output;
  EXPECT_NE(infinite.output.find("--load: expected a number > 0, got 'inf'"), std::string::npos)
      << infinite.output;
  const Outcome below = podsim("run --jobs 10 --mtbf-hours -1");
  EXPECT_EQ(below.exit_code, 2) << below.output;
  EXPECT_NE(below.output.find("--mtbf-hours: expected a number >= 0, got '-1'"), std::string::npos)
      << below.output;
}

TEST(Cli, FormatHelpListsEveryTraceFormat) {
  const Outcome outcome = podsim("run --format help");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  for (const char* format : {"swf", "csv", "philly", "alibaba", "gavel", "helios", "sia"}) {
    EXPECT_NE(outcome.output.find(std::string("\n  ") + format + " "), std::string::npos)
        << format << "\n"
        << outcome.output;
  }
}

TEST(Cli, SameInputsGiveByteIdenticalFiles) {
  const fs::path first = fresh_dir("same1"), second = fresh_dir("same2");
  for (const auto& dir : {first, second}) {
    ASSERT_EQ(podsim("run --jobs 3000 --seed 9 --out " + dir.string()).exit_code, 0);
  }
  // The embedded SuperPOD's default placement is `topology` (default_placement.hpp).
  for (const char* sub : {"fcfs-topology", "easy-topology"}) {
    for (const char* file : {"jobs.csv", "summary.json", "timeseries.csv"}) {
      const std::string a = read_file(first / sub / file);
      EXPECT_FALSE(a.empty()) << sub << "/" << file;
      EXPECT_EQ(a, read_file(second / sub / file)) << sub << "/" << file;
    }
  }
}

TEST(Cli, TopologyShowAndValidate) {
  Outcome outcome =
      podsim(std::string("topology show ") + PODSIM_SOURCE_DIR + "/configs/dgx-h100-superpod.yaml");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("127"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("1016"), std::string::npos);
  outcome = podsim("topology validate " + fixture("topology/small.yaml"));
  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("valid"), std::string::npos);
  const std::string bad = fixture("topology/bad_typo_key.yaml");
  outcome = podsim("topology validate " + bad);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.output.find(bad + ":8: node_types.box.nvlnk_gbps"), std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("did you mean 'nvlink_gbps'"), std::string::npos);
}

}  // namespace
