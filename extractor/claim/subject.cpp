#include "claim/subject.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "util/strings.h"

namespace claimdiff::claim::detail {

namespace {

constexpr std::size_t kMaxTerms = 8;
constexpr std::size_t kMaxGap = 3;  // words a "..." of a phrase may stand for
// Words between a role phrase and a date it speaks of: "due by 3 June",
// not "how much the pair must repay will be settled in June".
constexpr std::size_t kDateRoleNear = 3;
constexpr std::size_t kNegationAfter = 4;  // words after a figure a negation reaches
constexpr std::size_t kPerAfter = 4;       // and what it is per ("rose 0.4% over the month")

// A word of the clause, or a whole figure: words are matched on keys (lower
// case), and a figure is one token so that phrases see "#" where it stands.
struct Token {
  enum class Type { word, figure, other_figure };
  Type type = Type::word;
  std::string word;  // lower case; empty for figures
  std::size_t begin = 0, end = 0;
  std::size_t hash = 0;  // PhraseTable::hash_of(word), or of "#" for the figure
};

bool word_byte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80 || c == '\'' || c == '-';
}

// A letter or digit: ASCII, or a character of U+00C0-U+EFFF outside
// U+2000-U+2FFF. Bullets, dashes, curly quotes and signs (U+0080-U+00BF,
// U+2000-U+2FFF), variation selectors and presentation forms (U+F000-U+FFFF)
// and emoji (beyond U+FFFF) are no word: "•" and "✅️" are no terms.
bool has_letter(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return std::isalnum(c) || (c >= 0xC3 && c <= 0xEE && c != 0xE2);
  });
}

// Where `needle` last occurs in `hay`, or npos. string_view::rfind compares
// at every byte; find looks for the first character first.
std::size_t last_of(std::string_view hay, std::string_view needle) {
  std::size_t last = std::string_view::npos;
  for (std::size_t at = hay.find(needle); at != std::string_view::npos;
       at = hay.find(needle, at + 1))
    last = at;
  return last;
}

// The clause the figure stands in: the sentence, cut at the nearest clause
// breaks of the lexicon on either side of the figure.
std::pair<std::size_t, std::size_t> clause_of(const SubjectInput& in) {
  const std::string_view text = in.doc.text;
  std::size_t from = in.sentence.begin, to = in.sentence.end;
  for (const auto& brk : in.rules.lexicon.clause_breaks) {
    const std::string_view before = text.substr(from, in.figure.begin - from);
    if (const std::size_t at = last_of(before, brk); at != std::string_view::npos)
      from += at + brk.size();
    const std::string_view after = text.substr(in.figure.end, to - in.figure.end);
    if (const std::size_t at = after.find(brk); at != std::string_view::npos)
      to = in.figure.end + at;
  }
  return {from, to};
}

// The clause as tokens; every figure of the sentence inside it is one token.
std::vector<Token> tokens_of(const SubjectInput& in, std::size_t from, std::size_t to) {
  std::vector<Token> tokens;
  const std::string_view text = in.doc.text;
  // The figures that reach into the clause: the only ones a position can be in.
  std::vector<const quantity::Quantity*> near;
  for (const auto& q : in.facts.quantities)
    if (q.begin < to && from < q.end) near.push_back(&q);
  std::size_t i = from;
  while (i < to) {
    const quantity::Quantity* at = nullptr;
    for (const quantity::Quantity* q : near)
      if (q->begin <= i && i < q->end) at = q;
    if (at) {
      const bool self = at->begin == in.figure.begin && at->end == in.figure.end;
      tokens.push_back({self ? Token::Type::figure : Token::Type::other_figure, "", at->begin,
                        at->end, ruleset::PhraseTable::hash_of("#")});
      i = at->end;
      continue;
    }
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < to && word_byte(static_cast<unsigned char>(text[e]))) ++e;
    // Quote marks and dashes at a word's edges are no part of it.
    std::size_t b = i;
    while (b < e && (text[b] == '\'' || text[b] == '-')) ++b;
    std::size_t f = e;
    while (f > b && (text[f - 1] == '\'' || text[f - 1] == '-')) --f;
    if (f > b && has_letter(text.substr(b, f - b))) {
      // A word holds no space: its key is its lower case.
      std::string word = util::lower(text.substr(b, f - b));
      const std::size_t hash = ruleset::PhraseTable::hash_of(word);
      tokens.push_back({Token::Type::word, std::move(word), b, f, hash});
    }
    i = e;
  }
  return tokens;
}

// Where phrase word `w` onwards matches tokens from `t`: the end, or npos.
std::size_t match_from(const std::vector<std::string>& words, std::size_t w,
                       const std::vector<Token>& tokens, std::size_t t) {
  if (w == words.size()) return t;
  if (words[w] == "...") {
    for (std::size_t gap = 0; gap <= kMaxGap && t + gap <= tokens.size(); ++gap) {
      if (gap > 0 && tokens[t + gap - 1].type != Token::Type::word) break;
      if (const std::size_t end = match_from(words, w + 1, tokens, t + gap);
          end != std::string::npos)
        return end;
    }
    return std::string::npos;
  }
  if (t >= tokens.size()) return std::string::npos;
  const Token& token = tokens[t];
  const bool ok = words[w] == "#" ? token.type == Token::Type::figure
                                  : token.type == Token::Type::word && token.word == words[w];
  return ok ? match_from(words, w + 1, tokens, t + 1) : std::string::npos;
}

bool has_figure_word(const ruleset::Phrase& p) {
  return std::find(p.words.begin(), p.words.end(), "#") != p.words.end();
}

// No other figure stands between tokens [a, b): a word belongs to the figure
// nearest it.
bool clear_between(const std::vector<Token>& tokens, std::size_t a, std::size_t b) {
  for (std::size_t k = a; k < b && k < tokens.size(); ++k)
    if (tokens[k].type == Token::Type::other_figure) return false;
  return true;
}

struct PhraseHit {
  const ruleset::Phrase* phrase = nullptr;
  std::size_t index = 0;           // the phrase's place in its table: ties go to the first
  std::size_t distance = 0;        // words between the phrase and the figure
  bool anchored = false;           // the phrase holds the figure ("# threshold")
  std::size_t begin = 0, end = 0;  // the tokens it matched
};

// The words a phrase matched, as the clause has them (the figure left out).
std::string words_of(const std::vector<Token>& tokens, const PhraseHit& hit) {
  std::string out;
  for (std::size_t t = hit.begin; t < hit.end; ++t)
    if (tokens[t].type == Token::Type::word) out += (out.empty() ? "" : " ") + tokens[t].word;
  return out;
}

// Phrase `index` of `table` matched from token `i`, if it speaks of the
// figure at token `f`: holds it, ends before it with no other figure
// between, or starts within `reach_after` words after it.
std::optional<PhraseHit> hit_at(const ruleset::PhraseTable& table, std::size_t index,
                                const std::vector<Token>& tokens, std::size_t i, std::size_t f,
                                std::size_t reach_after) {
  const ruleset::Phrase& p = table.all()[index];
  const std::size_t end = match_from(p.words, 0, tokens, i);
  if (end == std::string::npos) return std::nullopt;
  PhraseHit hit{&p, index, 0, has_figure_word(p), i, end};
  if (hit.anchored) {
    if (f < i || f >= end) return std::nullopt;
  } else if (end <= f) {
    if (!clear_between(tokens, end, f)) return std::nullopt;
    hit.distance = f - end;
  } else if (i > f && i - f - 1 < reach_after && clear_between(tokens, f + 1, i)) {
    hit.distance = i - f - 1;
  } else {
    return std::nullopt;
  }
  return hit;
}

// The phrase that speaks of the figure at token `f`: one that holds it, else
// the nearest one before it; a negation also just after it ("did not vote").
// Only the phrases that open with a token's word are tried there.
std::optional<PhraseHit> best_phrase(const ruleset::PhraseTable& table,
                                     const std::vector<Token>& tokens, std::size_t f,
                                     std::size_t reach_after) {
  std::optional<PhraseHit> best;
  auto better = [](const PhraseHit& a, const PhraseHit& b) {
    return std::make_tuple(!a.anchored, a.distance, b.phrase->words.size(), a.index, a.begin) <
           std::make_tuple(!b.anchored, b.distance, a.phrase->words.size(), b.index, b.begin);
  };
  auto consider = [&](std::span<const std::size_t> indexes, std::size_t i) {
    for (const std::size_t index : indexes)
      if (const auto hit = hit_at(table, index, tokens, i, f, reach_after);
          hit && (!best || better(*hit, *best)))
        best = hit;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    consider(table.opening_with_gap(), i);
    if (tokens[i].type != Token::Type::other_figure)
      consider(table.opening_with(tokens[i].hash), i);
  }
  return best;
}

// Role words the figure's own text opens with, as a rule read them into it
// ("up from 61", "risen to 73"): nearer the figure than any other.
const ruleset::Phrase* opening_role(const SubjectInput& in) {
  const std::string text = ruleset::Lexicon::key(in.doc.slice(in.figure.begin, in.figure.end));
  const ruleset::Phrase* best = nullptr;
  const ruleset::PhraseTable& roles = in.rules.lexicon.role_phrases;
  const std::size_t first = ruleset::PhraseTable::hash_of(text.substr(0, text.find(' ')));
  for (const std::size_t index : roles.opening_with(first)) {
    const ruleset::Phrase& p = roles.all()[index];
    if (has_figure_word(p) || std::find(p.words.begin(), p.words.end(), "...") != p.words.end())
      continue;
    std::string opening;
    for (const auto& w : p.words) opening += w + " ";
    if (text.starts_with(opening) && (!best || p.words.size() > best->words.size())) best = &p;
  }
  return best;
}

// The subject rule whose `value` group holds the figure: highest priority,
// then the largest overlap.
const ruleset::Mention* subject_mention(const SubjectInput& in) {
  const ruleset::Mention* best = nullptr;
  std::size_t best_overlap = 0;
  for (const auto& m : in.facts.mentions) {
    const ruleset::Rule& rule = in.rules.rules[m.rule];
    if (rule.layer != ruleset::Layer::subject) continue;
    const ruleset::Group* g = m.group("value");
    const std::size_t lo = std::max(g->begin, in.figure.begin),
                      hi = std::min(g->end, in.figure.end);
    if (hi <= lo) continue;
    const int priority = best ? in.rules.rules[best->rule].priority : 0;
    if (!best || rule.priority > priority ||
        (rule.priority == priority && hi - lo > best_overlap)) {
      best = &m;
      best_overlap = hi - lo;
    }
  }
  return best;
}

// A head that is only function words ("them", "those") or the names of
// months and days ("12 March until Monday") names nothing.
bool names_something(const ruleset::Lexicon& lexicon, const std::string& words) {
  std::size_t from = 0;
  while (from < words.size()) {
    const std::size_t space = std::min(words.find(' ', from), words.size());
    const std::string_view word = std::string_view(words).substr(from, space - from);
    if (!lexicon.is_stop_word(word) && lexicon.month(word) == 0 && lexicon.weekday(word) < 0)
      return true;
    from = space + 1;
  }
  return false;
}

// The head as printed: the subject rule's group, widened by the word before
// it when the two are one head of the lexicon ("death toll"), or the head
// the rule names; else the noun the figure counts.
void read_head(const SubjectInput& in, Subject& s) {
  const ruleset::Lexicon& lexicon = in.rules.lexicon;
  if (const ruleset::Mention* m = subject_mention(in)) {
    const ruleset::Rule& rule = in.rules.rules[m->rule];
    if (!rule.head_is.empty()) {
      s.head_words = rule.head_is;
      s.head_rule = rule.id;
      return;
    }
    const ruleset::Group* head = m->group("head");
    std::string words = ruleset::Lexicon::key(in.doc.slice(head->begin, head->end));
    std::string_view before = in.doc.slice(in.sentence.begin, head->begin);
    if (before.ends_with(' ')) {
      before.remove_suffix(1);
      const std::size_t space = before.rfind(' ');
      const std::string wider =
          ruleset::Lexicon::key(space == std::string_view::npos ? before
                                                                : before.substr(space + 1)) +
          " " + words;
      if (lexicon.synonym_group.count(wider)) words = wider;
    }
    if (names_something(lexicon, words)) {
      s.head_words = words;
      s.head_rule = in.rules.rules[m->rule].id;
      return;
    }
  }
  const std::string counted = ruleset::Lexicon::key(in.figure.value.counted);
  if (!counted.empty() && names_something(lexicon, counted)) s.head_words = counted;
}

bool is_number(const std::string& word) {
  return !word.empty() && std::isdigit(static_cast<unsigned char>(word[0]));
}

// The clause's other content words as stems, nearest the figure first.
void read_terms(const SubjectInput& in, const std::vector<Token>& tokens, std::size_t f,
                text::Stemmer& stemmer, Subject& s) {
  std::vector<std::pair<std::size_t, std::size_t>> order;  // (distance, token)
  for (std::size_t t = 0; t < tokens.size(); ++t)
    if (tokens[t].type == Token::Type::word) order.push_back({t < f ? f - t : t - f, t});
  std::stable_sort(order.begin(), order.end());
  auto in_head = [&](std::string_view word) {
    for (std::string_view rest = s.head_words; !rest.empty();) {
      const std::size_t space = rest.find(' ');
      if (rest.substr(0, space) == word) return true;
      rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
    return false;
  };
  for (const auto& [distance, t] : order) {
    const std::string& word = tokens[t].word;
    if (in.rules.lexicon.is_stop_word(word) || is_number(word) || in_head(word)) continue;
    std::string stem = stemmer.stem(word);
    if (stem == s.head || std::find(s.terms.begin(), s.terms.end(), stem) != s.terms.end())
      continue;
    s.terms.push_back(std::move(stem));
    if (s.terms.size() == kMaxTerms) break;
  }
}

// The words a count prints between its number and the noun it counts ("19
// hospital admissions", "73 confirmed cases"): they say which ones, so they
// are terms, nearest of all.
void read_counted_words(const SubjectInput& in, text::Stemmer& stemmer, Subject& s) {
  if (in.figure.value.counted.empty()) return;
  const std::string text = ruleset::Lexicon::key(in.doc.slice(in.figure.begin, in.figure.end));
  std::vector<std::string> words;
  bool after_number = false;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t space = std::min(text.find(' ', at), text.size());
    const std::string word = text.substr(at, space - at);
    at = space + 1;
    if (!after_number) {
      after_number =
          std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
      continue;
    }
    if (word == in.figure.value.counted) break;
    if (word.empty() || !std::isalpha(static_cast<unsigned char>(word[0])) ||
        in.rules.lexicon.is_stop_word(word))
      continue;
    std::string stem = stemmer.stem(word);
    if (stem != s.head && std::find(s.terms.begin(), s.terms.end(), stem) == s.terms.end())
      words.push_back(std::move(stem));
  }
  s.terms.insert(s.terms.begin(), words.begin(), words.end());
  if (s.terms.size() > kMaxTerms) s.terms.resize(kMaxTerms);
}

}  // namespace

std::string iso_of(const quantity::Value& v) {
  if (!v.lo || !v.hi) return v.partial;
  const std::string lo = quantity::format_day(static_cast<long>(*v.lo));
  const std::string hi = quantity::format_day(static_cast<long>(*v.hi));
  if (lo == hi) return lo;
  const std::string after = quantity::format_day(static_cast<long>(*v.hi) + 1);
  if (lo.substr(5) == "01-01" && after.substr(5) == "01-01" &&
      std::atoi(after.substr(0, 4).c_str()) == std::atoi(lo.substr(0, 4).c_str()) + 1)
    return lo.substr(0, 4);
  if (lo.substr(8) == "01" && after.substr(8) == "01" && after.substr(0, 7) != lo.substr(0, 7) &&
      hi.substr(0, 7) == lo.substr(0, 7))
    return lo.substr(0, 7);
  return lo + "/" + hi;
}

namespace {

// Where the relative clause set off by a comma that the figure stands in
// (", which has 310 pupils,") ends, as a text offset; the sentence's end when
// it stands in none. Its opening words are the lexicon's ASIDE_OPEN list.
std::size_t aside_end(const SubjectInput& in) {
  const std::string_view text = in.doc.text;
  const std::size_t from = in.sentence.begin, to = in.sentence.end;
  const std::size_t comma = text.substr(from, in.figure.begin - from).rfind(',');
  if (comma == std::string_view::npos) return to;
  std::size_t word = from + comma + 1;
  while (word < in.figure.begin && text[word] == ' ') ++word;
  std::size_t end = word;
  while (end < in.figure.begin && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  if (!in.rules.lexicon.in_list("ASIDE_OPEN", util::lower(text.substr(word, end - word))))
    return to;
  const std::size_t close = text.substr(in.figure.end, to - in.figure.end).find(',');
  return close == std::string_view::npos ? to : in.figure.end + close;
}

// The date nearest the figure in its clause, for any figure but a date. A
// figure in a relative aside is dated by what the aside is about, before it
// ("the cap that applied in October, which stood at £1,834"), not by the
// main clause going on after it ("..., which has 310 pupils, closed on
// Monday").
std::string read_when(const SubjectInput& in, const std::vector<Token>& tokens, std::size_t f) {
  if (in.figure.kind == ruleset::Kind::date) return "";
  const std::size_t aside_to = aside_end(in);
  const quantity::Quantity* nearest = nullptr;
  std::size_t nearest_distance = 0;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].type != Token::Type::other_figure) continue;
    if (tokens[t].begin >= aside_to) continue;
    for (const auto& q : in.facts.quantities)
      if (q.begin == tokens[t].begin && q.kind == ruleset::Kind::date) {
        // A date after another figure is that figure's: "44% was the best
        // since 51% in May 2019" does not put the 44% in 2019. One before
        // the figure still dates it ("In April 2024, the rate fell 0.8
        // points to 2.3%").
        if (t > f && !clear_between(tokens, f + 1, t)) continue;
        const std::size_t distance = t < f ? f - t : t - f;
        if (!nearest || distance < nearest_distance) nearest = &q, nearest_distance = distance;
      }
  }
  return nearest ? iso_of(nearest->value) : "";
}

// A span of time in the clause that the figure is a change over, with no
// other figure between: "lost 18% over the past 12 months", "in the last
// six months" ("jailed for six years for stealing £3.1m" is no span). Twelve
// months is a year, as the lexicon's "in the year to" says.
std::string read_span(const SubjectInput& in, const std::vector<Token>& tokens, std::size_t f) {
  auto word = [&](std::size_t t) {
    return t < tokens.size() && tokens[t].type == Token::Type::word ? tokens[t].word : "";
  };
  for (std::size_t t = 1; t < tokens.size(); ++t) {
    if (tokens[t].type != Token::Type::other_figure) continue;
    if (!clear_between(tokens, std::min(t, f) + 1, std::max(t, f))) continue;
    if (!in.rules.lexicon.in_list("SPAN_BEFORE", word(t - 1))) continue;
    for (const auto& q : in.facts.quantities) {
      if (q.begin != tokens[t].begin || q.kind != ruleset::Kind::duration) continue;
      const bool twelve_months = q.value.unit == "months" && q.value.lo && q.value.hi &&
                                 *q.value.lo == 12 && *q.value.hi == 12;
      return twelve_months ? "year" : "over " + quantity::describe(q.value);
    }
  }
  return "";
}

// What the figure is per, from the lexicon: a phrase that holds it ("£240 a
// year", not "6.1% a year ago"), or a word close by ("annual", "over the
// month"; "the annual conference heard that 300 delegates" is not).
std::string read_per(const SubjectInput& in, const std::vector<Token>& tokens, std::size_t f) {
  constexpr std::size_t kPerNear = 3;  // words between an unanchored phrase and the figure
  const auto per = best_phrase(in.rules.lexicon.per_phrases, tokens, f, kPerAfter);
  if (!per || (!per->anchored && per->distance > kPerNear)) return "";
  if (per->end < tokens.size() && tokens[per->end].type == Token::Type::word &&
      in.rules.lexicon.in_list("NOT_PER_AFTER", tokens[per->end].word))
    return "";
  return per->phrase->per;
}

// Which way a share moves, from a direction phrase that holds it ("fell
// 4%", "4% higher", "a 3% rise"): a change, whatever role words said
// otherwise, except a forecast or target of one ("expected to fall 2%").
// Only shares: "lost £180,000" and "cut 400 jobs" are sums and counts, not
// changes of one.
void read_direction(const SubjectInput& in, const std::vector<Token>& tokens, std::size_t f,
                    Subject& s) {
  if (in.figure.kind != ruleset::Kind::percentage) return;
  const auto way = best_phrase(in.rules.lexicon.direction_phrases, tokens, f, 0);
  if (!way || !way->anchored) return;
  s.direction = way->phrase->direction;
  if (s.role == Role::result) s.role = Role::change;
}

// Words that only lead into the figure ("rose by just 0.3%", "up a further
// 2%") stand between no phrase and it: they are taken out of the clause.
void drop_figure_lead(const ruleset::Lexicon& lexicon, std::vector<Token>& tokens, std::size_t& f) {
  auto ends_before_figure = [&](const std::vector<std::string>& words) {
    if (words.size() > f) return false;
    const std::size_t from = f - words.size();
    for (std::size_t k = 0; k < words.size(); ++k)
      if (tokens[from + k].type != Token::Type::word || tokens[from + k].word != words[k])
        return false;
    return true;
  };
  for (bool dropped = true; dropped;) {
    dropped = false;
    for (const auto& words : lexicon.figure_leads) {
      if (!ends_before_figure(words)) continue;
      const std::size_t from = f - words.size();
      tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(from),
                   tokens.begin() + static_cast<std::ptrdiff_t>(f));
      f = from;
      dropped = true;
    }
  }
}

}  // namespace

Subject read_subject(const SubjectInput& in, text::Stemmer& stemmer) {
  Subject s;
  read_head(in, s);
  s.head = stemmer.stem_words(s.head_words);
  const auto [from, to] = clause_of(in);
  std::vector<Token> tokens = tokens_of(in, from, to);
  std::size_t f = 0;
  while (f < tokens.size() && tokens[f].type != Token::Type::figure) ++f;
  if (f == tokens.size()) return s;  // a figure outside its own sentence: nothing more to read
  drop_figure_lead(in.rules.lexicon, tokens, f);
  read_terms(in, tokens, f, stemmer, s);
  read_counted_words(in, stemmer, s);
  const ruleset::Lexicon& lexicon = in.rules.lexicon;
  if (const ruleset::Phrase* own = opening_role(in)) {
    s.role = own->role;
    s.role_words = own->text;
  } else if (const auto role = best_phrase(lexicon.role_phrases, tokens, f, 0);
             role && (in.figure.kind != ruleset::Kind::date || role->distance <= kDateRoleNear)) {
    s.role = role->phrase->role;
    s.role_words = words_of(tokens, *role);
  }
  s.negated = best_phrase(lexicon.negation_phrases, tokens, f, kNegationAfter).has_value();
  read_direction(in, tokens, f, s);
  // A date or a position is per nothing.
  if (in.figure.kind != ruleset::Kind::date && in.figure.kind != ruleset::Kind::ordinal) {
    s.per = read_per(in, tokens, f);
    if (s.per.empty() && in.figure.kind != ruleset::Kind::duration)
      s.per = read_span(in, tokens, f);
  }
  s.when = read_when(in, tokens, f);
  return s;
}

}  // namespace claimdiff::claim::detail
