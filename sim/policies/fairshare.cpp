#include "policies/fairshare.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "common/suggest.hpp"
#include "policies/easy_backfilling.hpp"
#include "policies/policy_params.hpp"

namespace podsim {
namespace {

constexpr Time kNever = std::numeric_limits<Time>::min();

using NamedValues = std::vector<std::pair<std::string, double>>;

// "name=value,name=value" (spaces around names and values ignored); values must be > 0 (or
// >= 0 with allow_zero). Throws InputError naming `key`.
NamedValues parse_named_values(const std::string& text, const std::string& key, bool allow_zero) {
  NamedValues result;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = text.substr(start, comma - start);
    start = comma + 1;
    const auto trim = [](std::string s) {
      const auto first = s.find_first_not_of(' ');
      if (first == std::string::npos) return std::string{};
      return s.substr(first, s.find_last_not_of(' ') - first + 1);
    };
    const std::size_t equals = item.find('=');
    const std::string name = trim(item.substr(0, equals));
    if (equals == std::string::npos || name.empty()) {
      throw InputError("", 0, key, "expected name=number, got '" + item + "'");
    }
    const std::string number = trim(item.substr(equals + 1));
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(value) ||
        value < 0 || (value == 0 && !allow_zero)) {
      throw InputError("", 0, key,
                       fmt::format("expected a number {} 0 for '{}', got '{}'",
                                   allow_zero ? ">=" : ">", name, number));
    }
    result.emplace_back(name, value);
  }
  return result;
}

double weight_param(const ParamValues& values, const std::string& key) {
  const double weight = values.real(key);
  if (!(weight >= 0) || !std::isfinite(weight)) {
    throw InputError("", 0, "policy fairshare." + key,
                     "expected a weight >= 0, got '" + values.text(key) + "'");
  }
  return weight;
}

// Index of each name of `table` that some job uses (by `field`), for looking up share names.
std::map<std::string, std::uint32_t> used_names(const std::vector<std::string>& table,
                                                const std::vector<bool>& used) {
  std::map<std::string, std::uint32_t> result;
  for (std::uint32_t i = 0; i < table.size(); ++i) {
    if (used[i]) result.emplace(table[i], i);
  }
  return result;
}

// Per-index values from "name=value" pairs; names must be used by some job.
std::vector<double> values_by_index(const NamedValues& given,
                                    const std::map<std::string, std::uint32_t>& names,
                                    std::size_t size, double missing, const std::string& key,
                                    const std::string& what) {
  std::vector<double> result(size, missing);
  std::vector<std::string> valid;
  for (const auto& [name, index] : names) valid.push_back(name);
  for (const auto& [name, value] : given) {
    auto it = names.find(name);
    if (it == names.end()) {
      throw InputError("", 0, key,
                       fmt::format("no job of the workload has {} '{}'{}", what, name,
                                   did_you_mean(name, valid)));
    }
    result[it->second] = value;
  }
  return result;
}

}  // namespace

std::vector<ParamSpec> Fairshare::params() {
  return {
      {"weight_age", ParamType::kReal, "1000", "PriorityWeightAge: weight of the age factor"},
      {"weight_size", ParamType::kReal, "1000", "PriorityWeightJobSize: weight of the size factor"},
      {"weight_fairshare", ParamType::kReal, "10000",
       "PriorityWeightFairshare: weight of the fair-share factor F = 2^(-U/S)"},
      {"weight_assoc", ParamType::kReal, "0",
       "PriorityWeightAssoc: weight of the account factor (account_priority / its maximum)"},
      {"max_age_s", ParamType::kReal, "604800",
       "PriorityMaxAge: wait at which the age factor reaches 1 (0: always 1)"},
      {"half_life_s", ParamType::kReal, "604800",
       "PriorityDecayHalfLife: half-life of past GPU-seconds in the usage (0: no decay)"},
      {"recalc_s", ParamType::kReal, "300",
       "PriorityCalcPeriod: priorities of queued jobs are recomputed this often, and on "
       "submission (0: at every pass)"},
      {"favor_small", ParamType::kBool, "false",
       "PriorityFavorSmall: the size factor favours small jobs instead of large ones"},
      {"fairshare_by", ParamType::kString, "user",
       "whose usage and shares count: user, account (the trace's group), or tree (users "
       "under their account)"},
      {"user_shares", ParamType::kString, "",
       "shares per user, 'alice=2,bob=1'; unlisted users have 1 (fairshare_by=user or tree)"},
      {"account_shares", ParamType::kString, "",
       "shares per account, 'physics=3,bio=1'; unlisted accounts have 1 (account or tree)"},
      {"account_priority", ParamType::kString, "",
       "per-account priority for the account factor, 'physics=10'; unlisted accounts have 0"},
  };
}

std::unique_ptr<Policy> Fairshare::make(const ParamValues& given) {
  const ParamValues values = complete_params(params(), given, "policy fairshare");
  Options options;
  options.weight_age = weight_param(values, "weight_age");
  options.weight_size = weight_param(values, "weight_size");
  options.weight_fairshare = weight_param(values, "weight_fairshare");
  options.weight_assoc = weight_param(values, "weight_assoc");
  options.max_age = seconds_param(values, "max_age_s", "policy fairshare");
  options.half_life = seconds_param(values, "half_life_s", "policy fairshare");
  options.favor_small = values.boolean("favor_small");
  options.recalc = seconds_param(values, "recalc_s", "policy fairshare");
  const std::string& level = values.text("fairshare_by");
  const std::vector<std::string> levels{"user", "account", "tree"};
  if (level == "user") {
    options.level = Level::kUser;
  } else if (level == "account") {
    options.level = Level::kAccount;
  } else if (level == "tree") {
    options.level = Level::kTree;
  } else {
    throw InputError("", 0, "policy fairshare.fairshare_by",
                     "expected user, account or tree, got '" + level + "'" +
                         did_you_mean(level, levels));
  }
  options.user_shares =
      parse_named_values(values.text("user_shares"), "policy fairshare.user_shares", false);
  options.account_shares =
      parse_named_values(values.text("account_shares"), "policy fairshare.account_shares", false);
  options.account_priority = parse_named_values(values.text("account_priority"),
                                                "policy fairshare.account_priority", true);
  if (options.level == Level::kAccount && !options.user_shares.empty()) {
    throw InputError("", 0, "policy fairshare.user_shares",
                     "user shares need fairshare_by=user or tree, not account");
  }
  if (options.level == Level::kUser && !options.account_shares.empty()) {
    throw InputError("", 0, "policy fairshare.account_shares",
                     "account shares need fairshare_by=account or tree, not user");
  }
  return std::make_unique<Fairshare>(std::move(options));
}

void Fairshare::attach(const Cluster& cluster) {
  cluster_ = &cluster;
  const Workload& workload = cluster.workload();
  const std::size_t jobs = workload.jobs.size();
  std::vector<bool> user_used(workload.users.size(), false);
  std::vector<bool> group_used(workload.groups.size(), false);
  for (const JobSpec& job : workload.jobs) {
    user_used[job.user] = true;
    group_used[job.group] = true;
  }
  const auto users = used_names(workload.users, user_used);
  const auto groups = used_names(workload.groups, group_used);
  const std::vector<double> user_share =
      values_by_index(options_.user_shares, users, workload.users.size(), 1.0,
                      "policy fairshare.user_shares", "user");
  const std::vector<double> group_share =
      values_by_index(options_.account_shares, groups, workload.groups.size(), 1.0,
                      "policy fairshare.account_shares", "account");
  const std::vector<double> group_priority =
      values_by_index(options_.account_priority, groups, workload.groups.size(), 0.0,
                      "policy fairshare.account_priority", "account");

  // Leaves: the entities usage is charged to, and their normalised shares S.
  leaf_of_.assign(jobs, 0);
  account_of_.clear();
  leaf_share_.clear();
  sibling_fraction_.clear();
  std::size_t leaves = 0;
  const auto normalise = [](const std::vector<double>& raw, const std::vector<bool>& used) {
    double total = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) total += used[i] ? raw[i] : 0.0;
    std::vector<double> result(raw.size(), 0.0);
    for (std::size_t i = 0; i < raw.size(); ++i) result[i] = used[i] ? raw[i] / total : 0.0;
    return result;
  };
  switch (options_.level) {
    case Level::kUser:
      for (JobId id = 0; id < jobs; ++id) leaf_of_[id] = workload.jobs[id].user;
      leaves = workload.users.size();
      leaf_share_ = normalise(user_share, user_used);
      break;
    case Level::kAccount:
      for (JobId id = 0; id < jobs; ++id) leaf_of_[id] = workload.jobs[id].group;
      leaves = workload.groups.size();
      leaf_share_ = normalise(group_share, group_used);
      break;
    case Level::kTree: {
      // Associations: (account, user) pairs, numbered in order of first appearance.
      std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> associations;
      std::vector<std::uint32_t> user_of;
      for (JobId id = 0; id < jobs; ++id) {
        const JobSpec& job = workload.jobs[id];
        auto [it, added] = associations.try_emplace({job.group, job.user},
                                                    static_cast<std::uint32_t>(user_of.size()));
        if (added) {
          user_of.push_back(job.user);
          account_of_.push_back(job.group);
        }
        leaf_of_[id] = it->second;
      }
      leaves = user_of.size();
      const std::vector<double> account_s = normalise(group_share, group_used);
      std::vector<double> siblings(workload.groups.size(), 0.0);
      for (std::size_t leaf = 0; leaf < leaves; ++leaf) {
        siblings[account_of_[leaf]] += user_share[user_of[leaf]];
      }
      for (std::size_t leaf = 0; leaf < leaves; ++leaf) {
        const double fraction = user_share[user_of[leaf]] / siblings[account_of_[leaf]];
        sibling_fraction_.push_back(fraction);
        leaf_share_.push_back(fraction * account_s[account_of_[leaf]]);
      }
      break;
    }
  }
  const double top_priority =
      group_priority.empty() ? 0.0 : *std::max_element(group_priority.begin(), group_priority.end());
  assoc_factor_.assign(workload.groups.size(), 0.0);
  for (std::size_t g = 0; g < group_priority.size(); ++g) {
    assoc_factor_[g] = top_priority > 0 ? group_priority[g] / top_priority : 0.0;
  }

  const Time origin = workload.jobs.empty() ? 0 : std::min<Time>(0, workload.jobs.front().submit);
  leaf_usage_.assign(leaves, Usage{0, origin, 0});
  account_usage_.assign(options_.level == Level::kTree ? workload.groups.size() : 0,
                        Usage{0, origin, 0});
  total_usage_ = Usage{0, origin, 0};
  factor_.assign(leaves, 1.0);
  factor_at_.assign(leaves, kNever);
  heap_.clear();
  heap_.reserve(1024);
  order_.reset(options_.recalc > 0 ? jobs : 0);
  track_queued_sizes(cluster, queued_);
  next_recalc_ = std::numeric_limits<Time>::min();
  if (options_.recalc > 0) {
    const auto enqueue = [this](JobId id, Time now) { order_.insert(id, -priority(id, now)); };
    cluster.job_submitted.connect(enqueue);
    cluster.job_preempted.connect(enqueue);
    cluster.job_started.connect([this](JobId id, Time) { order_.erase(id); });
  }

  cluster.job_started.connect(
      [this, &cluster](JobId id, Time now) { charge(id, now, cluster.job(id).gpus); });
  const auto stop = [this, &cluster](JobId id, Time now) { charge(id, now, -cluster.job(id).gpus); };
  cluster.job_finished.connect(stop);
  cluster.job_preempted.connect(stop);
}

void Fairshare::advance(Usage& usage, Time now) const {
  if (now <= usage.at) return;
  const double elapsed_s = to_seconds(now - usage.at);
  const double gpus = usage.running_gpus;
  if (options_.half_life == 0) {
    usage.gpu_seconds += gpus * elapsed_s;
  } else {
    // du/dt = gpus - lambda u, solved exactly over the interval (gpus constant on it).
    const double lambda = std::log(2.0) / to_seconds(options_.half_life);
    const double decay = std::exp(-lambda * elapsed_s);
    usage.gpu_seconds = usage.gpu_seconds * decay + gpus * (1.0 - decay) / lambda;
  }
  usage.at = now;
}

double Fairshare::usage_at(Usage& usage, Time now) const {
  advance(usage, now);
  return usage.gpu_seconds;
}

void Fairshare::charge(JobId id, Time now, int delta_gpus) {
  const std::uint32_t leaf = leaf_of_[id];
  advance(leaf_usage_[leaf], now);
  leaf_usage_[leaf].running_gpus += delta_gpus;
  if (options_.level == Level::kTree) {
    Usage& account = account_usage_[account_of_[leaf]];
    advance(account, now);
    account.running_gpus += delta_gpus;
  }
  advance(total_usage_, now);
  total_usage_.running_gpus += delta_gpus;
}

double Fairshare::fairshare_factor(JobId id, Time now) {
  const std::uint32_t leaf = leaf_of_[id];
  if (factor_at_[leaf] == now) return factor_[leaf];
  const double total = usage_at(total_usage_, now);
  double usage = 0;  // effective normalised usage
  if (total > 0) {
    usage = usage_at(leaf_usage_[leaf], now) / total;
    if (options_.level == Level::kTree) {
      const double account = usage_at(account_usage_[account_of_[leaf]], now) / total;
      usage += (account - usage) * sibling_fraction_[leaf];
    }
  }
  factor_[leaf] = std::exp2(-usage / leaf_share_[leaf]);
  factor_at_[leaf] = now;
  return factor_[leaf];
}

double Fairshare::priority(JobId id, Time now) {
  const JobSpec& job = cluster_->job(id);
  const double wait = static_cast<double>(std::max<Time>(0, now - job.submit));
  const double age =
      options_.max_age == 0 ? 1.0 : std::min(1.0, wait / static_cast<double>(options_.max_age));
  const double machine = cluster_->total_gpus();
  const double size = options_.favor_small ? (machine - job.gpus + 1) / machine : job.gpus / machine;
  return options_.weight_age * age + options_.weight_size * size +
         options_.weight_fairshare * fairshare_factor(id, now) +
         options_.weight_assoc * assoc_factor_[job.group];
}

void Fairshare::schedule(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const PendingQueue& queue = cluster.queue();
  if (queue.empty() || cluster.free_gpus() == 0) return;
  if (options_.recalc == 0) {
    schedule_by_heap(context);
    return;
  }
  const Time now = context.now();
  if (now >= next_recalc_) {
    for (JobId id = queue.front(); id != kNoJob; id = queue.next(id)) {
      order_.erase(id);
      order_.insert(id, -priority(id, now));
    }
    next_recalc_ = now + options_.recalc;
  }
  start_in_order(context, order_, &queued_);
}

void Fairshare::schedule_by_heap(SchedulingContext& context) {
  const Cluster& cluster = context.cluster();
  const PendingQueue& queue = cluster.queue();
  const Time now = context.now();
  heap_.clear();
  for (JobId id = queue.front(); id != kNoJob; id = queue.next(id)) {
    heap_.emplace_back(priority(id, now), id);
  }
  // Max-heap on priority; equal priorities: the lower id (earlier submission) first.
  const auto lower = [](const std::pair<double, JobId>& a, const std::pair<double, JobId>& b) {
    return a.first < b.first || (a.first == b.first && a.second > b.second);
  };
  std::make_heap(heap_.begin(), heap_.end(), lower);
  const auto pop = [this, &lower] {
    if (heap_.empty()) return kNoJob;
    std::pop_heap(heap_.begin(), heap_.end(), lower);
    const JobId id = heap_.back().second;
    heap_.pop_back();
    return id;
  };
  JobId top = pop();
  while (top != kNoJob && cluster.job(top).gpus <= cluster.free_gpus() && context.try_start(top)) {
    top = pop();
  }
  if (top == kNoJob) return;
  backfill_candidates(context, reserve_for(cluster, cluster.job(top).gpus, now), pop, &queued_);
}

}  // namespace podsim
