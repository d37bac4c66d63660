#pragma once
// Engine: the discrete-event loop. It owns the clock and the event queue and hands each event to
// one EventHandler; it knows nothing of jobs or clusters. Not a singleton: a simulation owns one.
#include <cstdint>

#include "core/event_queue.hpp"

namespace podsim {

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(const Event& event) = 0;
};

class Engine {
 public:
  Time now() const { return now_; }

  // Schedules an event at `time` >= now(). O(log n).
  EventHandle schedule(Time time, EventClass event_class, std::uint32_t kind,
                       std::uint32_t target);
  void cancel(EventHandle handle) { queue_.cancel(handle); }
  void reserve(std::size_t events) { queue_.reserve(events); }

  // Fires events in order until none is left or stop() is called. Time never goes back.
  void run(EventHandler& handler);
  void stop() { stopped_ = true; }

  std::uint64_t events_fired() const { return events_fired_; }
  std::size_t pending() const { return queue_.size(); }

 private:
  EventQueue queue_;
  Time now_ = 0;
  std::uint64_t events_fired_ = 0;
  bool stopped_ = false;
};

}  // namespace podsim
