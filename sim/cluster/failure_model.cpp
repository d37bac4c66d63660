#include "cluster/failure_model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "common/input_error.hpp"
#include "common/input_file.hpp"
#include "common/suggest.hpp"

namespace podsim {
namespace {

constexpr double kMicrosPerHour = 3600.0 * kMicrosPerSecond;

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) {
    const auto first = field.find_first_not_of(" \t\r");
    const auto last = field.find_last_not_of(" \t\r");
    fields.push_back(first == std::string::npos ? "" : field.substr(first, last - first + 1));
  }
  return fields;
}

// Every name a failure trace may use, with the nodes it takes down.
std::map<std::string, std::vector<int>> component_names(const Topology& topology) {
  std::map<std::string, std::vector<int>> names;
  const auto& nodes = topology.nodes();
  const auto& levels = topology.levels();
  for (std::size_t n = 0; n < nodes.size(); ++n) names[nodes[n].name].push_back(static_cast<int>(n));
  for (std::size_t l = 0; l < levels.size(); ++l) {
    for (int d = 0; d < levels[l].domains; ++d) {
      std::vector<int> below;
      for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (nodes[n].domains[l] == d) below.push_back(static_cast<int>(n));
      }
      if (d < static_cast<int>(levels[l].domain_names.size())) names[levels[l].domain_names[d]] = below;
      for (int s = 0; s < levels[l].switches; ++s) {
        const auto vertex = topology.switch_vertex(static_cast<int>(l), d, s);
        names[topology.graph()[vertex].name] = below;
      }
    }
  }
  return names;
}

}  // namespace

std::vector<ScheduledFailure> read_failure_trace(const std::string& path,
                                                 const Topology& topology) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open the failure trace");
  const auto names = component_names(topology);
  std::vector<std::string> known;
  for (const auto& [name, nodes] : names) known.push_back(name);
  std::vector<ScheduledFailure> failures;
  std::string line;
  int line_number = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    if (++line_number == 1) line.erase(0, line.size() - skip_utf8_bom(line).size());
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    const auto fields = split_csv(line);
    if (!header_seen) {
      if (fields != std::vector<std::string>{"time_s", "component", "duration_s"}) {
        throw InputError(path, line_number, "header",
                         "expected 'time_s,component,duration_s', found '" + line + "'");
      }
      header_seen = true;
      continue;
    }
    if (fields.size() != 3) {
      throw InputError(path, line_number, "", fmt::format("expected 3 columns, found {}",
                                                          fields.size()));
    }
    ScheduledFailure failure;
    const auto time = parse_seconds(fields[0]);
    if (!time || *time < 0) {
      throw InputError(path, line_number, "time_s",
                       fmt::format("expected {}, found '{}'", kSecondsForm, fields[0]));
    }
    const auto duration = parse_seconds(fields[2]);
    if (!duration || *duration <= 0) {
      throw InputError(path, line_number, "duration_s",
                       "expected seconds > 0, found '" + fields[2] + "'");
    }
    const auto it = names.find(fields[1]);
    if (it == names.end()) {
      throw InputError(path, line_number, "component",
                       "no node, switch or domain named '" + fields[1] + "'" +
                           did_you_mean(fields[1], known));
    }
    failure.time = *time;
    failure.duration = *duration;
    failure.component = fields[1];
    failure.nodes = it->second;
    failures.push_back(std::move(failure));
  }
  if (!header_seen) throw InputError(path, 0, "header", "empty failure trace");
  std::stable_sort(failures.begin(), failures.end(),
                   [](const auto& a, const auto& b) { return a.time < b.time; });
  return failures;
}

FailureSampler::FailureSampler(const FailureOptions& options)
    : options_(options), rng_(options.seed ^ 0x6661696c75726573ULL) {
  if (options.node_mtbf_hours < 0 || options.mttr_hours <= 0 || options.weibull_shape <= 0) {
    throw InputError("", 0, "failures", "MTBF must be >= 0, MTTR and Weibull shape > 0");
  }
}

Time FailureSampler::time_to_failure() {
  const double mean = options_.node_mtbf_hours * kMicrosPerHour;
  double draw = 0;
  if (options_.distribution == FailureDistribution::kExponential) {
    draw = rng_.exponential(mean);
  } else {
    // Weibull with shape k and the scale that keeps the mean: scale = mean / Gamma(1 + 1/k).
    const double k = options_.weibull_shape;
    const double scale = mean / std::tgamma(1.0 + 1.0 / k);
    draw = scale * std::pow(-std::log1p(-rng_.uniform01()), 1.0 / k);
  }
  return std::max<Time>(1, static_cast<Time>(std::llround(draw)));
}

Time FailureSampler::repair_time() const {
  return static_cast<Time>(std::llround(options_.mttr_hours * kMicrosPerHour));
}

}  // namespace podsim
