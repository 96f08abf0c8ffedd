#include "text/text.h"

#include <unicode/brkiter.h>
#include <unicode/edits.h>
#include <unicode/filteredbrk.h>
#include <unicode/normalizer2.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>

#include "util/names.h"

namespace claimdiff::text {

namespace {

constexpr util::NameTable<Region, 8> kRegionNames = {{
    {Region::headline, "headline"},
    {Region::standfirst, "standfirst"},
    {Region::byline, "byline"},
    {Region::dateline, "dateline"},
    {Region::body, "body"},
    {Region::caption, "caption"},
    {Region::related_links, "related-links"},
    {Region::promo, "promo"},
}};
constexpr util::NameTable<MetaField, 3> kMetaNames = {{
    {MetaField::outlet, "outlet"},
    {MetaField::published, "published"},
    {MetaField::author, "author"},
}};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// What a code point becomes in normalised text: nullptr keeps it as it is.
const char* replacement(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return "-";
    case 0x00A0:
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case '\t':
    case '\f':
    case '\v':
      return " ";
    case 0x2028:
    case 0x2029:
    case 0x0085:
    case '\r':
      return "\n";
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return "";  // soft hyphen and zero-width characters vanish
    case 0x2026:
      return "...";
    case 0xFB00:
      return "ff";
    case 0xFB01:
      return "fi";
    case 0xFB02:
      return "fl";
    case 0xFB03:
      return "ffi";
    case 0xFB04:
      return "ffl";
    case 0xFB05:
    case 0xFB06:
      return "st";
    default:
      return nullptr;
  }
}

// An ASCII byte that normalising never changes nor looks around: not a
// control character replace() maps, nor the end of a sentence.
bool kept_as_is(std::uint8_t b) {
  return b < 0x80 && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != '.' && b != '?' &&
         b != '!';
}

bool is_lower_ascii(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_upper_ascii(char c) {
  return c >= 'A' && c <= 'Z';
}

// NFC, with the map carried through ICU's edit record. Most news text is NFC
// already, so the check comes first.
std::string to_nfc(std::string_view in, const std::vector<std::uint32_t>& map_in,
                   std::vector<std::uint32_t>& map_out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc->isNormalizedUTF8(in, status)) {
    map_out = map_in;
    return std::string(in);
  }
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::Edits edits;
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, in, sink, &edits, status);
  if (U_FAILURE(status)) {
    map_out = map_in;
    return std::string(in);
  }
  map_out.assign(out.size() + 1, map_in.back());
  icu::Edits::Iterator it = edits.getFineIterator();
  status = U_ZERO_ERROR;
  while (it.next(status)) {
    for (int32_t k = 0; k < it.newLength(); ++k) {
      const int32_t src = it.hasChange() ? it.sourceIndex() : it.sourceIndex() + k;
      map_out[static_cast<std::size_t>(it.destinationIndex() + k)] =
          map_in[static_cast<std::size_t>(src)];
    }
  }
  return out;
}

}  // namespace

void QuoteState::feed(std::string_view text, std::size_t from, std::size_t to) {
  auto word = [&](std::size_t i) {
    const char c = text[i];
    return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
  };
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') ++doubles;
    if (c != '\'') continue;
    const bool word_before = i > 0 && word(i - 1);
    const bool word_after = i + 1 < text.size() && word(i + 1);
    if (!word_before && word_after)
      ++singles;  // opens
    else if (word_before && !word_after && singles > 0)
      --singles;  // closes
  }
}

const char* to_string(Region region) {
  return util::name_of(kRegionNames, region, "body");
}

std::optional<Region> region_from_string(std::string_view name) {
  return util::value_of(kRegionNames, name);
}

bool is_article_region(Region region) {
  return region == Region::headline || region == Region::standfirst || region == Region::body ||
         region == Region::caption;
}

const char* to_string(MetaField field) {
  return util::name_of(kMetaNames, field, "outlet");
}

std::optional<MetaField> meta_field_from_string(std::string_view name) {
  return util::value_of(kMetaNames, name);
}

std::string normalise(std::string_view decoded, const std::vector<std::uint32_t>& map_in,
                      std::vector<std::uint32_t>& map_out) {
  std::vector<std::uint32_t> nfc_map;
  const std::string nfc = to_nfc(decoded, map_in, nfc_map);

  std::string out;
  out.reserve(nfc.size());
  map_out.clear();
  map_out.reserve(nfc.size() + 1);
  const auto* bytes = reinterpret_cast<const uint8_t*>(nfc.data());
  const auto n = static_cast<int32_t>(nfc.size());
  for (int32_t i = 0; i < n;) {
    // Most bytes are ASCII that stays as it is: copied a run at a time.
    int32_t run = i;
    while (run < n && kept_as_is(bytes[run])) ++run;
    if (run > i) {
      out.append(nfc, static_cast<std::size_t>(i), static_cast<std::size_t>(run - i));
      map_out.insert(map_out.end(), nfc_map.begin() + i, nfc_map.begin() + run);
      i = run;
      continue;
    }
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    const std::uint32_t origin = nfc_map[static_cast<std::size_t>(at)];
    if (c == '\r' && i < n && nfc[static_cast<std::size_t>(i)] == '\n') continue;  // CRLF -> LF
    if (const char* r = replacement(c)) {
      const std::size_t len = std::strlen(r);
      out.append(r, len);
      map_out.insert(map_out.end(), len, origin);
      continue;
    }
    // A sentence glued to the next ("difference.Civilian"): give it its space back.
    if ((c == '.' || c == '?' || c == '!') && i + 1 < n && out.size() >= 2 &&
        is_lower_ascii(out[out.size() - 1]) && is_lower_ascii(out[out.size() - 2]) &&
        is_upper_ascii(nfc[static_cast<std::size_t>(i)]) &&
        is_lower_ascii(nfc[static_cast<std::size_t>(i + 1)])) {
      out.push_back(static_cast<char>(c));
      map_out.push_back(origin);
      out.push_back(' ');
      map_out.push_back(nfc_map[static_cast<std::size_t>(i)]);
      continue;
    }
    for (int32_t k = at; k < i; ++k) {
      out.push_back(nfc[static_cast<std::size_t>(k)]);
      map_out.push_back(nfc_map[static_cast<std::size_t>(k)]);
    }
  }
  map_out.push_back(nfc_map.back());
  return out;
}

Segmenter::Segmenter(Cues cues) : cues_(std::move(cues)) {
  UErrorCode status = U_ZERO_ERROR;
  sentences_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  // CLDR's English exceptions ("Mr.") plus the lexicon's abbreviations of news copy.
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> filter(
      icu::FilteredBreakIteratorBuilder::createInstance(icu::Locale::getEnglish(), status));
  if (U_SUCCESS(status) && filter) {
    for (const std::string& abbreviation : cues_.abbreviations)
      filter->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbreviation), status);
    icu::BreakIterator* plain = sentences_.release();
    icu::BreakIterator* wrapped = filter->wrapIteratorWithFilter(plain, status);
    sentences_.reset(wrapped && U_SUCCESS(status) ? wrapped : plain);
  }
}

Segmenter::~Segmenter() = default;

Document Segmenter::segment(const ingest::Article& article) {
  return build(article.text, article.text_to_original, article.hints);
}

Document Segmenter::segment_text(std::string_view text) {
  std::vector<std::uint32_t> identity(text.size() + 1);
  for (std::size_t i = 0; i < identity.size(); ++i) identity[i] = static_cast<std::uint32_t>(i);
  return build(text, identity, {});
}

Document Segmenter::build(std::string_view decoded, const std::vector<std::uint32_t>& map,
                          const std::vector<ingest::BlockHint>& hints) {
  Document doc;
  doc.text = normalise(decoded, map, doc.to_original);

  // Blocks are lines; blank lines and surrounding spaces are not part of any.
  const std::string& t = doc.text;
  for (std::size_t pos = 0; pos < t.size();) {
    std::size_t eol = t.find('\n', pos);
    if (eol == std::string::npos) eol = t.size();
    std::size_t b = pos, e = eol;
    while (b < e && is_space(t[b])) ++b;
    while (e > b && is_space(t[e - 1])) --e;
    if (e > b) doc.blocks.push_back({b, e, Region::body, {}});
    pos = eol + 1;
  }

  // Sentences first: an appeal can be glued into the first line of the body,
  // so furniture is also found sentence by sentence.
  std::vector<const RegionCue*> sentence_cue;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) split_sentences(doc, i, sentence_cue);
  // An appeal runs over several sentences and only some say "support" or
  // "donate": what stands between two appeal sentences close together (a few
  // sentences, in the same or next-but-one block) is the appeal too.
  constexpr std::size_t kAppealSentences = 6, kAppealBlocks = 2;
  for (std::size_t i = 0, last = SIZE_MAX; i < doc.sentences.size(); ++i) {
    if (!sentence_cue[i]) continue;
    if (last != SIZE_MAX && i - last <= kAppealSentences &&
        doc.sentences[i].block - doc.sentences[last].block <= kAppealBlocks &&
        sentence_cue[last] == sentence_cue[i])
      for (std::size_t k = last + 1; k < i; ++k) sentence_cue[k] = sentence_cue[i];
    last = i;
  }
  // A block that is nearly all furniture ("... Your support makes all the
  // difference. Close") is furniture.
  std::vector<const RegionCue*> block_of_sentences(doc.blocks.size(), nullptr);
  std::vector<std::size_t> cued_bytes(doc.blocks.size(), 0);
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    if (!sentence_cue[i]) continue;
    const Sentence& sentence = doc.sentences[i];
    cued_bytes[sentence.block] += sentence.end - sentence.begin;
    block_of_sentences[sentence.block] = sentence_cue[i];
  }
  for (std::size_t b = 0; b < doc.blocks.size(); ++b)
    if (cued_bytes[b] * 10 < (doc.blocks[b].end - doc.blocks[b].begin) * 9)
      block_of_sentences[b] = nullptr;

  // Regions: what the page's markup says first, then cues; the first uncued
  // block is the headline, a full sentence right after it is the standfirst.
  // On a page whose markup marks the headline, what comes before it is chrome.
  const auto marked_headline = std::find_if(hints.begin(), hints.end(),
                                            [](const auto& h) { return h.region == "headline"; });
  bool rest_active = false;
  Region rest_region = Region::body;
  std::string rest_cue;
  bool seen_headline = false, seen_body = false;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    Block& block = doc.blocks[i];
    const std::string_view s = doc.slice(block.begin, block.end);
    const std::uint32_t at = doc.to_original[block.begin];
    const auto hint = std::find_if(hints.begin(), hints.end(), [&](const auto& h) {
      return h.begin <= at && at < h.end && region_from_string(h.region);
    });
    if (hint != hints.end()) {
      block.region = *region_from_string(hint->region);
      block.cue = "html " + hint->why;
      if (block.region == Region::headline) seen_headline = true;
      continue;
    }
    if (marked_headline != hints.end() && !seen_headline) {
      block.region = Region::promo;
      block.cue = "html before <h1>";
      continue;
    }
    const RegionCue* hit = block_of_sentences[i];
    for (const auto& cue : cues_.regions) {
      if (hit) break;
      if (cue.extent == CueExtent::sentence) continue;
      if (cue.max_block_chars && s.size() > cue.max_block_chars) continue;
      if (re2::RE2::PartialMatch(s, *cue.pattern)) {
        hit = &cue;
        break;
      }
    }
    // A long paragraph ends a run of furniture: it is prose again.
    if (rest_active && s.size() >= 400 && !hit) rest_active = false;
    if (hit) {
      block.region = hit->region;
      block.cue = hit->id;
      if (hit->extent == CueExtent::rest) {
        rest_active = true;
        rest_region = hit->region;
        rest_cue = hit->id;
      }
    } else if (rest_active) {
      block.region = rest_region;
      block.cue = rest_cue;
    } else if (!seen_headline && !(s.back() == '.' && s.size() > 100)) {
      block.region = Region::headline;
      seen_headline = true;
    } else if (!seen_headline) {  // no headline: the page opens with its standfirst
      block.region = Region::standfirst;
      seen_headline = seen_body = true;
    } else if (!seen_body && (s.back() == '.' || s.back() == '"' || s.back() == '\'') &&
               s.size() < 400 && i + 1 < doc.blocks.size()) {
      block.region = Region::standfirst;
      seen_body = true;
    } else {
      block.region = Region::body;
      seen_body = true;
    }
    if (block.region == Region::headline) seen_headline = true;
  }

  // Quotation state, one pass over each block.
  std::size_t quote_block = SIZE_MAX, quote_pos = 0;
  QuoteState quote;
  for (Sentence& sentence : doc.sentences) {
    if (sentence.block != quote_block) {
      quote = {};
      quote_block = sentence.block;
      quote_pos = doc.blocks[sentence.block].begin;
    }
    quote.feed(doc.text, quote_pos, sentence.begin);
    sentence.quote_at_start = quote;
    quote.feed(doc.text, sentence.begin, sentence.end);
    sentence.quote_at_end = quote;
    quote_pos = sentence.end;
  }
  for (std::size_t i = 0; i < doc.sentences.size(); ++i)
    doc.sentences[i].region =
        sentence_cue[i] ? sentence_cue[i]->region : doc.blocks[doc.sentences[i].block].region;
  return doc;
}

void Segmenter::split_sentences(Document& doc, std::size_t block_index,
                                std::vector<const RegionCue*>& cue_of_sentence) {
  const Block& block = doc.blocks[block_index];
  const std::string& t = doc.text;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, t.data() + block.begin,
                             static_cast<int64_t>(block.end - block.begin), &status);
  if (U_FAILURE(status)) return;
  sentences_->setText(ut, status);
  // Initials ("J. R. Hartley") are no sentence ends; ICU's filter takes no
  // single letters, so breaks after a lone capital are skipped here (a
  // sentence ending "Plan B." stays joined to the next, the lesser harm).
  auto after_initial = [&](std::size_t e) {
    while (e > block.begin && is_space(t[e - 1])) --e;
    return e >= block.begin + 2 && t[e - 1] == '.' && is_upper_ascii(t[e - 2]) &&
           (e == block.begin + 2 || is_space(t[e - 3]));
  };
  int32_t start = sentences_->first();
  for (int32_t end = sentences_->next(); end != icu::BreakIterator::DONE;
       end = sentences_->next()) {
    if (static_cast<std::size_t>(end) < block.end - block.begin &&
        after_initial(block.begin + static_cast<std::size_t>(end)))
      continue;
    std::size_t b = block.begin + static_cast<std::size_t>(start);
    std::size_t e = block.begin + static_cast<std::size_t>(end);
    start = end;
    while (b < e && is_space(t[b])) ++b;
    while (e > b && is_space(t[e - 1])) --e;
    if (e <= b) continue;
    const RegionCue* hit = nullptr;
    for (const auto& cue : cues_.regions) {
      if (cue.extent != CueExtent::sentence) continue;
      if (re2::RE2::PartialMatch(doc.slice(b, e), *cue.pattern)) {
        hit = &cue;
        break;
      }
    }
    doc.sentences.push_back({b, e, block_index, block.region});
    cue_of_sentence.push_back(hit);
  }
  utext_close(ut);
}

ingest::ArticleMeta Segmenter::infer_meta(const Document& doc) const {
  ingest::ArticleMeta meta;
  constexpr std::size_t kFirstBlocks = 12;
  for (std::size_t i = 0; i < doc.blocks.size() && i < kFirstBlocks; ++i) {
    const Block& block = doc.blocks[i];
    if (block.region == Region::headline && !meta.title.known())
      meta.title = {std::string(doc.slice(block.begin, block.end)), ingest::FieldSource::inferred};
  }
  for (const auto& cue : cues_.meta) {
    ingest::Field* field = cue.field == MetaField::outlet      ? &meta.outlet
                           : cue.field == MetaField::published ? &meta.published
                                                               : &meta.author;
    if (field->known()) continue;
    const int group = [&] {
      auto names = cue.pattern->NamedCapturingGroups();
      auto it = names.find("value");
      return it == names.end() ? 0 : it->second;
    }();
    // Outlets also name themselves in appeals at the foot of a page: look at every block.
    const std::size_t limit = cue.field == MetaField::outlet ? doc.blocks.size() : kFirstBlocks;
    for (std::size_t i = 0; i < doc.blocks.size() && i < limit; ++i) {
      const std::string_view s = doc.slice(doc.blocks[i].begin, doc.blocks[i].end);
      std::vector<re2::StringPiece> groups(static_cast<std::size_t>(group) + 1);
      if (cue.pattern->Match(s, 0, s.size(), re2::RE2::UNANCHORED, groups.data(),
                             static_cast<int>(groups.size())) &&
          !groups[static_cast<std::size_t>(group)].empty()) {
        *field = {std::string(groups[static_cast<std::size_t>(group)]),
                  ingest::FieldSource::inferred};
        break;
      }
    }
  }
  return meta;
}

}  // namespace claimdiff::text
