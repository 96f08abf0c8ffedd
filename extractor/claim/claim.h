// claim: what each figure measures. Gives every value an attribute (from the
// attribute rules whose `value` group holds it), a scope, the base of a share,
// the speaker (the outlet's own voice or a quoted source) and a confidence, and
// merges the copies of one figure inside an article (a caption repeating the
// body) into one claim with all its positions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "quantity/quantity.h"
#include "ruleset/ruleset.h"
#include "text/stem.h"
#include "text/text.h"

namespace claimdiff::claim {

struct Position {
  std::uint32_t begin = 0, end = 0;  // byte offsets in the original file
  std::string region;
};

// What a figure stands for in the story besides its value (ruleset::Role:
// the lexicon's `roles` give its words): result, threshold, target,
// requirement, forecast, previous, change.
using Role = ruleset::Role;

// What a figure is about, read from the words around it (DESIGN.md, "Subjects").
// Figures from different outlets meet in one finding when their subjects match.
struct Subject {
  std::string head;                // the noun counted or measured, as a stem ("vote"); "" if none
  std::string head_words;          // the head as printed, for people ("votes")
  std::vector<std::string> terms;  // other content-word stems of the clause, nearest first
  Role role = Role::result;
  std::string role_words;  // the words that gave the role ("expected to"), if any
  std::string when;        // the date the figure stands at, ISO day or range "2024-04"; "" none
  // What it is per: a time ("£2,040 a year", "rose 0.4% over the month",
  // "over 12 months") or a unit ("24.5p per kWh", "9p a share").
  std::string per;
  // Which way a change goes, "up" or "down" ("fell 4%", "4% higher"); a
  // figure with one is a change, compared with its sign.
  std::string direction;
  bool negated = false;   // the clause denies the figure: "did not vote", "failed to reach"
  std::string head_rule;  // the subject rule that gave the head; "" when the counted noun did
  bool empty() const { return head.empty() && terms.empty(); }
};

// A role's name ("forecast") and back: the lexicon's table, one for both stages.
using ruleset::role_from_string;
using ruleset::to_string;

struct Claim {
  std::string id;  // stable: hash of story, article, span and rule
  std::string story, article, outlet, published;
  std::string region;        // where the first position stands: body, headline, caption, ...
  std::string attribute;     // e.g. ballot.strike.yes_share; generic.<kind> when no rule says
  std::string context;       // generic claims: what the figure is of (the counted noun)
  std::string scope;         // which group a figure is about, "" for all
  std::string base;          // the whole of a share: votes_cast, members, staff, ...
  std::string share_of;      // money that is a share of another attribute's figure (a salary)
  std::string speaker;       // "outlet", or who is quoted ("the union", "a spokesman")
  std::string speaker_role;  // outlet, union, employer, source, official, other
  std::string kind;          // count, percentage, money, date, ratio, number
  std::string text;          // the figure as printed
  quantity::Value value;
  // The sentence in the article's own characters (curly quotes, dashes as
  // printed); a run-on sentence is cut to a window marked "...".
  std::string quote;
  Position quote_span;  // the quoted text in the original file (without the "...")
  std::uint32_t figure_begin = 0, figure_end = 0;  // the figure's bytes inside `quote`
  Position span;                                   // the figure's first position
  std::vector<Position> also_at;                   // further copies in the same article
  std::string rule;                                // the quantity rule
  std::string attribute_rule;                      // the rule that gave the attribute, if any
  double confidence = 0.0;
  bool scope_from_cue = false;  // scoped by a cue in the sentence, not by the rule
  std::string id_salt;          // "previous": the starting figure of a change, same span and rule
  Subject subject;

  bool generic() const { return attribute.starts_with("generic."); }
  bool furniture() const;  // its region is page furniture
};

struct Options {
  bool include_furniture = false;  // also claims from bylines, related links, promos
  // The day the article's dates were read against (its own, or the story's
  // when it has none), days since 1970-01-01.
  std::optional<long> anchor_day;
};

// What the earlier stages found in one sentence.
struct SentenceFacts {
  std::size_t sentence = 0;  // index in Document::sentences
  std::vector<ruleset::Mention> mentions;
  std::vector<quantity::Quantity> quantities;  // Quantity::mention indexes `mentions`
};

// The claims of one article. `stemmer` is the calling thread's own (it is
// not thread-safe): subjects are kept as stems.
std::vector<Claim> build(const ruleset::RuleSet& rules, text::Stemmer& stemmer,
                         const ingest::Article& article, const text::Document& doc,
                         const std::vector<SentenceFacts>& facts, const Options& options);

nlohmann::ordered_json to_json(const Claim& claim);
nlohmann::ordered_json subject_to_json(const Subject& subject);
Subject subject_from_json(const nlohmann::json& j);  // throws nlohmann::json::exception
Claim claim_from_json(const nlohmann::json& j);      // throws nlohmann::json::exception

// 64-bit FNV-1a as 16 hex digits: stable ids across runs and machines.
std::string stable_hash(std::string_view text);

}  // namespace claimdiff::claim
