#pragma once
// The placement a run gets when it names none: what a site would configure on that machine.
//   - A flat pool (no levels: --flat, an SWF trace on its declared size, topology {flat: N}):
//     "first-fit". There is no locality to keep, and the HPC results (pyss, the KTH tables)
//     were measured with it.
//   - A topology whose first level is an NVLink domain (GB200 NVL72 racks):
//     "topology:max_level=<that level>". Slurm's topology/block, the plugin recommended for
//     NVL72, enforces its blocks strictly: a job that fits one block starts only inside one and
//     waits until one has room (no time limit); a larger job spans blocks. A job split over two
//     racks loses NVLink (14,400 Gb/s per GPU) for InfiniBand (400 Gb/s), i.e. runs many times
//     slower, so a site would rather wait.
//   - Any other topology with levels (DGX SuperPOD fat trees): "topology", Slurm's topology/tree
//     without --switches: the smallest domain that fits now, never waiting for locality; a job
//     that fits one node is never split.
// Every caller (the CLI, scenario files, sweep points) asks here, so the rule lives in one
// place, and the text returned is the label outputs carry: a table or folder names the
// placement that actually ran. O(1).
#include <string>

#include "topology/topology.hpp"

namespace podsim {

std::string default_placement(const Topology& topology);

}  // namespace podsim
