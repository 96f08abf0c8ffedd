// The verdict table (reconcile::kVerdicts): names as findings.json writes them,
// order, which verdicts are conflicts, and the severity rule, checked against
// the table and against the findings of both corpora.
#include <catch2/catch.hpp>
#include <set>

#include "run_helpers.h"

using namespace claimdiff;
using reconcile::Outcome;
using reconcile::Severity;
using reconcile::Verdict;

namespace {

reconcile::Finding finding(Verdict verdict, Severity severity) {
  reconcile::Finding f;
  f.verdict = verdict;
  f.severity = severity;
  return f;
}

const testing::Run& corpus(const std::string& story) {
  static std::map<std::string, testing::Run> runs;
  auto it = runs.find(story);
  if (it == runs.end())
    it = runs.emplace(story, testing::run(testing::source_dir() / "corpus" / story)).first;
  return it->second;
}

}  // namespace

TEST_CASE("verdicts: every name round-trips and is the one findings.json has always written",
          "[verdicts]") {
  // The names are a file format: review files and regression runs rely on them.
  const std::vector<std::string> written = {
      "conflict", "base-mismatch", "speaker-disagreement", "outdated", "unassessed",
      "updated",  "compatible",    "equivalent",           "agree",    "single-source"};
  REQUIRE(reconcile::kVerdicts.size() == written.size());
  std::set<std::string_view> labels;
  for (std::size_t i = 0; i < written.size(); ++i) {
    const Verdict v = reconcile::kVerdicts[i].verdict;
    CHECK(reconcile::name(v) == written[i]);
    CHECK(reconcile::verdict_named(written[i]) == v);
    CHECK_FALSE(reconcile::label(v).empty());
    labels.insert(reconcile::label(v));
  }
  CHECK(labels.size() == written.size());
  CHECK_FALSE(reconcile::verdict_named("conflicts"));
  CHECK_FALSE(reconcile::verdict_named(""));
  CHECK(reconcile::label(Verdict::base_mismatch) == "Shares of different wholes");
  CHECK(reconcile::name(Severity::high) == "high");
  CHECK(reconcile::name(Severity::medium) == "medium");
  CHECK(reconcile::name(Severity::info) == "info");
  CHECK(reconcile::name(Severity::low) == "low");
}

TEST_CASE("verdicts: the order puts conflicts first and single sources last", "[verdicts]") {
  bool past_conflicts = false;
  for (const auto& row : reconcile::kVerdicts) {
    if (row.outcome != Outcome::conflict) past_conflicts = true;
    CHECK((row.outcome == Outcome::conflict) != past_conflicts);
  }
  CHECK(reconcile::rank(Verdict::conflict) == 0);
  CHECK(reconcile::rank(Verdict::single_source) == int(reconcile::kVerdicts.size()) - 1);
  CHECK(reconcile::rank(Severity::high) < reconcile::rank(Severity::low));
}

TEST_CASE("verdicts: is_conflict and is_agreement come from the table, never at low severity",
          "[verdicts]") {
  std::size_t conflicts = 0, agreements = 0;
  for (const auto& row : reconcile::kVerdicts) {
    const auto medium = finding(row.verdict, Severity::medium);
    CHECK(reconcile::is_conflict(medium) == (row.outcome == Outcome::conflict));
    CHECK(reconcile::is_agreement(medium) ==
          (row.outcome == Outcome::looks_different || row.outcome == Outcome::same));
    CHECK_FALSE(reconcile::is_conflict(finding(row.verdict, Severity::low)));
    CHECK_FALSE(reconcile::is_agreement(finding(row.verdict, Severity::low)));
    conflicts += reconcile::is_conflict(medium);
    agreements += reconcile::is_agreement(medium);
  }
  CHECK(conflicts == 3);   // conflict, base-mismatch, speaker-disagreement
  CHECK(agreements == 3);  // compatible, equivalent, agree
}

TEST_CASE("verdicts: each finding of both corpora has a severity the table allows", "[verdicts]") {
  std::set<Verdict> seen;
  for (const char* story : {"met-police-strike-2024", "eastvale-refuse-strike-2025"})
    for (const auto& f : corpus(story).findings) {
      INFO(story << ": " << f.label << " " << reconcile::name(f.verdict));
      const auto& row = reconcile::row(f.verdict);
      const bool low = f.furniture || f.attribute.starts_with("generic.");
      if (low)
        CHECK(f.severity == Severity::low);
      else
        CHECK((f.severity == row.own_voice || f.severity == row.quoted));
      const auto j = reconcile::to_json(f);
      CHECK(j["verdict"] == reconcile::name(f.verdict));
      CHECK(j["severity"] == reconcile::name(f.severity));
      seen.insert(f.verdict);
    }
  // Both corpora between them hold the verdicts an editor must check.
  CHECK(seen.count(Verdict::conflict));
  CHECK(seen.count(Verdict::base_mismatch));
  CHECK(seen.count(Verdict::speaker_disagreement));
}
