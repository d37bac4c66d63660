#include "topology/hostlist.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"

namespace podsim {
namespace {

using Names = std::vector<std::string>;

TEST(ExpandHostlist, RangesKeepZeroPadding) {
  const Names names = expand_hostlist("dgx[001-032]");
  ASSERT_EQ(names.size(), 32u);
  EXPECT_EQ(names.front(), "dgx001");
  EXPECT_EQ(names[9], "dgx010");
  EXPECT_EQ(names.back(), "dgx032");
  EXPECT_EQ(expand_hostlist("n[8-10]"), (Names{"n8", "n9", "n10"}));
  EXPECT_EQ(expand_hostlist("n[08-10]"), (Names{"n08", "n09", "n10"}));
  EXPECT_EQ(expand_hostlist("n[98-101]"), (Names{"n98", "n99", "n100", "n101"}));
}

TEST(ExpandHostlist, ListsSinglesAndNestedCommas) {
  EXPECT_EQ(expand_hostlist("a[1-3,7],b5"), (Names{"a1", "a2", "a3", "a7", "b5"}));
  EXPECT_EQ(expand_hostlist("login"), (Names{"login"}));
  EXPECT_EQ(expand_hostlist("a1, b[2,4]"), (Names{"a1", "b2", "b4"}));
  EXPECT_EQ(expand_hostlist("a[1-2]-x"), (Names{"a1-x", "a2-x"}));
  EXPECT_TRUE(expand_hostlist("").empty());
  EXPECT_TRUE(expand_hostlist("  ").empty());
}

TEST(ExpandHostlist, SeveralBracketSetsAreACartesianProduct) {
  EXPECT_EQ(expand_hostlist("r[1-2]n[01-02]"), (Names{"r1n01", "r1n02", "r2n01", "r2n02"}));
}

void expect_hostlist_error(const std::string& text, const std::string& fragment) {
  try {
    expand_hostlist(text);
    ADD_FAILURE() << "no error for '" << text << "'";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key(), "hostlist");
    EXPECT_EQ(error.line(), 0);
    EXPECT_TRUE(error.file().empty());
    EXPECT_NE(error.message().find(fragment), std::string::npos)
        << "'" << text << "': " << error.message();
  }
}

TEST(ExpandHostlist, MalformedTextIsAnInputError) {
  expect_hostlist_error("n[1-", "'[' without ']'");
  expect_hostlist_error("n1-2]", "']' without '['");
  expect_hostlist_error("n[1-[2]]", "nested '['");
  expect_hostlist_error("n[5-3]", "runs backwards");
  expect_hostlist_error("n[]", "empty range");
  expect_hostlist_error("n[1,]", "empty range");
  expect_hostlist_error("n[a-b]", "expected a number or range");
  expect_hostlist_error("a,,b", "empty host name");
  expect_hostlist_error("a,", "empty host name");
  expect_hostlist_error("a b", "whitespace inside host name");
  expect_hostlist_error("n[1 -2]", "whitespace inside brackets");
  expect_hostlist_error("n[1-99999999]", "more than");
  expect_hostlist_error("n[1-1000]m[1-1001]", "more than");
  expect_hostlist_error("n[1234567890123456789]", "digits");
}

TEST(CompressHostlist, MergesAdjacentRunsAndKeepsOrder) {
  EXPECT_EQ(compress_hostlist({"a1", "a2", "a3", "a7", "b5"}), "a[1-3,7],b5");
  EXPECT_EQ(compress_hostlist(expand_hostlist("dgx[001-032]")), "dgx[001-032]");
  EXPECT_EQ(compress_hostlist({"n9", "n10"}), "n[9-10]");
  EXPECT_EQ(compress_hostlist({"n09", "n10"}), "n[09-10]");
  EXPECT_EQ(compress_hostlist({"n1", "n02"}), "n[1,02]");
  EXPECT_EQ(compress_hostlist({"a1", "b1", "a2"}), "a1,b1,a2");
  EXPECT_EQ(compress_hostlist({"login", "n1", "n2"}), "login,n[1-2]");
  EXPECT_EQ(compress_hostlist({"r1-x", "r2-x"}), "r[1-2]-x");
  EXPECT_EQ(compress_hostlist({}), "");
}

TEST(CompressHostlist, IsTheInverseOfExpand) {
  for (const std::string text :
       {"dgx[001-127]", "a[1-3,7],b5", "n[8-12],m[099-101],login", "r1n[01-02],r2n[01-02]"}) {
    const Names names = expand_hostlist(text);
    EXPECT_EQ(expand_hostlist(compress_hostlist(names)), names) << text;
  }
}

TEST(CompressHostlist, RejectsNamesHostListsCannotHold) {
  EXPECT_THROW(compress_hostlist({"a,b"}), InputError);
  EXPECT_THROW(compress_hostlist({"a[1]"}), InputError);
  EXPECT_THROW(compress_hostlist({""}), InputError);
}

}  // namespace
}  // namespace podsim
