// Fuzz target: findings from claims JSON Lines, as `claimdiff reconcile` reads
// them: a line that is not a claim is an error for that line, never a crash.
#include <nlohmann/json.hpp>
#include <sstream>

#include "claim/claim.h"
#include "fuzz_common.h"
#include "reconcile/reconcile.h"

using namespace claimdiff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<claim::Claim> claims;
  for (std::string line; std::getline(in, line);) {
    try {
      claims.push_back(claim::claim_from_json(nlohmann::json::parse(line)));
    } catch (const nlohmann::json::exception&) {
      // `reconcile` reports the line and goes on.
    }
  }
  for (const auto& f : reconcile::reconcile(
           claims, {fuzz::builtin_rules().labels, fuzz::builtin_rules().lexicon.bases}))
    reconcile::to_json(f).dump();
  return 0;
}
