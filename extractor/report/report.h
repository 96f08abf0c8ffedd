// report: the files of out/ — claims.jsonl, findings.json, report.md,
// report.html and run.json — each written to a temporary name and renamed, so a
// crash never leaves half a report; the summary printed after a run; and the
// editors' review files, whose decisions the reports show.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claim/claim.h"
#include "reconcile/reconcile.h"

namespace claimdiff::report {

struct ArticleInfo {
  std::string story, file, outlet, outlet_source, published, published_source, encoding;
  std::size_t bytes = 0, claims = 0;
  std::string title;
  // The article as a reader sees it, for the HTML page: views into the ingested
  // article, which must outlive the call that writes the page. Empty: not shown.
  std::string_view text;
  std::span<const std::uint32_t> text_to_original;  // per byte of `text`, its file offset
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
  reconcile::Options words;        // the rule packs' words: attribute labels, bases of shares
};

// ---- review files -----------------------------------------------------------
//
// An editor's decision on one finding, from a review.yaml beside the story or a
// file given with --review:
//
//   decisions:
//     - finding: 3f1c0a9e7b2d4c55   # the finding id, as the report prints it
//       decision: confirmed         # confirmed | dismissed | needs-check
//       verdict: conflict           # optional: the verdict decided on
//       note: Checked with the press office
//       by: J. Editor
//       at: 2026-11-30
//
// A decision that names a verdict lapses when the finding's verdict changes: the
// finding is new again. Later decisions on one finding replace earlier ones.
struct Decision {
  std::string finding, decision, verdict, note, by, at;
  std::string source;  // "file:line", for people looking for it
};

struct Reviews {
  std::map<std::string, Decision> by_finding;
  std::vector<std::string> files;  // read, in order
};

// Reads one review file into `reviews`. Problems (unreadable file, bad YAML,
// unknown decision) are appended to `problems`, one line each with file:line;
// the entries that are well formed are kept.
void read_review(const std::filesystem::path& file, Reviews& reviews,
                 std::vector<Problem>& problems);

// The decision that stands for a finding, or nullptr (none, or lapsed).
const Decision* decision_for(const Reviews& reviews, const reconcile::Finding& finding);
// A decision recorded for the finding under another verdict, or nullptr.
const Decision* lapsed_decision(const Reviews& reviews, const reconcile::Finding& finding);

// Review decisions naming findings this run did not produce: stale ids.
std::vector<const Decision*> unknown_decisions(const Reviews& reviews,
                                               const std::vector<reconcile::Finding>& findings);

// ---- what every report shows ---------------------------------------------------

// The stories and outlets a run read, sorted.
struct Coverage {
  std::set<std::string> stories, outlets;
};
Coverage coverage(const RunInfo& info);

// Claims in no finding: no rule names them and no subject was read, so
// nothing ties them to another outlet's figure. They are listed in
// claims.jsonl but not checked.
std::size_t unchecked_claims(const std::vector<claim::Claim>& claims,
                             const std::vector<reconcile::Finding>& findings);

// Figures one outlet alone gives that no rule names, page furniture and low
// severity: shown only when asked for.
bool is_low_confidence(const reconcile::Finding& finding);

// A finding's review in words: "confirmed by J. Editor on 2026-11-30: note".
std::string review_words(const Reviews& reviews, const reconcile::Finding& finding);
// A base mismatch's missing figure: "turnout 58.5-65.1%"; "" for other findings.
std::string implied_words(const reconcile::Finding& finding);
// A claim's interval on its finding's common scale: "84.5 to 85.5%", "2025-06-02".
std::string scaled_words(const reconcile::ScaledClaim& scaled, const std::string& unit);

using ClaimIndex = std::map<std::string, const claim::Claim*>;  // by claim id
ClaimIndex index_claims(const std::vector<claim::Claim>& claims);

// One claim of a finding, as a row of the reports' tables and charts.
struct ClaimRow {
  const claim::Claim* claim = nullptr;
  const reconcile::ScaledClaim* scaled = nullptr;  // on the common scale; none: not on it
  std::string read_as;   // how claimdiff read it: "more than 50% of all members"
  std::string on_scale;  // `scaled` in words: "84.5 to 85.5%", "not on the scale"
};

// A finding as report.md, report.html and the terminal summary show it, worked
// out once so that the three say the same. Points into the finding, the claims
// and the reviews it was made from.
struct FindingView {
  const reconcile::Finding* finding = nullptr;  // label, explanation, ids: as they are
  std::string_view verdict;                     // its name: "base-mismatch"
  std::string_view verdict_label;               // for people: "Shares of different wholes"
  std::string_view severity;                    // "high"
  const Decision* decision = nullptr;           // the editor's decision that stands, if any
  std::string review;   // "confirmed by J. Editor on 2026-11-30: note", "not reviewed"
  std::string implied;  // a base mismatch's missing figure: "turnout 58.5-65.1%", else ""
  bool low_confidence = false;
  std::vector<ClaimRow> rows;  // the finding's claims, in its order (ids not in the run left out)
  // Each outlet once, with its figures as printed: {"Northern Wire", "420 members, 300 staff"}.
  std::vector<std::pair<std::string, std::string>> figures;
};
FindingView view_of(const reconcile::Finding& finding, const ClaimIndex& claims,
                    const Reviews& reviews, const reconcile::Options& words);
// A view of each finding, in the findings' order.
std::vector<FindingView> views_of(const std::vector<reconcile::Finding>& findings,
                                  const std::vector<claim::Claim>& claims, const Reviews& reviews,
                                  const reconcile::Options& words);

// The report's sections in reading order, conflicts first, with their findings.
struct Section {
  std::string id, title, intro;
  std::vector<const FindingView*> findings;
};
std::vector<Section> sections(const std::vector<FindingView>& views);

// ---- writers ------------------------------------------------------------------

std::string claims_jsonl(const std::vector<claim::Claim>& claims);
std::string findings_json(const std::vector<reconcile::Finding>& findings);
std::string run_json(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings);
std::string markdown(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings, const Reviews& reviews);

// One self-contained page: inline CSS, script and SVG, nothing fetched. Every
// text from an article or a review file is escaped.
struct HtmlOptions {
  std::size_t max_article_bytes = 1 << 20;  // longer articles are not embedded
  std::size_t max_total_bytes = 8 << 20;    // nor any once the page holds this much text
};
std::string html(const RunInfo& info, const std::vector<claim::Claim>& claims,
                 const std::vector<reconcile::Finding>& findings, const Reviews& reviews,
                 const HtmlOptions& options = {});

// The summary printed after `claimdiff run`: counts, then a table of the
// conflicts with each outlet's figure and the review decision. ANSI colour only
// when `colour` (the caller checks for a terminal and NO_COLOR).
std::string terminal_summary(const RunInfo& info, const std::vector<claim::Claim>& claims,
                             const std::vector<reconcile::Finding>& findings,
                             const Reviews& reviews, bool colour);

// Findings by verdict, in the order of reconcile's verdicts; verdicts no finding has are left out.
std::vector<std::pair<reconcile::Verdict, std::size_t>> count_verdicts(
    const std::vector<reconcile::Finding>& findings);

}  // namespace claimdiff::report
