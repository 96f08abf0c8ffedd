// HTML pages: the visible text of a saved news page, through gumbo's HTML5
// parser, with every byte still traced to the file.
#include <gumbo.h>

#include <algorithm>
#include <cstring>

#include "ingest/ingest.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace claimdiff::ingest {

namespace {

// Elements that are never the article: their whole subtree goes.
bool is_dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

// Elements that start a line of their own, as a browser lays them out.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

const char* attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// What an element's tag, class or id says it is, as a region name; "" when it
// says nothing. Class words come from the lexicon.
std::pair<std::string, std::string> hint_of(const GumboElement& e,
                                            const std::vector<PageClass>& page_classes) {
  if (e.tag == GUMBO_TAG_H1) return {"headline", "<h1>"};
  if (e.tag == GUMBO_TAG_FIGCAPTION) return {"caption", "<figcaption>"};
  std::string names;
  if (const char* c = attribute(e, "class")) names += c;
  names += ' ';
  if (const char* i = attribute(e, "id")) names += i;
  names = util::lower(names);
  for (const PageClass& page_class : page_classes)
    for (const std::string& word : page_class.words)
      if (names.find(word) != std::string::npos)
        return {page_class.region,
                "class \"" + util::valid_utf8(attribute(e, "class") ? attribute(e, "class") : "") +
                    "\""};
  return {};
}

class PageText {
 public:
  PageText(const std::string& page, const std::vector<std::uint32_t>& page_map,
           const std::vector<PageClass>& page_classes)
      : page_(page), page_map_(page_map), page_classes_(page_classes) {}

  void walk(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        children(node->v.document.children);
        return;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        text(node->v.text);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        element(node->v.element);
        return;
      default:
        return;
    }
  }

  // Closes the last line and gives the text, its map (one entry past the end) and hints.
  void finish(std::string& text, std::vector<std::uint32_t>& map, std::vector<BlockHint>& hints) {
    end_line();
    out_map_.push_back(last_end_);
    text = std::move(out_);
    map = std::move(out_map_);
    hints = std::move(hints_);
  }

 private:
  void children(const GumboVector& v) {
    for (unsigned i = 0; i < v.length; ++i) walk(static_cast<const GumboNode*>(v.data[i]));
  }

  void element(const GumboElement& e) {
    if (e.tag == GUMBO_TAG_HTML) {
      children(e.children);
      return;
    }
    if (is_dropped(e.tag)) return;
    if (e.tag == GUMBO_TAG_BR) {
      end_line();
      return;
    }
    const bool block = is_block(e.tag);
    if (block) end_line();
    auto [region, why] = hint_of(e, page_classes_);
    const std::size_t first = out_.size();
    children(e.children);
    const std::uint32_t end_origin = last_end_;
    if (block) end_line();
    std::size_t b = first;
    while (b < out_.size() && out_[b] == '\n') ++b;
    if (!region.empty() && b < out_.size())
      hints_.push_back({out_map_[b], end_origin, region, why});
  }

  void end_line() {
    pending_space_ = false;
    if (!out_.empty() && out_.back() != '\n') {
      out_.push_back('\n');
      out_map_.push_back(last_end_);
    }
  }

  // Aligns gumbo's decoded text with the page text it came from, so each
  // output byte keeps an origin: equal bytes map one to one, a character
  // reference maps to its '&', CR LF to its LF. Should the two ever part, the
  // rest keeps the last origin known.
  void text(const GumboText& t) {
    const std::string_view raw(t.original_text.data, t.original_text.length);
    const std::size_t raw_base =
        t.original_text.data ? static_cast<std::size_t>(t.original_text.data - page_.data()) : 0;
    auto origin = [&](std::size_t raw_index) {
      return page_map_[std::min(raw_base + raw_index, page_.size())];
    };
    const std::string_view decoded(t.text);
    std::size_t r = 0;
    for (std::size_t d = 0; d < decoded.size();) {
      // gumbo encodes whatever code point it is handed, so its text need not be
      // valid UTF-8: each bad byte becomes U+FFFD, as later stages are promised.
      const std::size_t len = util::utf8_sequence(decoded, d);
      const std::string_view ch = len ? decoded.substr(d, len) : std::string_view("\xEF\xBF\xBD");
      d += len ? len : 1;
      // "&amp;" decodes to "&" too: a reference is an '&' whose next raw
      // character is not the next decoded one.
      const bool reference =
          r + 1 < raw.size() && raw[r] == '&' &&
          (std::isalnum(static_cast<unsigned char>(raw[r + 1])) || raw[r + 1] == '#') &&
          (d >= decoded.size() || decoded[d] != raw[r + 1]);
      bool same = !reference && raw.substr(r, ch.size()) == ch;
      if (!same && !reference && r < raw.size() && raw[r] != '\r') {
        // Parted (a NUL replaced, say): pick up the thread where the character is.
        const std::size_t found = raw.substr(r, 16).find(ch);
        if (found != std::string_view::npos) {
          r += found;
          same = true;
        }
      }
      std::size_t r_end = r;
      if (same) {
        r_end = r + ch.size();
      } else if (r < raw.size() && raw[r] == '\r') {
        r_end = r + 1 + (r + 1 < raw.size() && raw[r + 1] == '\n');
      } else if (reference) {
        r_end = r + 1;
        while (r_end < raw.size() && r_end - r < 40 &&
               (std::isalnum(static_cast<unsigned char>(raw[r_end])) || raw[r_end] == '#'))
          ++r_end;
        if (r_end < raw.size() && raw[r_end] == ';') ++r_end;
      }
      const bool space =
          ch.size() == 1 && (ch[0] == ' ' || ch[0] == '\n' || ch[0] == '\t' || ch[0] == '\f');
      if (space) {
        if (!pending_space_) space_at_ = origin(r);
        pending_space_ = true;
      } else {
        if (pending_space_ && !out_.empty() && out_.back() != '\n') {
          out_.push_back(' ');
          out_map_.push_back(space_at_);
        }
        pending_space_ = false;
        for (std::size_t k = 0; k < ch.size(); ++k) {
          out_.push_back(ch[k]);
          out_map_.push_back(origin(same ? r + k : r));
        }
        last_end_ = origin(r_end);
      }
      r = r_end;
    }
  }

  const std::string& page_;
  const std::vector<std::uint32_t>& page_map_;
  const std::vector<PageClass>& page_classes_;
  std::string out_;
  std::vector<std::uint32_t> out_map_;
  std::vector<BlockHint> hints_;
  bool pending_space_ = false;
  std::uint32_t space_at_ = 0;
  std::uint32_t last_end_ = 0;
};

std::string text_of(const GumboNode* node) {
  std::string s;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA)
    return node->v.text.text;
  if (node->type != GUMBO_NODE_ELEMENT) return s;
  const GumboVector& v = node->v.element.children;
  for (unsigned i = 0; i < v.length; ++i) s += text_of(static_cast<const GumboNode*>(v.data[i]));
  return s;
}

// Metadata a page states about itself; the first statement of each field wins.
// <title> often carries the outlet's name too; it is the last resort for the title.
void read_page_meta(const GumboNode* node, ArticleMeta& meta, Field& page_title) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  auto set = [](Field& field, std::string_view raw) {
    std::string value = util::squash_spaces(util::valid_utf8(raw));
    if (!field.known() && !value.empty()) field = {std::move(value), FieldSource::inferred};
  };
  if (e.tag == GUMBO_TAG_TITLE) {
    set(page_title, text_of(node));
  } else if (e.tag == GUMBO_TAG_META) {
    const char* key = attribute(e, "property");
    if (!key) key = attribute(e, "name");
    if (!key) key = attribute(e, "itemprop");
    const char* content = attribute(e, "content");
    if (key && content) {
      const std::string k = util::lower(key);
      if (k == "og:site_name" || k == "application-name" || k == "publisher")
        set(meta.outlet, content);
      else if (k == "og:title" || k == "twitter:title" || k == "headline")
        set(meta.title, content);
      else if (k == "article:published_time" || k == "datepublished" || k == "date" ||
               k == "pubdate" || k == "publish-date" || k == "dc.date")
        set(meta.published, content);
      else if (k == "author" || k == "article:author" || k == "byl" || k == "dc.creator")
        set(meta.author, content);
      else if (k == "og:url")
        set(meta.url, content);
    }
  } else if (e.tag == GUMBO_TAG_LINK) {
    const char* rel = attribute(e, "rel");
    const char* href = attribute(e, "href");
    if (rel && href && util::lower(rel) == "canonical") set(meta.url, href);
  } else if (e.tag == GUMBO_TAG_TIME) {
    if (const char* when = attribute(e, "datetime")) set(meta.published, when);
  }
  for (unsigned i = 0; i < e.children.length; ++i)
    read_page_meta(static_cast<const GumboNode*>(e.children.data[i]), meta, page_title);
}

}  // namespace

bool looks_like_html(const std::filesystem::path& path, std::string_view text) {
  std::string ext = util::lower(path.extension().string());
  if (ext == ".html" || ext == ".htm") return true;
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  const std::string head = util::lower(text.substr(i, 15));
  return head.starts_with("<!doctype html") || head.starts_with("<html");
}

void extract_html(Article& a, const std::vector<PageClass>& page_classes) {
  GumboOutput* output =
      gumbo_parse_with_options(&kGumboDefaultOptions, a.text.data(), a.text.size());
  if (!output) return;
  ArticleMeta page_meta;
  Field page_title;
  read_page_meta(output->root, page_meta, page_title);
  PageText page(a.text, a.text_to_original, page_classes);
  page.walk(output->document);
  std::string text;
  std::vector<std::uint32_t> map;
  page.finish(text, map, a.hints);
  gumbo_destroy_output(&kGumboDefaultOptions, output);

  a.text = std::move(text);
  a.text_to_original = std::move(map);
  a.format = "html";
  const bool marked_headline = std::any_of(a.hints.begin(), a.hints.end(),
                                           [](const auto& h) { return h.region == "headline"; });
  if (!page_meta.title.known() && !marked_headline) page_meta.title = page_title;
  for (auto [field, found] : {std::pair{&a.meta.outlet, &page_meta.outlet},
                              {&a.meta.title, &page_meta.title},
                              {&a.meta.published, &page_meta.published},
                              {&a.meta.url, &page_meta.url},
                              {&a.meta.author, &page_meta.author}})
    if (!field->known()) *field = *found;
}

}  // namespace claimdiff::ingest
