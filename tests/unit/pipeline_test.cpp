// End to end through the stages (as `claimdiff run` wires them) on the bundled
// corpus and on a small story we wrote ourselves.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "run_helpers.h"

using namespace claimdiff;
using namespace claimdiff::testing;

namespace {
const Run& bundled() {
  static const Run r = run(testing::source_dir() / "corpus" / "met-police-strike-2024");
  return r;
}
}  // namespace

TEST_CASE("bundled corpus: the strike yes-share conflicts between votes cast and all members",
          "[corpus]") {
  const Run& r = bundled();
  const auto* f = finding(r, "ballot.strike.yes_share");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::base_mismatch);
  CHECK(f->severity == reconcile::Severity::high);
  CHECK(outlets_of(r, *f) ==
        std::set<std::string>{"LBC", "BBC News", "The Independent", "Mail Online"});
  std::set<std::string> texts;
  for (const auto& id : f->claim_ids) texts.insert(claim_of(r, id).text);
  CHECK(texts.count("Slightly more than 50 per cent"));
  CHECK(texts.count("85%"));
  CHECK(texts.count("85 per cent"));
  CHECK(f->explanation.find("turnout") != std::string::npos);
}

TEST_CASE(
    "bundled corpus: 85% (strike) and 91% (action short of a strike) are different attributes",
    "[corpus]") {
  const Run& r = bundled();
  const auto* asos = finding(r, "ballot.asos.yes_share");
  REQUIRE(asos);
  CHECK(asos->verdict == reconcile::Verdict::agree);
  for (const auto& id : asos->claim_ids) CHECK(*claim_of(r, id).value.printed == 91);
  for (const auto& id : finding(r, "ballot.strike.yes_share")->claim_ids)
    CHECK(*claim_of(r, id).value.printed != 91);
}

TEST_CASE(
    "bundled corpus: the 2 -400 people in the dispute agree across outlets - 11 -000 is the whole "
    "workforce",
    "[corpus]") {
  const Run& r = bundled();
  const auto* f = finding(r, "dispute.people_involved");
  REQUIRE(f);
  CHECK(f->verdict == reconcile::Verdict::agree);
  CHECK(outlets_of(r, *f).size() == 4);
  for (const auto& id : f->claim_ids) CHECK(*claim_of(r, id).value.printed == 2400);
  const auto* total = finding(r, "workforce.total");
  REQUIRE(total);
  CHECK(*claim_of(r, total->claim_ids.at(0)).value.printed == 11000);
}

TEST_CASE(
    "bundled corpus: office attendance is read as days a week in the office and does not conflict",
    "[corpus]") {
  const Run& r = bundled();
  const auto* f = finding(r, "office.days_required");
  REQUIRE(f);
  CHECK(f->unit == "days/week");
  CHECK((f->verdict == reconcile::Verdict::compatible ||
         f->verdict == reconcile::Verdict::equivalent || f->verdict == reconcile::Verdict::agree));
  std::map<std::string, const reconcile::ScaledClaim*> scaled;
  for (const auto& s : f->scaled) scaled[claim_of(r, s.claim_id).text] = &s;
  REQUIRE(scaled.count("three to five days a week"));
  CHECK(*scaled["three to five days a week"]->lo == 3);
  CHECK(*scaled["three to five days a week"]->hi == 5);
  REQUIRE(scaled.count("between 60% and 100%"));
  CHECK(*scaled["between 60% and 100%"]->lo == Approx(3).margin(0.03));
  CHECK(*scaled["between 60% and 100%"]->hi == Approx(5));
  REQUIRE(scaled.count("at least four days a week"));
  CHECK(*scaled["at least four days a week"]->lo == 4);
  REQUIRE(scaled.count("up to two days a week"));  // at home: read as 3-5 in the office
  CHECK(*scaled["up to two days a week"]->lo == 3);
  // "seven days a week" (officers on the streets) is no attendance claim.
  for (const auto& c : r.claims) CHECK(c.text.find("seven") == std::string::npos);
}

TEST_CASE(
    "bundled corpus: furniture gives no claims by default - captions merge into the body claim",
    "[corpus]") {
  const Run& r = bundled();
  for (const auto& c : r.claims) {
    CHECK_FALSE(c.furniture());
    CHECK(c.text.find("2,000") == std::string::npos);    // related-links headline
    CHECK(c.text.find("170,000") == std::string::npos);  // unrelated headline
  }
  const Run with = run(testing::source_dir() / "corpus" / "met-police-strike-2024", true);
  bool furniture_seen = false;
  for (const auto& c : with.claims)
    furniture_seen = furniture_seen || (c.furniture() && c.text.find("2,000") != std::string::npos);
  CHECK(furniture_seen);
  // Mail Online repeats "11,000 civilian staff" in a caption: one claim, two positions.
  const auto* total = finding(r, "workforce.total");
  REQUIRE(total);
  REQUIRE(total->claim_ids.size() == 1);
  CHECK(claim_of(r, total->claim_ids[0]).also_at.size() == 1);
}

TEST_CASE("every claim's span holds its figure in the original file's bytes", "[corpus]") {
  const Run& r = bundled();
  REQUIRE(r.claims.size() > 10);
  for (const auto& story : r.input.stories)
    for (const auto& a : story.articles)
      for (const auto& c : r.claims) {
        if (c.article != a.file) continue;
        const std::string original = a.original.substr(c.span.begin, c.span.end - c.span.begin);
        std::vector<std::uint32_t> map(original.size() + 1);
        CHECK(text::normalise(original, map, map) == c.text);
      }
}

TEST_CASE("a story of our own: base mismatch - agreement - inferred outlets and dates",
          "[corpus]") {
  const Run r = run(testing::source_dir() / "tests" / "data" / "bus-drivers-ballot");
  const auto* yes = finding(r, "ballot.strike.yes_share");
  REQUIRE(yes);
  CHECK(yes->verdict == reconcile::Verdict::base_mismatch);
  REQUIRE(yes->implied_lo.has_value());
  // Nearly 40% of all members vs 78% of votes cast: turnout about 46-52%.
  CHECK(*yes->implied_lo == Approx(45.86).epsilon(0.01));
  CHECK(*yes->implied_hi == Approx(51.61).epsilon(0.01));
  const auto* people = finding(r, "dispute.people_involved");
  REQUIRE(people);
  CHECK(people->verdict == reconcile::Verdict::agree);
  const auto* turnout = finding(r, "ballot.turnout");
  REQUIRE(turnout);
  CHECK(turnout->verdict == reconcile::Verdict::single_source);

  std::map<std::string, std::string> outlet_by_file, published_by_file;
  for (const auto& a : r.input.stories.at(0).articles) {
    outlet_by_file[a.file] = a.meta.outlet.value;
    published_by_file[a.file] = a.meta.published.value;
  }
  CHECK(outlet_by_file["b_herald.txt"] == "The Herald");
  CHECK(published_by_file["a_courier.txt"] == "2025-03-04");
  // Furniture: the related link's £4m, the unrelated headlines' figures, the trap.
  for (const auto& c : r.claims) {
    CHECK(c.text.find("4m") == std::string::npos);
    CHECK(c.text.find("14 months") == std::string::npos);
    CHECK(c.text.find("999") == std::string::npos);
  }
  // The walkout date resolves forward from the dateline's date.
  bool dated = false;
  for (const auto& c : r.claims)
    if (c.article == "a_courier.txt" && c.kind == "date")
      dated = quantity::describe(c.value) == "2025-03-20";
  CHECK(dated);
}

TEST_CASE("a story of our own: dates without a year are anchored on the story's dates",
          "[corpus][dates]") {
  // The Gazette is dated by the manifest (2025-05-02, a Friday); the Bulletin
  // has no date; the Chronicle's date line (9 February 2017) is years off.
  const Run r = run(testing::source_dir() / "tests" / "data" / "ferry-timetable-vote");
  std::multiset<std::string> dates;
  for (const auto& c : r.claims)
    if (c.kind == "date" && c.value.lo && c.value.hi)
      dates.insert(c.article.substr(0, 1) + " " +
                   quantity::format_day(static_cast<long>(*c.value.lo)) + " " +
                   quantity::format_day(static_cast<long>(*c.value.hi)));
  // The Gazette's two Thursdays are one claim (true copies merge).
  const std::multiset<std::string> want = {
      "a 2025-05-01 2025-05-01",  // was held on Thursday
      "b 2025-05-01 2025-05-01",  // was held on Thursday
      "b 2025-05-05 2025-05-05",  // will run from Monday
      "b 2025-02-01 2025-02-28",  // in February
      // October 2025 lies nearer the story's day, but the past tense says
      // October 2024, well within a year of it.
      "b 2024-10-01 2024-10-31",  // last went up in October
      "c 2025-05-01 2025-05-01",  // Thursday's vote was won
      "c 2025-10-14 2025-10-14",  // Tuesday 14 October
      "c 2024-01-01 2024-12-31",  // last year
  };
  CHECK(dates == want);
}

TEST_CASE("furniture of other shapes: no claims from it by default - marked when asked for",
          "[pipeline]") {
  const auto dir = testing::source_dir() / "tests" / "data" / "furniture";
  const Run r = run(dir);
  std::set<std::string> texts;
  for (const auto& c : r.claims) {
    CHECK_FALSE(c.furniture());
    texts.insert(c.text);
  }
  CHECK(texts.count("68%"));
  CHECK(texts.count("52%"));  // glued to the appeal but the story's own
  for (const char* furniture : {"12%", "25%",
                                "\xC2\xA3"
                                "40,000",
                                "\xC2\xA3"
                                "1",
                                "from May"})
    CHECK_FALSE(texts.count(furniture));
  // A quote over two sentences: the figure's speaker is named where the quote closes.
  bool attributed = false;
  for (const auto& c : r.claims)
    if (c.text == "1,100 members")
      attributed = c.speaker == "the union's branch secretary" && c.speaker_role == "union";
  CHECK(attributed);

  const Run with = run(dir, true);
  bool marked = false;
  for (const auto& c : with.claims)
    if (c.text == "25%")
      marked = c.furniture() && c.region == "related-links" && c.confidence < 0.5;
  CHECK(marked);
}

TEST_CASE("an HTML page: claims from the article only - the caption merges into the body claim",
          "[pipeline]") {
  const Run r = run(testing::source_dir() / "tests" / "data" / "html-pages");
  REQUIRE(r.input.stories.size() == 1);
  const auto& article = r.input.stories[0].articles.at(0);
  CHECK(article.meta.outlet.value == "The Harbour Gazette");
  const claim::Claim* crew = nullptr;
  for (const auto& c : r.claims) {
    CHECK(c.text.find("90,000") == std::string::npos);  // newsletter box
    CHECK(c.text.find("4%") == std::string::npos);      // read-more link
    CHECK(c.outlet == "The Harbour Gazette");
    if (c.value.printed && *c.value.printed == 640) crew = &c;
  }
  REQUIRE(crew);
  CHECK(crew->region == "body");
  REQUIRE(crew->also_at.size() == 1);
  CHECK(crew->also_at[0].region == "caption");
  // Spans are bytes of the HTML file: the figure's own text where no entity intervenes.
  for (const auto& c : r.claims) {
    const std::string span = article.original.substr(c.span.begin, c.span.end - c.span.begin);
    if (span.find('&') == std::string::npos) CHECK(span == c.text);
  }
  // "&pound;2.3m": the span runs from the reference to the figure's end.
  for (const auto& c : r.claims)
    if (c.kind == "money")
      CHECK(article.original.substr(c.span.begin, c.span.end - c.span.begin) == "&pound;2.3m");
}

TEST_CASE("a 1 MB line without full stops: read to its end - the quote is a window", "[pipeline]") {
  const auto dir = testing::scratch_dir("one-line");
  std::string line;
  while (line.size() < 1024 * 1024) line += "the talks went on and on ";
  line += "until 64% of members voted yes";
  testing::write_file(dir / "one-line.txt", line);
  const Run r = run(dir);
  REQUIRE(r.claims.size() == 1);
  CHECK(r.claims[0].text == "64%");
  CHECK(r.claims[0].quote.size() < 700);
  CHECK(r.claims[0].quote.starts_with("..."));
  CHECK(r.claims[0].quote.ends_with("voted yes"));
}

TEST_CASE("every claim's value is an interval with unit and hedge", "[corpus]") {
  for (const Run* r : {&bundled()}) {
    REQUIRE_FALSE(r->claims.empty());
    for (const auto& c : r->claims) {
      const auto j = quantity::to_json(c.value);
      CHECK(j.contains("lo"));
      CHECK(j.contains("hi"));
      CHECK_FALSE(c.value.unit.empty());
      CHECK_FALSE(c.value.hedge.empty());
      if (c.value.lo && c.value.hi) CHECK(*c.value.lo <= *c.value.hi);
      // An unresolved value says why: its words are kept.
      if (!c.value.lo && !c.value.hi) CHECK_FALSE(c.value.partial.empty());
    }
  }
}

TEST_CASE("a quote keeps the outlet's own characters - its figure is marked inside it",
          "[pipeline]") {
  const auto dir = testing::scratch_dir("curly-quote");
  // Curly quotes, a non-breaking space and an HTML-free em dash, as printed.
  testing::write_file(dir / "curly.txt",
                      "The union\xE2\x80\x99s ballot \xE2\x80\x94 its first in years \xE2\x80\x94 "
                      "drew a turnout of 71%\xC2\xA0overall, officials said.\n");
  const Run r = run(dir);
  REQUIRE(r.claims.size() == 1);
  const auto& c = r.claims[0];
  CHECK(c.quote.find("union\xE2\x80\x99s") != std::string::npos);
  CHECK(c.quote.find("\xE2\x80\x94") != std::string::npos);
  CHECK(c.quote.substr(c.figure_begin, c.figure_end - c.figure_begin) == "71%");
  const std::string& original = r.input.stories[0].articles[0].original;
  CHECK(original.substr(c.quote_span.begin, c.quote_span.end - c.quote_span.begin) == c.quote);
}
