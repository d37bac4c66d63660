#include "workload/gpu_speeds.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

#include "common/input_error.hpp"
#include "common/suggest.hpp"

namespace podsim {
namespace {

// Relative to H100-SXM5 = 1.0 (docs/gpu-speeds.md):
// - A100 = 1/3, as configs/dgx-a100-superpod.yaml (MosaicML 2023, GPT training: H100 3x A100).
// - V100 = A100 / 2.5: NVIDIA's A100 Hot Chips 2020 talk, 2.5x V100 on dense FP16 tensor
//   throughput, the per-chip range of its MLPerf Training v0.7 results against V100.
// - B200 = 2.0, as configs/gb200-nvl72.yaml (NVIDIA, MLPerf Training v4.1: 2x per GPU).
constexpr std::array kKnownGpus = {
    KnownGpu{"V100", 0.333 / 2.5}, KnownGpu{"V100-SXM2", 0.333 / 2.5},
    KnownGpu{"A100", 0.333},       KnownGpu{"A100-SXM4-80GB", 0.333},
    KnownGpu{"H100", 1.0},         KnownGpu{"H100-SXM5", 1.0},
    KnownGpu{"B200", 2.0},
};

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

Time restated(Time time, double speed) {
  if (time <= 0) return time;
  return std::max<Time>(1, std::llround(static_cast<double>(time) * speed));
}

}  // namespace

std::span<const KnownGpu> known_gpus() { return kKnownGpus; }

double recorded_gpu_speed(const std::string& text, const std::string& key) {
  for (const KnownGpu& gpu : kKnownGpus) {
    if (same_name(gpu.name, text)) return gpu.speed;
  }
  double speed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), speed);
  if (error == std::errc() && end == text.data() + text.size()) {
    if (speed > 0 && speed <= 100) return speed;
  }
  std::vector<std::string> names;
  for (const KnownGpu& gpu : kKnownGpus) names.emplace_back(gpu.name);
  throw InputError("", 0, key,
                   fmt::format("expected a GPU name ({}) or a speed relative to H100 in (0, 100], "
                               "found '{}'{}",
                               fmt::join(names, ", "), text, did_you_mean(text, names)));
}

void restate_at_reference_speed(Workload& workload, double speed) {
  if (speed == 1.0) return;
  for (JobSpec& job : workload.jobs) {
    job.runtime = restated(job.runtime, speed);
    job.estimate = restated(job.estimate, speed);
  }
  workload.source += fmt::format(" (recorded at speed {:.3g})", speed);
}

}  // namespace podsim
