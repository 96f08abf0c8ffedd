// Catch prints a verdict or severity in a failed check by its name, not a number.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "reconcile/reconcile.h"

namespace Catch {
template <>
struct StringMaker<claimdiff::reconcile::Verdict> {
  static std::string convert(claimdiff::reconcile::Verdict v) {
    return std::string(claimdiff::reconcile::name(v));
  }
};
template <>
struct StringMaker<claimdiff::reconcile::Severity> {
  static std::string convert(claimdiff::reconcile::Severity s) {
    return std::string(claimdiff::reconcile::name(s));
  }
};
}  // namespace Catch
