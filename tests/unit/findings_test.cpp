// The findings an editor should get from both corpora: the bundled one and the
// story we wrote ourselves (corpus/eastvale-refuse-strike-2025), verdict by verdict.
#include <catch2/catch.hpp>

#include "run_helpers.h"

using namespace claimdiff;
using namespace claimdiff::testing;

namespace {
const Run& met() {
  static const Run r = run(source_dir() / "corpus" / "met-police-strike-2024");
  return r;
}
const Run& met_with_furniture() {
  static const Run r = run(source_dir() / "corpus" / "met-police-strike-2024", true);
  return r;
}
const Run& eastvale() {
  static const Run r = run(source_dir() / "corpus" / "eastvale-refuse-strike-2025");
  return r;
}
bool says(const reconcile::Finding& f, const std::string& words) {
  return f.explanation.find(words) != std::string::npos;
}
}  // namespace

TEST_CASE("met corpus: office attendance figures only look different - one equivalent finding",
          "[findings]") {
  const Run& r = met();
  const auto* f = finding(r, "office.days_required");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::equivalent);
  CHECK(f->severity == reconcile::Severity::info);
  CHECK(f->unit == "days/week");
  const auto texts = texts_of(r, *f);
  for (const char* printed :
       {"three to five days a week", "between 60% and 100%", "from 40% to 60%", "from 60% to 80%",
        "from 80% to 100%", "at least four days a week", "at least three days",
        "from two to three days per week", "up to two days a week", "go in full-time"})
    CHECK(texts.count(printed));
  for (const auto& text : texts) CHECK(text.find("seven") == std::string::npos);
  CHECK(says(*f, "on a common scale each is 3-5 days/week"));
  // Each outlet's account spans three to five days.
  CHECK(says(*f, "for operational roles"));
}

TEST_CASE("met corpus: the role split is its own finding - support roles", "[findings]") {
  const Run& r = met();
  const auto* operational = finding(r, "office.days_required", "operational roles");
  const auto* support = finding(r, "office.days_required", "support roles");
  REQUIRE(operational);
  REQUIRE(support);
  CHECK(texts_of(r, *operational) == std::set<std::string>{"at least four days a week"});
  CHECK(texts_of(r, *support) == std::set<std::string>{"at least three days"});
  CHECK(operational->verdict == reconcile::Verdict::single_source);
}

TEST_CASE("met corpus: the figure before the change is a claim of its own", "[findings]") {
  const Run& r = met();
  const auto* before = finding(r, "office.days_before");
  REQUIRE(before);
  std::set<double> printed;
  for (const auto& id : before->claim_ids) printed.insert(*claim_of(r, id).value.printed);
  // 40/60/80% from the union's list, two days from the spokesperson and Mail Online.
  CHECK(printed == std::set<double>{2, 40, 60, 80});
  CHECK((before->verdict == reconcile::Verdict::compatible ||
         before->verdict == reconcile::Verdict::equivalent));
}

TEST_CASE("met corpus: yes-share base mismatch names the implied turnout", "[findings]") {
  const auto* f = finding(met(), "ballot.strike.yes_share");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::base_mismatch);
  CHECK(f->severity == reconcile::Severity::high);
  CHECK(says(*f, "LBC, BBC News and The Independent report 85% of votes cast"));
  CHECK(says(*f, "Mail Online reports more than 50% of all members"));
  CHECK(says(*f, "turnout was about 58.5-65.1% of all members"));
  REQUIRE(f->implied_lo);
  CHECK(*f->implied_lo == Approx(58.48).epsilon(0.001));
}

TEST_CASE("met corpus: job cuts split by officers and staff - furniture only when asked",
          "[findings]") {
  const Run& plain = met();
  const auto* officers = finding(plain, "jobs.cuts", "officers");
  const auto* staff = finding(plain, "jobs.cuts", "staff");
  REQUIRE(officers);
  REQUIRE(staff);
  CHECK(texts_of(plain, *officers) == std::set<std::string>{"2,300 officers"});
  CHECK(texts_of(plain, *staff) == std::set<std::string>{"400 staff"});
  CHECK(officers->verdict == reconcile::Verdict::single_source);

  const Run& all = met_with_furniture();
  const auto* with = finding(all, "jobs.cuts", "officers");
  REQUIRE(with);
  CHECK(with->verdict == reconcile::Verdict::conflict);
  CHECK(with->furniture);
  CHECK(with->severity == reconcile::Severity::low);
  CHECK(says(*with, "2,000 officers [related-links]"));
  CHECK(says(*with, "page furniture"));
  // £450million in the body and £450m / £450 million in related links are one value.
  const auto* gap = finding(all, "budget.gap");
  REQUIRE(gap);
  CHECK(gap->verdict == reconcile::Verdict::agree);
  CHECK(gap->claim_ids.size() >= 2);
  for (const auto& id : gap->claim_ids) CHECK(*claim_of(all, id).value.lo == 450e6);
}

TEST_CASE("met corpus: findings are ordered - the conflict first, generic and furniture last",
          "[findings]") {
  const Run& r = met_with_furniture();
  REQUIRE_FALSE(r.findings.empty());
  CHECK(r.findings.front().attribute == "ballot.strike.yes_share");
  bool low_seen = false;
  for (const auto& f : r.findings) {
    if (f.severity == reconcile::Severity::low) low_seen = true;
    if (low_seen) CHECK(f.severity == reconcile::Severity::low);
    if (f.attribute.starts_with("generic.") || f.furniture)
      CHECK(f.severity == reconcile::Severity::low);
  }
}

TEST_CASE("eastvale corpus: turnout 61% against about half - a conflict in the outlets' voice",
          "[findings]") {
  const auto* f = finding(eastvale(), "ballot.turnout");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::conflict);
  CHECK(f->severity == reconcile::Severity::high);
  CHECK(says(*f, "Eastvale Gazette and Northern Wire report 61%"));
  CHECK(says(*f, "Radio Eastvale reports about 50%"));
}

TEST_CASE("eastvale corpus: the first strike day differs by one day", "[findings]") {
  const auto* f = finding(eastvale(), "strike.dates");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::conflict);
  CHECK(says(*f, "Eastvale Gazette and Radio Eastvale report 2025-06-02"));
  CHECK(says(*f, "Northern Wire reports 2025-06-03"));
  // "Crews will walk out on 2 June, and the council says ...": the date is the outlet's.
  for (const auto& id : f->claim_ids) {
    const auto& c = claim_of(eastvale(), id);
    if (c.text == "2 June") CHECK(c.speaker_role == "outlet");
  }
}

TEST_CASE("eastvale corpus: a 3% offer and £750 of a £25,000 salary are equivalent", "[findings]") {
  const auto* f = finding(eastvale(), "pay.offer");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::equivalent);
  CHECK(f->unit == "%");
  CHECK(says(*f, "£750 (3% of £25,000)"));
  const auto* claim = finding(eastvale(), "pay.claim");
  REQUIRE(claim);
  CHECK(claim->verdict ==
        reconcile::Verdict::single_source);  // the union's 7% is what it asks, not the offer
}

TEST_CASE("eastvale corpus: the union and the council disagree on how many are affected",
          "[findings]") {
  const auto* f = finding(eastvale(), "dispute.people_involved");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::speaker_disagreement);
  CHECK(f->severity == reconcile::Severity::medium);
  CHECK(says(*f, "420 members"));
  CHECK(says(*f, "about 300 staff"));
}

TEST_CASE("eastvale corpus: the yes-share agrees - nothing from furniture by default",
          "[findings]") {
  const Run& r = eastvale();
  const auto* f = finding(r, "ballot.strike.yes_share");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::agree);
  CHECK(outlets_of(r, *f).size() == 3);
  for (const auto& c : r.claims) CHECK_FALSE(c.furniture());
  // The related link's 4.99% council tax and the promo's £1 are not claims.
  for (const auto& c : r.claims) {
    CHECK(c.text.find("4.99") == std::string::npos);
    CHECK(c.text != "£1");
  }
}

TEST_CASE("finding ids depend on story, attribute and scope only", "[findings]") {
  const Run& a = met();
  const Run& b = met_with_furniture();
  const auto* fa = finding(a, "ballot.strike.yes_share");
  const auto* fb = finding(b, "ballot.strike.yes_share");
  REQUIRE(fa);
  REQUIRE(fb);
  CHECK(fa->id == fb->id);
  CHECK(finding(a, "jobs.cuts", "officers")->id != finding(a, "jobs.cuts", "staff")->id);
}
