#pragma once
// Reading a user's input file whole (topologies, scenarios, model tables, Slurm configs), and
// the UTF-8 byte-order mark that every text input may start with (spreadsheet exports write one).
#include <string>
#include <string_view>

namespace podsim {

// The file's bytes. Throws InputError(path, 0, "", "cannot open: <reason>") when it cannot be
// opened, or "cannot read the file" when reading fails part-way.
// A byte-order mark is skipped, as by every reader of text input.
std::string read_input_file(const std::string& path);

// `text` without a leading UTF-8 byte-order mark (EF BB BF), if it has one. Readers that go line
// by line apply it to the first line, so line numbers and columns are unchanged.
inline std::string_view skip_utf8_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
}

}  // namespace podsim
