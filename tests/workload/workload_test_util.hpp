#pragma once
// Helpers shared by the workload tests: fixture and shared-trace paths, scratch files, and a
// check that a call throws InputError at the expected place.
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "support/shared_traces.hpp"
#include "workload/job_spec.hpp"

namespace podsim::testing {

inline std::string fixture(const std::string& name) {
  return std::string(PODSIM_FIXTURES) + "/workload/" + name;
}

// The folder of real traces: $PODSIM_SHARED_TRACES when set, else the configured default.
inline std::filesystem::path shared_traces() { return test::shared_traces_dir(); }

// Skips the current test when a real trace is absent.
#define SKIP_WITHOUT_TRACE(path)                                                            \
  do {                                                                                      \
    if (!std::filesystem::exists(path)) {                                                   \
      GTEST_SKIP() << "real trace " << (path) << " not found; set PODSIM_SHARED_TRACES to " \
                   << "the shared traces folder to run this";                               \
    }                                                                                       \
  } while (false)

// A fresh path in the test's scratch folder, unique per test so tests can run in parallel.
inline std::string scratch_path(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   (std::string("podsim_workload_") + info->test_suite_name() + "_" + info->name());
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

inline std::string write_scratch(const std::string& name, const std::string& text) {
  const std::string path = scratch_path(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Runs `call`, expecting InputError at `line` with `key`, its message containing `needle`.
inline void expect_input_error(const std::function<void()>& call, int line, const std::string& key,
                               const std::string& needle) {
  try {
    call();
    ADD_FAILURE() << "expected InputError (line " << line << ", key '" << key << "')";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_EQ(error.key(), key) << error.what();
    EXPECT_NE(error.message().find(needle), std::string::npos)
        << "message '" << error.message() << "' lacks '" << needle << "'";
  }
}

// Every JobSpec field but source_line (which names a line of whichever file was read) and
// interned indices, compared by the names they stand for.
inline void expect_same_jobs(const Workload& expected, const Workload& actual) {
  ASSERT_EQ(expected.jobs.size(), actual.jobs.size());
  for (std::size_t i = 0; i < expected.jobs.size(); ++i) {
    const JobSpec& a = expected.jobs[i];
    const JobSpec& b = actual.jobs[i];
    SCOPED_TRACE("job " + std::to_string(i));
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.trace_id, b.trace_id);
    EXPECT_EQ(a.submit, b.submit);
    EXPECT_EQ(a.gpus, b.gpus);
    EXPECT_EQ(a.runtime, b.runtime);
    EXPECT_EQ(a.estimate, b.estimate);
    EXPECT_EQ(a.hits_walltime, b.hits_walltime);
    EXPECT_EQ(expected.users.at(a.user), actual.users.at(b.user));
    EXPECT_EQ(expected.groups.at(a.group), actual.groups.at(b.group));
    EXPECT_EQ(a.priority, b.priority);
    EXPECT_EQ(expected.gpu_types.at(a.gpu_type), actual.gpu_types.at(b.gpu_type));
    EXPECT_EQ(expected.models.at(a.model), actual.models.at(b.model));
    EXPECT_EQ(a.comm_fraction, b.comm_fraction);  // exact: the text form round-trips
    if (::testing::Test::HasFailure()) return;    // one bad job is enough to read
  }
}

// The job with `trace_id`, or nullptr.
inline const JobSpec* find_job(const Workload& workload, std::int64_t trace_id) {
  for (const JobSpec& job : workload.jobs) {
    if (job.trace_id == trace_id) return &job;
  }
  return nullptr;
}

// The rejected record with `trace_id`, or nullptr.
inline const RejectedRecord* find_rejected(const Workload& workload, std::int64_t trace_id) {
  for (const RejectedRecord& record : workload.rejected) {
    if (record.trace_id == trace_id) return &record;
  }
  return nullptr;
}

// How many rejected records give exactly `reason`.
inline std::size_t count_rejected(const Workload& workload, const std::string& reason) {
  std::size_t count = 0;
  for (const RejectedRecord& record : workload.rejected) count += record.reason == reason;
  return count;
}

// True when some warning contains `needle`.
inline bool has_warning(const Workload& workload, const std::string& needle) {
  for (const std::string& warning : workload.warnings) {
    if (warning.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace podsim::testing
