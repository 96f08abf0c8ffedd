// Golden outputs: each story of corpus/ run as `claimdiff run` runs it, compared
// with tests/golden/<story>/ claim by claim and finding by finding. A failure
// lists what appeared, vanished or changed (field: was -> now), not a byte diff.
// After reading the list and agreeing with it: `make golden`.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "run_helpers.h"

using namespace claimdiff;
namespace fs = std::filesystem;

namespace {

using Objects = std::map<std::string, nlohmann::ordered_json>;  // by id

Objects read_claims(const fs::path& file) {
  Objects out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) {
      auto j = nlohmann::ordered_json::parse(line);
      out[j["id"].get<std::string>()] = j;
    }
  return out;
}

Objects read_findings(const fs::path& file) {
  Objects out;
  std::ifstream in(file);
  for (auto& j : nlohmann::ordered_json::parse(in)) out[j["id"].get<std::string>()] = j;
  return out;
}

std::string name_of(const nlohmann::ordered_json& j) {
  if (j.contains("claim_ids"))  // a finding
    return j["attribute"].get<std::string>() +
           (j["scope"].get<std::string>().empty() ? ""
                                                  : " (" + j["scope"].get<std::string>() + ")") +
           " " + j["verdict"].get<std::string>();
  return j["article"].get<std::string>() + ":" + j["span"][0].dump() + " '" +
         j["text"].get<std::string>() + "' " + j["attribute"].get<std::string>() + " " +
         j["value"].dump();
}

// "appeared", "vanished" and "changed" lines, in id order.
std::vector<std::string> differences(const std::string& what, const Objects& expected,
                                     const Objects& actual) {
  std::vector<std::string> lines;
  for (const auto& [id, was] : expected) {
    const auto now = actual.find(id);
    if (now == actual.end()) {
      lines.push_back(what + " vanished: " + name_of(was));
      continue;
    }
    std::string changed;
    for (const auto& [key, value] : was.items())
      if (!now->second.contains(key) || now->second[key] != value)
        changed += "\n      " + key + ": " + value.dump() + " -> " +
                   (now->second.contains(key) ? now->second[key].dump() : "(none)");
    for (const auto& [key, value] : now->second.items())
      if (!was.contains(key)) changed += "\n      " + key + ": (none) -> " + value.dump();
    if (!changed.empty()) lines.push_back(what + " changed: " + name_of(was) + changed);
  }
  for (const auto& [id, now] : actual)
    if (!expected.count(id)) lines.push_back(what + " appeared: " + name_of(now));
  return lines;
}

std::string serialise(const std::vector<claim::Claim>& claims) {
  std::string out;
  for (const auto& c : claims) out += claim::to_json(c).dump() + "\n";
  return out;
}

}  // namespace

TEST_CASE("golden: every story of the corpus gives the claims and findings on record", "[golden]") {
  std::size_t stories = 0;
  for (const auto& entry : fs::directory_iterator(testing::source_dir() / "corpus")) {
    if (!entry.is_directory()) continue;
    ++stories;
    const std::string story = entry.path().filename().string();
    const fs::path golden = testing::source_dir() / "tests" / "golden" / story;
    INFO("story " << story << " (expected outputs in " << golden.string() << ")");
    REQUIRE(fs::exists(golden / "claims.jsonl"));
    REQUIRE(fs::exists(golden / "findings.json"));

    const testing::Run r = testing::run(entry.path());
    const auto dir = testing::scratch_dir("golden-" + story);
    testing::write_file(dir / "claims.jsonl", serialise(r.claims));
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : r.findings) findings.push_back(reconcile::to_json(f));
    testing::write_file(dir / "findings.json", findings.dump(2));

    auto lines = differences("claim", read_claims(golden / "claims.jsonl"),
                             read_claims(dir / "claims.jsonl"));
    for (auto& l : differences("finding", read_findings(golden / "findings.json"),
                               read_findings(dir / "findings.json")))
      lines.push_back(std::move(l));
    std::ostringstream report;
    for (const auto& l : lines) report << "\n  " << l;
    INFO("differences from the golden outputs (`make golden` accepts them):" << report.str());
    CHECK(lines.empty());
  }
  CHECK(stories >= 2);
}

TEST_CASE("golden: the diff names what appeared, vanished and changed", "[golden]") {
  Objects was, now;
  was["a"] = {{"id", "a"},    {"article", "x.txt"}, {"span", {1, 3}},
              {"text", "5%"}, {"attribute", "t"},   {"value", {{"lo", 5}}}};
  was["b"] = was["a"];
  was["b"]["id"] = "b";
  now["a"] = was["a"];
  now["a"]["value"] = {{"lo", 6}};
  now["c"] = was["a"];
  now["c"]["id"] = "c";
  const auto lines = differences("claim", was, now);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        "claim changed: x.txt:1 '5%' t {\"lo\":5}\n      value: {\"lo\":5} -> {\"lo\":6}");
  CHECK(lines[1].starts_with("claim vanished: x.txt:1 '5%'"));
  CHECK(lines[2].starts_with("claim appeared: x.txt:1 '5%'"));
}
