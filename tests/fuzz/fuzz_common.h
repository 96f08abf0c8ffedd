// Shared by the fuzz targets: the built-in rule packs (loaded once per
// process), a check that aborts so libFuzzer keeps the input, and a scratch
// folder for targets whose code under test reads files.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "ingest/ingest.h"
#include "ruleset/ruleset.h"
#include "util/utf8.h"

// An invariant the code promises; a broken one is a finding, like a crash.
#define FUZZ_CHECK(cond)                                                            \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

namespace claimdiff::fuzz {

// The packs a run uses by default; a load error there is a broken build, not a finding.
inline const ruleset::RuleSet& builtin_rules() {
  static const ruleset::LoadResult loaded = [] {
    auto r = ruleset::load({CLAIMDIFF_RULES_DIR});
    FUZZ_CHECK(r.errors.empty());
    return r;
  }();
  return loaded.rules;
}

// A folder of this process's own, made once.
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d =
        std::filesystem::temp_directory_path() / ("claimdiff-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline void write_file(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline bool is_utf8(std::string_view s) {
  return util::first_invalid_utf8(s) == std::string_view::npos;
}

// What every decoded article promises the later stages.
inline void check_article(const ingest::Article& a) {
  FUZZ_CHECK(is_utf8(a.text));
  FUZZ_CHECK(a.text_to_original.size() == a.text.size() + 1);
  for (std::size_t i = 1; i < a.text_to_original.size(); ++i) {
    FUZZ_CHECK(a.text_to_original[i - 1] <= a.text_to_original[i]);
    FUZZ_CHECK(a.text_to_original[i] <= a.original.size());
  }
  for (const auto& h : a.hints) FUZZ_CHECK(h.begin <= h.end && h.end <= a.original.size());
}

}  // namespace claimdiff::fuzz
