// The scenario commands as a user meets them: `podsim run SCENARIO`, `compare`, `sweep` (with
// -j and under mpirun) and `check` — exit codes, messages and byte-identical outputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/binary_runner.hpp"
#include "support/fresh_dir.hpp"

namespace {

namespace fs = std::filesystem;
using podsim::test::Outcome;
using podsim::test::podsim;
using podsim::test::read_file;
using podsim::test::shell;

std::string fixture(const std::string& relative) {
  return std::string(PODSIM_FIXTURES) + "/scenario/" + relative;
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

fs::path fresh_dir(const std::string& name) {
  return podsim::test::fresh_dir("podsim_scenario_cli_" + name);
}

// The table rows of `podsim run` output without the last column (host time).
std::vector<std::string> rows_without_time(const std::string& output) {
  std::vector<std::string> rows;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("fcfs ", 0) != 0 && line.rfind("easy ", 0) != 0) continue;
    // Drop the host-time column and the padding before it (its width varies with the time).
    std::string row = line.substr(0, line.rfind(' '));
    row.erase(row.find_last_not_of(' ') + 1);
    rows.push_back(row);
  }
  return rows;
}

TEST(ScenarioCli, QuickstartScenarioGivesTheNumbersOfTheDefaultRun) {
  const Outcome scenario =
      podsim("run " + std::string(PODSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml");
  const Outcome plain = podsim("run");
  ASSERT_EQ(scenario.exit_code, 0) << scenario.output;
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  const std::vector<std::string> rows = rows_without_time(scenario.output);
  ASSERT_EQ(rows.size(), 2u) << scenario.output;
  EXPECT_EQ(rows, rows_without_time(plain.output));
  EXPECT_NE(scenario.output.find("days=30 load=0.9 cluster_gpus=1016"), std::string::npos);
}

TEST(ScenarioCli, TypoKeyExits2WithFileLineAndSuggestion) {
  for (const char* command : {"run", "compare", "sweep", "check"}) {
    const Outcome outcome = podsim(std::string(command) + " " + fixture("typo_key.yaml"));
    EXPECT_EQ(outcome.exit_code, 2) << command << ": " << outcome.output;
    EXPECT_NE(outcome.output.find("typo_key.yaml:3: worklaod: unknown key 'worklaod' (did you "
                                  "mean 'workload'?)"),
              std::string::npos)
        << command << ": " << outcome.output;
  }
}

TEST(ScenarioCli, ScenarioExcludesTheOptionsThatDescribeOne) {
  EXPECT_EQ(podsim("run " + fixture("trace_relative.yaml") + " --flat 8").exit_code, 2);
  EXPECT_EQ(podsim("compare " + fixture("trace_relative.yaml") + " --policy easy").exit_code, 2);
}

TEST(ScenarioCli, RunScenarioFromAnotherFolderWritesItsResults) {
  const fs::path dir = fresh_dir("run_out");
  const Outcome outcome = shell("cd / && " + std::string(PODSIM_BINARY) + " run " +
                                fixture("trace_relative.yaml") + " --out " + dir.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("flat 16 (from the trace header)"), std::string::npos)
      << outcome.output;
  EXPECT_TRUE(fs::exists(dir / "fcfs-first-fit" / "summary.json"));
  EXPECT_TRUE(fs::exists(dir / "easy-first-fit" / "jobs.csv"));
}

TEST(ScenarioCli, CompareWritesOneTableAsTextCsvAndJson) {
  const fs::path dir = fresh_dir("compare");
  const Outcome outcome =
      podsim("compare --flat 32 --jobs 300 --load 0.9 --policy fcfs,easy --csv " +
                 (dir / "t.csv").string() + " --json " + (dir / "t.json").string(),
             false);
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("policy  placement"), std::string::npos) << outcome.output;
  // 300 jobs are a short run: the rows are marked and the reasons follow the table.
  EXPECT_NE(outcome.output.find("first-fit !"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("! easy first-fit: "), std::string::npos) << outcome.output;
  const std::string csv = read_file(dir / "t.csv");
  EXPECT_EQ(csv.rfind("policy,placement,seeds,", 0), 0u) << csv;
  EXPECT_NE(csv.find("\nfcfs,first-fit,1,"), std::string::npos);
  EXPECT_NE(csv.find("\neasy,first-fit,1,"), std::string::npos);
  const auto json = nlohmann::json::parse(read_file(dir / "t.json"));
  ASSERT_EQ(json["rows"].size(), 2u);
  EXPECT_EQ(json["rows"][1]["policy"], "easy");
  EXPECT_EQ(json["rows"][1]["metrics"]["ran"]["mean"], 300.0);
}

// A scenario, its bounds taken from a first run, then a copy with one value changed.
class CheckCli : public ::testing::Test {
 protected:
  static std::string scenario(const std::string& policy, double load, double wait_max) {
    std::ostringstream text;
    text << "name: guarded\ntopology: {flat: 32}\n"
         << "workload: {generator: philly, jobs: 400, load: " << load << "}\n"
         << "policies: [\"" << policy << "\"]\nseeds: [1, 2]\n"
         << "expect:\n  " << policy.substr(0, policy.find(':'))
         << ": {wait_mean_s: {max: " << wait_max << "}, rejected: {max: 0}}\n";
    return text.str();
  }

  static double mean_wait(const fs::path& file) {
    const fs::path json = file.parent_path() / "wait.json";
    const Outcome outcome = podsim("compare " + file.string() + " --json " + json.string());
    EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
    return nlohmann::json::parse(read_file(json))["rows"][0]["metrics"]["wait_mean_s"]["mean"];
  }
};

TEST_F(CheckCli, ChangedScenarioFailsWithAReadableDiffAndExit1) {
  const fs::path dir = fresh_dir("check_changed");
  const fs::path original = dir / "guarded.yaml";
  write_file(original, scenario("easy", 0.8, 1e9));
  const double base_wait = mean_wait(original);
  write_file(original, scenario("easy", 0.8, base_wait * 1.01 + 1));
  ASSERT_EQ(podsim("check --update " + original.string()).exit_code, 0);
  ASSERT_TRUE(fs::exists(dir / "guarded.hashes"));
  const Outcome pass = podsim("check " + dir.string());
  ASSERT_EQ(pass.exit_code, 0) << pass.output;
  EXPECT_NE(pass.output.find("ok    "), std::string::npos) << pass.output;

  // The copy: same bounds and recorded hashes, heavier load.
  const fs::path copy_dir = fresh_dir("check_changed_copy");
  write_file(copy_dir / "guarded.yaml", scenario("easy", 1.6, base_wait * 1.01 + 1));
  fs::copy_file(dir / "guarded.hashes", copy_dir / "guarded.hashes");
  const Outcome fail = podsim("check " + copy_dir.string());
  EXPECT_EQ(fail.exit_code, 1) << fail.output;
  EXPECT_NE(fail.output.find("FAIL  " + (copy_dir / "guarded.yaml").string()), std::string::npos)
      << fail.output;
  EXPECT_NE(fail.output.find("easy/first-fit: wait_mean_s = "), std::string::npos) << fail.output;
  EXPECT_NE(fail.output.find(", expected <= "), std::string::npos) << fail.output;
  EXPECT_NE(fail.output.find("easy/first-fit seed 1: schedule changed: recorded "),
            std::string::npos)
      << fail.output;
  EXPECT_NE(fail.output.find("1 scenario failed"), std::string::npos) << fail.output;
}

// "key=default (type) description" lines of `podsim run --policy help`, with their policy.
struct PolicyParameter {
  std::string policy, key, value, type;
};

std::vector<PolicyParameter> policy_parameters() {
  std::vector<PolicyParameter> found;
  std::istringstream lines(podsim("run --policy help").output);
  std::string line, policy;
  while (std::getline(lines, line)) {
    if (line.rfind("      ", 0) == 0 && !policy.empty()) {
      const std::string text = line.substr(6);
      const std::size_t equals = text.find('='), open = text.find(" ("), close = text.find(')');
      if (equals == std::string::npos || open == std::string::npos || close == std::string::npos ||
          equals > open) {
        continue;
      }
      found.push_back({policy, text.substr(0, equals), text.substr(equals + 1, open - equals - 1),
                       text.substr(open + 2, close - open - 2)});
    } else if (line.rfind("  ", 0) == 0) {
      std::istringstream words(line);
      words >> policy;
    }
  }
  return found;
}

// Values to try instead of a parameter's default, most likely to move a schedule first.
std::vector<std::string> other_values(const PolicyParameter& parameter) {
  if (parameter.type == "bool") return {parameter.value == "true" ? "false" : "true"};
  if (parameter.type != "integer" && parameter.type != "real") return {};
  const double value = std::atof(parameter.value.c_str());
  std::vector<std::string> values;
  for (double candidate : {value * 10, value / 10, value + 1000, 0.0, 1.0}) {
    const std::string text = parameter.type == "integer"
                                 ? std::to_string(static_cast<long long>(candidate))
                                 : std::to_string(candidate);
    if (text != parameter.value && candidate >= 0) values.push_back(text);
  }
  return values;
}

TEST_F(CheckCli, ChangedPolicyParameterFailsTheCheck) {
  // Only fcfs, easy and first-fit are sure to exist: use whatever parameterised policy is
  // registered, and skip when none is.
  const std::vector<PolicyParameter> parameters = policy_parameters();
  if (parameters.empty()) GTEST_SKIP() << "no registered policy declares a parameter yet";
  const fs::path dir = fresh_dir("check_parameter");
  std::vector<std::string> unchanged;
  for (const PolicyParameter& parameter : parameters) {
    // The original with the default, its hashes recorded; copies with the parameter changed.
    write_file(dir / "base" / "p.yaml", scenario(parameter.policy, 1.3, 1e12));
    if (podsim("check --update " + (dir / "base").string()).exit_code != 0) continue;
    for (const std::string& value : other_values(parameter)) {
      const std::string changed = parameter.policy + ":" + parameter.key + "=" + value;
      write_file(dir / "copy" / "p.yaml", scenario(changed, 1.3, 1e12));
      fs::copy_file(dir / "base" / "p.hashes", dir / "copy" / "p.hashes",
                    fs::copy_options::overwrite_existing);
      const Outcome outcome = podsim("check " + (dir / "copy").string());
      if (outcome.exit_code == 2) continue;  // a value outside the parameter's range
      if (outcome.exit_code == 0) {
        unchanged.push_back(changed);  // this parameter does not matter on this workload
        continue;
      }
      // Hashes are kept under the policy's name, so the copy is compared with the original.
      EXPECT_EQ(outcome.exit_code, 1) << outcome.output;
      EXPECT_NE(outcome.output.find("FAIL  "), std::string::npos) << outcome.output;
      EXPECT_NE(
          outcome.output.find(parameter.policy + "/first-fit seed 1: schedule changed: recorded "),
          std::string::npos)
          << changed << ": " << outcome.output;
      return;
    }
  }
  GTEST_SKIP() << "no policy parameter change moved a schedule; tried " << unchanged.size();
}

TEST(ScenarioCli, HashesAreRecordedUpdatedAndCompared) {
  const fs::path dir = fresh_dir("hashes");
  write_file(dir / "h.yaml",
             "topology: {flat: 16}\nworkload: {generator: philly, jobs: 100}\nseeds: [5]\n"
             "expect: {easy: {rejected: {max: 0}}}\n");
  Outcome outcome = podsim("check " + dir.string());
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.output.find("fcfs/first-fit seed 5: no recorded schedule hash in h.hashes"),
            std::string::npos)
      << outcome.output;
  outcome = podsim("check --update " + dir.string());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("hashes written to"), std::string::npos) << outcome.output;
  const std::string recorded = read_file(dir / "h.hashes");
  EXPECT_NE(recorded.find("fcfs\tfirst-fit\t5\t"), std::string::npos) << recorded;
  EXPECT_NE(recorded.find("easy\tfirst-fit\t5\t"), std::string::npos) << recorded;
  EXPECT_EQ(podsim("check " + dir.string()).exit_code, 0);

  // Tamper with one hash: "schedule changed", exit 1; --update puts it back.
  std::string tampered = recorded;
  const std::size_t at = tampered.find("easy\tfirst-fit\t5\t") + 17;
  tampered[at] = tampered[at] == '0' ? '1' : '0';
  write_file(dir / "h.hashes", tampered);
  outcome = podsim("check " + dir.string());
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.output.find("easy/first-fit seed 5: schedule changed: recorded "),
            std::string::npos)
      << outcome.output;
  EXPECT_EQ(podsim("check --update " + dir.string()).exit_code, 0);
  EXPECT_EQ(read_file(dir / "h.hashes"), recorded);
}

TEST(ScenarioCli, SweepIsByteIdenticalForAnyThreadCount) {
  const fs::path dir = fresh_dir("sweep_threads");
  const Outcome one =
      podsim("sweep " + fixture("small_sweep.yaml") + " -j 1 --csv " + (dir / "one.csv").string() +
                 " --json " + (dir / "one.json").string(),
             false);
  const Outcome two =
      podsim("sweep " + fixture("small_sweep.yaml") + " -j 2 --csv " + (dir / "two.csv").string() +
                 " --json " + (dir / "two.json").string(),
             false);
  ASSERT_EQ(one.exit_code, 0) << one.output;
  ASSERT_EQ(two.exit_code, 0) << two.output;
  EXPECT_EQ(one.output, two.output);
  EXPECT_NE(one.output.find("groups  load  policy  placement"), std::string::npos) << one.output;
  EXPECT_NE(one.output.find(" ± "), std::string::npos);
  EXPECT_EQ(read_file(dir / "one.csv"), read_file(dir / "two.csv"));
  EXPECT_EQ(read_file(dir / "one.json"), read_file(dir / "two.json"));
  // 5 header lines, the column names and 12 rows, then one line per row with warnings; then
  // the paired differences of easy against fcfs at each of the 6 points.
  const std::size_t paired = one.output.find("\npaired differences");
  ASSERT_NE(paired, std::string::npos) << one.output;
  const std::string table = one.output.substr(0, paired);
  const auto lines = std::count(table.begin(), table.end(), '\n');
  const auto marked = std::count(table.begin(), table.end(), '!');
  EXPECT_EQ(lines, 5 + 1 + 12 + marked / 2);
  std::size_t differences = 0;
  for (std::size_t at = one.output.find("topology - fcfs topology", paired);
       at != std::string::npos; at = one.output.find("topology - fcfs topology", at + 1)) {
    ++differences;
  }
  EXPECT_GE(differences, 6u) << one.output.substr(paired);  // rows, and lines under them
  EXPECT_NE(one.output.find("\n     1   0.8  easy    topology - fcfs topology", paired),
            std::string::npos)
      << one.output.substr(paired);
}

bool on_path(const std::string& program) {
  return shell("command -v " + program + " >/dev/null").exit_code == 0;
}

TEST(ScenarioCli, SweepUnderMpirunMatchesThreads) {
  if (!on_path("mpirun")) GTEST_SKIP() << "mpirun not found (Debian: openmpi-bin); skipped";
  const fs::path dir = fresh_dir("sweep_mpi");
  const Outcome threads = podsim(
      "sweep " + fixture("small_sweep.yaml") + " -j 2 --csv " + (dir / "threads.csv").string(),
      false);
  ASSERT_EQ(threads.exit_code, 0) << threads.output;
  const std::string mpirun = "mpirun -np 2 --allow-run-as-root --oversubscribe ";
  const Outcome ranks = shell(mpirun + PODSIM_BINARY + " sweep " + fixture("small_sweep.yaml") +
                                  " -j 1 --csv " + (dir / "ranks.csv").string(),
                              false);
  ASSERT_EQ(ranks.exit_code, 0) << ranks.output;
  EXPECT_EQ(ranks.output, threads.output);
  EXPECT_EQ(read_file(dir / "ranks.csv"), read_file(dir / "threads.csv"));
#ifdef PODSIM_HAVE_MPI
  // Built with MPI: the two ranks really split the points.
  const Outcome verbose = shell(mpirun + PODSIM_BINARY + " -v sweep " +
                                fixture("small_sweep.yaml") + " -j 1 --metrics wait_mean_s");
  EXPECT_EQ(verbose.exit_code, 0) << verbose.output;
  EXPECT_NE(verbose.output.find("2 MPI ranks"), std::string::npos) << verbose.output;
#endif
}

}  // namespace
