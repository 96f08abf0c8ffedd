#include "quantity/quantity.h"

#include <unicode/dtfmtsym.h>
#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/ucurr.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <vector>

#include "util/strings.h"

namespace claimdiff::quantity {

namespace {

using util::lower;
using util::squash_spaces;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
  return s;
}

using ruleset::HedgeKind;
using ruleset::HedgeMeaning;
using ruleset::Lexicon;

int decimals_of(std::string_view digits) {
  const auto dot = digits.find('.');
  if (dot == std::string_view::npos) return 0;
  int n = 0;
  for (std::size_t i = dot + 1;
       i < digits.size() && std::isdigit(static_cast<unsigned char>(digits[i])); ++i)
    ++n;
  return n;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

// Where a date's clause ends on either side within its sentence: at a comma,
// a semicolon, one of the lexicon's clause breaks (", and ", " while ") or
// a word its tense cues say starts a clause ("that").
struct Clause {
  std::string_view before, after;  // the clause's words before and after the date
};

Clause clause_of(const Lexicon& lexicon, std::string_view before, std::string_view after) {
  std::size_t from = 0, to = after.size();
  auto cut = [&](std::string_view mark) {
    if (const auto b = before.rfind(mark); b != std::string_view::npos)
      from = std::max(from, b + mark.size());
    to = std::min(to, after.find(mark));
  };
  cut(",");
  cut(";");
  for (const auto& mark : lexicon.clause_breaks) cut(mark);
  // "told that from April": the date is in the clause the word starts.
  for (const auto& word : lexicon.clause_start_words) cut(" " + word + " ");
  return {before.substr(from), after.substr(0, to)};
}

// Where each match of `re` in `text` ends.
std::vector<std::size_t> match_ends(std::string_view text, const re2::RE2* re) {
  std::vector<std::size_t> ends;
  re2::StringPiece match;
  for (std::size_t from = 0; re && from <= text.size() &&
                             re->Match(re2::StringPiece(text.data(), text.size()), from,
                                       text.size(), re2::RE2::UNANCHORED, &match, 1);) {
    ends.push_back(static_cast<std::size_t>(match.data() - text.data()) + match.size());
    from = static_cast<std::size_t>(match.data() - text.data()) + 1;
  }
  return ends;
}

// Where the last past verb of `text` ends (0 for none); a past form after
// "be" is a participle, no past verb ("will be announced").
std::size_t last_back_verb(const Lexicon& lexicon, std::string_view text) {
  const auto passive = match_ends(text, lexicon.passive_cue.get());
  const auto back = match_ends(text, lexicon.back_cue.get());
  for (auto it = back.rbegin(); it != back.rend(); ++it)
    if (std::find(passive.begin(), passive.end(), *it) == passive.end()) return *it;
  return 0;
}

bool matches(std::string_view text, const std::shared_ptr<const re2::RE2>& re) {
  return re && re2::RE2::PartialMatch(text, *re);
}

// Which way a date without a year lies from the article: behind it, ahead of
// it, or ahead by the sentence's words only, not its own clause's ("In April,
// higher than expected"): then the nearer reading wins.
enum class Tense { back, ahead, maybe_ahead };

// The lexicon's tense cues: which way does a sentence about a date look?
// News mostly looks back. `before` and `after` are the sentence's text on
// either side of the date.
Tense tense_of(const Lexicon& lexicon, std::string_view sentence, std::string_view before,
               std::string_view after) {
  const Clause clause = clause_of(lexicon, before, after);
  const std::size_t back = last_back_verb(lexicon, clause.before);
  const auto forward = match_ends(clause.before, lexicon.forward_cue.get());
  // "ran from 3 to 9 March", "was held on": a past verb right before the
  // date. With a forward word nearer the date, the nearer reading ("was due
  // on 4 March"), unless a perfect fixed it ahead ("has been set for 9 June").
  if (matches(clause.before, lexicon.back_near_cue) &&
      !matches(clause.before, lexicon.passive_near_cue)) {
    if (forward.empty() || forward.back() <= back) return Tense::back;
    if (!matches(clause.before.substr(0, back), lexicon.perfect_end_cue)) return Tense::maybe_ahead;
  }
  // "from", "by" right before the date look forward ("were told that from April").
  if (matches(before, lexicon.forward_just_before_cue)) return Tense::ahead;
  // Elsewhere in the date's clause the nearer of a past verb and a forward
  // word settles it, whatever else the sentence says: "the company, which
  // will cut jobs, announced on Tuesday"; "announced on Monday it will strike on
  // Friday". Only its own clause counts: "talks, which were held in May,
  // resume on 3 June".
  if (back && (forward.empty() || forward.back() < back)) return Tense::back;
  if (!forward.empty()) return Tense::ahead;
  // A past verb just after it: "Thursday's vote was won by".
  if (matches(clause.after, lexicon.back_after_cue)) return Tense::back;
  return matches(sentence, lexicon.forward_cue) ? Tense::maybe_ahead : Tense::back;
}

// 1970-01-01 was a Thursday.
int weekday_of_day(long day) {
  return static_cast<int>(((day % 7) + 7 + 3) % 7);
}

// The year, within a dozen of the anchor's, whose d.day of d.month falls on
// d.weekday and lies nearest the anchor; a tie goes the way the tense points.
std::optional<int> year_of_weekday_near(int day, int month, int weekday, long anchor,
                                        bool forward) {
  int ay, am, ad;
  civil_from_days(anchor, ay, am, ad);
  std::optional<int> best;
  long best_distance = 0;
  for (int y = ay - 12; y <= ay + 12; ++y) {
    if (day > days_in_month(y, month)) continue;
    const long date = days_from_civil(y, month, day);
    if (weekday_of_day(date) != weekday) continue;
    const long distance = std::labs(date - anchor);
    const bool tie_wins = distance == best_distance && (date > anchor) == forward;
    if (!best || distance < best_distance || tie_wins) best = y, best_distance = distance;
  }
  return best;
}

// The year of [first, last] (given in the anchor's year) the tense points
// to from the article's own day. Ahead by a word outside the date's clause
// only, the year behind wins when it lies nearer ("inflation eased in April,
// more than expected").
int year_by_tense(long first, long last, long anchor, int year, Tense tense) {
  if (tense == Tense::back) return first > anchor ? year - 1 : year;
  if (last >= anchor) return year;
  int fy, fm, fd;
  civil_from_days(first, fy, fm, fd);
  const long ahead = days_from_civil(fy + 1, fm, fd) - anchor;
  return tense == Tense::maybe_ahead && anchor - last < ahead ? year : year + 1;
}

// Days from `anchor` to [first, last] moved `shift` years; 0 inside it.
long gap_to(long first, long last, long anchor, int shift) {
  int fy, fm, fd, ly, lm, ld;
  civil_from_days(first, fy, fm, fd);
  civil_from_days(last, ly, lm, ld);
  const long lo = days_from_civil(fy + shift, fm, fd), hi = days_from_civil(ly + shift, lm, ld);
  return anchor < lo ? lo - anchor : anchor > hi ? anchor - hi : 0;
}

// Of the year before, the year of and the year after the anchor, the one
// whose reading of [first, last] (given in the anchor's year) lies nearest
// it; a tie goes the way the tense points.
int nearest_year(long first, long last, long anchor, int year, bool forward) {
  int best = year;
  long best_gap = -1;
  for (const int shift : forward ? std::array{0, 1, -1} : std::array{0, -1, 1}) {
    const long gap = gap_to(first, last, anchor, shift);
    if (best_gap < 0 || gap < best_gap) best = year + shift, best_gap = gap;
  }
  return best;
}

// The day of the latest (or, looking ahead, the next) `weekday` from `today`.
long weekday_near(long today, int weekday, ruleset::Direction dir, bool forward) {
  const bool ahead =
      dir == ruleset::Direction::forward || (dir != ruleset::Direction::back && forward);
  long day = today;
  if (ahead) {
    do ++day;
    while (weekday_of_day(day) != weekday);
    return day;
  }
  while (weekday_of_day(day) != weekday) --day;
  // "last Thursday" said on a Thursday is a week ago.
  return dir == ruleset::Direction::back && day == today ? day - 7 : day;
}

// The days of a relative date around `today`: "yesterday", "last week".
void relative_span(const ruleset::RelativeDate& rel, long today, Value& v) {
  int y, m, d;
  civil_from_days(today, y, m, d);
  auto month_span = [&](int year, int month) {
    while (month < 1) month += 12, --year;
    while (month > 12) month -= 12, ++year;
    v.lo = days_from_civil(year, month, 1);
    v.hi = days_from_civil(year, month, days_in_month(year, month));
  };
  const long monday = today - weekday_of_day(today);
  switch (rel.unit) {
    case ruleset::RelativeUnit::day:
      v.lo = v.hi = static_cast<double>(today + rel.offset);
      break;
    case ruleset::RelativeUnit::week:
      v.lo = static_cast<double>(monday + 7 * rel.offset);
      v.hi = static_cast<double>(monday + 7 * rel.offset + 6);
      break;
    case ruleset::RelativeUnit::month:
      month_span(y, m + rel.offset);
      break;
    case ruleset::RelativeUnit::year:
      v.lo = days_from_civil(y + rel.offset, 1, 1);
      v.hi = days_from_civil(y + rel.offset, 12, 31);
      break;
    case ruleset::RelativeUnit::new_year:
      // The turn of the year nearest the article: the next one from the second half.
      month_span(m >= 7 ? y + 1 : y, 1);
      break;
    case ruleset::RelativeUnit::date_day:  // counted from an earlier date, not the article's
      break;
  }
}

// "yesterday", "last week", "the New Year", "on Tuesday": an interval of days
// from the article's date. Without that date the value stays unresolved, its
// words kept in `partial`.
bool read_relative_date(const Lexicon& lexicon, std::string_view rel_raw,
                        std::string_view weekday_raw, std::string_view dir_raw, bool forward,
                        std::optional<long> ref, std::optional<long> earlier, Value& v) {
  const std::string rel = Lexicon::key(trim(rel_raw)), dir = Lexicon::key(trim(dir_raw));
  const int weekday = weekday_raw.empty() ? -1 : lexicon.weekday(trim(weekday_raw));
  if (!weekday_raw.empty() && weekday < 0) return false;
  const auto relative = lexicon.relative_dates.find(rel);
  if (weekday < 0 && relative == lexicon.relative_dates.end()) return false;
  if (weekday < 0 && relative->second.unit == ruleset::RelativeUnit::date_day) {
    // "the next day": from the day given just before; without one, its words.
    if (earlier)
      v.lo = v.hi = static_cast<double>(*earlier + relative->second.offset);
    else
      v.partial = rel;
    return true;
  }
  if (!ref) {
    // The new year is January whatever the year: a partial date like "January".
    v.partial = weekday >= 0 ? (dir.empty() ? "" : dir + " ") + Lexicon::key(trim(weekday_raw))
                : relative->second.unit == ruleset::RelativeUnit::new_year ? "--01"
                                                                           : rel;
    return true;
  }
  if (weekday >= 0) {
    const auto direction = lexicon.direction(dir).value_or(ruleset::Direction::neither);
    v.lo = v.hi = static_cast<double>(weekday_near(*ref, weekday, direction, forward));
    return true;
  }
  relative_span(relative->second, *ref, v);
  return true;
}

// Bounds of a hedged figure. [lo, hi] is the printed figure with its rounding.
void apply_hedge(Value& v, const HedgeMeaning& hedge, double figure, double lo, double hi) {
  constexpr double kDefaultWidth = 0.1;
  const double width = hedge.width.value_or(kDefaultWidth);
  v.hedge = ruleset::to_string(hedge.kind);
  switch (hedge.kind) {
    case HedgeKind::approx:
      v.lo = std::min(lo, figure * (1 - width));
      v.hi = std::max(hi, figure * (1 + width));
      break;
    case HedgeKind::more_than:
      v.lo = figure;
      if (hedge.width)
        v.hi = std::max(hi, figure * (1 + width));
      else
        v.hi.reset();
      break;
    case HedgeKind::at_least:
      v.lo = lo;
      v.hi.reset();
      break;
    case HedgeKind::less_than:
      v.lo = hedge.width ? figure * (1 - width) : 0.0;
      v.hi = figure;
      break;
    case HedgeKind::at_most:
      v.lo = 0.0;
      v.hi = hi;
      break;
    case HedgeKind::nearly:
      v.lo = figure * (1 - width);
      v.hi = figure;
      break;
    case HedgeKind::as_few_as:
    case HedgeKind::range:
      v.lo = lo;
      v.hi = hi;
      break;
  }
}

// "27 000", "3 504": a space between digit groups is a thousands separator
// (the text stage has made narrow no-break spaces plain ones).
bool digit_group_space(const std::string& s, std::size_t i) {
  auto digit = [&](std::size_t k) {
    return k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]));
  };
  return s[i] == ' ' && i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) &&
         !digit(i + 4);
}

// The same interval on the other side of zero.
void negate(Value& v) {
  const std::optional<double> lo = v.lo, hi = v.hi;
  v.lo = hi ? std::optional<double>(-*hi) : std::nullopt;
  v.hi = lo ? std::optional<double>(-*lo) : std::nullopt;
  if (v.printed) v.printed = -*v.printed;
  if (v.printed2) v.printed2 = -*v.printed2;
}

std::string text_of(std::string_view text, const ruleset::Group* g) {
  return g ? std::string(text.substr(g->begin, g->end - g->begin)) : std::string();
}

}  // namespace

Reader::Reader(const ruleset::Lexicon& lexicon) : lexicon_(lexicon) {
  UErrorCode status = U_ZERO_ERROR;
  spellout_ = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT,
                                                           icu::Locale::getEnglish(), status);
  if (U_FAILURE(status))
    spellout_.reset();
  else
    spellout_->setLenient(true);
}

Reader::~Reader() = default;

std::optional<double> Reader::parse_number(std::string_view raw) const {
  std::string s = squash_spaces(lower(trim(raw)));
  if (s.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(s[0]))) {
    std::string digits;
    std::size_t i = 0;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ',' ||
                            s[i] == '.' || digit_group_space(s, i));
         ++i)
      if (s[i] != ',' && s[i] != ' ') digits.push_back(s[i]);
    if (!digits.empty() && digits.back() == '.') digits.pop_back();
    double v;
    try {
      v = std::stod(digits);
    } catch (...) {
      return std::nullopt;
    }
    auto mult = lexicon_.multiplier(trim(std::string_view(s).substr(i)));
    if (!mult) return std::nullopt;
    return v * *mult;
  }
  if (auto word = lexicon_.number_words.find(s); word != lexicon_.number_words.end())
    return word->second;
  if (auto fraction = lexicon_.fraction(s)) return fraction;
  if (auto mixed = mixed_number(s)) return mixed;
  return spelled_number(s);
}

// "three and a half", "2 and a quarter": a whole number and a fraction.
std::optional<double> Reader::mixed_number(const std::string& s) const {
  const auto at = s.rfind(" and ");
  if (at == std::string::npos) return std::nullopt;
  const auto part = lexicon_.fraction(s.substr(at + 5));
  if (!part) return std::nullopt;
  const auto whole = parse_number(s.substr(0, at));
  return whole ? std::optional<double>(*whole + *part) : std::nullopt;
}

// ICU's spell-out rules: "two thousand four hundred", "twenty-first".
std::optional<double> Reader::spelled_number(std::string s) const {
  // "a hundred", "a thousand": the article is "one".
  if (s.starts_with("a ")) s = "one " + s.substr(2);
  std::string cleaned;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 5, " and ") == 0) {
      cleaned += ' ';
      i += 4;
      continue;
    }
    cleaned.push_back(s[i] == ',' ? ' ' : s[i]);
  }
  if (!spellout_) return std::nullopt;
  cleaned = squash_spaces(cleaned);
  if (auto known = words_.find(cleaned); known != words_.end()) return known->second;
  auto spelled = [&]() -> std::optional<double> {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(cleaned);
    icu::Formattable result;
    icu::ParsePosition pos(0);
    spellout_->parse(u, result, pos);
    if (pos.getIndex() != u.length() || pos.getErrorIndex() >= 0) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    const double v = result.getDouble(status);
    if (U_FAILURE(status)) return std::nullopt;
    return v;
  }();
  constexpr std::size_t kMostWords = 1 << 14;  // a bound for text full of odd number words
  if (words_.size() >= kMostWords) words_.clear();
  words_.emplace(std::move(cleaned), spelled);
  return spelled;
}

long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string format_day(long days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::optional<long> parse_iso_day(std::string_view text) {
  int y, m, d;
  const std::string s(trim(text));
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::optional<long> parse_date_text(std::string_view text, const ruleset::Lexicon& lexicon,
                                    bool us_dates) {
  static const re2::RE2 kIso("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  static const re2::RE2 kDayMonthYear(
      "(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+([a-z]{3,9})\\.?,?\\s+(\\d{4})");
  static const re2::RE2 kMonthDayYear(
      "(?i)\\b([a-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})");
  static const re2::RE2 kNumeric("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b");
  int y = 0, m = 0, d = 0;
  std::string a, b;
  if (re2::RE2::PartialMatch(text, kIso, &y, &m, &d)) {
  } else if (re2::RE2::PartialMatch(text, kDayMonthYear, &d, &a, &y)) {
    m = lexicon.month(a);
  } else if (re2::RE2::PartialMatch(text, kMonthDayYear, &a, &d, &y)) {
    m = lexicon.month(a);
  } else if (re2::RE2::PartialMatch(text, kNumeric, &d, &m, &y)) {
    if (us_dates) std::swap(d, m);
  }
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) || y < 1000) return std::nullopt;
  return days_from_civil(y, m, d);
}

// The captured text of a mention's groups.
struct Reader::Groups {
  const ruleset::Mention& mention;
  std::string_view text;
  std::string operator()(const char* name) const { return text_of(text, mention.group(name)); }
  // Where the first part begins: "from January" looks forward from before "January".
  std::size_t first_begin() const {
    std::size_t begin = mention.end;
    for (const auto& g : mention.groups) begin = std::min(begin, g.begin);
    return begin;
  }
};

namespace {

// Does the sentence around the date in [begin, end) of `text` look forward?
Tense date_tense(const Lexicon& lexicon, const Context& context, std::string_view text,
                 std::size_t begin, std::size_t end) {
  const std::size_t first = std::min(context.sentence_begin, begin);
  const std::size_t last = std::min(context.sentence_begin + context.sentence.size(), text.size());
  const std::string_view before = text.substr(first, begin - first);
  const std::string_view after = end < last ? text.substr(end, last - end) : std::string_view();
  return tense_of(lexicon, context.sentence, before, after);
}

}  // namespace

std::optional<long> anchor_day(std::optional<long> own, bool own_given,
                               std::span<const StoryDay> story_days) {
  if (story_days.empty()) return own;
  // Every dated article of the story, own date included, in order of day:
  // an article's nearest dates are then its neighbours.
  std::vector<StoryDay> all(story_days.begin(), story_days.end());
  std::size_t mine = all.size();
  if (own) {
    const auto at = std::upper_bound(all.begin(), all.end(), *own,
                                     [](long day, const StoryDay& d) { return day < d.day; });
    mine = static_cast<std::size_t>(at - all.begin());
    all.insert(at, StoryDay{*own, own_given});
  }
  const auto given =
      std::count_if(all.begin(), all.end(), [](const StoryDay& d) { return d.given; });
  auto trusted = [&](std::size_t i) {
    const bool near = (i > 0 && all[i].day - all[i - 1].day <= kStoryContradicts) ||
                      (i + 1 < all.size() && all[i + 1].day - all[i].day <= kStoryContradicts);
    const bool outweighed = all.size() >= 3 || (!all[i].given && given > 0);
    return near || !outweighed;
  };
  if (own && trusted(mine)) return own;
  std::vector<long> days;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (i != mine && trusted(i)) days.push_back(all[i].day);
  if (days.empty())
    for (const auto& d : story_days) days.push_back(d.day);
  return days[days.size() / 2];
}

std::optional<long> anchor_day(const Context& context) {
  return anchor_day(context.ref_day, context.ref_day_given, context.story_days);
}

// "Bills will go up to £1,820" says where they move to, not a most: a hedge
// that, with the word before the figure, is a phrase of the lexicon's
// MOVES_TO_HEDGE list ("go up to") is no hedge.
bool Reader::moves_to(std::string_view text, std::size_t begin, std::string_view hedge) const {
  if (hedge.empty() || begin > text.size()) return false;
  std::size_t end = begin;
  while (end > 0 && text[end - 1] == ' ') --end;
  std::size_t start = end;
  while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
  if (start == end) return false;
  const std::string phrase = ruleset::Lexicon::key(std::string(text.substr(start, end - start)) +
                                                   " " + std::string(trim(hedge)));
  return lexicon_.in_list("MOVES_TO_HEDGE", phrase);
}

std::optional<Quantity> Reader::read(const ruleset::RuleSet& rules, const ruleset::Mention& mention,
                                     std::string_view text, const Context& context) const {
  const ruleset::Rule& rule = rules.rules[mention.rule];
  if (rule.layer != ruleset::Layer::quantity || rule.kind == ruleset::Kind::trap)
    return std::nullopt;
  Quantity q;
  q.kind = rule.kind;
  q.begin = mention.begin;
  q.end = mention.end;
  const Groups group{mention, text};
  std::optional<HedgeMeaning> hedge;
  if (rule.hedge) hedge = HedgeMeaning{*rule.hedge, std::nullopt};
  if (auto h = lexicon_.hedge(trim(group("hedge")))) hedge = h;
  if (hedge && moves_to(text, mention.begin, group("hedge"))) hedge.reset();

  bool ok = false;
  const bool date = rule.kind == ruleset::Kind::date;
  if (date && (!group("rel").empty() || !group("weekday").empty()))
    ok = read_relative(group, q, context);
  else if (date && (!group("year2").empty() || !group("span").empty()))
    ok = read_year_span(group, q.value);
  else if (date)
    ok = read_calendar_date(group, q, context);
  else if (!group("majority").empty())
    ok = read_majority(group, q.value);
  else if (!group("vague").empty())
    ok = read_vague(rule, group, q.value);
  else
    ok = read_figure(rule, group, hedge, q.value);
  if (!ok) return std::nullopt;
  if (rule.kind == ruleset::Kind::date && hedge) q.value.hedge = ruleset::to_string(hedge->kind);
  return q;
}

bool Reader::read_relative(const Groups& group, Quantity& q, const Context& context) const {
  q.value.unit = "date";
  // A weekday's readings are a week apart: any forward word looks ahead.
  const bool forward = date_tense(lexicon_, context, group.text, q.begin, q.end) != Tense::back;
  return read_relative_date(lexicon_, group("rel"), group("weekday"), group("dir"), forward,
                            anchor_day(context), context.earlier_day, q.value);
}

// A calendar date's parts as the text gives them; 0 where it gives none.
struct Reader::DateParts {
  int day = 0, month = 0, last_month = 0, year = 0;
  int day2 = 0, month2 = 0;  // the end of a range ("3 to 9 March", "12 May until 2 June")
  int weekday = -1;          // "Saturday 9 March": fixes a missing year
  int year_offset = 0;       // "March last year": the year from the article's
  bool relative_year = false;
};

// A day as digits ("9", "9th") or words ("ninth", "twenty-first"); 0 for none.
std::optional<int> Reader::day_number(const std::string& raw) const {
  const std::string text(trim(raw));
  if (text.empty()) return 0;
  const auto n = std::isdigit(static_cast<unsigned char>(text[0]))
                     ? std::optional<double>(std::atof(text.c_str()))
                     : parse_number(text);
  if (!n || *n < 1 || *n > 31) return std::nullopt;
  return static_cast<int>(*n);
}

// A month by name, by number ("2024-02-29") or, for a quarter, its first month.
int Reader::month_number(const std::string& raw) const {
  const std::string text(trim(raw));
  if (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0]))) {
    const int m = std::atoi(text.c_str());
    return m >= 1 && m <= 12 ? m : -1;
  }
  return text.empty() ? 0 : lexicon_.month(text);
}

bool Reader::date_parts(const Groups& group, const Context& context, DateParts& d) const {
  const auto day = day_number(group("day")), day2 = day_number(group("day2"));
  if (!day || !day2) return false;
  d.day = *day;
  d.day2 = *day2;
  d.month = month_number(group("month"));
  d.month2 = month_number(group("month2"));
  if (d.month < 0 || d.month2 < 0) return false;
  if (const std::string quarter = group("quarter"); !quarter.empty()) {
    const auto q = lexicon_.quarter_of.find(Lexicon::key(quarter));
    if (q == lexicon_.quarter_of.end()) return false;
    d.month = 3 * q->second - 2;
    d.last_month = 3 * q->second;
  }
  if (!group("n1").empty()) numeric_day_month(group, context.us_dates, d);
  if (!group("year").empty()) d.year = std::atoi(group("year").c_str());
  if (d.year && d.year < 100) d.year += d.year < 50 ? 2000 : 1900;  // "21.04.16"
  if (!group("dow").empty()) d.weekday = lexicon_.weekday(trim(group("dow")));
  if (const std::string rel = Lexicon::key(trim(group("relyear"))); !rel.empty()) {
    const auto r = lexicon_.relative_dates.find(rel);
    if (r == lexicon_.relative_dates.end() || r->second.unit != ruleset::RelativeUnit::year)
      return false;
    d.relative_year = true;
    d.year_offset = r->second.offset;
  }
  if (!d.month && d.month2) d.month = d.month2;  // "from 3 to 9 March"
  if (d.day2 && !d.month2) d.month2 = d.month;
  if (!d.last_month) d.last_month = d.month;
  return true;
}

// Numeric day and month: by convention (day first unless --us-dates), but
// a figure over 12 can only be the day ("02/22/2016").
void Reader::numeric_day_month(const Groups& group, bool us_dates, DateParts& d) const {
  const int n1 = std::atoi(group("n1").c_str()), n2 = std::atoi(group("n2").c_str());
  const bool month_first = n1 <= 12 && (n2 > 12 || us_dates);
  d.day = month_first ? n2 : n1;
  d.month = month_first ? n1 : n2;
}

// The year of a date the text gives without one, from the anchor (the
// article's date or its story's): the anchor's, or the one before or after
// as the tense says; a weekday given beside it picks the year nearest the
// anchor whose date falls on that day. 0 when there is nothing to go by.
int Reader::year_for(const DateParts& d, const Groups& group, std::size_t begin,
                     const Context& context) const {
  const std::optional<long> anchor = anchor_day(context);
  if (!anchor) return 0;
  int ry, rm, rd;
  civil_from_days(*anchor, ry, rm, rd);
  if (d.relative_year) return ry + d.year_offset;
  const Tense tense = date_tense(lexicon_, context, group.text, begin, group.mention.end);
  const bool forward = tense != Tense::back;
  const int month = d.month2 ? d.month2 : d.last_month;
  const int day = d.day2 ? d.day2 : d.day;
  // A range's start in a later month than its end is in the year before.
  const int start_year = d.month2 && d.month > d.month2 ? ry - 1 : ry;
  const long first = days_from_civil(start_year, d.month, d.day ? d.day : 1);
  const long last = days_from_civil(ry, month, day ? day : days_in_month(ry, month));
  int year = year_by_tense(first, last, *anchor, ry, tense);
  // An article dated only by its story was written on a day known only
  // roughly: a reading the tense puts most of a year from the story's day
  // may lie on the other side of the article's; then the nearest one wins.
  constexpr long kRoughly = 270;
  if (anchor != context.ref_day && gap_to(first, last, *anchor, year - ry) > kRoughly)
    year = nearest_year(first, last, *anchor, ry, forward);
  if (d.weekday < 0 || !d.day) return year;
  return year_of_weekday_near(d.day, d.month, d.weekday, *anchor, forward).value_or(year);
}

bool Reader::read_calendar_date(const Groups& group, Quantity& q, const Context& context) const {
  Value& v = q.value;
  v.unit = "date";
  DateParts d;
  if (!date_parts(group, context, d)) return false;
  if (d.year && (d.year < 1000 || d.year > 9999)) return false;
  if (d.month == 0 && d.day == 0 && d.year) {  // a year: its days
    v.lo = days_from_civil(d.year, 1, 1);
    v.hi = days_from_civil(d.year, 12, 31);
    return true;
  }
  if (d.month < 1 || d.month > 12 || d.month2 > 12 ||
      d.day > days_in_month(d.year ? d.year : 2000, d.month) ||
      (d.month2 && d.day2 > days_in_month(d.year ? d.year : 2000, d.month2)))
    return false;
  const int year = d.year ? d.year : year_for(d, group, group.first_begin(), context);
  if (!year) {
    char buf[16];
    if (d.day)
      std::snprintf(buf, sizeof buf, "--%02d-%02d", d.month, d.day);
    else
      std::snprintf(buf, sizeof buf, "--%02d", d.month);
    v.partial = buf;
    return true;
  }
  v.lo = days_from_civil(year, d.month, d.day ? d.day : 1);
  v.hi = days_from_civil(year, d.last_month, d.day ? d.day : days_in_month(year, d.last_month));
  if (d.day2) {
    // The year printed belongs to the end; a start after it is the year before.
    v.hi = days_from_civil(year, d.month2, d.day2);
    if (*v.lo > *v.hi) v.lo = days_from_civil(year - 1, d.month, d.day);
    v.hedge = "range";
  }
  return true;
}

// "2025-26", "the 2024/25 financial year", "FY2024": a year that starts in
// the month the lexicon gives its word; with no word, every reading the
// lexicon knows (from the earliest start to the latest end).
bool Reader::read_year_span(const Groups& group, Value& v) const {
  v.unit = "date";
  const int year = std::atoi(group("year").c_str());
  if (year < 1000 || year > 9999 || lexicon_.year_starts.empty()) return false;
  if (const std::string second = group("year2"); !second.empty()) {
    const int y2 = std::atoi(second.c_str());
    if (y2 != year + 1 && y2 != (year + 1) % 100) return false;
  }
  double first = 12, last = 1;
  const auto word = lexicon_.year_starts.find(Lexicon::key(trim(group("span"))));
  if (word != lexicon_.year_starts.end()) {
    first = last = word->second;
  } else {
    for (const auto& [w, month] : lexicon_.year_starts)
      first = std::min(first, month), last = std::max(last, month);
  }
  v.lo = days_from_civil(year, static_cast<int>(first), 1);
  v.hi = days_from_civil(year + 1, static_cast<int>(last), 1) - 1;
  return true;
}

// A share said as a majority: more than half, or more than the fraction
// before it ("a two-thirds majority").
// "a slim majority" is the share the lexicon gives it; "the majority did not
// vote" (group `negated`) is the rest of the whole.
bool Reader::read_majority(const Groups& group, Value& v) const {
  const std::string words = Lexicon::key(group("majority"));
  const auto space = words.rfind(' ');
  const std::string adjective = space == std::string::npos ? "" : words.substr(0, space);
  const auto fraction = adjective.empty() ? std::nullopt : lexicon_.fraction(adjective);
  const auto share = lexicon_.majorities.find(adjective);
  double lo = fraction ? *fraction * 100.0 : 50.0, hi = 100.0;
  if (share != lexicon_.majorities.end()) lo = share->second.lo, hi = share->second.hi;
  v.unit = "%";
  v.hedge = "more_than";
  if (!group("negated").empty()) {
    std::tie(lo, hi) = std::pair{100.0 - hi, 100.0 - lo};
    v.hedge = "less_than";
  }
  v.lo = lo;
  v.hi = hi;
  return true;
}

// "hundreds of people", "tens of thousands of": at least the lexicon's figure.
bool Reader::read_vague(const ruleset::Rule& rule, const Groups& group, Value& v) const {
  const auto it = lexicon_.vague_numbers.find(Lexicon::key(group("vague")));
  if (it == lexicon_.vague_numbers.end()) return false;
  v.unit = unit_of(rule, group, "");
  if (rule.kind == ruleset::Kind::count) v.counted = squash_spaces(lower(group("counted")));
  v.hedge = "at_least";
  v.lo = it->second;
  v.hi.reset();
  return true;
}

// "two to three thousand": the scale word of the upper end serves both.
double Reader::shared_scale(const std::string& lower_text, const std::string& upper_text,
                            double figure, double upper) const {
  if (figure >= 1000) return 1.0;
  auto words_of = [](const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t j = std::min(s.find(' ', i), s.size());
      if (j > i) out.push_back(s.substr(i, j - i));
      i = j + 1;
    }
    return out;
  };
  const auto lower_words = words_of(lower(lower_text));
  for (const auto& word : words_of(lower(upper_text))) {
    const auto scale = lexicon_.multipliers.find(word);
    if (scale == lexicon_.multipliers.end() || word.size() < 2) continue;  // not "m", "k"
    if (std::find(lower_words.begin(), lower_words.end(), word) == lower_words.end() &&
        figure * scale->second <= upper)
      return scale->second;
  }
  return 1.0;
}

// The figure itself, or "full-time", a fraction or an ordinal in its place.
std::optional<double> Reader::read_main_figure(const ruleset::Rule& rule,
                                               const Groups& group) const {
  const std::string num_text = group("num");
  std::optional<double> figure = num_text.empty() ? std::nullopt : parse_number(num_text);
  if (!group("full").empty() && !figure) figure = 5.0;  // full-time: every day of a five-day week
  if (!group("frac").empty()) {
    figure = lexicon_.fraction(group("frac"));
    if (figure && rule.kind == ruleset::Kind::percentage) *figure *= 100.0;
  }
  if (const std::string ordinal = group("ordinal"); !ordinal.empty()) {
    // "21st" by its digits; "third", "twenty-first" through ICU's spell-out rules.
    figure = std::isdigit(static_cast<unsigned char>(ordinal[0]))
                 ? std::optional<double>(std::atof(ordinal.c_str()))
                 : parse_number(ordinal);
  }
  return figure;
}

// The unit a figure of this rule is in; money's from its currency word.
std::string Reader::unit_of(const ruleset::Rule& rule, const Groups& group,
                            const std::string& subunit_code) const {
  if (!rule.unit.empty()) return rule.unit;
  switch (rule.kind) {
    case ruleset::Kind::percentage:
      return "%";
    case ruleset::Kind::count:
      return "count";
    case ruleset::Kind::money: {
      if (!subunit_code.empty()) return subunit_code;
      const std::string code = lexicon_.currency(trim(group("cur")));
      return code.empty() ? std::string(trim(group("cur"))) : code;
    }
    case ruleset::Kind::ratio:
      return "days/week";
    case ruleset::Kind::points:
      return "points";
    case ruleset::Kind::ordinal:
      return "ordinal";
    case ruleset::Kind::measure:
    case ruleset::Kind::duration: {
      const std::string unit =
          lexicon_.unit(trim(group("unit")), rule.kind == ruleset::Kind::duration);
      return unit.empty() ? "number" : unit;
    }
    default:
      return "number";
  }
}

bool Reader::read_figure(const ruleset::Rule& rule, const Groups& group,
                         const std::optional<HedgeMeaning>& hedge, Value& v) const {
  const std::string num_text = group("num");
  std::optional<double> figure = read_main_figure(rule, group);
  if (!figure) return false;
  std::optional<double> figure2;
  if (!group("num2").empty()) {
    figure2 = parse_number(group("num2"));
    if (!figure2) return false;
    *figure *= shared_scale(num_text, group("num2"), *figure, *figure2);
  }
  const auto mult = lexicon_.multiplier(trim(group("mult")));
  if (!mult) return false;
  double scale = *mult;
  // Pence and cents: the figure in the main unit.
  std::string subunit_code;
  if (const std::string sub = group("sub"); !sub.empty()) {
    std::string word(trim(sub));
    while (!word.empty() && (word[0] == '-' || word[0] == ' ')) word.erase(0, 1);
    const auto it = lexicon_.subunit_of.find(Lexicon::key(word));
    if (it == lexicon_.subunit_of.end()) return false;
    subunit_code = it->second.first;
    scale /= it->second.second;
  }
  const bool percentage = rule.kind == ruleset::Kind::percentage;
  if (!group("den").empty()) {
    auto den = parse_number(group("den"));
    if (!den || *den <= 0) return false;
    if (percentage)
      scale = 100.0 / *den;
    else if (rule.kind == ruleset::Kind::ratio)
      scale = 5.0 / *den;  // "two days out of five": of a working week
  }
  const double value = *figure * scale;
  const double value2 = figure2 ? *figure2 * scale : value;
  v.printed = value;
  if (figure2) v.printed2 = value2;

  // Printed precision: "85%" stands for anything that rounds to 85.
  const bool rounds = percentage && group("den").empty();
  auto half_of = [&](const std::string& digits) {
    return rounds ? 0.5 * std::pow(10.0, -decimals_of(digits)) : 0.0;
  };
  const double half = half_of(num_text);
  if (const std::string old_text = group("old"); !old_text.empty())
    if (auto old = parse_number(old_text)) {
      const double o = *old * scale;
      v.previous = Previous{o, std::max(0.0, o - half_of(old_text)), o + half_of(old_text)};
    }
  const double half2 = figure2 ? half_of(group("num2")) : half;
  const double lo = value - half, hi = value2 + half2;

  v.unit = unit_of(rule, group, subunit_code);
  if (rule.kind == ruleset::Kind::count) v.counted = squash_spaces(lower(group("counted")));
  if (rule.kind == ruleset::Kind::ratio) v.place = ruleset::to_string(rule.place);

  if (figure2) {
    v.hedge = "range";
    v.lo = lo;
    v.hi = hi;
  } else if (hedge && hedge->kind != HedgeKind::range) {
    apply_hedge(v, *hedge, value, lo, hi);
  } else {
    v.lo = lo;
    v.hi = hi;
  }
  if (!group("sign").empty()) {
    negate(v);  // "minus 5", "-4.2%": below zero
    return true;
  }
  if (v.lo && *v.lo < 0) v.lo = 0.0;
  if (rounds && v.hi && *v.hi > 100 && value <= 100) v.hi = 100.0;
  return true;
}

namespace {
nlohmann::ordered_json number_json(double d) {
  const double r = std::round(d);
  if (std::fabs(d - r) < 1e-9 && std::fabs(r) < 9e15) return static_cast<long long>(r);
  return std::round(d * 1e6) / 1e6;
}
}  // namespace

nlohmann::ordered_json to_json(const Value& v) {
  nlohmann::ordered_json j;
  const bool date = v.unit == "date";
  auto bound = [&](const std::optional<double>& b) -> nlohmann::ordered_json {
    if (!b) return nullptr;
    return date ? nlohmann::ordered_json(format_day(static_cast<long>(*b))) : number_json(*b);
  };
  j["lo"] = bound(v.lo);
  j["hi"] = bound(v.hi);
  j["unit"] = v.unit;
  j["hedge"] = v.hedge;
  if (v.printed && !date) j["printed"] = number_json(*v.printed);
  if (v.printed2 && !date) j["printed2"] = number_json(*v.printed2);
  if (!v.counted.empty()) j["counted"] = v.counted;
  if (!v.place.empty()) j["place"] = v.place;
  if (!v.partial.empty()) j["partial"] = v.partial;
  if (v.previous)
    j["previous"] = {{"lo", number_json(v.previous->lo)},
                     {"hi", number_json(v.previous->hi)},
                     {"printed", number_json(v.previous->printed)}};
  return j;
}

std::optional<Value> previous_value(const Value& value) {
  if (!value.previous) return std::nullopt;
  Value v;
  v.unit = value.unit;
  v.place = value.place;
  v.counted = value.counted;
  v.printed = value.previous->printed;
  v.lo = value.previous->lo;
  v.hi = value.previous->hi;
  return v;
}

Value value_from_json(const nlohmann::json& j) {
  Value v;
  v.unit = j.value("unit", "");
  v.hedge = j.value("hedge", "none");
  auto bound = [&](const char* key) -> std::optional<double> {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    if (j[key].is_string()) {
      auto d = parse_iso_day(j[key].get<std::string>());
      return d ? std::optional<double>(*d) : std::nullopt;
    }
    return j[key].get<double>();
  };
  v.lo = bound("lo");
  v.hi = bound("hi");
  if (j.contains("printed")) v.printed = j["printed"].get<double>();
  if (j.contains("printed2")) v.printed2 = j["printed2"].get<double>();
  v.counted = j.value("counted", "");
  v.place = j.value("place", "");
  v.partial = j.value("partial", "");
  if (j.contains("previous") && j["previous"].is_object()) {
    const auto& p = j["previous"];
    v.previous = Previous{p.value("printed", 0.0), p.value("lo", 0.0), p.value("hi", 0.0)};
  }
  return v;
}

namespace {
std::string format_number(double d) {
  char buf[64];
  if (std::fabs(d - std::round(d)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
    std::string s = buf, out;
    const std::size_t start = s[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i > start && (s.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(s[i]);
    }
    return out;
  }
  std::snprintf(buf, sizeof buf, "%.2f", d);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// A unit that is an ISO 4217 code: three capital letters.
bool is_currency(const std::string& unit) {
  return unit.size() == 3 &&
         std::all_of(unit.begin(), unit.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// ICU's English symbol of a currency ("£", "$", "CA$"); "" where it has none.
std::string currency_symbol(const std::string& code) {
  UChar iso[4] = {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]),
                  static_cast<UChar>(code[2]), 0};
  UBool is_choice = false;
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  const UChar* name = ucurr_getName(iso, "en", UCURR_SYMBOL_NAME, &is_choice, &length, &status);
  if (U_FAILURE(status) || !name || status == U_USING_DEFAULT_WARNING) return "";
  std::string symbol;
  icu::UnicodeString(name, length).toUTF8String(symbol);
  return symbol == code ? "" : symbol;
}

// English month names from ICU's calendar data: "November".
std::string month_name(int month) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale::getEnglish(), status);
  int32_t count = 0;
  const icu::UnicodeString* names = symbols.getMonths(count);
  if (U_FAILURE(status) || month < 1 || month > count) return std::to_string(month);
  std::string name;
  names[month - 1].toUTF8String(name);
  return name;
}

std::string format_amount(const Value& v, double d) {
  if (v.unit == "%") return format_number(d) + "%";
  if (is_currency(v.unit)) {
    const std::string sym = currency_symbol(v.unit);
    if (sym.empty()) return format_number(d);
    if (std::fabs(d) >= 1e9) return sym + format_number(d / 1e9) + "bn";
    if (std::fabs(d) >= 1e6) return sym + format_number(d / 1e6) + "m";
    if (std::fabs(d) < 1) {  // a sub-unit sum keeps its figures: 6.24p is £0.0624
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f", d);
      std::string s = buf;
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
      return sym + s;
    }
    return sym + format_number(d);
  }
  return format_number(d);
}
}  // namespace

std::string describe(const Value& v) {
  if (v.unit == "date") {
    if (v.partial.starts_with("--")) {
      const int month = std::atoi(v.partial.substr(2, 2).c_str());
      const int day = v.partial.size() >= 7 ? std::atoi(v.partial.substr(5, 2).c_str()) : 0;
      if (month < 1 || month > 12) return v.partial + " (year unknown)";
      return (day ? std::to_string(day) + " " : "") + month_name(month) + " (year unknown)";
    }
    if (!v.partial.empty()) return v.partial + " (no date to anchor it)";
    if (!v.lo) return "date";
    if (v.lo == v.hi) return format_day(static_cast<long>(*v.lo));
    return format_day(static_cast<long>(*v.lo)) + " to " + format_day(static_cast<long>(*v.hi));
  }
  std::string suffix;
  if (v.unit == "days/week")
    suffix = " days/week" + (v.place.empty() ? "" : " (" + v.place + ")");
  else if (v.unit == "count" && !v.counted.empty())
    suffix = " " + v.counted;
  else if (v.unit != "%" && v.unit != "count" && v.unit != "number" &&
           !(is_currency(v.unit) && !currency_symbol(v.unit).empty()))
    suffix = " " + v.unit;
  const double p = v.printed.value_or(v.lo.value_or(0));
  std::string figure;
  if (v.printed2)
    figure = format_amount(v, p) + "-" + format_amount(v, *v.printed2);
  else
    figure = format_amount(v, p);
  const auto hedge = ruleset::hedge_from_string(v.hedge);
  const std::string prefix = hedge ? ruleset::label(*hedge) : "";
  return (prefix.empty() ? "" : prefix + " ") + figure + suffix;
}

}  // namespace claimdiff::quantity
