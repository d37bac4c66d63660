#pragma once
// Configuration files compiled into the binary, so `podsim run` works from any directory.
#include <string_view>

namespace podsim {

// configs/dgx-h100-superpod.yaml as it was at build time.
std::string_view embedded_dgx_h100_superpod();

}  // namespace podsim
