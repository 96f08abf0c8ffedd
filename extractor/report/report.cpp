#include "report/report.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "util/strings.h"

namespace fs = std::filesystem;

namespace claimdiff::report {

namespace {

// Markdown from article text: nothing it holds may become markup, a table
// column or a line break.
std::string md_text(std::string_view s) {
  static constexpr std::string_view kSpecial = "\\|*_`[]<>#\n\r";
  std::string out;
  out.reserve(s.size() + 8);
  // Copy runs of plain text whole, as report.html's escape does.
  for (std::size_t at = 0; at < s.size();) {
    const std::size_t special = s.find_first_of(kSpecial, at);
    out.append(s.substr(at, special == std::string_view::npos ? s.npos : special - at));
    if (special == std::string_view::npos) break;
    const char c = s[special];
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += '\\';
      out += c;
    }
    at = special + 1;
  }
  return out;
}

// The sentence with the figure in bold.
std::string md_quote(const claim::Claim& c) {
  if (c.figure_end <= c.figure_begin || c.figure_end > c.quote.size()) return md_text(c.quote);
  return md_text(c.quote.substr(0, c.figure_begin)) + "**" +
         md_text(c.quote.substr(c.figure_begin, c.figure_end - c.figure_begin)) + "**" +
         md_text(c.quote.substr(c.figure_end));
}

// A finding's heading, verdict, explanation and a table row per claim.
std::string md_finding(const FindingView& v) {
  const reconcile::Finding& f = *v.finding;
  std::ostringstream md;
  md << "### " << md_text(f.label) << "\n\n";
  md << "**" << v.verdict << "** (" << v.severity << ") · story `" << f.story << "` · finding `"
     << f.id << "` · review: " << md_text(v.review) << "\n\n";
  md << md_text(f.explanation) << "\n\n";
  if (!v.implied.empty())
    md << "Implied " << md_text(v.implied) << ", a figure no outlet printed.\n\n";
  md << "| outlet | figure | read as | on the common scale | speaker | region | quote | "
        "file:bytes |\n|---|---|---|---|---|---|---|---|\n";
  for (const ClaimRow& row : v.rows) {
    const claim::Claim& c = *row.claim;
    md << "| " << md_text(c.outlet) << " | " << md_text(c.text) << " | " << md_text(row.read_as)
       << " | " << md_text(row.on_scale) << " | " << md_text(c.speaker) << " | " << c.region
       << " | " << md_quote(c) << " | " << md_text(c.article) << ":" << c.span.begin << "-"
       << c.span.end << " |\n";
  }
  md << "\n";
  return md.str();
}

}  // namespace

std::string claims_jsonl(const std::vector<claim::Claim>& claims) {
  std::string out;
  for (const auto& c : claims) out += claim::to_json(c).dump() + "\n";
  return out;
}

std::string findings_json(const std::vector<reconcile::Finding>& findings) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const auto& f : findings) j.push_back(reconcile::to_json(f));
  return j.dump(2) + "\n";
}

std::vector<std::pair<reconcile::Verdict, std::size_t>> count_verdicts(
    const std::vector<reconcile::Finding>& findings) {
  std::vector<std::pair<reconcile::Verdict, std::size_t>> counts;
  for (const auto& row : reconcile::kVerdicts) {
    const auto n = std::count_if(findings.begin(), findings.end(),
                                 [&](const auto& f) { return f.verdict == row.verdict; });
    if (n) counts.emplace_back(row.verdict, static_cast<std::size_t>(n));
  }
  return counts;
}

std::string run_json(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings) {
  nlohmann::ordered_json j;
  j["claimdiff"] = info.version;
  j["inputs"] = info.inputs;
  j["rule_files"] = info.rule_files;
  j["rule_packs"] = info.pack_versions;
  auto& articles = j["articles"] = nlohmann::ordered_json::array();
  for (const auto& a : info.articles) {
    articles.push_back({{"story", a.story},
                        {"file", a.file},
                        {"bytes", a.bytes},
                        {"encoding", a.encoding},
                        {"outlet", {{"value", a.outlet}, {"source", a.outlet_source}}},
                        {"published", {{"value", a.published}, {"source", a.published_source}}},
                        {"claims", a.claims}});
  }
  auto& problems = j["problems"] = nlohmann::ordered_json::array();
  for (const auto& p : info.problems)
    problems.push_back({{"file", p.file}, {"message", p.message}});
  j["counts"] = {{"articles", info.articles.size()},
                 {"claims", claims.size()},
                 {"unchecked_claims", unchecked_claims(claims, findings)},
                 {"findings", findings.size()}};
  nlohmann::ordered_json verdicts = nlohmann::ordered_json::object();
  for (const auto& [v, n] : count_verdicts(findings)) verdicts[std::string(reconcile::name(v))] = n;
  j["counts"]["verdicts"] = verdicts;
  if (!info.timings.is_null()) j["timings"] = info.timings;
  return j.dump(2) + "\n";
}

std::string markdown(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings, const Reviews& reviews) {
  const auto views = views_of(findings, claims, reviews, info.words);
  const auto [stories, outlets] = coverage(info);

  std::ostringstream md;
  md << "# claimdiff report\n\n";
  md << "Stories: " << stories.size() << " · Articles: " << info.articles.size()
     << " · Outlets: " << outlets.size() << " · Claims: " << claims.size()
     << " · Findings: " << findings.size() << "\n\n";
  if (const std::size_t unchecked = unchecked_claims(claims, findings))
    md << unchecked << (unchecked == 1 ? " claim is" : " claims are")
       << " not checked: no rule names them and no subject was read from their words "
          "(claims.jsonl lists them).\n\n";
  md << "| verdict | findings |\n|---|---|\n";
  for (const auto& [v, n] : count_verdicts(findings))
    md << "| " << reconcile::name(v) << " | " << n << " |\n";
  md << "\n";
  if (!reviews.files.empty()) {
    md << "Review decisions from:";
    for (const auto& f : reviews.files) md << " `" << f << "`";
    md << "\n\n";
  }

  for (const Section& section : sections(views)) {
    if (section.findings.empty()) continue;
    md << "## " << section.title << "\n\n" << section.intro << "\n\n";
    for (const FindingView* v : section.findings) md << md_finding(*v);
  }

  if (!info.problems.empty()) {
    md << "## Input problems\n\n";
    for (const auto& p : info.problems)
      md << "- " << md_text(p.file) << ": " << md_text(p.message) << "\n";
    md << "\n";
  }
  return md.str();
}

namespace {

// Text from articles on a terminal: control characters (an escape sequence
// in an outlet's name could clear the screen or recolour it) become '?'.
std::string printable(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

// Padded to `width` terminal columns, or cut to fit.
std::string pad(const std::string& s, std::size_t width) {
  const std::string cut = util::shorten(printable(s), width);
  return cut + std::string(width - util::code_points(cut), ' ');
}

}  // namespace

std::string terminal_summary(const RunInfo& info, const std::vector<claim::Claim>& claims,
                             const std::vector<reconcile::Finding>& findings,
                             const Reviews& reviews, bool colour) {
  auto paint = [&](const char* code, const std::string& s) {
    return colour ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  const auto [stories, outlets] = coverage(info);
  std::ostringstream out;
  out << "claimdiff: " << stories.size() << (stories.size() == 1 ? " story, " : " stories, ")
      << info.articles.size() << " articles, " << outlets.size() << " outlets, " << claims.size()
      << " claims, " << findings.size() << " findings\n";
  for (const auto& [verdict, n] : count_verdicts(findings))
    out << "  " << reconcile::name(verdict) << ": " << n << "\n";

  const auto views = views_of(findings, claims, reviews, info.words);
  std::vector<const FindingView*> conflicts;
  for (const auto& v : views)
    if (reconcile::is_conflict(*v.finding)) conflicts.push_back(&v);
  if (conflicts.empty()) return out.str();
  std::size_t reviewed = 0;
  for (const auto* v : conflicts) reviewed += v->decision != nullptr;
  out << "\n"
      << paint("1", "Conflicts: " + std::to_string(conflicts.size()) + ", " +
                        std::to_string(reviewed) + " reviewed")
      << "\n";
  constexpr std::size_t kVerdict = 20, kWhat = 34, kReview = 14;
  out << "  " << pad("VERDICT", kVerdict) << " " << pad("WHAT", kWhat) << " "
      << pad("REVIEW", kReview) << " FIGURES BY OUTLET\n";
  for (const auto* v : conflicts) {
    std::string by_outlet;
    for (const auto& [outlet, text] : v->figures)
      by_outlet += (by_outlet.empty() ? "" : "; ") + printable(outlet) + ": " + printable(text);
    out << "  " << paint("31", pad(std::string(v->verdict), kVerdict)) << " "
        << pad(v->finding->label, kWhat) << " "
        << (v->decision ? paint("32", pad(v->decision->decision, kReview))
                        : paint("33", pad("new", kReview)))
        << " " << by_outlet << "\n";
  }
  return out.str();
}

}  // namespace claimdiff::report
