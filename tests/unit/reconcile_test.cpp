#include "reconcile/reconcile.h"

#include <catch2/catch.hpp>

#include "verdict_strings.h"

using namespace claimdiff;

namespace {
claim::Claim make(const std::string& outlet, const std::string& attribute, quantity::Value v,
                  const std::string& base = "") {
  static int n = 0;
  claim::Claim c;
  c.id = "c" + std::to_string(++n);
  c.story = "s";
  c.article = outlet + ".txt";
  c.outlet = outlet;
  c.attribute = attribute;
  c.base = base;
  c.region = "body";
  c.speaker = c.speaker_role = "outlet";
  c.value = std::move(v);
  return c;
}
quantity::Value pct(double lo, std::optional<double> hi, double printed,
                    const std::string& hedge = "none") {
  quantity::Value v;
  v.lo = lo;
  v.hi = hi;
  // Not `= "%"`: assigning a one-character literal here sets off a false
  // -Wrestrict in g++ 12 (GCC bug 105329).
  v.unit = std::string("%");
  v.hedge = hedge;
  v.printed = printed;
  return v;
}
quantity::Value days(double lo, std::optional<double> hi, const std::string& place,
                     const std::string& hedge = "none") {
  quantity::Value v;
  v.lo = lo;
  v.hi = hi;
  v.unit = "days/week";
  v.place = place;
  v.hedge = hedge;
  v.printed = lo;
  if (hi && *hi != lo) v.printed2 = hi;
  return v;
}
// Words as a lexicon of our own would give them.
const reconcile::Options kWords{
    {}, {{"votes_cast", {"of votes cast", "turnout"}}, {"members", {"of all members", ""}}}};

reconcile::Finding only(const std::vector<claim::Claim>& claims,
                        const reconcile::Options& words = kWords) {
  const auto findings = reconcile::reconcile(claims, words);
  REQUIRE(findings.size() == 1);
  return findings[0];
}
}  // namespace

TEST_CASE("same printed figure from several outlets: agree", "[reconcile]") {
  const auto f = only(
      {make("A", "ballot.yes", pct(84.5, 85.5, 85)), make("B", "ballot.yes", pct(84.5, 85.5, 85))});
  CHECK(f.verdict == reconcile::Verdict::agree);
  CHECK(f.severity == reconcile::Severity::info);
  CHECK(f.explanation.find("85%") != std::string::npos);
}

TEST_CASE("disjoint intervals on the same base: conflict - high when in the outlets' own voice",
          "[reconcile]") {
  const auto f =
      only({make("A", "pay.offer", pct(3.5, 4.5, 4)), make("B", "pay.offer", pct(5.5, 6.5, 6))});
  CHECK(f.verdict == reconcile::Verdict::conflict);
  CHECK(f.severity == reconcile::Severity::high);
  CHECK(f.explanation.find("A reports 4%") != std::string::npos);
  CHECK(f.explanation.find("B reports 6%") != std::string::npos);
}

TEST_CASE("shares of votes cast vs of all members: base-mismatch with the implied turnout",
          "[reconcile]") {
  const auto f = only({make("A", "ballot.yes", pct(84.5, 85.5, 85), "votes_cast"),
                       make("B", "ballot.yes", pct(50, 55, 50, "more_than"), "members")});
  CHECK(f.verdict == reconcile::Verdict::base_mismatch);
  REQUIRE(f.implied_lo.has_value());
  // 50/85.5 and 55/84.5
  CHECK(*f.implied_lo == Approx(58.48).epsilon(0.001));
  CHECK(*f.implied_hi == Approx(65.09).epsilon(0.001));
  CHECK(f.explanation.find("turnout was about 58.5-65.1%") != std::string::npos);
}

TEST_CASE("the bases' words and the implied figure come from the lexicon", "[reconcile]") {
  const reconcile::Options words{{},
                                 {{"valid_ballots", {"of valid ballots", "participation"}},
                                  {"residents", {"of all residents", ""}}}};
  const auto f = only({make("A", "vote.yes", pct(69.5, 70.5, 70), "valid_ballots"),
                       make("B", "vote.yes", pct(40, 50, 40, "more_than"), "residents")},
                      words);
  CHECK(f.verdict == reconcile::Verdict::base_mismatch);
  CHECK(f.implied_what == "participation");
  CHECK(f.explanation.find("of valid ballots") != std::string::npos);
  CHECK(f.explanation.find("participation was about") != std::string::npos);
  CHECK(f.explanation.find("% of all residents") != std::string::npos);
  // A base the words do not know implies nothing and is named as it is.
  const auto bare = only({make("A", "vote.yes", pct(69.5, 70.5, 70), "valid_ballots"),
                          make("B", "vote.yes", pct(40, 50, 40, "more_than"), "residents")},
                         reconcile::Options{});
  CHECK(bare.implied_what.empty());
  CHECK(bare.explanation.find("of valid_ballots") != std::string::npos);
}

TEST_CASE("days a week against a share of the week - and home days against office days: equivalent",
          "[reconcile]") {
  const auto f = only({make("A", "office.days", days(3, 5, "office")),
                       make("B", "office.days", pct(59.5, 100, 60)),
                       make("C", "office.days", days(0, 2, "home", "at_most"))});
  CHECK(f.verdict == reconcile::Verdict::equivalent);
  CHECK(f.unit == "days/week");
  for (const auto& s : f.scaled) {
    CHECK(*s.lo == Approx(3).margin(0.03));
    CHECK(*s.hi == Approx(5));
  }
}

TEST_CASE("one outlet only: single-source - generic figures never conflict", "[reconcile]") {
  CHECK(only({make("A", "x", pct(10, 11, 10)), make("A", "x", pct(20, 21, 20))}).verdict ==
        reconcile::Verdict::single_source);
  auto generic = only({make("A", "generic.percentage", pct(10, 11, 10)),
                       make("B", "generic.percentage", pct(40, 41, 40))});
  CHECK(generic.verdict == reconcile::Verdict::unassessed);
  CHECK(generic.severity == reconcile::Severity::low);
}

TEST_CASE("finding ids are stable and findings are ordered by severity", "[reconcile]") {
  std::vector<claim::Claim> claims = {
      make("A", "b.agree", pct(1, 2, 1)), make("B", "b.agree", pct(1, 2, 1)),
      make("A", "a.conflict", pct(1, 2, 1)), make("B", "a.conflict", pct(8, 9, 8))};
  const auto first = reconcile::reconcile(claims, {});
  std::reverse(claims.begin(), claims.end());
  const auto second = reconcile::reconcile(claims, {});
  REQUIRE(first.size() == 2);
  CHECK(first[0].verdict == reconcile::Verdict::conflict);
  CHECK(first[0].id == second[0].id);
  CHECK(first[1].id == second[1].id);
  CHECK(first[0].id != first[1].id);
}

namespace {
quantity::Value day(const std::string& iso) {
  quantity::Value v;
  v.unit = "date";
  v.lo = v.hi = static_cast<double>(*quantity::parse_iso_day(iso));
  return v;
}
quantity::Value money(double amount) {
  quantity::Value v;
  v.unit = "GBP";
  v.lo = v.hi = v.printed = amount;
  return v;
}
quantity::Value count(double n, const std::string& hedge = "none") {
  quantity::Value v;
  v.unit = "count";
  v.printed = n;
  v.hedge = hedge;
  v.lo = hedge == "approx" ? n * 0.9 : n;
  v.hi = hedge == "approx" ? n * 1.1 : n;
  return v;
}
claim::Claim said_by(claim::Claim c, const std::string& role, const std::string& who) {
  c.speaker_role = role;
  c.speaker = who;
  return c;
}
}  // namespace

TEST_CASE("one outlet's figures for several groups are read as their span", "[reconcile]") {
  // A gives 60%, 80% and 100% for three groups; B says three to five days.
  const auto f =
      only({make("A", "office", pct(59.5, 60.5, 60)), make("A", "office", pct(79.5, 80.5, 80)),
            make("A", "office", pct(99.5, 100, 100)), make("B", "office", days(3, 5, "office"))});
  CHECK(f.verdict == reconcile::Verdict::equivalent);
  CHECK(f.explanation.find("on a common scale each is 3-5 days/week") != std::string::npos);
  // The same two outlets with B at three days only: both can be true, but not the same.
  CHECK(only({make("A", "office", pct(59.5, 60.5, 60)), make("A", "office", pct(99.5, 100, 100)),
              make("B", "office", days(3, 3, "office"))})
            .verdict == reconcile::Verdict::compatible);
}

TEST_CASE("dates are sets: a date missing from one account is no conflict - a day off is",
          "[reconcile]") {
  CHECK(only({make("A", "strike.dates", day("2025-06-02")),
              make("A", "strike.dates", day("2025-06-03")),
              make("B", "strike.dates", day("2025-06-02"))})
            .verdict == reconcile::Verdict::agree);
  const auto f = only(
      {make("A", "strike.dates", day("2025-06-02")), make("B", "strike.dates", day("2025-06-03"))});
  CHECK(f.verdict == reconcile::Verdict::conflict);
  CHECK(f.explanation.find("A reports 2025-06-02, but B reports 2025-06-03") != std::string::npos);
}

TEST_CASE("a date with no year meets the same day and month, not another", "[reconcile]") {
  quantity::Value nov6;
  nov6.unit = "date";
  nov6.partial = "--11-06";
  quantity::Value nov7 = nov6;
  nov7.partial = "--11-07";
  CHECK(only({make("A", "ballot.opens", nov6), make("B", "ballot.opens", nov7)}).verdict ==
        reconcile::Verdict::conflict);
  CHECK(only({make("A", "ballot.opens", nov6), make("B", "ballot.opens", day("2024-11-06"))})
            .verdict != reconcile::Verdict::conflict);
}

TEST_CASE("the union against the employer: speaker-disagreement, within one outlet too",
          "[reconcile]") {
  const auto f = only(
      {said_by(make("A", "people", count(420)), "union", "the union"),
       said_by(make("A", "people", count(300, "approx")), "employer", "a council spokeswoman")});
  CHECK(f.verdict == reconcile::Verdict::speaker_disagreement);
  CHECK(f.severity == reconcile::Severity::medium);
  CHECK(f.explanation.find("the union (in A) says 420") != std::string::npos);
  // An outlet's own figure against a quoted side is a plain conflict.
  const auto g = only({make("A", "people", count(420)),
                       said_by(make("B", "people", count(300, "approx")), "employer", "the firm")});
  CHECK(g.verdict == reconcile::Verdict::conflict);
}

TEST_CASE("money that is a share of a salary is compared as a percentage of it", "[reconcile]") {
  claim::Claim offer = make("B", "pay.offer", money(750));
  offer.share_of = "pay.salary";
  const auto findings = reconcile::reconcile(
      {make("A", "pay.offer", pct(2.5, 3.5, 3)), offer, make("B", "pay.salary", money(25000))}, {});
  const auto it = std::find_if(findings.begin(), findings.end(),
                               [](const auto& f) { return f.attribute == "pay.offer"; });
  REQUIRE(it != findings.end());
  CHECK(it->unit == "%");
  CHECK(it->verdict == reconcile::Verdict::equivalent);
  CHECK(it->explanation.find("£750 (3% of £25,000)") != std::string::npos);
  // With a different salary the same money is another share: 750 of 15,000 is 5%.
  const auto other = reconcile::reconcile(
      {make("A", "pay.offer", pct(2.5, 3.5, 3)), offer, make("B", "pay.salary", money(15000))}, {});
  for (const auto& f : other)
    if (f.attribute == "pay.offer") CHECK(f.verdict == reconcile::Verdict::conflict);
}

TEST_CASE("a disagreement that rests on page furniture is marked and ranked low", "[reconcile]") {
  claim::Claim related = make("B", "jobs.cuts", count(2000));
  related.region = "related-links";
  const auto f = only({make("A", "jobs.cuts", count(2300)), related});
  CHECK(f.verdict == reconcile::Verdict::conflict);
  CHECK(f.furniture);
  CHECK(f.severity == reconcile::Severity::low);
  CHECK(f.explanation.find("page furniture") != std::string::npos);
}

TEST_CASE("a rate for one group joins the whole's finding - a count for one group does not",
          "[reconcile]") {
  claim::Claim support = make("A", "office", days(3, std::nullopt, "office", "at_least"));
  support.scope = "support roles";
  const auto findings = reconcile::reconcile({support, make("B", "office", days(3, 5, "office")),
                                              make("C", "office", days(3, 5, "office"))},
                                             {});
  REQUIRE(findings.size() == 2);
  for (const auto& f : findings) {
    if (f.scope.empty()) CHECK(f.claim_ids.size() == 3);
    if (!f.scope.empty()) CHECK(f.claim_ids.size() == 1);
  }
  claim::Claim officers = make("A", "jobs.cuts", count(2300));
  officers.scope = "officers";
  for (const auto& f : reconcile::reconcile({officers, make("B", "jobs.cuts", count(2700))}, {}))
    CHECK(f.claim_ids.size() == 1);
}
