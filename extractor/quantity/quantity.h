// quantity: from a rule's captures to a value, always an interval on a typed
// axis with its unit and hedge ("about 1,500" is [1350, 1650] count, "72%" is
// [71.5, 72.5] %, "November 6" in an article of 2024-12-11 is 2024-11-06).
//
// A quantity rule names its parts with capture groups; this stage reads them:
//   num, num2   the figure, and the upper end of a range (digits or words)
//   old         the figure before a change ("from two to three days")
//   hedge       about, more than, at least, up to, ... (the lexicon's hedges)
//   mult        k, m, bn, thousand, million, billion (the lexicon's multipliers)
//   cur         £, C$, pounds, yen, GBP (the lexicon's currencies)
//   sub         p, pence, cents: a currency's sub-unit, converted to the main unit
//   counted     the noun a count counts
//   den         the whole of "nine in ten", "two days out of five"
//   sign        "minus", "-": the figure is below zero
//   unit        a measure's or duration's unit word (the lexicon's measures, durations)
//   vague       "hundreds", "dozens" (of): at least the lexicon's figure
//   majority, negated   "a slim majority"; "did not": the rest of the whole
//   day, month, year, weekday, rel    parts of a date; day2, month2 the end of a
//               range of days; dow a weekday beside a date; quarter; relyear
//               ("March last year"); year2 and span ("2025-26", "financial year")
// and the rule's fields: `hedge` (a fixed hedge), `unit`, `place` (office|home).
// Every word is read through the rule set's lexicon, never a list of its own.
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ruleset/ruleset.h"
U_NAMESPACE_BEGIN
class RuleBasedNumberFormat;
U_NAMESPACE_END

namespace claimdiff::quantity {

// The figure before a change: "from 40% to 60%" has value 60% and previous 40%.
struct Previous {
  double printed = 0, lo = 0, hi = 0;
};

struct Value {
  // Bounds; unset means unbounded. Dates are days since 1970-01-01.
  std::optional<double> lo, hi;
  std::string unit;  // %, count, GBP, USD, EUR, days/week, date, number
  std::string hedge =
      "none";  // none, approx, more_than, at_least, less_than, at_most, nearly, range, ...
  std::optional<double> printed;     // the figure as printed (lower end of a printed range)
  std::optional<double> printed2;    // upper end of a printed range
  std::string counted;               // count: the noun counted ("members")
  std::string place;                 // days/week: office or home
  std::string partial;               // date that could not be anchored: "--11-06", "--01"
  std::optional<Previous> previous;  // a change's starting figure (group `old`)
};

// The starting figure of a change as a value of its own: same unit and place.
std::optional<Value> previous_value(const Value& value);

struct Quantity {
  std::size_t mention = 0;                     // index into the mentions it was read from
  ruleset::Kind kind = ruleset::Kind::number;  // a figure kind: count .. ordinal
  std::size_t begin = 0, end = 0;
  Value value;
};

// A published day of one of the story's articles; `given` when a manifest
// gave it, not read from the page (a page's date line can be stale).
struct StoryDay {
  long day = 0;
  bool given = false;
};

struct Context {
  std::optional<long> ref_day;  // the article's date, days since 1970-01-01
  std::string_view sentence;    // for tense: "opens on November 6" looks forward
  bool us_dates = false;        // 11/12/2024 is 12 November in the UK, 11 December in the US
  // The published days of the story's other articles, in order: an article
  // without a date, or with one the story contradicts, is read against them.
  std::span<const StoryDay> story_days = {};
  std::size_t sentence_begin = 0;  // where `sentence` starts in the text a mention is read from
  bool ref_day_given = true;       // ref_day came from the manifest or --ref-date
  // The last single day read in this sentence or the one before: "the next
  // day" counts from it.
  std::optional<long> earlier_day;
};

// How far (in days) an article's date may lie from every other dated article
// of its story before the story wins over it: more than a year is no
// follow-up of the same story but a wrong date line.
inline constexpr long kStoryContradicts = 366;

// The day dates without a year are read against: the article's own date,
// unless the story contradicts it; then, or when the article has no date,
// the median of the story's other dates that it does not contradict (the
// later middle one of an even count). A date is contradicted when every
// other dated article lies more than kStoryContradicts days from it and the
// story outweighs it: two or more of them, or a manifest's date against one
// read from the page. A median ignores one outlet's wrong date, where the
// latest or the earliest day would follow it.
std::optional<long> anchor_day(std::optional<long> own, bool own_given,
                               std::span<const StoryDay> story_days);
std::optional<long> anchor_day(const Context& context);

// Reads numbers and values with a lexicon's words. Holds an ICU spell-out
// parser: one Reader per thread. The lexicon must outlive the Reader.
class Reader {
 public:
  explicit Reader(const ruleset::Lexicon& lexicon);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The value of a quantity-layer mention; nothing for traps or unreadable text.
  std::optional<Quantity> read(const ruleset::RuleSet& rules, const ruleset::Mention& mention,
                               std::string_view text, const Context& context) const;

  // "1,500", "2.3", "1.5m", "eleven thousand", "two thousand four hundred", "a dozen".
  std::optional<double> parse_number(std::string_view text) const;

 private:
  struct Groups;
  std::optional<double> spelled_number(std::string words) const;
  bool read_relative(const Groups& group, Quantity& q, const Context& context) const;
  struct DateParts;
  bool read_calendar_date(const Groups& group, Quantity& q, const Context& context) const;
  bool date_parts(const Groups& group, const Context& context, DateParts& d) const;
  void numeric_day_month(const Groups& group, bool us_dates, DateParts& d) const;
  std::optional<int> day_number(const std::string& text) const;
  int month_number(const std::string& text) const;
  int year_for(const DateParts& d, const Groups& group, std::size_t begin,
               const Context& context) const;
  bool read_year_span(const Groups& group, Value& v) const;
  bool read_majority(const Groups& group, Value& v) const;
  bool read_vague(const ruleset::Rule& rule, const Groups& group, Value& v) const;
  std::optional<double> mixed_number(const std::string& s) const;
  bool read_figure(const ruleset::Rule& rule, const Groups& group,
                   const std::optional<ruleset::HedgeMeaning>& hedge, Value& v) const;
  std::optional<double> read_main_figure(const ruleset::Rule& rule, const Groups& group) const;
  double shared_scale(const std::string& lower_text, const std::string& upper_text, double figure,
                      double upper) const;
  std::string unit_of(const ruleset::Rule& rule, const Groups& group,
                      const std::string& subunit_code) const;

  bool moves_to(std::string_view text, std::size_t begin, std::string_view hedge) const;
  const ruleset::Lexicon& lexicon_;
  std::unique_ptr<icu::RuleBasedNumberFormat> spellout_;
  // ICU's lenient spell-out parse costs tens of microseconds; number words
  // repeat ("first", "three"), so their values are kept (per Reader, per thread).
  mutable std::unordered_map<std::string, std::optional<double>> words_;
};

// Calendar helpers (proleptic Gregorian).
long days_from_civil(int year, int month, int day);
std::string format_day(long days);                         // YYYY-MM-DD
std::optional<long> parse_iso_day(std::string_view text);  // YYYY-MM-DD
// A date written in prose or ISO ("11 December 2024, 22:39", "2024-12-11").
std::optional<long> parse_date_text(std::string_view text, const ruleset::Lexicon& lexicon,
                                    bool us_dates = false);

// The value object of DESIGN.md: {"lo", "hi", "unit", "hedge", ...}; dates as ISO strings.
nlohmann::ordered_json to_json(const Value& value);
Value value_from_json(const nlohmann::json& j);
// For people: "72%", "more than 50%", "3-5 days/week", "£30m", "2025-03-04".
std::string describe(const Value& value);

}  // namespace claimdiff::quantity
