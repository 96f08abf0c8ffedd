#include "ruleset/ruleset.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace claimdiff;
using claimdiff::testing::scratch_dir;
using claimdiff::testing::write_file;

namespace {
std::vector<ruleset::Error> load_errors(const std::string& yaml) {
  const auto dir = scratch_dir("rules");
  write_file(dir / "pack.yaml", yaml);
  return ruleset::load({dir}).errors;
}
bool has_error(const std::vector<ruleset::Error>& errors, int line, const std::string& rule,
               const std::string& text) {
  for (const auto& e : errors)
    if (e.line == line && e.rule == rule && e.message.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("the built-in packs load without errors", "[ruleset]") {
  const auto loaded = ruleset::load({CLAIMDIFF_RULES_DIR});
  for (const auto& e : loaded.errors) FAIL(e.format());
  CHECK(loaded.rules.rules.size() > 40);
  CHECK(loaded.rules.pack_versions.count("core"));
}

TEST_CASE("rule files are checked strictly - with file - line - rule id and RE2's message",
          "[ruleset]") {
  const auto errors = load_errors(R"(macros:
  A: 'x{{B}}'
  B: 'y{{A}}'
rules:
  - id: bad.regex
    kind: count
    pattern: '(?P<num>\d+'
    examples: [{text: '1', none: true}]
  - id: bad.key
    kind: count
    colour: red
    pattern: '\d'
    examples: [{text: '1', none: true}]
  - id: bad.macro
    kind: count
    pattern: '{{NOPE}}'
    examples: [{text: '1', none: true}]
  - id: bad.recursive
    kind: count
    pattern: '{{A}}'
    examples: [{text: '1', none: true}]
  - id: bad.key
    kind: count
    pattern: '\d'
    examples: [{text: '1', none: true}]
  - id: no.examples
    kind: count
    pattern: '\d'
  - id: attr.novalue
    kind: count
    attribute: x.y
    pattern: '\d'
    examples: [{text: '1', none: true}]
)");
  CHECK(has_error(errors, 7, "bad.regex", "missing )"));
  CHECK(has_error(errors, 11, "bad.key", "unknown key 'colour'"));
  CHECK(has_error(errors, 16, "bad.macro", "undefined macro {{NOPE}}"));
  CHECK(has_error(errors, 20, "bad.recursive", "recursive macro"));
  CHECK(has_error(errors, 22, "bad.key", "duplicate rule id"));
  CHECK(has_error(errors, 26, "no.examples", "no examples"));
  CHECK(has_error(errors, 32, "attr.novalue", "(?P<value>"));
  // The formatted line names the file.
  CHECK(errors[0].format().find("pack.yaml:") != std::string::npos);
}

TEST_CASE("a YAML syntax error names the file and line", "[ruleset]") {
  const auto errors = load_errors("rules:\n  - id: x\n    kind: count\n    pattern: [unclosed\n");
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].message.find("YAML error") != std::string::npos);
  CHECK(errors[0].line >= 3);
}

TEST_CASE("overlapping figures: priority - then length decides - traps remove figures",
          "[ruleset]") {
  const auto& rules = testing::builtin_rules();
  const std::string s = "About 400 striking 999 call handlers and 85% of members who voted.";
  const auto mentions = ruleset::match(rules, s, 0, s.size());
  std::vector<std::string> kinds;
  for (const auto& m : mentions)
    if (rules.rules[m.rule].layer == ruleset::Layer::quantity)
      kinds.push_back(rules.rules[m.rule].kind);
  // "About 400 striking 999 call handlers": the count reaches into the trap, the
  // trap has the higher priority and wins; the percentage stands alone.
  CHECK(std::count(kinds.begin(), kinds.end(), "trap") == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), "percentage") == 1);
}

TEST_CASE("context checks: must_before and not_before", "[ruleset]") {
  const auto& rules = testing::builtin_rules();
  auto rule_ids = [&](const std::string& s) {
    std::vector<std::string> ids;
    for (const auto& m : ruleset::match(rules, s, 0, s.size()))
      ids.push_back(rules.rules[m.rule].id);
    return ids;
  };
  const auto change = rule_ids("Pay rose from 3% to 5% this year.");
  CHECK(std::find(change.begin(), change.end(), "percentage.change") != change.end());
  const auto range = rule_ids("Estimates run from 3% to 5%.");
  CHECK(std::find(range.begin(), range.end(), "percentage.range_from") != range.end());
  CHECK(std::find(range.begin(), range.end(), "percentage.change") == range.end());
}

TEST_CASE("a pack given twice (built in and with --rules) is read once", "[ruleset]") {
  const auto once = ruleset::load({CLAIMDIFF_RULES_DIR});
  const auto twice = ruleset::load({std::filesystem::path(CLAIMDIFF_RULES_DIR),
                                    std::filesystem::path(CLAIMDIFF_RULES_DIR) / "core"});
  CHECK(twice.errors.empty());
  CHECK(twice.rules.rules.size() == once.rules.rules.size());
  CHECK(twice.rules.files == once.rules.files);
}
