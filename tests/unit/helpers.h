// Shared set-up for the unit tests: the built-in rule packs, loaded once per test.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/pipeline.h"
#include "ruleset/ruleset.h"

namespace claimdiff::testing {

inline const ruleset::RuleSet& builtin_rules() {
  static const ruleset::LoadResult loaded = ruleset::load({CLAIMDIFF_RULES_DIR});
  return loaded.rules;
}

// Reading options with the built-in lexicon's HTML furniture words.
inline ingest::Options input_options() {
  ingest::Options options;
  options.page_classes = builtin_rules().lexicon.page_classes;
  return options;
}

inline std::filesystem::path source_dir() {
  return CLAIMDIFF_SOURCE_DIR;
}

// A fresh, empty folder under the system's temp folder.
inline std::filesystem::path scratch_dir(const std::string& name) {
  // ctest runs tests in parallel processes: the pid keeps their folders apart.
  auto dir = std::filesystem::temp_directory_path() /
             ("claimdiff-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// The claims of one text, read as an article of `published` (YYYY-MM-DD).
inline std::vector<claim::Claim> claims_of(const std::string& text, const std::string& published) {
  cli::Worker worker(builtin_rules());
  ingest::Article article;
  article.story = "test";
  article.file = "test.txt";
  const text::Document doc = worker.segmenter.segment_text(text);
  const auto day = quantity::parse_iso_day(published);
  const auto facts = cli::analyse(worker, doc, day, false);
  return claim::build(worker.rules, worker.stemmer, article, doc, facts, {false, day});
}

}  // namespace claimdiff::testing
