// What every report shows of a finding, worked out once: report.md, report.html
// and the terminal summary print these views rather than each working out the
// same rows, words and decisions again.
#include <algorithm>
#include <cmath>

#include "report/report.h"

namespace claimdiff::report {

namespace {

// The finding's interval for a claim; the last one, should a claim be there twice.
const reconcile::ScaledClaim* scaled_of(const reconcile::Finding& f, const std::string& id) {
  const reconcile::ScaledClaim* found = nullptr;
  for (const auto& s : f.scaled)
    if (s.claim_id == id) found = &s;
  return found;
}

ClaimRow row_of(const reconcile::Finding& f, const claim::Claim& c,
                const reconcile::Options& words) {
  ClaimRow row{&c, scaled_of(f, c.id), reconcile::describe_claim(c, words), "not on the scale"};
  if (row.scaled) row.on_scale = scaled_words(*row.scaled, f.unit);
  return row;
}

// Each outlet once, its figures in the order printed, a figure it repeats said once.
void add_figure(std::vector<std::pair<std::string, std::string>>& figures, const claim::Claim& c) {
  auto at = std::find_if(figures.begin(), figures.end(),
                         [&](const auto& p) { return p.first == c.outlet; });
  if (at == figures.end())
    figures.emplace_back(c.outlet, c.text);
  else if (at->second.find(c.text) == std::string::npos)
    at->second += ", " + c.text;
}

// Low confidence last; the rest by what the verdict tells an editor.
std::size_t section_of(const FindingView& v) {
  if (v.low_confidence) return 5;
  switch (reconcile::row(v.finding->verdict).outcome) {
    case reconcile::Outcome::conflict:
      return 0;
    case reconcile::Outcome::looks_different:
      return 1;
    case reconcile::Outcome::over_time:
      return 2;
    case reconcile::Outcome::same:
      return 3;
    case reconcile::Outcome::unchecked:
      break;
  }
  return 4;
}

}  // namespace

std::string review_words(const Reviews& reviews, const reconcile::Finding& f) {
  if (const Decision* d = decision_for(reviews, f)) {
    std::string s = d->decision;
    if (!d->by.empty()) s += " by " + d->by;
    if (!d->at.empty()) s += " on " + d->at;
    if (!d->note.empty()) s += ": " + d->note;
    return s;
  }
  if (const Decision* d = lapsed_decision(reviews, f))
    return "not reviewed (a decision for verdict " + d->verdict + " lapsed: the verdict is now " +
           std::string(reconcile::name(f.verdict)) + ")";
  return "not reviewed";
}

// A base mismatch's missing figure: "turnout 58.5-65.1%"; "" for other findings.
std::string implied_words(const reconcile::Finding& f) {
  if (!f.implied_lo || !f.implied_hi) return "";
  quantity::Value v;
  // To a tenth, as the explanation gives it.
  v.lo = v.printed = std::round(*f.implied_lo * 10) / 10;
  v.hi = v.printed2 = std::round(*f.implied_hi * 10) / 10;
  v.unit = "%";
  return f.implied_what + " " + quantity::describe(v);
}

ClaimIndex index_claims(const std::vector<claim::Claim>& claims) {
  ClaimIndex by_id;
  for (const auto& c : claims) by_id[c.id] = &c;
  return by_id;
}

// A scaled interval in words: "84.5-85.5%", "from 50%", "2025-06-02".
std::string scaled_words(const reconcile::ScaledClaim& s, const std::string& unit) {
  auto one = [&](double v) {
    quantity::Value value;
    value.lo = value.hi = value.printed = v;
    value.unit = unit;
    return quantity::describe(value);
  };
  if (s.lo && s.hi) return *s.lo == *s.hi ? one(*s.lo) : one(*s.lo) + " to " + one(*s.hi);
  if (s.lo) return "from " + one(*s.lo);
  if (s.hi) return "up to " + one(*s.hi);
  return "not on the scale";
}

Coverage coverage(const RunInfo& info) {
  Coverage c;
  for (const auto& a : info.articles) {
    c.stories.insert(a.story);
    c.outlets.insert(a.outlet);
  }
  return c;
}

std::size_t unchecked_claims(const std::vector<claim::Claim>& claims,
                             const std::vector<reconcile::Finding>& findings) {
  std::set<std::string_view> checked;
  for (const auto& f : findings)
    for (const auto& id : f.claim_ids) checked.insert(id);
  return static_cast<std::size_t>(std::count_if(
      claims.begin(), claims.end(), [&](const claim::Claim& c) { return !checked.count(c.id); }));
}

bool is_low_confidence(const reconcile::Finding& f) {
  // A figure one outlet gives that no rule names: nothing to check it against.
  const bool lone_inferred = f.inferred && f.verdict == reconcile::Verdict::single_source;
  return f.severity == reconcile::Severity::low || f.furniture || lone_inferred;
}

std::vector<Section> sections(const std::vector<FindingView>& views) {
  std::vector<Section> out = {
      {"conflicts",
       "Conflicts",
       "The outlets' figures cannot all be true, or they are shares of different wholes. Check "
       "these first.",
       {}},
      {"look-different",
       "Only look different",
       "Different words or units; on a common scale the figures fit together.",
       {}},
      {"over-time",
       "Changed over time",
       "A running count (cases, a toll) that rose from earlier to later articles, or that an "
       "article printed after a newer figure was out.",
       {}},
      {"agreements", "Agreements", "The outlets print the same figure.", {}},
      {"single-source", "Single source", "Only one outlet gives this figure.", {}},
      {"low",
       "Low confidence",
       "Figures only one outlet gives that no rule names, and page furniture.",
       {}},
  };
  for (const auto& v : views) out[section_of(v)].findings.push_back(&v);
  return out;
}

FindingView view_of(const reconcile::Finding& f, const ClaimIndex& claims, const Reviews& reviews,
                    const reconcile::Options& words) {
  FindingView v;
  v.finding = &f;
  v.verdict = reconcile::name(f.verdict);
  v.verdict_label = reconcile::label(f.verdict);
  v.severity = reconcile::name(f.severity);
  v.decision = decision_for(reviews, f);
  v.review = review_words(reviews, f);
  v.implied = implied_words(f);
  v.low_confidence = is_low_confidence(f);
  for (const auto& id : f.claim_ids) {
    const auto it = claims.find(id);
    if (it == claims.end()) continue;
    v.rows.push_back(row_of(f, *it->second, words));
    add_figure(v.figures, *it->second);
  }
  return v;
}

std::vector<FindingView> views_of(const std::vector<reconcile::Finding>& findings,
                                  const std::vector<claim::Claim>& claims, const Reviews& reviews,
                                  const reconcile::Options& words) {
  const ClaimIndex by_id = index_claims(claims);
  std::vector<FindingView> views;
  views.reserve(findings.size());
  for (const auto& f : findings) views.push_back(view_of(f, by_id, reviews, words));
  return views;
}

}  // namespace claimdiff::report
