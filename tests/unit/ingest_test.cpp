#include "ingest/ingest.h"

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
  write_file(story / "notes.pdf", "%PDF");
  write_file(story / "sources.yaml",
             "articles:\n  a.txt:\n    outlet: Daily Courier\n    published: 2025-03-04\n");
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
  CHECK(problem_for("notes.pdf").find("not an article") != std::string::npos);
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
