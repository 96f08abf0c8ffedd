// text: from a decoded article to normalised text, blocks with regions, and
// sentences, keeping a map from every byte of the normalised text back to the
// original file's bytes.
//
// Normalisation folds what news pages spell many ways (curly quotes, dashes,
// odd spaces, ligatures, soft hyphens) and splits sentences glued together
// ("difference.Civilian"). Regions tell the article from its page furniture;
// the cues that recognise furniture are data (rules/furniture/), compiled by the
// ruleset stage and handed in here.
#pragma once

#include <re2/re2.h>
#include <unicode/uversion.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace claimdiff::text {

enum class Region { headline, standfirst, byline, dateline, body, caption, related_links, promo };
const char* to_string(Region region);
std::optional<Region> region_from_string(std::string_view name);
// Regions whose figures are the article's own; the rest is furniture.
bool is_article_region(Region region);

// How far a furniture cue reaches: the block it matches, that block and every
// block after it (a list of unrelated headlines at the foot of a page), or only
// the sentence it matches (an appeal glued to the first line of the body).
enum class CueExtent { block, rest, sentence };

struct RegionCue {
  std::string id;
  Region region = Region::body;
  CueExtent extent = CueExtent::block;
  std::shared_ptr<const re2::RE2> pattern;
  std::size_t max_block_chars = 0;  // the cue applies only to blocks this short; 0: any
};

enum class MetaField { outlet, published, author };
const char* to_string(MetaField field);
std::optional<MetaField> meta_field_from_string(std::string_view name);

// Finds a metadata field in the first blocks of an article: the capture group
// named `value` is the field's text.
struct MetaCue {
  std::string id;
  MetaField field = MetaField::outlet;
  std::shared_ptr<const re2::RE2> pattern;
};

struct Cues {
  std::vector<RegionCue> regions;
  std::vector<MetaCue> meta;
  // Abbreviations after which a full stop does not end a sentence ("Dr.").
  std::vector<std::string> abbreviations;
};

struct Block {
  std::size_t begin = 0, end = 0;  // in Document::text
  Region region = Region::body;
  std::string cue;  // id of the cue that set the region, if any
};

// Whether a position lies inside quotation marks. Straight double quotes count
// by parity; single quotes only where they open or close a word, so
// apostrophes ("union's") do not.
struct QuoteState {
  int doubles = 0, singles = 0;
  bool inside() const { return doubles % 2 == 1 || singles > 0; }
  // Moves the state over text[from, to); `text` is the whole block or document.
  void feed(std::string_view text, std::size_t from, std::size_t to);
};

struct Sentence {
  std::size_t begin = 0, end = 0;  // in Document::text
  std::size_t block = 0;
  Region region = Region::body;
  // Quotation state where the sentence starts and ends (counted from its
  // block's start): a quote can run over several sentences, its attribution
  // standing only in the last ("... They will strike," the union said.).
  QuoteState quote_at_start, quote_at_end;
};

struct Span {
  std::uint32_t begin = 0, end = 0;
};

struct Document {
  std::string text;  // normalised UTF-8
  // For each byte of `text` (and one past its end) the offset in the original file.
  std::vector<std::uint32_t> to_original;
  std::vector<Block> blocks;
  std::vector<Sentence> sentences;

  std::string_view slice(std::size_t begin, std::size_t end) const {
    return std::string_view(text).substr(begin, end - begin);
  }
  Span original_span(std::size_t begin, std::size_t end) const {
    return {to_original[begin], to_original[end]};
  }
};

// Normalises decoded UTF-8. `map_in` maps each byte of `decoded` (and one past
// its end) to the original file; the result's map is written to `map_out`.
std::string normalise(std::string_view decoded, const std::vector<std::uint32_t>& map_in,
                      std::vector<std::uint32_t>& map_out);

// Splits, classifies and segments articles. Holds an ICU sentence iterator, so
// use one Segmenter per thread.
class Segmenter {
 public:
  explicit Segmenter(Cues cues);
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  Document segment(const ingest::Article& article);
  // Segments text that has no file behind it (`--stdin`, rule examples).
  Document segment_text(std::string_view text);

  // Fields the cues find in the first blocks; unknown fields stay unknown.
  ingest::ArticleMeta infer_meta(const Document& doc) const;

 private:
  Document build(std::string_view decoded, const std::vector<std::uint32_t>& map,
                 const std::vector<ingest::BlockHint>& hints);
  // Appends the block's sentences, and for each the sentence-level cue that matched it.
  void split_sentences(Document& doc, std::size_t block_index,
                       std::vector<const RegionCue*>& cue_of_sentence);

  Cues cues_;
  std::unique_ptr<icu::BreakIterator> sentences_;
};

}  // namespace claimdiff::text
