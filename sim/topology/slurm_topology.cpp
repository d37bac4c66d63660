// Slurm topology.conf <-> Topology. The contract and the mapping are in slurm_topology.hpp.
// Import produces a TopologySpec rendered as YAML for parse_topology(), so the graph is built by
// the one YAML builder.
#include "topology/slurm_topology.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/input_error.hpp"
#include "common/suggest.hpp"
#include "topology/hostlist.hpp"
#include "topology/topology_spec.hpp"

namespace podsim {
namespace {

// topology.conf(5): "SwitchName ... cannot be longer than 64 characters".
constexpr std::size_t kMaxSlurmNameLength = 64;

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

// A host list when the names allow one, else the names joined by ", " (for messages only).
std::string names_text(const std::vector<std::string>& names) {
  try {
    return compress_hostlist(names);
  } catch (const InputError&) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Export

void check_slurm_name(const std::string& name, const std::string& key) {
  const auto fail = [&](const std::string& why) {
    throw InputError("", 0, key,
                     fmt::format("'{}' cannot be a Slurm switch or block name: {}", name, why));
  };
  if (name.empty()) fail("it is empty");
  if (name.size() > kMaxSlurmNameLength) {
    fail(fmt::format("it is longer than {} characters", kMaxSlurmNameLength));
  }
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == ',' || c == '[' || c == ']' ||
        c == '#' || c == '=' || c == '"' || c == '\\') {
      fail(fmt::format("it holds '{}'", c));
    }
  }
}

std::string domain_key(const Topology& topology, std::size_t level, std::size_t domain) {
  return level == 0 ? fmt::format("groups.{}", topology.levels()[0].domain_names[domain])
                    : fmt::format("levels[{}].name", level);
}

// Nodes of each innermost domain, in node order.
std::vector<std::vector<std::string>> nodes_by_group(const Topology& topology) {
  std::vector<std::vector<std::string>> groups(
      static_cast<std::size_t>(topology.levels()[0].domains));
  for (const auto& node : topology.nodes()) {
    groups[static_cast<std::size_t>(node.domains[0])].push_back(node.name);
  }
  return groups;
}

void require_levels(const Topology& topology) {
  if (topology.levels().empty()) {
    throw InputError("", 0, "levels",
                     fmt::format("topology '{}' has no levels (a flat pool): nothing for a Slurm "
                                 "topology plugin",
                                 topology.name()));
  }
}

std::string describe_levels(const Topology& topology) {
  std::string out;
  for (const auto& level : topology.levels()) {
    out += fmt::format("#   {}: {}", level.name,
                       plural(static_cast<std::size_t>(level.domains), "domain", "domains"));
    if (level.nvlink_gbps > 0) {
      out += " (NVLink domains)";
    } else {
      out += fmt::format(" x {}{}",
                         plural(static_cast<std::size_t>(level.switches), "switch", "switches"),
                         level.rails ? " (rail-optimised)" : "");
    }
    out += '\n';
  }
  return out;
}

std::string export_header(const Topology& topology, std::string_view plugin) {
  return fmt::format(
      "# Slurm topology.conf for TopologyPlugin=topology/{}, written by podsim (podsim topology "
      "export-slurm)\n"
      "# from topology '{}': {}, {} GPUs. podsim levels, innermost first:\n{}",
      plugin, topology.name(), plural(topology.nodes().size(), "node", "nodes"),
      topology.total_gpus(), describe_levels(topology));
}

// ---------------------------------------------------------------------------------------------
// Reading topology.conf into statements

struct ConfPair {
  std::string key;    // as written
  std::string lower;  // for case-insensitive matching
  std::string value;
};

struct ConfStatement {
  int line = 0;  // first physical line of the statement
  std::vector<ConfPair> pairs;
};

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// Everything from the first '#' not escaped by an odd number of backslashes is a comment.
void strip_comment(std::string& line) {
  std::size_t backslashes = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && backslashes % 2 == 0) {
      line.resize(i);
      return;
    }
    backslashes = line[i] == '\\' ? backslashes + 1 : 0;
  }
}

// An odd number of backslashes at the end (trailing blanks after them allowed) continues the
// statement on the next line; the last backslash and what follows it are removed.
bool strip_continuation(std::string& line) {
  std::size_t end = line.size();
  while (end > 0 && is_blank(line[end - 1])) --end;
  std::size_t backslashes = 0;
  while (end > backslashes && line[end - 1 - backslashes] == '\\') ++backslashes;
  if (backslashes % 2 == 0) return false;
  line.resize(end - 1);
  return true;
}

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

std::vector<ConfPair> tokenize(const std::string& text, const std::string& source, int line) {
  std::vector<ConfPair> pairs;
  std::size_t pos = 0;
  const auto skip_blanks = [&] {
    while (pos < text.size() && is_blank(text[pos])) ++pos;
  };
  const auto word_at = [&](std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && !is_blank(text[end])) ++end;
    return text.substr(at, end - at);
  };
  while (true) {
    skip_blanks();
    if (pos >= text.size()) break;
    const std::size_t key_start = pos;
    while (pos < text.size() && is_key_char(text[pos])) ++pos;
    const std::string key = text.substr(key_start, pos - key_start);
    if (key.empty()) {
      throw InputError(source, line, "",
                       fmt::format("expected Key=Value, found '{}'", word_at(key_start)));
    }
    skip_blanks();
    if (pos >= text.size() || text[pos] != '=') {
      throw InputError(source, line, key,
                       fmt::format("expected '=' after '{}', found {}", key,
                                   pos >= text.size() ? "the end of the line"
                                                      : fmt::format("'{}'", word_at(pos))));
    }
    ++pos;
    skip_blanks();
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      const std::size_t close = text.find('"', pos + 1);
      if (close == std::string::npos) {
        throw InputError(source, line, key, "a quoted value has no closing '\"'");
      }
      value = text.substr(pos + 1, close - pos - 1);
      pos = close + 1;
    } else {
      value = word_at(pos);
      pos += value.size();
    }
    if (value.empty()) {
      throw InputError(source, line, key, fmt::format("expected a value after '{}='", key));
    }
    pairs.push_back({key, lowercase(key), std::move(value)});
  }
  return pairs;
}

std::vector<ConfStatement> read_statements(const std::string& text, const std::string& source) {
  std::vector<ConfStatement> statements;
  std::string pending;
  int pending_line = 0;
  const auto finish = [&] {
    auto pairs = tokenize(unescape(pending), source, pending_line);
    if (!pairs.empty()) statements.push_back({pending_line, std::move(pairs)});
    pending.clear();
    pending_line = 0;
  };
  std::size_t start = 0;
  int line_number = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    ++line_number;
    strip_comment(line);
    if (pending_line == 0) pending_line = line_number;
    const bool continued = strip_continuation(line);
    pending += line;
    if (!continued) finish();
    if (end == text.size()) break;
    start = end + 1;
  }
  if (pending_line != 0 && !pending.empty()) finish();
  return statements;
}

// The canonical spelling of each key a statement may hold, by statement kind.
const std::vector<std::string> kTreeKeys = {"SwitchName", "Switches", "Nodes", "LinkSpeed"};
const std::vector<std::string> kBlockKeys = {"BlockName", "Nodes"};
const std::vector<std::string> kStatementKeys = {"SwitchName", "BlockName", "BlockSizes"};

std::string suggestion(std::string_view key, const std::vector<std::string>& candidates) {
  std::vector<std::string> lower;
  for (const auto& candidate : candidates) lower.push_back(lowercase(candidate));
  const std::string match = closest_match(lowercase(key), lower);
  if (match.empty()) return "";
  const auto it = std::find(lower.begin(), lower.end(), match);
  return fmt::format(" (did you mean '{}'?)",
                     candidates[static_cast<std::size_t>(it - lower.begin())]);
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Checks every key of the statement against `allowed` (case-insensitive) and that none repeats;
// returns the values by canonical key.
std::map<std::string, std::string> statement_values(const ConfStatement& statement,
                                                    const std::vector<std::string>& allowed,
                                                    const std::string& source) {
  std::map<std::string, std::string> values;
  for (const auto& pair : statement.pairs) {
    const auto it = std::find_if(allowed.begin(), allowed.end(), [&](const std::string& key) {
      return lowercase(key) == pair.lower;
    });
    if (it == allowed.end()) {
      throw InputError(
          source, statement.line, pair.key,
          fmt::format("unknown key '{}' in a {}= statement{}; expected one of: {}", pair.key,
                      allowed.front(), suggestion(pair.key, allowed), join(allowed)));
    }
    if (!values.emplace(*it, pair.value).second) {
      throw InputError(source, statement.line, *it,
                       fmt::format("'{}' is given twice in this statement", *it));
    }
  }
  return values;
}

std::vector<std::string> expand(const std::string& hostlist, const std::string& source, int line,
                                const std::string& key) {
  try {
    return expand_hostlist(hostlist);
  } catch (const InputError& error) {
    throw InputError(source, line, key, error.message());
  }
}

// ---------------------------------------------------------------------------------------------
// Import: the file's levels, before hardware from the options is added

struct RawLevel {
  std::vector<std::string> domain_names;  // from the file; empty for block levels above blocks
  std::vector<int> group_sizes;           // levels >= 1: units of the level below per domain
  int switches = 0;                       // 0: from the options
  std::string preferred_name;             // block levels: "bs<size>"; empty: from domain names
  std::vector<std::string> domain_notes;  // per domain, e.g. "Slurm switches su1-l[1-8]"
};

struct RawTopology {
  std::string plugin;                                 // "tree" or "block"
  std::vector<std::vector<std::string>> group_nodes;  // nodes of each innermost domain
  std::vector<RawLevel> levels;                       // innermost first
  std::string summary;                                // for the header comment
};

// ---------------------------------------------------------------------------------------------
// topology/tree

struct SwitchRecord {
  std::string name;
  int line = 0;
  std::vector<std::string> nodes;     // a leaf switch's nodes
  std::vector<std::size_t> children;  // an upper switch's child switches
  bool leaf = false;
  int height = -1;   // switch levels below it (leaves: 0)
  int logical = -1;  // merged domain it belongs to
};

// Switches with identical children, merged: one podsim domain.
struct LogicalSwitch {
  int height = 0;
  std::vector<std::size_t> members;  // record indices, in file order
  std::vector<int> children;         // logical children, in the first member's order
  int parent = -1;
  std::size_t parent_record = 0;  // the record that first named this one a child
};

class TreeImporter {
 public:
  TreeImporter(const std::vector<ConfStatement>& statements, std::string source)
      : source_(std::move(source)) {
    read(statements);
    compute_heights();
    merge();
  }

  RawTopology result() const {
    RawTopology raw;
    raw.plugin = "tree";
    const int root = find_root();
    // Pre-order from the top: each level lists its domains with siblings consecutive, parents
    // in the order of the level above, which is what group_sizes describe.
    std::vector<std::vector<int>> by_height(static_cast<std::size_t>(max_height_) + 1);
    std::vector<int> stack = {root};
    while (!stack.empty()) {
      const int id = stack.back();
      stack.pop_back();
      const LogicalSwitch& logical = logicals_[static_cast<std::size_t>(id)];
      by_height[static_cast<std::size_t>(logical.height)].push_back(id);
      for (auto it = logical.children.rbegin(); it != logical.children.rend(); ++it) {
        stack.push_back(*it);
      }
    }
    for (std::size_t h = 0; h < by_height.size(); ++h) {
      RawLevel level;
      std::set<std::size_t> counts;
      for (int id : by_height[h]) {
        const LogicalSwitch& logical = logicals_[static_cast<std::size_t>(id)];
        level.domain_names.push_back(logical_name(id));
        counts.insert(logical.members.size());
        std::string note;
        if (logical.members.size() > 1) {
          std::vector<std::string> names;
          for (std::size_t member : logical.members) names.push_back(records_[member].name);
          note = fmt::format("Slurm switches {} (same children)", names_text(names));
        }
        level.domain_notes.push_back(std::move(note));
        if (h > 0) level.group_sizes.push_back(static_cast<int>(logical.children.size()));
        if (h == 0) raw.group_nodes.push_back(records_[logical.members.front()].nodes);
      }
      if (counts.size() > 1) {
        std::string sizes;
        for (int id : by_height[h]) {
          const LogicalSwitch& logical = logicals_[static_cast<std::size_t>(id)];
          sizes += fmt::format("{}{} ({})", sizes.empty() ? "" : ", ",
                               records_[logical.members.front()].name, logical.members.size());
        }
        const SwitchRecord& first =
            records_[logicals_[static_cast<std::size_t>(by_height[h][0])].members.front()];
        throw InputError(
            source_, first.line, "SwitchName",
            fmt::format("the switches {} levels above the nodes come in groups of different "
                        "sizes (switches with the same children): {}; podsim gives every domain "
                        "of a level the same number of switches",
                        h, sizes));
      }
      if (*counts.begin() > 1) level.switches = static_cast<int>(*counts.begin());
      raw.levels.push_back(std::move(level));
    }
    raw.summary = fmt::format("{}, {}", plural(records_.size(), "switch", "switches"),
                              plural(node_count_, "node", "nodes"));
    return raw;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& key, const std::string& message) const {
    throw InputError(source_, line, key, message);
  }

  void read(const std::vector<ConfStatement>& statements) {
    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::pair<std::size_t, std::string>> pending_children;  // record, Switches text
    for (const auto& statement : statements) {
      const auto values = statement_values(statement, kTreeKeys, source_);
      SwitchRecord record;
      record.name = values.at("SwitchName");
      record.line = statement.line;
      if (const auto it = index.find(record.name); it != index.end()) {
        fail(statement.line, "SwitchName",
             fmt::format("switch '{}' is already defined on line {}", record.name,
                         records_[it->second].line));
      }
      if (const auto it = values.find("LinkSpeed"); it != values.end()) {
        // Slurm gives LinkSpeed no unit and does not use it; check it is a number, keep nothing.
        const std::string& speed = it->second;
        if (speed.size() > 10 || !std::all_of(speed.begin(), speed.end(), [](char c) {
              return std::isdigit(static_cast<unsigned char>(c)) != 0;
            })) {
          fail(statement.line, "LinkSpeed",
               fmt::format("expected a non-negative integer, found '{}'", speed));
        }
      }
      const auto nodes = values.find("Nodes");
      const auto switches = values.find("Switches");
      if (nodes != values.end() && switches != values.end()) {
        fail(statement.line, "Switches",
             fmt::format("switch '{}' has both Nodes= and Switches=; podsim's levels put nodes "
                         "only under the innermost switches",
                         record.name));
      }
      if (nodes == values.end() && switches == values.end()) {
        fail(statement.line, "SwitchName",
             fmt::format("switch '{}' has no children: expected Nodes= or Switches=", record.name));
      }
      if (nodes != values.end()) {
        record.leaf = true;
        record.nodes = expand(nodes->second, source_, statement.line, "Nodes");
        if (record.nodes.empty()) {
          fail(statement.line, "Nodes", "expected at least one node, found an empty host list");
        }
      } else {
        pending_children.emplace_back(records_.size(), switches->second);
      }
      index.emplace(record.name, records_.size());
      records_.push_back(std::move(record));
    }

    std::vector<std::string> all_names;
    for (const auto& record : records_) all_names.push_back(record.name);
    for (const auto& [r, text] : pending_children) {
      SwitchRecord& record = records_[r];
      std::unordered_set<std::size_t> seen;
      for (const auto& child_name : expand(text, source_, record.line, "Switches")) {
        const auto it = index.find(child_name);
        if (it == index.end()) {
          fail(record.line, "Switches",
               fmt::format("switch '{}' lists unknown switch '{}'{}", record.name, child_name,
                           did_you_mean(child_name, all_names)));
        }
        if (!seen.insert(it->second).second) {
          fail(record.line, "Switches",
               fmt::format("switch '{}' lists switch '{}' twice", record.name, child_name));
        }
        record.children.push_back(it->second);
      }
      if (record.children.empty()) {
        fail(record.line, "Switches", "expected at least one switch, found an empty host list");
      }
    }
  }

  // Heights bottom-up by an iterative depth-first walk (a long chain must not overflow the
  // stack); a switch met again while still open is a cycle.
  void compute_heights() {
    enum class State : std::uint8_t { kNew, kOpen, kDone };
    std::vector<State> state(records_.size(), State::kNew);
    struct Frame {
      std::size_t record;
      std::size_t next_child;
    };
    for (std::size_t start = 0; start < records_.size(); ++start) {
      if (state[start] != State::kNew) continue;
      std::vector<Frame> stack = {{start, 0}};
      state[start] = State::kOpen;
      while (!stack.empty()) {
        Frame& frame = stack.back();
        SwitchRecord& record = records_[frame.record];
        if (frame.next_child < record.children.size()) {
          const std::size_t child = record.children[frame.next_child++];
          if (state[child] == State::kOpen) {
            std::string path;
            auto it = std::find_if(stack.begin(), stack.end(),
                                   [&](const Frame& f) { return f.record == child; });
            for (; it != stack.end(); ++it) path += records_[it->record].name + " > ";
            fail(record.line, "Switches",
                 fmt::format("switch '{}' is its own ancestor: {}{}", records_[child].name, path,
                             records_[child].name));
          }
          if (state[child] == State::kNew) {
            state[child] = State::kOpen;
            stack.push_back({child, 0});
          }
          continue;
        }
        if (record.leaf) {
          record.height = 0;
        } else {
          const SwitchRecord& first = records_[record.children.front()];
          for (std::size_t child : record.children) {
            const SwitchRecord& other = records_[child];
            if (other.height != first.height) {
              fail(record.line, "Switches",
                   fmt::format("switch '{}' has children at different depths: '{}' has {} and "
                               "'{}' {} switch levels below it; podsim's levels need every "
                               "leaf switch equally far from the top",
                               record.name, first.name, first.height, other.name, other.height));
            }
          }
          record.height = first.height + 1;
        }
        max_height_ = std::max(max_height_, record.height);
        state[frame.record] = State::kDone;
        stack.pop_back();
      }
    }
  }

  // Bottom-up, switches of one height with the same children (as sets) become one domain; then
  // every domain must have one parent domain and every node one leaf domain.
  void merge() {
    std::unordered_map<std::string, std::size_t> node_record;  // node -> first leaf listing it
    std::map<std::vector<std::string>, int> leaf_keys;
    std::map<std::vector<int>, int> upper_keys;
    for (int h = 0; h <= max_height_; ++h) {
      for (std::size_t r = 0; r < records_.size(); ++r) {
        SwitchRecord& record = records_[r];
        if (record.height != h) continue;
        int id = -1;
        std::vector<int> children;
        if (record.leaf) {
          std::vector<std::string> key = record.nodes;
          std::sort(key.begin(), key.end());
          if (const auto dup = std::adjacent_find(key.begin(), key.end()); dup != key.end()) {
            fail(record.line, "Nodes",
                 fmt::format("switch '{}' lists node '{}' twice", record.name, *dup));
          }
          const auto [it, inserted] =
              leaf_keys.emplace(std::move(key), static_cast<int>(logicals_.size()));
          id = it->second;
          if (inserted) node_count_ += record.nodes.size();
        } else {
          for (std::size_t child : record.children) {
            const int logical = records_[child].logical;
            if (std::find(children.begin(), children.end(), logical) == children.end()) {
              children.push_back(logical);
            }
          }
          std::vector<int> key = children;
          std::sort(key.begin(), key.end());
          const auto [it, inserted] =
              upper_keys.emplace(std::move(key), static_cast<int>(logicals_.size()));
          id = it->second;
        }
        if (id == static_cast<int>(logicals_.size())) {
          LogicalSwitch logical;
          logical.height = h;
          logical.children = std::move(children);
          logicals_.push_back(std::move(logical));
          if (!record.leaf) adopt(static_cast<std::size_t>(id), r);
        }
        logicals_[static_cast<std::size_t>(id)].members.push_back(r);
        record.logical = id;
        if (record.leaf) check_nodes_unique(r, node_record);
      }
    }
  }

  // Makes logical switch `id` (first defined by record `r`) the parent of its children.
  void adopt(std::size_t id, std::size_t r) {
    for (int child : logicals_[id].children) {
      LogicalSwitch& logical = logicals_[static_cast<std::size_t>(child)];
      if (logical.parent >= 0 && logical.parent != static_cast<int>(id)) {
        const SwitchRecord& other = records_[logical.parent_record];
        fail(records_[r].line, "Switches",
             fmt::format("switch '{}' lists '{}', which switch '{}' (line {}) also lists with "
                         "different siblings; podsim needs a tree (switches sharing children "
                         "must list the same children)",
                         records_[r].name, records_[logical.members.front()].name, other.name,
                         other.line));
      }
      logical.parent = static_cast<int>(id);
      logical.parent_record = r;
    }
  }

  void check_nodes_unique(std::size_t r,
                          std::unordered_map<std::string, std::size_t>& node_record) const {
    const SwitchRecord& record = records_[r];
    for (const auto& node : record.nodes) {
      const auto [it, inserted] = node_record.emplace(node, r);
      if (!inserted && records_[it->second].logical != record.logical) {
        const SwitchRecord& other = records_[it->second];
        fail(record.line, "Nodes",
             fmt::format("node '{}' is listed by switch '{}' and by switch '{}' (line {}), which "
                         "list different nodes; podsim needs each node in one leaf group",
                         node, record.name, other.name, other.line));
      }
    }
  }

  // A single switch keeps its name; switches merged into one domain are named P when they are
  // P1..Pn (e.g. spine1..spine16 -> spine) and P names no other switch, else after the first.
  std::string logical_name(int id) const {
    const LogicalSwitch& logical = logicals_[static_cast<std::size_t>(id)];
    const std::string& first = records_[logical.members.front()].name;
    if (logical.members.size() == 1 || first.size() < 2 || first.back() != '1') return first;
    const std::string prefix = first.substr(0, first.size() - 1);
    for (std::size_t k = 0; k < logical.members.size(); ++k) {
      if (records_[logical.members[k]].name != fmt::format("{}{}", prefix, k + 1)) return first;
    }
    const bool taken = std::any_of(records_.begin(), records_.end(),
                                   [&](const SwitchRecord& r) { return r.name == prefix; });
    return taken ? first : prefix;
  }

  int find_root() const {
    std::vector<int> roots;
    for (std::size_t id = 0; id < logicals_.size(); ++id) {
      if (logicals_[id].parent < 0) roots.push_back(static_cast<int>(id));
    }
    if (roots.size() != 1) {
      std::vector<std::string> names;
      for (int id : roots)
        names.push_back(records_[logicals_[static_cast<std::size_t>(id)].members.front()].name);
      const SwitchRecord& second =
          records_[logicals_[static_cast<std::size_t>(roots[1])].members.front()];
      throw InputError(
          source_, second.line, "SwitchName",
          fmt::format("the file describes {} separate fabrics, topped by {}; podsim needs one "
                      "top: add a statement such as 'SwitchName=top Switches={}'",
                      roots.size(), join(names), names_text(names)));
    }
    return roots.front();
  }

  std::string source_;
  std::vector<SwitchRecord> records_;
  std::vector<LogicalSwitch> logicals_;
  int max_height_ = 0;
  std::size_t node_count_ = 0;
};

// ---------------------------------------------------------------------------------------------
// topology/block

bool is_power_of_two(long long value) { return value > 0 && (value & (value - 1)) == 0; }

RawTopology import_blocks(const std::vector<ConfStatement>& statements, const std::string& source) {
  RawTopology raw;
  raw.plugin = "block";
  RawLevel blocks;
  std::vector<int> block_lines;
  std::unordered_map<std::string, std::size_t> node_block;   // node -> block index
  std::unordered_map<std::string, std::size_t> block_index;  // block name -> index
  std::vector<long long> sizes;
  int sizes_line = 0;
  for (const auto& statement : statements) {
    if (statement.pairs.front().lower == "blocksizes") {
      const auto values = statement_values(statement, {"BlockSizes"}, source);
      if (sizes_line != 0) {
        throw InputError(source, statement.line, "BlockSizes",
                         fmt::format("BlockSizes is given twice (first on line {})", sizes_line));
      }
      sizes_line = statement.line;
      const std::string& text = values.at("BlockSizes");
      std::size_t start = 0;
      while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        const std::string item = text.substr(start, end - start);
        const bool digits =
            !item.empty() && item.size() <= 9 && std::all_of(item.begin(), item.end(), [](char c) {
              return std::isdigit(static_cast<unsigned char>(c)) != 0;
            });
        const long long size = digits ? std::stoll(item) : 0;
        if (size <= 0) {
          throw InputError(source, statement.line, "BlockSizes",
                           fmt::format("expected a comma-separated list of node counts >= 1, "
                                       "found '{}'",
                                       item));
        }
        if (!sizes.empty() && (size % sizes.back() != 0 || !is_power_of_two(size / sizes.back()) ||
                               size == sizes.back())) {
          throw InputError(source, statement.line, "BlockSizes",
                           fmt::format("each block size must be a power of two (2, 4, ...) "
                                       "times the one before it, found {} after {}",
                                       size, sizes.back()));
        }
        sizes.push_back(size);
        start = end + 1;
      }
      continue;
    }
    const auto values = statement_values(statement, kBlockKeys, source);
    const std::string& name = values.at("BlockName");
    if (const auto known = block_index.find(name); known != block_index.end()) {
      throw InputError(source, statement.line, "BlockName",
                       fmt::format("block '{}' is already defined on line {}", name,
                                   block_lines[known->second]));
    }
    block_index.emplace(name, blocks.domain_names.size());
    const auto nodes_text = values.find("Nodes");
    if (nodes_text == values.end()) {
      throw InputError(source, statement.line, "BlockName",
                       fmt::format("block '{}' has no Nodes=", name));
    }
    auto nodes = expand(nodes_text->second, source, statement.line, "Nodes");
    if (nodes.empty()) {
      throw InputError(source, statement.line, "Nodes",
                       "expected at least one node, found an empty host list");
    }
    for (const auto& node : nodes) {
      const auto [it, inserted] = node_block.emplace(node, blocks.domain_names.size());
      if (!inserted) {
        const bool same = it->second == blocks.domain_names.size();
        throw InputError(
            source, statement.line, "Nodes",
            same ? fmt::format("block '{}' lists node '{}' twice", name, node)
                 : fmt::format("node '{}' is in block '{}' and in block '{}' (line {})", node, name,
                               blocks.domain_names[it->second], block_lines[it->second]));
      }
    }
    blocks.domain_names.push_back(name);
    block_lines.push_back(statement.line);
    raw.group_nodes.push_back(std::move(nodes));
  }
  if (blocks.domain_names.empty()) {
    throw InputError(source, sizes_line, "BlockName",
                     "BlockSizes without any BlockName= statement: no blocks");
  }

  // Slurm: each block must hold at least the base (first) block size.
  if (!sizes.empty()) {
    for (std::size_t b = 0; b < raw.group_nodes.size(); ++b) {
      if (static_cast<long long>(raw.group_nodes[b].size()) < sizes.front()) {
        throw InputError(source, block_lines[b], "Nodes",
                         fmt::format("block '{}' has {} nodes, fewer than the base block size {} "
                                     "(BlockSizes on line {})",
                                     blocks.domain_names[b], raw.group_nodes[b].size(),
                                     sizes.front(), sizes_line));
      }
    }
  }
  raw.levels.push_back(std::move(blocks));

  // One level per further size: each domain holds size / previous size units of the level
  // below (aligned, as Slurm aggregates neighbouring blocks).
  int below = static_cast<int>(raw.group_nodes.size());
  for (std::size_t k = 1; k < sizes.size() && below > 1; ++k) {
    const long long ratio = sizes[k] / sizes[k - 1];
    const int group = static_cast<int>(std::min<long long>(ratio, below));
    RawLevel level;
    for (int left = below; left > 0; left -= group)
      level.group_sizes.push_back(std::min(left, group));
    below = static_cast<int>(level.group_sizes.size());
    level.preferred_name = fmt::format("bs{}", sizes[k]);
    raw.levels.push_back(std::move(level));
  }
  if (below > 1) {
    RawLevel fabric;
    fabric.group_sizes = {below};
    fabric.preferred_name = "fabric";
    raw.levels.push_back(std::move(fabric));
  }
  std::string sizes_text;
  for (long long size : sizes)
    sizes_text += fmt::format("{}{}", sizes_text.empty() ? "" : ",", size);
  raw.summary = fmt::format("{}, {}{}", plural(raw.group_nodes.size(), "block", "blocks"),
                            plural(node_block.size(), "node", "nodes"),
                            sizes.empty() ? "" : fmt::format(", BlockSizes={}", sizes_text));
  return raw;
}

// ---------------------------------------------------------------------------------------------
// Options, level names, and the spec

void check_options(const SlurmImportOptions& options) {
  const auto fail = [](const char* key, const std::string& message) {
    throw InputError("", 0, key, message);
  };
  if (options.gpu_type.empty()) fail("gpu_type", "expected a GPU type name, found nothing");
  if (options.node_type.empty()) fail("node_type", "expected a node type name, found nothing");
  if (!(options.gpu_speed > 0))
    fail("gpu_speed", fmt::format("expected a number > 0, found {}", options.gpu_speed));
  if (options.gpus_per_node < 1 || options.gpus_per_node > kMaxNodeGpus) {
    fail("gpus_per_node", fmt::format("expected an integer in [1, {}] (GPUs in one node), found {}",
                                      kMaxNodeGpus, options.gpus_per_node));
  }
  if (!(options.nvlink_gbps > 0))
    fail("nvlink_gbps", fmt::format("expected a number > 0, found {}", options.nvlink_gbps));
  if (options.nics < 1)
    fail("nics", fmt::format("expected an integer >= 1, found {}", options.nics));
  if (!(options.nic_gbps > 0))
    fail("nic_gbps", fmt::format("expected a number > 0, found {}", options.nic_gbps));
  if (options.leaf_switches < 1)
    fail("leaf_switches", fmt::format("expected an integer >= 1, found {}", options.leaf_switches));
  if (options.spine_switches < 1)
    fail("spine_switches",
         fmt::format("expected an integer >= 1, found {}", options.spine_switches));
  if (!(options.uplink_oversubscription >= 1)) {
    fail("uplink_oversubscription",
         fmt::format("expected a number >= 1, found {}", options.uplink_oversubscription));
  }
  if (!(options.nvlink_domain_gbps >= 0)) {
    fail("nvlink_domain_gbps",
         fmt::format("expected a number >= 0 (0: no NVLink domains), found {}",
                     options.nvlink_domain_gbps));
  }
}

// The names the builder gives a level's domains: the level name alone for one domain, else the
// name followed by 1..n.
std::vector<std::string> builder_domain_names(const std::string& level, std::size_t domains) {
  if (domains == 1) return {level};
  std::vector<std::string> names;
  for (std::size_t d = 0; d < domains; ++d) names.push_back(fmt::format("{}{}", level, d + 1));
  return names;
}

// A level name under which the builder reproduces `names`: the one name, or P for P1..Pn.
std::string name_reproducing(const std::vector<std::string>& names) {
  if (names.size() == 1) return names.front();
  const std::string& first = names.front();
  if (first.size() < 2 || first.back() != '1') return "";
  const std::string prefix = first.substr(0, first.size() - 1);
  return builder_domain_names(prefix, names.size()) == names ? prefix : "";
}

// Level 0's name is only a label: the stem of its first domain name ("su1" -> "su").
std::string stem(const std::string& name, const std::string& fallback) {
  std::size_t end = name.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1])) != 0) --end;
  while (end > 0 && (name[end - 1] == '-' || name[end - 1] == '_' || name[end - 1] == '.')) --end;
  const std::string out = name.substr(0, end);
  return out.empty() ? fallback : out;
}

std::string default_name(const std::string& source) {
  const std::string name = std::filesystem::path(source).stem().string();
  return name.empty() ? "imported" : name;
}

TopologySpec build_spec(const RawTopology& raw, const std::string& source,
                        const SlurmImportOptions& options) {
  TopologySpec spec;
  spec.name = options.name.empty() ? default_name(source) : options.name;
  spec.gpu_types.push_back({options.gpu_type, options.gpu_speed});
  spec.node_types.push_back({options.node_type, options.gpu_type, options.gpus_per_node,
                             options.nvlink_gbps, options.nics, options.nic_gbps, options.costs});

  // Names already taken by domains (the builder rejects a domain named like another).
  std::set<std::string> taken(raw.levels[0].domain_names.begin(), raw.levels[0].domain_names.end());
  for (std::size_t l = 1; l < raw.levels.size(); ++l) {
    taken.insert(raw.levels[l].domain_names.begin(), raw.levels[l].domain_names.end());
  }
  std::set<std::string> level_names;

  const bool nvlink_first = options.nvlink_domain_gbps > 0;
  const std::size_t first_switch_level = nvlink_first ? 1 : 0;
  if (options.uplink_oversubscription != 1.0 && first_switch_level + 1 >= raw.levels.size()) {
    throw InputError("", 0, "uplink_oversubscription",
                     "the first switch level is the outermost one: it has no uplinks to "
                     "oversubscribe");
  }

  for (std::size_t l = 0; l < raw.levels.size(); ++l) {
    const RawLevel& level = raw.levels[l];
    TopologySpec::LevelEntry entry;
    const std::size_t domains = l == 0 ? raw.group_nodes.size() : level.group_sizes.size();
    std::vector<std::string> file_names = level.domain_names;

    std::string name;
    if (l == 0) {
      name = stem(file_names.front(), raw.plugin == "tree" ? "leaf" : "block");
    } else if (!level.preferred_name.empty()) {
      name = level.preferred_name + (domains == 1 ? "" : "-");
    } else {
      name = name_reproducing(file_names);
      if (!name.empty() && level_names.count(name) != 0) name.clear();
    }
    // Fall back to level<l>, made unique against level names and (outer levels) domain names.
    const auto clashes = [&](const std::string& candidate) {
      if (candidate.empty() || level_names.count(candidate) != 0) return true;
      if (l == 0) return false;
      const auto generated = builder_domain_names(candidate, domains);
      if (generated == file_names) return false;  // they are the file's own names
      return std::any_of(generated.begin(), generated.end(),
                         [&](const std::string& n) { return taken.count(n) != 0; });
    };
    if (clashes(name)) {
      std::string base = fmt::format("level{}", l) + (l > 0 && domains > 1 ? "-" : "");
      name = base;
      while (clashes(name)) name = base.insert(base.size() - (base.back() == '-' ? 1 : 0), "x");
    }
    level_names.insert(name);
    entry.name = name;
    if (l > 0) {
      const auto generated = builder_domain_names(name, domains);
      taken.insert(generated.begin(), generated.end());
      if (!file_names.empty() && generated != file_names) {
        entry.comment =
            fmt::format("Slurm switches {} are domains {}", join(file_names), join(generated));
      }
    }

    if (l == 0 && nvlink_first) {
      entry.nvlink_gbps = options.nvlink_domain_gbps;
    } else {
      const bool leaf = l == first_switch_level;
      entry.switches = level.switches > 0 ? level.switches
                                          : (leaf ? options.leaf_switches : options.spine_switches);
      entry.rails = leaf && options.rails;
      if (entry.rails && options.nics > entry.switches) {
        throw InputError("", 0, "rails",
                         fmt::format("rails connect NIC r of a node to leaf switch r, but nodes "
                                     "have {} NICs and level '{}' {} leaf switches per domain; "
                                     "turn rails off or give more leaf switches",
                                     options.nics, name, entry.switches));
      }
      entry.uplink_oversubscription = leaf ? options.uplink_oversubscription : 1.0;
    }
    entry.group_sizes = level.group_sizes;
    spec.levels.push_back(std::move(entry));
  }

  for (std::size_t g = 0; g < raw.group_nodes.size(); ++g) {
    TopologySpec::Group group;
    group.name = raw.levels[0].domain_names[g];
    group.runs.push_back({options.node_type, raw.group_nodes[g]});
    if (g < raw.levels[0].domain_notes.size()) group.comment = raw.levels[0].domain_notes[g];
    spec.groups.push_back(std::move(group));
  }
  for (std::size_t l = 1; l < raw.levels.size(); ++l) {
    for (std::size_t d = 0; d < raw.levels[l].domain_notes.size(); ++d) {
      const std::string& note = raw.levels[l].domain_notes[d];
      if (note.empty()) continue;
      std::string& comment = spec.levels[l].comment;
      comment +=
          fmt::format("{}{}: {}", comment.empty() ? "" : "\n", raw.levels[l].domain_names[d], note);
    }
  }
  return spec;
}

std::string import_header(const RawTopology& raw, const TopologySpec& spec,
                          const std::string& source, const SlurmImportOptions& options) {
  std::string counts;
  for (const auto& level : spec.levels) {
    if (level.nvlink_gbps > 0) continue;
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", level.name, level.switches);
  }
  return fmt::format(
      "# Imported by podsim (podsim topology import-slurm) from Slurm topology.conf\n"
      "# '{}' (topology/{}: {}).\n"
      "# topology.conf names only switches, blocks and nodes; the rest is from the import "
      "options:\n"
      "#   every node: '{}' = {} x {} (speed {}), NVLink {} Gb/s per GPU, {} NICs x {} Gb/s,\n"
      "#   {} W idle, {} W busy, USD {}\n"
      "#   switches per domain: {}{}; leaf uplink oversubscription {}\n{}",
      source, raw.plugin, raw.summary, options.node_type, options.gpus_per_node, options.gpu_type,
      options.gpu_speed, options.nvlink_gbps, options.nics, options.nic_gbps, options.costs.idle_w,
      options.costs.busy_w, options.costs.price_usd, counts.empty() ? "none" : counts,
      options.rails ? "; rail-optimised leaves" : "", options.uplink_oversubscription,
      options.nvlink_domain_gbps > 0
          ? fmt::format("#   innermost domains: NVLink domains of {} Gb/s per GPU\n",
                        options.nvlink_domain_gbps)
          : "");
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string export_slurm_tree(const Topology& topology) {
  require_levels(topology);
  const auto& levels = topology.levels();
  for (std::size_t l = 0; l < levels.size(); ++l) {
    for (std::size_t d = 0; d < levels[l].domain_names.size(); ++d) {
      check_slurm_name(levels[l].domain_names[d], domain_key(topology, l, d));
    }
  }
  std::string out = export_header(topology, "tree");
  out += levels[0].nvlink_gbps > 0
             ? fmt::format(
                   "# The NVLink domains of level '{}' are written as switches too, so "
                   "Slurm packs jobs into them first.\n",
                   levels[0].name)
             : "";
  out +=
      "# Simplification: Slurm's tree plugin needs a tree, but in podsim a domain may hold "
      "several\n"
      "# switches (a rail-optimised leaf group has one leaf switch per rail, each wired to every\n"
      "# node of the group; every switch links to every switch of its parent domain). So each\n"
      "# domain is written as ONE logical switch named after it, with its nodes or the domains it\n"
      "# groups as children. Bandwidths are not written (LinkSpeed has no unit in Slurm).\n";

  const auto groups = nodes_by_group(topology);
  for (std::size_t d = 0; d < groups.size(); ++d) {
    out += fmt::format("SwitchName={} Nodes={}\n", levels[0].domain_names[d],
                       compress_hostlist(groups[d]));
  }
  const auto parents = domain_parents(topology);
  for (std::size_t l = 1; l < levels.size(); ++l) {
    std::vector<std::vector<std::string>> children(levels[l].domain_names.size());
    for (std::size_t d = 0; d < parents[l].size(); ++d) {
      children[static_cast<std::size_t>(parents[l][d])].push_back(levels[l - 1].domain_names[d]);
    }
    for (std::size_t d = 0; d < children.size(); ++d) {
      out += fmt::format("SwitchName={} Switches={}\n", levels[l].domain_names[d],
                         compress_hostlist(children[d]));
    }
  }
  return out;
}

std::string export_slurm_block(const Topology& topology) {
  require_levels(topology);
  const auto& levels = topology.levels();
  for (std::size_t d = 0; d < levels[0].domain_names.size(); ++d) {
    check_slurm_name(levels[0].domain_names[d], domain_key(topology, 0, d));
  }
  const auto groups = nodes_by_group(topology);
  std::size_t base = groups.front().size();
  for (const auto& group : groups) base = std::min(base, group.size());

  // Blocks per domain of each outer level: level l's domains group level l-1's.
  const auto parents = domain_parents(topology);
  std::vector<int> block_parent(groups.size());
  for (std::size_t b = 0; b < block_parent.size(); ++b) block_parent[b] = static_cast<int>(b);
  std::vector<std::size_t> sizes = {base};
  std::vector<std::string> used;
  std::vector<std::string> skipped;
  std::size_t last_units = 1;
  for (std::size_t l = 1; l < levels.size(); ++l) {
    std::vector<std::size_t> units(static_cast<std::size_t>(levels[l].domains), 0);
    for (auto& parent : block_parent) {
      parent = parents[l][static_cast<std::size_t>(parent)];
      ++units[static_cast<std::size_t>(parent)];
    }
    const std::size_t first = units.front();
    const bool regular =
        std::all_of(units.begin(), units.end() - 1, [&](std::size_t n) { return n == first; }) &&
        units.back() <= first;
    if (first == last_units) continue;  // groups nothing new for Slurm
    if (!regular) {
      std::vector<std::string> counts;
      for (std::size_t n : units) counts.push_back(fmt::format("{}", n));
      skipped.push_back(
          fmt::format("level '{}' holds different numbers of blocks per domain "
                      "({})",
                      levels[l].name, join(counts)));
      continue;
    }
    if (first % last_units != 0 || !is_power_of_two(static_cast<long long>(first / last_units))) {
      skipped.push_back(fmt::format(
          "level '{}' ({} per domain) is not a power-of-two multiple "
          "of the previous size ({})",
          levels[l].name, plural(first, "block", "blocks"), plural(last_units, "block", "blocks")));
      continue;
    }
    sizes.push_back(base * first);
    used.push_back(fmt::format("{} (level '{}': {})", base * first, levels[l].name,
                               plural(first, "block", "blocks")));
    last_units = first;
  }

  std::string out = export_header(topology, "block");
  out += fmt::format("# One block per domain of the innermost level '{}' ({}).\n", levels[0].name,
                     levels[0].nvlink_gbps > 0 ? "NVLink domains" : "leaf groups");
  out += fmt::format("# BlockSizes: the smallest block, {}{}{}.\n", plural(base, "node", "nodes"),
                     used.empty() ? "" : ", then\n#   ", join(used));
  for (const auto& reason : skipped) {
    out += fmt::format("# Not in BlockSizes (Slurm aggregates blocks in powers of two):\n#   {}.\n",
                       reason);
  }
  for (std::size_t d = 0; d < groups.size(); ++d) {
    out += fmt::format("BlockName={} Nodes={}\n", levels[0].domain_names[d],
                       compress_hostlist(groups[d]));
  }
  std::string sizes_text;
  for (std::size_t size : sizes)
    sizes_text += fmt::format("{}{}", sizes_text.empty() ? "" : ",", size);
  out += fmt::format("BlockSizes={}\n", sizes_text);
  return out;
}

std::string slurm_topology_to_yaml(const std::string& text, const std::string& source,
                                   const SlurmImportOptions& options) {
  check_options(options);
  const auto statements = read_statements(text, source);
  if (statements.empty()) {
    throw InputError(source, 0, "",
                     "no SwitchName= or BlockName= statements: not a Slurm topology.conf for "
                     "topology/tree or topology/block");
  }
  // One plugin per file: the first statement decides, and later ones must match it.
  std::optional<bool> tree;
  int first_line = 0;
  for (const auto& statement : statements) {
    const ConfPair& head = statement.pairs.front();
    bool is_tree = false;
    if (head.lower == "switchname") {
      is_tree = true;
    } else if (head.lower == "blockname" || head.lower == "blocksizes") {
      is_tree = false;
    } else if (head.lower == "ringname") {
      throw InputError(source, statement.line, head.key,
                       "topology/ring is not supported: podsim reads topology/tree and "
                       "topology/block");
    } else {
      throw InputError(source, statement.line, head.key,
                       fmt::format("a statement starts with SwitchName=, BlockName= or "
                                   "BlockSizes=, found '{}='{}",
                                   head.key, suggestion(head.key, kStatementKeys)));
    }
    if (!tree.has_value()) {
      tree = is_tree;
      first_line = statement.line;
    } else if (*tree != is_tree) {
      throw InputError(
          source, statement.line, head.key,
          fmt::format("a topology/{} statement, but line {} is a topology/{} one; "
                      "a file is for one plugin",
                      is_tree ? "tree" : "block", first_line, *tree ? "tree" : "block"));
    }
  }
  const RawTopology raw =
      *tree ? TreeImporter(statements, source).result() : import_blocks(statements, source);
  const TopologySpec spec = build_spec(raw, source, options);
  return render_topology_yaml(spec, import_header(raw, spec, source, options));
}

Topology import_slurm_topology(const std::string& text, const std::string& source,
                               const SlurmImportOptions& options) {
  return parse_topology(slurm_topology_to_yaml(text, source, options),
                        source + " (as topology YAML)");
}

}  // namespace podsim
