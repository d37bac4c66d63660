#include "scenario/result_table.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "metrics/result_files.hpp"
#include "scenario/metric_table.hpp"

namespace podsim {
namespace {

std::string last_component(const std::string& key) {
  const std::size_t dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

// Display width of UTF-8 text ('±' is two bytes, one column).
std::size_t columns(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0U) != 0x80U ? 1 : 0;
  return count;
}

std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::string fill(width > columns(text) ? width - columns(text) : 0, ' ');
  return left ? text + fill : fill + text;
}

}  // namespace

std::string format_mean_interval(const MeanInterval& value, int decimals) {
  if (value.n < 2 || std::isnan(value.half_width))
    return fmt::format("{:.{}f}", value.mean, decimals);
  return fmt::format("{:.{}f} ± {:.{}f}", value.mean, decimals, value.half_width, decimals);
}

std::string format_aligned(const std::vector<std::vector<std::string>>& grid,
                           const std::vector<bool>& left) {
  std::vector<std::size_t> widths(left.size(), 0);
  for (const auto& cells : grid) {
    for (std::size_t c = 0; c < cells.size(); ++c)
      widths[c] = std::max(widths[c], columns(cells[c]));
  }
  std::string text;
  for (const auto& cells : grid) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line += "  ";
      line += pad(cells[c], widths[c], left[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + '\n';
  }
  return text;
}

ResultRow make_row(std::vector<std::string> keys, std::string policy, std::string placement,
                   const std::vector<std::vector<double>>& values) {
  ResultRow row{std::move(keys), std::move(policy), std::move(placement), {}, values};
  const std::size_t metrics = summary_metrics().size();
  std::vector<double> sample(values.size());
  for (std::size_t m = 0; m < metrics; ++m) {
    for (std::size_t s = 0; s < values.size(); ++s) sample[s] = values[s][m];
    row.metrics.push_back(mean_ci95(sample));
  }
  return row;
}

std::string format_result_table(const ResultTable& table) {
  const auto metrics = summary_metrics();
  // Header and cells first, then pad every column to its widest entry.
  std::vector<std::vector<std::string>> grid;
  std::vector<bool> left;
  std::vector<std::string> header;
  for (const auto& key : table.key_columns) {
    header.push_back(last_component(key));
    left.push_back(false);
  }
  for (const char* name : {"policy", "placement"}) {
    header.emplace_back(name);
    left.push_back(true);
  }
  header.emplace_back("seeds");
  left.push_back(false);
  for (std::size_t m : table.shown) {
    header.emplace_back(metrics[m].name);
    left.push_back(false);
  }
  grid.push_back(header);
  for (const ResultRow& row : table.rows) {
    std::vector<std::string> cells = row.keys;
    cells.push_back(row.policy);
    cells.push_back(row.placement + (row_warning(row).empty() ? "" : " !"));
    cells.push_back(fmt::format("{}", row.metrics.empty() ? 0 : row.metrics.front().n));
    for (std::size_t m : table.shown)
      cells.push_back(format_mean_interval(row.metrics[m], metrics[m].decimals));
    grid.push_back(std::move(cells));
  }
  std::string text = format_aligned(grid, left);
  for (const ResultRow& row : table.rows) {
    const std::string warning = row_warning(row);
    if (warning.empty()) continue;
    std::string label;
    for (std::size_t k = 0; k < row.keys.size(); ++k) {
      label += fmt::format("{}={} ", last_component(table.key_columns[k]), row.keys[k]);
    }
    text += fmt::format("! {}{} {}: {}\n", label, row.policy, row.placement, warning);
  }
  return text;
}

std::string row_warning(const ResultRow& row) {
  std::string text;
  for (const char* name : {"overload", "growing_queue", "short_run"}) {
    const MeanInterval& value = row.metrics[*find_summary_metric(name)];
    if (value.mean <= 0) continue;
    const auto seeds = static_cast<long>(std::lround(value.mean * static_cast<double>(value.n)));
    text += fmt::format("{}{} in {} of {} seeds", text.empty() ? "" : ", ", name, seeds, value.n);
  }
  return text;
}

void write_result_csv(const ResultTable& table, std::ostream& out) {
  const auto metrics = summary_metrics();
  std::string header;
  for (const auto& key : table.key_columns) header += csv_field(key) + ",";
  header += "policy,placement,seeds";
  for (const auto& metric : metrics) header += fmt::format(",{0},{0}_ci95", metric.name);
  out << header << '\n';
  for (const ResultRow& row : table.rows) {
    std::string line;
    for (const auto& key : row.keys) line += csv_field(key) + ",";
    line += fmt::format("{},{},{}", csv_field(row.policy), csv_field(row.placement),
                        row.metrics.empty() ? 0 : row.metrics.front().n);
    for (const MeanInterval& value : row.metrics) {
      line += fmt::format(",{}", value.mean);
      line += std::isnan(value.half_width) || value.n < 2 ? std::string(",")
                                                          : fmt::format(",{}", value.half_width);
    }
    out << line << '\n';
  }
}

nlohmann::ordered_json metrics_json(const std::vector<MeanInterval>& values) {
  const auto metrics = summary_metrics();
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (std::size_t m = 0; m < values.size(); ++m) {
    const MeanInterval& value = values[m];
    nlohmann::ordered_json entry;
    entry["mean"] = value.mean;
    if (value.n < 2 || std::isnan(value.half_width)) {
      entry["ci95"] = nullptr;
    } else {
      entry["ci95"] = value.half_width;
    }
    json[std::string(metrics[m].name)] = entry;
  }
  return json;
}

void write_result_json(const ResultTable& table, std::ostream& out) {
  nlohmann::ordered_json json;
  json["scenario"] = table.scenario;
  json["keys"] = table.key_columns;
  json["rows"] = nlohmann::ordered_json::array();
  for (const ResultRow& row : table.rows) {
    nlohmann::ordered_json item;
    nlohmann::ordered_json point = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < row.keys.size(); ++k) point[table.key_columns[k]] = row.keys[k];
    item["point"] = point;
    item["policy"] = row.policy;
    item["placement"] = row.placement;
    item["seeds"] = row.metrics.empty() ? 0 : row.metrics.front().n;
    item["metrics"] = metrics_json(row.metrics);
    json["rows"].push_back(item);
  }
  out << json.dump(2) << '\n';
}

}  // namespace podsim
