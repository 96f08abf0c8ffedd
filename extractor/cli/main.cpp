// claimdiff: the command line. Parses arguments, loads the rule packs, and
// wires ingest -> text -> ruleset -> quantity -> claim -> reconcile -> report.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <set>
#include <thread>

#include "cli/outputs.h"
#include "cli/pipeline.h"
#include "eval/eval.h"
#include "reconcile/reconcile.h"
#include "report/report.h"
#include "util/utf8.h"

namespace fs = std::filesystem;
using namespace claimdiff;

namespace {

// Exit codes (DESIGN.md): 0 done; 1 findings at or above --fail-on; 2 usage or
// rule errors; 3 some inputs could not be read; 4 outputs could not be written.
enum Exit { kDone = 0, kFindings = 1, kUsage = 2, kInputs = 3, kOutputs = 4 };

struct Common {
  std::vector<std::string> rule_dirs;
  bool no_default_rules = false;
  unsigned jobs = 0;
  bool quiet = false;
};

void add_common(CLI::App* app, Common& common) {
  // Repeatable options take one value each, so that a story path after them
  // stays a path (CLI11 lets a vector option swallow the words that follow).
  app->add_option("--rules", common.rule_dirs, "Add a rule pack folder (repeatable)")
      ->allow_extra_args(false);
  app->add_flag("--no-default-rules", common.no_default_rules,
                "Use only the packs given with --rules");
  app->add_option("--jobs,-j", common.jobs, "Threads (default: all cores)");
  app->add_flag("--quiet,-q", common.quiet, "Print only errors and warnings");
}

fs::path default_rules_dir() {
  if (const char* env = std::getenv("CLAIMDIFF_RULES"); env && *env) return env;
  return CLAIMDIFF_RULES_DIR;
}

// Loads the packs; every error is printed as one line. False when any rule failed.
bool load_rules(const Common& common, ruleset::LoadResult& loaded) {
  std::vector<fs::path> roots;
  if (!common.no_default_rules) roots.push_back(default_rules_dir());
  for (const auto& d : common.rule_dirs) roots.emplace_back(d);
  loaded = ruleset::load(roots);
  for (const auto& e : loaded.errors) std::cerr << "claimdiff: " << e.format() << "\n";
  return loaded.errors.empty();
}

// Reading inputs with the lexicon's words for HTML page furniture.
ingest::Options input_options(const ruleset::RuleSet& rules) {
  ingest::Options options;
  options.page_classes = rules.lexicon.page_classes;
  return options;
}

unsigned job_count(const Common& common) {
  if (common.jobs) return common.jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::optional<long> parse_ref_date(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto d = quantity::parse_iso_day(s);
  if (!d) throw CLI::ValidationError("--ref-date", "expected YYYY-MM-DD, got '" + s + "'");
  return d;
}

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

// Errors and warnings always; notes (files passed over on purpose) unless quiet.
void print_problems(const std::vector<ingest::Problem>& problems, bool quiet) {
  for (const auto& p : problems)
    if (!p.note || !quiet)
      std::cerr << "claimdiff: " << (p.note ? "note: " : "") << p.file << ": " << p.message << "\n";
}

// A file that should have been read and was not (notes do not count).
bool any_skipped(const std::vector<ingest::Problem>& problems) {
  return std::any_of(problems.begin(), problems.end(),
                     [](const ingest::Problem& p) { return p.skipped && !p.note; });
}

// ---- run -------------------------------------------------------------------

struct RunArgs {
  Common common;
  std::vector<std::string> paths;
  std::string out = "out";
  bool include_furniture = false;
  bool us_dates = false;
  std::string ref_date;
  std::uintmax_t max_bytes = 10 * 1024 * 1024;
  std::string fail_on = "never";
  std::vector<std::string> review_files;
  bool timings = false;
};

bool fails(const std::string& fail_on, const reconcile::Finding& f,
           const report::Reviews& reviews) {
  if (!reconcile::is_conflict(f)) return false;
  if (fail_on == "conflict") return true;
  if (fail_on == "high") return f.severity == reconcile::Severity::high;
  if (fail_on == "new-conflict") return !report::decision_for(reviews, f);
  return false;
}

// A bar on stderr for runs that take more than a second, and only on a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ~ProgressBar() { finish(); }
  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (now - started_ < std::chrono::seconds(1) ||
        (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total))
      return;
    last_ = now;
    drawn_ = true;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = total ? done * kWidth / total : kWidth;
    std::cerr << "\rclaimdiff: [" << std::string(filled, '#') << std::string(kWidth - filled, ' ')
              << "] " << done << "/" << total << " articles" << std::flush;
  }
  void finish() {
    std::lock_guard lock(mutex_);
    if (drawn_) std::cerr << "\r\x1b[K" << std::flush;
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now(), last_;
};

bool colour_on_stdout() {
  const char* no_colour = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) && !(no_colour && *no_colour);
}

// review.yaml beside each story, then the files given with --review (later win).
// False when a file given by name could not be read.
bool read_reviews(const ingest::Result& input, const std::vector<std::string>& named,
                  report::Reviews& reviews, std::vector<report::Problem>& problems) {
  for (const auto& story : input.stories) {
    std::error_code ec;
    const fs::path file = story.dir / "review.yaml";
    if (fs::exists(file, ec)) report::read_review(file, reviews, problems);
  }
  bool ok = true;
  for (const auto& f : named) {
    const std::size_t before = reviews.files.size();
    report::read_review(f, reviews, problems);
    ok = ok && reviews.files.size() > before;
  }
  return ok;
}

int cmd_run(const RunArgs& args) {
  const auto started = std::chrono::steady_clock::now();
  ruleset::LoadResult loaded;
  if (!load_rules(args.common, loaded)) return kUsage;
  const ruleset::RuleSet& rules = loaded.rules;

  std::vector<fs::path> paths(args.paths.begin(), args.paths.end());
  if (paths.empty()) paths.emplace_back("corpus");
  ingest::Result input =
      ingest::read_inputs(paths, {args.max_bytes, rules.lexicon.page_classes, {args.out}});
  print_problems(input.problems, args.common.quiet);
  if (input.stories.empty()) {  // a mistyped path must not wipe the last results
    std::cerr << "claimdiff: no article could be read; nothing written (" << args.out
              << " left as it was)\n";
    return kInputs;
  }
  const auto ingested = std::chrono::steady_clock::now();

  std::vector<ingest::Article*> articles;
  for (auto& story : input.stories)
    for (auto& a : story.articles) articles.push_back(&a);
  cli::Settings settings{args.include_furniture, args.us_dates, parse_ref_date(args.ref_date),
                         job_count(args.common)};
  ProgressBar progress(!args.common.quiet && ::isatty(STDERR_FILENO));
  settings.on_progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  auto outputs = cli::process_all(rules, articles, settings);
  progress.finish();
  const auto extracted = std::chrono::steady_clock::now();

  std::vector<claim::Claim> claims;
  report::RunInfo info;
  info.version = CLAIMDIFF_VERSION;
  for (const auto& p : args.paths) info.inputs.push_back(util::valid_utf8(p));
  if (info.inputs.empty()) info.inputs.push_back("corpus");
  info.rule_files = rules.files;
  info.pack_versions = rules.pack_versions;
  info.words = cli::words_of(rules);
  std::uintmax_t total_bytes = 0;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const ingest::Article& a = *articles[i];
    total_bytes += a.original.size();
    info.articles.push_back({a.story, a.file, a.meta.outlet.known() ? a.meta.outlet.value : a.file,
                             ingest::to_string(a.meta.outlet.source), a.meta.published.value,
                             ingest::to_string(a.meta.published.source), a.encoding,
                             a.original.size(), outputs[i].claims.size(), a.meta.title.value,
                             a.text, a.text_to_original});
    for (auto& c : outputs[i].claims) claims.push_back(std::move(c));
  }
  for (const auto& p : input.problems) info.problems.push_back({p.file, p.message});

  const auto findings = reconcile::reconcile(claims, info.words);
  report::Reviews reviews;
  std::vector<report::Problem> review_problems;
  const bool reviews_read = read_reviews(input, args.review_files, reviews, review_problems);
  for (const report::Decision* d : report::unknown_decisions(reviews, findings))
    review_problems.push_back(
        {d->source, "finding " + d->finding + " is not in this run (an id from older rules?)"});
  for (const auto& p : review_problems) {
    std::cerr << "claimdiff: " << p.file << ": " << p.message << "\n";
    info.problems.push_back(p);
  }
  const auto reconciled = std::chrono::steady_clock::now();

  const fs::path out(args.out);
  std::vector<cli::OutputFile> files = {
      {"claims.jsonl", report::claims_jsonl(claims)},
      {"findings.json", report::findings_json(findings)},
      {"report.md", report::markdown(info, claims, findings, reviews)},
      {"report.html", report::html(info, claims, findings, reviews)},
  };
  const auto reported = std::chrono::steady_clock::now();
  if (args.timings) {
    auto ms = [](auto a, auto b) {
      return std::chrono::duration<double, std::milli>(b - a).count();
    };
    info.timings = {{"ingest_ms", ms(started, ingested)},
                    {"extract_ms", ms(ingested, extracted)},
                    {"reconcile_ms", ms(extracted, reconciled)},
                    {"report_ms", ms(reconciled, reported)},
                    {"bytes", total_bytes}};
  }
  files.push_back({"run.json", report::run_json(info, claims, findings)});
  const std::string write_error = cli::write_output_set(out, files);
  const bool written = write_error.empty();
  if (!written) std::cerr << "claimdiff: " << write_error << "\n";

  if (!args.common.quiet) {
    std::cout << report::terminal_summary(info, claims, findings, reviews, colour_on_stdout());
    if (written)
      for (const auto& f : files) std::cout << "  wrote " << (out / f.name).string() << "\n";
  }
  if (!written) return kOutputs;
  for (const auto& f : findings)
    if (fails(args.fail_on, f, reviews)) return kFindings;
  return any_skipped(input.problems) || !reviews_read ? kInputs : kDone;
}

// ---- eval ------------------------------------------------------------------

struct EvalArgs {
  Common common;
  std::vector<std::string> gold_files;
  std::vector<std::string> paths;
  std::string format = "text";
  double min_f1 = 0;
};

int cmd_eval(const EvalArgs& args) {
  ruleset::LoadResult loaded;
  if (!load_rules(args.common, loaded)) return kUsage;
  // The stories to run: those named, else each gold file's folder.
  std::vector<fs::path> paths(args.paths.begin(), args.paths.end());
  if (paths.empty())
    for (const auto& g : args.gold_files) paths.push_back(fs::path(g).parent_path());
  ingest::Result input = ingest::read_inputs(paths, input_options(loaded.rules));
  print_problems(input.problems, args.common.quiet);

  std::vector<eval::Gold> golds;
  std::vector<eval::Error> errors;
  for (const auto& g : args.gold_files) {
    const std::string story = eval::story_of(g);
    std::map<std::string, const std::string*> originals;
    for (const auto& s : input.stories)
      if (s.name == story)
        for (const auto& a : s.articles) originals[a.file] = &a.original;
    if (originals.empty()) {
      errors.push_back({g, "no articles of story '" + story + "' among the inputs"});
      continue;
    }
    eval::Gold gold;
    if (eval::load(g, originals, gold, errors)) golds.push_back(std::move(gold));
  }
  for (const auto& e : errors) std::cerr << "claimdiff: " << e.where << ": " << e.message << "\n";
  if (!errors.empty()) return kUsage;

  std::vector<ingest::Article*> articles;
  for (auto& story : input.stories)
    for (auto& a : story.articles) articles.push_back(&a);
  cli::Settings settings;
  settings.jobs = job_count(args.common);
  std::vector<claim::Claim> claims;
  for (auto& out : cli::process_all(loaded.rules, articles, settings))
    for (auto& c : out.claims) claims.push_back(std::move(c));
  const reconcile::Options words = cli::words_of(loaded.rules);
  const auto findings = reconcile::reconcile(claims, words);
  const eval::Result result = eval::evaluate(golds, claims, findings, words);
  if (args.format == "json")
    std::cout << eval::to_json(result).dump(2) << "\n";
  else
    std::cout << eval::to_text(result);
  if (args.min_f1 > 0 && result.facts.f1() < args.min_f1) {
    std::cerr << "claimdiff: fact F1 " << result.facts.f1() << " is below --min-f1 " << args.min_f1
              << "\n";
    return kFindings;
  }
  return kDone;
}

// ---- extract ---------------------------------------------------------------

struct ExtractArgs {
  Common common;
  std::vector<std::string> paths;
  bool from_stdin = false;
  std::string format = "jsonl";
  bool all = false;
  bool include_furniture = false;
  bool us_dates = false;
  std::string ref_date;
};

// An article that has no file behind it (standard input, a command-line argument).
ingest::Article article_from_bytes(const std::string& story, const std::string& name,
                                   std::string bytes, std::vector<ingest::Problem>& problems,
                                   const std::vector<ingest::PageClass>& page_classes) {
  ingest::Article a;
  a.story = story;
  a.file = name;
  a.path = name;
  a.original = std::move(bytes);
  ingest::decode(a, problems);
  if (ingest::looks_like_html({}, a.text)) ingest::extract_html(a, page_classes);
  return a;
}

int cmd_extract(const ExtractArgs& args) {
  ruleset::LoadResult loaded;
  if (!load_rules(args.common, loaded)) return kUsage;
  const ruleset::RuleSet& rules = loaded.rules;
  ingest::Result input;
  if (args.from_stdin) {
    ingest::Story story;
    story.name = "stdin";
    story.articles.push_back(
        article_from_bytes("stdin", "-", read_stdin(), input.problems, rules.lexicon.page_classes));
    input.stories.push_back(std::move(story));
  } else {
    std::vector<fs::path> paths(args.paths.begin(), args.paths.end());
    if (paths.empty()) paths.emplace_back("corpus");
    input = ingest::read_inputs(paths, input_options(rules));
  }
  print_problems(input.problems, args.common.quiet);
  std::vector<ingest::Article*> articles;
  for (auto& story : input.stories)
    for (auto& a : story.articles) articles.push_back(&a);
  cli::Settings settings{args.include_furniture || args.all, args.us_dates,
                         parse_ref_date(args.ref_date), job_count(args.common)};
  const auto outputs = cli::process_all(rules, articles, settings);
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const auto& out = outputs[i];
    if (!args.all) {
      for (const auto& c : out.claims) std::cout << claim::to_json(c).dump() << "\n";
      continue;
    }
    for (const auto& f : out.facts) {
      const text::Sentence& s = out.doc.sentences[f.sentence];
      for (const auto& q : f.quantities) {
        const text::Span span = out.doc.original_span(q.begin, q.end);
        nlohmann::ordered_json j;
        j["kind"] = ruleset::to_string(q.kind);
        j["text"] = std::string(out.doc.slice(q.begin, q.end));
        j["value"] = quantity::to_json(q.value);
        j["span"] = {span.begin, span.end};
        j["file"] = util::valid_utf8(articles[i]->path.string());
        j["rule"] = rules.rules[f.mentions[q.mention].rule].id;
        j["region"] = text::to_string(s.region);
        std::cout << j.dump() << "\n";
      }
    }
  }
  return any_skipped(input.problems) ? kInputs : kDone;
}

// ---- reconcile -------------------------------------------------------------

int cmd_reconcile(const Common& common, const std::vector<std::string>& files) {
  ruleset::LoadResult loaded;
  if (!load_rules(common, loaded)) return kUsage;  // findings use the packs' words
  std::vector<claim::Claim> claims;
  auto read = [&](std::istream& in, const std::string& name) {
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      try {
        claims.push_back(claim::claim_from_json(nlohmann::json::parse(line)));
      } catch (const std::exception& e) {
        std::cerr << "claimdiff: " << name << ":" << n << ": not a claim: " << e.what() << "\n";
        return false;
      }
    }
    return true;
  };
  bool ok = true;
  if (files.empty() || (files.size() == 1 && files[0] == "-")) {
    ok = read(std::cin, "<stdin>");
  } else {
    for (const auto& f : files) {
      std::ifstream in(f);
      if (!in) {
        std::cerr << "claimdiff: " << f << ": cannot open\n";
        ok = false;
        continue;
      }
      ok = read(in, f) && ok;
    }
  }
  for (const auto& f : reconcile::reconcile(claims, cli::words_of(loaded.rules)))
    std::cout << reconcile::to_json(f).dump() << "\n";
  return ok ? kDone : kInputs;
}

// ---- explain ---------------------------------------------------------------

int cmd_explain(const Common& common, const std::string& arg, bool from_stdin,
                const std::string& ref_date, bool us_dates) {
  ruleset::LoadResult loaded;
  if (!load_rules(common, loaded)) return kUsage;
  const ruleset::RuleSet& rules = loaded.rules;
  ingest::Article a;
  std::vector<ingest::Problem> problems;
  std::error_code ec;
  if (!from_stdin && !arg.empty() && fs::is_regular_file(arg, ec)) {
    ingest::Result r = ingest::read_inputs({fs::path(arg)}, input_options(rules));
    print_problems(r.problems, false);
    if (r.stories.empty() || r.stories[0].articles.empty()) return kInputs;
    a = std::move(r.stories[0].articles[0]);
  } else {
    a = article_from_bytes("text", from_stdin ? "-" : "argument", from_stdin ? read_stdin() : arg,
                           problems, rules.lexicon.page_classes);
    print_problems(problems, false);
  }
  cli::Worker worker(rules);
  cli::Settings settings{true, us_dates, parse_ref_date(ref_date), 1};
  const cli::ArticleOutput out = cli::process(worker, a, settings);
  std::cout << "file: " << a.file << "\nformat: " << a.format << "\nencoding: " << a.encoding
            << "\nbytes: " << a.original.size() << "\n";
  for (const auto& [name, field] : {std::pair{"outlet", &a.meta.outlet},
                                    {"title", &a.meta.title},
                                    {"published", &a.meta.published},
                                    {"author", &a.meta.author},
                                    {"url", &a.meta.url}}) {
    std::cout << name << ": " << (field->known() ? field->value : "?") << " ("
              << ingest::to_string(field->source) << ")\n";
  }
  const text::Document& doc = out.doc;
  std::size_t fact = 0;
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const auto& block = doc.blocks[b];
    std::cout << "\n[" << text::to_string(block.region)
              << (block.cue.empty() ? "" : " by " + block.cue) << "] "
              << "bytes " << doc.to_original[block.begin] << "-" << doc.to_original[block.end]
              << "\n";
    for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
      const auto& sentence = doc.sentences[s];
      if (sentence.block != b) continue;
      std::cout << "  sentence"
                << (sentence.region != block.region
                        ? std::string(" (") + text::to_string(sentence.region) + ")"
                        : "")
                << ": " << doc.slice(sentence.begin, sentence.end) << "\n";
      while (fact < out.facts.size() && out.facts[fact].sentence < s) ++fact;
      if (fact >= out.facts.size() || out.facts[fact].sentence != s) continue;
      const auto& f = out.facts[fact];
      for (std::size_t m = 0; m < f.mentions.size(); ++m) {
        const auto& mention = f.mentions[m];
        const auto& rule = rules.rules[mention.rule];
        std::cout << "    rule " << rule.id << " (" << ruleset::to_string(rule.kind) << ") '"
                  << doc.slice(mention.begin, mention.end) << "'";
        for (const auto& q : f.quantities)
          if (q.mention == m) std::cout << " -> " << quantity::describe(q.value);
        if (!rule.attribute.empty()) std::cout << " -> attribute " << rule.attribute;
        std::cout << "\n";
      }
    }
  }
  std::cout << "\nclaims:\n";
  for (const auto& c : out.claims)
    std::cout << "  " << c.attribute << (c.base.empty() ? "" : " (base " + c.base + ")") << ": "
              << quantity::describe(c.value) << " — '" << c.text << "' [" << c.region << ", "
              << c.speaker << ", bytes " << c.span.begin << "-" << c.span.end << "]\n";
  return kDone;
}

}  // namespace

// Runs the examples of the packs given with --rules, or of every pack when
// none is; the built-in packs are loaded too, for their macros and lexicon.
int cmd_rules_test(const Common& common, bool verbose) {
  ruleset::LoadResult loaded;
  const bool ok = load_rules(common, loaded);
  cli::Worker worker(loaded.rules);
  const std::vector<fs::path> only(common.rule_dirs.begin(), common.rule_dirs.end());
  const auto tally =
      ruleset::run_examples(loaded.rules, cli::example_probe(worker), only, std::cout, verbose);
  std::cout << tally.passed << " passed, " << tally.failed << " failed";
  if (!ok) std::cout << "; " << loaded.errors.size() << " rule errors, listed above";
  std::cout << "\n";
  return ok && tally.failed == 0 ? kDone : kUsage;
}

int main(int argc, char** argv) {
  CLI::App app{
      "claimdiff: where news outlets agree, only seem to differ, or conflict on the facts of a "
      "story"};
  app.set_version_flag("--version", CLAIMDIFF_VERSION);
  app.require_subcommand(1);

  RunArgs run;
  auto* run_cmd =
      app.add_subcommand("run", "Extract, reconcile and write reports for article folders");
  add_common(run_cmd, run.common);
  run_cmd->add_option("paths", run.paths, "Story folders or files (default: corpus/)");
  run_cmd->add_option("-o,--out", run.out, "Output folder")->capture_default_str();
  run_cmd->add_flag("--include-furniture", run.include_furniture,
                    "Also claims from page furniture");
  run_cmd->add_flag("--us-dates", run.us_dates, "Read 11/12/2024 as 12 November... in US order");
  run_cmd->add_option("--ref-date", run.ref_date, "Resolve relative dates against YYYY-MM-DD");
  run_cmd->add_option("--max-bytes", run.max_bytes, "Skip files larger than this")
      ->capture_default_str();
  run_cmd
      ->add_option("--fail-on", run.fail_on,
                   "Exit 1 on findings: never, conflict, high, new-conflict (not yet reviewed)")
      ->check(CLI::IsMember({"never", "conflict", "high", "new-conflict"}))
      ->capture_default_str();
  run_cmd
      ->add_option("--review", run.review_files,
                   "A review file of editors' decisions (repeatable; review.yaml beside each "
                   "story is read too)")
      ->allow_extra_args(false);
  run_cmd->add_flag("--timings", run.timings,
                    "Record timings in run.json (makes it differ run to run)");

  ExtractArgs extract;
  auto* extract_cmd =
      app.add_subcommand("extract", "Print claims (or with --all every figure) as JSON Lines");
  add_common(extract_cmd, extract.common);
  extract_cmd->add_option("paths", extract.paths, "Story folders or files");
  extract_cmd->add_flag("--stdin", extract.from_stdin, "Read one article from standard input");
  extract_cmd->add_option("--format", extract.format, "Output format")
      ->check(CLI::IsMember({"jsonl"}));
  extract_cmd->add_flag("--all", extract.all, "Every figure read, not only claims");
  extract_cmd->add_flag("--include-furniture", extract.include_furniture,
                        "Also claims from page furniture");
  extract_cmd->add_flag("--us-dates", extract.us_dates, "Numeric dates in US order");
  extract_cmd->add_option("--ref-date", extract.ref_date,
                          "Resolve relative dates against YYYY-MM-DD");

  Common reconcile_common;
  std::vector<std::string> reconcile_files;
  auto* reconcile_cmd =
      app.add_subcommand("reconcile", "Findings (JSON Lines) from claims (JSON Lines)");
  add_common(reconcile_cmd, reconcile_common);
  reconcile_cmd->add_option("files", reconcile_files,
                            "claims.jsonl files, or - for standard input");

  Common explain_common;
  std::string explain_arg, explain_ref;
  bool explain_stdin = false, explain_us = false;
  auto* explain_cmd = app.add_subcommand("explain", "Show what each stage did to a file or text");
  add_common(explain_cmd, explain_common);
  explain_cmd->add_option("text", explain_arg, "A file, or text to explain");
  explain_cmd->add_flag("--stdin", explain_stdin, "Read the text from standard input");
  explain_cmd->add_option("--ref-date", explain_ref, "Resolve relative dates against YYYY-MM-DD");
  explain_cmd->add_flag("--us-dates", explain_us, "Numeric dates in US order");

  EvalArgs eval_args;
  auto* eval_cmd =
      app.add_subcommand("eval", "Precision and recall of claims and findings against gold files");
  add_common(eval_cmd, eval_args.common);
  eval_cmd->add_option("--gold", eval_args.gold_files, "A gold.json (repeatable)")
      ->allow_extra_args(false)
      ->required()
      ->check(CLI::ExistingFile);
  eval_cmd->add_option("paths", eval_args.paths,
                       "Story folders to run (default: each gold file's folder)");
  eval_cmd->add_option("--format", eval_args.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  eval_cmd->add_option("--min-f1", eval_args.min_f1, "Exit 1 when the facts' F1 is below this")
      ->check(CLI::Range(0.0, 1.0));

  Common rules_common;
  bool rules_verbose = false;
  auto* rules_cmd = app.add_subcommand("rules", "Work with rule packs");
  rules_cmd->require_subcommand(1);
  auto* rules_test = rules_cmd->add_subcommand("test", "Run every example of every rule");
  add_common(rules_test, rules_common);
  rules_test->add_flag("--verbose,-v", rules_verbose, "Print passing examples too");

  try {
    app.parse(argc, argv);
    if (*run_cmd) return cmd_run(run);
    if (*extract_cmd) return cmd_extract(extract);
    if (*reconcile_cmd) return cmd_reconcile(reconcile_common, reconcile_files);
    if (*eval_cmd) return cmd_eval(eval_args);
    if (*explain_cmd)
      return cmd_explain(explain_common, explain_arg, explain_stdin, explain_ref, explain_us);
    if (*rules_test) return cmd_rules_test(rules_common, rules_verbose);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kDone : kUsage;
  }
  return kUsage;
}
