#include "quantity/quantity.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace claimdiff;
using Catch::Matchers::WithinAbs;

namespace {
// Every figure the pipeline reads in one sentence of our own.
std::vector<quantity::Quantity> read_all(const std::string& sentence,
                                         const std::string& ref_date = "") {
  cli::Worker worker(testing::builtin_rules());
  const auto doc = worker.segmenter.segment_text(sentence);
  std::optional<long> ref = ref_date.empty() ? std::nullopt : quantity::parse_iso_day(ref_date);
  std::vector<quantity::Quantity> out;
  for (auto& f : cli::analyse(worker, doc, ref, false))
    for (auto& q : f.quantities) out.push_back(q);
  return out;
}
// The first day a date covers, as YYYY-MM-DD.
std::string first_day(const quantity::Quantity& q) {
  return quantity::format_day(static_cast<long>(*q.value.lo));
}
quantity::Quantity read_one(const std::string& sentence, const std::string& ref_date = "") {
  auto all = read_all(sentence, ref_date);
  REQUIRE(all.size() == 1);
  return all[0];
}
}  // namespace

TEST_CASE("numbers in digits and in words", "[quantity]") {
  quantity::Reader reader(testing::builtin_rules().lexicon);
  CHECK(reader.parse_number("2,400") == 2400);
  CHECK(reader.parse_number("2.3") == Approx(2.3));
  CHECK(reader.parse_number("1.5m") == 1.5e6);
  CHECK(reader.parse_number("2.3k") == Approx(2300));
  CHECK(reader.parse_number("eleven thousand") == 11000);
  CHECK(reader.parse_number("two thousand four hundred") == 2400);
  CHECK(reader.parse_number("sixty-two") == 62);
  CHECK(reader.parse_number("one hundred and twenty") == 120);
  CHECK(reader.parse_number("a dozen") == 12);
  CHECK(reader.parse_number("a thousand") == 1000);
  CHECK(reader.parse_number("27 000") == 27000);
  CHECK(reader.parse_number("1 234 567") == 1234567);
  CHECK(reader.parse_number("three and a half") == 3.5);
  CHECK(reader.parse_number("one hundred and sixty-one") == 161);
  CHECK(reader.parse_number("twenty one") == 21);
  CHECK_FALSE(reader.parse_number("several").has_value());
}

TEST_CASE("percentages carry their printed precision and hedges as bounds", "[quantity]") {
  auto q = read_one("Some 85% of the drivers agreed.");
  CHECK(q.kind == ruleset::Kind::percentage);
  CHECK(q.value.hedge == "approx");
  q = read_one("It was 85% exactly.");
  CHECK_THAT(*q.value.lo, WithinAbs(84.5, 1e-9));
  CHECK_THAT(*q.value.hi, WithinAbs(85.5, 1e-9));
  q = read_one("Slightly more than 50 per cent of members agreed.");
  CHECK(q.value.hedge == "more_than");
  CHECK(*q.value.lo == 50);
  CHECK_THAT(*q.value.hi, WithinAbs(55, 1e-9));
  q = read_one("Over 60pc said no.");
  CHECK(*q.value.lo == 60);
  CHECK_FALSE(q.value.hi.has_value());
  q = read_one("Nine in ten of those asked said yes.");
  CHECK(*q.value.lo == 90);
}

TEST_CASE("counts keep the noun they count - traps are no figures", "[quantity]") {
  auto q = read_one("The depot has 3,100 union members.");
  CHECK(q.kind == ruleset::Kind::count);
  CHECK(q.value.counted == "members");
  CHECK(q.value.lo == 3100);
  CHECK(read_all("Striking 999 call handlers met at 6.30am, aged 40.").empty());
  CHECK(read_all("Paramedics work seven days a week.").empty());
}

TEST_CASE("money: magnitudes and currencies", "[quantity]") {
  auto q = read_one("The council faces a £450million gap.");
  CHECK(q.value.unit == "GBP");
  CHECK(*q.value.lo == 450e6);
  CHECK(read_one("a £450m gap").value.lo == 450e6);
  CHECK(read_one("a gap of £450 million").value.lo == 450e6);
  CHECK(read_one("a $3 billion deal").value.unit == "USD");
  CHECK(quantity::describe(read_one("a £1.2bn plan").value) == "£1.2bn");
  // A sum in pence keeps its figures in pounds.
  CHECK(quantity::describe(read_one("a fare of 6.24p").value) == "£0.0624");
}

TEST_CASE(
    "dates resolve against the article's date - looking back unless the sentence looks forward",
    "[quantity]") {
  auto day = [](const quantity::Quantity& q) {
    return quantity::format_day(static_cast<long>(*q.value.lo));
  };
  CHECK(day(read_one("Talks collapsed on November 6.", "2024-12-11")) == "2024-11-06");
  CHECK(day(read_one("The ballot opens on November 6.", "2024-10-01")) == "2024-11-06");
  CHECK(day(read_one("Staff must return from January.", "2024-12-11")) == "2025-01-01");
  CHECK(day(read_one("It was agreed on 11 December 2024.")) == "2024-12-11");
  CHECK(day(read_one("Posted 2024-12-11.")) == "2024-12-11");
  const auto unanchored = read_one("Talks collapsed on November 6.");
  CHECK_FALSE(unanchored.value.lo.has_value());
  CHECK(unanchored.value.partial == "--11-06");
  const auto year = read_one("Hybrid working has run since 2021.");
  CHECK(quantity::format_day(static_cast<long>(*year.value.hi)) == "2021-12-31");
}

TEST_CASE("days a week: ranges - hedges - out-of-five and full-time", "[quantity]") {
  auto q = read_one("They must attend three to five days a week.");
  CHECK(q.kind == ruleset::Kind::ratio);
  CHECK(q.value.unit == "days/week");
  CHECK(*q.value.lo == 3);
  CHECK(*q.value.hi == 5);
  q = read_one("some spend as few as two days out of five at their desks");
  CHECK(*q.value.lo == 2);
  q = read_one("Those on four days must now go in full-time.");
  CHECK(*q.value.lo == 5);
}

TEST_CASE("values print as DESIGN's value object", "[quantity]") {
  const auto q = read_one("About 2,400 staff");
  const auto j = quantity::to_json(q.value);
  CHECK(
      j.dump() ==
      R"({"lo":2160,"hi":2640,"unit":"count","hedge":"approx","printed":2400,"counted":"staff"})");
}

TEST_CASE("shares in words: fractions - majorities - one in five", "[quantity]") {
  auto q = read_one("Half of the cleaners said they would walk out.");
  CHECK(q.kind == ruleset::Kind::percentage);
  CHECK_THAT(*q.value.lo, WithinAbs(49.5, 1e-9));
  q = read_one("Nearly two-thirds of the porters voted.");
  CHECK(q.value.hedge == "nearly");
  CHECK_THAT(*q.value.hi, WithinAbs(200.0 / 3, 1e-6));
  q = read_one("Three quarters of the firm's engineers signed.");
  CHECK_THAT(*q.value.lo, WithinAbs(74.5, 1e-9));
  q = read_one("More than half the crew backed the deal.");
  CHECK(*q.value.lo == 50);
  q = read_one("A clear majority of pilots opposed the rota.");
  CHECK(q.value.hedge == "more_than");
  CHECK(*q.value.lo == 50);
  CHECK(*q.value.hi == 100);
  q = read_one("One in five residents objected.");
  CHECK(*q.value.lo == 20);
  CHECK(read_all("The coalition lost its majority in March 2019.").size() == 1);  // the date only
  CHECK(read_all("We waited half an hour.").empty());
}

TEST_CASE("percentage points and positions are neither shares nor counts", "[quantity]") {
  auto q = read_one("Support fell by 7 percentage points.");
  CHECK(q.kind == ruleset::Kind::points);
  CHECK(q.value.unit == "points");
  q = read_one("Backing for the strike is up 4 points.");
  CHECK(q.kind == ruleset::Kind::points);
  CHECK(*q.value.lo == 4);
  q = read_one("It is the fourth walkout.");
  CHECK(q.kind == ruleset::Kind::ordinal);
  CHECK(*q.value.lo == 4);
  q = read_one("the 21st day of the dispute");
  CHECK(q.kind == ruleset::Kind::ordinal);
  CHECK(*q.value.lo == 21);
}

TEST_CASE("relative dates and weekdays resolve against the article's date or stay unresolved",
          "[quantity]") {
  auto day = [](const quantity::Quantity& q) {
    return quantity::format_day(static_cast<long>(*q.value.lo));
  };
  auto last = [](const quantity::Quantity& q) {
    return quantity::format_day(static_cast<long>(*q.value.hi));
  };
  // 2025-06-12 is a Thursday.
  CHECK(day(read_one("Cleaners walked out yesterday.", "2025-06-12")) == "2025-06-11");
  const auto week = read_one("Talks broke down last week.", "2025-06-12");
  CHECK(day(week) == "2025-06-02");
  CHECK(last(week) == "2025-06-08");
  const auto month = read_one("Fares rise next month.", "2025-12-03");
  CHECK(day(month) == "2026-01-01");
  CHECK(last(month) == "2026-01-31");
  CHECK(day(read_one("Drivers must be back in the new year.", "2025-11-20")) == "2026-01-01");
  CHECK(day(read_one("Porters voted on Monday.", "2025-06-12")) == "2025-06-09");
  CHECK(day(read_one("Porters will vote on Monday.", "2025-06-12")) == "2025-06-16");
  CHECK(day(read_one("The overtime ban starts from Saturday.", "2025-06-12")) == "2025-06-14");
  CHECK(day(read_one("It was agreed last Thursday.", "2025-06-12")) == "2025-06-05");
  const auto unanchored = read_one("Cleaners walked out yesterday.");
  CHECK_FALSE(unanchored.value.lo.has_value());
  CHECK(unanchored.value.partial == "yesterday");
  // A weekday before a full date adds nothing: the date is read once.
  CHECK(day(read_one("Pickets return on Tuesday, 17 June 2025.")) == "2025-06-17");
}

TEST_CASE("story anchors: no date takes the story's median - a far-off date loses to the story",
          "[quantity][dates]") {
  auto d = [](const char* iso) { return *quantity::parse_iso_day(iso); };
  const std::vector<quantity::StoryDay> story = {
      {d("2025-05-02"), true}, {d("2025-05-02"), false}, {d("2025-05-04"), false}};
  // Alone, or within a year of the others, the article's own date stands.
  CHECK(quantity::anchor_day(d("2025-05-03"), false, {}) == d("2025-05-03"));
  CHECK(quantity::anchor_day(d("2025-01-20"), false, story) == d("2025-01-20"));
  // No date: the median of the others; an even count takes the later middle day.
  CHECK(quantity::anchor_day(std::nullopt, false, story) == d("2025-05-02"));
  const std::vector<quantity::StoryDay> two = {{d("2025-05-02"), false}, {d("2025-05-09"), false}};
  CHECK(quantity::anchor_day(std::nullopt, false, two) == d("2025-05-09"));
  CHECK_FALSE(quantity::anchor_day(std::nullopt, false, {}).has_value());
  // Years from every other outlet's date: the story wins.
  CHECK(quantity::anchor_day(d("2017-02-09"), false, story) == d("2025-05-02"));
  CHECK(quantity::anchor_day(d("2017-02-09"), true, story) == d("2025-05-02"));
  // One date against one: a page's date line loses to a manifest's date, but
  // two dates read from pages cannot tell which is wrong.
  const std::vector<quantity::StoryDay> given = {{d("2025-05-02"), true}};
  const std::vector<quantity::StoryDay> read = {{d("2025-05-02"), false}};
  CHECK(quantity::anchor_day(d("2017-02-09"), false, given) == d("2025-05-02"));
  CHECK(quantity::anchor_day(d("2017-02-09"), false, read) == d("2017-02-09"));
  CHECK(quantity::anchor_day(d("2017-02-09"), true, given) == d("2017-02-09"));
}

TEST_CASE("a weekday beside a date picks the year whose date falls on it, nearest the anchor",
          "[quantity][dates]") {
  // 14 October is a Tuesday in 2025 (and 2031), a Monday in 2024.
  CHECK(first_day(read_one("The hearing is on Tuesday 14 October.", "2025-05-02")) == "2025-10-14");
  CHECK(first_day(read_one("The depot shut on Tuesday 14 October.", "2026-03-01")) == "2025-10-14");
  CHECK(first_day(read_one("It reopened on Monday, October 14.", "2025-05-02")) == "2024-10-14");
  // Without a weekday the tense decides: behind the article.
  CHECK(first_day(read_one("The depot shut on 14 October.", "2026-03-01")) == "2025-10-14");
}

TEST_CASE("tense: a past verb about the date looks back - cue words are whole words",
          "[quantity][dates]") {
  // 2025-05-02 is a Friday.
  const char* friday = "2025-05-02";
  CHECK(first_day(read_one("The by-election was held on Thursday.", friday)) == "2025-05-01");
  CHECK(first_day(read_one("The poll, which will shape the council, was held on Thursday.",
                           friday)) == "2025-05-01");
  CHECK(first_day(read_one("Turnout fell when the by-election took place on Thursday.", friday)) ==
        "2025-05-01");
  CHECK(first_day(read_one("The plan, backed by most tenants, was approved on Tuesday.", friday)) ==
        "2025-04-29");
  CHECK(first_day(read_one("The firm announced on Tuesday that it will shut its plant.", friday)) ==
        "2025-04-29");
  CHECK(first_day(read_one("Thursday's count was won by a handful of ballots.", friday)) ==
        "2025-05-01");
  // A forward word nearer the date than the past verb looks ahead.
  const auto both = read_all("The union announced on Monday it will strike on Thursday.", friday);
  REQUIRE(both.size() == 2);
  CHECK(first_day(both[0]) == "2025-04-28");
  CHECK(first_day(both[1]) == "2025-05-08");
  // A forward word between a perfect and the date: a day fixed ahead; after
  // a simple past, the nearer reading.
  CHECK(first_day(read_one("A tribunal had been set for 14 November.", friday)) == "2025-11-14");
  CHECK(first_day(read_one("A tribunal was set for 14 November.", friday)) == "2025-11-14");
  CHECK(first_day(read_one("The payment was due on 4 March.", friday)) == "2025-03-04");
  CHECK(first_day(read_one("The appeal was scheduled for 4 March.", friday)) == "2025-03-04");
  CHECK(first_day(read_one("The appeal has been scheduled for 4 March.", friday)) == "2026-03-04");
  // "be" makes a past form a participle of the future: "will be announced".
  CHECK(first_day(read_one("The result will be announced on Tuesday.", friday)) == "2025-05-06");
  CHECK(first_day(read_one("Stand-by crews were sent on Wednesday.", friday)) == "2025-04-30");
  // A forward word outside the date's clause: the nearer reading of a month.
  CHECK(first_day(read_one("Rents eased in April, more than expected.", "2025-05-21")) ==
        "2025-04-01");
  CHECK(first_day(read_one("Fares will rise in April.", "2025-05-21")) == "2026-04-01");
}

TEST_CASE("the next day counts from a day given in the same sentence or the one before",
          "[quantity][dates]") {
  const auto same =
      read_all("The ballot closed on 3 March and the result came the next day.", "2025-04-01");
  REQUIRE(same.size() == 2);
  CHECK(first_day(same[1]) == "2025-03-04");
  const auto after =
      read_all("Pickets formed on Monday. The depot shut the following day.", "2025-06-12");
  REQUIRE(after.size() == 2);
  CHECK(first_day(after[1]) == "2025-06-10");
  // Too far back, or no day at all: left unresolved, its words kept.
  const auto far = read_all(
      "Pickets formed on Monday. Talks went on. Managers met. The depot shut the following day.",
      "2025-06-12");
  REQUIRE(far.size() == 2);
  CHECK_FALSE(far[1].value.lo.has_value());
  CHECK(far[1].value.partial == "the following day");
}

TEST_CASE("traps and look-alikes: years as names - working-week length - phone numbers",
          "[quantity]") {
  auto q = read_one("Tickets for the 2034 World Cup went on sale.");
  CHECK(q.kind == ruleset::Kind::date);
  CHECK(quantity::format_day(static_cast<long>(*q.value.lo)) == "2034-01-01");
  q = read_one("Members want a four-day week.");
  CHECK(q.kind == ruleset::Kind::ratio);
  CHECK(q.value.unit == "days in the working week");
  CHECK(read_all("Ring 0161 496 0000 or call 999.").empty());
  CHECK(read_all("Pickets met outside 221 Baker Street.").empty());
  CHECK(read_all("Doors open at 7.30pm.").empty());
}

TEST_CASE("counts with k and m - money in words", "[quantity]") {
  auto q = read_one("About 2.3k workers signed the petition.");
  CHECK(*q.value.lo == Approx(2070));
  q = read_one("The union speaks for 1.5m members.");
  CHECK(*q.value.lo == 1.5e6);
  CHECK(q.value.counted == "members");
  q = read_one("a bill of 450 million pounds");
  CHECK(q.value.unit == "GBP");
  CHECK(*q.value.lo == 450e6);
  q = read_one("a €20k bonus");
  CHECK(q.value.unit == "EUR");
  CHECK(*q.value.lo == 20000);
}

TEST_CASE("count ranges and changes: between - dashes - from X to Y", "[quantity]") {
  auto q = read_one("Between 120 and 150 cleaners will lose shifts.");
  CHECK(q.value.hedge == "range");
  CHECK(*q.value.lo == 120);
  CHECK(*q.value.hi == 150);
  q = read_one("Some 60-80 porters joined.");
  CHECK(*q.value.lo == 60);
  CHECK(*q.value.hi == 80);
  q = read_one("two to three thousand workers");
  CHECK(*q.value.lo == 2000);
  q = read_one("The mill cut its staff from 500 to 420 workers.");
  CHECK(q.value.hedge == "none");
  CHECK(*q.value.lo == 420);
}

TEST_CASE("'up to' after a verb of moving is where a figure moves to, not a most", "[quantity]") {
  auto q = read_one("Annual bills will go up to £1,820.");
  CHECK(q.value.hedge == "none");
  CHECK(*q.value.lo == 1820);
  q = read_one("The standing charge goes up to 48.2p.");
  CHECK(q.value.hedge == "none");
  CHECK_THAT(*q.value.lo, WithinAbs(0.482, 1e-9));
  q = read_one("Grants of up to £1,820 are on offer.");
  CHECK(q.value.hedge == "at_most");
  CHECK(*q.value.lo == 0);
}
