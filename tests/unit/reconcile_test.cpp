#include "reconcile/reconcile.h"

#include <catch2/catch.hpp>

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
  v.unit = "%";
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
reconcile::Finding only(const std::vector<claim::Claim>& claims) {
  const auto findings = reconcile::reconcile(claims, {});
  REQUIRE(findings.size() == 1);
  return findings[0];
}
}  // namespace

TEST_CASE("same printed figure from several outlets: agree", "[reconcile]") {
  const auto f = only(
      {make("A", "ballot.yes", pct(84.5, 85.5, 85)), make("B", "ballot.yes", pct(84.5, 85.5, 85))});
  CHECK(f.verdict == "agree");
  CHECK(f.severity == "info");
  CHECK(f.explanation.find("85%") != std::string::npos);
}

TEST_CASE("disjoint intervals on the same base: conflict - high when in the outlets' own voice",
          "[reconcile]") {
  const auto f =
      only({make("A", "pay.offer", pct(3.5, 4.5, 4)), make("B", "pay.offer", pct(5.5, 6.5, 6))});
  CHECK(f.verdict == "conflict");
  CHECK(f.severity == "high");
  CHECK(f.explanation.find("A reports 4%") != std::string::npos);
  CHECK(f.explanation.find("B reports 6%") != std::string::npos);
}

TEST_CASE("shares of votes cast vs of all members: base-mismatch with the implied turnout",
          "[reconcile]") {
  const auto f = only({make("A", "ballot.yes", pct(84.5, 85.5, 85), "votes_cast"),
                       make("B", "ballot.yes", pct(50, 55, 50, "more_than"), "members")});
  CHECK(f.verdict == "base-mismatch");
  REQUIRE(f.implied_lo.has_value());
  // 50/85.5 and 55/84.5
  CHECK(*f.implied_lo == Approx(58.48).epsilon(0.001));
  CHECK(*f.implied_hi == Approx(65.09).epsilon(0.001));
  CHECK(f.explanation.find("turnout was about 58.5-65.1%") != std::string::npos);
}

TEST_CASE("days a week against a share of the week - and home days against office days: equivalent",
          "[reconcile]") {
  const auto f = only({make("A", "office.days", days(3, 5, "office")),
                       make("B", "office.days", pct(59.5, 100, 60)),
                       make("C", "office.days", days(0, 2, "home", "at_most"))});
  CHECK(f.verdict == "equivalent");
  CHECK(f.unit == "days/week");
  for (const auto& s : f.scaled) {
    CHECK(*s.lo == Approx(3).margin(0.03));
    CHECK(*s.hi == Approx(5));
  }
}

TEST_CASE("one outlet only: single-source - generic figures never conflict", "[reconcile]") {
  CHECK(only({make("A", "x", pct(10, 11, 10)), make("A", "x", pct(20, 21, 20))}).verdict ==
        "single-source");
  auto generic = only({make("A", "generic.percentage", pct(10, 11, 10)),
                       make("B", "generic.percentage", pct(40, 41, 40))});
  CHECK(generic.verdict == "unassessed");
  CHECK(generic.severity == "low");
}

TEST_CASE("finding ids are stable and findings are ordered by severity", "[reconcile]") {
  std::vector<claim::Claim> claims = {
      make("A", "b.agree", pct(1, 2, 1)), make("B", "b.agree", pct(1, 2, 1)),
      make("A", "a.conflict", pct(1, 2, 1)), make("B", "a.conflict", pct(8, 9, 8))};
  const auto first = reconcile::reconcile(claims, {});
  std::reverse(claims.begin(), claims.end());
  const auto second = reconcile::reconcile(claims, {});
  REQUIRE(first.size() == 2);
  CHECK(first[0].verdict == "conflict");
  CHECK(first[0].id == second[0].id);
  CHECK(first[1].id == second[1].id);
  CHECK(first[0].id != first[1].id);
}
