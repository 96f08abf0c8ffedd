// The files of one run (claims.jsonl, findings.json, report.md, report.html,
// run.json) written as one set: all of them or none, so that out/ never holds
// half an old run and half a new one.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace claimdiff::cli {

struct OutputFile {
  std::string name;  // file name inside the output folder
  std::string content;
};

// Writes every file to a temporary folder beside `dir`, and only when all are
// written moves them into `dir` (the files replaced are kept aside until the
// last is in, and put back if any move fails). Also leaves ingest's output
// marker in `dir`. Returns "" on success, else the one line saying what failed;
// `dir` is then as it was.
//
// For tests of a full disk: with CLAIMDIFF_TEST_FAIL_WRITE=N in the
// environment, the Nth file written fails as if the disk were full (ENOSPC).
std::string write_output_set(const std::filesystem::path& dir,
                             const std::vector<OutputFile>& files);

}  // namespace claimdiff::cli
