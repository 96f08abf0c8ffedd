// report.html: one page for editors, with nothing fetched from anywhere. All
// text that comes from articles or review files goes through `escape`; no data
// is put inside the script, so nothing an article says can run.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "ingest/ingest.h"
#include "report/assets.h"  // generated from report/assets/ by cmake/embed.cmake
#include "report/report.h"
#include "util/strings.h"

namespace claimdiff::report {

namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  // Copy runs of plain text whole; most of an article has nothing to escape.
  for (std::size_t at = 0; at < s.size();) {
    const std::size_t special = s.find_first_of(std::string_view("&<>\"'\0", 6), at);
    out.append(s.substr(at, special == std::string_view::npos ? s.npos : special - at));
    if (special == std::string_view::npos) break;
    switch (s[special]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += "\xEF\xBF\xBD";  // NUL: the replacement character
    }
    at = special + 1;
  }
  return out;
}

// Numbers in SVG attributes: fixed, short, the same on every machine.
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// ---- the number line -------------------------------------------------------------

struct Axis {
  double lo = 0, hi = 1;
  std::string unit;
  double x0 = 0, x1 = 1;  // pixels
  double x(double v) const { return x0 + (v - lo) / (hi - lo) * (x1 - x0); }
};

std::string tick_label(double v, const std::string& unit) {
  if (unit == "days/week")
    return num(v).ends_with(".0") ? num(v).substr(0, num(v).size() - 2) : num(v);
  quantity::Value value;
  value.lo = value.hi = value.printed = v;
  value.unit = unit;
  return quantity::describe(value);
}

// 1, 2 or 5 times a power of ten: about `count` ticks across the axis.
double tick_step(double span, int count, const std::string& unit) {
  const double raw = span / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  if (unit == "date" || unit == "days/week" || unit == "count") step = std::max(step, 1.0);
  return step;
}

Axis axis_for(const reconcile::Finding& f, double x0, double x1) {
  Axis a;
  a.unit = f.unit;
  a.x0 = x0;
  a.x1 = x1;
  double lo = INFINITY, hi = -INFINITY;
  auto see = [&](std::optional<double> v) {
    if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  };
  for (const auto& s : f.scaled) see(s.lo), see(s.hi);
  see(f.implied_lo), see(f.implied_hi);
  if (f.unit == "%") {
    // Shares from zero, so that their sizes compare; small ones on a shorter axis.
    a.lo = 0;
    a.hi = 100;
    for (double top : {10.0, 25.0, 50.0})
      if (hi <= top) {
        a.hi = top;
        break;
      }
    return a;
  }
  if (f.unit == "days/week") {
    a.lo = 0, a.hi = std::max(5.0, std::isfinite(hi) ? std::ceil(hi) : 5.0);
    return a;
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  double pad = (hi - lo) * 0.15;
  if (pad == 0) pad = f.unit == "date" ? 3 : std::max(1.0, std::fabs(lo) * 0.1);
  a.lo = lo - pad;
  a.hi = hi + pad;
  if (lo >= 0 && a.lo < 0) a.lo = 0;
  return a;
}

// Where an end is the hedge's guess, not the printed figure, it is drawn open.
std::pair<bool, bool> open_ends(const std::string& hedge) {
  if (hedge == "none" || hedge == "range") return {false, false};
  if (hedge == "at_least") return {false, true};
  if (hedge == "at_most") return {true, false};
  return {true, true};
}

std::string chart(const FindingView& v) {
  const reconcile::Finding& f = *v.finding;
  const std::vector<ClaimRow>& rows = v.rows;
  constexpr double kWidth = 760, kLabel = 190, kRight = 20, kRow = 24, kTop = 8;
  const bool band = f.implied_lo && f.implied_hi;
  const std::size_t n = rows.size() + (band ? 1 : 0);
  const double height = kTop + n * kRow + 30;
  const Axis axis = axis_for(f, kLabel, kWidth - kRight);
  std::ostringstream svg;
  svg << "<svg class=\"chart\" viewBox=\"0 0 " << num(kWidth) << " " << num(height)
      << "\" role=\"img\" aria-label=\"" << escape("Each outlet's figure on one scale: " + f.label)
      << "\">";
  const double bottom = kTop + n * kRow + 4;
  if (band) {
    const double a = axis.x(*f.implied_lo), b = axis.x(*f.implied_hi);
    svg << "<g class=\"implied\"><rect class=\"band\" x=\"" << num(a) << "\" y=\"" << num(kTop)
        << "\" width=\"" << num(std::max(1.0, b - a)) << "\" height=\"" << num(bottom - kTop)
        << "\"/><text x=\"6\" y=\"" << num(kTop + rows.size() * kRow + 16) << "\">"
        << escape("implied " + v.implied) << "</text></g>";
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const claim::Claim& c = *rows[i].claim;
    const reconcile::ScaledClaim* s = rows[i].scaled;
    const double y = kTop + i * kRow + kRow / 2;
    svg << "<g class=\"mark\" data-claim=\"" << escape(c.id) << "\"><title>"
        << escape(c.outlet + ": " + c.text + " (" + rows[i].read_as + ")")
        << "</title><text x=\"6\" y=\"" << num(y + 4) << "\">"
        << escape(util::shorten(c.outlet, 28)) << "</text>";
    if (!s || (!s->lo && !s->hi)) {
      svg << "<text class=\"unplaced\" x=\"" << num(kLabel) << "\" y=\"" << num(y + 4) << "\">"
          << escape(c.text + ": not on the scale (" + quantity::describe(c.value) + ")")
          << "</text></g>";
      continue;
    }
    const auto [open_lo, open_hi] = open_ends(c.value.hedge);
    const double a = s->lo ? axis.x(*s->lo) : axis.x0;
    const double b = s->hi ? axis.x(*s->hi) : axis.x1;
    svg << "<line class=\"bar\" x1=\"" << num(a) << "\" x2=\"" << num(b) << "\" y1=\"" << num(y)
        << "\" y2=\"" << num(y) << "\"/>";
    auto end = [&](double x, bool open) {
      svg << "<circle class=\"end" << (open ? " open" : "") << "\" cx=\"" << num(x) << "\" cy=\""
          << num(y) << "\" r=\"5\"/>";
    };
    if (s->lo)
      end(a, open_lo);
    else
      svg << "<path class=\"arrow\" d=\"M" << num(a) << " " << num(y) << "l10 -6v12z\"/>";
    if (s->hi && (!s->lo || b - a >= 1))
      end(b, open_hi);
    else if (!s->hi)
      svg << "<path class=\"arrow\" d=\"M" << num(b) << " " << num(y) << "l-10 -6v12z\"/>";
    // What the outlet said, beside its mark: right of it, or left when no room.
    const std::string& said = rows[i].read_as;
    const double width = 6.5 * static_cast<double>(said.size());
    if (b + 12 + width <= kWidth)
      svg << "<text class=\"said\" x=\"" << num(b + 12) << "\" y=\"" << num(y + 4) << "\">";
    else
      svg << "<text class=\"said\" x=\"" << num(a - 12) << "\" y=\"" << num(y + 4)
          << "\" text-anchor=\"end\">";
    svg << escape(said) << "</text></g>";
  }
  svg << "<g class=\"axis\"><line x1=\"" << num(axis.x0) << "\" x2=\"" << num(axis.x1) << "\" y1=\""
      << num(bottom) << "\" y2=\"" << num(bottom) << "\"/>";
  const double step = tick_step(axis.hi - axis.lo, 5, axis.unit);
  for (double t = std::ceil(axis.lo / step) * step; t <= axis.hi + 1e-9; t += step) {
    const double x = axis.x(t);
    svg << "<g class=\"tick\"><line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\""
        << num(bottom) << "\" y2=\"" << num(bottom + 4) << "\"/><text x=\"" << num(x) << "\" y=\""
        << num(bottom + 17) << "\" text-anchor=\"middle\">" << escape(tick_label(t, axis.unit))
        << "</text></g>";
  }
  svg << "</g></svg>";
  return svg.str();
}

// ---- cards -------------------------------------------------------------------------

std::string quote_html(const claim::Claim& c) {
  if (c.figure_end <= c.figure_begin || c.figure_end > c.quote.size()) return escape(c.quote);
  return escape(c.quote.substr(0, c.figure_begin)) + "<mark>" +
         escape(c.quote.substr(c.figure_begin, c.figure_end - c.figure_begin)) + "</mark>" +
         escape(c.quote.substr(c.figure_end));
}

std::string card(const FindingView& v, const std::set<std::string>& shown_articles) {
  const reconcile::Finding& f = *v.finding;
  std::string outlets = "|";
  for (const ClaimRow& row : v.rows) outlets += row.claim->outlet + "|";
  std::ostringstream h;
  h << "<section class=\"card v-" << escape(v.verdict) << "\" id=\"f-" << escape(f.id)
    << "\" data-verdict=\"" << escape(v.verdict) << "\" data-attribute=\"" << escape(f.attribute)
    << "\" data-outlets=\"" << escape(outlets) << "\" data-low=\"" << (v.low_confidence ? "1" : "0")
    << "\">";
  h << "<h3>" << escape(f.label) << "</h3>";
  h << "<p class=\"meta\"><span class=\"verdict\">" << escape(v.verdict_label) << "</span> · "
    << escape(v.severity) << " · story " << escape(f.story) << " · finding <code>" << escape(f.id)
    << "</code></p>";
  h << "<p class=\"explanation\">" << escape(f.explanation) << "</p>";
  h << "<p><span class=\"review r-" << (v.decision ? escape(v.decision->decision) : "none")
    << "\">Review: " << escape(v.review) << "</span></p>";
  h << chart(v);
  h << "<table class=\"claims\"><thead><tr><th>Outlet</th><th>Figure</th><th>Read as</th>"
       "<th>Speaker</th><th>Quote</th></tr></thead><tbody>";
  for (const ClaimRow& row : v.rows) {
    const claim::Claim* c = row.claim;
    h << "<tr data-claim=\"" << escape(c->id) << "\"><td>" << escape(c->outlet) << "</td><td>"
      << escape(c->text) << "</td><td>" << escape(row.read_as) << "</td><td>" << escape(c->speaker)
      << "</td><td class=\"quote\">" << quote_html(*c) << " <span class=\"muted\">(";
    if (shown_articles.count(c->story + "/" + c->article))
      h << "<a href=\"#c-" << escape(c->id) << "\">" << escape(c->article) << "</a>";
    else
      h << escape(c->article);
    h << ", bytes " << c->span.begin << "-" << c->span.end << ", " << escape(c->region)
      << ")</span></td></tr>";
  }
  h << "</tbody></table>";
  h << "<details class=\"record\"><summary>Record a decision</summary><p class=\"muted\">Add to "
       "review.yaml in the story's folder, under <code>decisions:</code></p><pre>- finding: "
    << escape(f.id)
    << "\n  decision: confirmed   # or dismissed, needs-check\n  verdict: " << escape(v.verdict)
    << "\n  note: \n  by: \n  at: </pre></details>";
  h << "</section>\n";
  return h.str();
}

// ---- articles ------------------------------------------------------------------

// The article's text with each claim's positions marked; the first position of
// a claim carries the anchor the cards link to.
std::string article_html(const ArticleInfo& a, const std::vector<const claim::Claim*>& claims,
                         const std::map<std::string, std::string>& labels,
                         const reconcile::Options& words) {
  struct Marked {
    std::size_t begin, end;
    const claim::Claim* claim;
    bool first;
  };
  auto decoded = [&](std::uint32_t original) {
    return ingest::text_offset(a.text_to_original, original);
  };
  std::vector<Marked> marks;
  for (const claim::Claim* c : claims) {
    const std::size_t b = std::min(decoded(c->span.begin), a.text.size());
    marks.push_back({b, std::clamp(decoded(c->span.end), b, a.text.size()), c, true});
    for (const auto& p : c->also_at) {
      const std::size_t ab = std::min(decoded(p.begin), a.text.size());
      marks.push_back({ab, std::clamp(decoded(p.end), ab, a.text.size()), c, false});
    }
  }
  std::sort(marks.begin(), marks.end(), [](const Marked& x, const Marked& y) {
    return std::tie(x.begin, x.end) < std::tie(y.begin, y.end);
  });
  std::string out;
  std::size_t at = 0;
  for (const Marked& m : marks) {
    if (m.begin < at || m.end <= m.begin) {
      // Two claims on one figure (a change and its start): the anchor still exists.
      if (m.first) out += "<span id=\"c-" + escape(m.claim->id) + "\"></span>";
      continue;
    }
    out += escape(a.text.substr(at, m.begin - at));
    const auto label = labels.find(m.claim->attribute);
    const std::string what = label != labels.end() ? label->second : m.claim->attribute;
    out += "<mark" + (m.first ? " id=\"c-" + escape(m.claim->id) + "\"" : std::string()) +
           " title=\"" + escape(what + ": " + reconcile::describe_claim(*m.claim, words)) + "\">" +
           escape(a.text.substr(m.begin, m.end - m.begin)) + "</mark>";
    at = m.end;
  }
  out += escape(a.text.substr(at));
  return out;
}

}  // namespace

std::string html(const RunInfo& info, const std::vector<claim::Claim>& claims,
                 const std::vector<reconcile::Finding>& findings, const Reviews& reviews,
                 const HtmlOptions& options) {
  const auto views = views_of(findings, claims, reviews, info.words);
  const auto [stories, outlets] = coverage(info);
  std::set<std::string> attributes;
  std::map<std::string, std::string> labels;  // attribute -> label without scope
  for (const auto& f : findings) attributes.insert(f.attribute);
  for (const auto& f : findings)
    if (f.scope.empty() && f.context.empty()) labels.emplace(f.attribute, f.label);

  std::map<std::string, std::vector<const claim::Claim*>> by_article;  // "story/file"
  for (const auto& c : claims) by_article[c.story + "/" + c.article].push_back(&c);

  // Which articles the page can hold.
  std::set<std::string> shown_articles;
  std::size_t budget = options.max_total_bytes;
  for (const auto& a : info.articles) {
    if (a.text.empty() || a.text.size() > options.max_article_bytes || a.text.size() > budget)
      continue;
    budget -= a.text.size();
    shown_articles.insert(a.story + "/" + a.file);
  }

  std::ostringstream h;
  h << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
       "'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
       "<title>claimdiff report</title><style>\n"
    << assets::kStyle << "</style></head><body>\n<header><h1>claimdiff report</h1>";
  h << "<p class=\"muted\">Where the outlets agree, only seem to differ, or conflict on the "
       "figures of a story. Stories: ";
  bool first = true;
  for (const auto& s : stories) h << (first ? "" : ", ") << escape(s), first = false;
  h << ".</p><ul class=\"counts\"><li><b>" << stories.size() << "</b> "
    << (stories.size() == 1 ? "story" : "stories") << "</li><li><b>" << info.articles.size()
    << "</b> articles</li><li><b>" << outlets.size() << "</b> outlets</li><li><b>" << claims.size()
    << "</b> claims</li><li><b>" << findings.size() << "</b> findings</li>";
  for (const auto& [v, n] : count_verdicts(findings))
    h << "<li class=\"v-" << reconcile::name(v) << "\"><b>" << n << "</b> <span class=\"verdict\">"
      << escape(reconcile::label(v)) << "</span></li>";
  h << "</ul>";
  const auto groups = sections(views);
  // The two lists a first-time reader needs: what to check, and what only looks wrong.
  auto headlines = [&](const Section& s, const std::string& title, bool reviewed_count) {
    if (s.findings.empty()) return;
    h << "<p><b>" << escape(title) << "</b>";
    if (reviewed_count) {
      std::size_t reviewed = 0;
      for (const auto* v : s.findings) reviewed += v->decision != nullptr;
      h << " (" << reviewed << " of " << s.findings.size() << " reviewed)";
    }
    h << ":</p><ul class=\"headlines\">";
    for (const auto* v : s.findings)
      h << "<li class=\"v-" << escape(v->verdict) << "\"><a href=\"#f-" << escape(v->finding->id)
        << "\">" << escape(v->finding->label) << "</a> — <span class=\"verdict\">"
        << escape(v->verdict_label) << "</span>. " << escape(v->finding->explanation) << "</li>";
    h << "</ul>";
  };
  headlines(groups[0], "Check first", true);
  headlines(groups[1], "Only look different", false);
  h << "</header>\n";

  h << "<nav id=\"filters\"><label>Verdict <select id=\"filter-verdict\"><option value=\"\">all"
       "</option>";
  for (const auto& [v, n] : count_verdicts(findings))
    h << "<option value=\"" << escape(reconcile::name(v)) << "\">" << escape(reconcile::label(v))
      << " (" << n << ")</option>";
  h << "</select></label><label>Outlet <select id=\"filter-outlet\"><option value=\"\">all"
       "</option>";
  for (const auto& o : outlets) h << "<option>" << escape(o) << "</option>";
  h << "</select></label><label>Fact <select id=\"filter-attribute\"><option value=\"\">all"
       "</option>";
  for (const auto& a : attributes) {
    const auto label = labels.find(a);
    h << "<option value=\"" << escape(a) << "\">"
      << escape(label != labels.end() ? label->second : a) << "</option>";
  }
  const std::size_t low = groups.back().findings.size();  // low confidence comes last
  h << "</select></label><label><input type=\"checkbox\" id=\"filter-low\"> lone figures no rule "
       "names "
       "and page furniture ("
    << low << ")</label><span id=\"shown\" class=\"muted\"></span></nav>\n<main>";

  for (const Section& s : groups) {
    if (s.findings.empty()) continue;
    h << "<section class=\"group\" id=\"" << s.id << "\"><h2>" << escape(s.title) << " <small>("
      << s.findings.size() << ")</small></h2><p class=\"intro\">" << escape(s.intro) << "</p>\n";
    for (const auto* v : s.findings) h << card(*v, shown_articles);
    h << "</section>\n";
  }

  h << "<section id=\"articles\"><h2>Articles</h2><p class=\"intro\">Each article as claimdiff "
       "read it, figures that became claims marked.</p>\n";
  for (std::size_t i = 0; i < info.articles.size(); ++i) {
    const ArticleInfo& a = info.articles[i];
    h << "<details class=\"article\" id=\"article-" << i << "\"><summary><b>" << escape(a.outlet)
      << "</b> — " << escape(a.title.empty() ? a.file : a.title) << " <span class=\"muted\">("
      << escape(a.story + "/" + a.file) << ", " << a.claims << " claims)</span></summary>";
    if (!shown_articles.count(a.story + "/" + a.file)) {
      h << "<p class=\"muted\">Not embedded: "
        << (a.text.empty() ? "no text" : "too long for one page") << ".</p></details>\n";
      continue;
    }
    h << "<div class=\"text\">"
      << article_html(a, by_article[a.story + "/" + a.file], labels, info.words)
      << "</div></details>\n";
  }
  h << "</section>\n";

  if (!info.problems.empty()) {
    h << "<section id=\"problems\"><h2>Input problems</h2><ul>";
    for (const auto& p : info.problems)
      h << "<li><code>" << escape(p.file) << "</code>: " << escape(p.message) << "</li>";
    h << "</ul></section>\n";
  }
  // The script (report.js: filters, and opening an article where a link points
  // into it) holds no data: it reads the cards' data- attributes.
  h << "</main>\n<script>\n" << assets::kScript << "</script>\n</body></html>\n";
  return h.str();
}

}  // namespace claimdiff::report
