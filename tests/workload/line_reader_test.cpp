#include "workload/line_reader.hpp"

#include <gtest/gtest.h>

#include "workload/text_fields.hpp"
#include "workload/trace_reader.hpp"
#include "workload_test_util.hpp"

namespace podsim {
namespace {

std::vector<std::string> read_all(const std::string& path) {
  LineReader reader(path);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(line)) {
    lines.emplace_back(line);
    EXPECT_EQ(reader.line_number(), static_cast<int>(lines.size()));
  }
  return lines;
}

TEST(LineReader, SplitsLinesStrippingLineEnds) {
  const auto path = testing::write_scratch("lines.txt", "a\r\n\nb c\nlast");
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"a", "", "b c", "last"}));
  EXPECT_TRUE(read_all(testing::write_scratch("empty.txt", "")).empty());
}

// Spreadsheet exports start with a UTF-8 byte-order mark; a native CSV header then read as
// "unknown column '\ufeffid'". Only a leading one is skipped; line numbers are unchanged.
TEST(LineReader, SkipsALeadingUtf8ByteOrderMark) {
  const std::string bom = "\xEF\xBB\xBF";
  const auto path = testing::write_scratch("bom.txt", bom + "a,b\r\n" + bom + "c\n");
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"a,b", bom + "c"}));
  EXPECT_EQ(read_all(testing::write_scratch("bom_only.txt", bom)), (std::vector<std::string>{""}));
  const std::string csv =
      testing::write_scratch("bom.csv", bom + "id,submit_s,gpus,runtime_s\n7,0,2,10\n");
  const Workload workload = read_trace(make_trace_registry(), csv, "", {});
  ASSERT_EQ(workload.jobs.size(), 1u);
  EXPECT_EQ(workload.jobs[0].trace_id, 7);
  EXPECT_EQ(workload.jobs[0].source_line, 2);
  const std::string philly = testing::write_scratch(
      "bom_philly.csv", bom +
                            "job_id,num_gpu,submit_time,iterations,model_name,duration,interval\n"
                            "3,1,0,10,vgg19,100,30\n");
  EXPECT_EQ(detect_trace_format(philly), "philly");
  EXPECT_EQ(read_trace(make_trace_registry(), philly, "", {}).jobs.at(0).trace_id, 3);
}

TEST(LineReader, HandlesLinesLongerThanItsBuffer) {
  const std::string long_line(600'000, 'x');  // spans several 256 KiB refills
  const auto path = testing::write_scratch("long.txt", "first\n" + long_line + "\nlast\n");
  const auto lines = read_all(path);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "first");
  EXPECT_EQ(lines[1], long_line);
  EXPECT_EQ(lines[2], "last");
}

TEST(TextFields, ParseIntegerIsStrict) {
  EXPECT_EQ(parse_integer("42"), 42);
  EXPECT_EQ(parse_integer("-1"), -1);
  EXPECT_EQ(parse_integer("+7"), 7);
  EXPECT_EQ(parse_integer("8.000"), 8);
  EXPECT_EQ(parse_integer("8."), 8);
  EXPECT_FALSE(parse_integer("8.5"));
  EXPECT_FALSE(parse_integer(""));
  EXPECT_FALSE(parse_integer("+-1"));
  EXPECT_FALSE(parse_integer("1e3"));
  EXPECT_FALSE(parse_integer("12abc"));
  EXPECT_FALSE(parse_integer("99999999999999999999"));
}

TEST(TextFields, IsNumberAcceptsDecimalsOnly) {
  for (const char* yes : {"0", "-1", "552.21", ".5", "5.", "+3", "1e3", "2.5E-04"}) {
    EXPECT_TRUE(is_number(yes)) << yes;
  }
  for (const char* no : {"", "-", ".", "e3", "1e", "nan", "inf", "1.2.3", "12:30", "0x10"}) {
    EXPECT_FALSE(is_number(no)) << no;
  }
  EXPECT_EQ(trim(" \t a b \t"), "a b");
  EXPECT_EQ(trim("   "), "");
}

}  // namespace
}  // namespace podsim
