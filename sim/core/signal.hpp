#pragma once
// Signal<Args...>: a list of observers called in subscription order. Metrics collectors subscribe
// to the simulation's signals; they observe and never change what they are told.
#include <functional>
#include <vector>

namespace podsim {

template <typename... Args>
class Signal {
 public:
  using Slot = std::function<void(Args...)>;

  void connect(Slot slot) { slots_.push_back(std::move(slot)); }

  void emit(Args... args) const {
    for (const auto& slot : slots_) slot(args...);
  }

  bool connected() const { return !slots_.empty(); }

 private:
  std::vector<Slot> slots_;
};

}  // namespace podsim
