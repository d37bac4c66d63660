#include "core/engine.hpp"

#include <cassert>

namespace podsim {

EventHandle Engine::schedule(Time time, EventClass event_class, std::uint32_t kind,
                             std::uint32_t target) {
  assert(time >= now_ && "an event in the past would make time go back");
  return queue_.push(time, event_class, kind, target);
}

void Engine::run(EventHandler& handler) {
  stopped_ = false;
  while (!stopped_ && !queue_.empty()) {
    const Event event = queue_.pop();
    assert(event.time >= now_);
    now_ = event.time;
    ++events_fired_;
    handler.handle(event);
  }
}

}  // namespace podsim
