#include "scenario/sweep.hpp"

#include <fmt/format.h>

#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "common/input_error.hpp"
#include "scenario/metric_table.hpp"
#include "scenario/scenario_runner.hpp"
#include "scenario/thread_pool.hpp"

namespace podsim {
namespace {

// What one rank sends to rank 0: for each of its points, either every metric of every seed x
// combination ([seed][combination][metric], flattened) or the error the point raised.
struct PointError {
  int kind = 0;  // 1 internal error, 2 input error
  std::string file;
  std::int64_t line = 0;
  std::string key;
  std::string message;
};

struct PointValues {
  std::uint64_t point = 0;
  std::optional<PointError> error;
  std::vector<double> values;
};

// Plain binary encoding for MPI_Gatherv: the ranks of one sweep run the same build on
// machines of one architecture, so host byte order and IEEE doubles are shared.
class Writer {
 public:
  void u64(std::uint64_t value) { raw(&value, sizeof value); }
  void i64(std::int64_t value) { raw(&value, sizeof value); }
  void text(const std::string& value) {
    u64(value.size());
    bytes_ += value;
  }
  void doubles(const std::vector<double>& values) {
    u64(values.size());
    raw(values.data(), values.size() * sizeof(double));
  }
  std::string take() { return std::move(bytes_); }

 private:
  void raw(const void* data, std::size_t size) {
    bytes_.append(static_cast<const char*>(data), size);
  }
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  bool done() const { return offset_ == bytes_.size(); }
  std::uint64_t u64() {
    std::uint64_t value = 0;
    raw(&value, sizeof value);
    return value;
  }
  std::int64_t i64() {
    std::int64_t value = 0;
    raw(&value, sizeof value);
    return value;
  }
  std::string text() {
    const std::size_t size = u64();
    need(size);
    std::string value = bytes_.substr(offset_, size);
    offset_ += size;
    return value;
  }
  std::vector<double> doubles() {
    std::vector<double> values(u64());
    raw(values.data(), values.size() * sizeof(double));
    return values;
  }

 private:
  void need(std::size_t size) const {
    if (bytes_.size() - offset_ < size) throw std::logic_error("sweep: truncated rank results");
  }
  void raw(void* data, std::size_t size) {
    need(size);
    std::memcpy(data, bytes_.data() + offset_, size);
    offset_ += size;
  }
  const std::string& bytes_;
  std::size_t offset_ = 0;
};

std::string encode(const std::vector<PointValues>& points) {
  Writer writer;
  for (const PointValues& point : points) {
    writer.u64(point.point);
    writer.u64(point.error ? 1 : 0);
    if (point.error) {
      writer.i64(point.error->kind);
      writer.text(point.error->file);
      writer.i64(point.error->line);
      writer.text(point.error->key);
      writer.text(point.error->message);
    } else {
      writer.doubles(point.values);
    }
  }
  return writer.take();
}

void decode(const std::string& bytes, std::vector<PointValues>& into) {
  Reader reader(bytes);
  while (!reader.done()) {
    PointValues point;
    point.point = reader.u64();
    if (reader.u64() != 0) {
      PointError error;
      error.kind = static_cast<int>(reader.i64());
      error.file = reader.text();
      error.line = reader.i64();
      error.key = reader.text();
      error.message = reader.text();
      point.error = std::move(error);
    } else {
      point.values = reader.doubles();
    }
    if (point.point >= into.size()) throw std::logic_error("sweep: result for an unknown point");
    into[point.point] = std::move(point);
  }
}

PointError describe(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const InputError& error) {
    return {2, error.file(), error.line(), error.key(), error.message()};
  } catch (const std::exception& error) {
    return {1, "", 0, "", error.what()};
  }
}

[[noreturn]] void rethrow(const PointError& error) {
  if (error.kind == 2) {
    throw InputError(error.file, static_cast<int>(error.line), error.key, error.message);
  }
  throw std::runtime_error(error.message);
}

}  // namespace

SweepResult run_sweep(const Scenario& scenario, const Plugins& plugins,
                      const SweepSettings& settings) {
  // Every rank expands the same grid (it is cheap and deterministic), then runs its share.
  const std::vector<SweepPoint> points = expand_sweep(scenario, plugins);
  const int rank = settings.world != nullptr ? settings.world->rank() : 0;
  const int size = settings.world != nullptr ? settings.world->size() : 1;
  const std::size_t metrics = summary_metrics().size();

  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i % static_cast<std::size_t>(size) == static_cast<std::size_t>(rank)) mine.push_back(i);
  }
  std::vector<PointValues> local(mine.size());
  std::vector<std::unique_ptr<PreparedScenario>> prepared(mine.size());
  std::vector<std::exception_ptr> prepare_errors(mine.size());

  const ThreadPool pool(settings.threads);
  pool.for_each_index(mine.size(), [&](std::size_t i) {
    const Scenario& point = points[mine[i]].scenario;
    local[i].point = mine[i];
    try {
      prepared[i] = std::make_unique<PreparedScenario>(point, plugins);
      local[i].values.assign(
          point.seeds.size() * point.policies.size() * point.placements.size() * metrics, 0.0);
    } catch (...) {
      prepare_errors[i] = std::current_exception();
    }
  });

  struct Task {
    std::size_t local;
    std::size_t seed;
  };
  std::vector<Task> tasks;
  for (std::size_t i = 0; i < mine.size(); ++i) {
    if (prepare_errors[i]) continue;
    for (std::size_t s = 0; s < points[mine[i]].scenario.seeds.size(); ++s) tasks.push_back({i, s});
  }
  std::vector<std::exception_ptr> task_errors(tasks.size());
  std::mutex progress_mutex;
  std::size_t done = 0;
  pool.for_each_index(tasks.size(), [&](std::size_t t) {
    const Task task = tasks[t];
    const Scenario& point = points[mine[task.local]].scenario;
    try {
      const SeedRun run = run_seed(*prepared[task.local], point.seeds[task.seed]);
      const std::size_t combinations = point.policies.size() * point.placements.size();
      for (std::size_t c = 0; c < run.outcomes.size(); ++c) {
        const std::vector<double> values = summary_metric_values(run.outcomes[c].summary);
        std::copy(values.begin(), values.end(),
                  local[task.local].values.begin() +
                      static_cast<std::ptrdiff_t>((task.seed * combinations + c) * metrics));
      }
    } catch (...) {
      task_errors[t] = std::current_exception();
    }
    if (settings.progress) {
      const std::lock_guard lock(progress_mutex);
      settings.progress(++done, tasks.size());
    }
  });
  // A point's error: its preparation's, else its lowest seed's (tasks are in seed order).
  for (std::size_t i = 0; i < mine.size(); ++i) {
    if (prepare_errors[i]) local[i].error = describe(prepare_errors[i]);
  }
  for (std::size_t t = tasks.size(); t-- > 0;) {
    if (task_errors[t]) local[tasks[t].local].error = describe(task_errors[t]);
  }

  const std::string bytes = encode(local);
  const std::vector<std::string> parts =
      settings.world != nullptr ? settings.world->gather(bytes) : std::vector<std::string>{bytes};
  SweepResult result;
  result.points = points.size();
  if (rank != 0) {
    result.root = false;
    return result;
  }
  std::vector<PointValues> all(points.size());
  for (const std::string& part : parts) decode(part, all);
  for (const PointValues& point : all) {
    if (point.error) rethrow(*point.error);
  }

  ResultTable& table = result.table;
  table.scenario = scenario.name;
  for (const SweepAxis& axis : scenario.sweep) table.key_columns.push_back(axis.key);
  table.shown = scenario.metrics.empty() ? default_sweep_metrics() : scenario.metrics;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Scenario& point = points[i].scenario;
    const std::size_t combinations = point.policies.size() * point.placements.size();
    if (all[i].values.size() != point.seeds.size() * combinations * metrics) {
      throw std::logic_error(fmt::format("sweep: point {} has no results", i));
    }
    for (std::size_t p = 0; p < point.policies.size(); ++p) {
      for (std::size_t q = 0; q < point.placements.size(); ++q) {
        const std::size_t c = combination_index(point, p, q);
        std::vector<std::vector<double>> per_seed;
        for (std::size_t s = 0; s < point.seeds.size(); ++s) {
          const auto begin =
              all[i].values.begin() + static_cast<std::ptrdiff_t>((s * combinations + c) * metrics);
          per_seed.emplace_back(begin, begin + static_cast<std::ptrdiff_t>(metrics));
        }
        table.rows.push_back(
            make_row(points[i].values, point.policies[p].text, point.placements[q].text, per_seed));
        result.simulations += point.seeds.size();
      }
    }
  }
  return result;
}

}  // namespace podsim
