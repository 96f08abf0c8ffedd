#include "ingest/ingest.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "helpers.h"

using namespace claimdiff;
using claimdiff::testing::scratch_dir;
using claimdiff::testing::write_file;

namespace {
ingest::Article decoded(const std::string& bytes,
                        std::vector<ingest::Problem>* problems = nullptr) {
  ingest::Article a;
  a.path = "mem.txt";
  a.original = bytes;
  std::vector<ingest::Problem> local;
  ingest::decode(a, problems ? *problems : local);
  return a;
}
}  // namespace

TEST_CASE("UTF-8 with a BOM decodes without it and maps back past it", "[ingest]") {
  const auto a = decoded(
      "\xEF\xBB\xBF"
      "caf\xC3\xA9 42");
  CHECK(a.encoding == "UTF-8 (BOM)");
  CHECK(a.text == "caf\xC3\xA9 42");
  REQUIRE(a.text_to_original.size() == a.text.size() + 1);
  CHECK(a.text_to_original[0] == 3);
  CHECK(a.text_to_original[a.text.find("42")] == 9);
}

TEST_CASE("invalid UTF-8 bytes are replaced and reported with their offset", "[ingest]") {
  std::vector<ingest::Problem> problems;
  const auto a = decoded("ab\xC3(cd \xF0\x9F\x98\x80 ok", &problems);
  CHECK(a.text.find("\xEF\xBF\xBD") == 2);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("byte 2") != std::string::npos);
  CHECK_FALSE(problems[0].skipped);
  // The emoji survives, and "ok" maps to its own bytes.
  CHECK(a.text.find("\xF0\x9F\x98\x80") != std::string::npos);
  CHECK(a.text_to_original[a.text.find("ok")] == 12);
}

TEST_CASE("UTF-16 with a BOM is decoded to UTF-8", "[ingest]") {
  const std::string le(
      "\xFF\xFE"
      "8\0"
      "5\0"
      "%\0",
      8);
  const auto a = decoded(le);
  CHECK(a.encoding == "UTF-16LE");
  CHECK(a.text == "85%");
  CHECK(a.text_to_original[1] == 4);
  const std::string be(
      "\xFE\xFF\0"
      "4\0"
      "2",
      6);
  CHECK(decoded(be).text == "42");
}

TEST_CASE("legacy 8-bit text is read as Windows-1252", "[ingest]") {
  // Curly quotes and a pound sign as Windows-1252 bytes.
  const auto a = decoded(
      "The union said \x93pay \xA3"
      "3m\x94 and more text to detect the charset well.");
  CHECK(a.encoding.rfind("windows-125", 0) == 0);
  CHECK(a.text.find("\xE2\x80\x9Cpay \xC2\xA3"
                    "3m\xE2\x80\x9D") != std::string::npos);
  const auto pound = a.text.find("\xC2\xA3");
  CHECK(a.text_to_original[pound] == 20);
}

TEST_CASE("a folder is a story - bad files are named and skipped - the rest is read", "[ingest]") {
  const auto dir = scratch_dir("ingest");
  const auto story = dir / "my-story";
  std::filesystem::create_directories(story);
  write_file(story / "a.txt", "Nurses vote to strike.\n");
  write_file(story / "b.md", "Second outlet.\n");
  write_file(story / "empty.txt", "");
  write_file(story / "binary.txt", std::string("\x01\x02\0\0PK", 6));
  write_file(story / "big.txt", std::string(2000, 'x'));
  write_file(story / "scan.pdf", "%PDF");
  write_file(story / "sources.yaml",
             "articles:\n  a.txt:\n    outlet: Daily Courier\n    published: 2025-03-04\n"
             "  b.md: {}\n  empty.txt: {}\n  binary.txt: {}\n  big.txt: {}\n  scan.pdf: {}\n");
  std::filesystem::create_directory_symlink(story, story / "loop");

  const auto result = ingest::read_inputs({dir}, {1000});
  REQUIRE(result.stories.size() == 1);
  const auto& s = result.stories[0];
  CHECK(s.name == "my-story");
  REQUIRE(s.articles.size() == 2);
  CHECK(s.articles[0].file == "a.txt");
  CHECK(s.articles[0].meta.outlet.value == "Daily Courier");
  CHECK(s.articles[0].meta.outlet.source == ingest::FieldSource::manifest);
  CHECK(s.articles[0].meta.published.value == "2025-03-04");
  CHECK_FALSE(s.articles[1].meta.outlet.known());

  auto problem_for = [&](const std::string& name) -> std::string {
    for (const auto& p : result.problems)
      if (p.file.find(name) != std::string::npos) return p.message;
    return "";
  };
  CHECK(problem_for("empty.txt").find("empty") != std::string::npos);
  CHECK(problem_for("binary.txt").find("binary") != std::string::npos);
  CHECK(problem_for("big.txt").find("over the limit") != std::string::npos);
  CHECK(problem_for("scan.pdf").find("not an article") != std::string::npos);
  CHECK(problem_for("loop").find("already visited") != std::string::npos);
}

TEST_CASE("a missing path and an unreadable manifest are problems - not crashes", "[ingest]") {
  const auto dir = scratch_dir("ingest-missing");
  write_file(dir / "a.txt", "Text.\n");
  write_file(dir / "sources.yaml", "articles: [unclosed\n");
  const auto result = ingest::read_inputs({dir / "nope", dir}, {});
  REQUIRE(result.stories.size() == 1);
  REQUIRE(result.problems.size() == 2);
  CHECK(result.problems[0].message.find("cannot read") != std::string::npos);
  CHECK(result.problems[1].file.find("sources.yaml") != std::string::npos);
}

TEST_CASE("each kind of bad input is one named problem and the good files are still read",
          "[ingest]") {
  const auto dir = scratch_dir("ingest-bad");
  const auto story = dir / "story";
  std::filesystem::create_directories(story);
  write_file(story / "good.txt", "Porters vote to strike.\n");
  write_file(story / "stray-nul.txt",
             std::string("Cleaners walked out.") + '\0' + " Talks resume.\n");
  write_file(story / "bad-utf8.txt", "Caf\xE9 staff balloted 120 members.\n");
  write_file(story / "locked.txt", "Locked away.\n");
  std::filesystem::permissions(story / "locked.txt", std::filesystem::perms::none);
  std::string one_line(1024 * 1024, 'a');
  for (std::size_t i = 80; i < one_line.size(); i += 81) one_line[i] = ' ';
  one_line += " and 75% of members backed the offer.";
  write_file(story / "one-line.txt", one_line);

  const auto result = ingest::read_inputs({dir}, {});
  auto problem_for = [&](const std::string& name) -> const ingest::Problem* {
    for (const auto& p : result.problems)
      if (p.file.find(name) != std::string::npos) return &p;
    return nullptr;
  };
  REQUIRE(result.stories.size() == 1);
  std::vector<std::string> read;
  for (const auto& a : result.stories[0].articles) read.push_back(a.file);

  // A NUL inside text: kept, the byte replaced, the offset named.
  const auto* nul = problem_for("stray-nul.txt");
  REQUIRE(nul);
  CHECK_FALSE(nul->skipped);
  CHECK(nul->message.find("NUL") != std::string::npos);
  CHECK(nul->message.find("byte 20") != std::string::npos);
  // Invalid UTF-8 that is not a legacy page (too few high bytes to tell): kept, offset named.
  const auto* utf8 = problem_for("bad-utf8.txt");
  if (utf8) CHECK_FALSE(utf8->skipped);
  CHECK(std::find(read.begin(), read.end(), "bad-utf8.txt") != read.end());
  // Root reads anything: the permission check only means something for other users.
  if (::geteuid() != 0) {
    const auto* locked = problem_for("locked.txt");
    REQUIRE(locked);
    CHECK(locked->skipped);
    CHECK(locked->message.find("ermission") != std::string::npos);
  }
  CHECK(std::find(read.begin(), read.end(), "good.txt") != read.end());
  CHECK(std::find(read.begin(), read.end(), "one-line.txt") != read.end());
  CHECK(std::find(read.begin(), read.end(), "stray-nul.txt") != read.end());
  std::filesystem::permissions(story / "locked.txt", std::filesystem::perms::owner_all);
}

namespace {
const char* kPage = R"(<!DOCTYPE html>
<html><head><title>Site | Tram drivers reject offer</title>
<meta property="og:site_name" content="Valley Post">
<meta name="author" content="Jo Brennan">
<meta property="article:published_time" content="2025-06-02T07:00:00Z">
<link rel="canonical" href="https://valley.example/trams">
<script>var x = "42 per cent";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<div class="masthead">Valley Post</div>
<h1>Tram drivers reject   offer</h1>
<p class="byline">By Jo Brennan</p>
<figure><figcaption>Drivers on the picket line</figcaption></figure>
<p>Drivers rejected a 4&nbsp;per cent offer,
said the union&#8217;s rep.</p>
<p>Fares rose by &pound;1 &amp; more.<br>New line.</p>
<aside><p>Most read: 99 things</p></aside>
<footer>Copyright 2025</footer>
</body></html>
)";
}  // namespace

TEST_CASE("an HTML page becomes its visible text - a line per block - mapped to the file",
          "[ingest]") {
  ingest::Article a = decoded(kPage);
  REQUIRE(ingest::looks_like_html("x.txt", a.text));
  CHECK_FALSE(ingest::looks_like_html("x.txt", "Plain text <b>bold</b>"));
  ingest::extract_html(a, testing::builtin_rules().lexicon.page_classes);
  CHECK(a.format == "html");
  CHECK(a.text ==
        "Valley Post\n"
        "Tram drivers reject offer\n"
        "By Jo Brennan\n"
        "Drivers on the picket line\n"
        "Drivers rejected a 4\xC2\xA0per cent offer, said the union\xE2\x80\x99s rep.\n"
        "Fares rose by \xC2\xA3\x31 & more.\n"
        "New line.\n");
  // Dropped: script, style, nav, aside, footer.
  for (const char* gone : {"42 per cent", "color", "Home", "Most read", "Copyright"})
    CHECK(a.text.find(gone) == std::string::npos);
  REQUIRE(a.text_to_original.size() == a.text.size() + 1);
  // Plain text maps byte for byte; a character reference maps to its '&'.
  const std::string page(kPage);
  const std::size_t rejected = a.text.find("rejected a 4");
  CHECK(page.compare(a.text_to_original[rejected], 12, "rejected a 4") == 0);
  const std::size_t nbsp = a.text.find("\xC2\xA0per");
  CHECK(page.compare(a.text_to_original[nbsp], 6, "&nbsp;") == 0);
  const std::size_t pound = a.text.find("\xC2\xA3");
  CHECK(page.compare(a.text_to_original[pound], 7, "&pound;") == 0);
  const std::size_t one = a.text.find("1 & more");
  CHECK(page.compare(a.text_to_original[one], 12, "1 &amp; more") == 0);
  const std::size_t amp_after = a.text.find(" more.");
  CHECK(page.compare(a.text_to_original[amp_after], 6, " more.") == 0);
  // The markup's own word on regions, in original bytes.
  auto hint = [&](const std::string& region) -> std::string {
    for (const auto& h : a.hints)
      if (h.region == region) return page.substr(h.begin, h.end - h.begin);
    return "";
  };
  CHECK(hint("headline") == "Tram drivers reject   offer");
  CHECK(hint("byline") == "By Jo Brennan");
  CHECK(hint("caption") == "Drivers on the picket line");
  // Metadata the page states, marked inferred; <title> loses to the page's <h1>.
  CHECK(a.meta.outlet.value == "Valley Post");
  CHECK(a.meta.outlet.source == ingest::FieldSource::inferred);
  CHECK(a.meta.author.value == "Jo Brennan");
  CHECK(a.meta.published.value == "2025-06-02T07:00:00Z");
  CHECK(a.meta.url.value == "https://valley.example/trams");
  CHECK_FALSE(a.meta.title.known());
}

TEST_CASE("broken HTML never crashes and still gives its text", "[ingest]") {
  for (const std::string& bytes :
       {std::string("<html><p>Unclosed <b>bold <i>and 12 nurses"), std::string("<html>"),
        std::string("<!doctype html><p>&#xZZ; &unknown; & alone &amp"),
        std::string("<html><body>") + std::string(100000, '<') + "</body>"}) {
    ingest::Article a = decoded(bytes);
    ingest::extract_html(a, testing::builtin_rules().lexicon.page_classes);
    REQUIRE(a.text_to_original.size() == a.text.size() + 1);
    CHECK(std::all_of(a.text_to_original.begin(), a.text_to_original.end(),
                      [&](auto offset) { return offset <= bytes.size(); }));
  }
  ingest::Article a = decoded("<html><p>Unclosed <b>bold <i>and 12 nurses");
  ingest::extract_html(a, testing::builtin_rules().lexicon.page_classes);
  CHECK(a.text == "Unclosed bold and 12 nurses\n");
}

TEST_CASE("a folder with no articles is named - not passed over in silence", "[ingest]") {
  const auto dir = testing::scratch_dir("no-articles");
  // Only an empty subfolder: nothing to read and nothing skipped.
  std::filesystem::create_directories(dir / "empty" / "drafts");
  const auto result = ingest::read_inputs({dir / "empty"}, {});
  CHECK(result.stories.empty());
  bool named = false;
  for (const auto& p : result.problems)
    named = named || (p.file == (dir / "empty").string() &&
                      p.message == "no articles in this folder (.txt, .md, .html or .htm files)");
  CHECK(named);
}
