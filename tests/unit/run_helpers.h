// Runs the stages as `claimdiff run` wires them, for tests on whole stories.
#pragma once

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "helpers.h"
#include "reconcile/reconcile.h"
#include "verdict_strings.h"

namespace claimdiff::testing {

struct Run {
  ingest::Result input;
  std::vector<claim::Claim> claims;
  std::vector<reconcile::Finding> findings;
};

inline Run run(const std::filesystem::path& story, bool include_furniture = false) {
  Run r;
  ingest::Options options;  // pages read as the command line reads them
  options.page_classes = builtin_rules().lexicon.page_classes;
  r.input = ingest::read_inputs({story}, options);
  std::vector<ingest::Article*> articles;
  for (auto& s : r.input.stories)
    for (auto& a : s.articles) articles.push_back(&a);
  cli::Settings settings;
  settings.include_furniture = include_furniture;
  settings.jobs = 2;
  for (auto& out : cli::process_all(builtin_rules(), articles, settings))
    for (auto& c : out.claims) r.claims.push_back(std::move(c));
  r.findings = reconcile::reconcile(r.claims, cli::words_of(builtin_rules()));
  return r;
}

inline const reconcile::Finding* finding(const Run& r, const std::string& attribute,
                                         const std::string& scope = "") {
  for (const auto& f : r.findings)
    if (f.attribute == attribute && f.scope == scope) return &f;
  return nullptr;
}

inline const claim::Claim& claim_of(const Run& r, const std::string& id) {
  for (const auto& c : r.claims)
    if (c.id == id) return c;
  FAIL("no claim " << id);
  throw;
}

inline std::set<std::string> outlets_of(const Run& r, const reconcile::Finding& f) {
  std::set<std::string> outlets;
  for (const auto& id : f.claim_ids) outlets.insert(claim_of(r, id).outlet);
  return outlets;
}

// The figures as printed behind a finding.
inline std::set<std::string> texts_of(const Run& r, const reconcile::Finding& f) {
  std::set<std::string> texts;
  for (const auto& id : f.claim_ids) texts.insert(claim_of(r, id).text);
  return texts;
}

}  // namespace claimdiff::testing
