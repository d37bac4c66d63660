#include "core/engine.hpp"

#include <gtest/gtest.h>

namespace podsim {
namespace {

// Records what fired; on target 1 it schedules a follow-up at the same instant and cancels one.
class Recorder : public EventHandler {
 public:
  explicit Recorder(Engine& engine) : engine_(engine) {}
  void handle(const Event& event) override {
    fired.emplace_back(engine_.now(), event.target);
    if (event.target == 1) {
      engine_.schedule(engine_.now(), EventClass::kSchedule, 0, 10);
      engine_.cancel(to_cancel);
    }
  }
  std::vector<std::pair<Time, std::uint32_t>> fired;
  EventHandle to_cancel = 0;

 private:
  Engine& engine_;
};

TEST(Engine, FiresInOrderAndHonoursSameInstantFollowUpsAndCancels) {
  Engine engine;
  Recorder recorder(engine);
  engine.schedule(100, EventClass::kArrival, 0, 1);
  recorder.to_cancel = engine.schedule(200, EventClass::kCompletion, 0, 2);
  engine.schedule(300, EventClass::kCompletion, 0, 3);
  engine.run(recorder);
  const std::vector<std::pair<Time, std::uint32_t>> expected = {{100, 1}, {100, 10}, {300, 3}};
  EXPECT_EQ(recorder.fired, expected);
  EXPECT_EQ(engine.now(), 300);
  EXPECT_EQ(engine.events_fired(), 3u);
}

}  // namespace
}  // namespace podsim
