#include "claim/claim.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

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
    if (rule.layer == ruleset::Layer::scope && rule.field("match_on") == "counted" &&
        re2::RE2::FullMatch(counted, *rule.re))
      return rule.field("scope");
  return "";
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

std::vector<Claim> build(const ruleset::RuleSet& rules, const ingest::Article& article,
                         const text::Document& doc, const std::vector<SentenceFacts>& facts,
                         const Options& options) {
  std::vector<Claim> claims;
  std::vector<SpeakerSeen> speakers;  // attributions seen so far, in article order

  // The attribution of a quote that closes after the figure's sentence: the
  // first speaker in the sentence where the quotation ends, if it ends soon.
  std::map<std::size_t, const SentenceFacts*> facts_of;
  for (const SentenceFacts& f : facts) facts_of[f.sentence] = &f;
  auto attribution_after = [&](std::size_t s) -> const ruleset::Mention* {
    constexpr std::size_t kQuoteSentences = 6;
    for (std::size_t next = s; next < doc.sentences.size() && next <= s + kQuoteSentences; ++next) {
      const text::Sentence& sentence = doc.sentences[next];
      if (next > s &&
          (sentence.block != doc.sentences[s].block || !sentence.quote_at_start.inside()))
        return nullptr;
      if (sentence.quote_at_end.inside()) continue;
      auto it = facts_of.find(next);
      if (it == facts_of.end()) return nullptr;
      for (const auto& m : it->second->mentions)
        if (rules.rules[m.rule].layer == ruleset::Layer::speaker && m.begin >= sentence.begin)
          return &m;
      return nullptr;
    }
    return nullptr;
  };

  for (const SentenceFacts& f : facts) {
    const text::Sentence& sentence = doc.sentences[f.sentence];
    const bool article_region = text::is_article_region(sentence.region);
    if (!article_region && !options.include_furniture) continue;

    std::vector<const ruleset::Mention*> sentence_speakers;
    for (const auto& m : f.mentions) {
      const ruleset::Rule& rule = rules.rules[m.rule];
      if (rule.layer != ruleset::Layer::speaker) continue;
      sentence_speakers.push_back(&m);
      const ruleset::Group* who = m.group("who");
      speakers.push_back(
          {std::string(doc.slice(who->begin, who->end)), rule.field("role"), sentence.block});
    }

    // Scope cues in this sentence ("those in support roles"), in order.
    std::vector<const ruleset::Mention*> scope_cues;
    for (const auto& m : f.mentions)
      if (rules.rules[m.rule].layer == ruleset::Layer::scope) scope_cues.push_back(&m);

    for (const quantity::Quantity& q : f.quantities) {
      // The attribute: highest-priority rule whose value group holds most of the
      // figure. Rules that `take: previous` name the figure before a change.
      auto best_rule = [&](bool previous) {
        const ruleset::Rule* best = nullptr;
        std::size_t best_overlap = 0;
        for (const auto& m : f.mentions) {
          const ruleset::Rule& rule = rules.rules[m.rule];
          if (rule.layer != ruleset::Layer::attribute) continue;
          if ((rule.field("take") == "previous") != previous) continue;
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
      };
      const ruleset::Rule* best = best_rule(false);
      const ruleset::Rule* before = q.value.previous ? best_rule(true) : nullptr;
      // A bare number or a position says nothing on its own.
      if (!best && (q.kind == "number" || q.kind == "ordinal")) continue;

      Claim c;
      c.story = article.story;
      c.article = article.file;
      c.outlet = article.meta.outlet.known() ? article.meta.outlet.value : article.file;
      c.published = article.meta.published.value;
      c.region = text::to_string(sentence.region);
      c.kind = q.kind;
      c.text = std::string(doc.slice(q.begin, q.end));
      c.value = q.value;
      Quote quote = quote_around(article, doc, sentence, q.begin, q.end);
      c.quote = std::move(quote.text);
      c.quote_span = quote.span;
      c.figure_begin = quote.figure_begin;
      c.figure_end = quote.figure_end;
      const text::Span span = doc.original_span(q.begin, q.end);
      c.span = {span.begin, span.end, c.region};
      c.rule = rules.rules[f.mentions[q.mention].rule].id;
      if (!best) {
        c.attribute = "generic." + q.kind;
        c.context = q.value.counted;
      }

      // Who says it: an attribution in the sentence, else the last one before a quote.
      text::QuoteState at_figure = sentence.quote_at_start;
      at_figure.feed(doc.text, sentence.begin, q.begin);
      const bool quoted = at_figure.inside();
      c.speaker = "outlet";
      c.speaker_role = "outlet";
      // The nearest attribution in the sentence that reaches the figure.
      const ruleset::Mention* nearest = nullptr;
      {
        auto distance = [&](const ruleset::Mention* m) {
          return m->begin > q.begin ? m->begin - q.begin : q.begin - m->end;
        };
        // An attribution after the figure counts only in the figure's clause:
        // "walk out on 2 June, and the council says ..." is not the council's date.
        auto reaches = [&](const ruleset::Mention* m) {
          if (m->begin < q.end) return true;
          const std::string_view between = doc.slice(q.end, m->begin);
          for (const char* boundary : {", and ", ", but ", "; ", " while ", " whereas "})
            if (between.find(boundary) != std::string_view::npos) return false;
          return true;
        };
        for (const auto* m : sentence_speakers)
          if (reaches(m) && (!nearest || distance(m) < distance(nearest))) nearest = m;
      }
      if (nearest) {
        const ruleset::Group* who = nearest->group("who");
        c.speaker = std::string(doc.slice(who->begin, who->end));
        c.speaker_role = rules.rules[nearest->rule].field("role");
      } else if (quoted) {
        c.speaker = "unattributed quote";
        c.speaker_role = "other";
        // The quote may close in a later sentence that names who said it.
        if (const ruleset::Mention* later = attribution_after(f.sentence)) {
          const ruleset::Group* who = later->group("who");
          c.speaker = std::string(doc.slice(who->begin, who->end));
          c.speaker_role = rules.rules[later->rule].field("role");
        } else
          for (auto it = speakers.rbegin(); it != speakers.rend(); ++it) {
            if (sentence.block - it->block > 3) break;
            c.speaker = it->who;
            c.speaker_role = it->role;
            break;
          }
      }
      if (c.speaker_role.empty()) c.speaker_role = "other";

      // What the attribute rule says the figure measures, and for which group.
      auto attribute_from = [&](Claim& claim, const ruleset::Rule& rule) {
        claim.attribute = rule.field("attribute");
        claim.attribute_rule = rule.id;
        claim.base = rule.field("base");
        claim.share_of = rule.field("share_of");
        claim.scope = rule.field("scope");
        if (claim.scope.empty() && rule.field("scope_from") == "counted")
          claim.scope = counted_scope(rules, claim.value.counted);
        // A dated figure says when, not who: scope cues are for the other kinds.
        if (claim.scope.empty() && q.kind != "date")
          for (const auto* cue : scope_cues)
            if (cue->end <= q.begin) {
              claim.scope = rules.rules[cue->rule].field("scope");
              claim.scope_from_cue = true;
            }
        if (!rule.field("place").empty() && claim.value.unit == "days/week")
          claim.value.place = rule.field("place");
      };
      if (before) {
        Claim p = c;
        p.value = *quantity::previous_value(q.value);
        attribute_from(p, *before);
        p.id_salt = "previous";
        p.confidence = base_confidence(p);
        claims.push_back(std::move(p));
      }
      if (best) attribute_from(c, *best);
      c.confidence = base_confidence(c);
      claims.push_back(std::move(c));
    }
  }

  // A cue scopes a figure only where the article splits the attribute between
  // groups: "staff in support roles may work from home two days" alone is
  // about the policy, not one group of it.
  std::map<std::string, std::set<std::string>> scopes_of;
  for (const auto& c : claims)
    if (!c.scope.empty()) scopes_of[c.attribute].insert(c.scope);
  for (auto& c : claims)
    if (c.scope_from_cue && scopes_of[c.attribute].size() < 2) c.scope.clear();

  auto telling_rank = [](const Claim& claim) {
    if (claim.furniture()) return 4;
    if (claim.region == "body") return 0;
    if (claim.region == "standfirst") return 1;
    if (claim.region == "headline") return 2;
    return 3;
  };
  // One figure told twice in an article (a caption, a standfirst) is one claim.
  std::vector<Claim> merged;
  std::map<std::string, std::size_t> seen;
  for (auto& c : claims) {
    const std::string key = c.attribute + '\x1f' + c.context + '\x1f' + c.scope + '\x1f' + c.base +
                            '\x1f' + c.kind + '\x1f' + quantity::to_json(c.value).dump();
    auto it = seen.find(key);
    if (it == seen.end()) {
      seen.emplace(key, merged.size());
      merged.push_back(std::move(c));
      continue;
    }
    Claim& first = merged[it->second];
    // The main position is the body's telling if there is one: a caption or a
    // headline repeats the body, furniture repeats anything.
    if (telling_rank(c) < telling_rank(first)) {
      c.also_at.push_back(first.span);
      for (auto& p : first.also_at) c.also_at.push_back(p);
      first = std::move(c);
    } else {
      first.also_at.push_back(c.span);
    }
  }
  for (auto& c : merged) {
    c.id = stable_hash(c.story + '\x1f' + c.article + '\x1f' + std::to_string(c.span.begin) +
                       '\x1f' + std::to_string(c.span.end) + '\x1f' + c.rule +
                       (c.id_salt.empty() ? "" : '\x1f' + c.id_salt));
  }
  return merged;
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
    c.quote_span = {j["quote_span"][0].get<std::uint32_t>(),
                    j["quote_span"][1].get<std::uint32_t>(), ""};
  if (j.contains("figure_in_quote")) {
    c.figure_begin = j["figure_in_quote"][0].get<std::uint32_t>();
    c.figure_end = j["figure_in_quote"][1].get<std::uint32_t>();
  }
  if (j.contains("span"))
    c.span = {j["span"][0].get<std::uint32_t>(), j["span"][1].get<std::uint32_t>(), c.region};
  if (j.contains("also_at"))
    for (const auto& p : j["also_at"])
      c.also_at.push_back({p["span"][0].get<std::uint32_t>(), p["span"][1].get<std::uint32_t>(),
                           p.value("region", "")});
  c.rule = j.value("rule", "");
  c.attribute_rule = j.value("attribute_rule", "");
  c.confidence = j.value("confidence", 0.0);
  return c;
}

}  // namespace claimdiff::claim
