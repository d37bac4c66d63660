#pragma once
// Output paths, checked before anything runs: a long simulation should not end in "cannot
// write" (it used to, as an internal error, after the whole run). Errors are InputErrors naming
// the option (`flag`) and the path, exit code 2.
#include <string>

namespace podsim {

// Creates the folder `dir` and its parents if absent; throws when it cannot, or when `dir` is
// an existing file.
void prepare_output_dir(const std::string& dir, const std::string& flag);

// Makes sure a file can be written at `path`: its folder exists (created if absent), `path` is
// not a folder, and a file can be created beside it (the writers write PATH.partial and rename
// it). Leaves nothing behind.
void prepare_output_file(const std::string& path, const std::string& flag);

}  // namespace podsim
