// eval: how close claimdiff's claims and findings come to a careful reader's.
//
// A gold file (gold.json beside a story's articles, DESIGN.md "Gold
// annotations") lists every numeric fact of the story with the quote that
// carries it, the conflicts between outlets, and the agreements that need
// normalising to see. Matching:
//   - a claim matches a fact when it is in the same file, one of its positions
//     overlaps the quote's, the units are the same and its interval holds the
//     fact's value (a hedged or ranged fact: the intervals overlap); a date the
//     article gives without a year to anchor it ("6 November", "the new year")
//     matches a gold date on that month and day; each claim matches one fact
//     at most;
//   - a finding matches a gold conflict (or agreement) when its claims match the
//     quotes of two of the group's outlets' files (or, when all its quotes are
//     in one file, two of its quotes).
// Facts marked `in_body: false` are page furniture: a claim matching one is a
// furniture false positive. A claim merged from copies of a figure matches one
// fact per copy. Claims of a kind the gold format has no kind for (duration,
// measure, ordinal) are scored only where the gold writes a fact in their unit
// (a duration as kind number in years); elsewhere they are not scored.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "claim/claim.h"
#include "quantity/quantity.h"
#include "reconcile/reconcile.h"

namespace claimdiff::eval {

// A quote located in its file: the first occurrence, or the n-th (`occurrence`).
struct Quote {
  std::string file, text;
  std::uint32_t begin = 0, end = 0;  // bytes of the original file
};

struct Fact {
  Quote quote;
  std::string kind, subject, base;
  quantity::Value value;
  bool in_body = true;
  std::string where;  // "gold.json facts[3]", for messages
};

struct Group {  // a conflict, or an agreement after normalisation
  std::string subject, why;
  std::vector<Quote> quotes;
  std::string where;
};

struct Gold {
  std::string path, story;  // the story is the gold file's folder name
  std::vector<Fact> facts;
  std::vector<Group> conflicts, agreements;
};

struct Error {
  std::string where;  // file, and the entry: "corpus/x/gold.json: facts[3]"
  std::string message;
};

// The story a gold file annotates: the name of the folder it sits in.
std::string story_of(const std::filesystem::path& gold_file);

// Reads a gold file; `originals` maps each article file of its story (path
// relative to the story folder) to its bytes. A quote that is not in its file,
// a file that is not in the story, or a malformed entry is an error; the file
// is unusable when any entry is.
bool load(const std::filesystem::path& path,
          const std::map<std::string, const std::string*>& originals, Gold& gold,
          std::vector<Error>& errors);

struct Score {
  std::size_t tp = 0, fp = 0, fn = 0;
  double precision() const;  // 1 when nothing was predicted
  double recall() const;     // 1 when there was nothing to find
  double f1() const;
};

// One line of the lists of misses and false positives.
struct Item {
  std::string file;
  std::uint32_t begin = 0, end = 0;
  std::string quote;      // gold quote, or the claim's figure
  std::string expected;   // what the gold says ("" for a false positive)
  std::string predicted;  // what claimdiff said instead ("" when nothing)
};

struct Result {
  Score facts;
  std::map<std::string, Score> by_kind;
  std::size_t furniture_facts = 0;
  // Claims of a kind the gold does not annotate (a duration where the gold
  // writes none), by kind: left out of the scores.
  std::map<std::string, std::size_t> not_judged;
  Score conflicts, agreements;
  std::vector<Item> missed_facts, false_facts, furniture_false;
  std::vector<Item> missed_conflicts, false_conflicts, missed_agreements, false_agreements;
};

// Scores the claims and findings of the stories the gold files cover.
// `words` are the rule packs' words, for how a claim is described in messages.
Result evaluate(const std::vector<Gold>& golds, const std::vector<claim::Claim>& claims,
                const std::vector<reconcile::Finding>& findings, const reconcile::Options& words);

std::string to_text(const Result& result);
nlohmann::ordered_json to_json(const Result& result);

}  // namespace claimdiff::eval
