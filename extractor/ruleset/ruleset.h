// ruleset: rule packs as data. Loads rules/**/*.yaml, builds the lexicon and
// the macros, expands them, compiles every pattern with RE2 and runs them over
// sentences.
//
// A rule file holds any of `lexicon:` (words and their meanings, lexicon.h),
// `macros:` (named regex fragments, used as {{NAME}} in any pack),
// `attributes:` (the facts rules may name, with their labels for people) and
// `rules:`. Loading turns each rule into a typed `Rule`: an unknown key, a
// misspelt kind, a field of the wrong type, an attribute not declared, a base
// the lexicon does not know, an undefined or recursive macro and a pattern RE2
// rejects are each an error naming file, line and rule id. Every rule carries
// examples: `run_examples` judges them (`claimdiff rules test`).
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruleset/lexicon.h"
#include "text/text.h"

namespace claimdiff::ruleset {

// What a rule's match is used for.
enum class Layer {
  quantity,   // a figure: count, percentage, money, date, ratio, number; or a trap that is none
  attribute,  // says what the figure inside its `value` group measures
  speaker,    // an attribution ("the union said"): group `who`
  scope,      // which group a figure is about ("staff in support roles"): field `scope`
  subject,    // what the figure inside its `value` group is of: the noun in group `head`
  furniture,  // page-furniture cues and metadata, matched per block by the text stage
};

struct Example {
  std::string text;
  bool none = false;     // the rule must not produce anything in `text`
  nlohmann::json value;  // expected value object: lo, hi, unit, and any other key to check
  std::string ref_date;  // YYYY-MM-DD the example's dates resolve against
  std::string region;    // furniture examples: the region the text must get
  std::string head;      // subject examples: the head the figure must get ("toll")
  int line = 0;
};

// A condition checked after a match, on the text just before or after it
// within the sentence (RE2 has no lookaround, by design).
struct ContextCheck {
  std::shared_ptr<const re2::RE2> pattern;
  bool before = true;  // else after
  bool must = false;   // else must not
};

// What a rule finds. The figure kinds (count .. ordinal; ordinal stays last) are quantity rules,
// or attribute rules when the rule names an `attribute`; a trap is text that
// looks like a figure and is none; the rest are layers of their own.
enum class Kind {
  count,
  percentage,
  money,
  date,
  ratio,
  number,
  points,
  measure,   // a distance, weight, temperature or magnitude: unit from the lexicon's measures
  duration,  // a length of time: unit from the lexicon's durations
  ordinal,   // figures
  trap,
  speaker,
  scope,
  subject,
  region,
  meta
};
const char* to_string(Kind kind);
std::optional<Kind> kind_from_string(std::string_view name);
bool is_figure(Kind kind);        // count .. ordinal
std::string figure_kind_names();  // "count, percentage, ...": for messages

enum class Place { unset, office, home };  // days/week: where the days are spent
enum class Take { figure, previous };      // the figure, or the one before a change
enum class MatchOn { sentence, counted };  // scope rules: the sentence or the counted noun
const char* to_string(Place place);

struct Rule {
  std::string id;
  std::string pack;
  std::string file;
  int line = 0;
  Kind kind = Kind::number;
  Layer layer = Layer::quantity;
  std::string pattern;   // as written
  std::string expanded;  // after macro expansion
  std::shared_ptr<const re2::RE2> re;
  int priority = 0;
  bool case_sensitive = false;
  std::string note;

  // Attribute rules: what the figure in group `value` measures.
  std::string attribute;
  std::string base;      // a lexicon base: the whole a share is of
  std::string share_of;  // money as a share of this attribute (a pay offer of a salary)
  Take take = Take::figure;
  bool scope_from_counted = false;  // the scope is the counted noun's group
  // Quantity and attribute rules.
  Place place = Place::unset;
  std::optional<HedgeKind> hedge;  // a hedge the pattern implies ("between": range)
  std::string unit;                // overrides the kind's unit
  // Subject rules: the head every match names, where the frame itself says
  // what the figure is ("won by six votes" is a margin); then no `head` group.
  std::string head_is;
  // Attribute and scope rules: which group of people the figure is about.
  std::string scope;
  MatchOn match_on = MatchOn::sentence;
  // Speaker rules: the side the speaker is on (union, employer, source, ...).
  std::string role;
  // Furniture rules.
  text::Region region = text::Region::body;
  text::CueExtent extent = text::CueExtent::block;
  std::size_t max_chars = 0;
  text::MetaField meta_field = text::MetaField::outlet;

  std::vector<ContextCheck> context;
  std::vector<std::string> group_names;  // by capture index; "" for unnamed groups
  std::vector<Example> examples;
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
  Lexicon lexicon;
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
// folder or a folder of packs. Errors are collected; rules with errors are left
// out, and a caller should not run a rule set that loaded with errors.
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

// What the pipeline made of one example's text for the rule under test: what
// the rule produced, in words, and whether any of it is what the example expects.
struct ExampleOutcome {
  std::vector<std::string> got;
  bool matched = false;
};
// Runs the later stages on an example (the caller wires them: rule index, example).
using ExampleProbe = std::function<ExampleOutcome(std::size_t, const Example&)>;

struct ExampleTally {
  int passed = 0, failed = 0;
};

// Runs the examples of every rule whose file is below one of `only` (every
// rule when `only` is empty); prints each failure as
// "file:line rule-id: expected ..., got ...  [text: ...]".
ExampleTally run_examples(const RuleSet& rules, const ExampleProbe& probe,
                          const std::vector<std::filesystem::path>& only, std::ostream& out,
                          bool verbose);

// An example's expected value object against one produced: every key given
// must agree (numbers within 0.01, null for unbounded).
bool value_matches(const nlohmann::json& expected, const nlohmann::ordered_json& got);

}  // namespace claimdiff::ruleset
