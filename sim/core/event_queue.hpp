#pragma once
// EventQueue: the future event set of the discrete-event engine.
//
// Order is defined by one function, `fires_before`: time, then class (completions and failures,
// then arrivals, then the scheduling pass), then insertion sequence. Never by pointer or address,
// so a run is reproducible bit for bit.
//
// Complexity: push O(log n), pop O(log n) amortised, cancel O(1) amortised (lazy: the cancelled
// event stays in the heap and is discarded when it reaches the top, or when cancelled events
// outnumber the live ones, all at once). Storage is a binary heap in a vector plus one flag per
// event ever pushed.
#include <cstdint>
#include <vector>

#include "core/time.hpp"

namespace podsim {

// Classes of events at one instant, in the order they fire.
enum class EventClass : std::uint8_t {
  kCompletion = 0,  // job ends, node fails or recovers: frees or removes resources first
  kArrival = 1,     // job submissions
  kSchedule = 2,    // the scheduling pass, after everything else at this instant
};

struct Event {
  Time time = 0;
  EventClass event_class = EventClass::kSchedule;
  std::uint64_t sequence = 0;  // insertion order; also the event's handle
  std::uint32_t kind = 0;      // what happens: meaning is up to the event handler
  std::uint32_t target = 0;    // whom it happens to (e.g. a dense job index)
};

using EventHandle = std::uint64_t;

// True when `a` must fire before `b`.
constexpr bool fires_before(const Event& a, const Event& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.event_class != b.event_class) return a.event_class < b.event_class;
  return a.sequence < b.sequence;
}

class EventQueue {
 public:
  // Reserve room for `events` pending events (avoids growth on hot paths).
  void reserve(std::size_t events);

  EventHandle push(Time time, EventClass event_class, std::uint32_t kind, std::uint32_t target);

  // Cancels a pending event; cancelling one that already fired or was cancelled is a no-op.
  void cancel(EventHandle handle);

  // True when no live (uncancelled) event remains.
  bool empty();

  // The next live event; precondition: !empty().
  const Event& top();

  // Removes and returns the next live event; precondition: !empty().
  Event pop();

  // Number of live events.
  std::size_t size() const { return live_; }

 private:
  void discard_cancelled_top();
  // Heaps of up to this many events more than twice the live ones are not compacted.
  static constexpr std::size_t kCompactBelow = 1024;

  std::vector<Event> heap_;
  std::vector<bool> cancelled_;  // indexed by sequence
  std::uint64_t next_sequence_ = 0;
  std::size_t live_ = 0;
};

}  // namespace podsim
