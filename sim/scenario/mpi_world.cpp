#include "scenario/mpi_world.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <stdexcept>

#ifdef PODSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace podsim {
namespace {

// The first of these environment variables that is set, as an integer; -1 when none is.
int launcher_value(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
      return std::atoi(value);
    }
  }
  return -1;
}

int launcher_size() { return launcher_value({"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}); }
int launcher_rank() { return launcher_value({"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"}); }

#ifdef PODSIM_HAVE_MPI
void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(fmt::format("MPI: {} failed ({})", what, code));
}
#endif

}  // namespace

bool MpiWorld::built_with_mpi() {
#ifdef PODSIM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

MpiWorld::MpiWorld() {
  const bool launched = launcher_size() >= 1 || launcher_rank() >= 0;
  if (!launched) {
    description_ = "no MPI launcher";
    return;
  }
#ifdef PODSIM_HAVE_MPI
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  initialised_ = true;
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
  description_ = fmt::format("{} MPI rank{}", size_, size_ == 1 ? "" : "s");
#else
  idle_ = launcher_rank() > 0;
  description_ = "started by an MPI launcher, but built without MPI: rank 0 runs every point";
#endif
}

MpiWorld::~MpiWorld() {
#ifdef PODSIM_HAVE_MPI
  if (initialised_) MPI_Finalize();
#endif
}

std::vector<std::string> MpiWorld::gather(const std::string& bytes) const {
  if (size_ == 1) return {bytes};
#ifdef PODSIM_HAVE_MPI
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw std::runtime_error("MPI: a rank's results exceed 2 GiB");
  }
  const int length = static_cast<int>(bytes.size());
  std::vector<int> lengths(root() ? static_cast<std::size_t>(size_) : 0);
  check(MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD),
        "MPI_Gather");
  std::vector<int> offsets(lengths.size(), 0);
  long total = 0;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    if (total + lengths[r] > INT32_MAX) throw std::runtime_error("MPI: results exceed 2 GiB");
    offsets[r] = static_cast<int>(total);
    total += lengths[r];
  }
  std::string all(static_cast<std::size_t>(total), '\0');
  check(MPI_Gatherv(bytes.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(),
                    MPI_CHAR, 0, MPI_COMM_WORLD),
        "MPI_Gatherv");
  std::vector<std::string> parts;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    parts.push_back(
        all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
  }
  return parts;
#else
  return {bytes};
#endif
}

std::string MpiWorld::broadcast(const std::string& bytes) const {
  if (size_ == 1) return bytes;
#ifdef PODSIM_HAVE_MPI
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw std::runtime_error("MPI: a broadcast exceeds 2 GiB");
  }
  int length = static_cast<int>(bytes.size());
  check(MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Bcast");
  std::string all = root() ? bytes : std::string(static_cast<std::size_t>(length), '\0');
  check(MPI_Bcast(all.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD), "MPI_Bcast");
  return all;
#else
  return bytes;
#endif
}

}  // namespace podsim
