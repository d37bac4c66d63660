#pragma once
// MpiWorld: the MPI ranks a sweep is spread over, or a world of one.
//
// podsim builds with MPI when CMake finds it (compile definition PODSIM_HAVE_MPI) and never
// needs it. MPI is initialised only when this process was started by an MPI launcher (the
// environment of Open MPI's mpirun, MPICH/Hydra or Slurm's PMI), so a plain `podsim sweep`
// never touches MPI. Started by a launcher but built without MPI, the ranks cannot talk: rank 0
// then runs everything alone and the others are `idle()` (they should exit quietly), so the
// result is the same table. Construct at most one, on the main thread; MPI calls are made
// from that thread only (MPI_THREAD_FUNNELED).
#include <string>
#include <vector>

namespace podsim {

class MpiWorld {
 public:
  MpiWorld();
  ~MpiWorld();  // MPI_Finalize when this object initialised MPI
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  static bool built_with_mpi();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  // Started by a launcher as a rank other than 0 of a build without MPI: nothing to do.
  bool idle() const { return idle_; }
  // A note for logs: "2 MPI ranks", "no MPI launcher", "launcher found, built without MPI".
  const std::string& description() const { return description_; }

  // Collective: every rank passes its bytes; rank 0 gets every rank's bytes in rank order,
  // the other ranks get an empty vector. In a world of one, just {bytes}.
  std::vector<std::string> gather(const std::string& bytes) const;
  // Collective: rank 0's `bytes` on every rank (the others' are ignored).
  std::string broadcast(const std::string& bytes) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool idle_ = false;
  bool initialised_ = false;
  std::string description_;
};

}  // namespace podsim
