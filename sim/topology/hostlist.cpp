#include "topology/hostlist.hpp"

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "common/input_error.hpp"

namespace podsim {
namespace {

constexpr std::size_t kMaxNumberDigits = 18;  // fits std::uint64_t with room for hi + 1

[[noreturn]] void fail(const std::string& text, const std::string& message) {
  throw InputError("", 0, "hostlist", fmt::format("{} in host list '{}'", message, text));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string pad(std::uint64_t value, std::size_t width) {
  return fmt::format("{:0{}}", value, width);
}

std::uint64_t parse_number(std::string_view digits, const std::string& text) {
  if (digits.empty()) fail(text, "expected a number in brackets, found an empty range");
  if (digits.size() > kMaxNumberDigits) {
    fail(text, fmt::format("number '{}' has more than {} digits", digits, kMaxNumberDigits));
  }
  std::uint64_t value = 0;
  for (char c : digits) {
    if (!is_digit(c)) fail(text, fmt::format("expected a number or range in brackets, found '{}'", digits));
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

// One bracket set's values, already formatted with their padding.
std::vector<std::string> expand_brackets(std::string_view inside, const std::string& text) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start <= inside.size()) {
    std::size_t end = inside.find(',', start);
    if (end == std::string_view::npos) end = inside.size();
    const std::string_view range = inside.substr(start, end - start);
    const std::size_t dash = range.find('-');
    const std::string_view lo_text = range.substr(0, dash);
    const std::uint64_t lo = parse_number(lo_text, text);
    const std::uint64_t hi =
        dash == std::string_view::npos ? lo : parse_number(range.substr(dash + 1), text);
    if (hi < lo) fail(text, fmt::format("range '{}' runs backwards", range));
    if (hi - lo >= kMaxHostlistHosts || values.size() + (hi - lo) >= kMaxHostlistHosts) {
      fail(text, fmt::format("more than {} hosts", kMaxHostlistHosts));
    }
    for (std::uint64_t v = lo; v <= hi; ++v) values.push_back(pad(v, lo_text.size()));
    start = end + 1;
  }
  return values;
}

void expand_expression(std::string_view expression, const std::string& text,
                       std::vector<std::string>& out) {
  // Grow the cartesian product segment by segment: literal text is appended to every partial
  // name, a bracket set multiplies them.
  std::vector<std::string> partial = {std::string{}};
  std::size_t pos = 0;
  while (pos < expression.size()) {
    if (expression[pos] == '[') {
      const std::size_t close = expression.find(']', pos);
      const std::vector<std::string> values =
          expand_brackets(expression.substr(pos + 1, close - pos - 1), text);
      if (partial.size() * values.size() + out.size() > kMaxHostlistHosts) {
        fail(text, fmt::format("more than {} hosts", kMaxHostlistHosts));
      }
      std::vector<std::string> next;
      next.reserve(partial.size() * values.size());
      for (const auto& prefix : partial) {
        for (const auto& value : values) next.push_back(prefix + value);
      }
      partial = std::move(next);
      pos = close + 1;
    } else {
      std::size_t end = expression.find('[', pos);
      if (end == std::string_view::npos) end = expression.size();
      for (auto& name : partial) name.append(expression.substr(pos, end - pos));
      pos = end;
    }
  }
  for (auto& name : partial) out.push_back(std::move(name));
}

}  // namespace

std::vector<std::string> expand_hostlist(const std::string& text) {
  std::vector<std::string> out;
  // First pass: split at top-level commas and check the brackets, so expand_expression can
  // assume balanced, unnested brackets.
  std::size_t start = 0;
  bool in_brackets = false;
  bool all_blank = true;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ',';
    if (i < text.size() && !is_blank(c)) all_blank = false;
    if (c == '[') {
      if (in_brackets) fail(text, "nested '['");
      in_brackets = true;
    } else if (c == ']') {
      if (!in_brackets) fail(text, "']' without '['");
      in_brackets = false;
    } else if (c == ',' && !in_brackets) {
      std::string_view expression(text.data() + start, i - start);
      while (!expression.empty() && is_blank(expression.front())) expression.remove_prefix(1);
      while (!expression.empty() && is_blank(expression.back())) expression.remove_suffix(1);
      if (expression.empty()) {
        if (i == text.size() && all_blank) return out;
        fail(text, "empty host name (two commas in a row, or a comma at an end)");
      }
      for (char e : expression) {
        if (is_blank(e)) fail(text, fmt::format("whitespace inside host name '{}'", expression));
      }
      expand_expression(expression, text, out);
      start = i + 1;
    } else if (is_blank(c) && in_brackets) {
      fail(text, "whitespace inside brackets");
    }
  }
  if (in_brackets) fail(text, "'[' without ']'");
  return out;
}

std::string compress_hostlist(const std::vector<std::string>& names) {
  struct Range {
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
    std::size_t width = 0;
  };
  std::string out;
  std::string_view prefix;
  std::string_view suffix;
  std::vector<Range> ranges;

  const auto flush = [&] {
    if (ranges.empty()) return;
    if (!out.empty()) out += ',';
    out.append(prefix);
    const bool single = ranges.size() == 1 && ranges[0].lo == ranges[0].hi;
    if (!single) out += '[';
    for (std::size_t i = 0; i < ranges.size(); ++i) {
      if (i > 0) out += ',';
      out += pad(ranges[i].lo, ranges[i].width);
      if (ranges[i].hi != ranges[i].lo) out += '-' + pad(ranges[i].hi, ranges[i].width);
    }
    if (!single) out += ']';
    out.append(suffix);
    ranges.clear();
  };

  for (const auto& name : names) {
    if (name.empty()) throw InputError("", 0, "hostlist", "expected a host name, found an empty one");
    for (char c : name) {
      if (c == ',' || c == '[' || c == ']' || is_blank(c)) {
        throw InputError("", 0, "hostlist",
                         fmt::format("host name '{}' holds '{}', which host lists reserve", name, c));
      }
    }
    // The last run of digits is the number that varies; what surrounds it must match.
    std::size_t end = name.size();
    while (end > 0 && !is_digit(name[end - 1])) --end;
    std::size_t begin = end;
    while (begin > 0 && is_digit(name[begin - 1])) --begin;
    const std::string_view digits = std::string_view(name).substr(begin, end - begin);
    if (digits.empty() || digits.size() > kMaxNumberDigits) {
      flush();
      if (!out.empty()) out += ',';
      out += name;
      continue;
    }
    const std::string_view name_prefix = std::string_view(name).substr(0, begin);
    const std::string_view name_suffix = std::string_view(name).substr(end);
    std::uint64_t value = 0;
    for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (!ranges.empty() && (name_prefix != prefix || name_suffix != suffix)) flush();
    prefix = name_prefix;
    suffix = name_suffix;
    if (!ranges.empty() && value == ranges.back().hi + 1 &&
        pad(value, ranges.back().width) == digits) {
      ranges.back().hi = value;
    } else {
      ranges.push_back({value, value, digits.size()});
    }
  }
  flush();
  return out;
}

}  // namespace podsim
