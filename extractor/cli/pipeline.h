// The one place that wires the stages together: article -> text -> ruleset ->
// quantity -> claim. Reconcile and report take the claims from here.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <vector>

#include "claim/claim.h"
#include "ingest/ingest.h"
#include "quantity/quantity.h"
#include "reconcile/reconcile.h"
#include "ruleset/ruleset.h"
#include "text/text.h"

namespace claimdiff::cli {

struct Settings {
  bool include_furniture = false;
  bool us_dates = false;
  std::optional<long> ref_day;  // overrides every article's published date
  unsigned jobs = 1;
  // Called after each article with (done, total), from whichever thread did it.
  std::function<void(std::size_t, std::size_t)> on_progress;
};

// The per-thread tools: ICU's iterators and parsers are not shared across threads.
struct Worker {
  explicit Worker(const ruleset::RuleSet& rules)
      : rules(rules), segmenter(rules.cues()), reader(rules.lexicon) {}
  const ruleset::RuleSet& rules;
  text::Segmenter segmenter;
  quantity::Reader reader;
  text::Stemmer stemmer;  // Snowball's state: one per thread, like the rest
};

struct ArticleOutput {
  text::Document doc;
  std::vector<claim::SentenceFacts> facts;
  std::vector<claim::Claim> claims;
};

// Rules and values for every sentence of a segmented document; dates without
// a year are read against `ref_day` and the story's other published days.
std::vector<claim::SentenceFacts> analyse(Worker& worker, const text::Document& doc,
                                          std::optional<long> ref_day, bool us_dates,
                                          std::span<const quantity::StoryDay> story_days = {},
                                          bool ref_day_given = true);

// Segments, fills metadata the manifest did not give (inferred from the text),
// analyses and builds claims for one article.
ArticleOutput process(Worker& worker, ingest::Article& article, const Settings& settings);

// All articles, on `settings.jobs` threads; results in the order given. Each
// article's dates are anchored on its story's published dates as well as its
// own (quantity::anchor_day).
std::vector<ArticleOutput> process_all(const ruleset::RuleSet& rules,
                                       std::vector<ingest::Article*>& articles,
                                       const Settings& settings);

// The rule packs' words that reconcile and the reports use: attribute labels
// and the lexicon's bases.
reconcile::Options words_of(const ruleset::RuleSet& rules);

// Runs the stages after ruleset on a rule's example, for ruleset::run_examples.
// The worker must outlive the probe.
ruleset::ExampleProbe example_probe(Worker& worker);

}  // namespace claimdiff::cli
