// ruleset: the lexicon, every word claimdiff knows, read from the `lexicon:`
// sections of the rule packs and merged in load order. Part of the ruleset
// stage's interface (ruleset.h includes it): the loader fills it and builds
// macros from it, later stages read words only through it.
//
// Keys are lower case, spaces squashed; look them up with `Lexicon::key`.
#pragma once

#include <re2/re2.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/ingest.h"

namespace claimdiff::ruleset {

// What a hedge word does to a figure's interval (rules/core/lexicon.yaml says
// how each one moves the bounds).
enum class HedgeKind { approx, more_than, at_least, less_than, at_most, nearly, as_few_as, range };

// The value object's name of a hedge: "approx", "more_than", ...
const char* to_string(HedgeKind kind);
std::optional<HedgeKind> hedge_from_string(std::string_view name);
// Words for people before a hedged figure: "more than"; "" for a range.
const char* label(HedgeKind kind);

struct HedgeMeaning {
  HedgeKind kind = HedgeKind::approx;
  // approx, nearly: the width of the interval as a share of the figure.
  // more_than, less_than: the figure sits this close to the bound ("just over");
  // unset means the far side is open.
  std::optional<double> width;
  bool operator==(const HedgeMeaning&) const = default;
};

struct Currency {
  std::string code;                            // ISO 4217: GBP
  std::vector<std::string> symbols, prefixed;  // "£"; "C$"
  std::vector<std::string> words;              // "pounds"
  double subunits_per_unit = 0;                // 100 for pence; 0: none
  std::vector<std::string> subunit_symbols, subunit_words;
};

// A date said relative to the article's day: `offset` units from it; or,
// for `date_day`, `offset` days from a date the text gave just before ("the
// next day").
enum class RelativeUnit { day, week, month, year, new_year, date_day };
struct RelativeDate {
  RelativeUnit unit = RelativeUnit::day;
  int offset = 0;
  bool operator==(const RelativeDate&) const = default;
};

enum class Direction { forward, back, neither };

// What a figure stands for in the story, besides its value: its place in a
// sequence of figures about one thing. The lexicon's `roles` give the words
// that say it; the claim stage reads them (claim::Role is this type).
enum class Role {
  result,       // what happened or stands now (the default)
  threshold,    // a bar a result is measured against: "a 40% threshold"
  target,       // an aim: "aims to cut 2,000 posts"
  requirement,  // what a rule demands: "must come in four days"
  forecast,     // what is expected: "expected to reach 3%"
  previous,     // an earlier value: "up from 3.2%", "used to", "previously"
  change,       // a difference between two values: "rose by £150", "a 10% rise"
};
const char* to_string(Role role);
std::optional<Role> role_from_string(std::string_view name);

// A phrase of the lexicon as words, for matching on a clause's words. A word
// "#" stands for the figure itself ("# threshold": right after it); "..."
// for a gap of a few words ("# ... needed").
struct Phrase {
  std::vector<std::string> words;
  std::string text;  // as the lexicon keeps it
  Role role = Role::result;
  std::string per;  // for `per`: the time or unit a rate or sum is per ("year", "kwh")
  // for `directions`: which way a change goes, "up" or "down"
  std::string direction;
};

// Phrases with an index by first word, so a clause is matched in one pass
// over its words rather than once for every phrase of the lexicon.
class PhraseTable {
 public:
  void add(Phrase phrase);
  const std::vector<Phrase>& all() const { return phrases_; }
  // Indexes into all() of the phrases that may open with a word, given as
  // hash_of(word) ("#" for the figure): a caller hashes each word once for
  // every table, and matches the phrases' words itself. Then the phrases that
  // open with a gap ("...") and so may start anywhere.
  static std::size_t hash_of(std::string_view word) { return std::hash<std::string_view>{}(word); }
  std::span<const std::size_t> opening_with(std::size_t word_hash) const;
  std::span<const std::size_t> opening_with_gap() const { return open_gap_; }

 private:
  std::vector<Phrase> phrases_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> by_first_;  // by hash_of
  std::vector<std::size_t> open_gap_;
};

struct Base {
  std::string label;    // "of votes cast"
  std::string implies;  // the figure that makes a share of this and of a wider whole agree
  bool operator==(const Base&) const = default;
};

struct Lexicon {
  std::map<std::string, HedgeMeaning> hedges;
  std::map<std::string, double> multipliers;      // "bn" -> 1e9
  std::map<std::string, double> number_words;     // "a dozen" -> 12
  std::map<std::string, double> fractions_alone;  // "half" -> 0.5
  std::map<std::string, double> fraction_counts;  // "two" -> 2
  // "third" and "thirds" -> 3; `singular` tells "a third" from "two thirds".
  struct Part {
    double of = 0;
    bool singular = true;
    bool operator==(const Part&) const = default;
  };
  std::map<std::string, Part> fraction_parts;
  std::vector<Currency> currencies;                                  // in load order
  std::map<std::string, std::string> currency_of;                    // symbol, word or code -> code
  std::map<std::string, std::pair<std::string, double>> subunit_of;  // "p" -> {GBP, 100}
  // Names as printed (capitalised), for the case-sensitive macros; and by key.
  std::vector<std::string> month_names, weekday_names;
  std::map<std::string, int> month_of;    // "sept" -> 9
  std::map<std::string, int> weekday_of;  // "monday" -> 0
  std::map<std::string, RelativeDate> relative_dates;
  std::vector<std::string> forward_words, forward_just_before;
  std::map<std::string, Direction> weekday_directions;
  std::vector<std::string> clause_breaks;                 // as written, spaces included
  std::vector<std::string> abbreviations;                 // as written: "Dr."
  std::map<std::string, Base> bases;                      // votes_cast -> {...}
  std::vector<ingest::PageClass> page_classes;            // HTML furniture, in order of precedence
  std::map<std::string, std::vector<std::string>> lists;  // macro name -> words
  // Units of measures and durations: word -> the unit as output ("kilometres" -> km).
  std::map<std::string, std::string> measure_units, duration_units;
  std::map<std::string, double> vague_numbers;  // "hundreds" -> 200: "hundreds of" is at least that
  // "a slim majority": the share it stands for, in percent.
  struct Share {
    double lo = 50, hi = 100;
    bool operator==(const Share&) const = default;
  };
  std::map<std::string, Share> majorities;
  std::map<std::string, int> quarter_of;      // "q3", "third quarter" -> 3
  std::map<std::string, double> year_starts;  // "financial year" -> 4: the month it starts
  std::vector<std::string> back_words;        // past tense just before a date: it lies behind
  // Subjects: the words that give a figure's role ("expected to" -> forecast),
  // that deny it ("did not"), heads that name one thing ("staff", "employees"),
  // and words that say nothing of what a figure is about ("said", "would").
  std::map<std::string, Role> roles;
  std::vector<std::string> negations;
  // What a figure is per: "a year", "over the month", "per kWh" -> year, month, kwh.
  std::map<std::string, std::string> per;
  // Which way a change goes: "fell #", "# lower" -> down; "rose #", "up #" -> up.
  std::map<std::string, std::string> directions;
  PhraseTable role_phrases, negation_phrases, per_phrases;  // built from the three above
  PhraseTable direction_phrases;                            // built from `directions`
  // Words that only lead into a figure ("just", "a further"): the list
  // FIGURE_LEAD as phrases, worked out once.
  std::vector<std::vector<std::string>> figure_leads;
  std::map<std::string, std::size_t> synonym_group;      // head word (key) -> group index
  std::vector<std::vector<std::string>> synonym_groups;  // each group's words, the first its name
  std::map<std::string, std::string> synonym_of_stem;    // head stem -> the group's first stem
  std::vector<std::string> stop_words;
  // The same words, looked up by hash: every word of every clause is asked.
  struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view w) const { return PhraseTable::hash_of(w); }
  };
  std::unordered_set<std::string, WordHash, std::equal_to<>> stop_word_set;
  // Heads of counts that only grow while a story runs ("death toll", "cases"),
  // and their stems as the synonym groups file them.
  std::vector<std::string> cumulative;
  std::set<std::string> cumulative_stems;
  // Heads a story gives few figures of, like a share's ("margin", "swing"),
  // and their stems as the synonym groups file them.
  std::vector<std::string> few_figures;
  std::set<std::string> few_figure_stems;
  std::vector<std::string> passive_words;       // "be": a past form after it is a participle
  std::vector<std::string> perfect_words;       // "has been": with a forward word, it looks ahead
  std::vector<std::string> clause_start_words;  // "that": a clause for tense starts after it
  // Anywhere in the date's clause; within two words before it; within three after it.
  std::shared_ptr<const re2::RE2> back_cue, back_near_cue, back_after_cue;
  // A back word after a passive word: anywhere; within two words before the date.
  std::shared_ptr<const re2::RE2> passive_cue, passive_near_cue;
  // A perfect auxiliary ending the text given ("... had been").
  std::shared_ptr<const re2::RE2> perfect_end_cue;
  // The tense cues as patterns: any forward word in a sentence; one just
  // before a date (the pattern is anchored at the end of the text given).
  std::shared_ptr<const re2::RE2> forward_cue, forward_just_before_cue;

  // The form every word is kept in: lower case, runs of spaces as one.
  static std::string key(std::string_view word);

  std::optional<HedgeMeaning> hedge(std::string_view word) const;
  std::optional<double> multiplier(std::string_view word) const;  // "" is 1
  std::optional<double> fraction(std::string_view words) const;   // "two-thirds" -> 0.667
  int month(std::string_view word) const;                         // 1-12; 0 if none
  int weekday(std::string_view word) const;                       // 0 = Monday; -1 if none
  std::optional<Direction> direction(std::string_view word) const;
  // A currency's code from a symbol, word or code; "" when the lexicon has none.
  std::string currency(std::string_view word) const;
  const Base* base(const std::string& id) const;
  // The name of a head's synonym group: the first word's stem ("employe" ->
  // "staff"); the stem itself when no group holds it. Heads are stems.
  std::string synonym_head(const std::string& head_stem) const;
  bool is_stop_word(std::string_view word) const;  // `word` already a key
  // `word` (a key) is one of the words of `lists[list]`; false when no pack gives the list.
  bool in_list(const std::string& list, std::string_view word) const;
  // The unit of a measure or duration word ("miles" -> mi); "" when it has none.
  std::string unit(std::string_view word, bool duration) const;

  // The macros the loader builds from the lexicon: NAME -> RE2 alternation.
  std::map<std::string, std::string> macros() const;
  // True for a name macros() builds from a section (HEDGE, MONTH, ...), which
  // a `lists:` entry may not take.
  static bool builds_macro(const std::string& name);
};

}  // namespace claimdiff::ruleset
