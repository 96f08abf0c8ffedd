// util: tables that give an enum's values their names (the words written in
// JSON and YAML), looked up both ways. Header-only; no stage state.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace claimdiff::util {

template <class Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, const char*>, N>;

// The name of `value`; `fallback` if the table lacks it.
template <class Enum, std::size_t N>
const char* name_of(const NameTable<Enum, N>& table, Enum value, const char* fallback) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return fallback;
}

// The value named `name`; nothing for a name the table lacks.
template <class Enum, std::size_t N>
std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (name == n) return v;
  return std::nullopt;
}

}  // namespace claimdiff::util
