// Fuzz target: loading a rule pack from any YAML, then running it on a
// sentence. A load must end in rules or errors, never a crash or an exception
// (a wrongly typed field is an error naming its line, as tests/fuzz/regressions/rules/
// and ctest rules_bad_types check).
#include "fuzz_common.h"

using namespace claimdiff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto pack = fuzz::scratch() / "pack";
  std::filesystem::create_directories(pack);
  fuzz::write_file(pack / "rules.yaml",
                   std::string_view(reinterpret_cast<const char*>(data), size));
  const ruleset::LoadResult loaded = ruleset::load({pack});
  for (const auto& e : loaded.errors) FUZZ_CHECK(fuzz::is_utf8(e.format()));
  const std::string text = "About 1,200 crew members, 81% of those voting, back a strike.";
  ruleset::match(loaded.rules, text, 0, text.size());
  return 0;
}
