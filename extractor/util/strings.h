// util: small ASCII string helpers that several stages need. Header-only; no
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

}  // namespace claimdiff::util
