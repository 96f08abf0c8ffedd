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
quantity::Quantity read_one(const std::string& sentence, const std::string& ref_date = "") {
  auto all = read_all(sentence, ref_date);
  REQUIRE(all.size() == 1);
  return all[0];
}
}  // namespace

TEST_CASE("numbers in digits and in words", "[quantity]") {
  quantity::Reader reader;
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
  CHECK_FALSE(reader.parse_number("several").has_value());
}

TEST_CASE("percentages carry their printed precision and hedges as bounds", "[quantity]") {
  auto q = read_one("Some 85% of the drivers agreed.");
  CHECK(q.kind == "percentage");
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
  CHECK(q.kind == "count");
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
  CHECK(q.kind == "ratio");
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
