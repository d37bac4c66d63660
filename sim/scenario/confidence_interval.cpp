#include "scenario/confidence_interval.hpp"

#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>

namespace podsim {
namespace {

// A(t | nu) = P(|T| <= t) for Student's t with integer nu >= 1 (A&S 26.7.3 odd, 26.7.4 even),
// with theta = atan(t / sqrt(nu)):
//   nu odd:  (2/pi) (theta + sin(theta) [cos + 2/3 cos^3 + ... + (2*4..(nu-3))/(1*3..(nu-2))
//   cos^(nu-2)])
//            (the bracket is empty for nu = 1)
//   nu even: sin(theta) [1 + 1/2 cos^2 + (1*3)/(2*4) cos^4 + ... + (1*3..(nu-3))/(2*4..(nu-2))
//   cos^(nu-2)]
double t_central_probability(double t, int nu) {
  const double theta = std::atan(t / std::sqrt(static_cast<double>(nu)));
  const double s = std::sin(theta);
  const double c = std::cos(theta);
  const double c2 = c * c;
  if (nu % 2 == 1) {
    double sum = 0;
    double term = c;                         // coefficient 1 for cos^1
    for (int k = 1; 2 * k + 1 <= nu; ++k) {  // powers cos^1 .. cos^(nu-2)
      sum += term;
      term *= c2 * (2.0 * k) / (2.0 * k + 1.0);
    }
    return 2.0 / std::numbers::pi * (theta + s * sum);
  }
  double sum = 0;
  double term = 1;                         // cos^0
  for (int k = 0; 2 * k + 2 <= nu; ++k) {  // powers cos^0 .. cos^(nu-2)
    sum += term;
    term *= c2 * (2.0 * k + 1.0) / (2.0 * k + 2.0);
  }
  return s * sum;
}

}  // namespace

double student_t_975(int dof) {
  assert(dof >= 1);
  // A(t) rises from 0 at t = 0; the root lies below 13 for every dof >= 1 (12.706 at dof 1).
  double low = 0;
  double high = 16;
  for (int i = 0; i < 200 && high - low > 1e-13; ++i) {
    const double mid = 0.5 * (low + high);
    if (t_central_probability(mid, dof) < 0.95) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return 0.5 * (low + high);
}

MeanInterval mean_ci95(std::span<const double> values) {
  MeanInterval result;
  result.n = values.size();
  if (values.empty()) return result;
  double sum = 0;
  for (double v : values) sum += v;
  const double n = static_cast<double>(values.size());
  result.mean = sum / n;
  if (values.size() < 2) {
    result.half_width = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  double squares = 0;
  for (double v : values) squares += (v - result.mean) * (v - result.mean);
  const double sd = std::sqrt(squares / (n - 1));
  result.half_width = student_t_975(static_cast<int>(values.size()) - 1) * sd / std::sqrt(n);
  return result;
}

}  // namespace podsim
