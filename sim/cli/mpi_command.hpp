#pragma once
// Runs a command on every MPI rank (or the single process without mpirun). Other ranks compute and
// send; rank 0 reports results and errors, once, so the others only turn errors into exit codes.

#include <exception>

#include "common/input_error.hpp"
#include "scenario/mpi_world.hpp"

namespace podsim {

template <typename Command>
int run_on_mpi_world(Command&& command) {
  const MpiWorld world;
  if (world.idle()) return 0;
  if (world.root()) return command(world);
  try {
    return command(world);
  } catch (const InputError&) {
    return 2;
  } catch (const std::exception&) {
    return 1;
  }
}

}  // namespace podsim
