// claim (internal): reading a figure's Subject from the words of its clause
// (DESIGN.md, "Subjects"). Not part of the stage's interface; claim.cpp calls it.
#pragma once

#include "claim/claim.h"

namespace claimdiff::claim::detail {

// What one figure's subject is read from: the figures and mentions of its
// sentence (the subject rules ran in the same pass as the other rules).
struct SubjectInput {
  const ruleset::RuleSet& rules;
  const text::Document& doc;
  const text::Sentence& sentence;
  const SentenceFacts& facts;
  const quantity::Quantity& figure;
};

// Head (a subject rule's, else the counted noun), terms, role, when and
// negation of one figure. Only the clause's words are stemmed.
Subject read_subject(const SubjectInput& in, text::Stemmer& stemmer);

// A date's value as ISO: a day, a whole month "2024-04", a whole year
// "2024", else "from/to"; a date without its year as the partial form.
std::string iso_of(const quantity::Value& v);

}  // namespace claimdiff::claim::detail
