#include "scenario/window_setting.hpp"

#include <fmt/format.h>

#include "common/input_error.hpp"

namespace podsim {
namespace {

WindowBound bound_or_fail(const std::string& text, bool allow_auto, const std::string& file,
                          int line, const std::string& key) {
  const auto bound = parse_window_bound(text, allow_auto);
  if (!bound) {
    throw InputError(file, line, key,
                     fmt::format("expected {}{}, found '{}'", kWindowBoundForm,
                                 allow_auto ? "" : " (auto is for warm-ups only)", text));
  }
  return *bound;
}

}  // namespace

WindowSpec parse_window_setting(const YamlMap::Entry& entry) {
  if (entry.value.IsScalar()) {
    const std::string text = read_text(entry);
    if (text == "auto") return WindowSpec::automatic();
    if (text == "all") return WindowSpec::whole();
    entry.place.fail(
        fmt::format("expected auto, all, or {{warmup: W, cooldown: C}}, found '{}'", text));
  }
  const YamlMap map(entry.value, entry.place, {"warmup", "cooldown"},
                    "auto, all, or {warmup: W, cooldown: C}");
  WindowSpec spec;
  spec.whole_run = false;
  const auto read = [&](const char* key, bool allow_auto) {
    const YamlMap::Entry* found = map.find(key);
    if (found == nullptr) return WindowBound::none();
    return bound_or_fail(read_text(*found), allow_auto, found->place.file, found->place.line,
                         found->place.path);
  };
  spec.warmup = read("warmup", true);
  spec.cooldown = read("cooldown", false);
  return spec;
}

std::optional<WindowSpec> window_from_flags(bool whole_run, const std::string& warmup,
                                            const std::string& cooldown, bool synthetic) {
  if (whole_run) return WindowSpec::whole();
  if (warmup.empty() && cooldown.empty()) return std::nullopt;
  WindowSpec spec;
  spec.whole_run = false;
  spec.warmup = warmup.empty() ? (synthetic ? WindowBound::automatic() : WindowBound::none())
                               : bound_or_fail(warmup, true, "", 0, "--warmup");
  if (!cooldown.empty()) spec.cooldown = bound_or_fail(cooldown, false, "", 0, "--cooldown");
  return spec;
}

WindowSpec window_or_default(const std::optional<WindowSpec>& given, bool synthetic) {
  if (given) return *given;
  return synthetic ? WindowSpec::automatic() : WindowSpec::whole();
}

}  // namespace podsim
