#include "metrics/result_files.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

namespace podsim {
namespace {

// Writes CSV rows through one buffer (an ostream write per field is the cost of a million-row
// file otherwise). Each field ends with a separator; end_row turns the last into a newline.
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  ~CsvWriter() { flush(); }
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  CsvWriter& text(std::string_view field) {
    buffer_.append(field);
    return next();
  }
  template <typename Number>
  CsvWriter& value(Number number) {
    fmt::format_to(std::back_inserter(buffer_), FMT_COMPILE("{}"), number);
    return next();
  }
  CsvWriter& seconds(Time time) {
    char text[kSecondsTextMax];
    buffer_.append(std::string_view(text, format_seconds_to(text, time) - text));
    return next();
  }
  // An empty field (or the end of one just written).
  CsvWriter& next() {
    buffer_.push_back(',');
    return *this;
  }
  void end_row() {
    buffer_[buffer_.size() - 1] = '\n';
    if (buffer_.size() >= kFlushAt) flush();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
  std::ostream& out_;
  fmt::memory_buffer buffer_;
};

nlohmann::ordered_json to_json(const Distribution& d) {
  return {{"mean", d.mean}, {"p50", d.p50}, {"p95", d.p95}, {"p99", d.p99}, {"max", d.max}};
}

// Energy and cost over the window; null figures when the topology does not give them.
nlohmann::ordered_json power_json(const PowerCost& p) {
  nlohmann::ordered_json json;
  json["modelled"] = p.modelled;
  json["priced"] = p.priced;
  const auto figure = [](bool known, double value) {
    return known ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
  };
  json["energy_mwh"] = figure(p.modelled, p.energy_mwh);
  json["power_mean_kw"] = figure(p.modelled, p.power_mean_kw);
  json["power_peak_kw"] = figure(p.modelled, p.power_peak_kw);
  json["power_rated_kw"] = figure(p.modelled, p.power_rated_kw);
  json["energy_cost_usd"] = figure(p.modelled, p.energy_cost_usd);
  json["capital_cost_usd"] = figure(p.priced, p.capital_cost_usd);
  json["cost_usd"] = figure(p.modelled && p.priced, p.cost_usd);
  json["gpu_hours"] = p.gpu_hours;
  json["cost_per_gpu_hour_usd"] = figure(p.modelled && p.priced, p.cost_per_gpu_hour_usd);
  json["cost_per_reference_gpu_hour_usd"] =
      figure(p.modelled && p.priced, p.cost_per_reference_gpu_hour_usd);
  return json;
}

// The measurement window: its bounds, how the warm-up was found and the jobs it counted.
nlohmann::ordered_json window_json(const Summary& s) {
  const MeasurementWindow& w = s.window;
  nlohmann::ordered_json json;
  json["whole_run"] = w.whole_run;
  json["begin_s"] = to_seconds(w.begin);
  json["end_s"] = to_seconds(w.end);
  json["warmup"] = w.warmup_method;
  json["settled"] = w.settled;
  json["counted_jobs"] = s.counted;
  return json;
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void write_jobs_csv(const std::vector<JobRecord>& records, std::ostream& out) {
  out << "id,user,submit,start,end,wait,run,gpus,nodes,spread,stretch,preemptions,restarts,"
         "state,reason,counted\n";
  CsvWriter csv(out);
  for (const JobRecord& r : records) {
    csv.value(r.trace_id).text(csv_field(r.user)).seconds(r.submit);
    if (r.start >= 0) {
      csv.seconds(r.start);
    } else {
      csv.next();
    }
    if (r.end >= 0) {
      csv.seconds(r.end);
    } else {
      csv.next();
    }
    if (r.ran()) {
      csv.seconds(r.wait()).seconds(r.run());
    } else {
      csv.next().next();
    }
    csv.value(r.gpus).value(r.nodes);
    if (r.ran()) {
      csv.value(r.spread).value(r.stretch);
    } else {
      csv.next().next();
    }
    csv.value(r.preemptions).value(r.restarts).text(r.state).text(csv_field(r.reason));
    csv.value(r.counted ? 1 : 0).end_row();
  }
}

void write_timeseries_csv(const TimeSeriesCollector& series, std::ostream& out) {
  out << "time,busy_gpus,utilisation,queued,running,it_power_kw\n";
  const double total = series.total_gpus();
  CsvWriter csv(out);
  for (const TimeSeriesPoint& p : series.points()) {
    csv.seconds(p.time)
        .value(p.busy_gpus)
        .value(static_cast<double>(p.busy_gpus) / total)
        .value(p.queued)
        .value(p.running)
        .value(p.power_w / 1000.0)
        .end_row();
  }
}

void write_summary_json(const Summary& s, const std::map<std::string, std::string>& run_info,
                        std::ostream& out) {
  nlohmann::ordered_json json;
  json["run"] = run_info;
  json["jobs"] = {{"records", s.records},
                  {"completed", s.completed},
                  {"killed", s.killed},
                  {"rejected", s.rejected},
                  {"rejected_by_reason", s.rejected_by_reason}};
  json["offered_load"] = s.offered_load;
  json["window"] = window_json(s);
  json["warnings"] = s.warnings;
  json["wait_s"] = to_json(s.wait_s);
  json["jct_s"] = to_json(s.jct_s);
  json["bounded_slowdown"] = to_json(s.bounded_slowdown);
  json["utilisation"] = s.utilisation;
  json["makespan_s"] = s.makespan_s;
  json["jain_fairness"] = s.jain_fairness;
  json["idle_gpus_while_waiting"] = s.idle_gpus_while_waiting;
  json["total_gpus"] = s.total_gpus;
  json["placement"] = {{"stretch_mean", s.stretch_mean},
                       {"multi_node_share", s.multi_node_share},
                       {"cross_group_share", s.cross_group_share},
                       {"stretch_mean_multi_node", s.stretch_mean_multi_node}};
  json["preemptions"] = s.preemptions;
  json["restarts"] = s.restarts;
  json["gpu_hours_lost"] = s.gpu_hours_lost;
  json["gpu_hours_overhead"] = s.gpu_hours_overhead;
  json["goodput"] = s.goodput;
  json["power"] = power_json(s.power);
  out << json.dump(2) << '\n';
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + partial);
    write(out);
    out.flush();
    if (!out) {
      std::remove(partial.c_str());
      throw std::runtime_error("error while writing " + partial);
    }
  }
  std::filesystem::rename(partial, path);
}

}  // namespace podsim
