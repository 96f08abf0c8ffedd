#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "ruleset/lexicon_load.h"
#include "text/stem.h"
#include "text/text.h"
#include "util/names.h"
#include "util/strings.h"

namespace claimdiff::ruleset {

namespace {

constexpr util::NameTable<HedgeKind, 8> kHedgeNames = {{
    {HedgeKind::approx, "approx"},
    {HedgeKind::more_than, "more_than"},
    {HedgeKind::at_least, "at_least"},
    {HedgeKind::less_than, "less_than"},
    {HedgeKind::at_most, "at_most"},
    {HedgeKind::nearly, "nearly"},
    {HedgeKind::as_few_as, "as_few_as"},
    {HedgeKind::range, "range"},
}};

constexpr util::NameTable<HedgeKind, 7> kHedgeLabels = {{
    {HedgeKind::approx, "about"},
    {HedgeKind::more_than, "more than"},
    {HedgeKind::at_least, "at least"},
    {HedgeKind::less_than, "less than"},
    {HedgeKind::at_most, "up to"},
    {HedgeKind::nearly, "nearly"},
    {HedgeKind::as_few_as, "as few as"},
}};

constexpr util::NameTable<RelativeUnit, 6> kUnitNames = {{
    {RelativeUnit::day, "day"},
    {RelativeUnit::week, "week"},
    {RelativeUnit::month, "month"},
    {RelativeUnit::year, "year"},
    {RelativeUnit::new_year, "new_year"},
    {RelativeUnit::date_day, "date_day"},
}};

constexpr util::NameTable<Direction, 3> kDirectionNames = {{
    {Direction::forward, "forward"},
    {Direction::back, "back"},
    {Direction::neither, "neither"},
}};

constexpr util::NameTable<Role, 7> kRoleNames = {{
    {Role::result, "result"},
    {Role::threshold, "threshold"},
    {Role::target, "target"},
    {Role::requirement, "requirement"},
    {Role::forecast, "forecast"},
    {Role::previous, "previous"},
    {Role::change, "change"},
}};

int line_of(const YAML::Node& node) {
  return node.Mark().line + 1;
}

// Reads one lexicon section, reporting shapes it does not expect.
class SectionReader {
 public:
  SectionReader(Lexicon& lexicon, const detail::LexiconError& error)
      : lex_(lexicon), error_(error) {}

  void read(const YAML::Node& section) {
    if (!section.IsMap()) return error_(line_of(section), "'lexicon' must be a map of sections");
    for (const auto& kv : section) {
      const std::string name = kv.first.Scalar();
      const YAML::Node& body = kv.second;
      if (name == "hedges")
        each_entry(body, name, {"means", "width", "words"}, [&](auto& e) { hedge(e); });
      else if (name == "multipliers")
        each_entry(body, name, {"times", "words"},
                   [&](auto& e) { valued(e, "times", lex_.multipliers); });
      else if (name == "numbers")
        each_entry(body, name, {"value", "words"},
                   [&](auto& e) { valued(e, "value", lex_.number_words); });
      else if (name == "fractions")
        fractions(body);
      else if (name == "currencies")
        each_entry(body, name, {"code", "symbols", "prefixed", "words", "subunit"},
                   [&](auto& e) { currency(e); });
      else if (name == "months")
        each_entry(body, name, {"number", "names"}, [&](auto& e) {
          named_days(e, 12, 1, &lex_.month_names, lex_.month_of, "months");
        });
      else if (name == "weekdays")
        each_entry(body, name, {"number", "names"}, [&](auto& e) {
          named_days(e, 7, 0, &lex_.weekday_names, lex_.weekday_of, "weekdays");
        });
      else if (name == "relative_dates")
        each_entry(body, name, {"unit", "offset", "words"}, [&](auto& e) { relative(e); });
      else if (name == "tense")
        tense(body);
      else if (name == "weekday_directions")
        words_by_name(
            body, name, "direction",
            [](const std::string& n) { return util::value_of(kDirectionNames, n); },
            lex_.weekday_directions);
      else if (name == "clause_breaks")
        append(body, name, lex_.clause_breaks, false);
      else if (name == "abbreviations")
        append(body, name, lex_.abbreviations, false);
      else if (name == "bases")
        bases(body);
      else if (name == "page_classes")
        each_entry(body, name, {"region", "words"}, [&](auto& e) { page_class(e); });
      else if (name == "lists")
        lists(body);
      else if (name == "measures" || name == "durations")
        each_entry(body, name, {"unit", "words"}, [&](auto& e) {
          unit_words(e, name, name == "measures" ? lex_.measure_units : lex_.duration_units);
        });
      else if (name == "vague_numbers")
        each_entry(body, name, {"at_least", "words"},
                   [&](auto& e) { valued(e, "at_least", lex_.vague_numbers); });
      else if (name == "majorities")
        each_entry(body, name, {"lo", "hi", "words"}, [&](auto& e) { majority(e); });
      else if (name == "quarters")
        each_entry(body, name, {"number", "names"},
                   [&](auto& e) { named_days(e, 4, 1, nullptr, lex_.quarter_of, "quarters"); });
      else if (name == "roles")
        words_by_name(body, name, "role", role_from_string, lex_.roles);
      else if (name == "negations")
        append(body, name, lex_.negations, true);
      else if (name == "directions")
        words_by_name(
            body, name, "direction (up or down)",
            [](const std::string& n) {
              return n == "up" || n == "down" ? std::optional<std::string>(n) : std::nullopt;
            },
            lex_.directions);
      else if (name == "per")
        words_by_name(
            body, name, "time or unit",
            [](const std::string& n) { return std::optional<std::string>(Lexicon::key(n)); },
            lex_.per);
      else if (name == "synonyms")
        synonyms(body);
      else if (name == "stop_words")
        append(body, name, lex_.stop_words, true);
      else if (name == "cumulative")
        append(body, name, lex_.cumulative, true);
      else if (name == "few_figures")
        append(body, name, lex_.few_figures, true);
      else if (name == "year_starts")
        each_entry(body, name, {"month", "words"},
                   [&](auto& e) { valued(e, "month", lex_.year_starts); });
      else
        error_(line_of(kv.first), "unknown lexicon section '" + name + "'");
    }
  }

 private:
  // A scalar as text; an error (and nothing) for a list or a map.
  std::optional<std::string> scalar(const YAML::Node& node, const std::string& what) {
    if (node && node.IsScalar()) return node.Scalar();
    error_(line_at(node), what + (node ? " must be a single word or value" : " is missing"));
    return std::nullopt;
  }

  // A node's line; for a key left out, the line of the entry it belongs to.
  int line_at(const YAML::Node& node) const { return node ? line_of(node) : entry_line_; }

  std::optional<double> number(const YAML::Node& node, const std::string& what) {
    const auto text = scalar(node, what);
    if (!text) return std::nullopt;
    try {
      std::size_t used = 0;
      const double d = std::stod(*text, &used);
      if (used == text->size()) return d;
    } catch (...) {
    }
    error_(line_of(node), what + " must be a number, not '" + *text + "'");
    return std::nullopt;
  }

  // A list of words (a single word is taken as a list of one).
  std::vector<std::string> words(const YAML::Node& node, const std::string& what,
                                 bool as_keys = true) {
    std::vector<std::string> raw, out;
    if (node && node.IsScalar())
      raw.push_back(node.Scalar());
    else if (node && node.IsSequence())
      for (const auto& item : node) {
        if (auto w = scalar(item, "each of " + what); w && !looks_like_number(item))
          raw.push_back(*w);
        else if (w)
          error_(line_of(item), what + ": '" + *w + "' is a number; quote it if it is a word");
      }
    else
      error_(line_at(node), what + " must be a list of words");
    for (const auto& w : raw)
      if (!w.empty()) out.push_back(as_keys ? Lexicon::key(w) : w);
    return out;
  }

  // Each entry of a list section is a map with only the given keys.
  template <class Read>
  void each_entry(const YAML::Node& body, const std::string& section, std::set<std::string> keys,
                  Read read) {
    if (!body.IsSequence())
      return error_(line_of(body), "lexicon '" + section + "' must be a list");
    for (const auto& entry : body) {
      entry_line_ = line_of(entry);
      if (!entry.IsMap()) {
        error_(line_of(entry), "an entry of '" + section + "' must be a map");
        continue;
      }
      if (known_keys(entry, section, keys)) read(entry);
    }
  }

  bool known_keys(const YAML::Node& map, const std::string& section,
                  const std::set<std::string>& keys) {
    bool ok = true;
    for (const auto& kv : map)
      if (!keys.count(kv.first.Scalar())) {
        error_(line_of(kv.first), "unknown key '" + kv.first.Scalar() + "' in '" + section + "'");
        ok = false;
      }
    return ok;
  }

  // A word may be added again with the same meaning; a second meaning is an error.
  template <class Map>
  void define(Map& map, const std::string& word, const typename Map::mapped_type& meaning, int line,
              const std::string& section) {
    auto [it, added] = map.emplace(word, meaning);
    if (!added && !(it->second == meaning))
      error_(line, "'" + word + "' has two meanings in '" + section + "'");
  }

  void hedge(const YAML::Node& e) {
    const auto means = scalar(e["means"], "a hedge's 'means'");
    if (!means) return;
    const auto kind = hedge_from_string(*means);
    // A range is two figures, never one word's meaning: rules give it with `hedge: range`.
    if (!kind || *kind == HedgeKind::range)
      return error_(line_of(e["means"]), "unknown hedge meaning '" + *means + "'");
    HedgeMeaning meaning{*kind, std::nullopt};
    if (e["width"]) {
      meaning.width = number(e["width"], "a hedge's 'width'");
      if (meaning.width && !(*meaning.width > 0 && *meaning.width < 1))
        return error_(line_of(e["width"]),
                      "a hedge's 'width' is a share of the figure, above 0 and below 1");
    }
    for (const auto& w : words(e["words"], "a hedge's 'words'"))
      define(lex_.hedges, w, meaning, line_of(e), "hedges");
  }

  void valued(const YAML::Node& e, const char* field, std::map<std::string, double>& into) {
    const auto value = number(e[field], std::string("'") + field + "'");
    if (!value) return;
    if (!std::isfinite(*value) || *value < 0)
      return error_(line_of(e[field]),
                    std::string("'") + field + "' must be a finite number, 0 or more");
    for (const auto& w : words(e["words"], "'words'")) define(into, w, *value, line_of(e), field);
  }

  void fractions(const YAML::Node& body) {
    if (!body.IsMap()) return error_(line_of(body), "lexicon 'fractions' must be a map");
    if (!known_keys(body, "fractions", {"alone", "counts", "parts"})) return;
    if (body["alone"])
      each_entry(body["alone"], "fractions.alone", {"value", "words"},
                 [&](auto& e) { valued(e, "value", lex_.fractions_alone); });
    if (body["counts"])
      each_entry(body["counts"], "fractions.counts", {"value", "words"},
                 [&](auto& e) { valued(e, "value", lex_.fraction_counts); });
    if (body["parts"])
      each_entry(body["parts"], "fractions.parts", {"of", "one", "many"}, [&](auto& e) {
        const auto of = number(e["of"], "a part's 'of'");
        if (!of) return;
        for (const auto& w : words(e["one"], "'one'"))
          define(lex_.fraction_parts, w, Lexicon::Part{*of, true}, line_of(e), "fractions");
        for (const auto& w : words(e["many"], "'many'"))
          define(lex_.fraction_parts, w, Lexicon::Part{*of, false}, line_of(e), "fractions");
      });
  }

  void currency(const YAML::Node& e) {
    const auto code = scalar(e["code"], "a currency's 'code'");
    if (!code) return;
    Currency c;
    c.code = *code;
    if (e["symbols"]) c.symbols = words(e["symbols"], "'symbols'", false);
    if (e["prefixed"]) c.prefixed = words(e["prefixed"], "'prefixed'", false);
    if (e["words"]) c.words = words(e["words"], "'words'", false);
    if (const YAML::Node sub = e["subunit"]) {
      if (!sub.IsMap() || !known_keys(sub, "subunit", {"per", "symbols", "words"}))
        return error_(line_of(sub), "a currency's 'subunit' is a map of per, symbols, words");
      const auto per = number(sub["per"], "a subunit's 'per'");
      if (!per || *per <= 0) return;
      c.subunits_per_unit = *per;
      if (sub["symbols"]) c.subunit_symbols = words(sub["symbols"], "'symbols'", false);
      if (sub["words"]) c.subunit_words = words(sub["words"], "'words'", false);
    }
    const int line = line_of(e);
    for (const auto* list : {&c.symbols, &c.prefixed, &c.words})
      for (const auto& w : *list)
        define(lex_.currency_of, Lexicon::key(w), c.code, line, "currencies");
    define(lex_.currency_of, Lexicon::key(c.code), c.code, line, "currencies");
    for (const auto* list : {&c.subunit_symbols, &c.subunit_words})
      for (const auto& w : *list)
        define(lex_.subunit_of, Lexicon::key(w), std::pair{c.code, c.subunits_per_unit}, line,
               "currency subunits");
    lex_.currencies.push_back(std::move(c));
  }

  // `{number, names}`: names of one month (1-12), weekday (1-7) or quarter
  // (1-4), kept as the value `first` for number 1 and on from there. `names`
  // keeps them as printed, where a macro needs that.
  void named_days(const YAML::Node& e, int most, int first, std::vector<std::string>* names,
                  std::map<std::string, int>& by_key, const std::string& section) {
    const auto number = this->number(e["number"], "'number'");
    if (!number) return;
    if (*number < 1 || *number > most || *number != static_cast<int>(*number))
      return error_(line_of(e["number"]),
                    "'number' must be a whole number from 1 to " + std::to_string(most));
    const int index = static_cast<int>(*number) - 1 + first;
    for (const auto& w : words(e["names"], "'names'", false)) {
      if (names) names->push_back(w);
      define(by_key, Lexicon::key(w), index, line_of(e), section);
    }
  }

  void relative(const YAML::Node& e) {
    const auto unit_name = scalar(e["unit"], "a relative date's 'unit'");
    const auto offset = number(e["offset"], "a relative date's 'offset'");
    if (!unit_name || !offset) return;
    const auto unit = util::value_of(kUnitNames, *unit_name);
    if (!unit) return error_(line_of(e["unit"]), "unknown unit '" + *unit_name + "'");
    constexpr double kMostOffset = 1000;
    if (*offset != static_cast<int>(*offset) || std::fabs(*offset) > kMostOffset)
      return error_(line_of(e["offset"]), "'offset' must be a whole number of units, at most 1000");
    for (const auto& w : words(e["words"], "'words'"))
      define(lex_.relative_dates, w, RelativeDate{*unit, static_cast<int>(*offset)}, line_of(e),
             "relative_dates");
  }

  void tense(const YAML::Node& body) {
    if (!body.IsMap() || !known_keys(body, "tense",
                                     {"forward", "forward_just_before", "back", "passive",
                                      "perfect", "clause_starts"}))
      return error_(line_of(body),
                    "lexicon 'tense' is a map of forward, forward_just_before, back, "
                    "passive, perfect, clause_starts");
    if (body["back"]) append(body["back"], "tense.back", lex_.back_words, true);
    if (body["passive"]) append(body["passive"], "tense.passive", lex_.passive_words, true);
    if (body["perfect"]) append(body["perfect"], "tense.perfect", lex_.perfect_words, true);
    if (body["clause_starts"])
      append(body["clause_starts"], "tense.clause_starts", lex_.clause_start_words, true);
    if (body["forward"]) append(body["forward"], "tense.forward", lex_.forward_words, true);
    if (body["forward_just_before"])
      append(body["forward_just_before"], "tense.forward_just_before", lex_.forward_just_before,
             true);
  }

  void unit_words(const YAML::Node& e, const std::string& section,
                  std::map<std::string, std::string>& into) {
    const auto unit = scalar(e["unit"], "a unit's 'unit'");
    if (!unit) return;
    for (const auto& w : words(e["words"], "'words'")) define(into, w, *unit, line_of(e), section);
  }

  void majority(const YAML::Node& e) {
    const auto lo = number(e["lo"], "a majority's 'lo'");
    const auto hi = number(e["hi"], "a majority's 'hi'");
    if (!lo || !hi) return;
    if (*lo < 0 || *hi > 100 || *lo >= *hi)
      return error_(line_of(e), "a majority's share needs 0 <= lo < hi <= 100");
    for (const auto& w : words(e["words"], "'words'"))
      define(lex_.majorities, w, Lexicon::Share{*lo, *hi}, line_of(e), "majorities");
  }

  // `NAME: [words]`, each NAME a value of an enum that every word under it
  // means (weekday directions, roles); a word with two is an error at its line.
  template <class T, class Lookup>
  void words_by_name(const YAML::Node& body, const std::string& section, const std::string& what,
                     Lookup lookup, std::map<std::string, T>& into) {
    if (!body.IsMap())
      return error_(line_of(body),
                    "lexicon '" + section + "' must be a map of " + what + ": [words]");
    for (const auto& kv : body) {
      const std::optional<T> value = lookup(kv.first.Scalar());
      if (!value) {
        error_(line_of(kv.first), "unknown " + what + " '" + kv.first.Scalar() + "'");
        continue;
      }
      for (const auto& w : words(kv.second, "'" + kv.first.Scalar() + "'"))
        define(into, w, *value, line_of(kv.second), section);
    }
  }

  // A list of groups of heads. A group that shares a word with one already
  // read adds to it (a pack adds "crew" with [staff, crew]); one that would
  // join two groups is an error: they are two things.
  void synonyms(const YAML::Node& body) {
    if (!body.IsSequence())
      return error_(line_of(body), "lexicon 'synonyms' must be a list of lists of words");
    for (const auto& group : body) {
      const std::vector<std::string> heads = words(group, "a synonym group");
      std::set<std::size_t> found;
      for (const auto& w : heads)
        if (auto it = lex_.synonym_group.find(w); it != lex_.synonym_group.end())
          found.insert(it->second);
      if (found.size() > 1) {
        error_(line_of(group), "a synonym group joins two groups already given (" +
                                   lex_.synonym_groups[*found.begin()].front() + ", " +
                                   lex_.synonym_groups[*found.rbegin()].front() + ")");
        continue;
      }
      const std::size_t index = found.empty() ? lex_.synonym_groups.size() : *found.begin();
      if (found.empty()) lex_.synonym_groups.emplace_back();
      for (const auto& w : heads)
        if (lex_.synonym_group.emplace(w, index).second) lex_.synonym_groups[index].push_back(w);
    }
  }

  void bases(const YAML::Node& body) {
    if (!body.IsMap()) return error_(line_of(body), "lexicon 'bases' must be a map");
    for (const auto& kv : body) {
      const YAML::Node& b = kv.second;
      if (!b.IsMap() || !known_keys(b, "bases", {"label", "implies"})) {
        error_(line_of(b), "a base is a map of label and implies");
        continue;
      }
      entry_line_ = line_of(b);
      Base base;
      if (auto label = scalar(b["label"], "a base's 'label'")) base.label = *label;
      if (b["implies"])
        if (auto implies = scalar(b["implies"], "a base's 'implies'")) base.implies = *implies;
      define(lex_.bases, kv.first.Scalar(), base, line_of(b), "bases");
    }
  }

  void page_class(const YAML::Node& e) {
    const auto region = scalar(e["region"], "a page class's 'region'");
    if (!region) return;
    if (!text::region_from_string(*region))
      return error_(line_of(e["region"]), "unknown region '" + *region + "'");
    lex_.page_classes.push_back({*region, words(e["words"], "'words'")});
  }

  void lists(const YAML::Node& body) {
    if (!body.IsMap())
      return error_(line_of(body), "lexicon 'lists' must be a map of NAME: [words]");
    for (const auto& kv : body) {
      if (Lexicon::builds_macro(kv.first.Scalar())) {
        error_(line_of(kv.first),
               "list " + kv.first.Scalar() +
                   " is a macro built from another lexicon section; name it otherwise");
        continue;
      }
      auto& list = lex_.lists[kv.first.Scalar()];
      for (const auto& w : words(kv.second, "list " + kv.first.Scalar(), false)) list.push_back(w);
    }
  }

  void append(const YAML::Node& body, const std::string& what, std::vector<std::string>& into,
              bool as_keys) {
    for (auto& w : words(body, "lexicon '" + what + "'", as_keys))
      if (std::find(into.begin(), into.end(), w) == into.end()) into.push_back(std::move(w));
  }

  // A plain (unquoted) scalar YAML reads as a number: "5", "1e3".
  static bool looks_like_number(const YAML::Node& node) {
    if (node.Tag() == "!") return false;  // quoted
    try {
      std::size_t used = 0;
      (void)std::stod(node.Scalar(), &used);
      return used == node.Scalar().size();
    } catch (...) {
      return false;
    }
  }

  Lexicon& lex_;
  const detail::LexiconError& error_;
  int entry_line_ = 0;  // the entry being read, for errors about keys it lacks
};

// A word as a regex: metacharacters escaped, UTF-8 and spaces kept.
std::string literal(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (std::string_view("\\.+*?()|[]{}^$-").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// Each word once, the longest first: RE2 tries alternatives in order.
std::vector<std::string> longest_first(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// Currency symbols: those with letters ("KSh", "R") in their printed case and,
// when they open with a letter, only at a word's start ("for 5" holds no "r 5").
std::string symbol_alternation(std::vector<std::string> symbols) {
  std::string out;
  for (const auto& s : longest_first(std::move(symbols))) {
    const bool letters =
        std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); });
    const bool opens = !s.empty() && std::isalpha(static_cast<unsigned char>(s[0]));
    // In steps: `"|" + ...` sets off a false -Wrestrict in g++ 12 (GCC bug 105329).
    if (!out.empty()) out += '|';
    if (opens) out += "\\b";
    if (letters) out += "(?-i:";
    out += literal(s);
    if (letters) out += ')';
  }
  return out.empty() ? "[^\\x00-\\x{10FFFF}]" : out;
}

// Longest first, so that "more than" is tried before "more" wherever both fit.
std::string alternation(std::vector<std::string> words) {
  std::string out;
  for (const auto& w : longest_first(std::move(words))) {
    if (!out.empty()) out += '|';
    out += literal(w);
  }
  // An empty list matches nothing rather than everything.
  return out.empty() ? "[^\\x00-\\x{10FFFF}]" : out;
}

template <class Map>
std::vector<std::string> keys_of(const Map& map) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map) out.push_back(k);
  return out;
}

template <class Map, class Keep>
std::vector<std::string> keys_where(const Map& map, Keep keep) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map)
    if (keep(v)) out.push_back(k);
  return out;
}

}  // namespace

const char* to_string(Role role) {
  return util::name_of(kRoleNames, role, "result");
}

std::optional<Role> role_from_string(std::string_view name) {
  return util::value_of(kRoleNames, name);
}

const char* to_string(HedgeKind kind) {
  return util::name_of(kHedgeNames, kind, "none");
}

// How a report words a hedge before a figure: one phrase per kind, the
// lexicon's words being the many ways of writing it. A range has none.
const char* label(HedgeKind kind) {
  return util::name_of(kHedgeLabels, kind, "");
}

std::optional<HedgeKind> hedge_from_string(std::string_view name) {
  return util::value_of(kHedgeNames, name);
}

bool Lexicon::builds_macro(const std::string& name) {
  return Lexicon{}.macros().count(name) > 0;  // an empty lexicon still builds every name
}

std::string Lexicon::key(std::string_view word) {
  return util::squash_spaces(util::lower(word));
}

namespace {
template <class Map>
auto find_key(const Map& map, std::string_view word) -> const typename Map::mapped_type* {
  auto it = map.find(Lexicon::key(word));
  return it == map.end() ? nullptr : &it->second;
}
}  // namespace

std::optional<HedgeMeaning> Lexicon::hedge(std::string_view word) const {
  const auto* h = find_key(hedges, word);
  return h ? std::optional<HedgeMeaning>(*h) : std::nullopt;
}

std::optional<double> Lexicon::multiplier(std::string_view word) const {
  if (key(word).empty()) return 1.0;
  const auto* m = find_key(multipliers, word);
  return m ? std::optional<double>(*m) : std::nullopt;
}

std::optional<double> Lexicon::fraction(std::string_view words) const {
  std::string f = key(words);
  std::replace(f.begin(), f.end(), '-', ' ');
  if (const auto* alone = find_key(fractions_alone, f)) return *alone;
  // A part needs its count: a bare "third" is an ordinal.
  const auto space = f.find(' ');
  if (space == std::string::npos) return std::nullopt;
  const auto* count = find_key(fraction_counts, f.substr(0, space));
  const auto* part = find_key(fraction_parts, f.substr(space + 1));
  if (!count || !part || part->of <= 0) return std::nullopt;
  return *count / part->of;
}

int Lexicon::month(std::string_view word) const {
  std::string w = key(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  const auto* m = find_key(month_of, w);
  return m ? *m : 0;
}

int Lexicon::weekday(std::string_view word) const {
  const auto* d = find_key(weekday_of, word);
  return d ? *d : -1;
}

std::optional<Direction> Lexicon::direction(std::string_view word) const {
  const auto* d = find_key(weekday_directions, word);
  return d ? std::optional<Direction>(*d) : std::nullopt;
}

std::string Lexicon::currency(std::string_view word) const {
  const auto* code = find_key(currency_of, word);
  return code ? *code : "";
}

std::string Lexicon::unit(std::string_view word, bool duration) const {
  const auto* u = find_key(duration ? duration_units : measure_units, word);
  return u ? *u : "";
}

std::string Lexicon::synonym_head(const std::string& head_stem) const {
  auto it = synonym_of_stem.find(head_stem);
  return it == synonym_of_stem.end() ? head_stem : it->second;
}

bool Lexicon::is_stop_word(std::string_view word) const {
  return stop_word_set.find(word) != stop_word_set.end();
}

bool Lexicon::in_list(const std::string& list, std::string_view word) const {
  const auto it = lists.find(list);
  return it != lists.end() && std::any_of(it->second.begin(), it->second.end(),
                                          [&](const std::string& w) { return key(w) == word; });
}

const Base* Lexicon::base(const std::string& id) const {
  auto it = bases.find(id);
  return it == bases.end() ? nullptr : &it->second;
}

std::map<std::string, std::string> Lexicon::macros() const {
  std::map<std::string, std::string> m;
  m["HEDGE"] = alternation(keys_of(hedges));
  m["MULT"] = alternation(keys_of(multipliers));
  m["NUMBER_WORD"] = alternation(keys_of(number_words));
  auto counts = [&](bool one) {
    return alternation(keys_where(fraction_counts, [&](double v) { return (v == 1) == one; }));
  };
  auto parts = [&](bool singular) {
    return alternation(keys_where(fraction_parts, [&](auto p) { return p.singular == singular; }));
  };
  m["FRACTION"] = alternation(keys_of(fractions_alone)) + "|(?:" + counts(true) +
                  ")[- ](?:" + parts(true) + ")|(?:" + counts(false) + ")[- ](?:" + parts(false) +
                  ")";
  std::vector<std::string> symbols, words, codes, sub_symbols, sub_words;
  for (const auto& c : currencies) {
    symbols.insert(symbols.end(), c.symbols.begin(), c.symbols.end());
    symbols.insert(symbols.end(), c.prefixed.begin(), c.prefixed.end());
    words.insert(words.end(), c.words.begin(), c.words.end());
    codes.push_back(c.code);
    sub_symbols.insert(sub_symbols.end(), c.subunit_symbols.begin(), c.subunit_symbols.end());
    sub_words.insert(sub_words.end(), c.subunit_words.begin(), c.subunit_words.end());
  }
  m["CURSYM"] = symbol_alternation(symbols);
  m["CURWORD"] = alternation(words);
  m["CURCODE"] = "(?-i:" + alternation(codes) + ")";  // "try" and "cad" are words too
  m["CURSUBSYM"] = alternation(sub_symbols);
  m["CURSUBWORD"] = alternation(sub_words);
  // Months and weekdays are capitalised in news: "may" the verb stays out.
  m["MONTH"] = "(?-i:" + alternation(month_names) + ")\\b\\.?";
  m["WEEKDAY"] = "(?-i:" + alternation(weekday_names) + ")\\b";
  auto relative = [&](std::initializer_list<RelativeUnit> units) {
    return alternation(keys_where(relative_dates, [&](const RelativeDate& r) {
      return std::find(units.begin(), units.end(), r.unit) != units.end();
    }));
  };
  m["REL_DAY"] = relative({RelativeUnit::day});
  m["REL_PERIOD"] = relative({RelativeUnit::week, RelativeUnit::month, RelativeUnit::year});
  m["REL_NEW_YEAR"] = relative({RelativeUnit::new_year});
  m["REL_DATE_DAY"] = relative({RelativeUnit::date_day});
  m["WEEKDAY_DIR"] = alternation(keys_of(weekday_directions));
  m["MEASURE_UNIT"] = alternation(keys_of(measure_units));
  m["DURATION_UNIT"] = alternation(keys_of(duration_units));
  m["VAGUE_NUMBER"] = alternation(keys_of(vague_numbers));
  m["MAJORITY_WORD"] = alternation(keys_of(majorities));
  m["QUARTER"] = alternation(keys_of(quarter_of));
  m["YEAR_START"] = alternation(keys_of(year_starts));
  m["NEGATION"] = alternation(negations);
  for (const auto& [name, list] : lists) m[name] = alternation(list);
  return m;
}

namespace detail {

void merge_lexicon(const YAML::Node& section, Lexicon& lexicon, const LexiconError& error) {
  try {
    SectionReader(lexicon, error).read(section);
  } catch (const YAML::Exception& e) {
    error(e.mark.line + 1, "lexicon: " + e.msg);
  }
}

namespace {

std::vector<std::string> split_words(const std::string& phrase) {
  std::vector<std::string> words;
  std::size_t from = 0;
  while (from < phrase.size()) {
    const std::size_t space = std::min(phrase.find(' ', from), phrase.size());
    if (space > from) words.push_back(phrase.substr(from, space - from));
    from = space + 1;
  }
  return words;
}

// What the claim stage needs at every figure, worked out once: phrases as
// words, stop words hashed for lookup, each head's stem tied to its group.
void finish_subject_words(Lexicon& lexicon) {
  lexicon.role_phrases = {};
  lexicon.negation_phrases = {};
  lexicon.per_phrases = {};
  lexicon.direction_phrases = {};
  for (const auto& [text, way] : lexicon.directions)
    lexicon.direction_phrases.add({split_words(text), text, Role::change, "", way});
  for (const auto& [text, per] : lexicon.per)
    lexicon.per_phrases.add({split_words(text), text, Role::result, per});
  for (const auto& [text, role] : lexicon.roles)
    lexicon.role_phrases.add({split_words(text), text, role});
  for (const auto& text : lexicon.negations)
    lexicon.negation_phrases.add({split_words(text), text, Role::result});
  lexicon.figure_leads.clear();
  if (const auto leads = lexicon.lists.find("FIGURE_LEAD"); leads != lexicon.lists.end())
    for (const auto& text : leads->second)
      if (auto words = split_words(Lexicon::key(text)); !words.empty())
        lexicon.figure_leads.push_back(std::move(words));
  std::sort(lexicon.stop_words.begin(), lexicon.stop_words.end());
  lexicon.stop_word_set = {lexicon.stop_words.begin(), lexicon.stop_words.end()};
  lexicon.synonym_of_stem.clear();
  text::Stemmer stemmer;  // loading is one thread: a stemmer of its own
  for (const auto& group : lexicon.synonym_groups) {
    const std::string name = stemmer.stem_words(group.front());
    for (const auto& word : group) lexicon.synonym_of_stem.emplace(stemmer.stem_words(word), name);
  }
  lexicon.cumulative_stems.clear();
  for (const auto& word : lexicon.cumulative)
    lexicon.cumulative_stems.insert(lexicon.synonym_head(stemmer.stem_words(word)));
  lexicon.few_figure_stems.clear();
  for (const auto& word : lexicon.few_figures)
    lexicon.few_figure_stems.insert(lexicon.synonym_head(stemmer.stem_words(word)));
}

}  // namespace

void finish_lexicon(Lexicon& lexicon, const LexiconError& error) {
  finish_subject_words(lexicon);
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  auto compile = [&](const std::string& pattern) -> std::shared_ptr<const re2::RE2> {
    auto re = std::make_shared<const re2::RE2>(pattern, options);
    if (re->ok()) return re;
    error(0, "lexicon tense words: RE2: " + re->error());
    return nullptr;
  };
  // A cue word is a word of its own on both sides: the "by" of "by-election"
  // and "stand-by", the "next" of "next-door" are no cues.
  const std::string open = "(?:^|[^\\w-])", close = "(?:$|[^\\w-])";
  auto words = [&](const std::vector<std::string>& list) {
    return open + "(?:" + alternation(list) + ")" + close;
  };
  lexicon.forward_cue = compile(words(lexicon.forward_words));
  lexicon.forward_just_before_cue =
      compile(open + "(?:" + alternation(lexicon.forward_just_before) + ")\\s*$");
  lexicon.back_cue = compile(words(lexicon.back_words));
  // Within two words before the date ("was held on"), or three after it
  // ("Thursday's vote was"). After "be" a past form is a participle that
  // may look ahead ("will be announced on"): the passive cues find those.
  const std::string back = "(?:" + alternation(lexicon.back_words) + ")";
  const std::string passive = open + "(?:" + alternation(lexicon.passive_words) + ")\\s+";
  lexicon.back_near_cue = compile(open + back + "(?:\\s+\\S+){0,2}\\s*$");
  lexicon.back_after_cue = compile("^\\S*(?:\\s+\\S+){0,2}\\s+" + back + close);
  lexicon.passive_cue = compile(passive + back + close);
  lexicon.passive_near_cue = compile(passive + back + "(?:\\s+\\S+){0,2}\\s*$");
  if (!lexicon.perfect_words.empty())
    lexicon.perfect_end_cue = compile(open + "(?:" + alternation(lexicon.perfect_words) + ")\\s*$");
}

}  // namespace detail

void PhraseTable::add(Phrase phrase) {
  if (phrase.words.empty()) return;
  const std::size_t index = phrases_.size();
  if (phrase.words.front() == "...")
    open_gap_.push_back(index);
  else
    by_first_[hash_of(phrase.words.front())].push_back(index);
  phrases_.push_back(std::move(phrase));
}

std::span<const std::size_t> PhraseTable::opening_with(std::size_t word_hash) const {
  const auto it = by_first_.find(word_hash);
  return it == by_first_.end() ? std::span<const std::size_t>{} : it->second;
}

}  // namespace claimdiff::ruleset
