// The editors' reports: review files, escaping, the HTML page's structure, the
// Markdown and the terminal summary. Stories and review files written for these tests.
#include "report/report.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <regex>

#include "run_helpers.h"

using namespace claimdiff;
using testing::Run;

namespace {

const Run& hostile() {
  static const Run r = testing::run(testing::source_dir() / "tests" / "data" / "hostile-page");
  return r;
}

report::RunInfo info_of(const Run& r) {
  report::RunInfo info;
  info.words = cli::words_of(testing::builtin_rules());
  for (const auto& s : r.input.stories)
    for (const auto& a : s.articles)
      info.articles.push_back({a.story, a.file, a.meta.outlet.value, "manifest", "", "", "",
                               a.original.size(), 0, a.meta.title.value, a.text,
                               a.text_to_original});
  return info;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

report::Reviews review_of(const std::string& yaml, std::vector<report::Problem>& problems) {
  const auto dir = testing::scratch_dir("review");
  testing::write_file(dir / "review.yaml", yaml);
  report::Reviews reviews;
  report::read_review(dir / "review.yaml", reviews, problems);
  return reviews;
}

reconcile::Finding finding(const std::string& id, reconcile::Verdict verdict) {
  reconcile::Finding f;
  f.id = id;
  f.verdict = verdict;
  f.severity = reconcile::Severity::high;
  return f;
}

// The hostile page's one conflict, with one decision recorded on it.
std::pair<const reconcile::Finding*, report::Reviews> turnout_decided(const std::string& decision,
                                                                      const std::string& verdict,
                                                                      const std::string& note) {
  const auto* turnout = testing::finding(hostile(), "ballot.turnout");
  REQUIRE(turnout);
  report::Reviews reviews;
  reviews.by_finding[turnout->id] = {turnout->id, decision, verdict,        note,
                                     "ed",        "",       "review.yaml:2"};
  return {turnout, reviews};
}

}  // namespace

TEST_CASE("review: decisions by finding id - later ones win - a changed verdict lapses",
          "[report]") {
  std::vector<report::Problem> problems;
  const auto reviews = review_of(
      "decisions:\n"
      "  - finding: aaaa\n"
      "    decision: needs-check\n"
      "  - finding: aaaa\n"
      "    decision: confirmed\n"
      "    verdict: conflict\n"
      "    note: rang the union's office\n"
      "    by: R. Okafor\n"
      "    at: 2026-03-02\n"
      "  - finding: bbbb\n"
      "    decision: dismissed\n"
      "    verdict: base-mismatch\n",
      problems);
  CHECK(problems.empty());
  const auto* a = report::decision_for(reviews, finding("aaaa", reconcile::Verdict::conflict));
  REQUIRE(a);
  CHECK(a->decision == "confirmed");
  CHECK(a->by == "R. Okafor");
  CHECK(report::review_words(reviews, finding("aaaa", reconcile::Verdict::conflict)) ==
        "confirmed by R. Okafor on 2026-03-02: rang the union's office");
  // The finding is now a conflict, not the base mismatch the editor dismissed.
  CHECK_FALSE(report::decision_for(reviews, finding("bbbb", reconcile::Verdict::conflict)));
  CHECK(report::lapsed_decision(reviews, finding("bbbb", reconcile::Verdict::conflict)));
  CHECK(report::review_words(reviews, finding("bbbb", reconcile::Verdict::conflict))
            .starts_with("not reviewed"));
  CHECK_FALSE(report::decision_for(reviews, finding("cccc", reconcile::Verdict::conflict)));
}

TEST_CASE("review: each bad entry is one line with file and line - good ones are kept",
          "[report]") {
  std::vector<report::Problem> problems;
  const auto reviews = review_of(
      "decisions:\n"
      "  - finding: aaaa\n"
      "    decision: approved\n"
      "  - decision: confirmed\n"
      "  - finding: bbbb\n"
      "    decison: confirmed\n"
      "    decision: dismissed\n"
      "  - finding: cccc\n"
      "    decision: confirmed\n"
      "    verdict: conflicts\n",
      problems);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].file.ends_with("review.yaml:2"));
  CHECK(problems[0].message.find("'approved'") != std::string::npos);
  CHECK(problems[1].file.ends_with("review.yaml:4"));
  CHECK(problems[2].file.ends_with("review.yaml:6"));
  CHECK(problems[2].message.find("decison") != std::string::npos);
  // A verdict that is not a verdict's name: named, from the verdict table, and
  // the decision kept, so that the reports show it lapsed.
  CHECK(problems[3].file.ends_with("review.yaml:8"));
  CHECK(problems[3].message ==
        "verdict 'conflicts' is not one of conflict, base-mismatch, speaker-disagreement, "
        "outdated, unassessed, updated, compatible, equivalent, agree or single-source");
  CHECK(reviews.by_finding.size() == 2);
  CHECK(reviews.by_finding.count("bbbb"));
  CHECK(report::lapsed_decision(reviews, finding("cccc", reconcile::Verdict::conflict)));
}

TEST_CASE("review: broken YAML and a missing file are named - an empty file is no decisions",
          "[report]") {
  std::vector<report::Problem> problems;
  review_of("decisions:\n  - finding: [unclosed\n", problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file.find("review.yaml:") != std::string::npos);
  CHECK(problems[0].message.starts_with("review file is not YAML"));

  problems.clear();
  report::Reviews reviews;
  report::read_review(testing::scratch_dir("review-missing") / "review.yaml", reviews, problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "cannot read review file");
  CHECK(reviews.files.empty());

  problems.clear();
  const auto empty = review_of("", problems);
  CHECK(problems.empty());
  CHECK(empty.files.size() == 1);
}

TEST_CASE("html: text from articles and manifests is escaped - the page runs only its own script",
          "[report]") {
  const Run& r = hostile();
  const std::string page = report::html(info_of(r), r.claims, r.findings, {});
  CHECK(count(page, "<script") == 1);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("&lt;script&gt;window.__pwned = 1;") != std::string::npos);
  CHECK(page.find("Harbour Echo &lt;b&gt;&quot;Live&quot;&lt;/b&gt;") != std::string::npos);
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
}

TEST_CASE("html: a card per finding, conflicts first, one chart mark per claim row", "[report]") {
  const Run& r = hostile();
  const std::string page = report::html(info_of(r), r.claims, r.findings, {});
  const auto* turnout = testing::finding(r, "ballot.turnout");
  REQUIRE(turnout);
  CHECK(turnout->verdict == reconcile::Verdict::conflict);
  const auto card_at = page.find("id=\"f-" + turnout->id + "\"");
  REQUIRE(card_at != std::string::npos);
  CHECK(card_at > page.find("<section class=\"group\" id=\"conflicts\""));
  const std::string card = page.substr(card_at, page.find("</section>", card_at) - card_at);
  CHECK(count(card, "<g class=\"mark\"") == turnout->claim_ids.size());
  CHECK(count(card, "<tr data-claim=") == turnout->claim_ids.size());
  CHECK(card.find("<mark>72%</mark>") != std::string::npos);
  CHECK(card.find("<mark>41%</mark>") != std::string::npos);
  // Each quote links to its figure, marked in the article below.
  for (const auto& id : turnout->claim_ids) {
    CHECK(card.find("href=\"#c-" + id + "\"") != std::string::npos);
    CHECK(page.find("<mark id=\"c-" + id + "\"") != std::string::npos);
  }
  // Same input, same bytes.
  CHECK(report::html(info_of(r), r.claims, r.findings, {}) == page);
}

TEST_CASE("html: a recorded decision shows on its card; an article too long is not embedded",
          "[report]") {
  const Run& r = hostile();
  const auto [turnout, reviews] = turnout_decided("dismissed", "", "<em>typo</em> fixed");
  report::HtmlOptions small;
  small.max_article_bytes = 10;
  const std::string page = report::html(info_of(r), r.claims, r.findings, reviews, small);
  CHECK(page.find("Review: dismissed by ed: &lt;em&gt;typo&lt;/em&gt; fixed") != std::string::npos);
  CHECK(page.find("Not embedded: too long for one page") != std::string::npos);
  CHECK(page.find("href=\"#c-") == std::string::npos);
}

TEST_CASE("markdown: article text cannot become markup - the figure is bold", "[report]") {
  const Run& r = hostile();
  const std::string md = report::markdown(info_of(r), r.claims, r.findings, {});
  CHECK(md.find("\\<img src=x onerror=") != std::string::npos);
  CHECK(md.find(" <img") == std::string::npos);
  CHECK(md.find("**41%**") != std::string::npos);
  CHECK(md.find("## Conflicts") < md.find("## Agreements"));
  // A table row keeps its columns; emphasis and tags stay text.
  CHECK(md.find("backed a strike \\| \\*with\\* a turnout of **41%**") != std::string::npos);
  CHECK(md.find("Harbour Echo \\<b\\>\"Live\"\\</b\\>") != std::string::npos);
}

TEST_CASE("terminal: conflicts in a table, colour only when asked, reviewed ones marked",
          "[report]") {
  const Run& r = hostile();
  const auto* turnout = testing::finding(r, "ballot.turnout");
  REQUIRE(turnout);
  const std::string plain = report::terminal_summary(info_of(r), r.claims, r.findings, {}, false);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(plain.find("Conflicts: 1, 0 reviewed") != std::string::npos);
  CHECK(std::regex_search(plain, std::regex("conflict +Ballot turnout +new +.*41%.*72%")));
  report::Reviews reviews;
  reviews.by_finding[turnout->id] = {turnout->id, "confirmed", "", "", "", "", ""};
  const std::string coloured =
      report::terminal_summary(info_of(r), r.claims, r.findings, reviews, true);
  CHECK(coloured.find("\x1b[31m") != std::string::npos);
  CHECK(coloured.find("1 reviewed") != std::string::npos);
  CHECK(coloured.find("confirmed") != std::string::npos);
}

TEST_CASE("terminal: control characters from articles never reach the terminal", "[report]") {
  testing::Run r = hostile();
  for (auto& c : r.claims) c.outlet = "Echo\x1b[2J\x07";
  for (auto& f : r.findings) f.label += "\x1b]0;title\x07";
  const std::string plain = report::terminal_summary(info_of(r), r.claims, r.findings, {}, false);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(plain.find('\x07') == std::string::npos);
  CHECK(plain.find("Echo?[2J?") != std::string::npos);
}

TEST_CASE("html: the page's style and script are the bytes of report/assets/, compiled in",
          "[report]") {
  auto asset = [](const std::string& name) {
    std::ifstream in(testing::source_dir() / "extractor" / "report" / "assets" / name,
                     std::ios::binary);
    REQUIRE(in);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  const std::string css = asset("report.css"), js = asset("report.js");
  CHECK(css.find(".card.v-conflict") != std::string::npos);
  CHECK(js.find("filter-verdict") != std::string::npos);
  const Run& r = hostile();
  const std::string page = report::html(info_of(r), r.claims, r.findings, {});
  CHECK(page.find("<style>\n" + css + "</style>") != std::string::npos);
  CHECK(page.find("<script>\n" + js + "</script>") != std::string::npos);
}

TEST_CASE("view: one view of a finding gives the verdict, review and rows every writer prints",
          "[report]") {
  const Run& r = hostile();
  const auto [turnout, reviews] = turnout_decided("confirmed", "conflict", "");
  const auto views =
      report::views_of(r.findings, r.claims, reviews, cli::words_of(testing::builtin_rules()));
  REQUIRE(views.size() == r.findings.size());
  const auto info = info_of(r);
  const std::string md = report::markdown(info, r.claims, r.findings, reviews);
  const std::string page = report::html(info, r.claims, r.findings, reviews);
  const std::string terminal = report::terminal_summary(info, r.claims, r.findings, reviews, false);
  for (const auto& v : views) {
    const reconcile::Finding& f = *v.finding;
    INFO(f.label);
    CHECK(v.verdict == reconcile::name(f.verdict));
    CHECK(v.verdict_label == reconcile::label(f.verdict));
    CHECK(v.severity == reconcile::name(f.severity));
    CHECK(v.review == report::review_words(reviews, f));
    CHECK(v.decision == report::decision_for(reviews, f));
    REQUIRE(v.rows.size() == f.claim_ids.size());
    std::set<std::string> outlets;
    for (std::size_t i = 0; i < v.rows.size(); ++i) {
      const auto& row = v.rows[i];
      CHECK(row.claim->id == f.claim_ids[i]);
      CHECK(row.read_as ==
            reconcile::describe_claim(*row.claim, cli::words_of(testing::builtin_rules())));
      if (row.scaled) CHECK(row.on_scale == report::scaled_words(*row.scaled, f.unit));
      outlets.insert(row.claim->outlet);
    }
    CHECK(v.figures.size() == outlets.size());
    // What the writers print is the view's.
    CHECK(md.find("**" + std::string(v.verdict) + "** (" + std::string(v.severity) + ") · story `" +
                  f.story + "` · finding `" + f.id + "`") != std::string::npos);
    CHECK(page.find("<span class=\"verdict\">" + std::string(v.verdict_label) + "</span> · " +
                    std::string(v.severity)) != std::string::npos);
    if (&f != turnout) continue;  // the page's one conflict, reviewed: the terminal's table
    std::string figures;
    for (const auto& [outlet, text] : v.figures)
      figures += (figures.empty() ? "" : "; ") + outlet + ": " + text;
    CHECK(std::regex_search(terminal, std::regex(std::string(v.verdict) + " +Ballot turnout +" +
                                                 v.decision->decision)));
    CHECK(terminal.find(" " + figures + "\n") != std::string::npos);
  }
  CHECK(md.find("review: confirmed by ed") != std::string::npos);
}

TEST_CASE("claims in no finding are counted as unchecked, in run.json and report.md", "[report]") {
  std::vector<claim::Claim> claims(3);
  claims[0].id = "a";
  claims[1].id = "b";
  claims[2].id = "c";
  reconcile::Finding f;
  f.claim_ids = {"a", "c"};
  CHECK(report::unchecked_claims(claims, {f}) == 1);
  CHECK(report::unchecked_claims(claims, {}) == 3);
  report::RunInfo info;
  const auto j = nlohmann::json::parse(report::run_json(info, claims, {f}));
  CHECK(j["counts"]["unchecked_claims"] == 1);
  CHECK(report::markdown(info, claims, {f}, {}).find("1 claim is not checked") !=
        std::string::npos);
}
