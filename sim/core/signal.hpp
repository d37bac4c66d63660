#pragma once
// Signal<Args...>: a list of observers called in subscription order. Metrics collectors and
// policies subscribe to the simulation's signals; they observe and never change what they are
// told. Subscribing is allowed through a const reference (the slot list is not part of the
// observed object's state), so an observer needs no write access to what it watches.
#include <functional>
#include <vector>

namespace podsim {

template <typename... Args>
class Signal {
 public:
  using Slot = std::function<void(Args...)>;

  void connect(Slot slot) const { slots_.push_back(std::move(slot)); }

  void emit(Args... args) const {
    for (const auto& slot : slots_) slot(args...);
  }

  bool connected() const { return !slots_.empty(); }

 private:
  mutable std::vector<Slot> slots_;
};

}  // namespace podsim
