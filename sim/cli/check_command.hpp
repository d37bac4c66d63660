#pragma once
// `podsim check PATH... [--update]`: run every scenario with an `expect:` block under the
// given files and folders; exit 1 when a bound fails or a schedule hash differs from the one
// recorded beside the scenario (NAME.hashes), listing each difference; `--update` records the
// current hashes instead. Bad input (a typo'd key, a missing file) is exit 2 before anything runs.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace podsim {

struct CheckOptions {
  std::vector<std::string> paths;
  bool update = false;
};

CLI::App* add_check_command(CLI::App& app, CheckOptions& options);

int check_command(const CheckOptions& options, std::ostream& out);

}  // namespace podsim
