#include "metrics/power_cost.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace podsim {
namespace {

constexpr double kMicrosPerHour = 3600.0 * kMicrosPerSecond;
constexpr double kHoursPerYear = 365.25 * 24.0;

std::string out_of_range(const char* key, const char* range, double value) {
  return fmt::format("{}: expected a number in {}, found {}", key, range, value);
}

bool every_type_in_use(const Topology& topology, bool (*has)(const NodeCosts&)) {
  return std::all_of(topology.node_types().begin(), topology.node_types().end(),
                     [&](const NodeType& type) { return type.nodes == 0 || has(type.costs); });
}

}  // namespace

std::string check_site_prices(const SitePrices& site) {
  if (!(site.pue >= 1.0 && site.pue <= 5.0)) return out_of_range("pue", "[1, 5]", site.pue);
  if (!(site.energy_usd_per_kwh >= 0.0 && site.energy_usd_per_kwh <= 10.0)) {
    return out_of_range("energy_usd_per_kwh", "[0, 10]", site.energy_usd_per_kwh);
  }
  if (!(site.depreciation_years > 0.0 && site.depreciation_years <= 50.0)) {
    return out_of_range("depreciation_years", "(0, 50]", site.depreciation_years);
  }
  return "";
}

PowerCost power_and_cost(const Topology& topology, const TimeSeriesCollector& series, Time begin,
                         Time end, const SitePrices& site) {
  PowerCost cost;
  if (end <= begin) return cost;
  cost.modelled = every_type_in_use(topology, [](const NodeCosts& c) { return c.has_power(); });
  cost.priced = every_type_in_use(topology, [](const NodeCosts& c) { return c.price_usd > 0; });
  const SeriesIntegrals sums = integrate(series, begin, end);
  const double hours = static_cast<double>(end - begin) / kMicrosPerHour;
  cost.hours = hours;
  cost.gpu_hours = sums.busy_gpu_time.value() / kMicrosPerHour;
  if (cost.modelled) {
    const double it_kwh = sums.energy_w_us / kMicrosPerHour / 1000.0;
    cost.energy_mwh = it_kwh * site.pue / 1000.0;
    cost.power_mean_kw = it_kwh * site.pue / hours;
    cost.power_peak_kw = sums.peak_power_w * site.pue / 1000.0;
    double rated_w = 0;
    for (const NodeType& type : topology.node_types()) rated_w += type.nodes * type.costs.busy_w;
    cost.power_rated_kw = rated_w * site.pue / 1000.0;
    cost.energy_cost_usd = it_kwh * site.pue * site.energy_usd_per_kwh;
  }
  if (cost.priced) {
    double price = 0;
    for (const NodeType& type : topology.node_types()) price += type.nodes * type.costs.price_usd;
    cost.capital_cost_usd = price * hours / (site.depreciation_years * kHoursPerYear);
  }
  cost.cost_usd = cost.energy_cost_usd + cost.capital_cost_usd;
  const double reference_gpu_hours = sums.busy_reference_gpu_time / kMicrosPerHour;
  // Per GPU-hour only when the cost is whole (energy and capital), as the metrics report it.
  if (cost.modelled && cost.priced && cost.gpu_hours > 0) {
    cost.cost_per_gpu_hour_usd = cost.cost_usd / cost.gpu_hours;
    cost.cost_per_reference_gpu_hour_usd = cost.cost_usd / reference_gpu_hours;
  }
  return cost;
}

}  // namespace podsim
