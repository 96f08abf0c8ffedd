#include "claim/claim.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <span>
#include <tuple>

#include "claim/subject.h"

namespace claimdiff::claim {

namespace {

// The sentence a figure stands in, with the figure's place in it. The text is
// the article's decoded text, not the normalised one: a quote keeps the
// characters the outlet printed. A run-on "sentence" (a page with no full
// stops) is cut to a window around the figure, on spaces, marked with "...".
struct Quote {
  std::string text;
  Position span;
  std::uint32_t figure_begin = 0, figure_end = 0;
};

Quote quote_around(const ingest::Article& article, const text::Document& doc,
                   const text::Sentence& sentence, std::size_t begin, std::size_t end) {
  constexpr std::size_t kMaxQuote = 600, kSide = 250;
  std::size_t from = sentence.begin, to = sentence.end;
  if (sentence.end - sentence.begin > kMaxQuote) {
    from = begin > sentence.begin + kSide ? begin - kSide : sentence.begin;
    to = std::min(sentence.end, end + kSide);
    const std::string& t = doc.text;
    while (from > sentence.begin && t[from - 1] != ' ' && begin - from < kSide + 40) --from;
    while (to < sentence.end && t[to] != ' ' && to - end < kSide + 40) ++to;
    // Never cut inside a UTF-8 sequence.
    while (from < begin && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) ++from;
    while (to > end && to < t.size() && (static_cast<unsigned char>(t[to]) & 0xC0) == 0x80) --to;
  }
  const std::string before = from > sentence.begin ? "..." : "";
  const std::string after = to < sentence.end ? "..." : "";
  const text::Span outer = doc.original_span(from, to), figure = doc.original_span(begin, end);
  Quote q;
  q.span = {outer.begin, outer.end, ""};
  const auto& map = article.text_to_original;
  if (map.empty()) {  // no decoded text behind the document: quote it as normalised
    q.text = before + std::string(doc.slice(from, to)) + after;
    q.figure_begin = static_cast<std::uint32_t>(before.size() + begin - from);
    q.figure_end = static_cast<std::uint32_t>(before.size() + end - from);
    return q;
  }
  auto decoded = [&](std::uint32_t original) { return ingest::text_offset(map, original); };
  const std::size_t db = std::min(decoded(outer.begin), article.text.size());
  const std::size_t de = std::clamp(decoded(outer.end), db, article.text.size());
  q.text = before + article.text.substr(db, de - db) + after;
  const std::size_t fb = std::clamp(decoded(figure.begin), db, de);
  const std::size_t fe = std::clamp(decoded(figure.end), fb, de);
  q.figure_begin = static_cast<std::uint32_t>(before.size() + fb - db);
  q.figure_end = static_cast<std::uint32_t>(before.size() + fe - db);
  return q;
}

struct SpeakerSeen {
  std::string who, role;
  std::size_t block = 0;
};

double base_confidence(const Claim& c) {
  double conf = c.generic() ? 0.4 : 0.9;
  if (c.furniture()) conf *= 0.5;
  if (c.value.hedge != "none" && c.value.hedge != "range") conf *= 0.9;
  if (!c.value.partial.empty()) conf *= 0.5;
  return std::round(conf * 100) / 100;
}

// The group a counted noun names ("officers", "support staff"), from the
// counted-noun scope rules; "" when none names it.
std::string counted_scope(const ruleset::RuleSet& rules, const std::string& counted) {
  if (counted.empty()) return "";
  for (const auto& rule : rules.rules)
    if (rule.layer == ruleset::Layer::scope && rule.match_on == ruleset::MatchOn::counted &&
        re2::RE2::FullMatch(counted, *rule.re))
      return rule.scope;
  return "";
}

// What one article's build needs at every figure: the rules, the text, and
// the attributions seen so far.
struct ArticleBuild {
  const ruleset::RuleSet& rules;
  text::Stemmer& stemmer;
  const ingest::Article& article;
  const text::Document& doc;
  std::map<std::size_t, const SentenceFacts*> facts_of;
  std::vector<SpeakerSeen> speakers;  // attributions seen so far, in article order
  std::optional<long> anchor_day;     // the day its dates were read against
  bool include_furniture = false;
};

// One sentence's speaker and scope mentions, for the figures in it.
struct SentenceCues {
  const SentenceFacts& facts;
  const text::Sentence& sentence;
  std::vector<const ruleset::Mention*> speakers, scopes;
};

// The attribute rule for a figure: of the figure's kind, highest priority
// whose value group holds most of it. Rules that `take: previous` name the figure before a change.
const ruleset::Rule* attribute_rule(const ruleset::RuleSet& rules, const SentenceFacts& f,
                                    const quantity::Quantity& q, ruleset::Take take) {
  const ruleset::Rule* best = nullptr;
  std::size_t best_overlap = 0;
  for (const auto& m : f.mentions) {
    const ruleset::Rule& rule = rules.rules[m.rule];
    // A rule names figures of its own kind: a count rule never labels a percentage.
    if (rule.layer != ruleset::Layer::attribute || rule.take != take || rule.kind != q.kind)
      continue;
    const ruleset::Group* g = m.group("value");
    const std::size_t lo = std::max(g->begin, q.begin), hi = std::min(g->end, q.end);
    if (hi <= lo) continue;
    const std::size_t overlap = hi - lo;
    if (!best || rule.priority > best->priority ||
        (rule.priority == best->priority && overlap > best_overlap)) {
      best = &rule;
      best_overlap = overlap;
    }
  }
  return best;
}

// The first speaker in the sentence where a quote that is open at sentence
// `s` closes, if it closes soon.
const ruleset::Mention* attribution_after(const ArticleBuild& b, std::size_t s) {
  constexpr std::size_t kQuoteSentences = 6;
  const auto& sentences = b.doc.sentences;
  for (std::size_t next = s; next < sentences.size() && next <= s + kQuoteSentences; ++next) {
    const text::Sentence& sentence = sentences[next];
    if (next > s && (sentence.block != sentences[s].block || !sentence.quote_at_start.inside()))
      return nullptr;
    if (sentence.quote_at_end.inside()) continue;
    auto it = b.facts_of.find(next);
    if (it == b.facts_of.end()) return nullptr;
    for (const auto& m : it->second->mentions)
      if (b.rules.rules[m.rule].layer == ruleset::Layer::speaker && m.begin >= sentence.begin)
        return &m;
    return nullptr;
  }
  return nullptr;
}

// An attribution after the figure counts only in the figure's clause: "walk
// out on 2 June, and the council says ..." is not the council's date.
bool reaches(const ArticleBuild& b, const ruleset::Mention& speaker, const quantity::Quantity& q) {
  if (speaker.begin < q.end) return true;
  const std::string_view between = b.doc.slice(q.end, speaker.begin);
  for (const auto& boundary : b.rules.lexicon.clause_breaks)
    if (between.find(boundary) != std::string_view::npos) return false;
  return true;
}

void set_speaker(const ArticleBuild& b, const ruleset::Mention& m, Claim& c) {
  const ruleset::Group* who = m.group("who");
  c.speaker = std::string(b.doc.slice(who->begin, who->end));
  c.speaker_role = b.rules.rules[m.rule].role;
}

// Who says it: an attribution in the sentence that reaches the figure, else
// for a quote the one where it closes or the last one before it.
void attribute_speaker(const ArticleBuild& b, const SentenceCues& cues, const quantity::Quantity& q,
                       Claim& c) {
  text::QuoteState at_figure = cues.sentence.quote_at_start;
  at_figure.feed(b.doc.text, cues.sentence.begin, q.begin);
  c.speaker = "outlet";
  c.speaker_role = "outlet";
  auto distance = [&](const ruleset::Mention* m) {
    return m->begin > q.begin ? m->begin - q.begin : q.begin - m->end;
  };
  const ruleset::Mention* nearest = nullptr;
  for (const auto* m : cues.speakers)
    if (reaches(b, *m, q) && (!nearest || distance(m) < distance(nearest))) nearest = m;
  if (nearest) {
    set_speaker(b, *nearest, c);
  } else if (at_figure.inside()) {
    c.speaker = "unattributed quote";
    c.speaker_role = "other";
    if (const ruleset::Mention* later = attribution_after(b, cues.facts.sentence))
      set_speaker(b, *later, c);
    else if (!b.speakers.empty() && cues.sentence.block - b.speakers.back().block <= 3) {
      c.speaker = b.speakers.back().who;
      c.speaker_role = b.speakers.back().role;
    }
  }
  if (c.speaker_role.empty()) c.speaker_role = "other";
}

// What the attribute rule says the figure measures, and for which group.
void apply_attribute(const ArticleBuild& b, const SentenceCues& cues, const ruleset::Rule& rule,
                     const quantity::Quantity& q, Claim& claim) {
  claim.attribute = rule.attribute;
  claim.attribute_rule = rule.id;
  claim.base = rule.base;
  claim.share_of = rule.share_of;
  claim.scope = rule.scope;
  if (claim.scope.empty() && rule.scope_from_counted)
    claim.scope = counted_scope(b.rules, claim.value.counted);
  // A dated figure says when, not who: scope cues are for the other kinds.
  if (claim.scope.empty() && q.kind != ruleset::Kind::date)
    for (const auto* cue : cues.scopes)
      if (cue->end <= q.begin) {
        claim.scope = b.rules.rules[cue->rule].scope;
        claim.scope_from_cue = true;
      }
  if (rule.place != ruleset::Place::unset && claim.value.unit == "days/week")
    claim.value.place = ruleset::to_string(rule.place);
}

// The claim of one figure as printed, before any attribute: where, what, quote.
Claim figure_claim(const ArticleBuild& b, const SentenceCues& cues, const quantity::Quantity& q) {
  Claim c;
  const ingest::Article& article = b.article;
  c.story = article.story;
  c.article = article.file;
  c.outlet = article.meta.outlet.known() ? article.meta.outlet.value : article.file;
  c.published = article.meta.published.value;
  c.region = text::to_string(cues.sentence.region);
  c.kind = ruleset::to_string(q.kind);
  c.text = std::string(b.doc.slice(q.begin, q.end));
  c.value = q.value;
  Quote quote = quote_around(article, b.doc, cues.sentence, q.begin, q.end);
  c.quote = std::move(quote.text);
  c.quote_span = quote.span;
  c.figure_begin = quote.figure_begin;
  c.figure_end = quote.figure_end;
  const text::Span span = b.doc.original_span(q.begin, q.end);
  c.span = {span.begin, span.end, c.region};
  c.rule = b.rules.rules[cues.facts.mentions[q.mention].rule].id;
  return c;
}

// A whole month that ended within two months before `day` (or is its
// month): the period the latest statistics of a story cover.
bool recent_month(const quantity::Value& v, std::optional<long> day) {
  constexpr long kRecentDays = 62;
  constexpr std::size_t kMonth = 7;  // "2024-04"
  if (!day || !v.lo || !v.hi || detail::iso_of(v).size() != kMonth) return false;
  return *v.lo <= *day && *v.hi >= *day - kRecentDays;
}

// The month a statistic covers, just after it ("inflation was 2.3% in
// April", "4.0% in the year to March", in a May article) or opening its
// sentence ("In April, inflation fell to 2.3%"): part of the figure's
// subject (its `when`), not a fact of its own. A day ("fell 4% on
// Tuesday"), a past period ("11.1% in October 2022") and a month with no
// figure beside it are facts.
bool covers_a_figure(const ArticleBuild& b, const SentenceCues& cues,
                     const quantity::Quantity& date) {
  if (date.kind != ruleset::Kind::date || !recent_month(date.value, b.anchor_day)) return false;
  const auto& figures = cues.facts.quantities;
  auto is_figure = [](const quantity::Quantity& q) { return q.kind != ruleset::Kind::date; };
  const std::string_view opening = b.doc.slice(date.end, std::min(date.end + 1, cues.sentence.end));
  const ruleset::Lexicon& lexicon = b.rules.lexicon;
  // "In April," / "in the year to March": the lexicon's COVERED_BY words.
  auto covers = [&](std::string words) {
    if (!words.empty() && words.front() == ',') words = ruleset::Lexicon::key(words.substr(1));
    return words.empty() || lexicon.in_list("COVERED_BY", words);
  };
  const bool opens = covers(ruleset::Lexicon::key(b.doc.slice(cues.sentence.begin, date.begin)));
  if (opens && opening == "," && std::any_of(figures.begin(), figures.end(), [&](const auto& q) {
        return is_figure(q) && q.begin > date.end;
      }))
    return true;
  for (const auto& q : figures) {
    if (!is_figure(q) || q.end > date.begin || date.begin - q.end > 24) continue;
    // Lexicon::key trims the gap: "" is a space, "in" is " in ".
    if (covers(ruleset::Lexicon::key(b.doc.slice(q.end, date.begin)))) return true;
  }
  return false;
}

// The article's own date after a label of the lexicon's DATELINE_LABEL list
// ("Published May 22, 2024", "Updated: 6 March"), or alone at the start of
// its text ("2024-05-22 Energy costs ..." where a page's date line ran into
// its first paragraph): a dateline, page furniture.
bool is_dateline(const ArticleBuild& b, const SentenceCues& cues, const quantity::Quantity& q) {
  if (q.kind != ruleset::Kind::date || !b.anchor_day || !q.value.lo || !q.value.hi ||
      *q.value.lo != *q.value.hi || static_cast<long>(*q.value.lo) != *b.anchor_day)
    return false;
  std::string before = ruleset::Lexicon::key(b.doc.slice(cues.sentence.begin, q.begin));
  if (!before.empty() && before.back() == ':') before.pop_back();
  const bool first = !b.doc.sentences.empty() && &cues.sentence == &b.doc.sentences.front();
  if (first && before.empty()) return true;
  const auto labels = b.rules.lexicon.lists.find("DATELINE_LABEL");
  if (labels == b.rules.lexicon.lists.end()) return false;
  // The label opens its line, or is printed with a capital after other
  // furniture ("... | Published May 22, 2024"); "the report, published on
  // 22 May 2024, found" is prose.
  return std::any_of(labels->second.begin(), labels->second.end(), [&](const std::string& l) {
    const std::string label = ruleset::Lexicon::key(l);
    if (before == label) return true;
    if (!before.ends_with(" " + label)) return false;
    std::string_view printed = b.doc.slice(cues.sentence.begin, q.begin);
    while (!printed.empty() && (printed.back() == ' ' || printed.back() == ':'))
      printed.remove_suffix(1);
    if (printed.size() < label.size()) return false;
    const std::string_view word = printed.substr(printed.size() - label.size());
    return ruleset::Lexicon::key(word) == label &&
           std::isupper(static_cast<unsigned char>(word.front())) != 0;
  });
}

// A whole number a subject rule names ("cases rise to 58", "just over 9,000
// work in the UK") counts what its head says: a count, on the counts' axis.
void counted_by_head(const quantity::Quantity& q, Claim& c) {
  const quantity::Value& v = c.value;
  const bool whole = v.printed && std::floor(*v.printed) == *v.printed;
  if (q.kind != ruleset::Kind::number || c.subject.head_rule.empty() || !whole) return;
  c.kind = ruleset::to_string(ruleset::Kind::count);
  c.value.unit = "count";
}

// The claims of one figure: itself, and the figure before a change when a
// rule names it ("up from two days a week").
void figure_claims(const ArticleBuild& b, const SentenceCues& cues, const quantity::Quantity& q,
                   std::vector<Claim>& claims) {
  const ruleset::Rule* best = attribute_rule(b.rules, cues.facts, q, ruleset::Take::figure);
  const ruleset::Rule* before =
      q.value.previous ? attribute_rule(b.rules, cues.facts, q, ruleset::Take::previous) : nullptr;
  Subject subject = detail::read_subject({b.rules, b.doc, cues.sentence, cues.facts, q}, b.stemmer);
  // A bare number or a position says nothing on its own; a number a subject
  // rule names ("a 14,696-vote majority") does.
  if (!best && (q.kind == ruleset::Kind::ordinal ||
                (q.kind == ruleset::Kind::number && subject.head_rule.empty()) ||
                covers_a_figure(b, cues, q)))
    return;
  Claim c = figure_claim(b, cues, q);
  if (is_dateline(b, cues, q)) {
    if (!b.include_furniture) return;
    c.region = text::to_string(text::Region::dateline);
  }
  c.subject = std::move(subject);
  counted_by_head(q, c);
  if (!best) {
    c.attribute = "generic." + c.kind;
    c.context = q.value.counted;
  }
  attribute_speaker(b, cues, q, c);
  if (before) {
    Claim p = c;
    p.value = *quantity::previous_value(q.value);
    apply_attribute(b, cues, *before, q, p);
    p.id_salt = "previous";
    // The figure before a change is about the same thing, at an earlier time.
    p.subject.role = Role::previous;
    p.subject.role_words.clear();
    p.confidence = base_confidence(p);
    claims.push_back(std::move(p));
  }
  if (best) apply_attribute(b, cues, *best, q, c);
  c.confidence = base_confidence(c);
  claims.push_back(std::move(c));
}

// A cue scopes a figure only where the article splits the attribute between
// groups: "staff in support roles may work from home two days" alone is
// about the policy, not one group of it.
void drop_lone_scopes(std::vector<Claim>& claims) {
  std::map<std::string, std::set<std::string>> scopes_of;
  for (const auto& c : claims)
    if (!c.scope.empty()) scopes_of[c.attribute].insert(c.scope);
  for (auto& c : claims)
    if (c.scope_from_cue && scopes_of[c.attribute].size() < 2) c.scope.clear();
}

int telling_rank(const Claim& claim) {
  if (claim.furniture()) return 4;
  if (claim.region == "body") return 0;
  if (claim.region == "standfirst") return 1;
  if (claim.region == "headline") return 2;
  return 3;
}

// Two equal figures of one article are one fact unless their subjects tell
// them apart: two different heads, two different roles other than a result
// (a headline's "10% higher" and the body's "a 10% increase" are one), a
// denial against an assertion, or two different dates. A retelling often
// drops words, so a missing head, role or date does not split. A date needs
// a word of its clause in common, its head counted, unless one is a
// retelling outside the body's region: "in 2022" said of two events is two
// claims, and so are "opened on Wednesday" and "by Wednesday afternoon".
bool same_fact(const Claim& a, const Claim& b) {
  const Subject &x = a.subject, &y = b.subject;
  auto differ = [](const std::string& p, const std::string& q) {
    return !p.empty() && !q.empty() && p != q;
  };
  const bool roles_differ = x.role != y.role && x.role != Role::result && y.role != Role::result;
  if (differ(x.head, y.head) || roles_differ || x.negated != y.negated || differ(x.when, y.when) ||
      differ(x.per, y.per) || differ(x.direction, y.direction))
    return false;
  // A headline, standfirst or caption retells the body's date in few words.
  const bool retold = a.region != b.region;
  if (a.kind != "date" || retold) return true;
  auto words_of = [](const Subject& s) {
    std::vector<std::string> words = s.terms;
    if (!s.head.empty()) words.push_back(s.head);
    return words;
  };
  const std::vector<std::string> xw = words_of(x), yw = words_of(y);
  constexpr std::size_t kShared = 1;
  std::size_t shared = 0;
  for (const auto& t : xw) shared += std::find(yw.begin(), yw.end(), t) != yw.end();
  return shared >= std::min({kShared, xw.size(), yw.size()});
}

// The main telling of a fact: the body's if there is one; the others are its
// further positions.
void add_copy(Claim& first, Claim&& c) {
  if (telling_rank(c) < telling_rank(first)) {
    c.also_at.push_back(first.span);
    for (auto& p : first.also_at) c.also_at.push_back(p);
    first = std::move(c);
  } else {
    first.also_at.push_back(c.span);
  }
}

// Everything of a value that tells two figures apart, as a map key: each
// number exactly (hex), the figure as printed only where it is no date.
std::string value_key(const quantity::Value& v) {
  std::string key;
  auto add = [&](const std::optional<double>& n) {
    char buffer[32] = "-";
    if (n) std::snprintf(buffer, sizeof buffer, "%a", *n);
    key += buffer;
    key += '\x1f';
  };
  const bool date = v.unit == "date";
  add(v.lo);
  add(v.hi);
  add(date ? std::nullopt : v.printed);
  add(date ? std::nullopt : v.printed2);
  if (v.previous) {
    add(v.previous->lo);
    add(v.previous->hi);
    add(v.previous->printed);
  }
  for (const std::string* text : {&v.unit, &v.hedge, &v.counted, &v.place, &v.partial})
    key += *text + '\x1f';
  return key;
}

// One figure told twice in an article (a caption, a standfirst) is one claim.
std::vector<Claim> merge_copies(std::vector<Claim>& claims) {
  std::vector<Claim> merged;
  std::map<std::string, std::vector<std::size_t>> seen;  // equal figures, by what they measure
  for (auto& c : claims) {
    const std::string key = c.attribute + '\x1f' + c.context + '\x1f' + c.scope + '\x1f' + c.base +
                            '\x1f' + c.kind + '\x1f' + value_key(c.value);
    std::vector<std::size_t>& equal = seen[key];
    auto same = std::find_if(equal.begin(), equal.end(),
                             [&](std::size_t i) { return same_fact(merged[i], c); });
    if (same != equal.end()) {
      add_copy(merged[*same], std::move(c));
      continue;
    }
    equal.push_back(merged.size());
    merged.push_back(std::move(c));
  }
  for (auto& c : merged)
    c.id = stable_hash(c.story + '\x1f' + c.article + '\x1f' + std::to_string(c.span.begin) +
                       '\x1f' + std::to_string(c.span.end) + '\x1f' + c.rule +
                       (c.id_salt.empty() ? "" : '\x1f' + c.id_salt));
  return merged;
}

SentenceCues cues_of(ArticleBuild& b, const SentenceFacts& f) {
  SentenceCues cues{f, b.doc.sentences[f.sentence], {}, {}};
  for (const auto& m : f.mentions) {
    const ruleset::Rule& rule = b.rules.rules[m.rule];
    if (rule.layer == ruleset::Layer::speaker) {
      cues.speakers.push_back(&m);
      const ruleset::Group* who = m.group("who");
      b.speakers.push_back(
          {std::string(b.doc.slice(who->begin, who->end)), rule.role, cues.sentence.block});
    } else if (rule.layer == ruleset::Layer::scope) {
      cues.scopes.push_back(&m);  // "those in support roles", in order
    }
  }
  return cues;
}

}  // namespace

bool Claim::furniture() const {
  const auto r = text::region_from_string(region);
  return r && !text::is_article_region(*r);
}

std::string stable_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// "73 confirmed cases, up from 61 on Tuesday": a previous value printed right
// after a figure, with no head of its own, is of that figure's head.
void previous_of_figure_before(std::span<Claim> sentence) {
  for (Claim& c : sentence) {
    if (c.subject.role != Role::previous || !c.subject.head.empty()) continue;
    const Claim* before = nullptr;  // the nearest figure before it, in one quote
    for (const Claim& o : sentence)
      if (o.quote == c.quote && o.figure_end <= c.figure_begin &&
          o.subject.role != Role::previous && (!before || o.figure_end > before->figure_end))
        before = &o;
    if (!before || before->subject.head.empty() || before->value.unit != c.value.unit) continue;
    const std::string_view between =
        std::string_view(c.quote).substr(before->figure_end, c.figure_begin - before->figure_end);
    if (between.find_first_not_of(", ") != std::string_view::npos) continue;
    c.subject.head = before->subject.head;
    c.subject.head_words = before->subject.head_words;
    if (c.subject.terms.empty()) c.subject.terms = before->subject.terms;
  }
}

// attribute -> speaker -> scope per figure, then scopes and copies per article.
std::vector<Claim> build(const ruleset::RuleSet& rules, text::Stemmer& stemmer,
                         const ingest::Article& article, const text::Document& doc,
                         const std::vector<SentenceFacts>& facts, const Options& options) {
  ArticleBuild b{
      rules, stemmer, article, doc, {}, {}, options.anchor_day, options.include_furniture};
  for (const SentenceFacts& f : facts) b.facts_of[f.sentence] = &f;
  std::vector<Claim> claims;
  for (const SentenceFacts& f : facts) {
    if (!text::is_article_region(doc.sentences[f.sentence].region) && !options.include_furniture)
      continue;
    const SentenceCues cues = cues_of(b, f);
    const std::size_t first = claims.size();
    for (const quantity::Quantity& q : f.quantities) figure_claims(b, cues, q, claims);
    previous_of_figure_before(std::span(claims).subspan(first));
  }
  drop_lone_scopes(claims);
  return merge_copies(claims);
}

namespace {
// A byte offset of a span from JSON: a whole number that fits, else the line is
// rejected like any other malformed claim (nlohmann's own cast would be UB).
std::uint32_t offset_of(const nlohmann::json& span, std::size_t i) {
  const nlohmann::json& v = span.at(i);
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() > UINT32_MAX)
    throw nlohmann::json::type_error::create(302, "a span offset must be a whole number of bytes",
                                             &v);
  return static_cast<std::uint32_t>(v.get<std::uint64_t>());
}
}  // namespace

nlohmann::ordered_json subject_to_json(const Subject& s) {
  nlohmann::ordered_json j;
  j["head"] = s.head;
  if (!s.head_words.empty()) j["head_words"] = s.head_words;
  j["terms"] = s.terms;
  j["role"] = to_string(s.role);
  if (!s.role_words.empty()) j["role_words"] = s.role_words;
  if (!s.when.empty()) j["when"] = s.when;
  if (!s.per.empty()) j["per"] = s.per;
  if (!s.direction.empty()) j["direction"] = s.direction;
  if (s.negated) j["negated"] = true;
  if (!s.head_rule.empty()) j["head_rule"] = s.head_rule;
  return j;
}

Subject subject_from_json(const nlohmann::json& j) {
  Subject s;
  s.head = j.value("head", "");
  s.head_words = j.value("head_words", "");
  if (j.contains("terms")) s.terms = j["terms"].get<std::vector<std::string>>();
  const auto role = role_from_string(j.value("role", "result"));
  if (!role) throw nlohmann::json::type_error::create(302, "unknown subject role", &j);
  s.role = *role;
  s.role_words = j.value("role_words", "");
  s.when = j.value("when", "");
  s.per = j.value("per", "");
  s.direction = j.value("direction", "");
  s.negated = j.value("negated", false);
  s.head_rule = j.value("head_rule", "");
  return s;
}

nlohmann::ordered_json to_json(const Claim& c) {
  nlohmann::ordered_json j;
  j["id"] = c.id;
  j["story"] = c.story;
  j["article"] = c.article;
  j["outlet"] = c.outlet;
  j["published"] =
      c.published.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.published);
  j["region"] = c.region;
  j["attribute"] = c.attribute;
  if (!c.context.empty()) j["context"] = c.context;
  j["scope"] = c.scope;
  j["base"] = c.base;
  if (!c.share_of.empty()) j["share_of"] = c.share_of;
  j["speaker"] = c.speaker;
  j["speaker_role"] = c.speaker_role;
  j["kind"] = c.kind;
  j["text"] = c.text;
  j["value"] = quantity::to_json(c.value);
  j["quote"] = c.quote;
  j["quote_span"] = {c.quote_span.begin, c.quote_span.end};
  j["figure_in_quote"] = {c.figure_begin, c.figure_end};
  j["span"] = {c.span.begin, c.span.end};
  if (!c.also_at.empty()) {
    auto& also = j["also_at"] = nlohmann::ordered_json::array();
    for (const auto& p : c.also_at)
      also.push_back({{"span", {p.begin, p.end}}, {"region", p.region}});
  }
  j["rule"] = c.rule;
  if (!c.attribute_rule.empty()) j["attribute_rule"] = c.attribute_rule;
  j["confidence"] = c.confidence;
  j["subject"] = subject_to_json(c.subject);
  return j;
}

Claim claim_from_json(const nlohmann::json& j) {
  Claim c;
  c.id = j.at("id").get<std::string>();
  c.story = j.value("story", "");
  c.article = j.value("article", "");
  c.outlet = j.value("outlet", "");
  if (j.contains("published") && j["published"].is_string())
    c.published = j["published"].get<std::string>();
  c.region = j.value("region", "body");
  c.attribute = j.at("attribute").get<std::string>();
  c.context = j.value("context", "");
  c.scope = j.value("scope", "");
  c.base = j.value("base", "");
  c.share_of = j.value("share_of", "");
  c.speaker = j.value("speaker", "outlet");
  c.speaker_role = j.value("speaker_role", "outlet");
  c.kind = j.value("kind", "");
  c.text = j.value("text", "");
  c.value = quantity::value_from_json(j.at("value"));
  c.quote = j.value("quote", "");
  if (j.contains("quote_span"))
    c.quote_span = {offset_of(j["quote_span"], 0), offset_of(j["quote_span"], 1), ""};
  if (j.contains("figure_in_quote")) {
    c.figure_begin = offset_of(j["figure_in_quote"], 0);
    c.figure_end = offset_of(j["figure_in_quote"], 1);
  }
  if (j.contains("span")) c.span = {offset_of(j["span"], 0), offset_of(j["span"], 1), c.region};
  if (j.contains("also_at"))
    for (const auto& p : j["also_at"])
      c.also_at.push_back(
          {offset_of(p.at("span"), 0), offset_of(p.at("span"), 1), p.value("region", "")});
  c.rule = j.value("rule", "");
  c.attribute_rule = j.value("attribute_rule", "");
  c.confidence = j.value("confidence", 0.0);
  if (j.contains("subject")) c.subject = subject_from_json(j["subject"]);
  return c;
}

}  // namespace claimdiff::claim
