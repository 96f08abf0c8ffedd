#include "cli/pipeline.h"

#include <atomic>
#include <cmath>
#include <ostream>
#include <thread>

#include "util/utf8.h"

namespace claimdiff::cli {

std::vector<claim::SentenceFacts> analyse(Worker& worker, const text::Document& doc,
                                          std::optional<long> ref_day, bool us_dates) {
  std::vector<claim::SentenceFacts> facts;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const text::Sentence& s = doc.sentences[i];
    claim::SentenceFacts f;
    f.sentence = i;
    f.mentions = ruleset::match(worker.rules, doc.text, s.begin, s.end);
    if (f.mentions.empty()) continue;
    const quantity::Context context{ref_day, doc.slice(s.begin, s.end), us_dates};
    for (std::size_t m = 0; m < f.mentions.size(); ++m) {
      if (auto q = worker.reader.read(worker.rules, f.mentions[m], doc.text, context)) {
        q->mention = m;
        f.quantities.push_back(std::move(*q));
      }
    }
    facts.push_back(std::move(f));
  }
  return facts;
}

ArticleOutput process(Worker& worker, ingest::Article& article, const Settings& settings) {
  ArticleOutput out;
  out.doc = worker.segmenter.segment(article);
  const ingest::ArticleMeta inferred = worker.segmenter.infer_meta(out.doc);
  auto fill = [](ingest::Field& field, const ingest::Field& found) {
    if (!field.known() && found.known()) field = found;
  };
  fill(article.meta.outlet, inferred.outlet);
  fill(article.meta.title, inferred.title);
  fill(article.meta.author, inferred.author);
  if (!article.meta.published.known() && inferred.published.known()) {
    if (auto day = quantity::parse_date_text(inferred.published.value, settings.us_dates))
      article.meta.published = {quantity::format_day(*day), ingest::FieldSource::inferred};
  }
  std::optional<long> ref_day = settings.ref_day;
  if (!ref_day && article.meta.published.known())
    ref_day = quantity::parse_iso_day(article.meta.published.value);
  out.facts = analyse(worker, out.doc, ref_day, settings.us_dates);
  out.claims =
      claim::build(worker.rules, article, out.doc, out.facts, {settings.include_furniture});
  return out;
}

std::vector<ArticleOutput> process_all(const ruleset::RuleSet& rules,
                                       std::vector<ingest::Article*>& articles,
                                       const Settings& settings) {
  std::vector<ArticleOutput> outputs(articles.size());
  std::atomic<std::size_t> next{0}, done{0};
  auto work = [&] {
    Worker worker(rules);
    for (std::size_t i = next++; i < articles.size(); i = next++) {
      outputs[i] = process(worker, *articles[i], settings);
      if (settings.on_progress) settings.on_progress(++done, articles.size());
    }
  };
  const unsigned threads =
      std::max(1u, std::min<unsigned>(settings.jobs, static_cast<unsigned>(articles.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return outputs;
}

std::vector<ruleset::Error> utf8_errors(const ruleset::RuleSet& rules) {
  std::vector<ruleset::Error> errors;
  auto check = [&](const std::string& file, int line, const std::string& rule,
                   const std::string& field, const std::string& value) {
    if (util::first_invalid_utf8(value) != std::string::npos)
      errors.push_back({util::escape_invalid_utf8(file), line, util::escape_invalid_utf8(rule),
                        "'" + util::escape_invalid_utf8(field) + "' is not valid UTF-8"});
  };
  for (const auto& r : rules.rules) {
    check(r.file, r.line, r.id, "id", r.id);
    check(r.file, r.line, r.id, "kind", r.kind);
    for (const auto& [key, value] : r.fields) check(r.file, r.line, r.id, key, key + value);
  }
  for (const auto& f : rules.files) check(f, 0, "", "file name", f);
  for (const auto& [pack, version] : rules.pack_versions)
    check(pack, 0, "", "version", pack + version);
  for (const auto& [attribute, label] : rules.labels)
    check("attributes", 0, attribute, "attributes", attribute + label);
  return errors;
}

namespace {

// Every key the example names must match the value produced; numbers to two decimals.
bool value_matches(const nlohmann::json& expected, const nlohmann::ordered_json& got) {
  if (!expected.is_object()) return false;
  for (const auto& [key, want] : expected.items()) {
    if (!got.contains(key)) return false;
    const auto& have = got[key];
    if (want.is_number() && have.is_number()) {
      const double a = want.get<double>(), b = have.get<double>();
      // Examples write thirds and the like to two decimals.
      if (std::fabs(a - b) > std::max(0.005, 1e-6 * std::fabs(a))) return false;
    } else if (want != nlohmann::json(have)) {  // one json type each side: clang finds
                                                // json != ordered_json ambiguous
      return false;
    }
  }
  return true;
}

// For messages: a rule file may hold bytes that are not UTF-8, and a plain dump throws on them.
template <class Json>
std::string printable(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

struct ExampleRun {
  text::Document doc;
  std::vector<claim::SentenceFacts> facts;
};

ExampleRun run_text(Worker& worker, const std::string& text, const ruleset::Example& ex) {
  ExampleRun run;
  run.doc = worker.segmenter.segment_text(text);
  std::optional<long> ref =
      ex.ref_date.empty() ? std::nullopt : quantity::parse_iso_day(ex.ref_date);
  run.facts = analyse(worker, run.doc, ref, false);
  return run;
}

}  // namespace

int test_examples(const ruleset::RuleSet& rules, std::ostream& out, bool verbose) {
  Worker worker(rules);
  int failures = 0, passed = 0;
  ingest::Article scratch;
  scratch.story = "example";
  scratch.file = "example";
  for (std::size_t r = 0; r < rules.rules.size(); ++r) {
    const ruleset::Rule& rule = rules.rules[r];
    for (const auto& ex : rule.examples) {
      std::vector<std::string> got;  // what the rule produced, for the message
      bool matched = false;          // something the rule produced matches the example
      const ExampleRun run = run_text(worker, ex.text, ex);
      if (rule.kind == "region") {
        for (const auto& b : run.doc.blocks)
          if (b.cue == rule.id) got.push_back(text::to_string(b.region));
        for (const auto& s : run.doc.sentences)
          if (s.region != run.doc.blocks[s.block].region) got.push_back(text::to_string(s.region));
        for (const auto& g : got) matched = matched || g == ex.region;
      } else if (rule.kind == "meta") {
        const ingest::ArticleMeta meta = worker.segmenter.infer_meta(run.doc);
        const ingest::Field& field = rule.field("field") == "published" ? meta.published
                                     : rule.field("field") == "author"  ? meta.author
                                                                        : meta.outlet;
        if (field.known()) got.push_back(field.value);
        matched =
            field.known() && (!ex.value.is_string() || ex.value.get<std::string>() == field.value);
      } else if (rule.layer == ruleset::Layer::speaker) {
        for (const auto& f : run.facts)
          for (const auto& m : f.mentions)
            if (m.rule == r) {
              const auto* who = m.group("who");
              got.push_back(std::string(run.doc.slice(who->begin, who->end)));
              matched =
                  matched || !ex.value.is_string() || ex.value.get<std::string>() == got.back();
            }
      } else if (rule.layer == ruleset::Layer::scope && rule.field("match_on") == "counted") {
        // A counted-noun scope: the example text is the noun.
        if (re2::RE2::FullMatch(ex.text, *rule.re)) got.push_back(rule.field("scope"));
        matched = !got.empty();
      } else if (rule.layer == ruleset::Layer::scope) {
        for (const auto& f : run.facts)
          for (const auto& m : f.mentions)
            if (m.rule == r) {
              got.push_back(std::string(run.doc.slice(m.begin, m.end)));
              matched =
                  matched || !ex.value.is_string() || ex.value.get<std::string>() == got.back();
            }
      } else if (rule.kind == "trap") {
        // A trap holds when it fires and no figure is read where it fired.
        bool fired = false;
        for (const auto& f : run.facts)
          for (const auto& m : f.mentions)
            if (m.rule == r) {
              fired = true;
              for (const auto& q : f.quantities)
                if (q.begin < m.end && m.begin < q.end)
                  got.push_back(q.kind + " " + quantity::describe(q.value));
            }
        if (!fired) got.push_back("(the trap did not fire)");
      } else if (rule.layer == ruleset::Layer::quantity) {
        for (const auto& f : run.facts)
          for (const auto& q : f.quantities)
            if (f.mentions[q.mention].rule == r) {
              const auto j = quantity::to_json(q.value);
              got.push_back(printable(j));
              matched = matched || value_matches(ex.value, j);
            }
      } else {  // attribute
        const auto claims = claim::build(rules, scratch, run.doc, run.facts, claim::Options{true});
        for (const auto& c : claims)
          if (c.attribute_rule == rule.id) {
            const auto j = quantity::to_json(c.value);
            got.push_back(c.attribute + " " + printable(j));
            matched = matched || value_matches(ex.value, j);
          }
      }
      const bool ok = ex.none || rule.kind == "trap" ? got.empty() : matched;
      if (ok) {
        ++passed;
        if (verbose) out << "ok " << rule.id << ": " << ex.text << "\n";
        continue;
      }
      ++failures;
      std::string got_text;
      for (const auto& g : got) got_text += (got_text.empty() ? "" : "; ") + g;
      if (got_text.empty()) got_text = "nothing";
      std::string expected = ex.none              ? "nothing"
                             : !ex.region.empty() ? "region " + ex.region
                                                  : printable(ex.value);
      if (rule.kind == "trap") expected = "no figure where the trap fires";
      out << rule.file << ":" << ex.line << " " << rule.id << ": expected " << expected << ", got "
          << util::valid_utf8(got_text) << "  [text: " << util::valid_utf8(ex.text) << "]\n";
    }
  }
  out << passed << " passed, " << failures << " failed\n";
  return failures;
}

}  // namespace claimdiff::cli
