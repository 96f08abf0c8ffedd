// reconcile's grouping, internal to the stage: which claims are about one
// fact. Rule-named claims meet by attribute, scope and role; every other claim
// by its subject (DESIGN.md, "Subjects"), looked up by key, never by comparing
// every pair.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "claim/claim.h"
#include "reconcile/reconcile.h"

namespace claimdiff::reconcile::grouping {

// One finding's identity: the fact its claims are about.
struct Key {
  std::string story, attribute, scope, context;
  claim::Role role = claim::Role::result;
  auto tie() const { return std::tie(story, attribute, scope, context, role); }
  bool operator<(const Key& other) const { return tie() < other.tie(); }
};

// Between a finding's shared words and the first claim that tells two
// clusters of the same words apart; labels leave it out.
inline constexpr std::string_view kClusterMark = " #";

// Words most of a story's articles use near their figures ("cap", "energy"
// in a story about a price cap): the story's topic, which ties no two figures.
using Topic = std::set<std::string>;

struct Group {
  std::vector<const claim::Claim*> members;  // in article order
  bool inferred = false;                     // tied by subject words, not by a rule
  std::string head;                          // inferred: the head's words as printed
  std::vector<std::string> tied_by;          // inferred: the terms most of its claims share
  std::shared_ptr<const Topic> topic;        // inferred: its story's topic words
  std::vector<std::string> whens;            // inferred: the dates its figures stand at
  bool negated = false;                      // inferred: its figures are denied
  // inferred: no article gives two different figures under its head and
  // two articles agree, so it names one fact ("investors" in a fraud trial).
  bool one_per_article = false;
};

// An inferred group's words for its finding: "bill, household; 2024-10 (denied)".
std::string context_of(const Group& group);

// The terms at least two of the claims have near their figures, most shared
// first; a date's own head is left to the label.
std::vector<std::string> shared_terms(const std::vector<const claim::Claim*>& members);

using Groups = std::map<Key, Group>;

// Claims with no attribute and no subject are in no group: nothing ties them
// to another outlet's figure.
Groups group(const std::vector<claim::Claim>& claims, const Options& options);

// A count the lexicon calls running (a toll, cases, people admitted): by its
// head, or by a running word right by it ("312 people admitted"; not "1,200
// vaccinated since the first case").
bool is_running(const claim::Claim& c, const Options& options);

// A sum of money: sums are split by value, and an exact one may tie figures.
bool is_sum(const claim::Claim& c);

// Two dates figures stand at (subject `when`s: "2024", "2024-05",
// "2024-05-01/2024-05-31") that share a day; one that is empty or has no
// year meets any.
bool whens_overlap(const std::string& a, const std::string& b);

// A count whose head the lexicon's few_figures lists (a contest's margin):
// a story gives few figures of it, so one shared word ties two, as for a
// share or a running count.
bool names_few(const claim::Claim& c, const Options& options);

// The role a figure is grouped under: a running count's previous value on
// a day ("up from 61 on Tuesday") is that day's count.
claim::Role grouped_role(const claim::Claim& c, const Options& options);

// When a figure's count stood, for ordering a running count: the day its
// clause gives ("as of Tuesday", "up from 61 on Tuesday"), else the
// article's publication time.
std::string stands_at(const claim::Claim& c);

// The head a group's label names: the one most members print ("closed"
// over one "shut its gates"), a tie going to the first.
std::string named_head(const std::vector<const claim::Claim*>& members);

// A rate (%, days a week, points): figures for several groups bound the whole.
bool is_rate(const std::string& unit);

// Claims in the order their articles print them: findings do not depend on
// the order claims came in.
bool article_order(const claim::Claim* a, const claim::Claim* b);

// The stem a head's synonym group is filed under, or the head itself.
std::string canonical_head(const std::string& head, const Options& options);

// How many figures a head names in one story: a share's head (turnout) or a
// running count's (cases, a toll) few; a head no article uses for two
// different figures, where two articles agree, one each; any other (votes,
// counted for each party) many.
enum class HeadFigures { many, one_each, few };

// Two claims of an inferred group are tied firmly enough to conflict: both
// have a head, say the same about what they are per and which way they moved,
// and they share most of their nearest terms that are not the story's topic,
// or, where the head names few figures, one of their terms (which way a share
// moved counts as one; the topic's count), or two where it names one in each
// article; or nearly all their nearest terms with the topic's (two at least,
// and two thirds of the words either has). Looser ties can agree but not
// conflict.
bool firmly_tied(const claim::Claim& a, const claim::Claim& b, const Topic& topic,
                 HeadFigures figures);

}  // namespace claimdiff::reconcile::grouping
