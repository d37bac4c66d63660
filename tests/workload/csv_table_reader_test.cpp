// The table reader the GPU trace formats share: splitting, quoting, missing values, exact times.
#include "workload/csv_table_reader.hpp"

#include <gtest/gtest.h>

#include "workload_test_util.hpp"

namespace podsim {
namespace {

using testing::expect_input_error;
using testing::write_scratch;

TEST(CsvTableReader, SplitsQuotesAndTrims) {
  const auto path = write_scratch("table.csv",
                                  "# comment\n"
                                  "a, b ,c\n"
                                  "\n"
                                  "1,\" x, \"\"y\"\" \", z \n"
                                  "2,,\n");
  CsvTableReader table(path);
  ASSERT_TRUE(table.read_header());
  EXPECT_EQ(table.header(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(table.header_line(), 2);
  EXPECT_EQ(table.find("b"), 1);
  EXPECT_EQ(table.find("d"), -1);
  ASSERT_TRUE(table.next_row());
  EXPECT_EQ(table.line(), 4);
  EXPECT_EQ(table.cell(0), "1");
  EXPECT_EQ(table.cell(1), " x, \"y\" ");  // quoted: spaces kept
  EXPECT_EQ(table.cell(2), "z");
  EXPECT_EQ(table.cell(-1), "");
  ASSERT_TRUE(table.next_row());
  EXPECT_TRUE(table.missing(1));
  EXPECT_TRUE(table.missing(2));
  EXPECT_FALSE(table.next_row());
}

TEST(CsvTableReader, MissingValuesAndTypedCells) {
  const auto path = write_scratch("typed.csv", "n,t\nNaN,1.5\nnone,x\n");
  CsvTableReader table(path);
  ASSERT_TRUE(table.read_header());
  ASSERT_TRUE(table.next_row());
  EXPECT_TRUE(table.missing(0));
  EXPECT_EQ(table.time(1, TimeUnit::kSeconds), 1'500'000);
  EXPECT_EQ(table.time(1, TimeUnit::kMilliseconds), 1'500);
  ASSERT_TRUE(table.next_row());
  EXPECT_TRUE(table.missing(0));
  expect_input_error([&] { table.time(1, TimeUnit::kSeconds); }, 3, "t", "found 'x'");
  expect_input_error([&] { table.integer(1); }, 3, "t", "expected an integer, found 'x'");
}

TEST(CsvTableReader, GpuCountsMissingOrTooLarge) {
  const auto path = write_scratch("gpus.csv", "num_gpu\n8\nnull\n-2\n4294967296\n");
  CsvTableReader table(path);
  ASSERT_TRUE(table.read_header());
  ASSERT_TRUE(table.next_row());
  EXPECT_EQ(table.gpu_count(0), 8);
  ASSERT_TRUE(table.next_row());
  EXPECT_EQ(table.gpu_count(0), -1);  // missing
  ASSERT_TRUE(table.next_row());
  EXPECT_EQ(table.gpu_count(0), -2);  // the reader rejects it with its own reason
  ASSERT_TRUE(table.next_row());
  expect_input_error([&] { table.gpu_count(0); }, 5, "num_gpu",
                     "4294967296 GPUs is more than any machine");
}

TEST(CsvTableReader, ErrorsNameLineAndColumn) {
  const auto count = write_scratch("count.csv", "a,b\n1,2\n1,2,3\n");
  CsvTableReader table(count);
  ASSERT_TRUE(table.read_header());
  ASSERT_TRUE(table.next_row());
  expect_input_error([&] { table.next_row(); }, 3, "",
                     "expected 2 fields as in the header (line 1), found 3");
  const auto quote = write_scratch("quote.csv", "a,b\n1,\"open\n");
  CsvTableReader open(quote);
  ASSERT_TRUE(open.read_header());
  expect_input_error([&] { open.next_row(); }, 2, "b", "unterminated quoted field");
  expect_input_error([&] { open.require("count", "a, count"); }, 1, "count",
                     "missing required column 'count' (required: a, count); the header has: a, b");
}

TEST(CsvTableReader, TabSeparatedWithoutHeader) {
  const auto path = write_scratch("t.tsv", "A3C\t cmd with spaces \t1\n");
  CsvTableReader table(path, '\t');
  table.set_column_names({"job_type", "command", "steps"});
  ASSERT_TRUE(table.next_row());
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.cell(1), "cmd with spaces");
  EXPECT_EQ(table.key(2), "steps");
  EXPECT_EQ(table.key(5), "field 6");
}

TEST(CsvTableReader, ExactTimesInEitherUnit) {
  EXPECT_EQ(parse_time("2868294000", TimeUnit::kMilliseconds), from_seconds(2868294));
  EXPECT_EQ(parse_time("0.001", TimeUnit::kMilliseconds), 1);
  EXPECT_EQ(parse_time("0.0004", TimeUnit::kMilliseconds), 0);
  EXPECT_EQ(parse_time("-2.5", TimeUnit::kMilliseconds), -2'500);
  EXPECT_EQ(parse_time("-0.0015", TimeUnit::kMilliseconds), -2);
  EXPECT_EQ(parse_time("552.21", TimeUnit::kSeconds), 552'210'000);
  EXPECT_FALSE(parse_time("1e3", TimeUnit::kSeconds));
  EXPECT_FALSE(parse_time("", TimeUnit::kMilliseconds));
}

TEST(CsvTableReader, TrailingNumbers) {
  EXPECT_EQ(trailing_number("openb-pod-0017"), 17);
  EXPECT_EQ(trailing_number("cifar10-3"), 3);
  EXPECT_EQ(trailing_number("42"), 42);
  EXPECT_FALSE(trailing_number("pod"));
  EXPECT_FALSE(trailing_number(""));
  EXPECT_FALSE(trailing_number("x1234567890123456789"));  // 19 digits: too long
}

}  // namespace
}  // namespace podsim
