#include "reconcile/reconcile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "reconcile/group.h"

namespace claimdiff::reconcile {

namespace {

constexpr double kWorkingWeek = 5.0;

struct Scaled {
  const claim::Claim* claim;
  std::optional<double> lo, hi;
  std::string printed;  // printed_key of the claim, computed once
  std::string note;     // how it was converted, for people: "3% of £25,000"
};

std::string fmt(double d) {
  char buf[32];
  if (std::fabs(d - std::round(d)) < 0.05)
    std::snprintf(buf, sizeof buf, "%.0f", d);
  else
    std::snprintf(buf, sizeof buf, "%.1f", d);
  return buf;
}

// The group's common scale: days a week when any claim counts days, a share
// when any claim is one, else the first unit.
std::string common_unit(const std::vector<const claim::Claim*>& group) {
  for (const auto* c : group)
    if (c->value.unit == "days/week") return "days/week";
  for (const auto* c : group)
    if (c->value.unit == "%") return "%";
  return group.front()->value.unit;
}

// The span of the figures a money share is of (the salaries an outlet gives),
// by story and attribute.
using Wholes = std::map<std::pair<std::string, std::string>, std::pair<double, double>>;

// Puts a claim on the common scale. Shares of the time become days of a
// five-day week; days at home become days in the office; money that is a share
// of a salary becomes a percentage of it.
std::optional<Scaled> scale(const claim::Claim& c, const std::string& unit, const Wholes& wholes) {
  Scaled s{&c, c.value.lo, c.value.hi, {}};
  if (c.value.unit == unit) {
  } else if (unit == "days/week" && c.value.unit == "%") {
    if (s.lo) s.lo = *s.lo * kWorkingWeek / 100.0;
    if (s.hi) s.hi = *s.hi * kWorkingWeek / 100.0;
  } else if (unit == "%" && !c.share_of.empty() && s.lo && s.hi) {
    auto whole = wholes.find({c.story, c.share_of});
    if (whole == wholes.end() || whole->second.first <= 0) return std::nullopt;
    s.lo = *s.lo / whole->second.second * 100.0;
    s.hi = *s.hi / whole->second.first * 100.0;
    quantity::Value salary;
    salary.unit = c.value.unit;
    salary.printed = whole->second.first;
    if (whole->second.second != whole->second.first) salary.printed2 = whole->second.second;
    s.note = fmt(*s.lo) + (*s.hi - *s.lo > 0.05 ? "-" + fmt(*s.hi) : "") + "% of " +
             quantity::describe(salary);
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
  // A fall is below zero, so that "fell 4%" and "rose 4%" are far apart.
  if (unit == "%" && c.subject.direction == "down") {
    const auto lo = s.lo;
    s.lo = s.hi ? std::optional<double>(-*s.hi) : std::nullopt;
    s.hi = lo ? std::optional<double>(-*lo) : std::nullopt;
  }
  return s;
}

// Month and day of a date with no year ("--11-06"), against a date or another partial.
std::optional<bool> partial_overlap(const Scaled& a, const Scaled& b) {
  if (!a.claim || !b.claim || a.claim->value.unit != "date" || b.claim->value.unit != "date")
    return std::nullopt;
  const auto& pa = a.claim->value.partial;
  const auto& pb = b.claim->value.partial;
  if (pa.empty() && pb.empty()) return std::nullopt;
  auto month_day = [](const Scaled& s) -> std::string {
    const auto& v = s.claim->value;
    if (!v.partial.empty()) return v.partial.starts_with("--") ? v.partial : "";
    if (!v.lo || !v.hi) return "";
    const std::string lo = quantity::format_day(static_cast<long>(*v.lo));
    const std::string hi = quantity::format_day(static_cast<long>(*v.hi));
    if (lo == hi) return "--" + lo.substr(5);
    return lo.substr(5, 2) == hi.substr(5, 2) && lo.substr(0, 4) == hi.substr(0, 4)
               ? "--" + lo.substr(5, 2)
               : "";
  };
  const std::string ma = month_day(a), mb = month_day(b);
  if (ma.empty() || mb.empty()) return std::nullopt;  // words we could not place: unknown
  // "--11" (a month) meets "--11-06" (a day in it).
  return ma.starts_with(mb) || mb.starts_with(ma);
}

bool overlap(const Scaled& a, const Scaled& b) {
  if (auto p = partial_overlap(a, b)) return *p;
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

// The whole a share is of, in the lexicon's words: "of votes cast".
std::string base_words(const std::string& base, const Options& words) {
  if (base.empty()) return "";
  auto it = words.bases.find(base);
  return it == words.bases.end() || it->second.label.empty() ? "of " + base : it->second.label;
}

// The figure that makes a share of this base and a share of a wider whole
// both true ("turnout" for votes cast), or "".
std::string implied_by(const std::string& base, const Options& words) {
  auto it = words.bases.find(base);
  return it == words.bases.end() ? "" : it->second.implies;
}

// How an attribute's figures from one article are compared with another's.
enum class Mode {
  span,  // rates (%, days a week): figures for several groups bound the whole: their span
  set,   // dates: an article may give several (strike days); sets conflict when none meet
  each,  // counts, money: one figure is one claim about one number
};

Mode mode_of(const std::string& unit) {
  if (grouping::is_rate(unit)) return Mode::span;
  if (unit == "date") return Mode::set;
  return Mode::each;
}

// What one side says: one article's figures (span, set) or one figure (each),
// from one speaker role or from everyone in the article.
struct Account {
  std::vector<const Scaled*> parts;
  std::optional<double> lo, hi;  // the span of the parts
  std::string outlet, article, role, base;
  std::string published;   // the article's publication time
  std::string stands_at;   // when its count stood: a day its clause gives, else `published`
  std::string name;        // the outlet, and its article when it has several here
  bool furniture = false;  // rests on page furniture
  std::set<std::string> printed;
};

Account account_of(std::vector<const Scaled*> parts) {
  Account a;
  a.parts = std::move(parts);
  const Scaled& first = *a.parts.front();
  a.outlet = a.name = first.claim->outlet;
  a.article = first.claim->article;
  a.role = first.claim->speaker_role;
  a.base = first.claim->base;
  a.published = first.claim->published;
  a.stands_at = grouping::stands_at(*first.claim);
  a.lo = first.lo;
  a.hi = first.hi;
  for (const Scaled* p : a.parts) {
    a.lo = a.lo && p->lo ? std::optional<double>(std::min(*a.lo, *p->lo)) : std::nullopt;
    a.hi = a.hi && p->hi ? std::optional<double>(std::max(*a.hi, *p->hi)) : std::nullopt;
    if (p->claim->speaker_role != a.role) a.role = "mixed";
    if (p->claim->base != a.base) a.base = "";
    a.furniture = a.furniture || p->claim->furniture();
    a.printed.insert(p->printed);
  }
  return a;
}

bool accounts_meet(const Account& a, const Account& b, Mode mode) {
  if (mode == Mode::set) {
    for (const Scaled* x : a.parts)
      for (const Scaled* y : b.parts)
        if (overlap(*x, *y)) return true;
    return false;
  }
  return overlap(Scaled{nullptr, a.lo, a.hi, {}}, Scaled{nullptr, b.lo, b.hi, {}});
}

bool is_side(const std::string& role) {
  return role != "outlet" && role != "other" && role != "mixed";
}

grouping::HeadFigures head_figures(bool few, bool one_per_article) {
  if (few) return grouping::HeadFigures::few;
  return one_per_article ? grouping::HeadFigures::one_each : grouping::HeadFigures::many;
}

// How the accounts of one group are compared.
struct Comparison {
  Mode mode = Mode::each;
  const grouping::Topic* topic = nullptr;  // inferred groups: the story's topic words
  const Options* options = nullptr;        // the lexicon's running counts
  bool one_per_article = false;            // inferred: its head names one figure per article
};

// Some pair of figures, one from each account, is tied by most of its words.
bool firmly_tied(const Account& a, const Account& b, const grouping::Topic& topic,
                 grouping::HeadFigures figures) {
  for (const Scaled* x : a.parts)
    for (const Scaled* y : b.parts)
      if (grouping::firmly_tied(*x->claim, *y->claim, topic, figures)) return true;
  return false;
}

// A publication time as minutes since 1970 in UTC, and whether it had a time
// of day: "2026-03-09", "2026-03-09T09:30", "2026-03-10 00:15:00+01:00",
// "...Z". Nothing for any other form.
struct PublishedAt {
  long long minutes = 0;
  bool has_time = false;
};

std::optional<PublishedAt> published_at(const std::string& text) {
  const auto day = quantity::parse_iso_day(std::string_view(text).substr(0, 10));
  if (!day) return std::nullopt;
  PublishedAt at{static_cast<long long>(*day) * 24 * 60, false};
  if (text.size() == 10) return at;
  int hour = 0, minute = 0, used = 0;
  if ((text[10] != 'T' && text[10] != ' ') ||
      std::sscanf(text.c_str() + 11, "%2d:%2d%n", &hour, &minute, &used) != 2)
    return std::nullopt;
  at.minutes += hour * 60 + minute;
  at.has_time = true;
  std::size_t rest = 11 + static_cast<std::size_t>(used);
  if (rest < text.size() && text[rest] == ':') rest += 3;  // seconds
  if (rest < text.size() && (text[rest] == '+' || text[rest] == '-')) {
    int oh = 0, om = 0;
    if (std::sscanf(text.c_str() + rest + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
    at.minutes -= (text[rest] == '+' ? 1 : -1) * (oh * 60 + om);
  }
  return at;
}

// Two times (publication times, or days a count stood at) in order, when
// both are known and differ: a day alone orders only against another day.
std::optional<bool> time_before(const std::string& a, const std::string& b) {
  const auto pa = published_at(a), pb = published_at(b);
  if (!pa || !pb) return std::nullopt;
  constexpr long long kDay = 24 * 60;
  if (!pa->has_time || !pb->has_time) {
    const long long da = pa->minutes / kDay, db = pb->minutes / kDay;
    return da == db ? std::nullopt : std::optional<bool>(da < db);
  }
  return pa->minutes == pb->minutes ? std::nullopt : std::optional<bool>(pa->minutes < pb->minutes);
}

// Two counts in the order they stood ("as of Tuesday", "up from 61 on
// Wednesday"), else in publication order: a count may change within a day,
// so a day and a time on it are ordered as published.
std::optional<bool> counted_before(const Account& a, const Account& b) {
  if (const auto by_day = time_before(a.stands_at, b.stands_at)) return by_day;
  return time_before(a.published, b.published);
}

// A running count that differs between articles in time order: the later,
// higher one is an update; a later, lower one was out of date when printed.
std::optional<Verdict> over_time(const Account& a, const Account& b) {
  const auto a_first = counted_before(a, b);
  if (!a_first || !a.lo || !b.lo) return std::nullopt;
  const Account& earlier = *a_first ? a : b;
  const Account& later = *a_first ? b : a;
  return *later.lo > *earlier.lo ? Verdict::updated : Verdict::outdated;
}

// Two minimums (or two maximums) of one figure that differ: "at least £800"
// and "at least £950" for one payment cannot both be how outlets put it.
bool bounds_differ(const Account& a, const Account& b) {
  auto open = [](const Account& x, bool up) {
    return std::all_of(x.parts.begin(), x.parts.end(), [&](const Scaled* p) {
      return up ? !p->hi.has_value() && p->lo.has_value() : !p->lo.has_value() && p->hi.has_value();
    });
  };
  auto differ = [](const std::optional<double>& x, const std::optional<double>& y) {
    return x && y && std::fabs(*x - *y) > 0.05 * std::max({1.0, std::fabs(*x), std::fabs(*y)});
  };
  return (open(a, true) && open(b, true) && differ(a.lo, b.lo)) ||
         (open(a, false) && open(b, false) && differ(a.hi, b.hi));
}

Verdict relation_of(const Account& a, const Account& b, const Comparison& how) {
  const Mode mode = how.mode;
  const bool meet = accounts_meet(a, b, mode);
  const bool differ = !meet || (mode == Mode::each && bounds_differ(a, b));
  // Later articles may print higher figures of a running count: compared in
  // time order, pair by pair (a group may hold other counts too).
  auto running = [&](const Account& x) {
    return how.options && std::all_of(x.parts.begin(), x.parts.end(), [&](const Scaled* p) {
             return grouping::is_running(*p->claim, *how.options);
           });
  };
  const bool cumulative = running(a) && running(b);
  if (differ && cumulative)
    if (auto v = over_time(a, b))
      return how.topic && !firmly_tied(a, b, *how.topic, grouping::HeadFigures::few)
                 ? Verdict::unassessed
                 : *v;
  if (differ) {
    auto few = [&](const Account& x) {
      return how.options && std::all_of(x.parts.begin(), x.parts.end(), [&](const Scaled* p) {
               return grouping::names_few(*p->claim, *how.options);
             });
    };
    const auto figures = head_figures(cumulative || (few(a) && few(b)), how.one_per_article);
    if (how.topic && !firmly_tied(a, b, *how.topic, figures)) return Verdict::unassessed;
    if (!a.base.empty() && !b.base.empty() && a.base != b.base) return Verdict::base_mismatch;
    if (is_side(a.role) && is_side(b.role) && a.role != b.role)
      return Verdict::speaker_disagreement;
    return Verdict::conflict;
  }
  // A date set that holds every date of the other agrees with it.
  const auto& small = a.printed.size() <= b.printed.size() ? a.printed : b.printed;
  const auto& large = a.printed.size() <= b.printed.size() ? b.printed : a.printed;
  const bool same_printed =
      mode == Mode::set ? std::includes(large.begin(), large.end(), small.begin(), small.end())
                        : a.printed == b.printed;
  if (same_printed) return Verdict::agree;
  if (same_interval(Scaled{nullptr, a.lo, a.hi, {}, {}}, Scaled{nullptr, b.lo, b.hi, {}, {}}))
    return Verdict::equivalent;
  // An exact figure that the other's printed figure rounds to: "£1,400 of £35,000"
  // is 4.0%, which "4%" stands for.
  auto exact_within_printed = [](const Account& exact, const Account& printed) {
    if (!exact.lo || !exact.hi || *exact.hi - *exact.lo > 1e-6 || !printed.lo || !printed.hi)
      return false;
    // One figure each, and the exact one was converted from another unit.
    if (exact.printed.size() != 1 || printed.printed.size() != 1 ||
        exact.parts.front()->claim->value.unit == printed.parts.front()->claim->value.unit)
      return false;
    const bool plain = std::all_of(printed.parts.begin(), printed.parts.end(),
                                   [](auto* p) { return p->claim->value.hedge == "none"; });
    return plain && *printed.lo <= *exact.lo && *exact.hi <= *printed.hi;
  };
  if (exact_within_printed(a, b) || exact_within_printed(b, a)) return Verdict::equivalent;
  return Verdict::compatible;
}

std::string scope_words(const claim::Claim& c, const std::string& finding_scope) {
  return c.scope.empty() || c.scope == finding_scope ? "" : " for " + c.scope;
}

// "60-100% of the time and up to 2 days/week (home)": the distinct figures of an account.
std::string account_says(const Account& a, const std::string& finding_scope, const Options& words) {
  std::vector<std::string> said;
  std::set<std::string> seen;
  for (const Scaled* p : a.parts)
    if (seen.insert(p->printed + p->claim->scope).second)
      said.push_back(describe_claim(*p->claim, words) +
                     (p->note.empty() ? "" : " (" + p->note + ")") +
                     scope_words(*p->claim, finding_scope) +
                     (p->claim->furniture() ? " [" + p->claim->region + "]" : ""));
  constexpr std::size_t kMost = 4;
  std::string s;
  for (std::size_t i = 0; i < said.size() && i < kMost; ++i) {
    if (i) s += i + 1 == std::min(said.size(), kMost) && said.size() <= kMost ? " and " : ", ";
    s += said[i];
  }
  if (said.size() > kMost) s += " and " + std::to_string(said.size() - kMost) + " more";
  return s;
}

// "3-5 days/week", "4%": an account's span on the finding's scale.
std::string span_words(const Account& a, const std::string& unit) {
  if (unit == "date") {  // days since 1970, as ISO days
    auto day = [](const std::optional<double>& d) {
      return d ? quantity::format_day(static_cast<long>(*d)) : std::string("?");
    };
    const std::string lo = day(a.lo), hi = day(a.hi);
    return lo == hi ? lo : lo + " to " + hi;
  }
  const std::string lo = a.lo ? fmt(*a.lo) : "?", hi = a.hi ? fmt(*a.hi) : "?";
  return (lo == hi ? lo : lo + "-" + hi) + (unit == "%" ? "%" : " " + unit);
}

std::string names(const std::vector<std::string>& outlets) {
  std::string s;
  for (std::size_t i = 0; i < outlets.size(); ++i) {
    if (i) s += i + 1 == outlets.size() ? " and " : ", ";
    s += outlets[i];
  }
  return s;
}

// Outlets that say the same thing, said once: "LBC and BBC News report 85%".
std::string accounts_say(const std::vector<const Account*>& accounts,
                         const std::string& finding_scope, const std::string& separator,
                         const Options& words) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_text;
  for (const Account* a : accounts) {
    const std::string text = account_says(*a, finding_scope, words);
    auto it = std::find_if(by_text.begin(), by_text.end(),
                           [&](const auto& entry) { return entry.first == text; });
    if (it == by_text.end()) {
      by_text.push_back({text, {a->name}});
    } else if (std::find(it->second.begin(), it->second.end(), a->name) == it->second.end()) {
      it->second.push_back(a->name);
    }
  }
  std::string s;
  for (const auto& [text, outlets] : by_text) {
    if (!s.empty()) s += separator;
    s += names(outlets) + (outlets.size() > 1 ? " report " : " reports ") + text;
  }
  return s;
}

// ---- group: the claims about one fact (group.h) ------------------------------

// A money share is scaled against the salaries the story gives: their span.
Wholes wholes_of(const std::vector<claim::Claim>& claims) {
  Wholes wholes;
  for (const auto& c : claims) {
    if (!c.value.lo || !c.value.hi || c.generic()) continue;
    auto [it, fresh] =
        wholes.try_emplace({c.story, c.attribute}, std::pair{*c.value.lo, *c.value.hi});
    if (!fresh) {
      it->second.first = std::min(it->second.first, *c.value.lo);
      it->second.second = std::max(it->second.second, *c.value.hi);
    }
  }
  return wholes;
}

// The finding's id stays the same run to run, so review decisions keep to it.
// What figures with no head are, for a label: "dates", "shares".
std::string unnamed_figures(const claim::Claim& c) {
  if (c.value.unit == "date") return "dates";
  if (c.value.unit == "%") return "shares";
  if (c.value.unit == "count") return "counts";
  return c.kind == "money" ? "sums" : "figures";
}

// A result keeps the id it had before roles were read.
Finding name_finding(const grouping::Key& key, const grouping::Group& group,
                     const Options& options) {
  Finding f;
  f.story = key.story;
  f.attribute = key.attribute;
  f.scope = key.scope;
  f.context = key.context;
  f.role = key.role;
  f.inferred = group.inferred;
  const std::string role =
      key.role == claim::Role::result ? "" : '\x1f' + std::string(claim::to_string(key.role));
  f.id = claim::stable_hash(f.story + '\x1f' + f.attribute + '\x1f' + f.scope + '\x1f' + f.context +
                            role);
  if (group.inferred) {
    if (!group.head.empty()) f.tied_by.push_back(group.head);
    f.tied_by.insert(f.tied_by.end(), group.tied_by.begin(), group.tied_by.end());
    f.label = group.head.empty() ? unnamed_figures(*group.members.front()) : group.head;
    if (const std::string said = f.context.substr(0, f.context.find(grouping::kClusterMark));
        !said.empty())
      f.label += " (" + said + ")";
  } else {
    auto label = options.labels.find(f.attribute);
    f.label = label != options.labels.end() ? label->second : f.attribute;
    if (!f.context.empty()) f.label += " (" + f.context + ")";
  }
  if (!f.scope.empty()) f.label += " - " + f.scope;
  if (key.role != claim::Role::result)
    f.label += " [" + std::string(claim::to_string(key.role)) + "]";
  return f;
}

// ---- scale: every claim on the group's common scale ------------------------------

// Figures in different units compare only on one scale; claims that cannot be
// put on it stay in the finding but are not compared.
std::vector<Scaled> scale_group(Finding& f, const std::vector<const claim::Claim*>& group,
                                const Wholes& wholes) {
  f.unit = common_unit(group);
  std::vector<Scaled> scaled;
  scaled.reserve(group.size());
  for (const auto* c : group) {
    f.claim_ids.push_back(c->id);
    if (std::find(f.outlets.begin(), f.outlets.end(), c->outlet) == f.outlets.end())
      f.outlets.push_back(c->outlet);
    if (auto s = scale(*c, f.unit, wholes)) {
      s->printed = printed_key(*c);
      scaled.push_back(*s);
      f.scaled.push_back({c->id, s->lo, s->hi});
    }
  }
  return scaled;
}

// ---- judge: the worst relation between two accounts ------------------------------

// What each side says: per article (everyone in it), and per article and speaker role.
struct Accounts {
  std::vector<Account> by_article, by_role;
};

// Outlets compare article by article, and the sides of a dispute wherever they are
// quoted; counts and money are compared figure by figure. Holds pointers into `scaled`.
Accounts accounts_of_group(const std::vector<Scaled>& scaled, Mode mode) {
  Accounts accounts;
  std::map<std::string, std::vector<const Scaled*>> article_parts;
  std::map<std::pair<std::string, std::string>, std::vector<const Scaled*>> role_parts;
  std::vector<std::string> order;
  for (const auto& s : scaled) {
    if (mode == Mode::each) {
      accounts.by_article.push_back(account_of({&s}));
      continue;
    }
    if (!article_parts.count(s.claim->article)) order.push_back(s.claim->article);
    article_parts[s.claim->article].push_back(&s);
    role_parts[{s.claim->article, s.claim->speaker_role}].push_back(&s);
  }
  for (const auto& article : order)
    accounts.by_article.push_back(account_of(article_parts[article]));
  for (auto& [k, parts] : role_parts) accounts.by_role.push_back(account_of(parts));
  if (mode == Mode::each) accounts.by_role = accounts.by_article;
  // An outlet with several articles here names the article too.
  std::map<std::string, std::set<std::string>> articles_of;
  for (const auto& a : accounts.by_article) articles_of[a.outlet].insert(a.article);
  for (auto* list : {&accounts.by_article, &accounts.by_role})
    for (auto& a : *list)
      if (articles_of[a.outlet].size() > 1) a.name = a.outlet + " (" + a.article + ")";
  return accounts;
}

// The verdict, and the two accounts it rests on (none for a single source).
struct Judgement {
  Verdict verdict = Verdict::single_source;
  const Account *a = nullptr, *b = nullptr;
  bool rests_on_furniture() const { return a && (a->furniture || b->furniture); }
};

// The worst relation is the verdict: outlets against each other, and the two
// sides of the dispute (union, employer) wherever they are quoted. Among
// equally bad pairs, one that rests on the article text wins.
Judgement judge(const Accounts& accounts, const Comparison& how) {
  const Mode mode = how.mode;
  Judgement j;
  if (accounts.by_article.empty()) j.verdict = Verdict::unassessed;
  auto consider = [&](const Account& a, const Account& b, Verdict relation) {
    const bool furniture = a.furniture || b.furniture;
    const bool worse = rank(relation) < rank(j.verdict) ||
                       (relation == j.verdict && j.a && !furniture && j.rests_on_furniture());
    if (worse) j = {relation, &a, &b};
  };
  const auto& by_article = accounts.by_article;
  for (std::size_t i = 0; i < by_article.size(); ++i)
    for (std::size_t k = i + 1; k < by_article.size(); ++k)
      if (by_article[i].outlet != by_article[k].outlet)
        consider(by_article[i], by_article[k], relation_of(by_article[i], by_article[k], how));
  const auto& by_role = accounts.by_role;
  for (std::size_t i = 0; i < by_role.size(); ++i)
    for (std::size_t k = i + 1; k < by_role.size(); ++k) {
      const Account &a = by_role[i], &b = by_role[k];
      if (!is_side(a.role) || !is_side(b.role) || a.role == b.role) continue;
      if (!accounts_meet(a, b, mode)) consider(a, b, Verdict::speaker_disagreement);
    }
  return j;
}

// ---- explain: one sentence, written from the data ------------------------------

// A base mismatch's two accounts: the share of the narrower whole (votes
// cast, whose base implies a missing figure) first, where there is one.
std::pair<const Account*, const Account*> part_and_whole(const Judgement& j, const Options& words) {
  const Account* part = implied_by(j.a->base, words).empty() ? j.b : j.a;
  return {part, part == j.a ? j.b : j.a};
}

// yes/all = (yes/votes) x (votes/all), so turnout = (yes/all) / (yes/votes): the
// figure no outlet printed that would make a share of votes cast and a share of
// all members both true.
void imply_missing_figure(Finding& f, const Judgement& j, const Options& words) {
  if (f.verdict != Verdict::base_mismatch) return;
  const auto [of_votes, of_all] = part_and_whole(j, words);
  const std::string implied = implied_by(of_votes->base, words);
  if (implied.empty() || !of_votes->lo || !of_votes->hi || *of_votes->lo <= 0 || !of_all->lo)
    return;
  f.implied_what = implied;
  f.implied_lo = std::min(100.0, *of_all->lo / *of_votes->hi * 100.0);
  f.implied_hi = std::min(100.0, of_all->hi.value_or(100.0) / *of_votes->lo * 100.0);
}

// Figures that fit together, or one outlet alone: what every outlet reports.
std::string explain_fit(const Finding& f, const Accounts& accounts, const Judgement& j,
                        const Options& words) {
  std::vector<const Account*> all;
  for (const auto& a : accounts.by_article) all.push_back(&a);
  if (!j.a)
    return all.empty() ? "No figure could be put on a common scale."
                       : "Only " + accounts_say(all, f.scope, "; ", words) + ".";
  if (j.verdict == Verdict::agree)
    return (f.outlets.size() == 2 ? std::string("Both outlets")
                                  : "All " + std::to_string(f.outlets.size()) + " outlets") +
           " agree: " + accounts_say(all, f.scope, "; ", words) + ".";
  if (j.verdict == Verdict::equivalent)
    return "The figures only look different: " + accounts_say(all, f.scope, "; ", words) +
           "; on a common scale each is " + span_words(*j.a, f.unit) + ".";
  return "The figures overlap, so all can be true: " + accounts_say(all, f.scope, "; ", words) +
         ".";
}

// The two sides of the worst pair: each account that meets one end of it and
// not the other, so that "A and B report x, but C reports y" names everyone.
std::pair<std::vector<const Account*>, std::vector<const Account*>> sides_of(
    const Accounts& accounts, const Judgement& j, Mode mode) {
  const bool by_role = j.verdict == Verdict::speaker_disagreement;
  const bool by_base = j.verdict == Verdict::base_mismatch;
  std::vector<const Account*> side_a, side_b;
  for (const auto& acc : by_role ? accounts.by_role : accounts.by_article) {
    if (by_role && acc.role != j.a->role && acc.role != j.b->role) continue;
    const bool meets_a =
        &acc == j.a || (accounts_meet(acc, *j.a, mode) && !accounts_meet(acc, *j.b, mode));
    const bool meets_b =
        &acc == j.b || (accounts_meet(acc, *j.b, mode) && !accounts_meet(acc, *j.a, mode));
    if (meets_a && (!by_base || acc.base == j.a->base))
      side_a.push_back(&acc);
    else if (meets_b && (!by_base || acc.base == j.b->base))
      side_b.push_back(&acc);
  }
  return {side_a, side_b};
}

// Figures that cannot all be true: who says what on each side, and why they differ.
std::string explain_split(const Finding& f, const Accounts& accounts, const Judgement& j, Mode mode,
                          const Options& words) {
  const auto [side_a, side_b] = sides_of(accounts, j, mode);
  const std::string a_says = accounts_say(side_a, f.scope, "; ", words);
  const std::string b_says = accounts_say(side_b, f.scope, "; ", words);
  std::string s;
  if (j.verdict == Verdict::unassessed) {
    s = "Different figures, but their words do not tie them firmly enough to one fact to call it a "
        "conflict: " +
        a_says + "; " + b_says + ".";
  } else if (j.verdict == Verdict::base_mismatch) {
    s = a_says + ", but " + b_says + ": the shares are of different wholes.";
    if (f.implied_lo && f.implied_hi)
      s += " Both are true only if " + f.implied_what + " was about " + fmt(*f.implied_lo) + "-" +
           fmt(*f.implied_hi) + "% " + base_words(part_and_whole(j, words).second->base, words) +
           ", a figure no outlet printed.";
  } else if (j.verdict == Verdict::speaker_disagreement) {
    s = "The two sides disagree: " + j.a->parts.front()->claim->speaker + " (in " + j.a->name +
        ") says " + account_says(*j.a, f.scope, words) + ", but " +
        j.b->parts.front()->claim->speaker + " (in " + j.b->name + ") says " +
        account_says(*j.b, f.scope, words) + ".";
  } else {
    s = a_says + ", but " + b_says + "; both cannot be true.";
  }
  if (j.rests_on_furniture())
    s += " One side is page furniture (a related link, caption or promo), not the article's text.";
  return s;
}

// "2026-03-09 09:30": a publication time for people.
std::string when_published(const std::string& published) {
  std::string s = published.substr(0, 16);
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  return s.empty() ? "undated" : s;
}

// A running count in publication order: "rose from 41 (A, 2026-03-09 09:30)
// to 58 (B, 2026-03-11 18:00)", and which article was behind the news.
std::string explain_over_time(const Finding& f, const Accounts& accounts, const Judgement& j,
                              const Options& words) {
  std::vector<std::pair<long long, const Account*>> dated;
  for (const auto& a : accounts.by_article)
    if (const auto at = published_at(a.stands_at)) dated.push_back({at->minutes, &a});
  std::stable_sort(dated.begin(), dated.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  auto at = [&](const Account& a) {
    return account_says(a, f.scope, words) + " (" + a.name + ", " + when_published(a.stands_at) +
           ")";
  };
  constexpr std::size_t kMost = 4;
  std::string s = "The count changed over time: ";
  for (std::size_t i = 0; i < dated.size() && i < kMost; ++i)
    s += (i ? ", then " : "") + at(*dated[i].second);
  if (dated.size() > kMost) s += ", and " + std::to_string(dated.size() - kMost) + " more";
  s += ".";
  if (j.verdict == Verdict::outdated) {
    const bool a_first = counted_before(*j.a, *j.b).value_or(true);
    const Account& newer = a_first ? *j.a : *j.b;
    const Account& stale = a_first ? *j.b : *j.a;
    s += " " + stale.name + " printed " + account_says(stale, f.scope, words) + " after " +
         newer.name + " had reported " + account_says(newer, f.scope, words) + ": out of date.";
  }
  return s;
}

// An editor reads the explanation first: it says what the verdict rests on.
std::string explain(const Finding& f, const Accounts& accounts, const Judgement& j, Mode mode,
                    const Options& words) {
  if (j.verdict == Verdict::updated || j.verdict == Verdict::outdated)
    return explain_over_time(f, accounts, j, words);
  const Outcome outcome = row(j.verdict).outcome;
  if (!j.a || outcome == Outcome::looks_different || outcome == Outcome::same)
    return explain_fit(f, accounts, j, words);
  return explain_split(f, accounts, j, mode, words);
}

// ---- grade: how urgent the finding is ---------------------------------------------

// Generic figures and page furniture are low whatever the verdict; otherwise the
// verdict table says, by whether one side is the outlet's own voice.
// One step less urgent, but never as low as furniture.
Severity step_down(Severity s) {
  return s == Severity::high ? Severity::medium : Severity::info;
}

// Page furniture is low whatever the verdict; otherwise the verdict table
// says, by whether one side is the outlet's own voice, and a group tied by
// subject words is one step less sure than one a rule names.
Severity grade(const Finding& f, const Judgement& j) {
  if (f.furniture) return Severity::low;
  const bool own_voice = j.a && ((j.a->role == "outlet" && !j.a->furniture) ||
                                 (j.b->role == "outlet" && !j.b->furniture));
  const Severity s = own_voice ? row(f.verdict).own_voice : row(f.verdict).quoted;
  return f.inferred ? step_down(s) : s;
}

// "Grouped by: death toll; killed, flood": the words that tied an inferred
// group, its head first where it has one.
std::string grouped_by(const Finding& f, bool has_head) {
  std::string s;
  for (std::size_t i = 0; i < f.tied_by.size(); ++i)
    s += (i == 0 ? "" : (i == 1 && has_head ? "; " : ", ")) + f.tied_by[i];
  return s.empty() ? "" : " Grouped by: " + s + ".";
}

// A group's figures in runs whose intervals meet on the group's common
// scale, lowest first. A group tied by words whose figures do not all fit is
// most likely several facts that share words ("Rossiter was awarded £620,000
// damages", "Hartley £37,500"): each run is a fact, unless words tie two
// firmly. Where an article's figures are read as one span (rates for
// several groups), they stay together.
std::vector<grouping::Group> split_by_value(const grouping::Group& g, const Wholes& wholes) {
  const std::string unit = common_unit(g.members);
  struct Block {
    double lo, hi;
    std::vector<const claim::Claim*> members;
  };
  std::vector<Block> blocks;
  std::map<std::string, std::size_t> block_of_article;
  const bool together = mode_of(unit) == Mode::span;
  for (const claim::Claim* c : g.members) {
    const auto s = scale(*c, unit, wholes);
    const std::optional<double> lo = s ? s->lo : c->value.lo, hi = s ? s->hi : c->value.hi;
    // An open figure ("more than 90", "fewer than 100") meets every figure
    // beyond its bound: it reaches no further than the bound, so that those
    // figures may stay apart. (A count's "fewer than" starts at 0.)
    const std::string& hedge = c->value.hedge;
    const bool below = hedge == "less_than" || hedge == "at_most";
    const double from = below && hi ? *hi : lo.value_or(-1e300);
    const double to = hi.value_or(from);
    auto [at, fresh] = block_of_article.try_emplace(together ? c->article : c->id, blocks.size());
    if (fresh) blocks.push_back({from, to, {}});
    Block& b = blocks[at->second];
    b.lo = std::min(b.lo, from);
    b.hi = std::max(b.hi, to);
    b.members.push_back(c);
  }
  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const Block& a, const Block& b) { return a.lo < b.lo; });
  std::vector<grouping::Group> parts;
  double reach = 0;
  for (const Block& b : blocks) {
    if (parts.empty() || b.lo > reach + 1e-9) {
      parts.push_back(g);
      parts.back().members.clear();
      reach = b.hi;
    }
    reach = std::max(reach, b.hi);
    auto& members = parts.back().members;
    members.insert(members.end(), b.members.begin(), b.members.end());
  }
  return parts;
}

// A part of a split group as a finding of its own: its members in article
// order, the words and dates they share, and its values ("= £12,500,
// £37,500"). A single figure keeps the words that put it in the group.
std::pair<grouping::Key, grouping::Group> keyed_part(const grouping::Key& key,
                                                     grouping::Group part) {
  std::vector<std::string> values;
  for (const claim::Claim* c : part.members)  // in value order here
    if (const std::string v = quantity::describe(c->value);
        std::find(values.begin(), values.end(), v) == values.end() && values.size() < 3)
      values.push_back(v);
  std::sort(part.members.begin(), part.members.end(), grouping::article_order);
  grouping::Key part_key = key;
  if (part.inferred) {
    if (part.members.size() > 1) part.tied_by = grouping::shared_terms(part.members);
    if (const std::string head = grouping::named_head(part.members); !head.empty())
      part.head = head;
    std::set<std::string> whens;
    for (const claim::Claim* c : part.members)
      if (!c->subject.when.empty()) whens.insert(c->subject.when);
    part.whens.assign(whens.begin(), whens.end());
    part_key.context = grouping::context_of(part);
  }
  std::string said;
  for (const auto& v : values) said += (said.empty() ? "= " : ", ") + v;
  part_key.context += (part_key.context.empty() ? "" : "; ") + said;
  return {std::move(part_key), std::move(part)};
}

// One group of claims about one fact: scaled, judged, explained and graded.
Finding finding_of(const grouping::Key& key, const grouping::Group& group, const Wholes& wholes,
                   const Options& options) {
  Finding f = name_finding(key, group, options);
  const std::vector<Scaled> scaled = scale_group(f, group.members, wholes);
  const Comparison how{mode_of(f.unit), group.inferred ? group.topic.get() : nullptr, &options,
                       group.one_per_article};
  const Accounts accounts = accounts_of_group(scaled, how.mode);
  const Judgement judged = judge(accounts, how);
  f.verdict = judged.verdict;
  f.furniture =
      judged.rests_on_furniture() || std::all_of(group.members.begin(), group.members.end(),
                                                 [](auto* c) { return c->furniture(); });
  imply_missing_figure(f, judged, options);
  f.explanation =
      explain(f, accounts, judged, how.mode, options) + grouped_by(f, !group.head.empty());
  f.severity = grade(f, judged);
  return f;
}

// A conflict's figures by value, and how the outlets of each run stand among
// themselves: two outlets that both say £37,500 agree inside the conflict.
// Nothing where all its figures meet.
std::vector<Side> sides_of(const grouping::Key& key, const grouping::Group& group,
                           const Wholes& wholes, const Options& options) {
  const auto parts = split_by_value(group, wholes);
  std::vector<Side> sides;
  if (parts.size() < 2) return sides;
  for (const auto& part : parts) {
    const auto [part_key, sorted] = keyed_part(key, part);
    const Finding f = finding_of(part_key, sorted, wholes, options);
    sides.push_back({f.verdict, f.severity, f.furniture, f.claim_ids, f.outlets, f.explanation});
  }
  return sides;
}

// Runs of which a figure of one is how another outlet gives a figure of the
// other, tied firmly by their words ("Hartley was awarded £37,500 damages"
// against "the jury awarded Hartley £12,500"), are one fact and are judged
// together: that difference is the finding. Ties are followed through, so
// the runs joined do not depend on their order.
std::vector<grouping::Group> join_tied_parts(std::vector<grouping::Group> parts,
                                             const Options& options) {
  auto tied = [&](const grouping::Group& x, const grouping::Group& y) {
    for (const claim::Claim* a : x.members)
      for (const claim::Claim* b : y.members) {
        const bool few = (grouping::is_running(*a, options) && grouping::is_running(*b, options)) ||
                         (grouping::names_few(*a, options) && grouping::names_few(*b, options));
        const auto figures = head_figures(few, x.one_per_article);
        // Judged outlet against outlet, so only a tie between outlets counts.
        if (a->outlet != b->outlet && grouping::firmly_tied(*a, *b, *x.topic, figures)) return true;
      }
    return false;
  };
  std::vector<std::size_t> root(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) root[i] = i;
  auto find = [&](std::size_t i) {
    while (root[i] != i) i = root[i] = root[root[i]];
    return i;
  };
  for (std::size_t i = 0; i < parts.size(); ++i)
    for (std::size_t k = i + 1; k < parts.size(); ++k)
      if (find(i) != find(k) && tied(parts[i], parts[k]))
        root[std::max(find(i), find(k))] = std::min(find(i), find(k));
  std::vector<grouping::Group> joined;
  std::map<std::size_t, std::size_t> joined_at;  // root part -> its place in `joined`
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto [at, fresh] = joined_at.try_emplace(find(i), joined.size());
    if (fresh) {
      joined.push_back(std::move(parts[i]));
      continue;
    }
    auto& members = joined[at->second].members;
    members.insert(members.end(), parts[i].members.begin(), parts[i].members.end());
  }
  return joined;
}

// A group that becomes a finding, and that finding when it was judged already.
struct FactGroup {
  grouping::Key key;
  grouping::Group group;
  std::optional<Finding> judged;
};

// How many significant figures `x` is printed to: 0.0624 has 3, 1,717 has
// 4, 180,000 has 2.
int significant_figures(double x) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.9e", std::fabs(x));  // d.ddddddddde+XX
  int last = 0;
  for (int i = 0; i < 11; ++i)
    if (digits[i] >= '1' && digits[i] <= '9') last = i;
  return last == 0 ? 1 : last;  // the digits up to the last non-zero one, less the point
}

// The exact figure every member of an inferred group gives, when they all
// give one: a sum ("6.24p", "6.24 pence per kilowatt hour"), or a share as
// printed with no hedge, a fall below zero ("kept at 5.25%").
std::optional<double> one_exact_figure(const grouping::Group& g) {
  if (!g.inferred || g.members.empty()) return std::nullopt;
  auto exact = [](const claim::Claim& c) -> std::optional<double> {
    const quantity::Value& v = c.value;
    if (grouping::is_sum(c) && v.lo && v.hi && *v.lo == *v.hi) return *v.lo;
    if (v.unit == "%" && v.hedge == "none" && v.printed && !v.printed2)
      return c.subject.direction == "down" ? -*v.printed : *v.printed;
    return std::nullopt;
  };
  const auto first = exact(*g.members.front());
  for (const claim::Claim* c : g.members)
    if (!first || exact(*c) != first || c->value.unit != g.members.front()->value.unit)
      return std::nullopt;
  return first;
}

// A sum or share printed to three significant figures or more ("£1,717",
// "6.24p", "€13.3bn", "5.25%") that several findings of one story, unit and
// role give as their only figure is one fact, whatever words the outlets put
// beside it: outlets seldom print one such figure for two things. Their
// findings are joined, and say that their figure tied them, unless two heads
// name them ("revenue" and "earnings" for one £12.8bn: one outlet may have
// put the figure under the wrong head), two times or units they are per
// ("£240 a year", "£240 a month") or two dates they stand at (May's rate
// and the one expected in June).
void join_exact_figures(std::vector<FactGroup>& out) {
  constexpr int kDistinctive = 3;
  using Exact = std::tuple<std::string, std::string, claim::Role, bool, double>;
  std::map<Exact, std::vector<std::size_t>> by_figure;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto figure = one_exact_figure(out[i].group);
    if (!figure || significant_figures(*figure) < kDistinctive) continue;
    const claim::Claim& c = *out[i].group.members.front();
    by_figure[{c.story, c.value.unit, out[i].key.role, out[i].group.negated, *figure}].push_back(i);
  }
  auto one_head_per_and_time = [&](const std::vector<std::size_t>& at) {
    std::set<std::string> heads, pers, whens;
    for (const std::size_t i : at) {
      if (out[i].key.attribute.find('.', std::string("subject.").size()) != std::string::npos)
        heads.insert(out[i].key.attribute);
      for (const claim::Claim* c : out[i].group.members) {
        if (!c->subject.per.empty()) pers.insert(c->subject.per);
        if (!c->subject.when.empty()) whens.insert(c->subject.when);
      }
    }
    for (auto a = whens.begin(); a != whens.end(); ++a)
      for (auto b = std::next(a); b != whens.end(); ++b)
        if (!grouping::whens_overlap(*a, *b)) return false;
    return heads.size() <= 1 && pers.size() <= 1;
  };
  std::vector<bool> gone(out.size(), false);
  for (const auto& [figure, at] : by_figure) {
    if (at.size() < 2 || !one_head_per_and_time(at)) continue;
    FactGroup& into = out[at.front()];
    for (std::size_t k = 1; k < at.size(); ++k) {
      auto& more = out[at[k]].group.members;
      into.group.members.insert(into.group.members.end(), more.begin(), more.end());
      gone[at[k]] = true;
    }
    std::sort(into.group.members.begin(), into.group.members.end(), grouping::article_order);
    into.group.tied_by = grouping::shared_terms(into.group.members);
    into.group.tied_by.push_back("the same figure");
    into.judged.reset();
  }
  std::vector<FactGroup> kept;
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!gone[i]) kept.push_back(std::move(out[i]));
  out = std::move(kept);
}

// The groups that become findings: a group of several facts split, and each
// key made unique (two parts the same words and values name are told apart
// by their first claim, stable when other articles are added).
std::vector<FactGroup> fact_groups(const std::vector<claim::Claim>& claims, const Wholes& wholes,
                                   const Options& options) {
  std::vector<FactGroup> out;
  for (const auto& [key, group] : grouping::group(claims, options)) {
    if (!group.inferred) {
      out.push_back({key, group, std::nullopt});
      continue;
    }
    // Words tie several facts into one group ("Rossiter was awarded £620,000
    // damages", "Hartley £37,500"): where its figures do not all fit, it is
    // split by value, and only runs tied firmly by their words are rejoined.
    // A running count's updates stay one finding.
    Finding whole = finding_of(key, group, wholes, options);
    const bool splits =
        whole.verdict == Verdict::unassessed || row(whole.verdict).outcome == Outcome::conflict;
    auto parts = splits ? split_by_value(group, wholes) : std::vector<grouping::Group>{};
    if (parts.size() < 2) {
      out.push_back({key, group, std::move(whole)});
      continue;
    }
    for (auto& part : join_tied_parts(std::move(parts), options)) {
      auto [part_key, sorted] = keyed_part(key, std::move(part));
      out.push_back({std::move(part_key), std::move(sorted), std::nullopt});
    }
  }
  join_exact_figures(out);
  std::map<grouping::Key, int> seen;
  for (auto& g : out)
    if (seen[g.key]++ > 0) {
      g.key.context += std::string(grouping::kClusterMark) + g.group.members.front()->id;
      g.judged.reset();  // its id and label change with its key
    }
  return out;
}

}  // namespace

std::optional<Verdict> verdict_named(std::string_view name) {
  for (const auto& r : kVerdicts)
    if (r.name == name) return r.verdict;
  return std::nullopt;
}

std::vector<Finding> reconcile(const std::vector<claim::Claim>& claims, const Options& options) {
  const Wholes wholes = wholes_of(claims);
  std::vector<Finding> findings;
  for (auto& [key, group, judged] : fact_groups(claims, wholes, options)) {
    Finding f = judged ? std::move(*judged) : finding_of(key, group, wholes, options);
    // A running count's figures by value too: the outlets that give one
    // day's count agree among themselves ("58 as of Wednesday").
    const Outcome outcome = row(f.verdict).outcome;
    if (outcome == Outcome::conflict || outcome == Outcome::over_time)
      f.sides = sides_of(key, group, wholes, options);
    findings.push_back(std::move(f));
  }
  // Most severe first, then worst verdict; ties in the order of their key.
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::make_tuple(rank(a.severity), rank(a.verdict), a.story, a.attribute, a.scope,
                           a.context) < std::make_tuple(rank(b.severity), rank(b.verdict), b.story,
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
  if (f.role != claim::Role::result) j["role"] = claim::to_string(f.role);
  if (f.inferred) j["tied_by"] = f.tied_by;
  j["verdict"] = name(f.verdict);
  j["severity"] = name(f.severity);
  if (f.furniture) j["furniture"] = true;
  j["explanation"] = f.explanation;
  j["outlets"] = f.outlets;
  j["claim_ids"] = f.claim_ids;
  if (!f.sides.empty()) {
    auto& sides = j["sides"] = nlohmann::ordered_json::array();
    for (const Side& side : f.sides)
      sides.push_back({{"verdict", name(side.verdict)},
                       {"severity", name(side.severity)},
                       {"outlets", side.outlets},
                       {"claim_ids", side.claim_ids},
                       {"explanation", side.explanation}});
  }
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

std::string describe_claim(const claim::Claim& c, const Options& words) {
  std::string s =
      (c.subject.direction.empty() ? "" : c.subject.direction + " ") + quantity::describe(c.value);
  const std::string b = base_words(c.base, words);
  if (!b.empty()) s += " " + b;
  return s;
}

bool is_conflict(const Finding& f) {
  return f.severity != Severity::low && row(f.verdict).outcome == Outcome::conflict;
}

bool is_agreement(const Finding& f) {
  const Outcome outcome = row(f.verdict).outcome;
  return f.severity != Severity::low &&
         (outcome == Outcome::looks_different || outcome == Outcome::same);
}

std::vector<Finding> agreeing_sides(const Finding& conflict) {
  std::vector<Finding> out;
  if (!is_conflict(conflict) && row(conflict.verdict).outcome != Outcome::over_time) return out;
  for (const Side& side : conflict.sides) {
    const Outcome o = row(side.verdict).outcome;
    if (o != Outcome::same && o != Outcome::looks_different) continue;
    Finding f;
    f.id = claim::stable_hash(conflict.id + '\x1f' + side.claim_ids.front());
    f.story = conflict.story;
    f.attribute = conflict.attribute;
    f.label = conflict.label;
    f.scope = conflict.scope;
    f.context = conflict.context;
    f.role = conflict.role;
    f.inferred = conflict.inferred;
    f.tied_by = conflict.tied_by;
    f.verdict = side.verdict;
    f.severity = side.severity;
    f.furniture = side.furniture;
    f.explanation = side.explanation;
    f.unit = conflict.unit;
    f.claim_ids = side.claim_ids;
    f.outlets = side.outlets;
    for (const auto& s : conflict.scaled)
      if (std::find(side.claim_ids.begin(), side.claim_ids.end(), s.claim_id) !=
          side.claim_ids.end())
        f.scaled.push_back(s);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace claimdiff::reconcile
