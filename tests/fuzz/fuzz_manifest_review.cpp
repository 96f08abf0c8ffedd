// Fuzz target: a story's manifest and an editors' review file from any bytes.
// Whatever they hold, what reaches a report is valid UTF-8.
#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "report/report.h"

using namespace claimdiff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::vector<ingest::Problem> problems;
  const ingest::Manifest m = ingest::parse_manifest(bytes, "sources.yaml", problems);
  nlohmann::json j;
  j["title"] = m.title;
  for (const auto& [file, fields] : m.articles)
    for (const auto& [key, value] : fields) j[key] = value;  // keys: file names, not reported
  j.dump();                                                  // throws on invalid UTF-8: a finding

  const auto file = fuzz::scratch() / "review.yaml";
  fuzz::write_file(file, bytes);
  report::Reviews reviews;
  std::vector<report::Problem> review_problems;
  report::read_review(file, reviews, review_problems);
  for (const auto& [id, d] : reviews.by_finding)
    for (const auto* s : {&d.finding, &d.decision, &d.verdict, &d.note, &d.by, &d.at})
      FUZZ_CHECK(fuzz::is_utf8(*s));
  for (const auto& p : review_problems) FUZZ_CHECK(fuzz::is_utf8(p.message));
  return 0;
}
