#include "cluster/pending_queue.hpp"

#include <gtest/gtest.h>

namespace podsim {
namespace {

std::vector<JobId> contents(const PendingQueue& queue) {
  std::vector<JobId> ids;
  for (JobId j = queue.front(); j != kNoJob; j = queue.next(j)) ids.push_back(j);
  return ids;
}

TEST(PendingQueue, KeepsArrivalOrderAndRemovesFromAnywhere) {
  PendingQueue queue(6);
  for (JobId j : {3u, 0u, 5u, 1u}) queue.push_back(j);
  EXPECT_EQ(contents(queue), (std::vector<JobId>{3, 0, 5, 1}));
  queue.remove(5);
  queue.remove(3);
  EXPECT_EQ(contents(queue), (std::vector<JobId>{0, 1}));
  queue.remove(1);
  queue.push_back(3);
  EXPECT_EQ(contents(queue), (std::vector<JobId>{0, 3}));
  EXPECT_TRUE(queue.contains(3));
  EXPECT_FALSE(queue.contains(5));
  EXPECT_EQ(queue.size(), 2u);
  queue.remove(0);
  queue.remove(3);
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.front(), kNoJob);
}

}  // namespace
}  // namespace podsim
