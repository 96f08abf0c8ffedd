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
  text::Segmenter seg(text::Cues{});
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
