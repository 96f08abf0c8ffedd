// ruleset: rule packs as data. Loads rules/**/*.yaml, expands shared macros,
// compiles every pattern with RE2 and runs them over sentences.
//
// A rule file holds `macros:` (named regex fragments, used as {{NAME}} in any
// pack) and `rules:`. Each rule has an id, a kind and an RE2 pattern; what the
// rule means is carried in plain fields (attribute, base, place, region, …)
// that later stages read. Every rule carries examples: `claimdiff rules test`
// runs them. Loading is strict: unknown keys, duplicate ids, undefined or
// recursive macros and patterns RE2 rejects are errors naming file, line and id.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace claimdiff::ruleset {

// What a rule's match is used for.
enum class Layer {
  quantity,   // a figure: count, percentage, money, date, ratio, number; or a trap that is none
  attribute,  // says what the figure inside its `value` group measures
  speaker,    // an attribution ("the union said"): group `who`
  scope,      // which group a figure is about ("staff in support roles"): field `scope`
  furniture,  // page-furniture cues and metadata, matched per block by the text stage
};

struct Example {
  std::string text;
  bool none = false;     // the rule must not produce anything in `text`
  nlohmann::json value;  // expected value object: lo, hi, unit, and any other key to check
  std::string ref_date;  // YYYY-MM-DD the example's dates resolve against
  std::string region;    // furniture examples: the region the text must get
  int line = 0;
};

// A condition checked after a match, on the text just before or after it
// within the sentence (RE2 has no lookaround, by design).
struct ContextCheck {
  std::shared_ptr<const re2::RE2> pattern;
  bool before = true;  // else after
  bool must = false;   // else must not
};

struct Rule {
  std::string id;
  std::string pack;
  std::string file;
  int line = 0;
  std::string kind;  // count, percentage, money, date, ratio, number, trap, region, meta, speaker
  Layer layer = Layer::quantity;
  std::string pattern;   // as written
  std::string expanded;  // after macro expansion
  std::shared_ptr<const re2::RE2> re;
  int priority = 0;
  bool case_sensitive = false;
  // Plain fields whose meaning belongs to later stages: attribute, base, scope,
  // place, region, extent, field, hedge, unit, max_chars, role, take (an
  // attribute of the figure before a change), scope_from (counted: the scope is
  // the counted noun's group), match_on (scope rules: sentence or counted noun).
  std::map<std::string, std::string> fields;
  std::vector<ContextCheck> context;
  std::vector<std::string> group_names;  // by capture index; "" for unnamed groups
  std::vector<Example> examples;

  const std::string& field(const std::string& key) const;
};

struct Error {
  std::string file;
  int line = 0;
  std::string rule;
  std::string message;
  std::string format() const;  // "file:line: rule 'id': message"
};

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<std::string> files;  // rule files loaded, in load order
  std::map<std::string, std::string> pack_versions;
  std::map<std::string, std::string>
      labels;  // attribute -> words for people (`attributes:` in a file)
  // Pre-filters for sentence-level rules: which could match a sentence at all.
  // One per layer, so the attribute rules (the costliest) run only on
  // sentences where a figure was found.
  struct Filter {
    std::unique_ptr<re2::RE2::Set> set;
    std::vector<std::size_t> rules;  // Set index -> rule index
  };
  Filter quantity_filter, speaker_filter, attribute_filter;

  // The furniture rules in the form the text stage takes them.
  text::Cues cues() const;
};

struct LoadResult {
  RuleSet rules;
  std::vector<Error> errors;
};

// Loads every *.yaml / *.yml below each root, in sorted order. A root is a pack
// folder or a folder of packs. Errors are collected; rules with errors are left out.
LoadResult load(const std::vector<std::filesystem::path>& roots);

struct Group {
  std::string name;
  std::size_t begin = 0, end = 0;  // in the text matched against
};

struct Mention {
  std::size_t rule = 0;  // index in RuleSet::rules
  std::size_t begin = 0, end = 0;
  std::vector<Group> groups;  // named groups that took part in the match

  const Group* group(std::string_view name) const;
};

// Runs the sentence-level rules over text[begin, end). Quantity-layer matches
// that overlap are resolved: higher priority wins, then the longer match, then
// the earlier, then the rule loaded first. Attribute and speaker matches are
// all kept. Result is sorted by position.
std::vector<Mention> match(const RuleSet& rules, std::string_view text, std::size_t begin,
                           std::size_t end);

}  // namespace claimdiff::ruleset
