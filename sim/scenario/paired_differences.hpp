#pragma once
// Paired differences between the rows of one grid point (common random numbers): every policy x
// placement of a point runs on the same workload for each seed, so "A beats B" is judged on the
// per-seed differences A - B, whose confidence interval is far narrower than the overlap of
// the two rows' own intervals when the seeds' workloads, not the policies, make most of the
// spread (Law, "Simulation Modeling and Analysis", 5th ed., sec. 10.2, paired-t). The first row
// of each point is the baseline.
#include <string>

#include "scenario/result_table.hpp"

namespace podsim {

// A table of the same shape without each point's first row: its rows are "policy placement"
// minus that baseline, per metric the mean difference and its 95% interval over the seeds.
// Rows need their per-seed values (ResultRow::per_seed). O(rows x seeds x metrics).
ResultTable paired_differences(const ResultTable& table);

// The text `podsim compare` and `podsim sweep` print under their table: nothing below two seeds
// or two rows a point, else a heading naming the baseline and format_result_table of the
// differences.
std::string format_paired_differences(const ResultTable& table);

}  // namespace podsim
