// Fuzz target: claims from any bytes with the default packs, the way `run`
// makes them (decode, segment, rules, values, claims), and their JSON.
#include "claim/claim.h"
#include "cli/pipeline.h"
#include "fuzz_common.h"

using namespace claimdiff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static cli::Worker worker(fuzz::builtin_rules());
  ingest::Article a;
  a.story = "fuzz";
  a.file = a.path = "fuzz.txt";
  a.original.assign(reinterpret_cast<const char*>(data), size);
  std::vector<ingest::Problem> problems;
  ingest::decode(a, problems);
  if (ingest::looks_like_html({}, a.text))
    ingest::extract_html(a, fuzz::builtin_rules().lexicon.page_classes);
  const cli::ArticleOutput out = cli::process(worker, a, {});
  for (const auto& c : out.claims) {
    FUZZ_CHECK(c.span.begin <= c.span.end && c.span.end <= a.original.size());
    claim::to_json(c).dump();  // throws on invalid UTF-8: a finding
  }
  return 0;
}
