// Fuzz target: loading a rule pack from any YAML, then running it on a
// sentence. A load must end in rules or errors, never a crash.
//
// Until the typed rule loader lands (the ruleset rewrite), yaml-cpp's
// TypedBadConversion escapes ruleset::load on a wrongly typed field; that is
// known (tests/fuzz/regressions/rules/, ctest rules_bad_types) and tolerated
// here unless built with CLAIMDIFF_FUZZ_STRICT_RULES, so that the fuzzer can
// look for other faults. Drop the tolerance after the merge.
#include <yaml-cpp/yaml.h>

#include "fuzz_common.h"

using namespace claimdiff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto pack = fuzz::scratch() / "pack";
  std::filesystem::create_directories(pack);
  fuzz::write_file(pack / "rules.yaml",
                   std::string_view(reinterpret_cast<const char*>(data), size));
  ruleset::LoadResult loaded;
  try {
    loaded = ruleset::load({pack});
  } catch (const YAML::Exception&) {
#ifdef CLAIMDIFF_FUZZ_STRICT_RULES
    throw;
#else
    return 0;
#endif
  }
  for (const auto& e : loaded.errors) e.format();
  const std::string text = "About 1,200 crew members, 81% of those voting, back a strike.";
  ruleset::match(loaded.rules, text, 0, text.size());
  return 0;
}
