#include "reconcile/group.h"

#include <algorithm>
#include <cctype>

namespace claimdiff::reconcile::grouping {

namespace {

// How many of a claim's terms, nearest first, speak for it: further words in
// a long clause are about other things.
constexpr std::size_t kNearTerms = 6;
// A term in more clusters than this ties nothing ("year", "people").
constexpr std::size_t kCommonTerm = 32;

// A term in at least this share of a story's articles (and in three) is its topic.
constexpr double kTopicShare = 0.4;
constexpr std::size_t kTopicArticles = 4;

const Topic kNoTopic;

// A date's head is the word of what happened on it ("closed", "takes
// effect"), and outlets word one event many ways: dates cluster by their
// words, the head one of them, and a head ties them firmly only where both
// name it.
bool head_is_term(const claim::Claim& c) {
  return c.value.unit == "date";
}

// The nearest terms that are not the story's topic.
std::vector<std::string> near_terms(const claim::Claim& c, const Topic& topic) {
  std::vector<std::string> out;
  for (const auto& t : c.subject.terms) {
    if (out.size() == kNearTerms) break;
    if (!topic.count(t)) out.push_back(t);
  }
  return out;
}

// The words a claim is looked up by when clusters form: its nearest terms,
// and what it is per ("21.30p per kWh" and "21.30 pence a kWh" share it).
std::vector<std::string> index_terms(const claim::Claim& c) {
  std::vector<std::string> terms = near_terms(c, kNoTopic);
  if (head_is_term(c) && !c.subject.head.empty()) terms.push_back(c.subject.head);
  if (!c.subject.per.empty()) terms.push_back("per " + c.subject.per);  // no stem has a space
  // Which way a share moved ties it like a word: "shares fell 4%" and "knocked
  // 7% off the shares" are one day's move, told two ways.
  if (!c.subject.direction.empty()) terms.push_back("moved " + c.subject.direction);
  return terms;
}

// Per story, the terms most of its articles use near their figures.
std::map<std::string, std::shared_ptr<const Topic>> topics_of(
    const std::vector<claim::Claim>& claims) {
  std::map<std::string, std::map<std::string, std::set<std::string_view>>> articles_of;
  std::map<std::string, std::set<std::string_view>> story_articles;
  for (const auto& c : claims) {
    story_articles[c.story].insert(c.article);
    auto& terms = articles_of[c.story];  // every story has a topic, if an empty one
    for (const auto& t : c.subject.terms) terms[t].insert(c.article);
  }
  std::map<std::string, std::shared_ptr<const Topic>> topics;
  for (const auto& [story, terms] : articles_of) {
    auto topic = std::make_shared<Topic>();
    const double articles = static_cast<double>(story_articles[story].size());
    for (const auto& [term, in] : terms)
      if (in.size() >= kTopicArticles && static_cast<double>(in.size()) >= kTopicShare * articles)
        topic->insert(term);
    topics[story] = std::move(topic);
  }
  return topics;
}

// Where a claim with no rule-named attribute looks for company: the same
// story, scale, role and head (or a head the lexicon calls its synonym).
struct Bucket {
  std::string story, axis, head;
  claim::Role role;
  bool negated;
  auto tie() const { return std::tie(story, axis, head, role, negated); }
  bool operator<(const Bucket& other) const { return tie() < other.tie(); }
};

// Money in one currency, shares, counts, dates: figures on different axes
// never meet.
std::string axis_of(const claim::Claim& c) {
  return c.value.unit.empty() ? c.kind : c.value.unit;
}

// A figure's interval, a fall's below zero: "fell 4%" is -4%.
std::pair<double, double> signed_span(const claim::Claim& c) {
  const double lo = c.value.lo.value_or(-1e300), hi = c.value.hi.value_or(1e300);
  return c.subject.direction == "down" ? std::pair{-hi, -lo} : std::pair{lo, hi};
}

bool values_meet(const claim::Claim& a, const claim::Claim& b) {
  const auto [alo, ahi] = signed_span(a);
  const auto [blo, bhi] = signed_span(b);
  return alo <= bhi + 1e-9 && blo <= ahi + 1e-9;
}

// A cluster a claim could join, and how many terms it shares with it.
struct Match {
  std::size_t cluster = 0, shared = 0;
  bool better_than(const Match& other) const { return shared > other.shared; }
};

// Claims in one bucket that share terms, built one claim at a time.
struct Cluster {
  std::vector<const claim::Claim*> members;
  std::set<std::string> terms;  // the terms its members have near
  std::set<std::string> whens;  // the dates its figures stand at
  std::string per;              // the time or unit its figures are per, once one says
};

// The terms a claim must share with a cluster to join it: a head ties
// figures with one shared word; with no head, two words must.
std::size_t terms_needed(const claim::Claim& c, const Topic& topic) {
  const std::size_t have = near_terms(c, topic).size();
  return std::min<std::size_t>(have, c.subject.head.empty() || head_is_term(c) ? 2 : 1);
}

// A subject's date as the first and last ISO day it covers: "2024" is
// 2024-01-01 to 2024-12-31, "2024-04" the month, "from/to" a span; nothing
// for a date with no year ("--03"), which fits any.
std::optional<std::pair<std::string, std::string>> days_of(const std::string& when) {
  // Words a date could not be read from ("yesterday") and dates with no
  // year ("--03") fit any.
  if (when.empty() || !std::isdigit(static_cast<unsigned char>(when.front()))) return std::nullopt;
  if (auto slash = when.find('/'); slash != std::string::npos)
    return std::pair{when.substr(0, slash), when.substr(slash + 1)};
  if (when.size() == 4) return std::pair{when + "-01-01", when + "-12-31"};
  if (when.size() == 7) return std::pair{when + "-01", when + "-31"};
  return std::pair{when, when};
}

// Two dates a figure stands at that share a day: "Friday 20 February" and
// "last week" can be one time; March and April cannot.
// A running count "as published": it meets others as published, not a past period.
constexpr std::string_view kAsPublished = "as published";

bool whens_meet(const std::string& a, const std::string& b) {
  if ((a == kAsPublished) != (b == kAsPublished)) return a.empty() || b.empty();
  const auto da = days_of(a), db = days_of(b);
  return !da || !db || (da->first <= db->second && db->first <= da->second);
}

// A figure that stands at one date never joins figures standing at another.
bool when_fits(const Cluster& cluster, const std::string& when) {
  for (const auto& w : cluster.whens)
    if (!whens_meet(w, when)) return false;
  return true;
}

// How far back a running count's date may reach and still be about its
// publication time: "58 cases since the outbreak began in February", in a
// March article, is the count as published.
constexpr long kRecentDays = 62;

// The date a figure stands at, for grouping: a running count's own date is
// its publication time when its clause's date is recent ("since February"),
// so that only a past period ("cases in 2024") splits it.
std::string when_of(const claim::Claim& c, bool running) {
  const std::string& when = c.subject.when;
  if (!running) return when;
  if (when.empty()) return std::string(kAsPublished);
  const auto days = days_of(when);
  const auto published = quantity::parse_iso_day(std::string_view(c.published).substr(0, 10));
  if (!days || !published) return when;
  return days->second >= quantity::format_day(*published - kRecentDays) ? std::string(kAsPublished)
                                                                        : when;
}

// Claims join on all their near words, the topic's too: figures about the
// story's main thing share little else. Only a conflict needs more.
class BucketClusters {
 public:
  // A running count (cases, a toll) stands at the time it was published:
  // a recent date in its clause ("since February") does not split it.
  BucketClusters(std::shared_ptr<const Topic> topic, bool running)
      : topic_(std::move(topic)), running_(running) {}

  // The cluster `c` shares most terms with, at least `need` of them, and
  // how many it shares. With `options`, none where `c`'s article already
  // gives another value, unless `c` is a sum or count that another article's
  // figure there meets ("60.99p" beside that article's "60.99 pence"): those
  // are split by value later, and an article's rates are read as one span.
  std::optional<Match> best_for(const claim::Claim& c, std::size_t need,
                                const Options* options = nullptr) const {
    std::map<std::size_t, std::size_t> shared;  // cluster -> terms shared with it
    for (const auto& t : index_terms(c)) {
      auto it = index_.find(t);
      if (it == index_.end() || it->second.size() > kCommonTerm) continue;
      for (std::size_t k : it->second) ++shared[k];
    }
    std::optional<Match> best;
    for (const auto& [k, n] : shared) {
      if (n < need || !fits(clusters_[k], c)) continue;
      if (options && holds_other_value(k, c, *options) &&
          (is_rate(c.value.unit) || !meets_other_article(k, c)))
        continue;
      const Match here{k, n};
      if (!best || here.better_than(*best)) best = here;
    }
    return best;
  }

  void add(const claim::Claim& c) {
    const std::size_t need = terms_needed(c, kNoTopic);
    std::optional<std::size_t> best;
    if (const auto found = best_for(c, need)) best = found->cluster;
    // A head with no terms at all joins the first cluster of its head.
    if (!best && need == 0 && !clusters_.empty() && fits(clusters_.front(), c)) best = 0;
    join(c, best);
  }

  // Sums of one head that share no word but their value: "frozen property
  // worth about £2.6m" and "seized property put at about £2.6m" say the same
  // of one thing. Two clusters join when each is the only one the other
  // meets (every figure from another article, the values meeting), so the
  // order claims came in does not matter; where a cluster meets two, words
  // must choose, and none is joined. Only sums: shares and counts of one
  // noun coincide too often ("40 schools", "about 10%").
  void join_lone_sums() {
    // A bucket is one axis: its figures are all sums, or none is.
    if (clusters_.empty() || !is_sum(*clusters_.front().members.front())) return;
    auto meets = [&](const Cluster& x, const Cluster& y) {
      for (const claim::Claim* a : x.members)
        for (const claim::Claim* b : y.members)
          if (a->article == b->article || !values_meet(*a, *b)) return false;
      return std::all_of(y.members.begin(), y.members.end(),
                         [&](const claim::Claim* b) { return fits(x, *b); });
    };
    std::vector<std::optional<std::size_t>> only(clusters_.size());
    std::vector<std::size_t> met(clusters_.size(), 0);
    for (std::size_t i = 0; i < clusters_.size(); ++i)
      for (std::size_t k = 0; k < clusters_.size(); ++k)
        if (i != k && meets(clusters_[i], clusters_[k])) ++met[i], only[i] = k;
    for (std::size_t i = 0; i < clusters_.size(); ++i) {
      if (met[i] != 1 || *only[i] < i) continue;
      const std::size_t k = *only[i];
      if (met[k] != 1 || *only[k] != i) continue;
      for (const claim::Claim* c : clusters_[k].members) join(*c, i);
      clusters_[k].members.clear();
    }
    std::erase_if(clusters_, [](const Cluster& c) { return c.members.empty(); });
    index_.clear();  // called last: no claim is looked up after it
  }

  // Into cluster `k`, or a new one.
  void join(const claim::Claim& c, std::optional<std::size_t> k) {
    if (!k) {
      k = clusters_.size();
      clusters_.emplace_back();
    }
    const std::vector<std::string> terms = index_terms(c);
    const std::size_t best = *k;
    Cluster& cluster = clusters_[best];
    cluster.members.push_back(&c);
    if (const std::string when = when_of(c, running_); !when.empty()) cluster.whens.insert(when);
    if (cluster.per.empty()) cluster.per = c.subject.per;
    for (const auto& t : terms)
      if (cluster.terms.insert(t).second) index_[t].push_back(best);
  }
  const std::vector<Cluster>& clusters() const { return clusters_; }

  // A cluster where `c`'s own article already prints another value: two
  // figures one article gives are two facts ("44% ... since 51% in 2019"),
  // unless they are a running count on two days ("73, up from 61 on
  // Tuesday").
  bool holds_other_value(std::size_t k, const claim::Claim& c, const Options& options) const {
    auto other_day = [&](const claim::Claim& m) {
      return is_running(m, options) && is_running(c, options) &&
             stands_at(m).substr(0, 10) != stands_at(c).substr(0, 10);
    };
    return std::any_of(clusters_[k].members.begin(), clusters_[k].members.end(), [&](auto* m) {
      return m->article == c.article && !values_meet(*m, c) && !other_day(*m);
    });
  }

  // Another article's figure in cluster `k` meets `c`'s value.
  bool meets_other_article(std::size_t k, const claim::Claim& c) const {
    return std::any_of(clusters_[k].members.begin(), clusters_[k].members.end(),
                       [&](auto* m) { return m->article != c.article && values_meet(*m, c); });
  }

  const std::shared_ptr<const Topic>& topic() const { return topic_; }

  // No article gives two figures under the head that differ, and two
  // articles agree: "63 investors" in two outlets and "73 investors" in a
  // third are one fact, told two ways. (Two articles alone may each count
  // another party's votes.)
  bool one_per_article() const {
    std::map<std::string_view, std::vector<const claim::Claim*>> by_article;
    for (const auto& cluster : clusters_)
      for (const claim::Claim* m : cluster.members)
        if (!m->subject.head.empty()) by_article[m->article].push_back(m);
    for (const auto& [article, members] : by_article)
      for (std::size_t i = 1; i < members.size(); ++i)
        if (!values_meet(*members[0], *members[i])) return false;
    for (auto a = by_article.begin(); a != by_article.end(); ++a)
      for (auto b = std::next(a); b != by_article.end(); ++b)
        if (values_meet(*a->second.front(), *b->second.front())) return true;
    return false;
  }

 private:
  // A sum or rate per month never joins one per year; one that does not
  // say what it is per joins either.
  bool fits(const Cluster& cluster, const claim::Claim& c) const {
    auto meet = [](const std::string& a, const std::string& b) {
      return a.empty() || b.empty() || a == b;
    };
    // A rise and a fall may meet: compared with their signs, one outlet's
    // "fell 4%" and another's "rose 4%" are no agreement.
    if (!meet(c.subject.per, cluster.per)) return false;
    // Sums are split by value later, and sums at other dates are never tied
    // firmly: only the dates of the figures `c` may end beside must meet.
    if (!is_sum(c)) return when_fits(cluster, when_of(c, running_));
    const std::string when = when_of(c, running_);
    return std::all_of(cluster.members.begin(), cluster.members.end(), [&](const claim::Claim* m) {
      return !values_meet(*m, c) || whens_meet(when_of(*m, running_), when);
    });
  }

  std::shared_ptr<const Topic> topic_;
  bool running_ = false;
  std::vector<Cluster> clusters_;
  std::map<std::string, std::vector<std::size_t>> index_;  // term -> clusters holding it
};

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : separator) + w;
  return s;
}

void add_inferred(const Bucket& bucket, const Cluster& cluster,
                  const std::shared_ptr<const Topic>& topic, bool one_per_article, Groups& groups) {
  Group g;
  g.inferred = true;
  g.one_per_article = one_per_article;
  g.topic = topic;
  g.members = cluster.members;
  g.head = named_head(cluster.members);
  if (g.head.empty()) g.head = bucket.head;
  g.tied_by = shared_terms(cluster.members);
  for (const auto& w : cluster.whens)
    if (w != kAsPublished) g.whens.push_back(w);
  g.negated = bucket.negated;
  Key key{bucket.story, "subject." + bucket.axis + (bucket.head.empty() ? "" : "." + bucket.head),
          "", context_of(g), bucket.role};
  // Two clusters the same words name stay two findings, told apart by their
  // first claim (stable when other articles are added).
  if (groups.count(key)) key.context += std::string(kClusterMark) + cluster.members.front()->id;
  groups.emplace(std::move(key), std::move(g));
}

// A figure whose clause names no head ("to £2,040", "£3.1m he raised") may
// still be one a head names elsewhere: it joins the headed cluster it shares
// most terms with (two at least), in any bucket of its story, scale and role;
// else the headless bucket. Being headless, it ties nothing firmly.
void add_headless(const claim::Claim& c, const Bucket& key,
                  std::map<Bucket, BucketClusters>& buckets,
                  const std::map<std::string, std::shared_ptr<const Topic>>& topics,
                  const Options& options) {
  constexpr std::size_t kHeadlessNeed = 2;
  BucketClusters* best = nullptr;
  std::optional<Match> found;
  const auto terms = near_terms(c, kNoTopic);
  for (auto it = buckets.lower_bound(Bucket{key.story, key.axis, "", {}, false});
       it != buckets.end() && it->first.story == key.story && it->first.axis == key.axis; ++it) {
    if (it->first.head.empty() || it->first.role != key.role || it->first.negated != key.negated)
      continue;
    // The head itself (or its synonym group's name) among its nearest words
    // ("worth up to £250, payments") is one tie.
    const bool names_head = std::any_of(terms.begin(), terms.end(), [&](const std::string& t) {
      return canonical_head(t, options) == it->first.head;
    });
    const auto here = it->second.best_for(c, kHeadlessNeed - (names_head ? 1 : 0), &options);
    if (here && (!found || here->better_than(*found))) found = here, best = &it->second;
  }
  if (best)
    best->join(c, found->cluster);
  else
    buckets.try_emplace(key, topics.at(c.story), false).first->second.add(c);
}

void group_by_subject(const std::vector<claim::Claim>& claims, const Options& options,
                      Groups& groups) {
  const auto topics = topics_of(claims);
  std::map<Bucket, BucketClusters> buckets;
  auto key_of = [&](const claim::Claim& c) {
    const std::string head = head_is_term(c) ? "" : canonical_head(c.subject.head, options);
    return Bucket{c.story, axis_of(c), head, grouped_role(c, options), c.subject.negated};
  };
  for (const auto& c : claims) {
    if (!c.generic() || c.subject.empty() || (c.subject.head.empty() && !head_is_term(c))) continue;
    const Bucket key = key_of(c);
    buckets.try_emplace(key, topics.at(c.story), options.cumulative.count(key.head) > 0)
        .first->second.add(c);
  }
  for (const auto& c : claims)
    if (c.generic() && !c.subject.empty() && c.subject.head.empty() && !head_is_term(c))
      add_headless(c, key_of(c), buckets, topics, options);
  for (auto& [bucket, clusters] : buckets) {
    if (!bucket.head.empty()) clusters.join_lone_sums();
    const bool one = clusters.one_per_article();  // false where no claim has a head
    for (const auto& cluster : clusters.clusters())
      add_inferred(bucket, cluster, clusters.topic(), one, groups);
  }
}

// A rule's attribute already says what kind of figure it names (days
// required, a pay rise, the days before a change, with `take: previous`): of
// the roles, only a threshold, a target, a forecast, or words that put an
// earlier value under the attribute ("staff used to come in two days"), make
// another fact of it.
claim::Role named_role(const claim::Claim& c) {
  const claim::Role r = c.subject.role;
  if (r == claim::Role::requirement || r == claim::Role::change) return claim::Role::result;
  if (r == claim::Role::previous && c.id_salt == "previous") return claim::Role::result;
  return r;
}

}  // namespace

bool is_running(const claim::Claim& c, const Options& options) {
  if (c.value.unit != "count") return false;
  if (options.cumulative.count(canonical_head(c.subject.head, options))) return true;
  constexpr std::size_t kBeside = 2;  // the nearest terms
  const auto& terms = c.subject.terms;
  for (std::size_t i = 0; i < terms.size() && i < kBeside; ++i)
    if (options.cumulative.count(terms[i])) return true;
  return false;
}

namespace {
bool is_day(const std::string& when) {
  return when.size() == 10 && quantity::parse_iso_day(when).has_value();
}
}  // namespace

bool is_sum(const claim::Claim& c) {
  return c.kind == "money";
}

bool whens_overlap(const std::string& a, const std::string& b) {
  return whens_meet(a, b);
}

bool names_few(const claim::Claim& c, const Options& options) {
  return !c.subject.head.empty() &&
         options.few_figures.count(canonical_head(c.subject.head, options)) > 0;
}

claim::Role grouped_role(const claim::Claim& c, const Options& options) {
  const claim::Role r = c.subject.role;
  if (r == claim::Role::previous && is_day(c.subject.when) && is_running(c, options))
    return claim::Role::result;
  return r;
}

std::string stands_at(const claim::Claim& c) {
  return is_day(c.subject.when) ? c.subject.when : c.published;
}

std::string named_head(const std::vector<const claim::Claim*>& members) {
  std::map<std::string_view, std::size_t> named;
  for (const claim::Claim* m : members)
    if (!m->subject.head_words.empty()) ++named[m->subject.head_words];
  std::string_view best;
  for (const claim::Claim* m : members)
    if (named.count(m->subject.head_words) &&
        (best.empty() || named[m->subject.head_words] > named[best]))
      best = m->subject.head_words;
  return std::string(best);
}

std::vector<std::string> shared_terms(const std::vector<const claim::Claim*>& members) {
  std::map<std::string, int> have;  // term -> how many members have it near
  for (const claim::Claim* c : members)
    for (const auto& t : index_terms(*c))
      if (!head_is_term(*c) || t != c->subject.head) ++have[t];  // a label names it
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [term, n] : have)
    if (n >= 2 && term.rfind("per ", 0) != 0)  // not "per year": a finding says that
      ranked.push_back({-n, term});
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) out.push_back(ranked[i].second);
  return out;
}

std::string context_of(const Group& g) {
  std::string context = joined(g.tied_by, ", ");
  if (!g.whens.empty()) context += (context.empty() ? "" : "; ") + joined(g.whens, ", ");
  if (g.negated) context += " (denied)";
  return context;
}

bool is_rate(const std::string& unit) {
  return unit == "%" || unit == "days/week" || unit == "points";
}

bool article_order(const claim::Claim* a, const claim::Claim* b) {
  return std::tie(a->article, a->span.begin, a->id) < std::tie(b->article, b->span.begin, b->id);
}

std::string canonical_head(const std::string& head, const Options& options) {
  auto it = options.synonyms.find(head);
  return it == options.synonyms.end() ? head : it->second;
}

Groups group(const std::vector<claim::Claim>& claims, const Options& options) {
  Groups groups;
  for (const auto& c : claims)
    if (!c.generic())
      groups[{c.story, c.attribute, c.scope, c.context, named_role(c)}].members.push_back(&c);
  // A rate given for one group of staff also bounds the rate for all of them:
  // scoped rates join the whole's finding too, where the whole is reported.
  for (const auto& c : claims) {
    if (c.generic() || c.scope.empty() || !is_rate(c.value.unit)) continue;
    auto whole = groups.find({c.story, c.attribute, "", c.context, named_role(c)});
    if (whole != groups.end()) whole->second.members.push_back(&c);
  }
  group_by_subject(claims, options, groups);
  // In article order, so that a finding does not depend on the order claims came in.
  for (auto& [key, g] : groups) std::sort(g.members.begin(), g.members.end(), article_order);
  return groups;
}

bool firmly_tied(const claim::Claim& a, const claim::Claim& b, const Topic& topic,
                 HeadFigures figures) {
  if (a.subject.head.empty() || b.subject.head.empty()) return false;
  if ((head_is_term(a) || head_is_term(b)) && a.subject.head != b.subject.head) return false;
  // "Rose 0.4%" said per month and "2.3%" with no period may be two rates.
  if (a.subject.per != b.subject.per) return false;
  // June's cap and October's are two facts (counts at two dates are a
  // running count's updates, judged in time order).
  if (is_sum(a) && is_sum(b) && !whens_meet(a.subject.when, b.subject.when)) return false;
  // A sign on one side only ("4% higher" against "a 4% move") is no conflict.
  if (a.subject.direction.empty() != b.subject.direction.empty()) return false;
  auto shared_of = [](const std::vector<std::string>& ta, const std::vector<std::string>& tb) {
    std::size_t n = 0;
    for (const auto& t : ta)
      if (std::find(tb.begin(), tb.end(), t) != tb.end()) ++n;
    return n;
  };
  const std::vector<std::string> ta = near_terms(a, topic), tb = near_terms(b, topic);
  const std::size_t shared = shared_of(ta, tb);
  const std::size_t fewer = std::min(ta.size(), tb.size());
  // A share's head names a rate (turnout, inflation, a vote share), and a
  // running count's a total (cases, the toll), of which a story has few: one
  // other word in common ties them, the story's own words too ("turnout in
  // the by-election"). A count's head (votes, jobs) is counted for each
  // party or group, so it needs more: two such words where no article
  // counts two.
  if (a.value.unit == "%" && b.value.unit == "%") figures = HeadFigures::few;
  const std::size_t shared_near = shared_of(index_terms(a), index_terms(b));
  if (figures == HeadFigures::few && (shared_near >= 1 || fewer == 0)) return true;
  if (figures == HeadFigures::one_each && shared_near >= 2) return true;
  // Most of the shorter clause's words, and two at least where it has two:
  // "Hartley must pay £40,000 compensation" and "Dunmore was ordered to pay
  // £900,000 compensation" share two words of four, not a fact.
  if (fewer > 0 && shared >= std::min<std::size_t>(2, fewer) && 3 * shared > 2 * fewer) return true;
  // Words the story uses everywhere ("ordered to pay") tie two figures only
  // where the clauses share nearly all their words: two of three at least.
  const std::vector<std::string> wa = near_terms(a, kNoTopic), wb = near_terms(b, kNoTopic);
  const std::size_t all_shared = shared_of(wa, wb);
  return all_shared >= 2 && 3 * all_shared >= 2 * (wa.size() + wb.size() - all_shared);
}

}  // namespace claimdiff::reconcile::grouping
