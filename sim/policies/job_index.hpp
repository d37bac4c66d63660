#pragma once
// JobIndex<Key>: a policy's own ordering of jobs (queued jobs by estimate, by level and arrival
// stamp, running jobs by end, ...), kept up to date from the cluster's signals so a pass never
// sorts the queue. Ordered by (key, id): ties go to the lower id, i.e. the earlier arrival,
// never to a pointer. insert / erase O(log n); the key of each member is kept by id, so erase
// needs no search. Storage for the per-job tables is sized once (reset) for all jobs.
//
// Iteration is a std::set's: erasing another member does not invalidate an iterator, so a pass
// can take `std::next(it)` before starting the job at `it` (which erases it through a signal).
#include <cassert>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "cluster/pending_queue.hpp"
#include "core/time.hpp"

namespace podsim {

template <typename Key>
class JobIndex {
 public:
  using Entry = std::pair<Key, JobId>;
  using Set = std::set<Entry>;
  using const_iterator = typename Set::const_iterator;

  void reset(std::size_t job_count) {
    entries_.clear();
    keys_.assign(job_count, Key{});
    member_.assign(job_count, false);
  }

  void insert(JobId id, Key key) {
    assert(!member_[id]);
    keys_[id] = key;
    member_[id] = true;
    entries_.emplace(std::move(key), id);
  }
  // No-op when `id` is not a member.
  void erase(JobId id) {
    if (!member_[id]) return;
    entries_.erase(Entry{keys_[id], id});
    member_[id] = false;
  }
  bool contains(JobId id) const { return member_[id]; }
  const Key& key(JobId id) const { return keys_[id]; }

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  // The member after `entry` in order, even if `entry` itself was erased meanwhile.
  const_iterator after(const Entry& entry) const { return entries_.upper_bound(entry); }
  JobId front() const { return entries_.empty() ? kNoJob : entries_.begin()->second; }

 private:
  Set entries_;
  std::vector<Key> keys_;
  std::vector<bool> member_;
};

}  // namespace podsim

namespace podsim {

// SizeIndex: the queued jobs' sizes (GPUs) and lengths (their estimated remaining time, fixed
// while they wait), for exact early exits of backfilling: "could any queued job of at most g
// GPUs run for at most L?" insert / erase O(log n); queries O(s), s the distinct sizes up to
// the bound (a handful in GPU traces).
class SizeIndex {
 public:
  void clear() { by_size_.clear(); }
  void insert(int gpus, Time length) { by_size_[gpus].insert(length); }
  void erase(int gpus, Time length) {
    auto it = by_size_.find(gpus);
    assert(it != by_size_.end() && it->second.count(length) > 0);
    it->second.erase(it->second.find(length));
    if (it->second.empty()) by_size_.erase(it);
  }

  // Calls visit(gpus, shortest length) for each size up to max_gpus, in increasing size, while
  // it returns false; true when a call returned true.
  template <typename Visit>
  bool any_size(int max_gpus, Visit&& visit) const {
    for (const auto& [gpus, lengths] : by_size_) {
      if (gpus > max_gpus) return false;
      if (visit(gpus, *lengths.begin())) return true;
    }
    return false;
  }

 private:
  std::map<int, std::multiset<Time>> by_size_;  // never holds an empty set
};

}  // namespace podsim
