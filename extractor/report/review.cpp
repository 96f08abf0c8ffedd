// Review files: editors' decisions on findings, read with yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "report/report.h"
#include "util/utf8.h"

namespace fs = std::filesystem;

namespace claimdiff::report {

namespace {

constexpr const char* kDecisions[] = {"confirmed", "dismissed", "needs-check"};
constexpr const char* kFields[] = {"finding", "decision", "verdict", "note", "by", "at"};

std::string where(const fs::path& file, const YAML::Mark& mark) {
  return util::escape_invalid_utf8(file.string()) + ":" + std::to_string(mark.line + 1);
}

// "conflict, base-mismatch, ... or single-source": what a decision's verdict may be.
std::string verdict_names() {
  std::string s;
  for (const auto& row : reconcile::kVerdicts) {
    if (!s.empty()) s += &row == &reconcile::kVerdicts.back() ? " or " : ", ";
    s += row.name;
  }
  return s;
}

}  // namespace

void read_review(const fs::path& file, Reviews& reviews, std::vector<Problem>& problems) {
  auto problem = [&](const std::string& at, const std::string& message) {
    problems.push_back({at, util::valid_utf8(message)});  // yaml-cpp's own messages quote bytes
  };
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problem(util::escape_invalid_utf8(file.string()), "cannot read review file");
    return;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  YAML::Node root;
  try {
    root = YAML::Load(bytes.str());
  } catch (const YAML::Exception& e) {
    problem(where(file, e.mark), "review file is not YAML: " + e.msg);
    return;
  }
  reviews.files.push_back(file.string());
  if (!root || root.IsNull()) return;  // an empty file: no decisions yet
  const YAML::Node list = root.IsMap() ? root["decisions"] : root;
  if (!list || !list.IsSequence()) {
    problem(where(file, root.Mark()), "review file needs a list under 'decisions:'");
    return;
  }
  for (const YAML::Node& entry : list) {
    const std::string at = where(file, entry.Mark());
    if (!entry.IsMap()) {
      problem(at, "a decision is a map with finding: and decision:");
      continue;
    }
    Decision d;
    d.source = at;
    bool ok = true;
    for (const auto& kv : entry) {
      const std::string key = util::escape_invalid_utf8(kv.first.Scalar());
      if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields)) {
        problem(where(file, kv.first.Mark()),
                "unknown field '" + key + "' (expected finding, decision, verdict, note, by, at)");
        continue;
      }
      if (!kv.second.IsScalar()) {
        problem(where(file, kv.second.Mark()), "'" + key + "' must be a single value");
        ok = false;
        continue;
      }
      // Every field reaches the reports: bad bytes become U+FFFD here, once.
      const std::string value = util::valid_utf8(kv.second.Scalar());
      if (value != kv.second.Scalar())
        problem(where(file, kv.second.Mark()),
                "'" + key + "' is not valid UTF-8; bad bytes replaced with U+FFFD");
      if (key == "finding") d.finding = value;
      if (key == "decision") d.decision = value;
      if (key == "verdict") d.verdict = value;
      if (key == "note") d.note = value;
      if (key == "by") d.by = value;
      if (key == "at") d.at = value;
    }
    if (d.finding.empty()) {
      problem(at, "decision without 'finding:' (the finding id from the report)");
      ok = false;
    }
    if (std::find(std::begin(kDecisions), std::end(kDecisions), d.decision) ==
        std::end(kDecisions)) {
      problem(at, "decision '" + d.decision + "' is not confirmed, dismissed or needs-check");
      ok = false;
    }
    if (!d.verdict.empty() && !reconcile::verdict_named(d.verdict)) {
      // Kept: it lapses, as the reports say, but a typo should not go unseen.
      problem(at, "verdict '" + d.verdict + "' is not one of " + verdict_names());
    }
    if (ok) reviews.by_finding[d.finding] = std::move(d);
  }
}

const Decision* decision_for(const Reviews& reviews, const reconcile::Finding& finding) {
  const auto it = reviews.by_finding.find(finding.id);
  if (it == reviews.by_finding.end()) return nullptr;
  if (!it->second.verdict.empty() && it->second.verdict != reconcile::name(finding.verdict))
    return nullptr;
  return &it->second;
}

const Decision* lapsed_decision(const Reviews& reviews, const reconcile::Finding& finding) {
  const auto it = reviews.by_finding.find(finding.id);
  if (it == reviews.by_finding.end() || decision_for(reviews, finding)) return nullptr;
  return &it->second;
}

std::vector<const Decision*> unknown_decisions(const Reviews& reviews,
                                               const std::vector<reconcile::Finding>& findings) {
  std::set<std::string> ids;
  for (const auto& f : findings) ids.insert(f.id);
  std::vector<const Decision*> unknown;
  for (const auto& [id, d] : reviews.by_finding)
    if (!ids.count(id)) unknown.push_back(&d);
  return unknown;
}

}  // namespace claimdiff::report
