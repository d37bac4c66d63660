#pragma once
// Mean and two-sided 95% confidence interval of a small sample (the seeds of a sweep point):
// mean ± t(0.975; n-1) * s / sqrt(n), with s the sample standard deviation (n - 1 in the
// denominator) and t the Student t quantile for n - 1 degrees of freedom. This assumes the
// per-seed results are independent draws from a roughly normal distribution, the usual reading
// of replicated simulation runs (Law, "Simulation Modeling and Analysis", 5th ed., sec. 9.4.1).
#include <cstddef>
#include <span>

namespace podsim {

struct MeanInterval {
  double mean = 0;
  double half_width = 0;  // NaN when n < 2 (no interval from one run)
  std::size_t n = 0;
};

// The t value with P(|T| <= t) = 0.95 for `dof` >= 1 degrees of freedom (12.706 for 1, 4.303
// for 2, 1.960 as dof -> infinity). Exact to ~1e-12: bisection on the closed-form CDF for
// integer dof (Abramowitz & Stegun, Handbook of Mathematical Functions, 26.7.3-26.7.4).
// O(dof) per CDF evaluation, ~100 evaluations.
double student_t_975(int dof);

// Mean and interval of `values` (n = values.size(); all zero when empty). Summation in order,
// so the result depends only on the values and their order.
MeanInterval mean_ci95(std::span<const double> values);

}  // namespace podsim
