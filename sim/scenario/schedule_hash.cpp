#include "scenario/schedule_hash.hpp"

#include <fmt/format.h>

namespace podsim {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

class Fnv1a {
 public:
  void byte(std::uint8_t value) {
    hash_ ^= value;
    hash_ *= kFnvPrime;
  }
  // Little-endian whatever the host's byte order, so hashes agree across machines.
  void integer(std::int64_t value) {
    auto bits = static_cast<std::uint64_t>(value);
    for (int i = 0; i < 8; ++i) {
      byte(static_cast<std::uint8_t>(bits & 0xffU));
      bits >>= 8;
    }
  }
  void text(const std::string& value) {
    for (char c : value) byte(static_cast<std::uint8_t>(c));
    byte(0);
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = kFnvOffset;
};

}  // namespace

std::uint64_t schedule_hash(const std::vector<JobRecord>& records) {
  Fnv1a hash;
  for (const JobRecord& r : records) {
    hash.integer(r.trace_id);
    hash.integer(r.submit);
    hash.integer(r.start);
    hash.integer(r.end);
    hash.integer(r.service);
    hash.integer(r.gpus);
    hash.integer(r.nodes);
    hash.integer(r.spread);
    hash.integer(r.preemptions);
    hash.integer(r.restarts);
    hash.text(r.state);
  }
  return hash.value();
}

std::string format_hash(std::uint64_t hash) { return fmt::format("{:016x}", hash); }

}  // namespace podsim
