// Fuzz target: ingest's decoding of bytes, as a .txt article and as an .html page.
#include "fuzz_common.h"

using namespace claimdiff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"fuzz.txt", "fuzz.html"}) {
    ingest::Article a;
    a.file = name;
    a.path = name;
    a.original = bytes;
    std::vector<ingest::Problem> problems;
    ingest::decode(a, problems);
    fuzz::check_article(a);
    if (std::string_view(name).ends_with(".html") || ingest::looks_like_html({}, a.text)) {
      ingest::extract_html(a, fuzz::builtin_rules().lexicon.page_classes);
      fuzz::check_article(a);
      for (const auto* f : {&a.meta.outlet, &a.meta.title, &a.meta.published, &a.meta.author})
        FUZZ_CHECK(fuzz::is_utf8(f->value));
    }
    for (const auto& p : problems) FUZZ_CHECK(fuzz::is_utf8(p.message));
  }
  return 0;
}
