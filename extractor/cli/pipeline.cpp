#include "cli/pipeline.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <ostream>
#include <thread>
#include <tuple>

namespace claimdiff::cli {

namespace {

// The last single day read ("3 March") and its sentence: "the next day" in
// that sentence or the one after counts from it.
struct LastDay {
  std::optional<long> day;
  std::size_t sentence = 0;
  std::optional<long> for_sentence(std::size_t i) const {
    return day && sentence + 1 >= i ? day : std::nullopt;
  }
};

// The values of one sentence's mentions, in order.
void read_values(Worker& worker, const text::Document& doc, quantity::Context context,
                 claim::SentenceFacts& f, LastDay& last) {
  context.earlier_day = last.for_sentence(f.sentence);
  for (std::size_t m = 0; m < f.mentions.size(); ++m) {
    auto q = worker.reader.read(worker.rules, f.mentions[m], doc.text, context);
    if (!q) continue;
    q->mention = m;
    if (q->kind == ruleset::Kind::date && q->value.lo && q->value.lo == q->value.hi) {
      last = {static_cast<long>(*q->value.lo), f.sentence};
      context.earlier_day = last.day;
    }
    f.quantities.push_back(std::move(*q));
  }
}

}  // namespace

std::vector<claim::SentenceFacts> analyse(Worker& worker, const text::Document& doc,
                                          std::optional<long> ref_day, bool us_dates,
                                          std::span<const quantity::StoryDay> story_days,
                                          bool ref_day_given) {
  std::vector<claim::SentenceFacts> facts;
  LastDay last;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const text::Sentence& s = doc.sentences[i];
    claim::SentenceFacts f;
    f.sentence = i;
    f.mentions = ruleset::match(worker.rules, doc.text, s.begin, s.end);
    if (f.mentions.empty()) continue;
    read_values(worker, doc,
                {ref_day, doc.slice(s.begin, s.end), us_dates, story_days, s.begin, ref_day_given},
                f, last);
    facts.push_back(std::move(f));
  }
  return facts;
}

namespace {

// Segments the article and fills the metadata the manifest did not give
// (inferred from the text): its published date is then known to the story.
void prepare(Worker& worker, ingest::Article& article, const Settings& settings,
             ArticleOutput& out) {
  out.doc = worker.segmenter.segment(article);
  const ingest::ArticleMeta inferred = worker.segmenter.infer_meta(out.doc);
  auto fill = [](ingest::Field& field, const ingest::Field& found) {
    if (!field.known() && found.known()) field = found;
  };
  fill(article.meta.outlet, inferred.outlet);
  fill(article.meta.title, inferred.title);
  fill(article.meta.author, inferred.author);
  if (!article.meta.published.known() && inferred.published.known()) {
    if (auto day = quantity::parse_date_text(inferred.published.value, worker.rules.lexicon,
                                             settings.us_dates))
      article.meta.published = {quantity::format_day(*day), ingest::FieldSource::inferred};
  }
}

std::optional<long> published_day(const ingest::Article& article) {
  if (!article.meta.published.known()) return std::nullopt;
  return quantity::parse_iso_day(article.meta.published.value);
}

// Values and claims of a prepared article; `story_days` are the published
// days of its story's other articles. --ref-date overrides every date.
void finish(Worker& worker, ingest::Article& article, const Settings& settings,
            std::span<const quantity::StoryDay> story_days, ArticleOutput& out) {
  const bool given =
      settings.ref_day || article.meta.published.source == ingest::FieldSource::manifest;
  const std::optional<long> ref_day = settings.ref_day ? settings.ref_day : published_day(article);
  out.facts = analyse(worker, out.doc, ref_day, settings.us_dates,
                      settings.ref_day ? std::span<const quantity::StoryDay>() : story_days, given);
  const auto anchor = quantity::anchor_day(
      ref_day, given, settings.ref_day ? std::span<const quantity::StoryDay>() : story_days);
  out.claims = claim::build(worker.rules, worker.stemmer, article, out.doc, out.facts,
                            {settings.include_furniture, anchor});
}

// Each story's dated articles: (article index, published day), in order of day.
using StoryDays = std::map<std::string, std::vector<std::pair<std::size_t, quantity::StoryDay>>>;

StoryDays story_days_of(const std::vector<ingest::Article*>& articles) {
  StoryDays by_story;
  for (std::size_t i = 0; i < articles.size(); ++i)
    if (const auto day = published_day(*articles[i]))
      by_story[articles[i]->story].emplace_back(
          i, quantity::StoryDay{
                 *day, articles[i]->meta.published.source == ingest::FieldSource::manifest});
  for (auto& [story, days] : by_story)
    std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) {
      return std::tie(a.second.day, a.second.given, a.first) <
             std::tie(b.second.day, b.second.given, b.first);
    });
  return by_story;
}

// The published days of article `i`'s story's other articles, in order.
std::vector<quantity::StoryDay> others_of(const StoryDays& by_story, const std::string& story,
                                          std::size_t i) {
  std::vector<quantity::StoryDay> days;
  if (const auto it = by_story.find(story); it != by_story.end())
    for (const auto& [j, day] : it->second)
      if (j != i) days.push_back(day);
  return days;
}

// Runs `step(worker, i)` for every article index on the workers' threads.
template <class Step>
void for_each_article(std::vector<std::unique_ptr<Worker>>& workers, std::size_t count,
                      const Step& step) {
  std::atomic<std::size_t> next{0};
  auto work = [&](Worker& worker) {
    for (std::size_t i = next++; i < count; i = next++) step(worker, i);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers.size(); ++t) pool.emplace_back(work, std::ref(*workers[t]));
  work(*workers[0]);
  for (auto& t : pool) t.join();
}

}  // namespace

ArticleOutput process(Worker& worker, ingest::Article& article, const Settings& settings) {
  ArticleOutput out;
  prepare(worker, article, settings, out);
  finish(worker, article, settings, {}, out);
  return out;
}

// Two passes: every article's published date (from the manifest or its
// text) must be known before any article of the story reads its dates.
std::vector<ArticleOutput> process_all(const ruleset::RuleSet& rules,
                                       std::vector<ingest::Article*>& articles,
                                       const Settings& settings) {
  std::vector<ArticleOutput> outputs(articles.size());
  const unsigned threads =
      std::max(1u, std::min<unsigned>(settings.jobs, static_cast<unsigned>(articles.size())));
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(rules));
  for_each_article(workers, articles.size(), [&](Worker& worker, std::size_t i) {
    prepare(worker, *articles[i], settings, outputs[i]);
  });
  const auto story_days = story_days_of(articles);
  std::atomic<std::size_t> done{0};
  for_each_article(workers, articles.size(), [&](Worker& worker, std::size_t i) {
    finish(worker, *articles[i], settings, others_of(story_days, articles[i]->story, i),
           outputs[i]);
    if (settings.on_progress) settings.on_progress(++done, articles.size());
  });
  return outputs;
}

namespace {

struct ExampleRun {
  text::Document doc;
  std::vector<claim::SentenceFacts> facts;
};

ExampleRun run_text(Worker& worker, const ruleset::Example& ex) {
  ExampleRun run;
  run.doc = worker.segmenter.segment_text(ex.text);
  std::optional<long> ref =
      ex.ref_date.empty() ? std::nullopt : quantity::parse_iso_day(ex.ref_date);
  run.facts = analyse(worker, run.doc, ref, false);
  return run;
}

// Records a produced value; it matches when the example's value is not given
// as text or equals it.
void note_text(ruleset::ExampleOutcome& out, const ruleset::Example& ex, std::string got) {
  out.matched = out.matched || !ex.value.is_string() || ex.value.get<std::string>() == got;
  out.got.push_back(std::move(got));
}

void note_value(ruleset::ExampleOutcome& out, const ruleset::Example& ex, std::string prefix,
                const quantity::Value& value) {
  const auto j = quantity::to_json(value);
  out.got.push_back(prefix + j.dump());
  out.matched = out.matched || ruleset::value_matches(ex.value, j);
}

// The head a subject rule gave a claim, as printed or as its stem.
void observe_head(const claim::Claim& c, const ruleset::Rule& rule, const ruleset::Example& ex,
                  ruleset::ExampleOutcome& out) {
  if (c.subject.head_rule != rule.id) return;
  out.got.push_back("head " + c.subject.head_words + " (" + c.text + ")");
  out.matched = out.matched || c.subject.head_words == ex.head || c.subject.head == ex.head;
}

// The regions the cue gave its blocks and sentences.
void observe_region(const ExampleRun& run, const ruleset::Rule& rule, const ruleset::Example& ex,
                    ruleset::ExampleOutcome& out) {
  for (const auto& b : run.doc.blocks)
    if (b.cue == rule.id) out.got.push_back(text::to_string(b.region));
  for (const auto& s : run.doc.sentences)
    if (s.region != run.doc.blocks[s.block].region) out.got.push_back(text::to_string(s.region));
  for (const auto& g : out.got) out.matched = out.matched || g == ex.region;
}

void observe_meta(Worker& worker, const ExampleRun& run, const ruleset::Rule& rule,
                  const ruleset::Example& ex, ruleset::ExampleOutcome& out) {
  const ingest::ArticleMeta meta = worker.segmenter.infer_meta(run.doc);
  const ingest::Field& field = rule.meta_field == text::MetaField::published ? meta.published
                               : rule.meta_field == text::MetaField::author  ? meta.author
                                                                             : meta.outlet;
  if (field.known()) note_text(out, ex, field.value);
}

// The text of every mention of rule `r`, or of its group `group`.
void observe_mentions(const ExampleRun& run, std::size_t r, const char* group,
                      const ruleset::Example& ex, ruleset::ExampleOutcome& out) {
  for (const auto& f : run.facts)
    for (const auto& m : f.mentions)
      if (m.rule == r) {
        const ruleset::Group* g = group ? m.group(group) : nullptr;
        note_text(out, ex,
                  std::string(g ? run.doc.slice(g->begin, g->end) : run.doc.slice(m.begin, m.end)));
      }
}

// A trap holds when no figure is read where it fired.
void observe_trap(const ExampleRun& run, std::size_t r, ruleset::ExampleOutcome& out) {
  bool fired = false;
  for (const auto& f : run.facts)
    for (const auto& m : f.mentions)
      if (m.rule == r) {
        fired = true;
        for (const auto& q : f.quantities)
          if (q.begin < m.end && m.begin < q.end)
            out.got.push_back(std::string(ruleset::to_string(q.kind)) + " " +
                              quantity::describe(q.value));
      }
  if (!fired) out.got.push_back("(the trap did not fire)");
}

ruleset::ExampleOutcome observe(Worker& worker, std::size_t r, const ruleset::Example& ex) {
  const ruleset::RuleSet& rules = worker.rules;
  const ruleset::Rule& rule = rules.rules[r];
  ruleset::ExampleOutcome out;
  if (rule.layer == ruleset::Layer::scope && rule.match_on == ruleset::MatchOn::counted) {
    // A counted-noun scope: the example text is the noun.
    if (re2::RE2::FullMatch(ex.text, *rule.re)) out.got.push_back(rule.scope);
    out.matched = !out.got.empty();
    return out;
  }
  const ExampleRun run = run_text(worker, ex);
  if (rule.kind == ruleset::Kind::region) {
    observe_region(run, rule, ex, out);
  } else if (rule.kind == ruleset::Kind::meta) {
    observe_meta(worker, run, rule, ex, out);
  } else if (rule.layer == ruleset::Layer::speaker) {
    observe_mentions(run, r, "who", ex, out);
  } else if (rule.layer == ruleset::Layer::scope) {
    observe_mentions(run, r, nullptr, ex, out);
  } else if (rule.kind == ruleset::Kind::trap) {
    observe_trap(run, r, out);
  } else if (rule.layer == ruleset::Layer::quantity) {
    for (const auto& f : run.facts)
      for (const auto& q : f.quantities)
        if (f.mentions[q.mention].rule == r) note_value(out, ex, "", q.value);
  } else {  // attribute or subject: what the claims make of it
    ingest::Article scratch;
    scratch.story = scratch.file = "example";
    for (const auto& c :
         claim::build(rules, worker.stemmer, scratch, run.doc, run.facts, claim::Options{true}))
      if (rule.layer == ruleset::Layer::subject)
        observe_head(c, rule, ex, out);
      else if (c.attribute_rule == rule.id)
        note_value(out, ex, c.attribute + " ", c.value);
  }
  return out;
}

}  // namespace

reconcile::Options words_of(const ruleset::RuleSet& rules) {
  return {rules.labels, rules.lexicon.bases, rules.lexicon.synonym_of_stem,
          rules.lexicon.cumulative_stems, rules.lexicon.few_figure_stems};
}

ruleset::ExampleProbe example_probe(Worker& worker) {
  return [&worker](std::size_t r, const ruleset::Example& ex) { return observe(worker, r, ex); };
}

}  // namespace claimdiff::cli
