#include "report/report.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace claimdiff::report {

namespace {

constexpr const char* kVerdictOrder[] = {"conflict",   "base-mismatch", "speaker-disagreement",
                                         "unassessed", "compatible",    "equivalent",
                                         "agree",      "single-source"};

// Markdown table cells: no pipes or newlines from article text.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out.push_back(c);
  }
  return out;
}

// The sentence with the figure in bold.
std::string quote_with_figure(const claim::Claim& c) {
  const auto at = c.quote.find(c.text);
  if (c.text.empty() || at == std::string::npos) return cell(c.quote);
  return cell(c.quote.substr(0, at)) + "**" + cell(c.text) + "**" +
         cell(c.quote.substr(at + c.text.size()));
}

}  // namespace

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

std::vector<std::pair<std::string, std::size_t>> count_verdicts(
    const std::vector<reconcile::Finding>& findings) {
  std::vector<std::pair<std::string, std::size_t>> counts;
  for (const char* v : kVerdictOrder) {
    std::size_t n = 0;
    for (const auto& f : findings) n += f.verdict == v;
    if (n) counts.emplace_back(v, n);
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
  for (const auto& [v, n] : count_verdicts(findings)) verdicts[v] = n;
  j["counts"]["verdicts"] = verdicts;
  if (!info.timings.is_null()) j["timings"] = info.timings;
  return j.dump(2) + "\n";
}

std::string markdown(const RunInfo& info, const std::vector<claim::Claim>& claims,
                     const std::vector<reconcile::Finding>& findings) {
  std::map<std::string, const claim::Claim*> by_id;
  for (const auto& c : claims) by_id[c.id] = &c;
  std::set<std::string> stories;
  std::set<std::string> outlets;
  for (const auto& a : info.articles) {
    stories.insert(a.story);
    outlets.insert(a.outlet);
  }

  std::ostringstream md;
  md << "# claimdiff report\n\n";
  md << "Stories: " << stories.size() << " · Articles: " << info.articles.size()
     << " · Outlets: " << outlets.size() << " · Claims: " << claims.size()
     << " · Findings: " << findings.size() << "\n\n";
  md << "| verdict | findings |\n|---|---|\n";
  for (const auto& [v, n] : count_verdicts(findings)) md << "| " << v << " | " << n << " |\n";
  md << "\n";

  auto section = [&](const std::string& title, auto keep) {
    bool any = false;
    for (const auto& f : findings) {
      if (!keep(f)) continue;
      if (!any) md << "## " << title << "\n\n";
      any = true;
      md << "### " << cell(f.label) << (f.scope.empty() ? "" : " — " + cell(f.scope)) << "\n\n";
      md << "**" << f.verdict << "** (" << f.severity << ") · story `" << cell(f.story)
         << "` · finding `" << f.id << "`\n\n";
      md << cell(f.explanation) << "\n\n";
      md << "| outlet | figure | read as | speaker | region | quote | file:bytes "
            "|\n|---|---|---|---|---|---|---|\n";
      for (const auto& id : f.claim_ids) {
        const auto it = by_id.find(id);
        if (it == by_id.end()) continue;
        const claim::Claim& c = *it->second;
        std::string read_as = quantity::describe(c.value);
        if (!c.base.empty()) read_as += " (base: " + c.base + ")";
        md << "| " << cell(c.outlet) << " | " << cell(c.text) << " | " << cell(read_as) << " | "
           << cell(c.speaker) << " | " << c.region << " | " << quote_with_figure(c) << " | "
           << cell(c.article) << ":" << c.span.begin << "-" << c.span.end << " |\n";
      }
      md << "\n";
    }
  };
  auto is = [](std::initializer_list<const char*> verdicts) {
    return [verdicts](const reconcile::Finding& f) {
      if (f.severity == "low") return false;
      for (const char* v : verdicts)
        if (f.verdict == v) return true;
      return false;
    };
  };
  section("Conflicts", is({"conflict", "base-mismatch", "speaker-disagreement"}));
  section("Only look different", is({"equivalent", "compatible"}));
  section("Agreements", is({"agree"}));
  section("Single source", is({"single-source"}));
  section("Low confidence (generic figures, page furniture)", [](const reconcile::Finding& f) {
    return f.severity == "low" && f.verdict != "single-source";
  });

  if (!info.problems.empty()) {
    md << "## Input problems\n\n";
    for (const auto& p : info.problems)
      md << "- `" << cell(p.file) << "`: " << cell(p.message) << "\n";
    md << "\n";
  }
  return md.str();
}

}  // namespace claimdiff::report
