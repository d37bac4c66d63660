#pragma once
// Reading a user's input file whole (topologies, scenarios, model tables, Slurm configs).
#include <string>

namespace podsim {

// The file's bytes. Throws InputError(path, 0, "", "cannot open: <reason>") when it cannot be
// opened, or "cannot read the file" when reading fails part-way.
std::string read_input_file(const std::string& path);

}  // namespace podsim
