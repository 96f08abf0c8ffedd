#include "reconcile/reconcile.h"

#include <catch2/catch.hpp>
#include <set>

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

TEST_CASE("one outlet only: single-source - a figure with no subject is in no finding",
          "[reconcile]") {
  CHECK(only({make("A", "x", pct(10, 11, 10)), make("A", "x", pct(20, 21, 20))}).verdict ==
        reconcile::Verdict::single_source);
  // Nothing says what these two are about: no catch-all finding holds them.
  CHECK(reconcile::reconcile({make("A", "generic.percentage", pct(10, 11, 10)),
                              make("B", "generic.percentage", pct(40, 41, 40))},
                             kWords)
            .empty());
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

// ---- subjects: figures no rule names, grouped by what they are about ----------------

namespace {
claim::Claim about(claim::Claim c, const std::string& head, std::vector<std::string> terms,
                   claim::Role role = claim::Role::result, const std::string& when = "") {
  c.subject.head = head;
  c.subject.head_words = head;
  c.subject.terms = std::move(terms);
  c.subject.role = role;
  c.subject.when = when;
  return c;
}
// A claim whose clause named no head, only these words.
claim::Claim headless(claim::Claim c, std::vector<std::string> terms) {
  c.subject.terms = std::move(terms);
  return c;
}
claim::Claim generic(const std::string& outlet, quantity::Value v) {
  return make(outlet, "generic." + std::string(v.unit == "%" ? "percentage" : "count"),
              std::move(v));
}
}  // namespace

TEST_CASE("subjects: one head and shared words tie outlets' figures - agree, and say why",
          "[reconcile][subject]") {
  const auto f = only({about(generic("A", count(312)), "death", {"flood", "valley"}),
                       about(generic("B", count(312)), "death", {"flood", "storm"})});
  CHECK(f.verdict == reconcile::Verdict::agree);
  CHECK(f.inferred);
  CHECK(f.severity == reconcile::Severity::info);
  CHECK(f.explanation.find("Grouped by: death; flood.") != std::string::npos);
}

TEST_CASE("subjects: firmly tied disjoint figures conflict, one severity step below a rule's",
          "[reconcile][subject]") {
  const auto f = only({about(generic("A", count(312)), "death", {"flood", "valley", "storm"}),
                       about(generic("B", count(213)), "death", {"flood", "valley"})});
  CHECK(f.verdict == reconcile::Verdict::conflict);
  CHECK(f.severity == reconcile::Severity::medium);  // a rule-named conflict here is high
  const auto named = only({make("A", "toll", count(312)), make("B", "toll", count(213))});
  CHECK(named.severity == reconcile::Severity::high);
}

TEST_CASE("subjects: a loose tie never conflicts - its figures are split by value, and agree",
          "[reconcile][subject]") {
  // One shared word of several: the same head, perhaps not the same thing.
  const auto findings =
      reconcile::reconcile({about(generic("A", count(12645)), "vote", {"poll", "winner", "party"}),
                            about(generic("B", count(12639)), "vote", {"poll", "runner", "second"}),
                            about(generic("C", count(12645)), "vote", {"poll", "winner", "count"})},
                           kWords);
  REQUIRE(findings.size() == 2);
  for (const auto& f : findings) CHECK_FALSE(reconcile::is_conflict(f));
  const auto& agreed = findings[0].verdict == reconcile::Verdict::agree ? findings[0] : findings[1];
  CHECK(agreed.verdict == reconcile::Verdict::agree);
  CHECK(agreed.outlets == std::vector<std::string>{"A", "C"});
  CHECK(agreed.context.find("= 12,645") != std::string::npos);
}

TEST_CASE("subjects: different heads or no shared word stay apart", "[reconcile][subject]") {
  const auto findings =
      reconcile::reconcile({about(generic("A", count(40)), "school", {"close", "county"}),
                            about(generic("B", count(40)), "pupil", {"close", "county"}),
                            about(generic("C", count(40)), "school", {"budget", "repair"})},
                           kWords);
  CHECK(findings.size() == 3);
  for (const auto& f : findings) CHECK(f.verdict == reconcile::Verdict::single_source);
}

TEST_CASE("subjects: the lexicon's synonyms are one head", "[reconcile][subject]") {
  reconcile::Options words = kWords;
  words.synonyms = {{"worker", "staff"}, {"employe", "staff"}};
  const auto f = only({about(generic("A", count(900)), "staff", {"plant", "close"}),
                       about(generic("B", count(900)), "worker", {"plant", "close"}),
                       about(generic("C", count(900)), "employe", {"plant"})},
                      words);
  CHECK(f.verdict == reconcile::Verdict::agree);
  CHECK(f.outlets.size() == 3);
}

TEST_CASE("subjects: figures that stand at different dates are different facts",
          "[reconcile][subject]") {
  const auto findings =
      reconcile::reconcile({about(generic("A", pct(2.3, 2.3, 2.3)), "inflat", {"price", "rate"},
                                  claim::Role::result, "2024-04"),
                            about(generic("B", pct(3.2, 3.2, 3.2)), "inflat", {"price", "rate"},
                                  claim::Role::result, "2024-03"),
                            about(generic("C", pct(2.3, 2.3, 2.3)), "inflat", {"price", "rate"})},
                           kWords);
  REQUIRE(findings.size() == 2);
  for (const auto& f : findings) CHECK_FALSE(reconcile::is_conflict(f));
}

TEST_CASE("roles: a threshold, a target, a previous value and a result are four facts",
          "[reconcile][subject][role]") {
  using claim::Role;
  const std::vector<std::string> words = {"turnout", "ballot", "union"};
  auto at = [&](const std::string& outlet, double p, Role role) {
    return about(make(outlet, "ballot.turnout", pct(p, p, p)), "turnout", words, role);
  };
  // "the law needs a 50% turnout", "the union aims for 60%", "last time 45%", "turnout was 38%"
  const auto findings = reconcile::reconcile(
      {at("A", 50, Role::threshold), at("B", 60, Role::target), at("C", 45, Role::previous),
       at("D", 38, Role::result), at("E", 38, Role::result)},
      kWords);
  REQUIRE(findings.size() == 4);
  std::set<Role> roles;
  for (const auto& f : findings) {
    roles.insert(f.role);
    CHECK(f.verdict != reconcile::Verdict::conflict);
  }
  CHECK(roles.size() == 4);
  // The same split for figures no rule names.
  const auto inferred =
      reconcile::reconcile({about(generic("A", pct(50, 50, 50)), "turnout", words, Role::threshold),
                            about(generic("B", pct(38, 38, 38)), "turnout", words, Role::result)},
                           kWords);
  CHECK(inferred.size() == 2);
}

TEST_CASE("roles: the old office rule and the new one are two facts", "[reconcile][role]") {
  // "staff used to come in two days a week; now they must come in four"
  const auto findings = reconcile::reconcile(
      {about(make("A", "office", days(2, 2, "office")), "", {}, claim::Role::previous),
       about(make("A", "office", days(4, 4, "office")), "", {}),
       about(make("B", "office", days(4, 4, "office")), "", {})},
      kWords);
  REQUIRE(findings.size() == 2);
  for (const auto& f : findings) CHECK(f.verdict != reconcile::Verdict::conflict);
}

TEST_CASE("two minimums of one figure that differ conflict", "[reconcile]") {
  auto at_least = [](double n) {
    quantity::Value v;
    v.lo = n;
    v.unit = "GBP";
    v.hedge = "at_least";
    v.printed = n;
    return v;
  };
  const auto f = only({make("A", "bonus", at_least(800)), make("B", "bonus", at_least(950))});
  CHECK(f.verdict == reconcile::Verdict::conflict);
  CHECK(only({make("A", "bonus", at_least(800)), make("B", "bonus", at_least(810))}).verdict ==
        reconcile::Verdict::equivalent);
}

TEST_CASE("a running count that rises over time is updated; one printed after it, outdated",
          "[reconcile][subject]") {
  reconcile::Options words = kWords;
  words.cumulative = {"case"};
  auto cases = [](const std::string& outlet, double n, const std::string& published) {
    auto c = about(generic(outlet, count(n)), "case", {"outbreak", "confirm"});
    c.published = published;
    return c;
  };
  const auto rising =
      only({cases("A", 41, "2026-03-09T09:30"), cases("B", 58, "2026-03-11T18:00")}, words);
  CHECK(rising.verdict == reconcile::Verdict::updated);
  // A count that changed over time is neither a conflict nor an agreement.
  CHECK_FALSE(reconcile::is_agreement(rising));
  CHECK_FALSE(reconcile::is_conflict(rising));
  CHECK(
      rising.explanation.starts_with("The count changed over time: 41 (A, 2026-03-09 09:30), "
                                     "then 58 (B, 2026-03-11 18:00)."));
  const auto stale = only({cases("A", 41, "2026-03-09T09:30"), cases("B", 58, "2026-03-11T18:00"),
                           cases("C", 41, "2026-03-12T08:00")},
                          words);
  CHECK(stale.verdict == reconcile::Verdict::outdated);
  CHECK_FALSE(reconcile::is_conflict(stale));
  CHECK(stale.explanation.find("C printed 41 after B had reported 58: out of date.") !=
        std::string::npos);
  // Not a running count: the same figures conflict.
  CHECK(only({cases("A", 41, "2026-03-09T09:30"), cases("B", 58, "2026-03-11T18:00")}).verdict ==
        reconcile::Verdict::conflict);
  // No times to order them: a conflict too.
  CHECK(only({cases("A", 41, ""), cases("B", 58, "")}, words).verdict ==
        reconcile::Verdict::conflict);
}

TEST_CASE("subjects: a share's head and one shared word tie it firmly; a count's need more",
          "[reconcile][subject]") {
  const auto share = only({about(generic("A", pct(31, 31, 31)), "turnout", {"council", "ward"}),
                           about(generic("B", pct(36, 36, 36)), "turnout", {"council", "poll"})});
  CHECK(share.verdict == reconcile::Verdict::conflict);
  const auto counted =
      reconcile::reconcile({about(generic("A", count(310)), "vote", {"council", "ward"}),
                            about(generic("B", count(360)), "vote", {"council", "poll"})},
                           kWords);
  REQUIRE(counted.size() == 2);  // not tied firmly: two figures, each alone
  for (const auto& f : counted) CHECK(f.verdict == reconcile::Verdict::single_source);
}

TEST_CASE("subjects: a head three articles use once each, two alike, needs two shared words",
          "[reconcile][subject]") {
  auto lenders = [](const std::string& outlet, double n, std::vector<std::string> terms) {
    return about(generic(outlet, count(n)), "lender", std::move(terms));
  };
  // Two outlets say 41 lenders, a third 14: each article counts lenders once.
  const auto odd_one_out = reconcile::reconcile({lenders("A", 41, {"scheme", "pension", "mill"}),
                                                 lenders("B", 41, {"scheme", "pension", "court"}),
                                                 lenders("C", 14, {"scheme", "pension", "jury"})},
                                                kWords);
  CHECK(std::count_if(odd_one_out.begin(), odd_one_out.end(), reconcile::is_conflict) == 1);
  // One shared word is not enough.
  const auto loose = reconcile::reconcile(
      {lenders("A", 41, {"scheme", "mill"}), lenders("B", 41, {"scheme", "court"}),
       lenders("C", 14, {"scheme", "jury"})},
      kWords);
  CHECK(std::none_of(loose.begin(), loose.end(), reconcile::is_conflict));
  // C also counts 41 lenders elsewhere: the head names several figures there.
  const auto twice = reconcile::reconcile({lenders("A", 41, {"scheme", "pension", "mill"}),
                                           lenders("B", 41, {"scheme", "pension", "court"}),
                                           lenders("C", 14, {"scheme", "pension", "jury"}),
                                           lenders("C", 41, {"scheme", "pension", "bank"})},
                                          kWords);
  CHECK(std::none_of(twice.begin(), twice.end(), reconcile::is_conflict));
  // Two articles alone: they may count two different things.
  const auto two = reconcile::reconcile({lenders("A", 41, {"scheme", "pension", "mill"}),
                                         lenders("C", 14, {"scheme", "pension", "jury"})},
                                        kWords);
  CHECK(std::none_of(two.begin(), two.end(), reconcile::is_conflict));
}

TEST_CASE("running counts: times with offsets order them, minimums update, old periods split",
          "[reconcile][subject]") {
  reconcile::Options words = kWords;
  words.cumulative = {"case"};
  auto cases = [](const std::string& outlet, quantity::Value v, const std::string& published,
                  const std::string& when = "") {
    auto c = about(generic(outlet, std::move(v)), "case", {"outbreak", "confirm"},
                   claim::Role::result, when);
    c.published = published;
    return c;
  };
  // B was out first: 00:15 at UTC+1 is 23:15 UTC, before A's 23:30 UTC.
  const auto stale = only({cases("A", count(41), "2026-03-09T23:30:00Z"),
                           cases("B", count(58), "2026-03-10T00:15:00+01:00")},
                          words);
  CHECK(stale.verdict == reconcile::Verdict::outdated);
  // "At least 41" and later "at least 58" is a count that rose, not a conflict.
  CHECK(only({cases("A", count(41, "at_least"), "2026-03-09"),
              cases("B", count(58, "at_least"), "2026-03-11")},
             words)
            .verdict == reconcile::Verdict::updated);
  // "since February" in a March article is the count as published; "in 2024" is not.
  const auto findings = reconcile::reconcile(
      {cases("A", count(41), "2026-03-09", "2026-02"), cases("B", count(58), "2026-03-11"),
       cases("C", count(120), "2026-03-12", "2024")},
      words);
  CHECK(findings.size() == 2);
}

TEST_CASE("subjects: claims with a head and no other word are grouped without a crash",
          "[reconcile][subject]") {
  const auto f = only(
      {about(generic("A", count(12)), "toll", {}), about(generic("B", count(12)), "toll", {})});
  CHECK(f.verdict == reconcile::Verdict::agree);
}

TEST_CASE(
    "subjects: a rate per month and one with no period never conflict; per year and per "
    "month never meet",
    "[reconcile][subject]") {
  auto per = [](claim::Claim c, const std::string& period) {
    c.subject.per = period;
    return c;
  };
  const auto findings = reconcile::reconcile(
      {per(about(generic("A", pct(0.3, 0.3, 0.3)), "inflat", {"price", "rose"}), "month"),
       about(generic("B", pct(2.3, 2.3, 2.3)), "inflat", {"price", "rose"}),
       about(generic("C", pct(2.3, 2.3, 2.3)), "inflat", {"price", "eased"})},
      kWords);
  for (const auto& f : findings) CHECK_FALSE(reconcile::is_conflict(f));
  // The same rate per year in both outlets still conflicts.
  const auto yearly =
      only({per(about(generic("A", pct(12, 12, 12)), "return", {"promis", "bond"}), "year"),
            per(about(generic("B", pct(21, 21, 21)), "return", {"promis", "bond"}), "year")});
  CHECK(yearly.verdict == reconcile::Verdict::conflict);
  // Per month and per year: two findings.
  const auto apart = reconcile::reconcile(
      {per(about(generic("A", pct(1, 1, 1)), "return", {"promis", "bond"}), "month"),
       per(about(generic("B", pct(12, 12, 12)), "return", {"promis", "bond"}), "year")},
      kWords);
  CHECK(apart.size() == 2);
}

TEST_CASE(
    "subjects: a figure with no head joins the headed figures it shares two words with, "
    "and agrees, but never conflicts",
    "[reconcile][subject]") {
  const auto agreed = only({about(generic("A", count(2040)), "cap", {"household", "typic"}),
                            headless(generic("B", count(2040)), {"household", "typic", "bill"})});
  CHECK(agreed.verdict == reconcile::Verdict::agree);
  CHECK(agreed.outlets.size() == 2);
  // Different values: not tied firmly, so split by value, no conflict.
  const auto differing =
      reconcile::reconcile({about(generic("A", count(2040)), "cap", {"household", "typic"}),
                            headless(generic("B", count(2004)), {"household", "typic", "bill"})},
                           kWords);
  for (const auto& f : differing) CHECK_FALSE(reconcile::is_conflict(f));
  // One shared word is not enough: it stays alone.
  const auto apart =
      reconcile::reconcile({about(generic("A", count(2040)), "cap", {"household", "typic"}),
                            headless(generic("B", count(2040)), {"household", "storm"})},
                           kWords);
  CHECK(apart.size() == 2);
}

TEST_CASE(
    "subjects: a headless figure does not join a cluster where its own article prints "
    "another value",
    "[reconcile][subject]") {
  claim::Claim earlier = headless(generic("A", pct(51, 51, 51)), {"record", "contest"});
  earlier.id = "a2";
  const auto findings = reconcile::reconcile(
      {about(generic("A", pct(44, 44, 44)), "turnout", {"record", "contest", "best"}), earlier,
       about(generic("B", pct(44.7, 44.7, 44.7)), "turnout", {"contest", "count"})},
      kWords);
  // The turnouts conflict (one shared word ties two shares), and the
  // earlier contest's 51% is not read as A's second turnout.
  bool conflict = false;
  for (const auto& f : findings) {
    if (!reconcile::is_conflict(f)) continue;
    conflict = true;
    CHECK(std::find(f.claim_ids.begin(), f.claim_ids.end(), "a2") == f.claim_ids.end());
  }
  CHECK(conflict);
}

TEST_CASE(
    "subjects: a headless sum or count may join a cluster that holds another of its article's "
    "values",
    "[reconcile][subject]") {
  // B's first headless figure joins A's "charge" cluster; its second, with
  // A's value, still may: the cluster is split by value, and A and B agree.
  claim::Claim first = headless(generic("B", count(6)), {"charge", "stand"});
  first.id = "b1";
  claim::Claim second = headless(generic("B", count(61)), {"charge", "electr"});
  second.id = "b2";
  const auto findings = reconcile::reconcile(
      {about(generic("A", count(61)), "charge", {"stand", "electr"}), first, second}, kWords);
  bool agree = false;
  for (const auto& f : findings)
    agree |= f.verdict == reconcile::Verdict::agree &&
             std::find(f.claim_ids.begin(), f.claim_ids.end(), "b2") != f.claim_ids.end();
  CHECK(agree);
}

TEST_CASE("subjects: one head's sums at two dates are two facts, not a conflict",
          "[reconcile][subject]") {
  auto sum = [](const std::string& outlet, double amount, const std::string& when) {
    claim::Claim c = about(generic(outlet, money(amount)), "cap", {"household", "typic"},
                           claim::Role::result, when);
    c.kind = "money";
    return c;
  };
  // A gives the new cap and June's; B the new cap alone: B agrees with A's
  // new cap, and June's lower cap is no conflict with it.
  claim::Claim b = sum("B", 1900, "2024-08");
  b.id = "b-cap";
  const auto findings =
      reconcile::reconcile({sum("A", 1900, "2024-08"), sum("A", 1850, "2024-06"), b}, kWords);
  bool agree = false;
  for (const auto& f : findings) {
    CHECK_FALSE(reconcile::is_conflict(f));
    agree |= f.verdict == reconcile::Verdict::agree &&
             std::find(f.claim_ids.begin(), f.claim_ids.end(), "b-cap") != f.claim_ids.end();
  }
  CHECK(agree);
  // A figure of the same value at another date still stays apart.
  claim::Claim later = sum("B", 1900, "2025-01");
  later.id = "b-later";
  for (const auto& f :
       reconcile::reconcile({sum("A", 1900, "2024-08"), sum("A", 1850, "2024-06"), later}, kWords))
    if (std::find(f.claim_ids.begin(), f.claim_ids.end(), "b-later") != f.claim_ids.end())
      CHECK(f.claim_ids.size() == 1);
}

TEST_CASE("subjects: a head the lexicon says a story has few of is tied by one shared word",
          "[reconcile][subject]") {
  reconcile::Options words = kWords;
  words.few_figures = {"margin"};
  // "Ahead by four votes" during a recount, "won by six votes" after it:
  // each article gives one margin, and only "reform" is shared.
  auto margin = [](const std::string& outlet, double votes, std::vector<std::string> terms) {
    return about(generic(outlet, count(votes)), "margin", std::move(terms));
  };
  const std::vector<claim::Claim> claims = {margin("A", 4, {"ahead", "recount", "reform"}),
                                            margin("B", 6, {"snatch", "seat", "reform"})};
  bool conflict = false;
  for (const auto& f : reconcile::reconcile(claims, words)) conflict |= reconcile::is_conflict(f);
  CHECK(conflict);
  // Without the lexicon's word, a count's head needs more words in common.
  for (const auto& f : reconcile::reconcile(claims, kWords)) CHECK_FALSE(reconcile::is_conflict(f));
}

TEST_CASE("subjects: a figure open below does not hold a split group's figures together",
          "[reconcile][subject]") {
  // Four and six votes, loosely tied, are two facts; "fewer than 100" meets
  // both, but reaches no lower than its bound when the group is split.
  quantity::Value under = count(100, "less_than");
  under.lo = 0;
  std::vector<claim::Claim> claims = {about(generic("E", under), "vote", {"recount", "seat"}),
                                      about(generic("A", count(4)), "vote", {"recount", "ahead"}),
                                      about(generic("B", count(4)), "vote", {"recount", "apart"}),
                                      about(generic("C", count(6)), "vote", {"seat", "snatch"}),
                                      about(generic("D", count(6)), "vote", {"seat", "won"})};
  claims[1].id = "four-a";
  claims[2].id = "four-b";
  bool fours_agree = false;
  for (const auto& f : reconcile::reconcile(claims, kWords)) {
    const auto& ids = f.claim_ids;
    fours_agree |= f.verdict == reconcile::Verdict::agree && ids.size() == 2 &&
                   std::find(ids.begin(), ids.end(), "four-a") != ids.end() &&
                   std::find(ids.begin(), ids.end(), "four-b") != ids.end();
  }
  CHECK(fours_agree);
}

TEST_CASE("subjects: an exact figure of three figures or more ties findings that share no word",
          "[reconcile][subject]") {
  auto sum = [](const std::string& outlet, double amount, const std::string& head,
                std::vector<std::string> terms) {
    claim::Claim c = head.empty() ? headless(generic(outlet, money(amount)), std::move(terms))
                                  : about(generic(outlet, money(amount)), head, std::move(terms));
    c.kind = "money";
    return c;
  };
  // "Suppliers may charge 6.24p" and "an average of 6.24 pence per unit":
  // nothing but the figure in common.
  const auto f = only({sum("A", 0.0624, "", {"supplier", "allow", "regul"}),
                       sum("B", 0.0624, "", {"averag", "unit", "debit"})});
  CHECK(f.verdict == reconcile::Verdict::agree);
  CHECK(std::find(f.tied_by.begin(), f.tied_by.end(), "the same figure") != f.tied_by.end());
  // £5,000 has one significant figure: coincidences are common.
  CHECK(reconcile::reconcile({sum("A", 5000, "", {"supplier", "allow", "regul"}),
                              sum("B", 5000, "", {"averag", "unit", "debit"})},
                             kWords)
            .size() == 2);
  // One outlet calls the figure revenue, another earnings: left apart.
  CHECK(reconcile::reconcile({sum("A", 12.8e9, "revenu", {"annual", "drop"}),
                              sum("B", 12.8e9, "earn", {"full-year", "slip"})},
                             kWords)
            .size() == 2);
  // A year's sum and a month's are two facts; so are two dates' figures.
  claim::Claim yearly = sum("A", 2040, "", {"supplier", "allow"});
  yearly.subject.per = "year";
  claim::Claim monthly = sum("B", 2040, "", {"averag", "unit"});
  monthly.subject.per = "month";
  CHECK(reconcile::reconcile({yearly, monthly}, kWords).size() == 2);
  claim::Claim may = sum("A", 2040, "", {"supplier", "allow"});
  may.subject.when = "2024-05";
  claim::Claim june = sum("B", 2040, "", {"averag", "unit"});
  june.subject.when = "2024-06";
  CHECK(reconcile::reconcile({may, june}, kWords).size() == 2);
  // A share printed to three figures ties findings the same way.
  const auto share = only({headless(generic("A", pct(84.45, 84.55, 84.5)), {"nation", "data"}),
                           headless(generic("B", pct(84.45, 84.55, 84.5)), {"averag", "expert"})});
  CHECK(share.verdict == reconcile::Verdict::agree);
}

TEST_CASE("subjects: two shares of one head are tied by a word of the story's topic too",
          "[reconcile][subject]") {
  // "harbour" is beside figures in every article: the story's topic.
  std::vector<claim::Claim> claims;
  for (const char* outlet : {"A", "B", "C", "D", "E"})
    claims.push_back(about(generic(outlet, count(10)), "boat", {"harbour", "moor"}));
  claims.push_back(about(generic("A", pct(61, 61, 61)), "turnout", {"harbour", "poll"}));
  claims.push_back(about(generic("B", pct(64, 64, 64)), "turnout", {"harbour", "count"}));
  bool conflict = false;
  for (const auto& f : reconcile::reconcile(claims, kWords)) conflict |= reconcile::is_conflict(f);
  CHECK(conflict);
}

TEST_CASE("subjects: what two headless figures are per ties them like a shared word",
          "[reconcile][subject]") {
  auto per = [](claim::Claim c, const std::string& unit) {
    c.subject.per = unit;
    return c;
  };
  const auto f = only({per(headless(generic("A", count(21)), {"unit", "electr"}), "kwh"),
                       per(headless(generic("B", count(21)), {"electr", "debit"}), "kwh")});
  CHECK(f.verdict == reconcile::Verdict::agree);
  // Without it, one shared word is not enough for figures with no head.
  const auto apart = reconcile::reconcile({headless(generic("A", count(21)), {"unit", "electr"}),
                                           headless(generic("B", count(21)), {"electr", "debit"})},
                                          kWords);
  CHECK(apart.size() == 2);
}

TEST_CASE("subjects: a headless figure whose words name a cluster's head needs one word fewer",
          "[reconcile][subject]") {
  // "Payments worth up to £250" and "fuel payments, worth up to £250": the
  // second names no head of its own, but "payment" is among its words.
  const auto f = only({about(generic("A", count(250)), "payment", {"worth", "lost"}),
                       headless(generic("B", count(250)), {"worth", "payment", "grant"})});
  CHECK(f.verdict == reconcile::Verdict::agree);
  const auto apart =
      reconcile::reconcile({about(generic("A", count(250)), "payment", {"worth", "lost"}),
                            headless(generic("B", count(250)), {"worth", "grant", "winter"})},
                           kWords);
  CHECK(apart.size() == 2);
}

TEST_CASE("subjects: a rise and a fall are compared with their signs: never an agreement",
          "[reconcile][subject]") {
  auto way = [](claim::Claim c, const std::string& direction) {
    c.subject.direction = direction;
    c.subject.role = claim::Role::change;
    return c;
  };
  // "Shares fell 4% at the open" (A, C) against "shares rose 4% at the open" (B).
  const auto findings = reconcile::reconcile(
      {way(about(generic("A", pct(4, 4, 4)), "share", {"trade", "open"}), "down"),
       way(about(generic("B", pct(4, 4, 4)), "share", {"trade", "open"}), "up"),
       way(about(generic("C", pct(4, 4, 4)), "share", {"trade", "bell"}), "down")},
      kWords);
  REQUIRE(findings.size() == 1);
  const auto& f = findings[0];
  CHECK(f.verdict == reconcile::Verdict::conflict);
  CHECK(f.explanation.find("up 4%") != std::string::npos);
  CHECK(f.explanation.find("down 4%") != std::string::npos);
  REQUIRE(f.sides.size() == 2);
  CHECK(f.sides[0].outlets == std::vector<std::string>{"A", "C"});  // the falls, below zero
  CHECK(f.sides[0].verdict == reconcile::Verdict::agree);
  // A sign on one side only ties nothing firmly: "4% higher" against "a 4% move".
  const auto one_sided = reconcile::reconcile(
      {way(about(generic("A", pct(4, 4, 4)), "share", {"trade", "open"}), "up"),
       about(generic("B", pct(4, 4, 4)), "share", {"trade", "open"}, claim::Role::change)},
      kWords);
  for (const auto& g : one_sided) CHECK_FALSE(reconcile::is_conflict(g));
}

TEST_CASE("subjects: two facts that share words are split, and only the one tied firmly conflicts",
          "[reconcile][subject]") {
  // "The jury awarded Hartley £37,500 damages" (A and B; £12,500 in C) and
  // "Rossiter was awarded £620,000 damages and costs": one head, two facts.
  // The £620,000 agrees on its own; £12,500 conflicts with £37,500.
  std::vector<claim::Claim> claims = {
      about(generic("A", money(37500)), "damag", {"award", "jury", "hartley"}),
      about(generic("B", money(37500)), "damag", {"award", "hartley"}),
      about(generic("C", money(12500)), "damag", {"award", "jury", "hartley"}),
      about(generic("A", money(620000)), "damag", {"award", "rossiter", "cost"}),
      about(generic("B", money(620000)), "damag", {"cost", "award", "jury", "rossiter"}),
      about(generic("C", money(620000)), "damag", {"award", "jury", "rossiter", "cost"})};
  const auto findings = reconcile::reconcile(claims, kWords);
  REQUIRE(findings.size() == 2);
  // The claims in another order give the same findings.
  std::reverse(claims.begin(), claims.end());
  const auto again = reconcile::reconcile(claims, kWords);
  REQUIRE(again.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(again[i].id == findings[i].id);
    CHECK(again[i].claim_ids == findings[i].claim_ids);
    CHECK(again[i].explanation == findings[i].explanation);
  }
  const auto& conflict = findings[0];
  CHECK(conflict.verdict == reconcile::Verdict::conflict);
  CHECK(conflict.claim_ids.size() == 3);
  CHECK(conflict.context.find("= £12,500, £37,500") != std::string::npos);
  CHECK(conflict.tied_by == std::vector<std::string>{"damag", "award", "hartley", "jury"});
  CHECK(findings[1].verdict == reconcile::Verdict::agree);
  CHECK(findings[1].outlets.size() == 3);
  CHECK(findings[0].id != findings[1].id);
  // The two outlets that give £37,500 agree on one side of the conflict.
  REQUIRE(conflict.sides.size() == 2);
  CHECK(conflict.sides[0].verdict == reconcile::Verdict::single_source);
  CHECK(conflict.sides[1].verdict == reconcile::Verdict::agree);
  CHECK(conflict.sides[1].outlets == std::vector<std::string>{"A", "B"});
  const auto agreeing = reconcile::agreeing_sides(conflict);
  REQUIRE(agreeing.size() == 1);
  CHECK(reconcile::is_agreement(agreeing[0]));
  CHECK(agreeing[0].claim_ids.size() == 2);
  CHECK(agreeing[0].scaled.size() == 2);
  CHECK(agreeing[0].severity == reconcile::Severity::info);  // as an agreement of its own
  CHECK(agreeing[0].id != conflict.id);
  CHECK(agreeing[0].explanation.find("Both outlets agree") == 0);
}

TEST_CASE("subjects: split parts that the same words and values name keep ids of their own",
          "[reconcile][subject]") {
  // Two single figures of £5,000 in a group of several: each part names only
  // its value, and each finding still has an id of its own.
  const auto findings =
      reconcile::reconcile({about(generic("A", money(5000)), "fine", {"court", "shop"}),
                            about(generic("B", money(900)), "fine", {"court", "driver"}),
                            about(generic("C", money(5000)), "fine", {"court", "landlord"})},
                           kWords);
  std::set<std::string> ids;
  for (const auto& f : findings) ids.insert(f.id);
  CHECK(findings.size() >= 2);
  CHECK(ids.size() == findings.size());
}

TEST_CASE("subjects: an article's rates for several groups stay one span when a group is split",
          "[reconcile][subject]") {
  // A prints 3 days for its sales team and 5 for its warehouse, B 4 days for
  // sales, C 1 day: B's figure is inside A's span, so no part of the split
  // group may set A's 3 against B's 4.
  const auto findings =
      reconcile::reconcile({about(generic("A", days(3, 3, "office")), "day", {"team", "sale"}),
                            about(generic("A", days(5, 5, "office")), "day", {"team", "warehous"}),
                            about(generic("B", days(4, 4, "office")), "day", {"team", "sale"}),
                            about(generic("C", days(1, 1, "office")), "day", {"team", "support"})},
                           kWords);
  REQUIRE(findings.size() == 2);
  for (const auto& f : findings) CHECK_FALSE(reconcile::is_conflict(f));
  CHECK(findings[0].claim_ids.size() + findings[1].claim_ids.size() == 4);
}

TEST_CASE("subjects: words a whole story uses tie two figures only where nearly all are shared",
          "[reconcile][subject]") {
  // Every article has "award", "jury" and the name beside its figures: the
  // story's topic. Two of three words in common is a tie; two of four is not.
  std::vector<claim::Claim> claims;
  for (const char* outlet : {"D", "E", "F", "G"})
    claims.push_back(about(generic(outlet, count(7)), "count", {"award", "jury", "hartley"}));
  claims.push_back(about(generic("A", money(37500)), "damag", {"award", "hartley"}));
  claims.push_back(about(generic("B", money(12500)), "damag", {"award", "jury", "hartley"}));
  auto grouped = [](const std::vector<claim::Claim>& all) {
    std::vector<reconcile::Finding> money;
    for (const auto& f : reconcile::reconcile(all, kWords))
      if (f.unit == "GBP") money.push_back(f);
    return money;
  };
  const auto tied = grouped(claims);
  REQUIRE(tied.size() == 1);
  CHECK(tied[0].verdict == reconcile::Verdict::conflict);
  claims.pop_back();
  claims.push_back(
      about(generic("B", money(12500)), "damag", {"award", "jury", "cost", "hartley"}));
  // Grouped by their head, but not tied firmly: two findings, neither a conflict.
  const auto loose = grouped(claims);
  REQUIRE(loose.size() == 2);
  for (const auto& f : loose) CHECK(f.verdict == reconcile::Verdict::single_source);
}

TEST_CASE("subjects: which way a share moved ties it like a shared word", "[reconcile][subject]") {
  auto way = [](claim::Claim c, const std::string& direction) {
    c.subject.direction = direction;
    c.subject.role = claim::Role::change;
    return c;
  };
  // "Shares fell 4% at the open" and "late selling knocked 7% off the shares":
  // no word in common but the head, and both falls.
  const auto findings = reconcile::reconcile(
      {way(about(generic("A", pct(4, 4, 4)), "share", {"open"}), "down"),
       way(about(generic("B", pct(7, 7, 7)), "share", {"knock", "late"}), "down")},
      kWords);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].verdict == reconcile::Verdict::conflict);
  CHECK(findings[0].explanation.find("Grouped by: share; moved down.") != std::string::npos);
  // Without a direction the two are not tied.
  const auto apart = reconcile::reconcile(
      {about(generic("A", pct(4, 4, 4)), "share", {"open"}, claim::Role::change),
       about(generic("B", pct(7, 7, 7)), "share", {"knock", "late"}, claim::Role::change)},
      kWords);
  for (const auto& f : apart) CHECK_FALSE(reconcile::is_conflict(f));
}

TEST_CASE("subjects: dates group by their words; only the same head ties them firmly",
          "[reconcile][subject]") {
  auto dated = [](const std::string& outlet, const std::string& iso) {
    return make(outlet, "generic.date", day(iso));
  };
  // "The school closed on Thursday" twice, "closed its doors on Friday" once.
  const auto closed = reconcile::reconcile(
      {about(dated("A", "2026-03-12"), "close", {"school", "primari", "staff"}),
       about(dated("B", "2026-03-12"), "close", {"school", "primari"}),
       about(dated("C", "2026-03-13"), "close", {"door", "school", "primari", "staff"})},
      kWords);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].verdict == reconcile::Verdict::conflict);
  // "takes effect on", "applies from", and a date with no head: one event
  // worded three ways is one finding.
  const auto effect =
      reconcile::reconcile({about(dated("A", "2024-10-01"), "effect", {"cap", "price"}),
                            about(dated("B", "2024-10-01"), "appli", {"cap", "price"}),
                            headless(dated("C", "2024-10-01"), {"cap", "price", "regul"})},
                           kWords);
  REQUIRE(effect.size() == 1);
  CHECK(effect[0].verdict == reconcile::Verdict::agree);
  CHECK(effect[0].claim_ids.size() == 3);
  // The school opened on one day and closed on another: two heads, no conflict.
  const auto two = reconcile::reconcile(
      {about(dated("A", "2026-03-09"), "open", {"school", "primari", "staff"}),
       about(dated("B", "2026-03-12"), "close", {"school", "primari", "staff"})},
      kWords);
  for (const auto& f : two) CHECK_FALSE(reconcile::is_conflict(f));
}

TEST_CASE("running counts: a previous value on a day is that day's count, and its outlets agree",
          "[reconcile][subject]") {
  reconcile::Options words = kWords;
  words.cumulative = {"case"};
  auto cases = [](const std::string& outlet, double n, const std::string& published,
                  claim::Role role = claim::Role::result, const std::string& when = "") {
    auto c = about(generic(outlet, count(n)), "case", {"outbreak", "confirm"}, role, when);
    c.article = outlet + "-" + published.substr(0, 10) + ".txt";
    c.published = published;
    return c;
  };
  // A reports 64 on Tuesday; B, on Friday, "71, up from 64 on Tuesday".
  const auto f = only({cases("A", 64, "2025-09-02T18:00"), cases("B", 71, "2025-09-05T10:00"),
                       cases("B", 64, "2025-09-05T10:00", claim::Role::previous, "2025-09-02")},
                      words);
  CHECK(f.verdict == reconcile::Verdict::updated);
  const auto sides = reconcile::agreeing_sides(f);
  REQUIRE(sides.size() == 1);
  CHECK(sides[0].verdict == reconcile::Verdict::agree);
  CHECK(sides[0].claim_ids.size() == 2);
  // With no day, the previous value stays a fact of its own.
  const auto undated =
      reconcile::reconcile({cases("A", 64, "2025-09-02T18:00"), cases("B", 71, "2025-09-05T10:00"),
                            cases("B", 64, "2025-09-05T10:00", claim::Role::previous)},
                           words);
  CHECK(undated.size() == 2);
  // The day a count stood orders it: 55 "as of 1 September", printed on the
  // 5th, came before the 3rd's 60, so it is no out-of-date figure.
  const auto stood = only({cases("A", 60, "2025-09-03T09:00"),
                           cases("B", 55, "2025-09-05T09:00", claim::Role::result, "2025-09-01")},
                          words);
  CHECK(stood.verdict == reconcile::Verdict::updated);
  // A day and a time on that day: a count may change within the day, so
  // they are ordered as published, not called a conflict.
  const auto same_day =
      only({cases("A", 7, "2025-09-02T18:00"),
            cases("C", 15, "2025-09-03T09:00", claim::Role::result, "2025-09-02")},
           words);
  CHECK(same_day.verdict == reconcile::Verdict::updated);
}

TEST_CASE("subjects: sums of one head and value join where each is the other's only match",
          "[reconcile][subject]") {
  auto sum = [](const std::string& outlet, double v, std::vector<std::string> terms) {
    auto c = about(generic(outlet, money(v)), "properti", std::move(terms));
    c.kind = "money";
    return c;
  };
  // "Frozen property worth about £2.6m" and "seized property put at about
  // £2.6m": no word in common but the head, and the same sum.
  const auto same = reconcile::reconcile(
      {sum("A", 2.6e6, {"frozen", "worth"}), sum("B", 2.6e6, {"seiz", "put"})}, kWords);
  REQUIRE(same.size() == 1);
  CHECK(same[0].verdict == reconcile::Verdict::agree);
  // Another sum: nothing says it is the same fact.
  CHECK(reconcile::reconcile(
            {sum("A", 2.6e6, {"frozen", "worth"}), sum("B", 3.1e6, {"seiz", "put"})}, kWords)
            .size() == 2);
  // One article's two such sums: B meets both, so words must choose, in
  // whichever order the claims come.
  for (const bool b_first : {false, true}) {
    std::vector<claim::Claim> claims{sum("A", 2.6e6, {"frozen", "worth"}),
                                     sum("A", 2.6e6, {"bank", "held"})};
    const auto b = sum("B", 2.6e6, {"seiz", "put"});
    claims.insert(b_first ? claims.begin() : claims.end(), b);
    const auto two = reconcile::reconcile(claims, kWords);
    REQUIRE(two.size() == 3);
    for (const auto& f : two) CHECK(f.claim_ids.size() == 1);
  }
  // Counts of one value coincide too often ("40 schools"): words must tie them.
  const auto counts =
      reconcile::reconcile({about(generic("A", count(40)), "school", {"close", "county"}),
                            about(generic("B", count(40)), "school", {"budget", "repair"})},
                           kWords);
  CHECK(counts.size() == 2);
}
