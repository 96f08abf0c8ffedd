#include "ruleset/ruleset.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace claimdiff;
using claimdiff::testing::scratch_dir;
using claimdiff::testing::write_file;

namespace {
std::vector<ruleset::Error> load_errors(const std::string& yaml) {
  const auto dir = scratch_dir("rules");
  write_file(dir / "pack.yaml", yaml);
  return ruleset::load({dir}).errors;
}
bool has_error(const std::vector<ruleset::Error>& errors, int line, const std::string& rule,
               const std::string& text) {
  for (const auto& e : errors)
    if (e.line == line && e.rule == rule && e.message.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("the built-in packs load without errors", "[ruleset]") {
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR});
  for (const auto& e : loaded.errors) FAIL(e.format());
  CHECK(loaded.rules.rules.size() > 40);
  CHECK(loaded.rules.pack_versions.count("core"));
}

TEST_CASE("rule files are checked strictly - with file - line - rule id and RE2's message",
          "[ruleset]") {
  const auto errors = load_errors(R"(macros:
  A: 'x{{B}}'
  B: 'y{{A}}'
rules:
  - id: bad.regex
    kind: count
    pattern: '(?P<num>\d+'
    examples: [{text: '1', none: true}]
  - id: bad.key
    kind: count
    colour: red
    pattern: '\d'
    examples: [{text: '1', none: true}]
  - id: bad.macro
    kind: count
    pattern: '{{NOPE}}'
    examples: [{text: '1', none: true}]
  - id: bad.recursive
    kind: count
    pattern: '{{A}}'
    examples: [{text: '1', none: true}]
  - id: bad.key
    kind: count
    pattern: '\d'
    examples: [{text: '1', none: true}]
  - id: no.examples
    kind: count
    pattern: '\d'
  - id: attr.novalue
    kind: count
    attribute: x.y
    pattern: '\d'
    examples: [{text: '1', none: true}]
attributes:
  x.y: 'a fact of our own'
)");
  CHECK(has_error(errors, 7, "bad.regex", "missing )"));
  CHECK(has_error(errors, 11, "bad.key", "unknown key 'colour'"));
  CHECK(has_error(errors, 16, "bad.macro", "undefined macro {{NOPE}}"));
  CHECK(has_error(errors, 20, "bad.recursive", "recursive macro"));
  CHECK(has_error(errors, 22, "bad.key", "duplicate rule id"));
  CHECK(has_error(errors, 26, "no.examples", "no examples"));
  CHECK(has_error(errors, 32, "attr.novalue", "(?P<value>"));
  // The formatted line names the file.
  CHECK(errors[0].format().find("pack.yaml:") != std::string::npos);
}

TEST_CASE("rule fields are typed: wrong types and misspelt values are errors, never aborts",
          "[ruleset]") {
  const auto errors = load_errors(R"(attributes:
  pay.offer: 'the pay offer'
rules:
  - id: typo.kind
    kind: percent
    pattern: '\d+%'
    examples: [{text: '5%', none: true}]
  - id: list.text
    kind: count
    pattern: '\d'
    examples: [{text: [a, b], none: true}]
  - id: maybe.none
    kind: count
    pattern: '\d'
    examples: [{text: '1', none: maybe}]
  - id: map.kind
    kind: {a: 1}
    pattern: '\d'
    examples: [{text: '1', none: true}]
  - id: list.pattern
    kind: count
    pattern: [a, b]
    examples: [{text: '1', none: true}]
  - id: map.attribute
    kind: count
    attribute: {a: 1}
    pattern: '(?P<value>\d)'
    examples: [{text: '1', none: true}]
  - id: undeclared.attribute
    kind: count
    attribute: pay.ofer
    pattern: '(?P<value>\d)'
    examples: [{text: '1', none: true}]
  - id: unknown.base
    kind: percentage
    attribute: pay.offer
    base: voters
    pattern: '(?P<value>\d+%)'
    examples: [{text: '1', none: true}]
  - id: bad.place
    kind: ratio
    place: garden
    pattern: '\d days'
    examples: [{text: '1', none: true}]
  - id: base.on.count
    kind: count
    base: members
    pattern: '\d'
    examples: [{text: '1', none: true}]
  - id: word.priority
    kind: count
    priority: high
    pattern: '\d'
    examples: [{text: '1', none: true}]
)");
  CHECK(has_error(errors, 5, "typo.kind", "unknown kind 'percent'"));
  CHECK(has_error(errors, 11, "list.text", "'text' must be a single value, not a list"));
  CHECK(has_error(errors, 15, "maybe.none", "'none' must be true or false, not 'maybe'"));
  CHECK(has_error(errors, 17, "map.kind", "'kind' must be a single value, not a map"));
  CHECK(has_error(errors, 22, "list.pattern", "'pattern' must be a single value, not a list"));
  CHECK(has_error(errors, 26, "map.attribute", "'attribute' must be a single value"));
  CHECK(has_error(errors, 31, "undeclared.attribute", "'pay.ofer' is not declared"));
  CHECK(has_error(errors, 37, "unknown.base", "'voters' is not in the lexicon's bases"));
  CHECK(has_error(errors, 42, "bad.place", "must be one of office, home, not 'garden'"));
  CHECK(has_error(errors, 47, "base.on.count", "'base' belongs to attribute rules"));
  CHECK(has_error(errors, 52, "word.priority", "must be a whole number, not 'high'"));
}

TEST_CASE("lexicon entries of the wrong shape are errors naming file and line", "[ruleset]") {
  const auto errors = load_errors(R"(lexicon:
  hedges:
    - {means: sort_of, words: [kind of]}
    - {means: approx, words: {a: 1}}
    - {means: approx, colour: red, words: [about]}
  multipliers:
    - {times: lots, words: [heaps]}
  colours: [red]
  months: [[Jan]]
  bases:
    members: {label: of all members, size: 3}
  page_classes:
    - {region: sidebar, words: [aside]}
  relative_dates:
    - {unit: day, words: [overmorrow]}
  currencies:
    - {words: [groats]}
    - {code: XAU, words: [5, ounces]}
  lists:
    HEDGE: [sort of]
    MONTH_WORD: [early, late]
  weekdays:
    - {number: 8, names: [Funday]}
    - {means: range, words: [betwixt]}
)");
  CHECK(has_error(errors, 3, "", "unknown hedge meaning 'sort_of'"));
  CHECK(has_error(errors, 4, "", "must be a list of words"));
  CHECK(has_error(errors, 5, "", "unknown key 'colour' in 'hedges'"));
  CHECK(has_error(errors, 7, "", "'times' must be a number, not 'lots'"));
  CHECK(has_error(errors, 8, "", "unknown lexicon section 'colours'"));
  CHECK(has_error(errors, 9, "", "an entry of 'months' must be a map"));
  CHECK(has_error(errors, 11, "", "unknown key 'size' in 'bases'"));
  CHECK(has_error(errors, 13, "", "unknown region 'sidebar'"));
  // A key left out is named at its entry's line.
  CHECK(has_error(errors, 15, "", "'offset' is missing"));
  CHECK(has_error(errors, 17, "", "a currency's 'code' is missing"));
  CHECK(has_error(errors, 18, "", "'5' is a number; quote it if it is a word"));
  CHECK(has_error(errors, 20, "", "list HEDGE is a macro built from another lexicon section"));
  CHECK(has_error(errors, 23, "", "'number' must be a whole number from 1 to 7"));
  CHECK(has_error(errors, 24, "", "unknown key 'means' in 'weekdays'"));
}

TEST_CASE("hedge widths, offsets and a base given twice are checked", "[ruleset]") {
  const auto dir = scratch_dir("rules-lexicon-values");
  write_file(dir / "lexicon.yaml", R"(lexicon:
  hedges:
    - {means: approx, width: -3, words: [kinda]}
    - {means: range, words: [betwixt]}
  relative_dates:
    - {unit: day, offset: 1.5, words: [soonish]}
  multipliers:
    - {times: nan, words: [zillion]}
  bases:
    members: {label: of every member}
)");
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR, dir});
  auto has = [&](int line, const std::string& text) {
    return has_error(loaded.errors, line, "", text);
  };
  CHECK(has(3, "a hedge's 'width' is a share of the figure"));
  CHECK(has(4, "unknown hedge meaning 'range'"));
  CHECK(has(6, "'offset' must be a whole number"));
  CHECK(has(8, "'times' must be a finite number"));
  CHECK(has(10, "'members' has two meanings in 'bases'"));
}

TEST_CASE("a field on a rule it means nothing to is an error at its line", "[ruleset]") {
  const auto errors = load_errors(R"(attributes:
  test.fact: 'A fact of our own'
rules:
  - id: unit.on.attribute
    kind: count
    attribute: test.fact
    unit: felines
    pattern: '(?P<value>\d+) cats'
    examples: [{text: '1', none: true}]
  - id: extent.on.count
    kind: count
    extent: rest
    pattern: '\d'
    examples: [{text: '1', none: true}]
  - id: share.of.nothing
    kind: money
    attribute: test.fact
    share_of: test.salry
    pattern: '(?P<value>\d+)'
    examples: [{text: '1', none: true}]
  - id: place.on.speaker
    kind: speaker
    place: office
    pattern: '(?P<who>the guild) said'
    examples: [{text: 'the guild said'}]
)");
  CHECK(has_error(errors, 7, "unit.on.attribute", "'unit' belongs to quantity rules"));
  CHECK(has_error(errors, 12, "extent.on.count", "'extent' belongs to region rules"));
  CHECK(has_error(errors, 18, "share.of.nothing", "share_of 'test.salry' is not a declared"));
  CHECK(has_error(errors, 23, "place.on.speaker", "'place' belongs to quantity and attribute"));
}

TEST_CASE("an optional value or who group that took no part names nothing", "[ruleset]") {
  const auto dir = scratch_dir("rules-optional-groups");
  write_file(dir / "optional.yaml", R"(attributes:
  test.nurses: 'Nurses'
rules:
  - id: test.nurses.optional
    kind: count
    attribute: test.nurses
    priority: 90
    pattern: '(?:(?P<value>zzz) )?nurses'
    examples: [{text: 'zzz nurses', none: true}]
  - id: test.guild.optional
    kind: speaker
    pattern: '(?:(?P<who>the guild) )?said'
    examples: [{text: 'He said so.', none: true}]
)");
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR, dir});
  for (const auto& e : loaded.errors) FAIL(e.format());
  cli::Worker worker(loaded.rules);
  ingest::Article article;
  article.story = article.file = "test";
  const auto doc = worker.segmenter.segment_text("He said 30 nurses left.");
  const auto claims = claim::build(worker.rules, worker.stemmer, article, doc,
                                   cli::analyse(worker, doc, std::nullopt, false), {});
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].attribute != "test.nurses");
  CHECK(claims[0].speaker == "outlet");
}

TEST_CASE("the quantity sections of the lexicon are checked too", "[ruleset]") {
  const auto errors = load_errors(R"(lexicon:
  majorities:
    - {lo: 60, hi: 40, words: [odd]}
  quarters: [[Q1], [Q2]]
  measures:
    - {unit: [km, mi], words: [kilometres]}
  vague_numbers:
    - {at_least: many, words: [scores]}
  year_starts:
    - {month: 4, start: 1, words: [fiscal year]}
)");
  const std::pair<int, const char*> expected[] = {
      {3, "a majority's share needs 0 <= lo < hi <= 100"},
      {4, "an entry of 'quarters' must be a map"},
      {6, "a unit's 'unit' must be a single word"},
      {8, "'at_least' must be a number, not 'many'"},
      {10, "unknown key 'start' in 'year_starts'"}};
  for (const auto& [line, message] : expected) CHECK(has_error(errors, line, "", message));
}

TEST_CASE("measure and duration units, quarters and majorities come from the lexicon",
          "[ruleset]") {
  const auto& lexicon = testing::builtin_rules().lexicon;
  CHECK(lexicon.unit("Kilometres", false) == "km");
  CHECK(lexicon.unit("miles", false) == "mi");
  CHECK(lexicon.unit("weeks", true) == "weeks");
  CHECK(lexicon.unit("weeks", false).empty());
  CHECK(lexicon.quarter_of.at("q3") == 3);
  CHECK(lexicon.majorities.at("slim").hi == 55);
  const auto macros = lexicon.macros();
  const re2::RE2 unit("(?i)^(?:" + macros.at("MEASURE_UNIT") + ")$");
  CHECK(re2::RE2::FullMatch("tonnes", unit));
}

TEST_CASE("a word given two meanings across packs is an error", "[ruleset]") {
  const auto dir = scratch_dir("rules-twice");
  write_file(dir / "lexicon.yaml", "lexicon:\n  hedges:\n    - {means: at_most, words: [about]}\n");
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR, dir});
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0].message.find("'about' has two meanings in 'hedges'") != std::string::npos);
  CHECK(loaded.errors[0].file == (dir / "lexicon.yaml").string());
}

TEST_CASE("the macros are built from the lexicon: each word is matched and understood",
          "[ruleset]") {
  const auto& lexicon = testing::builtin_rules().lexicon;
  const auto macros = lexicon.macros();
  // Every hedge the HEDGE macro matches has a meaning, and the reverse.
  const re2::RE2 hedge("(?i)^(?:" + macros.at("HEDGE") + ")$");
  for (const auto& [word, meaning] : lexicon.hedges) CHECK(re2::RE2::FullMatch(word, hedge));
  for (const char* word : {"slightly more than", "up to", "an estimated", "just under"})
    CHECK(lexicon.hedge(word).has_value());
  CHECK(lexicon.hedge("Slightly  More than")->kind == ruleset::HedgeKind::more_than);
  CHECK(lexicon.hedge("slightly more than")->width.has_value());
  CHECK_FALSE(lexicon.hedge("more than")->width.has_value());
  CHECK(lexicon.multiplier("bn") == 1e9);
  CHECK(lexicon.multiplier("") == 1.0);
  CHECK_FALSE(lexicon.multiplier("lots").has_value());
  CHECK(lexicon.fraction("two-thirds") == Approx(2.0 / 3));
  CHECK(lexicon.fraction("a quarter") == Approx(0.25));
  CHECK_FALSE(lexicon.fraction("third").has_value());  // an ordinal, not a fraction
  CHECK(lexicon.currency("C$") == "CAD");
  CHECK(lexicon.currency("Pounds") == "GBP");
  CHECK(lexicon.month("Sept.") == 9);
  CHECK(lexicon.weekday("Thursday") == 3);
  CHECK(lexicon.multiplier("dozen") == 12);
  CHECK(lexicon.fraction("an eighth") == Approx(0.125));  // "an" counts one
  CHECK(lexicon.fraction("a fifth") == Approx(0.2));
  // Longest first: "US$" is tried before "$".
  const re2::RE2 symbol("(" + macros.at("CURSYM") + ")");
  std::string got;
  CHECK(re2::RE2::PartialMatch("a US$5 fee", symbol, &got));
  CHECK(got == "US$");
}

TEST_CASE("a user pack adds a hedge and a currency with its lexicon alone", "[ruleset]") {
  const auto dir = scratch_dir("rules-user-lexicon");
  write_file(dir / "lexicon.yaml", R"(lexicon:
  hedges:
    - {means: less_than, width: 0.05, words: [a shade under]}
  currencies:
    - {code: KES, prefixed: [KSh], words: [shilling, shillings]}
    - {code: ZAR, symbols: [R], words: [rand]}
  multipliers:
    - {times: 1e5, words: [lakh]}
  months:
    - {number: 9, names: [Setembro]}
  weekdays:
    - {number: 2, names: [Tues]}
)");
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR, dir});
  for (const auto& e : loaded.errors) FAIL(e.format());
  cli::Worker worker(loaded.rules);
  auto values = [&](const std::string& sentence, std::optional<long> ref = std::nullopt) {
    std::vector<quantity::Value> out;
    const auto doc = worker.segmenter.segment_text(sentence);
    for (const auto& f : cli::analyse(worker, doc, ref, false))
      for (const auto& q : f.quantities) out.push_back(q.value);
    return out;
  };
  const auto hedged = values("The fund holds a shade under KSh 40 million in reserve.");
  REQUIRE(hedged.size() == 1);
  CHECK(hedged[0].unit == "KES");
  CHECK(hedged[0].hedge == "less_than");
  CHECK(*hedged[0].lo == Approx(38e6));
  CHECK(*hedged[0].hi == Approx(40e6));
  const auto words = values("Growers were paid 300 shillings a sack.");
  REQUIRE(words.size() == 1);
  CHECK(words[0].unit == "KES");
  CHECK(*words[0].lo == 300);
  // A symbol glued to its figure, and one that is a letter.
  const auto glued = values("The board set aside KSh40m.");
  REQUIRE(glued.size() == 1);
  CHECK(*glued[0].lo == Approx(40e6));
  const auto rand = values("Each grant is R5000.");
  REQUIRE(rand.size() == 1);
  CHECK(rand[0].unit == "ZAR");
  for (const auto& v : values("Members voted for 5 candidates; the order 5000 stands."))
    CHECK(v.unit != "ZAR");
  const auto lakh = values("The scheme costs 3 lakh rand.");
  REQUIRE(lakh.size() == 1);
  CHECK(*lakh[0].lo == Approx(3e5));
  // A month name and a weekday added: the built-in names still work.
  const auto ref = quantity::parse_iso_day("2025-10-02");
  const auto dates = values("It opened on 3 Setembro 2024 and on 3 September 2024.");
  REQUIRE(dates.size() == 2);
  CHECK(*dates[0].lo == *dates[1].lo);
  const auto tues = values("Members voted on Tues.", ref);
  REQUIRE(tues.size() == 1);
  CHECK(quantity::format_day(static_cast<long>(*tues[0].lo)) == "2025-09-30");
  CHECK(values("Members voted on Tuesday.", ref).size() == 1);
  // Without the user pack the new words are not known.
  cli::Worker plain(testing::builtin_rules());
  const auto doc = plain.segmenter.segment_text("Growers were paid 300 shillings a sack.");
  for (const auto& f : cli::analyse(plain, doc, std::nullopt, false))
    for (const auto& q : f.quantities) CHECK(q.value.unit != "KES");
}

TEST_CASE("a user pack adds abbreviations, page classes and bases", "[ruleset]") {
  const auto dir = scratch_dir("rules-user-words");
  write_file(dir / "lexicon.yaml", R"(lexicon:
  abbreviations: ['Fr.']
  page_classes:
    - {region: promo, words: [sponsor-box]}
  bases:
    households: {label: of all households}
)");
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR, dir});
  for (const auto& e : loaded.errors) FAIL(e.format());
  text::Segmenter seg(loaded.rules.cues());
  CHECK(seg.segment_text("Fr. Byrne said 40 staff left.").sentences.size() == 1);
  bool sponsor = false;
  for (const auto& c : loaded.rules.lexicon.page_classes)
    if (c.region == "promo")
      sponsor =
          sponsor || std::find(c.words.begin(), c.words.end(), "sponsor-box") != c.words.end();
  CHECK(sponsor);
  REQUIRE(loaded.rules.lexicon.base("households"));
  CHECK(loaded.rules.lexicon.base("households")->label == "of all households");
  CHECK(loaded.rules.lexicon.base("votes_cast"));  // the built-in bases stay
}

TEST_CASE("a YAML syntax error names the file and line", "[ruleset]") {
  const auto errors = load_errors("rules:\n  - id: x\n    kind: count\n    pattern: [unclosed\n");
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].message.find("YAML error") != std::string::npos);
  CHECK(errors[0].line >= 3);
}

TEST_CASE("overlapping figures: priority - then length decides - traps remove figures",
          "[ruleset]") {
  const auto& rules = testing::builtin_rules();
  const std::string s = "About 400 striking 999 call handlers and 85% of members who voted.";
  const auto mentions = ruleset::match(rules, s, 0, s.size());
  std::vector<std::string> kinds;
  for (const auto& m : mentions)
    if (rules.rules[m.rule].layer == ruleset::Layer::quantity)
      kinds.push_back(ruleset::to_string(rules.rules[m.rule].kind));
  // "About 400 striking 999 call handlers": the count reaches into the trap, the
  // trap has the higher priority and wins; the percentage stands alone.
  CHECK(std::count(kinds.begin(), kinds.end(), "trap") == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), "percentage") == 1);
}

TEST_CASE("context checks: must_before and not_before", "[ruleset]") {
  const auto& rules = testing::builtin_rules();
  auto rule_ids = [&](const std::string& s) {
    std::vector<std::string> ids;
    for (const auto& m : ruleset::match(rules, s, 0, s.size()))
      ids.push_back(rules.rules[m.rule].id);
    return ids;
  };
  const auto change = rule_ids("Pay rose from 3% to 5% this year.");
  CHECK(std::find(change.begin(), change.end(), "percentage.change") != change.end());
  const auto range = rule_ids("Estimates run from 3% to 5%.");
  CHECK(std::find(range.begin(), range.end(), "percentage.range_from") != range.end());
  CHECK(std::find(range.begin(), range.end(), "percentage.change") == range.end());
}

TEST_CASE("a pack given twice (built in and with --rules) is read once", "[ruleset]") {
  const auto once = ruleset::load({CLAIMDIFF_RULES_DIR});
  const auto twice = ruleset::load({std::filesystem::path(CLAIMDIFF_RULES_DIR),
                                    std::filesystem::path(CLAIMDIFF_RULES_DIR) / "core"});
  CHECK(twice.errors.empty());
  CHECK(twice.rules.rules.size() == once.rules.rules.size());
  CHECK(twice.rules.files == once.rules.files);
}
