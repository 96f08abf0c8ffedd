// ruleset (internal): reading a `lexicon:` section into the Lexicon. Not part
// of the stage's interface; the loader in ruleset.cpp calls it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>

#include "ruleset/lexicon.h"

namespace claimdiff::ruleset::detail {

// Reports a problem at a line of the file being read.
using LexiconError = std::function<void(int line, std::string message)>;

// Adds the entries of one file's `lexicon:` map to `lexicon`. A section of the
// wrong shape, an unknown section or key, a word given two meanings: each is
// one error; the rest of the section is still read.
void merge_lexicon(const YAML::Node& section, Lexicon& lexicon, const LexiconError& error);

// Compiles the patterns built from the merged lexicon (tense cues).
void finish_lexicon(Lexicon& lexicon, const LexiconError& error);

}  // namespace claimdiff::ruleset::detail
