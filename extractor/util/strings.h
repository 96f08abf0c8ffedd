// util: small string helpers that several stages need. Header-only; no
// stage state.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace claimdiff::util {

// ASCII lower case; other bytes (UTF-8) untouched.
inline std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Runs of spaces, tabs and line breaks become one space; none at either end.
inline std::string squash_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Code points in UTF-8 text (what a terminal column or a label counts).
inline std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// At most `limit` code points, cut on a code point and ended with "…" when cut.
inline std::string shorten(std::string_view s, std::size_t limit) {
  if (code_points(s) <= limit || limit == 0) return std::string(s);
  std::size_t bytes = 0;
  for (std::size_t seen = 0; bytes < s.size() && seen < limit - 1; ++seen) {
    ++bytes;
    while (bytes < s.size() && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) ++bytes;
  }
  return std::string(s.substr(0, bytes)) + "…";
}

}  // namespace claimdiff::util
