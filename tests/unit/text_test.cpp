#include "text/text.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace claimdiff;

namespace {
std::vector<std::uint32_t> identity(std::size_t n) {
  std::vector<std::uint32_t> m(n + 1);
  for (std::size_t i = 0; i <= n; ++i) m[i] = static_cast<std::uint32_t>(i);
  return m;
}
}  // namespace

TEST_CASE("normalise folds quotes - dashes and odd spaces and keeps the map to the original",
          "[text]") {
  // “60%” – at\u00a0work, soft hy\u00adphen, ﬁle
  const std::string in =
      "\xE2\x80\x9C"
      "60%\xE2\x80\x9D \xE2\x80\x93 at\xC2\xA0work, hy\xC2\xADphen, \xEF\xAC\x81le";
  std::vector<std::uint32_t> map;
  const std::string out = text::normalise(in, identity(in.size()), map);
  CHECK(out == "\"60%\" - at work, hyphen, file");
  REQUIRE(map.size() == out.size() + 1);
  CHECK(map[out.find("60%")] == 3);  // after the 3-byte opening quote
  CHECK(map[out.find("work")] == in.find("work"));
  CHECK(map[out.find("file")] == in.find("\xEF\xAC\x81"));
  CHECK(map[out.size()] == in.size());
}

TEST_CASE("normalise composes to NFC through the map", "[text]") {
  const std::string in = "cafe\xCC\x81 5";  // e + combining acute
  std::vector<std::uint32_t> map;
  const std::string out = text::normalise(in, identity(in.size()), map);
  CHECK(out == "caf\xC3\xA9 5");
  CHECK(map[out.find('5')] == in.find('5'));
}

TEST_CASE("glued sentences are split - abbreviations and decimals are not", "[text]") {
  std::vector<std::uint32_t> map;
  const std::string in =
      "makes all the difference.Civilian staff struck. Pay rose 2.5 per cent at bbc.co.uk";
  const std::string out = text::normalise(in, identity(in.size()), map);
  CHECK(out.find("difference. Civilian") != std::string::npos);
  CHECK(out.find("2.5 per cent") != std::string::npos);
  CHECK(out.find("bbc.co.uk") != std::string::npos);
  CHECK(map[out.find("Civilian")] == in.find("Civilian"));
}

TEST_CASE("sentences split on ICU boundaries but not after Mr. or Dr.", "[text]") {
  // "Mr." is in ICU's own list; "Dr." comes from the lexicon's abbreviations.
  text::Cues cues;
  cues.abbreviations = {"Dr."};
  text::Segmenter plain(text::Cues{});
  CHECK(plain.segment_text("Dr. Patel disagreed.").sentences.size() == 2);
  text::Segmenter seg(cues);
  const auto doc = seg.segment_text(
      "Headline here\nMr. Jones said 40 staff left. Dr. Patel disagreed. Sir Keir spoke.");
  std::vector<std::string> sentences;
  for (const auto& s : doc.sentences) sentences.emplace_back(doc.slice(s.begin, s.end));
  REQUIRE(sentences.size() == 4);
  CHECK(sentences[1] == "Mr. Jones said 40 staff left.");
  CHECK(sentences[2] == "Dr. Patel disagreed.");
}

TEST_CASE("regions: furniture cues from the rule packs on an article of our own", "[text]") {
  const auto& rules = testing::builtin_rules();
  text::Segmenter seg(rules.cues());
  const std::string article =
      "Library staff to strike over Sunday opening\n"
      "By Priya Shah\n"
      "12 May 2025, 07:45\n"
      "Listen to this article\n"
      "Library workers in Eastfield will strike after 70% of members who voted backed action.\n"
      "The council said the plan was needed to save money.\n"
      "A picket outside the central library (Stock image)\n"
      "Read more: Eastfield to close two leisure centres\n"
      "Your support helps us keep reporting. Library hours were cut in 2023.\n"
      "Most Popular\n"
      "Celebrity chef opens 12th restaurant\n"
      "Football club fined \xC2\xA3"
      "50,000\n";
  const auto doc = seg.segment_text(article);
  std::vector<std::string> regions;
  for (const auto& b : doc.blocks) regions.emplace_back(text::to_string(b.region));
  // The first full sentence after the headline is the standfirst.
  CHECK(regions == std::vector<std::string>{"headline", "byline", "dateline", "promo", "standfirst",
                                            "body", "caption", "related-links", "body",
                                            "related-links", "related-links", "related-links"});
  // The appeal glued before a body sentence is promo; the sentence after it is body.
  bool saw_promo = false, saw_body = false;
  for (const auto& s : doc.sentences) {
    const auto t = doc.slice(s.begin, s.end);
    if (t.starts_with("Your support")) saw_promo = s.region == text::Region::promo;
    if (t.starts_with("Library hours")) saw_body = s.region == text::Region::body;
  }
  CHECK(saw_promo);
  CHECK(saw_body);
  const auto meta = seg.infer_meta(doc);
  CHECK(meta.title.value == "Library staff to strike over Sunday opening");
  CHECK(meta.author.value == "Priya Shah");
  CHECK(meta.published.value == "12 May 2025");
}

TEST_CASE("regions: an appeal spread over sentences - a trending list - a glued body sentence",
          "[text]") {
  const auto& rules = testing::builtin_rules();
  text::Segmenter seg(rules.cues());
  ingest::Result input = ingest::read_inputs(
      {testing::source_dir() / "tests" / "data" / "furniture" / "lecturers-northgate.txt"}, {});
  REQUIRE(input.stories.size() == 1);
  const auto doc = seg.segment(input.stories[0].articles.at(0));
  auto region_of = [&](std::string_view start) -> std::string {
    for (const auto& s : doc.sentences)
      if (doc.slice(s.begin, s.end).starts_with(start)) return text::to_string(s.region);
    return "missing";
  };
  CHECK(region_of("Lecturers at Northgate") == "headline");
  CHECK(region_of("Listen to this") == "promo");
  CHECK(region_of("Tuesday, 4 March") == "dateline");
  CHECK(region_of("By Ama") == "byline");
  CHECK(region_of("Staff say a 1.4%") == "standfirst");
  CHECK(region_of("Lecturers on the picket") == "caption");
  // Only two of the appeal's five sentences name support or giving; all five are promo.
  CHECK(region_of("Journalism like ours") == "promo");
  CHECK(region_of("We have no billionaire") == "promo");
  CHECK(region_of("Every pound you give") == "promo");
  CHECK(region_of("Turnout was 52%") == "body");  // glued to the appeal, but the story
  CHECK(region_of("Read more:") == "related-links");
  CHECK(region_of("\"We balloted") == "body");
  CHECK(region_of("Subscribe now") == "promo");
  CHECK(region_of("Trending Now") == "related-links");
  CHECK(region_of("Two men charged") == "related-links");
}

TEST_CASE("a page that opens with a full sentence has no headline but a standfirst", "[text]") {
  text::Segmenter seg(testing::builtin_rules().cues());
  const auto doc = seg.segment_text(
      "Donate today and keep us independent. Your support means everything.\n"
      "Council workers across the county have voted to strike over a pay offer they say falls "
      "far short of inflation.\n"
      "The ballot closed on Friday.\n");
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].region == text::Region::promo);
  CHECK(doc.blocks[1].region == text::Region::standfirst);
  CHECK(doc.blocks[2].region == text::Region::body);
}

TEST_CASE("initials do not end sentences - a quote's state is carried across sentences", "[text]") {
  text::Segmenter seg(testing::builtin_rules().cues());
  const auto doc = seg.segment_text(
      "Headline\nShop steward A. J. Okoro said talks had failed. \"We asked twice. They said "
      "no,\" she added. It ended.\n");
  std::vector<std::string> sentences;
  for (const auto& s : doc.sentences) sentences.emplace_back(doc.slice(s.begin, s.end));
  REQUIRE(sentences.size() == 5);
  CHECK(sentences[1] == "Shop steward A. J. Okoro said talks had failed.");
  CHECK_FALSE(doc.sentences[1].quote_at_end.inside());
  CHECK(doc.sentences[2].quote_at_end.inside());  // "We asked twice.
  CHECK(doc.sentences[3].quote_at_start.inside());
  CHECK_FALSE(doc.sentences[3].quote_at_end.inside());  // They said no," she added.
  CHECK_FALSE(doc.sentences[4].quote_at_start.inside());
}

TEST_CASE("an HTML page: regions come from its markup - what precedes the <h1> is chrome",
          "[text]") {
  text::Segmenter seg(testing::builtin_rules().cues());
  ingest::Result input = ingest::read_inputs(
      {testing::source_dir() / "tests" / "data" / "html-pages" / "ferry-crews.html"},
      testing::input_options());
  REQUIRE(input.stories.size() == 1);
  const auto& article = input.stories[0].articles.at(0);
  CHECK(article.format == "html");
  const auto doc = seg.segment(article);
  auto region_of = [&](std::string_view start, std::string_view end = "") -> std::string {
    for (const auto& b : doc.blocks) {
      const auto t = doc.slice(b.begin, b.end);
      if (t.starts_with(start) && t.ends_with(end)) return text::to_string(b.region);
    }
    return "missing";
  };
  CHECK(region_of("The Harbour Gazette") == "promo");
  CHECK(region_of("Ferry crews vote to") == "headline");
  CHECK(region_of("Deckhands and engineers") == "standfirst");
  CHECK(region_of("By Priya Nandakumar") == "byline");
  CHECK(region_of("Some 640 crew", "(Stock image)") == "caption");
  CHECK(region_of("Some 640 crew", "Union said.") == "body");
  CHECK(region_of("Sign up to our daily") == "promo");
  CHECK(region_of("Read more: Harbour") == "related-links");
  CHECK(region_of("Turnout was 71%.") == "body");
  // Dropped with their elements: nav, script, aside, footer.
  for (const char* gone : {"Weather", "dataLayer", "Lighthouse", "Registered"})
    CHECK(doc.text.find(gone) == std::string::npos);
}

TEST_CASE("bundled corpus: a donation appeal glued into the body is promo - the body is not",
          "[corpus]") {
  text::Segmenter seg(testing::builtin_rules().cues());
  for (const char* file : {"003_98376a9b9aca3571.txt", "004_e094f49576ba0189.txt"}) {
    ingest::Result input = ingest::read_inputs(
        {testing::source_dir() / "corpus" / "met-police-strike-2024" / file}, {});
    const auto doc = seg.segment(input.stories.at(0).articles.at(0));
    int appeal = 0;
    for (const auto& s : doc.sentences) {
      const auto t = doc.slice(s.begin, s.end);
      // Sentences of the appeal that name no support or donation.
      if (t.find("reproductive rights") != std::string_view::npos ||
          t.find("we need reporters") != std::string_view::npos) {
        CHECK(s.region == text::Region::promo);
        ++appeal;
      }
      if (t.starts_with("Civilian staff")) CHECK(text::is_article_region(s.region));
    }
    CHECK(appeal >= 2);
  }
}
