// report: the files of out/ — claims.jsonl, findings.json, report.md and
// run.json — each written to a temporary name and renamed, so a crash never
// leaves half a report.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "claim/claim.h"
#include "reconcile/reconcile.h"

namespace claimdiff::report {

struct ArticleInfo {
  std::string story, file, outlet, outlet_source, published, published_source, encoding;
  std::size_t bytes = 0, claims = 0;
};

struct Problem {
  std::string file;
  std::string message;
};

// What run.json records beside the results.
struct RunInfo {
  std::string version;
  std::vector<std::string> inputs;
  std::vector<std::string> rule_files;
  std::map<std::string, std::string> pack_versions;
  std::vector<ArticleInfo> articles;
  std::vector<Problem> problems;
  nlohmann::ordered_json timings;  // empty unless asked for: timings are not deterministic
};

// Writes `content` to `path` through a temporary file in the same folder.
// Returns false and sets `error` (naming the path) on failure.
bool write_atomically(const std::filesystem::path& path, std::string_view content,
                      std::string& error);

std::string claims_jsonl(const std::vector<claim::Claim>& claims);
std::string findings_json(const std::vector<reconcile::Finding>& findings);
std::string run_json(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings);
std::string markdown(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings);

// Findings by verdict, in the order of reconcile's verdicts.
std::vector<std::pair<std::string, std::size_t>> count_verdicts(
    const std::vector<reconcile::Finding>& findings);

}  // namespace claimdiff::report
