// Bad input at the unit level: UTF-8 cleaning of metadata, UTF-16 without a
// BOM, manifests with bad bytes, and the output set written all or nothing.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/outputs.h"
#include "helpers.h"
#include "ingest/ingest.h"
#include "util/utf8.h"

using namespace claimdiff;
using testing::scratch_dir;
using testing::write_file;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("valid_utf8 replaces each bad byte with U+FFFD and keeps good text", "[reliability]") {
  CHECK(util::valid_utf8("caf\xC3\xA9 \xE2\x80\x94 ok") == "caf\xC3\xA9 \xE2\x80\x94 ok");
  CHECK(util::valid_utf8("z\xFF") == "z\xEF\xBF\xBD");
  CHECK(util::valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(util::valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(util::valid_utf8("\xE2\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut short
  CHECK(util::first_invalid_utf8("ab\xFE") == 2);
  CHECK(util::first_invalid_utf8("ab") == std::string_view::npos);
  CHECK(util::escape_invalid_utf8("\xFF.txt") == "\\xff.txt");
}

TEST_CASE("UTF-16 without a BOM is told by its NULs - text and binary are not", "[reliability]") {
  const std::string le(
      "C\0r\0e\0w\0s\0 \0v\0o\0t\0e\0d\0 \0"
      "8\0"
      "1\0%\0.\0",
      32);
  CHECK(ingest::utf16_without_bom(le) == std::optional<bool>(true));
  CHECK(ingest::utf16_without_bom(le.substr(1) + '\0') == std::optional<bool>(false));
  CHECK_FALSE(ingest::utf16_without_bom("Crews voted 81% for strike action."));
  CHECK_FALSE(ingest::utf16_without_bom(std::string(64, '\0')));  // all NUL: binary
  ingest::Article a;
  a.original = le;
  std::vector<ingest::Problem> problems;
  ingest::decode(a, problems);
  CHECK(a.text == "Crews voted 81%.");
  CHECK(a.encoding == "UTF-16LE");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("no byte-order mark") != std::string::npos);
}

TEST_CASE("a manifest field with bad bytes is cleaned and warned about", "[reliability]") {
  std::vector<ingest::Problem> problems;
  const auto m = ingest::parse_manifest(
      "story: Ferry\xFF\narticles:\n  a.txt:\n    outlet: Gaz\xFE"
      "ette\n  b.txt: {}\n",
      "sources.yaml", problems);
  CHECK(m.lists_articles);
  CHECK(m.title == "Ferry\xEF\xBF\xBD");
  CHECK(m.articles.at("a.txt").at("outlet") ==
        "Gaz\xEF\xBF\xBD"
        "ette");
  CHECK(m.articles.count("b.txt"));
  CHECK(problems.size() == 2);
  problems.clear();
  CHECK_FALSE(ingest::parse_manifest("[1, 2", "sources.yaml", problems).lists_articles);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("manifest unreadable (line") == 0);
}

TEST_CASE("a mistyped manifest entry - a list, a number - is passed over, not a crash",
          "[reliability]") {
  std::vector<ingest::Problem> problems;
  const auto m =
      ingest::parse_manifest("articles:\n  [a, b]: {outlet: [x]}\n  7: 8\n", "s", problems);
  CHECK(m.lists_articles);
  CHECK(m.articles.count("7"));
  CHECK(m.articles.at("7").empty());
}

TEST_CASE("the output set replaces the old one whole - or leaves it whole", "[reliability]") {
  const auto dir = scratch_dir("output-set");
  const auto out = dir / "out";
  std::filesystem::create_directories(out);
  write_file(out / "a.json", "old a");
  write_file(out / "b.json", "old b");
  write_file(out / "keep.png", "screenshot");
  const std::vector<cli::OutputFile> files = {{"a.json", "new a"}, {"b.json", "new b"}};

  ::setenv("CLAIMDIFF_TEST_FAIL_WRITE", "2", 1);
  const std::string error = cli::write_output_set(out, files);
  ::unsetenv("CLAIMDIFF_TEST_FAIL_WRITE");
  CHECK(error.find("b.json: cannot write: No space left on device") != std::string::npos);
  CHECK(slurp(out / "a.json") == "old a");
  CHECK(slurp(out / "b.json") == "old b");
  // Nothing left beside the folder.
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);

  CHECK(cli::write_output_set(out, files).empty());
  CHECK(slurp(out / "a.json") == "new a");
  CHECK(slurp(out / "b.json") == "new b");
  CHECK(slurp(out / "keep.png") == "screenshot");  // not part of the set: untouched
  CHECK(std::filesystem::exists(out / ingest::kOutputMarker));
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
}

TEST_CASE("the output folder and claimdiff's own reports are never input", "[reliability]") {
  const auto dir = scratch_dir("own-output");
  write_file(dir / "a.txt", "Crews voted 81% for strike action.\n");
  REQUIRE(cli::write_output_set(dir / "out", {{"report.md", "# claimdiff report\n81%\n"}}).empty());
  std::filesystem::create_directories(dir / "elsewhere");
  write_file(dir / "elsewhere" / "b.txt", "Crews voted 81% for strike action.\n");
  const auto result = ingest::read_inputs({dir}, {10000, {}, {dir / "elsewhere"}});
  REQUIRE(result.stories.size() == 1);
  CHECK(result.stories[0].articles.size() == 1);
  std::size_t notes = 0;
  for (const auto& p : result.problems) notes += p.note;
  CHECK(notes == 2);
}
