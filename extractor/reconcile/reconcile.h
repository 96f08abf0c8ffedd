// reconcile: claims from several outlets about one attribute, put on a common
// scale and compared, with a verdict and a one-sentence explanation written from
// the data.
//
// Verdicts: agree (same printed figure), equivalent (same after unit
// conversion: 3 days a week = 60% of a five-day week), compatible (hedged
// intervals overlap), conflict (disjoint intervals), base-mismatch (shares of
// different wholes; the explanation says what would make both true),
// speaker-disagreement (a conflict between quoted sides, e.g. union vs
// employer), single-source (one outlet only), unassessed (figures no rule ties
// to one attribute; never a conflict).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "claim/claim.h"

namespace claimdiff::reconcile {

// One claim as the comparison saw it: its interval on the group's common scale.
struct ScaledClaim {
  std::string claim_id;
  std::optional<double> lo, hi;
};

struct Finding {
  std::string id;  // stable: hash of story, attribute, scope and context
  std::string story, attribute, label, scope, context;
  std::string verdict;
  std::string severity;    // high, medium, info, low
  bool furniture = false;  // the verdict rests on page furniture (only with --include-furniture)
  std::string explanation;
  std::string unit;  // the common scale
  std::vector<std::string> claim_ids;
  std::vector<std::string> outlets;
  std::vector<ScaledClaim> scaled;
  // base-mismatch: the range of the missing figure (e.g. turnout, %) that makes both true.
  std::optional<double> implied_lo, implied_hi;
  std::string implied_what;
};

struct Options {
  std::map<std::string, std::string> labels;  // attribute -> words for people
};

// Findings sorted: most severe first, then story, attribute, scope.
std::vector<Finding> reconcile(const std::vector<claim::Claim>& claims, const Options& options);

nlohmann::ordered_json to_json(const Finding& finding);

int severity_rank(const std::string& severity);  // 0 for high .. 3 for low

// Conflicts, base mismatches and disagreements between sides, above low
// severity: the findings an editor must check.
bool is_conflict(const Finding& finding);

// What a claim says, in words: "more than 50% of all members".
std::string describe_claim(const claim::Claim& claim);

}  // namespace claimdiff::reconcile
