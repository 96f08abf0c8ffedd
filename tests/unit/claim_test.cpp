// What each figure measures: scope, the figure before a change, who says it.
// Sentences written for these tests.
#include "claim/claim.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace claimdiff;

namespace {
std::vector<claim::Claim> claims_of(const std::string& text) {
  return testing::claims_of(text, "2025-03-03");
}
const claim::Claim* with_text(const std::vector<claim::Claim>& claims, const std::string& text,
                              const std::string& attribute = "") {
  for (const auto& c : claims)
    if (c.text == text && (attribute.empty() || c.attribute == attribute)) return &c;
  return nullptr;
}
}  // namespace

TEST_CASE("scope: cues split a figure between groups when the article names two of them",
          "[claim]") {
  const auto claims = claims_of(
      "Nurses on front-line wards were told to attend five days a week in the office, while "
      "staff in administrative roles must be in the office at least two days a week.");
  const auto* frontline = with_text(claims, "five days a week");
  const auto* admin = with_text(claims, "at least two days a week");
  REQUIRE(frontline);
  REQUIRE(admin);
  CHECK(frontline->scope == "operational roles");
  CHECK(admin->attribute == "office.days_required");
  CHECK(admin->scope == "support roles");
  CHECK(admin->scope_from_cue);
}

TEST_CASE("scope: one group named in the whole article is no split", "[claim]") {
  const auto claims = claims_of(
      "The trust said staff in support roles may work from home up to two days a week.\n"
      "The union said the policy was unfair.");
  const auto* home = with_text(claims, "up to two days a week");
  REQUIRE(home);
  CHECK(home->attribute == "office.days_required");
  CHECK(home->scope.empty());
}

TEST_CASE("scope: job cuts are split by the noun they count", "[claim]") {
  const auto claims =
      claims_of("The force said 120 police officers and 35 staff were to be axed next year.");
  const auto* officers = with_text(claims, "120 police officers");
  const auto* staff = with_text(claims, "35 staff");
  REQUIRE(officers);
  REQUIRE(staff);
  CHECK(officers->attribute == "jobs.cuts");
  CHECK(officers->scope == "officers");
  CHECK(staff->scope == "staff");
  // Counting people in a dispute is not split by what they are called.
  const auto involved = claims_of("The walkout would affect 650 staff at the depot.");
  REQUIRE(with_text(involved, "650 staff"));
  CHECK(with_text(involved, "650 staff")->scope.empty());
}

TEST_CASE("a change gives two claims: the new figure and the one before", "[claim]") {
  const auto claims = claims_of(
      "The bank asked staff to raise their time in the office from one to four days a week.");
  const auto* now = with_text(claims, "from one to four days a week", "office.days_required");
  const auto* before = with_text(claims, "from one to four days a week", "office.days_before");
  REQUIRE(now);
  REQUIRE(before);
  CHECK(*now->value.lo == 4);
  CHECK(*before->value.lo == 1);
  CHECK(*before->value.hi == 1);
  CHECK(before->span.begin == now->span.begin);
  CHECK(before->id != now->id);  // two claims, one position
}

TEST_CASE("speaker: an attribution reaches the figure only within its clause", "[claim]") {
  const auto claims = claims_of(
      "Porters will walk out on 14 March, the union said.\n"
      "Cleaners will strike on 18 March, and the hospital says it has plans in place.");
  const auto* porters = with_text(claims, "14 March");
  const auto* cleaners = with_text(claims, "18 March");
  REQUIRE(porters);
  REQUIRE(cleaners);
  CHECK(porters->attribute == "strike.dates");
  CHECK(porters->speaker_role == "union");
  CHECK(cleaners->speaker_role == "outlet");
}

TEST_CASE("pay: an offer in money is a share of the salary the article gives", "[claim]") {
  const auto claims =
      claims_of("The offer is worth £900 a year to a porter on an average salary of £22,500.");
  const auto* offer = with_text(claims, "£900");
  const auto* salary = with_text(claims, "£22,500");
  REQUIRE(offer);
  REQUIRE(salary);
  CHECK(offer->attribute == "pay.offer");
  CHECK(offer->share_of == "pay.salary");
  CHECK(salary->attribute == "pay.salary");
}

TEST_CASE("an attribute rule names only figures of its own kind", "[claim]") {
  // A loose count rule whose value group would take in a percentage too.
  const auto dir = testing::scratch_dir("claim-kinds");
  testing::write_file(dir / "loose.yaml", R"(attributes:
  test.residents: 'Tenants affected'
rules:
  - id: test.residents.loose
    kind: count
    attribute: test.residents
    priority: 90
    pattern: '(?P<value>{{NUM}}%?) (?:of the )?residents'
    examples:
      - text: 'Letters went to 300 residents.'
        value: {lo: 300, hi: 300}
)");
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR, dir});
  for (const auto& e : loaded.errors) FAIL(e.format());
  cli::Worker worker(loaded.rules);
  ingest::Article article;
  article.story = "test";
  article.file = "test.txt";
  const auto doc =
      worker.segmenter.segment_text("Letters went to 300 residents; 40% of the residents replied.");
  const auto claims = claim::build(worker.rules, worker.stemmer, article, doc,
                                   cli::analyse(worker, doc, std::nullopt, false), {});
  const auto* count = with_text(claims, "300 residents");
  const auto* share = with_text(claims, "40%");
  REQUIRE(count);
  REQUIRE(share);
  CHECK(count->attribute == "test.residents");
  CHECK(share->attribute != "test.residents");
  CHECK(share->kind == "percentage");
}

TEST_CASE("a claim line whose copy has no span is rejected, not read past", "[claim]") {
  // Found by fuzz_reconcile: an `also_at` entry without "span" was read through
  // nlohmann's unchecked const operator[].
  const auto line = nlohmann::json::parse(
      R"({"id":"x","story":"s","article":"a.txt","kind":"count","text":"12",)"
      R"("value":{"lo":12,"hi":12,"unit":"count"},"span":[0,2],"also_at":[{"snap":[5,7]}]})");
  CHECK_THROWS_AS(claim::claim_from_json(line), nlohmann::json::exception);
}
