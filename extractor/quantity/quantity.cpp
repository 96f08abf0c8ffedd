#include "quantity/quantity.h"

#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>

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

struct HedgeInfo {
  const char* name;
  bool slight;  // "slightly more than", "just over": the value sits close to the bound
};

// Hedge words of English news, normalised to a few kinds; the kind decides the bounds.
std::optional<HedgeInfo> read_hedge(std::string_view raw) {
  const std::string h = squash_spaces(lower(trim(raw)));
  if (h.empty()) return std::nullopt;
  struct Entry {
    const char* text;
    HedgeInfo info;
  };
  static constexpr Entry kHedges[] = {
      {"slightly more than", {"more_than", true}},
      {"just over", {"more_than", true}},
      {"just more than", {"more_than", true}},
      {"slightly over", {"more_than", true}},
      {"a little over", {"more_than", true}},
      {"a little more than", {"more_than", true}},
      {"just above", {"more_than", true}},
      {"slightly above", {"more_than", true}},
      {"well over", {"more_than", false}},
      {"more than", {"more_than", false}},
      {"over", {"more_than", false}},
      {"above", {"more_than", false}},
      {"in excess of", {"more_than", false}},
      {"at least", {"at_least", false}},
      {"no fewer than", {"at_least", false}},
      {"no less than", {"at_least", false}},
      {"a minimum of", {"at_least", false}},
      {"just under", {"less_than", true}},
      {"slightly less than", {"less_than", true}},
      {"slightly fewer than", {"less_than", true}},
      {"just below", {"less_than", true}},
      {"fewer than", {"less_than", false}},
      {"less than", {"less_than", false}},
      {"under", {"less_than", false}},
      {"below", {"less_than", false}},
      {"nearly", {"nearly", false}},
      {"almost", {"nearly", false}},
      {"close to", {"approx", false}},
      {"at most", {"at_most", false}},
      {"up to", {"at_most", false}},
      {"as many as", {"at_most", false}},
      {"no more than", {"at_most", false}},
      {"a maximum of", {"at_most", false}},
      {"about", {"approx", false}},
      {"around", {"approx", false}},
      {"approximately", {"approx", false}},
      {"roughly", {"approx", false}},
      {"some", {"approx", false}},
      {"an estimated", {"approx", false}},
      {"estimated", {"approx", false}},
      {"circa", {"approx", false}},
      {"as few as", {"as_few_as", false}},
      {"as little as", {"as_few_as", false}},
      {"only", {"as_few_as", false}},
      {"between", {"range", false}},
      {"from", {"range", false}},
  };
  for (const auto& e : kHedges)
    if (h == e.text) return e.info;
  return std::nullopt;
}

int decimals_of(std::string_view digits) {
  const auto dot = digits.find('.');
  if (dot == std::string_view::npos) return 0;
  int n = 0;
  for (std::size_t i = dot + 1;
       i < digits.size() && std::isdigit(static_cast<unsigned char>(digits[i])); ++i)
    ++n;
  return n;
}

std::optional<double> multiplier(std::string_view raw) {
  const std::string m = lower(trim(raw));
  if (m.empty()) return 1.0;
  if (m == "k" || m == "thousand" || m == "000") return 1e3;
  if (m == "m" || m == "mn" || m == "million" || m == "millions") return 1e6;
  if (m == "bn" || m == "b" || m == "billion" || m == "billions") return 1e9;
  if (m == "tn" || m == "trillion") return 1e12;
  return std::nullopt;
}

std::string currency_of(std::string_view raw) {
  const std::string c = lower(trim(raw));
  if (c == "£" || c.starts_with("pound") || c == "gbp" || c.starts_with("sterling")) return "GBP";
  if (c == "$" || c == "us$" || c.starts_with("dollar") || c == "usd") return "USD";
  if (c == "€" || c.starts_with("euro") || c == "eur") return "EUR";
  std::string up(trim(raw));
  std::transform(up.begin(), up.end(), up.begin(),
                 [](unsigned char ch) { return std::toupper(ch); });
  return up;
}

int month_of(std::string_view raw) {
  const std::string m = lower(trim(raw));
  static constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i)
    if (m.starts_with(kMonths[static_cast<std::size_t>(i)])) return i + 1;
  if (!m.empty() &&
      std::all_of(m.begin(), m.end(), [](unsigned char c) { return std::isdigit(c); })) {
    const int n = std::stoi(m);
    if (n >= 1 && n <= 12) return n;
  }
  return 0;
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

// Words that make a sentence about a date look forward: news mostly looks back.
bool looks_forward(std::string_view sentence, std::string_view before_date) {
  static const re2::RE2 kForward(
      "(?i)\\b(?:will|shall|opens|opening|expected|due|scheduled|set to|plans? to|planned|"
      "next|begins?|starts?|closes|closing|ends|would|is to|are to|from|until|by)\\b");
  static const re2::RE2 kForwardJustBefore("(?i)\\b(?:from|next|until|by|on)\\s*$");
  if (re2::RE2::PartialMatch(before_date, kForwardJustBefore) &&
      !re2::RE2::PartialMatch(before_date, "(?i)\\bon\\s*$"))
    return true;
  return re2::RE2::PartialMatch(sentence, kForward);
}

int weekday_of(std::string_view raw) {  // 0 = Monday
  const std::string w = lower(trim(raw));
  static constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};
  for (int i = 0; i < 7; ++i)
    if (w.starts_with(kDays[static_cast<std::size_t>(i)])) return i;
  return -1;
}

// 1970-01-01 was a Thursday.
int weekday_of_day(long day) {
  return static_cast<int>(((day % 7) + 7 + 3) % 7);
}

// "yesterday", "last week", "next month", "the New Year", "on Tuesday": an
// interval of days from the article's date. Without that date the value stays
// unresolved, its words kept in `partial`.
bool read_relative_date(std::string_view rel_raw, std::string_view weekday_raw,
                        std::string_view dir_raw, bool forward, std::optional<long> ref, Value& v) {
  const std::string rel = squash_spaces(lower(trim(rel_raw)));
  const std::string dir = squash_spaces(lower(trim(dir_raw)));
  const int weekday = weekday_raw.empty() ? -1 : weekday_of(weekday_raw);
  if (!weekday_raw.empty() && weekday < 0) return false;
  if (!ref) {
    // The new year is January whatever the year: a partial date like "January".
    v.partial = weekday >= 0        ? (dir.empty() ? "" : dir + " ") + lower(trim(weekday_raw))
                : rel == "new year" ? "--01"
                                    : rel;
    return true;
  }
  const long today = *ref;
  int y, m, d;
  civil_from_days(today, y, m, d);
  auto month_span = [&](int year, int month) {
    while (month < 1) month += 12, --year;
    while (month > 12) month -= 12, ++year;
    v.lo = days_from_civil(year, month, 1);
    v.hi = days_from_civil(year, month, days_in_month(year, month));
  };
  const long monday = today - weekday_of_day(today);
  if (weekday >= 0) {
    // News looks back: a bare weekday is the latest one on or before the
    // article's day, unless the words or the sentence look forward.
    const bool ahead = dir == "next" || dir == "from" || dir == "until" || dir == "by" ||
                       dir == "this coming" || (dir != "last" && dir != "since" && forward);
    long day = today;
    if (ahead) {
      do ++day;
      while (weekday_of_day(day) != weekday);
    } else {
      while (weekday_of_day(day) != weekday) --day;
      if (dir == "last" && day == today) day -= 7;
    }
    v.lo = v.hi = static_cast<double>(day);
    return true;
  }
  if (rel == "today" || rel == "tonight" || rel == "this morning" || rel == "this afternoon" ||
      rel == "this evening") {
    v.lo = v.hi = static_cast<double>(today);
  } else if (rel == "yesterday") {
    v.lo = v.hi = static_cast<double>(today - 1);
  } else if (rel == "tomorrow") {
    v.lo = v.hi = static_cast<double>(today + 1);
  } else if (rel == "last week") {
    v.lo = static_cast<double>(monday - 7);
    v.hi = static_cast<double>(monday - 1);
  } else if (rel == "this week") {
    v.lo = static_cast<double>(monday);
    v.hi = static_cast<double>(monday + 6);
  } else if (rel == "next week") {
    v.lo = static_cast<double>(monday + 7);
    v.hi = static_cast<double>(monday + 13);
  } else if (rel == "last month") {
    month_span(y, m - 1);
  } else if (rel == "this month") {
    month_span(y, m);
  } else if (rel == "next month") {
    month_span(y, m + 1);
  } else if (rel == "last year") {
    v.lo = days_from_civil(y - 1, 1, 1);
    v.hi = days_from_civil(y - 1, 12, 31);
  } else if (rel == "this year") {
    v.lo = days_from_civil(y, 1, 1);
    v.hi = days_from_civil(y, 12, 31);
  } else if (rel == "next year") {
    v.lo = days_from_civil(y + 1, 1, 1);
    v.hi = days_from_civil(y + 1, 12, 31);
  } else if (rel == "new year") {
    // The turn of the year nearest the article: January, the next one from the second half.
    month_span(m >= 7 ? y + 1 : y, 1);
  } else {
    return false;
  }
  return true;
}

// "half", "a third", "two-thirds", "three quarters", "a fifth": the fraction.
// Shared by share rules (`frac`) and parse_number ("a quarter", "half").
std::optional<double> parse_fraction(std::string_view raw) {
  std::string f = squash_spaces(lower(trim(raw)));
  std::replace(f.begin(), f.end(), '-', ' ');
  if (f == "half") return 0.5;
  // Other parts need their count: a bare "third" is an ordinal.
  double count = 0;
  static constexpr std::pair<const char*, double> kCounts[] = {
      {"a ", 1}, {"one ", 1}, {"two ", 2}, {"three ", 3}, {"four ", 4}};
  for (const auto& [word, n] : kCounts)
    if (f.starts_with(word)) {
      count = n;
      f = f.substr(std::strlen(word));
      break;
    }
  if (count == 0) return std::nullopt;
  static constexpr std::pair<const char*, double> kParts[] = {
      {"half", 2},     {"halves", 2}, {"third", 3},  {"thirds", 3}, {"quarter", 4},
      {"quarters", 4}, {"fifth", 5},  {"fifths", 5}, {"tenth", 10}, {"tenths", 10}};
  for (const auto& [word, den] : kParts)
    if (f == word) return count / den;
  return std::nullopt;
}

// Bounds of a hedged figure. [lo, hi] is the printed figure with its rounding.
void apply_hedge(Value& v, const HedgeInfo& hedge, double figure, double lo, double hi) {
  v.hedge = hedge.name;
  const std::string_view kind = hedge.name;
  if (kind == "approx") {
    v.lo = std::min(lo, figure * 0.9);
    v.hi = std::max(hi, figure * 1.1);
  } else if (kind == "more_than") {
    v.lo = figure;
    if (hedge.slight)
      v.hi = std::max(hi, figure * 1.1);
    else
      v.hi.reset();
  } else if (kind == "at_least") {
    v.lo = lo;
    v.hi.reset();
  } else if (kind == "less_than") {
    v.lo = hedge.slight ? figure * 0.9 : 0.0;
    v.hi = figure;
  } else if (kind == "at_most") {
    v.lo = 0.0;
    v.hi = hi;
  } else if (kind == "nearly") {
    v.lo = figure * 0.9;
    v.hi = figure;
  } else {
    v.lo = lo;
    v.hi = hi;
  }
}

std::string text_of(std::string_view text, const ruleset::Group* g) {
  return g ? std::string(text.substr(g->begin, g->end - g->begin)) : std::string();
}

}  // namespace

Reader::Reader() {
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
    for (; i < s.size() &&
           (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ',' || s[i] == '.');
         ++i)
      if (s[i] != ',') digits.push_back(s[i]);
    if (!digits.empty() && digits.back() == '.') digits.pop_back();
    double v;
    try {
      v = std::stod(digits);
    } catch (...) {
      return std::nullopt;
    }
    auto mult = multiplier(std::string_view(s).substr(i));
    if (!mult) return std::nullopt;
    return v * *mult;
  }
  if (s == "a dozen" || s == "dozen") return 12.0;
  if (auto fraction = parse_fraction(s)) return fraction;
  if (s == "zero" || s == "none") return 0.0;
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

std::optional<long> parse_date_text(std::string_view text, bool us_dates) {
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
    m = month_of(a);
  } else if (re2::RE2::PartialMatch(text, kMonthDayYear, &a, &d, &y)) {
    m = month_of(a);
  } else if (re2::RE2::PartialMatch(text, kNumeric, &d, &m, &y)) {
    if (us_dates) std::swap(d, m);
  }
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) || y < 1000) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::optional<Quantity> Reader::read(const ruleset::RuleSet& rules, const ruleset::Mention& mention,
                                     std::string_view text, const Context& context) const {
  const ruleset::Rule& rule = rules.rules[mention.rule];
  if (rule.layer != ruleset::Layer::quantity || rule.kind == "trap") return std::nullopt;
  Quantity q;
  q.kind = rule.kind;
  q.begin = mention.begin;
  q.end = mention.end;
  Value& v = q.value;
  auto group = [&](const char* name) { return text_of(text, mention.group(name)); };

  std::optional<HedgeInfo> hedge;
  if (!rule.field("hedge").empty()) hedge = HedgeInfo{rule.field("hedge").c_str(), false};
  if (auto h = read_hedge(group("hedge"))) hedge = h;

  if (rule.kind == "date" && (!group("rel").empty() || !group("weekday").empty())) {
    v.unit = "date";
    if (hedge) v.hedge = hedge->name;
    const std::size_t window = std::min<std::size_t>(q.begin, 24);
    const bool forward = looks_forward(context.sentence, text.substr(q.begin - window, window));
    if (!read_relative_date(group("rel"), group("weekday"), group("dir"), forward, context.ref_day,
                            v))
      return std::nullopt;
    return q;
  }

  if (rule.kind == "date") {
    v.unit = "date";
    const std::string month_text = group("month");
    int month = month_of(month_text);
    int day = 0, year = 0;
    if (!group("day").empty()) day = std::atoi(group("day").c_str());
    if (!group("year").empty()) year = std::atoi(group("year").c_str());
    if (!group("n1").empty()) {  // numeric day/month, order by convention
      const int n1 = std::atoi(group("n1").c_str()), n2 = std::atoi(group("n2").c_str());
      day = context.us_dates ? n2 : n1;
      month = context.us_dates ? n1 : n2;
    }
    if (year && (year < 1000 || year > 9999)) return std::nullopt;
    if (month == 0 && day == 0 && year) {  // a year: its days
      v.lo = days_from_civil(year, 1, 1);
      v.hi = days_from_civil(year, 12, 31);
    } else if (month == 0) {
      return std::nullopt;
    } else {
      if (day > days_in_month(year ? year : 2000, month)) return std::nullopt;
      if (!year && context.ref_day) {
        int ry, rm, rd;
        civil_from_days(*context.ref_day, ry, rm, rd);
        const std::size_t window = std::min<std::size_t>(q.begin, 24);
        const std::string_view before = text.substr(q.begin - window, window);
        const bool forward = looks_forward(context.sentence, before);
        year = ry;
        const long first = days_from_civil(year, month, day ? day : 1);
        const long last = days_from_civil(year, month, day ? day : days_in_month(year, month));
        if (forward && last < *context.ref_day) ++year;
        if (!forward && first > *context.ref_day) --year;
      }
      if (!year) {
        char buf[16];
        if (day)
          std::snprintf(buf, sizeof buf, "--%02d-%02d", month, day);
        else
          std::snprintf(buf, sizeof buf, "--%02d", month);
        v.partial = buf;
      } else {
        v.lo = days_from_civil(year, month, day ? day : 1);
        v.hi = days_from_civil(year, month, day ? day : days_in_month(year, month));
      }
    }
    if (hedge) v.hedge = hedge->name;
    return q;
  }

  // Shares said in words: "half of", "two-thirds of", "a majority of".
  if (!group("majority").empty()) {
    const std::string majority = lower(group("majority"));
    v.unit = "%";
    v.hedge = "more_than";
    v.lo = majority.find("two-thirds") != std::string::npos ||
                   majority.find("two thirds") != std::string::npos
               ? 200.0 / 3.0
               : 50.0;
    v.hi = 100.0;
    return q;
  }

  // Everything else is a figure, or a range of two.
  const std::string num_text = group("num");
  const std::string full = group("full");
  std::optional<double> figure = num_text.empty() ? std::nullopt : parse_number(num_text);
  if (!full.empty() && !figure) figure = 5.0;  // full-time: every day of a five-day week
  if (!group("frac").empty()) {
    figure = parse_fraction(group("frac"));
    if (figure && rule.kind == "percentage") *figure *= 100.0;
  }
  if (const std::string ordinal = group("ordinal"); !ordinal.empty()) {
    // "21st" by its digits; "third", "twenty-first" through ICU's spell-out rules.
    figure = std::isdigit(static_cast<unsigned char>(ordinal[0]))
                 ? std::optional<double>(std::atof(ordinal.c_str()))
                 : parse_number(ordinal);
  }
  if (!figure) return std::nullopt;
  std::optional<double> figure2;
  if (!group("num2").empty()) {
    figure2 = parse_number(group("num2"));
    if (!figure2) return std::nullopt;
    // "two to three thousand": the scale word of the upper end serves both.
    const std::string upper = lower(group("num2"));
    for (const auto& [word, scale] :
         {std::pair{"billion", 1e9}, {"million", 1e6}, {"thousand", 1e3}})
      if (figure && *figure < 1000 && upper.find(word) != std::string::npos &&
          lower(num_text).find(word) == std::string::npos && *figure * scale <= *figure2) {
        *figure *= scale;
        break;
      }
  }
  double scale = 1.0;
  if (auto m = multiplier(group("mult")))
    scale = *m;
  else
    return std::nullopt;
  if (!group("den").empty()) {
    auto den = parse_number(group("den"));
    if (!den || *den <= 0) return std::nullopt;
    if (rule.kind == "percentage")
      scale = 100.0 / *den;
    else if (rule.kind == "ratio")
      scale = 5.0 / *den;  // "two days out of five": of a working week
  }
  double value = *figure * scale;
  double value2 = figure2 ? *figure2 * scale : value;
  v.printed = value;
  if (figure2) v.printed2 = value2;

  // Printed precision: "85%" stands for anything that rounds to 85.
  const bool rounds = rule.kind == "percentage" && group("den").empty();
  const double half = rounds ? 0.5 * std::pow(10.0, -decimals_of(num_text)) : 0.0;
  if (const std::string old_text = group("old"); !old_text.empty()) {
    if (auto old = parse_number(old_text)) {
      const double old_half = rounds ? 0.5 * std::pow(10.0, -decimals_of(old_text)) : 0.0;
      v.previous =
          Previous{*old * scale, std::max(0.0, *old * scale - old_half), *old * scale + old_half};
    }
  }
  const double half2 = rounds && figure2 ? 0.5 * std::pow(10.0, -decimals_of(group("num2"))) : half;
  const double lo = value - half, hi = value2 + half2;

  if (rule.kind == "percentage")
    v.unit = "%";
  else if (rule.kind == "count")
    v.unit = "count";
  else if (rule.kind == "money")
    v.unit = currency_of(group("cur"));
  else if (rule.kind == "ratio")
    v.unit = "days/week";
  else if (rule.kind == "points")
    v.unit = "points";
  else if (rule.kind == "ordinal")
    v.unit = "ordinal";
  else
    v.unit = "number";
  if (!rule.field("unit").empty()) v.unit = rule.field("unit");
  if (rule.kind == "count") v.counted = squash_spaces(lower(group("counted")));
  if (rule.kind == "ratio") {
    v.place = rule.field("place");
    const std::string place = lower(group("place"));
    if (place.find("home") != std::string::npos || place.find("remote") != std::string::npos)
      v.place = "home";
    else if (!place.empty())
      v.place = "office";
  }

  if (figure2) {
    v.hedge = "range";
    v.lo = lo;
    v.hi = hi;
  } else if (hedge && std::string_view(hedge->name) != "range") {
    apply_hedge(v, *hedge, value, lo, hi);
  } else {
    v.lo = lo;
    v.hi = hi;
  }
  if (v.lo && *v.lo < 0) v.lo = 0.0;
  if (rule.kind == "percentage" && group("den").empty() && v.hi && *v.hi > 100 && value <= 100)
    v.hi = 100.0;
  return q;
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

std::string format_amount(const Value& v, double d) {
  if (v.unit == "%") return format_number(d) + "%";
  if (v.unit == "days/week") return format_number(d);
  if (v.unit == "GBP" || v.unit == "USD" || v.unit == "EUR") {
    const char* sym = v.unit == "GBP" ? "£" : v.unit == "USD" ? "$" : "€";
    if (std::fabs(d) >= 1e9) return sym + format_number(d / 1e9) + "bn";
    if (std::fabs(d) >= 1e6) return sym + format_number(d / 1e6) + "m";
    return sym + format_number(d);
  }
  return format_number(d);
}
}  // namespace

std::string describe(const Value& v) {
  if (v.unit == "date") {
    if (v.partial.starts_with("--")) {
      static const char* kNames[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
      const int month = std::atoi(v.partial.substr(2, 2).c_str());
      const int day = v.partial.size() >= 7 ? std::atoi(v.partial.substr(5, 2).c_str()) : 0;
      if (month < 1 || month > 12) return v.partial + " (year unknown)";
      return (day ? std::to_string(day) + " " : "") + kNames[month - 1] + " (year unknown)";
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
  else if (v.unit != "%" && v.unit != "count" && v.unit != "number" && v.unit != "GBP" &&
           v.unit != "USD" && v.unit != "EUR")
    suffix = " " + v.unit;
  const double p = v.printed.value_or(v.lo.value_or(0));
  std::string figure;
  if (v.printed2)
    figure = format_amount(v, p) + "-" + format_amount(v, *v.printed2);
  else
    figure = format_amount(v, p);
  static const std::pair<const char*, const char*> kWords[] = {
      {"approx", "about "},        {"more_than", "more than "}, {"at_least", "at least "},
      {"less_than", "less than "}, {"at_most", "up to "},       {"nearly", "nearly "},
      {"as_few_as", "as few as "}};
  std::string prefix;
  for (const auto& [h, w] : kWords)
    if (v.hedge == h) prefix = w;
  return prefix + figure + suffix;
}

}  // namespace claimdiff::quantity
