#include "core/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

namespace podsim {
namespace {

std::vector<std::uint32_t> drain_targets(EventQueue& queue) {
  std::vector<std::uint32_t> order;
  while (!queue.empty()) order.push_back(queue.pop().target);
  return order;
}

TEST(EventQueue, OrdersByTimeThenClassThenInsertion) {
  EventQueue queue;
  queue.push(10, EventClass::kSchedule, 0, 1);
  queue.push(10, EventClass::kArrival, 0, 2);
  queue.push(5, EventClass::kSchedule, 0, 3);
  queue.push(10, EventClass::kCompletion, 0, 4);
  queue.push(10, EventClass::kArrival, 0, 5);
  queue.push(10, EventClass::kCompletion, 0, 6);
  EXPECT_EQ(drain_targets(queue), (std::vector<std::uint32_t>{3, 4, 6, 2, 5, 1}));
}

TEST(EventQueue, TiesKeepInsertionOrderAtScale) {
  EventQueue queue;
  for (std::uint32_t i = 0; i < 1000; ++i) queue.push(7, EventClass::kArrival, 0, i);
  const auto order = drain_targets(queue);
  for (std::uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(order[i], i);
}

TEST(EventQueue, CancelIsLazyAndIdempotent) {
  EventQueue queue;
  const EventHandle first = queue.push(1, EventClass::kCompletion, 0, 1);
  const EventHandle second = queue.push(2, EventClass::kCompletion, 0, 2);
  queue.push(3, EventClass::kCompletion, 0, 3);
  EXPECT_EQ(queue.size(), 3u);
  queue.cancel(first);
  queue.cancel(first);
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue.top().target, 2u);
  EXPECT_EQ(queue.pop().target, 2u);
  queue.cancel(second);  // already fired: no effect
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(drain_targets(queue), (std::vector<std::uint32_t>{3}));
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, ManyCancelsKeepTheOrderOfTheRest) {
  // Enough cancels that the cancelled events are dropped all at once, some of them fired first
  // and cancelled again (a no-op), interleaved with new pushes.
  EventQueue queue;
  std::vector<EventHandle> handles;
  for (std::uint32_t i = 0; i < 6000; ++i) {
    handles.push_back(queue.push(static_cast<Time>(10000 - i), EventClass::kCompletion, 0, i));
  }
  const std::uint32_t first_fired = queue.pop().target;  // time 4001
  EXPECT_EQ(first_fired, 5999u);
  for (std::uint32_t i = 0; i < 6000; ++i) {
    if (i % 3 != 0) queue.cancel(handles[i]);
    if (i % 1000 == 0) queue.push(static_cast<Time>(i), EventClass::kArrival, 0, 100000 + i);
  }
  queue.cancel(handles[5999]);  // fired already (and not a multiple of 3)
  EXPECT_EQ(queue.size(), 2000u + 6);  // every third, plus six pushes
  std::vector<std::pair<Time, std::uint32_t>> by_time;  // (no two live events share a time)
  for (std::uint32_t i = 0; i < 6000; i += 3) by_time.emplace_back(10000 - i, i);
  for (std::uint32_t i = 0; i < 6000; i += 1000) by_time.emplace_back(i, 100000 + i);
  std::sort(by_time.begin(), by_time.end());
  std::vector<std::uint32_t> expected;
  for (const auto& [time, target] : by_time) expected.push_back(target);
  EXPECT_EQ(drain_targets(queue), expected);
}

TEST(EventQueue, FiresBeforeIsAStrictOrder) {
  const Event a{5, EventClass::kCompletion, 9, 0, 0};
  const Event b{5, EventClass::kArrival, 1, 0, 0};
  EXPECT_TRUE(fires_before(a, b));
  EXPECT_FALSE(fires_before(b, a));
  EXPECT_FALSE(fires_before(a, a));
}

}  // namespace
}  // namespace podsim
