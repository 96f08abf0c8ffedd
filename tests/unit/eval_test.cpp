// eval: gold files we wrote for our own bus-drivers story, scored against the
// pipeline's claims and findings; and the errors a bad gold file gets.
#include "eval/eval.h"

#include <catch2/catch.hpp>

#include "run_helpers.h"

using namespace claimdiff;
namespace fs = std::filesystem;

namespace {

const testing::Run& bus() {
  static const testing::Run r =
      testing::run(testing::source_dir() / "tests" / "data" / "bus-drivers-ballot");
  return r;
}

std::map<std::string, const std::string*> originals(const testing::Run& r) {
  std::map<std::string, const std::string*> out;
  for (const auto& a : r.input.stories.at(0).articles) out[a.file] = &a.original;
  return out;
}

// The gold file must sit in a folder named as the story.
fs::path gold_file(const std::string& json) {
  const auto dir = testing::scratch_dir("eval") / "bus-drivers-ballot";
  fs::create_directories(dir);
  testing::write_file(dir / "gold.json", json);
  return dir / "gold.json";
}

constexpr const char* kGold = R"({
  "facts": [
    {"file": "a_courier.txt", "quote": "78% of members who voted", "kind": "percentage",
     "value": {"lo": 78, "hi": 78, "unit": "%"}, "base": "votes cast"},
    {"file": "a_courier.txt", "quote": "88% voted", "kind": "percentage",
     "value": {"lo": 88, "hi": 88, "unit": "%"}},
    {"file": "a_courier.txt", "quote": "1,300 members", "kind": "count",
     "value": {"lo": 1300, "hi": 1300, "unit": "count"}},
    {"file": "a_courier.txt", "quote": "on March 20", "kind": "date",
     "value": {"lo": "2025-03-20", "hi": "2025-03-20", "unit": "date"}},
    {"file": "a_courier.txt", "quote": "£4m", "kind": "money", "in_body": false,
     "value": {"lo": 4000000, "hi": 4000000, "unit": "GBP"}},
    {"file": "b_herald.txt", "quote": "Nearly 40 per cent", "kind": "percentage",
     "value": {"lo": 39, "hi": 39, "unit": "%", "hedge": "nearly"}},
    {"file": "b_herald.txt", "quote": "1,300 union members", "kind": "count",
     "value": {"lo": 1300, "hi": 1300, "unit": "count"}},
    {"file": "b_herald.txt", "quote": "About 1,300 drivers", "kind": "count",
     "value": {"lo": 1300, "hi": 1300, "unit": "count", "hedge": "approx"}},
    {"file": "c_radio.txt", "quote": "78 per cent", "kind": "percentage",
     "value": {"lo": 78, "hi": 78, "unit": "%"}},
    {"file": "c_radio.txt", "quote": "turnout of 51%", "kind": "percentage",
     "value": {"lo": 51, "hi": 51, "unit": "%"}},
    {"file": "c_radio.txt", "quote": "Some 1,300 drivers", "kind": "count",
     "value": {"lo": 1300, "hi": 1300, "unit": "count"}},
    {"file": "c_radio.txt", "quote": "20 March", "kind": "date",
     "value": {"lo": "2025-03-20", "hi": "2025-03-20", "unit": "date"}}
  ],
  "conflicts": [
    {"subject": "yes share", "claims": [{"file": "a_courier.txt", "quote": "78%"},
                                        {"file": "b_herald.txt", "quote": "Nearly 40 per cent"}]},
    {"subject": "strike day", "claims": [{"file": "a_courier.txt", "quote": "on March 20"},
                                         {"file": "c_radio.txt", "quote": "20 March"}]}
  ],
  "agreements_after_normalisation": [
    {"subject": "1,300 people", "claims": [{"file": "a_courier.txt", "quote": "1,300 members"},
                                           {"file": "b_herald.txt", "quote": "About 1,300 drivers"}]}
  ]
})";

// The pipeline's run scored against a gold file of `json`, which must load.
eval::Result scored(const testing::Run& r, const std::string& json) {
  eval::Gold gold;
  std::vector<eval::Error> errors;
  REQUIRE(eval::load(gold_file(json), originals(r), gold, errors));
  return eval::evaluate({gold}, r.claims, r.findings, cli::words_of(testing::builtin_rules()));
}

}  // namespace

TEST_CASE("eval: facts matched by file, position and value - misses and false ones named",
          "[eval]") {
  const auto& r = bus();
  eval::Gold gold;
  std::vector<eval::Error> errors;
  REQUIRE(eval::load(gold_file(kGold), originals(r), gold, errors));
  CHECK(errors.empty());
  CHECK(gold.story == "bus-drivers-ballot");
  const auto result =
      eval::evaluate({gold}, r.claims, r.findings, cli::words_of(testing::builtin_rules()));
  // The radio's "20 March" has no year to anchor it (no published date): read
  // right as far as the text goes, it matches the gold's 2025-03-20.
  CHECK(result.facts.tp == 11);
  CHECK(result.facts.fn == 0);
  CHECK(result.facts.fp == 0);
  CHECK(result.missed_facts.empty());
  CHECK(result.by_kind.at("date").tp == 2);
  CHECK(result.by_kind.at("count").tp == 4);
  CHECK(result.furniture_facts == 1);
  CHECK(result.furniture_false.empty());
  CHECK(result.facts.f1() == 1.0);
  // The yes-shares' base mismatch is the gold conflict; the two dates are read
  // as compatible, so that conflict is missed.
  CHECK(result.conflicts.tp == 1);
  CHECK(result.conflicts.fn == 1);
  CHECK(result.conflicts.fp == 0);
  REQUIRE(result.missed_conflicts.size() == 1);
  CHECK(result.missed_conflicts[0].expected == "strike day");
  CHECK(result.agreements.tp == 1);
  CHECK(result.agreements.fn == 0);
}

TEST_CASE("eval: a wrong value is a miss and a false fact; furniture read as a claim is counted",
          "[eval]") {
  const auto& r = bus();
  std::string json = kGold;
  json.replace(json.find("\"lo\": 88, \"hi\": 88"), 18, "\"lo\": 86, \"hi\": 86");
  // A day other than the one "20 March" is anchored on by the story (2025-03-20).
  const auto radio_day = json.find("\"2025-03-20\"", json.find("\"quote\": \"20 March\""));
  json.replace(radio_day, 12, "\"2025-03-21\"");
  json.replace(json.find("\"2025-03-20\"", radio_day), 12, "\"2025-03-21\"");
  const auto turnout = json.find("\"quote\": \"turnout of 51%\", \"kind\": \"percentage\",");
  json.insert(json.find('\n', turnout), " \"in_body\": false,");
  const auto result = scored(r, json);
  CHECK(result.facts.tp == 8);
  CHECK(result.facts.fn == 2);
  CHECK(result.facts.fp == 3);
  CHECK(result.by_kind.at("date").fn == 1);
  REQUIRE(result.furniture_false.size() == 1);
  CHECK(result.furniture_false[0].quote == "turnout of 51%");
  REQUIRE(result.missed_facts.size() == 2);
  CHECK(result.missed_facts[0].quote == "88% voted");
  CHECK(result.missed_facts[0].expected == "percentage 86%");
  CHECK(result.missed_facts[1].file == "bus-drivers-ballot/c_radio.txt");
  CHECK(result.missed_facts[1].expected == "date 2025-03-21");
  CHECK(result.missed_facts[1].predicted.find("strike.dates: 2025-03-20") != std::string::npos);
  bool named = false;
  for (const auto& f : result.false_facts)
    named = named || (f.quote == "88%" && f.expected == "percentage 86%");
  CHECK(named);
}

TEST_CASE("eval: a gold quote not in its file is an error naming it", "[eval]") {
  const auto& r = bus();
  std::string json = kGold;
  json.replace(json.find("\"turnout of 51%\""), 16, "\"turnout of 15%\"");
  eval::Gold gold;
  std::vector<eval::Error> errors;
  CHECK_FALSE(eval::load(gold_file(json), originals(r), gold, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where.ends_with("gold.json: facts[9]"));
  CHECK(errors[0].message == "quote \"turnout of 15%\" does not occur in c_radio.txt");
}

TEST_CASE("eval: malformed entries each get a line", "[eval]") {
  const auto& r = bus();
  eval::Gold gold;
  std::vector<eval::Error> errors;
  CHECK_FALSE(eval::load(gold_file(R"({"facts": [
      {"file": "nowhere.txt", "quote": "x", "kind": "count", "value": {"lo": 1, "hi": 1, "unit": "count"}},
      {"file": "a_courier.txt", "quote": "78%", "kind": "share", "value": {"lo": 78, "hi": 78, "unit": "%"}},
      {"file": "a_courier.txt", "quote": "on March 20", "kind": "date", "value": {"lo": "20/03/2025", "unit": "date"}},
      {"file": "a_courier.txt", "quote": "88%", "kind": "percentage"}],
    "conflicts": [{"claims": [{"file": "a_courier.txt", "quote": "78%"}]}]})"),
                         originals(r), gold, errors));
  REQUIRE(errors.size() == 6);
  CHECK(errors[0].message == "file 'nowhere.txt' is not an article of this story");
  CHECK(errors[1].message.starts_with("kind 'share'"));
  CHECK(errors[2].message == "value.lo is not a date YYYY-MM-DD");
  CHECK(errors[3].message == "value needs \"lo\" and \"hi\" (or \"partial\" for a date)");
  CHECK(errors[4].message.starts_with("needs \"value\""));
  CHECK(errors[5].where.ends_with("conflicts[0]"));

  errors.clear();
  CHECK_FALSE(eval::load(gold_file("{\"facts\": [1,"), originals(r), gold, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.starts_with("not JSON"));
}

namespace {

claim::Claim made_claim(const std::string& kind, const std::string& unit, double value,
                        std::uint32_t begin, std::uint32_t end) {
  claim::Claim c;
  c.id = kind + std::to_string(begin);
  c.story = "bus-drivers-ballot";
  c.article = "a_courier.txt";
  c.kind = kind;
  c.value.lo = c.value.hi = value;
  c.value.unit = unit;
  c.span = {begin, end, "body"};
  return c;
}

std::uint32_t offset_in(const testing::Run& r, const std::string& text) {
  return static_cast<std::uint32_t>(r.input.stories.at(0).articles.at(0).original.find(text));
}

}  // namespace

TEST_CASE("eval: a merged claim matches one fact per copy; kinds the gold lacks are not scored",
          "[eval]") {
  const auto& r = bus();
  const auto members = offset_in(r, "1,300 members");
  const auto months = offset_in(r, "14 months");
  REQUIRE(months > members);
  // One claim for a figure printed twice (merged copies), and a duration.
  auto twice = made_claim("count", "count", 1300, members, members + 5);
  twice.also_at.push_back({months, months + 2, "body"});
  const auto duration = made_claim("duration", "months", 14, months, months + 9);
  const std::string fact = R"({"file": "a_courier.txt", "quote": "Q", "kind": "count",
      "value": {"lo": 1300, "hi": 1300, "unit": "count"}})";
  auto with_quote = [&](std::string f, const std::string& q) {
    return f.replace(f.find("\"Q\""), 3, "\"" + q + "\"");
  };
  eval::Gold gold;
  std::vector<eval::Error> errors;
  REQUIRE(eval::load(gold_file("{\"facts\": [" + with_quote(fact, "1,300 members") + ", " +
                               with_quote(fact, "14 months") + "]}"),
                     originals(r), gold, errors));
  const auto result =
      eval::evaluate({gold}, {twice, duration}, {}, cli::words_of(testing::builtin_rules()));
  CHECK(result.facts.tp == 2);
  CHECK(result.facts.fp == 0);
  CHECK(result.not_judged.at("duration") == 1);

  // A gold that writes a duration (as kind number in months) judges them.
  const std::string in_months = R"({"facts": [{"file": "a_courier.txt", "quote": "14 months",
      "kind": "number", "value": {"lo": 12, "hi": 12, "unit": "months"}}]})";
  eval::Gold months_gold;
  REQUIRE(eval::load(gold_file(in_months), originals(r), months_gold, errors));
  const auto judged =
      eval::evaluate({months_gold}, {duration}, {}, cli::words_of(testing::builtin_rules()));
  CHECK(judged.not_judged.empty());
  CHECK(judged.facts.fp == 1);
  CHECK(judged.facts.fn == 1);
}

TEST_CASE("eval: outlets that agree on one side of a conflict are an agreement; others are listed",
          "[eval]") {
  const auto& r = bus();
  // The courier's and the radio's 78% agree, against the herald's 40%.
  std::string json = kGold;
  const std::string agreements = R"("agreements_after_normalisation": [)";
  json.replace(json.find(agreements), agreements.size(), agreements + R"(
    {"subject": "78% yes", "claims": [{"file": "a_courier.txt", "quote": "78% of members who voted"},
                                      {"file": "c_radio.txt", "quote": "78 per cent"}]},)");
  const auto result = scored(r, json);
  CHECK(result.agreements.tp == 2);
  CHECK(result.agreements.fn == 0);
  // The strike dates agree too, which this gold does not list: named, and counted.
  CHECK(result.agreements.fp == result.false_agreements.size());
  REQUIRE(result.false_agreements.size() == 1);
  CHECK(result.false_agreements[0].quote == "Strike dates");
  CHECK(eval::to_text(result).find("agreements not in the gold (1):") != std::string::npos);
}
