#pragma once
// A fingerprint of a schedule, so `podsim check` notices any behaviour change even when every
// bound still holds (STYLE 8: golden scenarios pin a schedule hash; OMNeT++ fingerprints do the
// same for event sequences). FNV-1a 64 (Fowler, Noll, Vo; the published offset basis
// 14695981039346656037 and prime 1099511628211) over, for every record in order, the
// little-endian bytes of: trace id, submit, start, end, service (µs), GPUs, nodes, spread,
// preemptions, restarts, then the state text and a 0 byte. Independent of output formatting.
#include <cstdint>
#include <string>
#include <vector>

#include "metrics/job_record.hpp"

namespace podsim {

std::uint64_t schedule_hash(const std::vector<JobRecord>& records);

// 16 lower-case hex digits.
std::string format_hash(std::uint64_t hash);

}  // namespace podsim
