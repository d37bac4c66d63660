#include "core/event_queue.hpp"

#include <algorithm>
#include <cassert>

namespace podsim {
namespace {

// std heap functions build a max-heap: "less" means "fires later".
bool fires_later(const Event& a, const Event& b) { return fires_before(b, a); }

}  // namespace

void EventQueue::reserve(std::size_t events) { heap_.reserve(events); }

EventHandle EventQueue::push(Time time, EventClass event_class, std::uint32_t kind,
                             std::uint32_t target) {
  const std::uint64_t sequence = next_sequence_++;
  heap_.push_back(Event{time, event_class, sequence, kind, target});
  std::push_heap(heap_.begin(), heap_.end(), fires_later);
  cancelled_.push_back(false);
  ++live_;
  return sequence;
}

void EventQueue::cancel(EventHandle handle) {
  assert(handle < next_sequence_);
  // pop() marks fired events as cancelled too, so neither a fired nor a twice-cancelled event
  // is counted again.
  if (cancelled_[handle]) return;
  cancelled_[handle] = true;
  --live_;
  // Cancelled events far in the future would stay until they reach the top; once they are most
  // of the heap (preemptions and rate changes reschedule completions over and over), every push
  // and pop pays for them. Dropping them all then costs O(1) per cancel, amortised.
  if (heap_.size() > 2 * live_ + kCompactBelow) {
    std::erase_if(heap_, [this](const Event& event) { return cancelled_[event.sequence]; });
    std::make_heap(heap_.begin(), heap_.end(), fires_later);
  }
}

void EventQueue::discard_cancelled_top() {
  while (!heap_.empty() && cancelled_[heap_.front().sequence]) {
    std::pop_heap(heap_.begin(), heap_.end(), fires_later);
    heap_.pop_back();
  }
}

bool EventQueue::empty() {
  discard_cancelled_top();
  return heap_.empty();
}

const Event& EventQueue::top() {
  discard_cancelled_top();
  assert(!heap_.empty());
  return heap_.front();
}

Event EventQueue::pop() {
  discard_cancelled_top();
  assert(!heap_.empty());
  std::pop_heap(heap_.begin(), heap_.end(), fires_later);
  Event event = heap_.back();
  heap_.pop_back();
  cancelled_[event.sequence] = true;  // fired: a later cancel() of this handle is a no-op
  --live_;
  return event;
}

}  // namespace podsim
