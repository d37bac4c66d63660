// The real SWF traces in ../shared/traces (never copied into the project); skipped when absent.
#include <gtest/gtest.h>

#include "workload/swf_reader.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

std::string shared_swf(const std::string& name) {
  return (testing::shared_traces() / "swf" / name).string();
}

TEST(RealTraces, Hpc2nSample) {
  const std::string path = shared_swf("HPC2N-sample-3170.swf");
  SKIP_WITHOUT_TRACE(path);
  const Workload w = read_swf(path, {});
  EXPECT_EQ(w.record_count(), 3170u);
  EXPECT_EQ(w.rejected.size(), 25u);
  EXPECT_EQ(testing::count_rejected(w, "runtime unknown (field 4 = -1)"), 25u);
  EXPECT_EQ(w.jobs.size(), 3145u);
  EXPECT_EQ(w.machine_units, 240);
}

TEST(RealTraces, KthSp2) {
  const std::string path = shared_swf("KTH-SP2-1996-2.2.swf");
  SKIP_WITHOUT_TRACE(path);
  const Workload w = read_swf(path, {});
  EXPECT_EQ(w.record_count(), 28489u);
  EXPECT_TRUE(w.rejected.empty());
  EXPECT_EQ(w.machine_units, 100);
  std::size_t cut = 0;
  for (const JobSpec& job : w.jobs) cut += job.hits_walltime;
  EXPECT_EQ(cut, 475u);  // awk '$4 > $9 && $9 > 0' on the data lines
  ASSERT_EQ(w.warnings.size(), 1u);
  EXPECT_NE(w.warnings[0].find("475 jobs ran longer"), std::string::npos);
}

TEST(RealTraces, NasaGzipHasNoRequestedTimes) {
  const std::string path = shared_swf("NASA-iPSC-1993-3.1-cln.swf.gz");
  SKIP_WITHOUT_TRACE(path);
  const Workload w = read_swf(path, {});
  EXPECT_EQ(w.record_count(), 18239u);
  EXPECT_EQ(w.jobs.size(), 18239u);
  EXPECT_EQ(w.machine_units, 128);
  ASSERT_EQ(w.warnings.size(), 1u);
  EXPECT_EQ(w.warnings[0],
            "18239 jobs have no requested time (field 9); their runtime is used as the estimate");
  for (const JobSpec& job : w.jobs) ASSERT_EQ(job.runtime, job.estimate);
}

TEST(RealTraces, LublinSynthetic) {
  const std::string path = shared_swf("lublin_256-synthetic.swf");
  SKIP_WITHOUT_TRACE(path);
  const Workload w = read_swf(path, {});
  EXPECT_EQ(w.record_count(), 10000u);
  EXPECT_EQ(w.jobs.size(), 10000u);
  EXPECT_EQ(w.machine_units, 256);  // the header has MaxNodes only
}

}  // namespace
}  // namespace podsim
