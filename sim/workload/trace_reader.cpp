#include "workload/trace_reader.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace podsim {

std::string detect_trace_format(const std::string& path) {
  std::string name = path;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Both readers decompress transparently, so a trailing ".gz" does not change the format.
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  if (name.ends_with(".swf")) return "swf";
  if (name.ends_with(".csv")) return "csv";
  return "";
}

Workload read_trace(const TraceRegistry& registry, const std::string& path,
                    const std::string& format, const TraceOptions& options) {
  std::string name = format;
  if (name.empty()) {
    name = detect_trace_format(path);
    if (name.empty()) {
      throw InputError(path, 0, "format",
                       fmt::format("cannot tell the trace format from the file name; name it "
                                   "explicitly, one of: {}",
                                   fmt::join(registry.names(), ", ")));
    }
  }
  return registry.at(name).factory(path, options);
}

}  // namespace podsim
