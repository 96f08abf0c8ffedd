#include "reconcile/reconcile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace claimdiff::reconcile {

namespace {

constexpr double kWorkingWeek = 5.0;

struct Scaled {
  const claim::Claim* claim;
  std::optional<double> lo, hi;
  std::string printed;  // printed_key of the claim, computed once
};

std::string fmt(double d) {
  char buf[32];
  if (std::fabs(d - std::round(d)) < 0.05)
    std::snprintf(buf, sizeof buf, "%.0f", d);
  else
    std::snprintf(buf, sizeof buf, "%.1f", d);
  return buf;
}

// The group's common scale: days a week when any claim counts days, else the first unit.
std::string common_unit(const std::vector<const claim::Claim*>& group) {
  for (const auto* c : group)
    if (c->value.unit == "days/week") return "days/week";
  return group.front()->value.unit;
}

// Puts a claim on the common scale. Shares of the time become days of a
// five-day week; days at home become days in the office.
std::optional<Scaled> scale(const claim::Claim& c, const std::string& unit) {
  Scaled s{&c, c.value.lo, c.value.hi, {}};
  if (c.value.unit == unit) {
  } else if (unit == "days/week" && c.value.unit == "%") {
    if (s.lo) s.lo = *s.lo * kWorkingWeek / 100.0;
    if (s.hi) s.hi = *s.hi * kWorkingWeek / 100.0;
  } else {
    return std::nullopt;  // no conversion between these units
  }
  if (unit == "days/week") {
    if (!s.hi || *s.hi > kWorkingWeek) s.hi = kWorkingWeek;
    if (c.value.place == "home") {
      const auto lo = s.lo, hi = s.hi;
      s.lo = kWorkingWeek - hi.value_or(kWorkingWeek);
      s.hi = kWorkingWeek - lo.value_or(0.0);
    }
  }
  if (unit == "%" && (!s.hi || *s.hi > 100.0)) s.hi = 100.0;
  return s;
}

bool overlap(const Scaled& a, const Scaled& b) {
  constexpr double eps = 1e-9;
  const double alo = a.lo.value_or(-1e300), ahi = a.hi.value_or(1e300);
  const double blo = b.lo.value_or(-1e300), bhi = b.hi.value_or(1e300);
  return alo <= bhi + eps && blo <= ahi + eps;
}

// The same interval, give or take the rounding of printed figures.
bool same_interval(const Scaled& a, const Scaled& b) {
  auto close = [](const std::optional<double>& x, const std::optional<double>& y) {
    if (!x || !y) return !x && !y;
    return std::fabs(*x - *y) <= 0.05 * std::max({1.0, std::fabs(*x), std::fabs(*y)});
  };
  return close(a.lo, b.lo) && close(a.hi, b.hi);
}

// The figure as printed, hedges of approximation aside: "Around 1,500" prints 1,500.
std::string printed_key(const claim::Claim& c) {
  const auto& v = c.value;
  if (v.unit == "date") return v.lo && v.hi ? fmt(*v.lo) + "/" + fmt(*v.hi) : v.partial;
  std::string key = v.unit + ":" + (v.printed ? fmt(*v.printed) : "?");
  if (v.printed2) key += "-" + fmt(*v.printed2);
  if (v.hedge != "none" && v.hedge != "approx" && v.hedge != "range") key += ":" + v.hedge;
  return key;
}

std::string join_outlets(const std::vector<const claim::Claim*>& claims) {
  std::vector<std::string> names;
  for (const auto* c : claims)
    if (std::find(names.begin(), names.end(), c->outlet) == names.end()) names.push_back(c->outlet);
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += i + 1 == names.size() ? " and " : ", ";
    s += names[i];
  }
  return s;
}

std::string base_words(const std::string& base) {
  if (base == "votes_cast") return "of votes cast";
  if (base == "members") return "of all members";
  if (base == "staff") return "of all staff";
  if (base == "public") return "of the public";
  return base.empty() ? "" : "of " + base;
}

std::string says(const claim::Claim& c) {
  std::string s = quantity::describe(c.value);
  const std::string b = base_words(c.base);
  if (!b.empty()) s += " " + b;
  return s;
}

int verdict_rank(const std::string& v) {
  static const char* kOrder[] = {"conflict",   "base-mismatch", "speaker-disagreement",
                                 "unassessed", "compatible",    "equivalent",
                                 "agree",      "single-source"};
  for (int i = 0; i < 8; ++i)
    if (v == kOrder[i]) return i;
  return 9;
}

}  // namespace

int severity_rank(const std::string& severity) {
  if (severity == "high") return 0;
  if (severity == "medium") return 1;
  if (severity == "info") return 2;
  return 3;
}

std::vector<Finding> reconcile(const std::vector<claim::Claim>& claims, const Options& options) {
  // Group by story, attribute, scope (and, for generic claims, what they count).
  std::map<std::tuple<std::string, std::string, std::string, std::string>,
           std::vector<const claim::Claim*>>
      groups;
  for (const auto& c : claims) groups[{c.story, c.attribute, c.scope, c.context}].push_back(&c);

  std::vector<Finding> findings;
  for (auto& [key, group] : groups) {
    std::sort(group.begin(), group.end(), [](const claim::Claim* a, const claim::Claim* b) {
      return std::tie(a->article, a->span.begin, a->id) <
             std::tie(b->article, b->span.begin, b->id);
    });
    Finding f;
    std::tie(f.story, f.attribute, f.scope, f.context) = key;
    f.id =
        claim::stable_hash(f.story + '\x1f' + f.attribute + '\x1f' + f.scope + '\x1f' + f.context);
    auto label = options.labels.find(f.attribute);
    f.label = label != options.labels.end() ? label->second : f.attribute;
    if (!f.context.empty()) f.label += " (" + f.context + ")";
    f.unit = common_unit(group);

    std::vector<Scaled> scaled;
    for (const auto* c : group) {
      f.claim_ids.push_back(c->id);
      if (std::find(f.outlets.begin(), f.outlets.end(), c->outlet) == f.outlets.end())
        f.outlets.push_back(c->outlet);
      if (auto s = scale(*c, f.unit)) {
        s->printed = printed_key(*c);
        scaled.push_back(*s);
        f.scaled.push_back({c->id, s->lo, s->hi});
      }
    }

    const bool generic = group.front()->generic();
    const bool furniture_only = std::all_of(group.begin(), group.end(),
                                            [](const claim::Claim* c) { return c->furniture(); });

    // An outlet that gives several figures (one per staff group) is read as the
    // span of them: two outlets conflict only when their spans are disjoint.
    std::map<std::string, Scaled> hull;
    for (const auto& s : scaled) {
      auto [it, fresh] = hull.try_emplace(s.claim->outlet, s);
      if (fresh) continue;
      Scaled& h = it->second;
      h.lo = h.lo && s.lo ? std::optional<double>(std::min(*h.lo, *s.lo)) : std::nullopt;
      h.hi = h.hi && s.hi ? std::optional<double>(std::max(*h.hi, *s.hi)) : std::nullopt;
    }

    // Compare every pair from different outlets; the worst relation is the verdict.
    std::string verdict = "single-source";
    const Scaled *worst_a = nullptr, *worst_b = nullptr;
    for (std::size_t i = 0; i < scaled.size(); ++i) {
      for (std::size_t j = i + 1; j < scaled.size(); ++j) {
        const auto &a = scaled[i], &b = scaled[j];
        if (a.claim->outlet == b.claim->outlet) continue;
        std::string relation;
        const bool bases_differ =
            !a.claim->base.empty() && !b.claim->base.empty() && a.claim->base != b.claim->base;
        if (!overlap(a, b) && overlap(hull.at(a.claim->outlet), hull.at(b.claim->outlet))) {
          relation = "compatible";
        } else if (!overlap(a, b)) {
          if (generic)
            relation = "unassessed";
          else if (bases_differ)
            relation = "base-mismatch";
          else if (a.claim->speaker_role != b.claim->speaker_role &&
                   a.claim->speaker_role != "outlet" && b.claim->speaker_role != "outlet")
            relation = "speaker-disagreement";
          else
            relation = "conflict";
        } else if (a.printed == b.printed) {
          relation = "agree";
        } else if (a.claim->value.unit != b.claim->value.unit ||
                   a.claim->value.place != b.claim->value.place) {
          relation = same_interval(a, b) ? "equivalent" : "compatible";
        } else {
          relation = "compatible";
        }
        if (verdict_rank(relation) < verdict_rank(verdict)) {
          verdict = relation;
          worst_a = &a;
          worst_b = &b;
        }
      }
    }
    f.verdict = verdict;

    // Explanations, written from the data.
    const std::string all = join_outlets(group);
    if (verdict == "single-source") {
      f.explanation = "Only " + all + " reports this: " + says(*group.front()) + ".";
    } else if (verdict == "agree") {
      f.explanation = "All " + std::to_string(f.outlets.size()) + " outlets (" + all + ") report " +
                      says(*group.front()) + ".";
    } else {
      // Each side: the outlets that print the same figure as one end of the worst pair.
      std::vector<const claim::Claim*> side_a, side_b;
      for (const auto& s : scaled) {
        if (s.printed == worst_a->printed)
          side_a.push_back(s.claim);
        else if (s.printed == worst_b->printed)
          side_b.push_back(s.claim);
      }
      const std::string a_says = join_outlets(side_a) + " " +
                                 (side_a.size() > 1 ? "report " : "reports ") +
                                 says(*worst_a->claim);
      const std::string b_says = join_outlets(side_b) + " " +
                                 (side_b.size() > 1 ? "report " : "reports ") +
                                 says(*worst_b->claim);
      if (verdict == "equivalent") {
        f.explanation = "The figures only look different: " + a_says + " and " + b_says +
                        ", the same on a common scale (" + fmt(worst_a->lo.value_or(0)) + "-" +
                        fmt(worst_a->hi.value_or(0)) + " " + f.unit + ").";
      } else if (verdict == "compatible") {
        f.explanation = "The figures overlap, so both can be true: " + a_says + "; " + b_says + ".";
      } else if (verdict == "unassessed") {
        f.explanation =
            "Different figures, but no rule says they measure the same thing: " + a_says + "; " +
            b_says + ".";
      } else if (verdict == "base-mismatch") {
        const claim::Claim* of_votes =
            worst_a->claim->base == "votes_cast" ? worst_a->claim : worst_b->claim;
        const claim::Claim* of_all = of_votes == worst_a->claim ? worst_b->claim : worst_a->claim;
        const Scaled& sv = of_votes == worst_a->claim ? *worst_a : *worst_b;
        const Scaled& sa = of_votes == worst_a->claim ? *worst_b : *worst_a;
        f.explanation = a_says + ", but " + b_says + ": the shares are of different wholes.";
        if (of_votes->base == "votes_cast" && sv.lo && sv.hi && *sv.lo > 0 && sa.lo) {
          // yes/all = (yes/votes) x (votes/all): turnout = (yes/all) / (yes/votes).
          f.implied_what = "turnout";
          f.implied_lo = std::min(100.0, *sa.lo / *sv.hi * 100.0);
          f.implied_hi = std::min(100.0, sa.hi.value_or(100.0) / *sv.lo * 100.0);
          f.explanation += " Both are true only if turnout was about " + fmt(*f.implied_lo) + "-" +
                           fmt(*f.implied_hi) + "% " + base_words(of_all->base) +
                           ", a figure no outlet printed.";
        }
      } else {
        f.explanation = a_says + ", but " + b_says + "; both cannot be true.";
        if (verdict == "speaker-disagreement")
          f.explanation += " The figures come from different sides (" + worst_a->claim->speaker +
                           ", " + worst_b->claim->speaker + ").";
      }
    }

    const bool own_voice = std::any_of(group.begin(), group.end(), [](const claim::Claim* c) {
      return c->speaker_role == "outlet" && !c->furniture();
    });
    if (generic || furniture_only)
      f.severity = "low";
    else if (verdict == "conflict" || verdict == "base-mismatch")
      f.severity = own_voice ? "high" : "medium";
    else if (verdict == "speaker-disagreement")
      f.severity = "medium";
    else
      f.severity = "info";
    findings.push_back(std::move(f));
  }

  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::make_tuple(severity_rank(a.severity), verdict_rank(a.verdict), a.story, a.attribute,
                           a.scope, a.context) < std::make_tuple(severity_rank(b.severity),
                                                                 verdict_rank(b.verdict), b.story,
                                                                 b.attribute, b.scope, b.context);
  });
  return findings;
}

nlohmann::ordered_json to_json(const Finding& f) {
  nlohmann::ordered_json j;
  j["id"] = f.id;
  j["story"] = f.story;
  j["attribute"] = f.attribute;
  j["label"] = f.label;
  j["scope"] = f.scope;
  if (!f.context.empty()) j["context"] = f.context;
  j["verdict"] = f.verdict;
  j["severity"] = f.severity;
  j["explanation"] = f.explanation;
  j["outlets"] = f.outlets;
  j["claim_ids"] = f.claim_ids;
  j["unit"] = f.unit;
  auto& scaled = j["scaled"] = nlohmann::ordered_json::array();
  auto num = [](const std::optional<double>& d) -> nlohmann::ordered_json {
    if (!d) return nullptr;
    return std::round(*d * 1e4) / 1e4;
  };
  for (const auto& s : f.scaled)
    scaled.push_back({{"claim", s.claim_id}, {"lo", num(s.lo)}, {"hi", num(s.hi)}});
  if (!f.implied_what.empty())
    j["implied"] = {{"what", f.implied_what},
                    {"lo", num(f.implied_lo)},
                    {"hi", num(f.implied_hi)},
                    {"unit", "%"}};
  return j;
}

}  // namespace claimdiff::reconcile
