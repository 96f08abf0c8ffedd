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

}  // namespace

std::string review_words(const Reviews& reviews, const reconcile::Finding& f) {
  if (const Decision* d = decision_for(reviews, f)) {
    std::string s = d->decision;
    if (!d->by.empty()) s += " by " + d->by;
    if (!d->at.empty()) s += " on " + d->at;
    if (!d->note.empty()) s += ": " + d->note;
    return s;
  }
  if (const Decision* d = lapsed_decision(reviews, f))
    return "not reviewed (a decision for verdict " + d->verdict + " lapsed: the verdict is now " +
           std::string(reconcile::name(f.verdict)) + ")";
  return "not reviewed";
}

// A base mismatch's missing figure: "turnout 58.5-65.1%"; "" for other findings.
std::string implied_words(const reconcile::Finding& f) {
  if (!f.implied_lo || !f.implied_hi) return "";
  quantity::Value v;
  // To a tenth, as the explanation gives it.
  v.lo = v.printed = std::round(*f.implied_lo * 10) / 10;
  v.hi = v.printed2 = std::round(*f.implied_hi * 10) / 10;
  v.unit = "%";
  return f.implied_what + " " + quantity::describe(v);
}

std::map<std::string, const claim::Claim*> index_claims(const std::vector<claim::Claim>& claims) {
  std::map<std::string, const claim::Claim*> by_id;
  for (const auto& c : claims) by_id[c.id] = &c;
  return by_id;
}

// A scaled interval in words: "84.5-85.5%", "from 50%", "2025-06-02".
std::string scaled_words(const reconcile::ScaledClaim& s, const std::string& unit) {
  auto one = [&](double v) {
    quantity::Value value;
    value.lo = value.hi = value.printed = v;
    value.unit = unit;
    return quantity::describe(value);
  };
  if (s.lo && s.hi) return *s.lo == *s.hi ? one(*s.lo) : one(*s.lo) + " to " + one(*s.hi);
  if (s.lo) return "from " + one(*s.lo);
  if (s.hi) return "up to " + one(*s.hi);
  return "not on the scale";
}

bool write_atomically(const fs::path& path, std::string_view content, std::string& error) {
  std::error_code ec;
  if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
  if (ec) {
    error = path.parent_path().string() + ": cannot create folder: " + ec.message();
    return false;
  }
  const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = path.string() + ": cannot write: " + std::strerror(errno);
      return false;
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      error = path.string() + ": write failed: " + std::strerror(errno);
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    error = path.string() + ": cannot rename into place: " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

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
  j["counts"] = {
      {"articles", info.articles.size()}, {"claims", claims.size()}, {"findings", findings.size()}};
  nlohmann::ordered_json verdicts = nlohmann::ordered_json::object();
  for (const auto& [v, n] : count_verdicts(findings)) verdicts[std::string(reconcile::name(v))] = n;
  j["counts"]["verdicts"] = verdicts;
  if (!info.timings.is_null()) j["timings"] = info.timings;
  return j.dump(2) + "\n";
}

Coverage coverage(const RunInfo& info) {
  Coverage c;
  for (const auto& a : info.articles) {
    c.stories.insert(a.story);
    c.outlets.insert(a.outlet);
  }
  return c;
}

bool is_low_confidence(const reconcile::Finding& f) {
  return f.severity == reconcile::Severity::low || f.furniture ||
         f.attribute.starts_with("generic.");
}

std::vector<Section> sections(const std::vector<reconcile::Finding>& findings) {
  std::vector<Section> out = {
      {"conflicts",
       "Conflicts",
       "The outlets' figures cannot all be true, or they are shares of different wholes. Check "
       "these first.",
       {}},
      {"look-different",
       "Only look different",
       "Different words or units; on a common scale the figures fit together.",
       {}},
      {"agreements", "Agreements", "The outlets print the same figure.", {}},
      {"single-source", "Single source", "Only one outlet gives this figure.", {}},
      {"low",
       "Low confidence",
       "Figures no rule ties to a fact (a date, a count of something) and page furniture.",
       {}},
  };
  // The first four sections in the order of reconcile's outcomes; the last for low confidence.
  static_assert(static_cast<int>(reconcile::Outcome::conflict) == 0 &&
                static_cast<int>(reconcile::Outcome::looks_different) == 1 &&
                static_cast<int>(reconcile::Outcome::same) == 2 &&
                static_cast<int>(reconcile::Outcome::unchecked) == 3);
  for (const auto& f : findings) {
    const auto outcome = static_cast<std::size_t>(reconcile::row(f.verdict).outcome);
    out[is_low_confidence(f) ? 4 : outcome].findings.push_back(&f);
  }
  return out;
}

std::string markdown(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings, const Reviews& reviews) {
  const auto by_id = index_claims(claims);
  const auto [stories, outlets] = coverage(info);

  std::ostringstream md;
  md << "# claimdiff report\n\n";
  md << "Stories: " << stories.size() << " · Articles: " << info.articles.size()
     << " · Outlets: " << outlets.size() << " · Claims: " << claims.size()
     << " · Findings: " << findings.size() << "\n\n";
  md << "| verdict | findings |\n|---|---|\n";
  for (const auto& [v, n] : count_verdicts(findings))
    md << "| " << reconcile::name(v) << " | " << n << " |\n";
  md << "\n";
  if (!reviews.files.empty()) {
    md << "Review decisions from:";
    for (const auto& f : reviews.files) md << " `" << f << "`";
    md << "\n\n";
  }

  for (const Section& section : sections(findings)) {
    if (section.findings.empty()) continue;
    md << "## " << section.title << "\n\n" << section.intro << "\n\n";
    for (const reconcile::Finding* f : section.findings) {
      md << "### " << md_text(f->label) << "\n\n";
      md << "**" << reconcile::name(f->verdict) << "** (" << reconcile::name(f->severity)
         << ") · story `" << f->story << "` · finding `" << f->id
         << "` · review: " << md_text(review_words(reviews, *f)) << "\n\n";
      md << md_text(f->explanation) << "\n\n";
      if (const std::string implied = implied_words(*f); !implied.empty())
        md << "Implied " << md_text(implied) << ", a figure no outlet printed.\n\n";
      md << "| outlet | figure | read as | on the common scale | speaker | region | quote | "
            "file:bytes |\n|---|---|---|---|---|---|---|---|\n";
      for (const auto& id : f->claim_ids) {
        const auto it = by_id.find(id);
        if (it == by_id.end()) continue;
        const claim::Claim& c = *it->second;
        std::string scaled = "not on the scale";
        for (const auto& s : f->scaled)
          if (s.claim_id == id) scaled = scaled_words(s, f->unit);
        md << "| " << md_text(c.outlet) << " | " << md_text(c.text) << " | "
           << md_text(reconcile::describe_claim(c)) << " | " << md_text(scaled) << " | "
           << md_text(c.speaker) << " | " << c.region << " | " << md_quote(c) << " | "
           << md_text(c.article) << ":" << c.span.begin << "-" << c.span.end << " |\n";
      }
      md << "\n";
    }
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
  const auto by_id = index_claims(claims);
  const auto [stories, outlets] = coverage(info);
  std::ostringstream out;
  out << "claimdiff: " << stories.size() << (stories.size() == 1 ? " story, " : " stories, ")
      << info.articles.size() << " articles, " << outlets.size() << " outlets, " << claims.size()
      << " claims, " << findings.size() << " findings\n";
  for (const auto& [verdict, n] : count_verdicts(findings))
    out << "  " << reconcile::name(verdict) << ": " << n << "\n";

  std::vector<const reconcile::Finding*> conflicts;
  for (const auto& f : findings)
    if (reconcile::is_conflict(f)) conflicts.push_back(&f);
  if (conflicts.empty()) return out.str();
  std::size_t reviewed = 0;
  for (const auto* f : conflicts) reviewed += decision_for(reviews, *f) != nullptr;
  out << "\n"
      << paint("1", "Conflicts: " + std::to_string(conflicts.size()) + ", " +
                        std::to_string(reviewed) + " reviewed")
      << "\n";
  constexpr std::size_t kVerdict = 20, kWhat = 34, kReview = 14;
  out << "  " << pad("VERDICT", kVerdict) << " " << pad("WHAT", kWhat) << " "
      << pad("REVIEW", kReview) << " FIGURES BY OUTLET\n";
  for (const auto* f : conflicts) {
    // Each outlet once, with its figures as printed.
    std::vector<std::pair<std::string, std::string>> figures;
    for (const auto& id : f->claim_ids) {
      const auto it = by_id.find(id);
      if (it == by_id.end()) continue;
      auto at = std::find_if(figures.begin(), figures.end(),
                             [&](const auto& p) { return p.first == it->second->outlet; });
      if (at == figures.end())
        figures.emplace_back(it->second->outlet, it->second->text);
      else if (at->second.find(it->second->text) == std::string::npos)
        at->second += ", " + it->second->text;
    }
    std::string by_outlet;
    for (const auto& [outlet, text] : figures)
      by_outlet += (by_outlet.empty() ? "" : "; ") + printable(outlet) + ": " + printable(text);
    const Decision* d = decision_for(reviews, *f);
    out << "  " << paint("31", pad(std::string(reconcile::name(f->verdict)), kVerdict)) << " "
        << pad(f->label, kWhat) << " "
        << (d ? paint("32", pad(d->decision, kReview)) : paint("33", pad("new", kReview))) << " "
        << by_outlet << "\n";
  }
  return out.str();
}

}  // namespace claimdiff::report
