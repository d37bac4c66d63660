#pragma once
// Power and cost of a run over its measurement window (docs/power-and-cost.md).
//
// A node draws idle_w with no GPU busy and busy_w with every GPU busy, linearly in the busy
// GPUs between (the linear server power model of Fan, Weber & Barroso, "Power provisioning for
// a warehouse-sized computer", ISCA 2007, with GPUs as the utilised resource). The facility draws
// the IT power times the site's PUE (power usage effectiveness, The Green Grid, White Paper 49,
// 2012). Cost over the window is the facility energy at the site's price plus the machine's
// purchase price depreciated linearly over the site's period, for the window's time.
//
// Cost per GPU-hour divides that cost by the GPU-hours jobs held during the window; cost per
// reference GPU-hour divides it by the same hours counted at each GPU type's speed, the work
// delivered in the units offered load uses, so machines with faster GPUs compare on work.
#include "core/time.hpp"
#include "metrics/time_series.hpp"
#include "topology/topology.hpp"

namespace podsim {

// What the site adds to the machine: its cooling overhead and its prices.
struct SitePrices {
  double pue = 1.3;                  // facility power / IT power, in [1, 5]
  double energy_usd_per_kwh = 0.08;  // in [0, 10]
  double depreciation_years = 5;     // node prices spread over this, in (0, 50]
};

// The bounds above, checked by the readers of options and scenarios: "" when `site` is valid,
// else what is wrong, naming the key ("pue: expected a number in [1, 5], found 0.5").
std::string check_site_prices(const SitePrices& site);

struct PowerCost {
  bool modelled = false;      // every node type in use gives idle_w and busy_w
  bool priced = false;        // every node type in use gives price_usd
  double hours = 0;           // the window's length
  double energy_mwh = 0;      // facility energy over the window
  double power_mean_kw = 0;   // facility power, mean over the window
  double power_peak_kw = 0;   // and the highest that held (it grows with the window's length)
  double power_rated_kw = 0;  // every GPU busy: what a site provisions for
  double energy_cost_usd = 0;
  double capital_cost_usd = 0;  // depreciation for the window's time (0 when not priced)
  double cost_usd = 0;          // energy + capital
  double gpu_hours = 0;         // GPU-hours held by jobs during the window
  double cost_per_gpu_hour_usd = 0;
  double cost_per_reference_gpu_hour_usd = 0;
};

// Over [begin, end) of `series` (begin < end; otherwise all zero). O(points).
PowerCost power_and_cost(const Topology& topology, const TimeSeriesCollector& series, Time begin,
                         Time end, const SitePrices& site);

}  // namespace podsim
