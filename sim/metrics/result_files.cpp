#include "metrics/result_files.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace podsim {
namespace {

std::string time_or_empty(Time time) { return time < 0 ? std::string{} : format_seconds(time); }

nlohmann::ordered_json to_json(const Distribution& d) {
  return {{"mean", d.mean}, {"p50", d.p50}, {"p95", d.p95}, {"p99", d.p99}, {"max", d.max}};
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
         "state,reason\n";
  for (const JobRecord& r : records) {
    fmt::print(out, "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.trace_id,
               csv_field(r.user), format_seconds(r.submit), time_or_empty(r.start),
               time_or_empty(r.end), r.ran() ? format_seconds(r.wait()) : "",
               r.ran() ? format_seconds(r.run()) : "", r.gpus, r.nodes,
               r.ran() ? std::to_string(r.spread) : "", r.ran() ? fmt::format("{}", r.stretch) : "",
               r.preemptions, r.restarts, r.state, csv_field(r.reason));
  }
}

void write_timeseries_csv(const TimeSeriesCollector& series, std::ostream& out) {
  out << "time,busy_gpus,utilisation,queued,running\n";
  const double total = series.total_gpus();
  for (const TimeSeriesPoint& p : series.points()) {
    fmt::print(out, "{},{},{},{},{}\n", format_seconds(p.time), p.busy_gpus,
               static_cast<double>(p.busy_gpus) / total, p.queued, p.running);
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
