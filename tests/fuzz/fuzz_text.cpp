// Fuzz target: the text stage (normalise, regions, sentences) on any UTF-8 text.
#include "fuzz_common.h"
#include "text/text.h"

using namespace claimdiff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The text stage takes decoded text: valid UTF-8, as ingest hands it over.
  const std::string text =
      util::valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  static text::Segmenter segmenter(fuzz::builtin_rules().cues());
  const text::Document doc = segmenter.segment_text(text);
  FUZZ_CHECK(fuzz::is_utf8(doc.text));
  FUZZ_CHECK(doc.to_original.size() == doc.text.size() + 1);
  for (const auto& b : doc.blocks) FUZZ_CHECK(b.begin <= b.end && b.end <= doc.text.size());
  for (const auto& s : doc.sentences) {
    FUZZ_CHECK(s.begin <= s.end && s.end <= doc.text.size());
    FUZZ_CHECK(s.block < doc.blocks.size());
  }
  segmenter.infer_meta(doc);
  return 0;
}
