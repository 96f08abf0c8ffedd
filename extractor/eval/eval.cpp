#include "eval/eval.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace claimdiff::eval {

namespace {

struct Reader {
  std::string path;
  const std::map<std::string, const std::string*>& originals;
  std::vector<Error>& errors;
  bool ok = true;

  void error(const std::string& where, const std::string& message) {
    errors.push_back({path + ": " + where, message});
    ok = false;
  }

  std::string text(const nlohmann::json& j, const char* key, const std::string& where,
                   bool required) {
    if (!j.contains(key)) {
      if (required) error(where, std::string("needs \"") + key + "\"");
      return "";
    }
    if (!j[key].is_string()) {
      error(where, std::string("\"") + key + "\" must be a string");
      return "";
    }
    return j[key].get<std::string>();
  }

  // Finds the quote in its file: the n-th occurrence, first by default.
  bool quote(const nlohmann::json& j, const std::string& where, Quote& q) {
    if (!j.is_object()) {
      error(where, "must be an object with \"file\" and \"quote\"");
      return false;
    }
    q.file = text(j, "file", where, true);
    q.text = text(j, "quote", where, true);
    if (q.file.empty() || q.text.empty()) return false;
    const auto it = originals.find(q.file);
    if (it == originals.end()) {
      error(where, "file '" + q.file + "' is not an article of this story");
      return false;
    }
    int occurrence = 1;
    if (j.contains("occurrence")) {
      if (!j["occurrence"].is_number_integer() || j["occurrence"].get<int>() < 1) {
        error(where, "\"occurrence\" must be a whole number from 1");
        return false;
      }
      occurrence = j["occurrence"].get<int>();
    }
    std::size_t at = std::string::npos, from = 0;
    for (int n = 0; n < occurrence; ++n, from = at + 1)
      if ((at = it->second->find(q.text, from)) == std::string::npos) break;
    if (at == std::string::npos) {
      std::string message = "quote \"" + q.text + "\" does not occur in " + q.file;
      if (occurrence > 1) {  // appended piece by piece: gcc 12 warns falsely on operator+ here
        message += " ";
        message += std::to_string(occurrence);
        message += " times";
      }
      error(where, message);
      return false;
    }
    q.begin = static_cast<std::uint32_t>(at);
    q.end = static_cast<std::uint32_t>(at + q.text.size());
    return true;
  }

  void group(const nlohmann::json& j, const std::string& where, std::vector<Group>& into) {
    if (!j.is_object() || !j.contains("claims") || !j["claims"].is_array()) {
      error(where, "must be an object with \"claims\": [{\"file\", \"quote\"}, ...]");
      return;
    }
    Group g;
    g.where = where;
    g.subject = text(j, "subject", where, false);
    g.why = text(j, "why", where, false);
    for (std::size_t i = 0; i < j["claims"].size(); ++i) {
      Quote q;
      if (quote(j["claims"][i], where + ".claims[" + std::to_string(i) + "]", q))
        g.quotes.push_back(q);
    }
    if (j["claims"].size() < 2) error(where, "needs at least two claims");
    into.push_back(std::move(g));
  }
};

bool overlaps(std::uint32_t b1, std::uint32_t e1, std::uint32_t b2, std::uint32_t e2) {
  return b1 < e2 && b2 < e1;
}

// The claim's position that overlaps the quote: 0 its first, n its n-th
// further copy (also_at), or -1 when none does.
int position_at(const claim::Claim& c, const Quote& q) {
  if (c.article != q.file) return -1;
  if (overlaps(c.span.begin, c.span.end, q.begin, q.end)) return 0;
  for (std::size_t i = 0; i < c.also_at.size(); ++i)
    if (overlaps(c.also_at[i].begin, c.also_at[i].end, q.begin, q.end)) return int(i) + 1;
  return -1;
}

bool at_quote(const claim::Claim& c, const Quote& q) {
  return position_at(c, q) >= 0;
}

// The kinds of claim a gold judges: the gold format's kinds, and a kind it has
// no kind for (a duration, a measure, an ordinal) when the gold writes such
// figures under another (durations as kind number in years): some claim of
// that kind is in a unit of the gold's facts. A gold that has none says
// nothing about them, so such claims are neither true nor false there.
std::set<std::string> judged_kinds(const Gold& gold,
                                   const std::vector<const claim::Claim*>& claims) {
  std::set<std::string> kinds{"count", "percentage", "money", "date", "ratio", "points", "number"};
  std::set<std::string> units;
  for (const Fact& f : gold.facts) units.insert(f.value.unit);
  for (const auto* c : claims)
    if (units.contains(c->value.unit)) kinds.insert(c->kind);
  return kinds;
}

// The fact's value in the claim's interval; a hedged or ranged fact overlaps it.
bool value_matches(const quantity::Value& claimed, const quantity::Value& fact) {
  if (claimed.unit != fact.unit) return false;
  if (!fact.lo && !fact.hi) return !fact.partial.empty() && fact.partial == claimed.partial;
  const double inf = std::numeric_limits<double>::infinity();
  const double clo = claimed.lo.value_or(-inf), chi = claimed.hi.value_or(inf);
  if (!claimed.lo && !claimed.hi) {
    // "6 November" in an article without a date is read right as far as the
    // text allows: the gold's date must fall on that month (and day).
    if (claimed.unit != "date" || !claimed.partial.starts_with("--") || !fact.lo || !fact.hi)
      return false;
    const std::string want = claimed.partial.substr(1);  // "-11-06" or "-01"
    for (double d : {*fact.lo, *fact.hi})
      if (quantity::format_day(static_cast<long>(d)).substr(4, want.size()) != want) return false;
    return true;
  }
  const double flo = fact.lo.value_or(-inf), fhi = fact.hi.value_or(inf);
  constexpr double eps = 1e-9;
  if (fact.hedge == "none" && flo == fhi) return clo - eps <= flo && flo <= chi + eps;
  return clo <= fhi + eps && flo <= chi + eps;
}

std::string describe_fact(const Fact& f) {
  return f.kind + " " + quantity::describe(f.value) + (f.base.empty() ? "" : " of " + f.base);
}

std::string claim_words(const claim::Claim& c, const reconcile::Options& words) {
  return c.attribute + ": " + reconcile::describe_claim(c, words) + " (\"" + c.text + "\")";
}

// How many of the group's quotes the finding's claims stand on, counting files
// when the quotes come from more than one.
bool finding_matches(const reconcile::Finding& f, const Group& g,
                     const std::map<std::string, const claim::Claim*>& by_id) {
  std::set<std::string> files_needed, files_hit;
  std::size_t quotes_hit = 0;
  for (const auto& q : g.quotes) files_needed.insert(q.file);
  for (const auto& q : g.quotes) {
    const bool hit = std::any_of(f.claim_ids.begin(), f.claim_ids.end(), [&](const auto& id) {
      const auto it = by_id.find(id);
      return it != by_id.end() && at_quote(*it->second, q);
    });
    if (!hit) continue;
    ++quotes_hit;
    files_hit.insert(q.file);
  }
  return files_needed.size() > 1 ? files_hit.size() >= 2 : quotes_hit >= 2;
}

Item group_item(const Group& g, const std::string& story) {
  Item item;
  item.file = story;
  for (const auto& q : g.quotes)
    item.quote += (item.quote.empty() ? "" : " | ") + q.file + ": " + q.text;
  item.expected = g.subject + (g.why.empty() ? "" : " (" + g.why + ")");
  return item;
}

Item finding_item(const reconcile::Finding& f) {
  Item item;
  item.file = f.story;
  item.quote = f.label;
  item.predicted = std::string(reconcile::name(f.verdict)) + ": " + f.explanation;
  return item;
}

// Scores one kind of group (conflicts or agreements) over all stories.
void score_groups(const std::vector<Gold>& golds, const std::vector<reconcile::Finding>& findings,
                  const std::map<std::string, const claim::Claim*>& by_id,
                  std::vector<Group> Gold::*groups, bool (*predicted)(const reconcile::Finding&),
                  Score& score, std::vector<Item>& missed, std::vector<Item>* extra) {
  for (const Gold& gold : golds) {
    std::vector<const reconcile::Finding*> mine;
    for (const auto& f : findings)
      if (f.story == gold.story && predicted(f)) mine.push_back(&f);
    std::vector<bool> used(mine.size(), false);
    for (const Group& g : gold.*groups) {
      bool found = false;
      for (std::size_t i = 0; i < mine.size(); ++i)
        if (finding_matches(*mine[i], g, by_id)) found = used[i] = true;
      if (found)
        ++score.tp;
      else {
        ++score.fn;
        missed.push_back(group_item(g, gold.story));
      }
    }
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (used[i]) continue;
      ++score.fp;
      if (extra) extra->push_back(finding_item(*mine[i]));
    }
  }
}

std::string ratio(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string place(const Item& i) {
  return i.file + ":" + std::to_string(i.begin) + "-" + std::to_string(i.end);
}

nlohmann::ordered_json score_json(const Score& s) {
  return {{"precision", s.precision()},
          {"recall", s.recall()},
          {"f1", s.f1()},
          {"tp", s.tp},
          {"fp", s.fp},
          {"fn", s.fn}};
}

nlohmann::ordered_json items_json(const std::vector<Item>& items) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& i : items) {
    nlohmann::ordered_json j;
    j["file"] = i.file;
    if (i.end) j["span"] = {i.begin, i.end};
    j["quote"] = i.quote;
    j["expected"] = i.expected;
    j["predicted"] = i.predicted;
    list.push_back(j);
  }
  return list;
}

}  // namespace

double Score::precision() const {
  return tp + fp ? double(tp) / double(tp + fp) : 1.0;
}
double Score::recall() const {
  return tp + fn ? double(tp) / double(tp + fn) : 1.0;
}
double Score::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

std::string story_of(const fs::path& gold_file) {
  return fs::absolute(gold_file).lexically_normal().parent_path().filename().string();
}

bool load(const fs::path& path, const std::map<std::string, const std::string*>& originals,
          Gold& gold, std::vector<Error>& errors) {
  Reader r{path.string(), originals, errors};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    r.error("", "cannot read gold file");
    return false;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    r.error("", std::string("not JSON: ") + e.what());
    return false;
  }
  if (!j.is_object()) {
    r.error("", "must be an object with \"facts\"");
    return false;
  }
  gold.path = path.string();
  gold.story = story_of(path);
  const auto facts = j.value("facts", nlohmann::json::array());
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const std::string where = "facts[" + std::to_string(i) + "]";
    Fact f;
    f.where = where;
    if (!r.quote(facts[i], where, f.quote)) continue;
    const auto& e = facts[i];
    f.kind = r.text(e, "kind", where, true);
    if (const auto kind = ruleset::kind_from_string(f.kind);
        !f.kind.empty() && (!kind || !ruleset::is_figure(*kind)))
      r.error(where, "kind '" + f.kind + "' is not a kind of figure (" +
                         ruleset::figure_kind_names() + ")");
    f.subject = r.text(e, "subject", where, false);
    f.base = r.text(e, "base", where, false);
    if (e.contains("in_body") && !e["in_body"].is_boolean())
      r.error(where, "\"in_body\" must be true or false");
    else
      f.in_body = e.value("in_body", true);
    if (!e.contains("value") || !e["value"].is_object()) {
      r.error(where, "needs \"value\": {\"lo\", \"hi\", \"unit\"}");
      continue;
    }
    try {
      f.value = quantity::value_from_json(e["value"]);
    } catch (const nlohmann::json::exception& ex) {
      r.error(where, std::string("bad value: ") + ex.what());
      continue;
    }
    for (const char* bound : {"lo", "hi"}) {
      const auto& v = e["value"];
      if (v.contains(bound) && v[bound].is_string() &&
          !quantity::parse_iso_day(v[bound].get<std::string>()))
        r.error(where, std::string("value.") + bound + " is not a date YYYY-MM-DD");
    }
    if (f.value.unit.empty()) r.error(where, "value needs a \"unit\"");
    if (!f.value.lo && !f.value.hi && f.value.partial.empty())
      r.error(where, "value needs \"lo\" and \"hi\" (or \"partial\" for a date)");
    gold.facts.push_back(std::move(f));
  }
  for (const char* key : {"conflicts", "agreements_after_normalisation"}) {
    const auto list = j.value(key, nlohmann::json::array());
    for (std::size_t i = 0; i < list.size(); ++i)
      r.group(list[i], std::string(key) + "[" + std::to_string(i) + "]",
              key[0] == 'c' ? gold.conflicts : gold.agreements);
  }
  return r.ok;
}

Result evaluate(const std::vector<Gold>& golds, const std::vector<claim::Claim>& claims,
                const std::vector<reconcile::Finding>& findings, const reconcile::Options& words) {
  Result result;
  std::map<std::string, const claim::Claim*> by_id;
  for (const auto& c : claims) by_id[c.id] = &c;

  for (const Gold& gold : golds) {
    std::vector<const claim::Claim*> story, mine;
    for (const auto& c : claims)
      if (c.story == gold.story) story.push_back(&c);
    const auto kinds = judged_kinds(gold, story);
    for (const auto* c : story) {
      if (kinds.contains(c->kind))
        mine.push_back(c);
      else
        ++result.not_judged[c->kind];
    }
    // A claim stands for each copy of its figure in the article: each of its
    // positions may match one fact (the gold may list the copies apart).
    std::vector<std::set<int>> used(mine.size());
    auto claims_at = [&](const Quote& q) {
      std::string said;
      for (const auto* c : mine)
        if (at_quote(*c, q)) said += (said.empty() ? "" : "; ") + claim_words(*c, words);
      return said.empty() ? "nothing here" : said;
    };
    // Body facts first, so that a claim on a figure the body and the furniture
    // share counts for the body.
    for (bool body : {true, false}) {
      for (const Fact& f : gold.facts) {
        if (f.in_body != body) continue;
        if (!body) ++result.furniture_facts;
        std::size_t match = mine.size();
        int at = -1;
        for (std::size_t i = 0; i < mine.size() && match == mine.size(); ++i) {
          at = position_at(*mine[i], f.quote);
          // Furniture is matched by a claim no body fact took, as before.
          const bool free = body ? !used[i].contains(at) : used[i].empty();
          if (at >= 0 && free && value_matches(mine[i]->value, f.value)) match = i;
        }
        if (match < mine.size()) {
          used[match].insert(at);
          if (body) {
            ++result.facts.tp;
            ++result.by_kind[f.kind].tp;
          } else {
            result.furniture_false.push_back(
                {gold.story + "/" + f.quote.file, f.quote.begin, f.quote.end, f.quote.text,
                 describe_fact(f) + " (furniture)", claim_words(*mine[match], words)});
          }
        } else if (body) {
          ++result.facts.fn;
          ++result.by_kind[f.kind].fn;
          result.missed_facts.push_back({gold.story + "/" + f.quote.file, f.quote.begin,
                                         f.quote.end, f.quote.text, describe_fact(f),
                                         claims_at(f.quote)});
        }
      }
    }
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (!used[i].empty()) continue;
      const claim::Claim& c = *mine[i];
      ++result.facts.fp;
      ++result.by_kind[c.kind].fp;
      std::string expected;
      for (const Fact& f : gold.facts)
        if (at_quote(c, f.quote)) expected += (expected.empty() ? "" : "; ") + describe_fact(f);
      result.false_facts.push_back({gold.story + "/" + c.article, c.span.begin, c.span.end, c.text,
                                    expected, claim_words(c, words)});
    }
  }
  // A furniture claim is a false positive as well.
  result.facts.fp += result.furniture_false.size();

  score_groups(golds, findings, by_id, &Gold::conflicts, &reconcile::is_conflict, result.conflicts,
               result.missed_conflicts, &result.false_conflicts);
  // Outlets that agree on one side of a conflict agree, as the finding says.
  std::vector<reconcile::Finding> agreements = findings;
  for (const auto& f : findings)
    for (auto& side : reconcile::agreeing_sides(f)) agreements.push_back(std::move(side));
  score_groups(golds, agreements, by_id, &Gold::agreements, &reconcile::is_agreement,
               result.agreements, result.missed_agreements, &result.false_agreements);
  return result;
}

std::string to_text(const Result& r) {
  std::ostringstream out;
  auto line = [&](const std::string& name, const Score& s) {
    out << name << ": precision " << ratio(s.precision()) << ", recall " << ratio(s.recall())
        << ", F1 " << ratio(s.f1()) << " (" << s.tp << " found, " << s.fp << " false, " << s.fn
        << " missed)\n";
  };
  line("facts", r.facts);
  for (const auto& [kind, s] : r.by_kind) line("  " + kind, s);
  out << "furniture false positives: " << r.furniture_false.size() << " (of " << r.furniture_facts
      << " furniture facts in the gold)\n";
  if (!r.not_judged.empty()) {
    out << "not scored (claims of a kind the gold does not annotate):";
    for (const auto& [kind, n] : r.not_judged) out << " " << kind << " " << n;
    out << "\n";
  }
  line("conflicts", r.conflicts);
  line("agreements after normalisation", r.agreements);
  auto list = [&](const std::string& title, const std::vector<Item>& items) {
    if (items.empty()) return;
    out << "\n" << title << " (" << items.size() << "):\n";
    for (const auto& i : items) {
      out << "  " << (i.end ? place(i) : i.file) << " \"" << i.quote << "\"\n";
      if (!i.expected.empty()) out << "      gold:      " << i.expected << "\n";
      if (!i.predicted.empty()) out << "      claimdiff: " << i.predicted << "\n";
    }
  };
  list("missed facts", r.missed_facts);
  list("false facts", r.false_facts);
  list("furniture read as claims", r.furniture_false);
  list("missed conflicts", r.missed_conflicts);
  list("conflicts not in the gold", r.false_conflicts);
  list("missed agreements", r.missed_agreements);
  list("agreements not in the gold", r.false_agreements);
  return out.str();
}

nlohmann::ordered_json to_json(const Result& r) {
  nlohmann::ordered_json j;
  j["facts"] = score_json(r.facts);
  auto& kinds = j["facts"]["by_kind"] = nlohmann::ordered_json::object();
  for (const auto& [kind, s] : r.by_kind) kinds[kind] = score_json(s);
  j["furniture"] = {{"facts", r.furniture_facts}, {"false_positives", r.furniture_false.size()}};
  j["not_scored"] = r.not_judged;
  j["conflicts"] = score_json(r.conflicts);
  j["agreements_after_normalisation"] = score_json(r.agreements);
  j["missed_facts"] = items_json(r.missed_facts);
  j["false_facts"] = items_json(r.false_facts);
  j["furniture_false_positives"] = items_json(r.furniture_false);
  j["missed_conflicts"] = items_json(r.missed_conflicts);
  j["false_conflicts"] = items_json(r.false_conflicts);
  j["missed_agreements"] = items_json(r.missed_agreements);
  j["false_agreements"] = items_json(r.false_agreements);
  return j;
}

}  // namespace claimdiff::eval
