// reconcile: claims from several outlets about one attribute, put on a common
// scale and compared, with a verdict and a one-sentence explanation written from
// the data. The verdicts, their order, severities and words for people are one
// table below (kVerdicts); every other stage reads them from there.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "claim/claim.h"

namespace claimdiff::reconcile {

// How urgent a finding is, most urgent first.
enum class Severity { high, medium, info, low };

struct SeverityRow {
  Severity severity;
  std::string_view name;  // as findings.json writes it
};
inline constexpr std::array<SeverityRow, 4> kSeverities = {{
    {Severity::high, "high"},
    {Severity::medium, "medium"},
    {Severity::info, "info"},
    {Severity::low, "low"},
}};

// What the figures of a finding do together, worst first: a finding's verdict
// is the worst relation between any two outlets (or sides) in it.
enum class Verdict {
  conflict,              // disjoint intervals: both cannot be true
  base_mismatch,         // shares of different wholes (votes cast vs all members)
  speaker_disagreement,  // the quoted sides (union, employer) give disjoint figures
  outdated,              // a running count printed after a newer, higher one was published
  unassessed,            // different figures nothing ties firmly to one fact: never a conflict
  updated,               // a running count (a toll, cases) rose between earlier and later articles
  compatible,            // hedged intervals overlap: all can be true
  equivalent,            // the same after unit conversion (3 days a week = 60%)
  agree,                 // the same printed figure
  single_source,         // one outlet only
};

// What a verdict tells an editor; the reports put findings in sections by it.
enum class Outcome {
  conflict,         // cannot all be true, or shares of different wholes: check first
  looks_different,  // different words or units that fit together on a common scale
  same,             // the same printed figure
  over_time,        // a running count that changed between articles: updated, or out of date
  unchecked,        // one outlet, or figures nothing ties together
};

struct VerdictRow {
  Verdict verdict;
  std::string_view name;  // in findings.json, review files and the reports' filters
  Outcome outcome;
  // Severity when one side is the outlet's own voice, and when every side is
  // quoted. Generic figures and page furniture are low whatever the verdict.
  Severity own_voice, quoted;
  std::string_view label;  // for people
};

// The verdicts in order, worst first: findings sort by this order.
inline constexpr std::array<VerdictRow, 10> kVerdicts = {{
    {Verdict::conflict, "conflict", Outcome::conflict, Severity::high, Severity::medium,
     "Conflict"},
    {Verdict::base_mismatch, "base-mismatch", Outcome::conflict, Severity::high, Severity::medium,
     "Shares of different wholes"},
    {Verdict::speaker_disagreement, "speaker-disagreement", Outcome::conflict, Severity::medium,
     Severity::medium, "The sides disagree"},
    {Verdict::outdated, "outdated", Outcome::over_time, Severity::medium, Severity::info,
     "Outdated: a newer figure was already out"},
    {Verdict::unassessed, "unassessed", Outcome::unchecked, Severity::info, Severity::info,
     "Not assessed"},
    {Verdict::updated, "updated", Outcome::over_time, Severity::info, Severity::info,
     "Updated: the count rose over time"},
    {Verdict::compatible, "compatible", Outcome::looks_different, Severity::info, Severity::info,
     "Compatible: the ranges overlap"},
    {Verdict::equivalent, "equivalent", Outcome::looks_different, Severity::info, Severity::info,
     "Equivalent after conversion"},
    {Verdict::agree, "agree", Outcome::same, Severity::info, Severity::info, "Agree"},
    {Verdict::single_source, "single-source", Outcome::unchecked, Severity::info, Severity::info,
     "Single source"},
}};

// A row per enum value, in the enum's order, so that a row is found by index.
static_assert([] {
  for (std::size_t i = 0; i < kVerdicts.size(); ++i)
    if (kVerdicts[i].verdict != static_cast<Verdict>(i)) return false;
  for (std::size_t i = 0; i < kSeverities.size(); ++i)
    if (kSeverities[i].severity != static_cast<Severity>(i)) return false;
  return true;
}());

constexpr const VerdictRow& row(Verdict v) {
  return kVerdicts[static_cast<std::size_t>(v)];
}
constexpr std::string_view name(Verdict v) {
  return row(v).name;
}
// A verdict for people: base_mismatch -> "Shares of different wholes".
constexpr std::string_view label(Verdict v) {
  return row(v).label;
}
constexpr std::string_view name(Severity s) {
  return kSeverities[static_cast<std::size_t>(s)].name;
}
// 0 for the worst verdict (conflict) .. 9 for single-source.
constexpr int rank(Verdict v) {
  return static_cast<int>(v);
}
// 0 for high .. 3 for low.
constexpr int rank(Severity s) {
  return static_cast<int>(s);
}
// The verdict a name stands for ("base-mismatch"), if any.
std::optional<Verdict> verdict_named(std::string_view name);

// One claim as the comparison saw it: its interval on the group's common scale.
struct ScaledClaim {
  std::string claim_id;
  std::optional<double> lo, hi;
};

// One run of a conflict's or a running count's figures whose values meet,
// judged alone: how the
// outlets that give it stand among themselves (agree, compatible, a single
// source, or unassessed where its own figures differ).
struct Side {
  Verdict verdict = Verdict::single_source;
  Severity severity = Severity::low;
  bool furniture = false;
  std::vector<std::string> claim_ids;
  std::vector<std::string> outlets;
  std::string explanation;  // how they stand, in the words a finding of its own would use
};

struct Finding {
  std::string id;  // stable: hash of story, attribute, scope, context and role
  std::string story, attribute, label, scope, context;
  claim::Role role = claim::Role::result;
  // Tied by the claims' subjects (head and shared terms), not by a rule: one
  // severity step lower than a rule-named fact.
  bool inferred = false;
  std::vector<std::string> tied_by;  // inferred: the head's words, then the shared terms
  Verdict verdict = Verdict::unassessed;
  Severity severity = Severity::low;
  bool furniture = false;  // the verdict rests on page furniture (only with --include-furniture)
  std::string explanation;
  std::string unit;  // the common scale
  std::vector<std::string> claim_ids;
  std::vector<std::string> outlets;
  std::vector<ScaledClaim> scaled;
  std::vector<Side> sides;  // a conflict, an update: its figures by value, each run judged alone
  // base-mismatch: the range of the missing figure (e.g. turnout, %) that makes both true.
  std::optional<double> implied_lo, implied_hi;
  std::string implied_what;
};

// The rule packs' words for people: what attributes are called, and the
// bases of shares from the lexicon (their labels and the figure a mismatch implies).
struct Options {
  std::map<std::string, std::string> labels;   // attribute -> words for people
  std::map<std::string, ruleset::Base> bases;  // base id -> label, implies
  // A head's stem -> the stem its synonym group is filed under (staff, workers -> staff).
  std::map<std::string, std::string> synonyms;
  // Heads of counts that only grow while a story runs (toll, case, arrest), as
  // their synonym groups file them: a later, higher figure is an update.
  std::set<std::string> cumulative;
  // Heads a story gives few figures of, as their synonym groups file them
  // (a contest's margin): one shared word ties two, as for a share.
  std::set<std::string> few_figures;
};

// Findings sorted: most severe first, then story, attribute, scope.
std::vector<Finding> reconcile(const std::vector<claim::Claim>& claims, const Options& options);

nlohmann::ordered_json to_json(const Finding& finding);

// Conflicts, base mismatches and disagreements between sides, above low
// severity: the findings an editor must check.
bool is_conflict(const Finding& finding);
// Agreements, with or without a unit conversion, above low severity.
bool is_agreement(const Finding& finding);
// The agreements of a conflict's or a running count's sides ("two outlets
// say £37,500, a third £12,500"; "three give 58 cases, as of Wednesday"),
// each as a finding of its own claims, verdict and severity, with an id of
// its own: how an editor reads the outlets that agree.
std::vector<Finding> agreeing_sides(const Finding& conflict);

// What a claim says, in words: "more than 50% of all members".
std::string describe_claim(const claim::Claim& claim, const Options& words);

}  // namespace claimdiff::reconcile
