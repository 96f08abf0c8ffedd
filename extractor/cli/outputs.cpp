#include "cli/outputs.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "ingest/ingest.h"

namespace fs = std::filesystem;

namespace claimdiff::cli {

namespace {

// The Nth write that CLAIMDIFF_TEST_FAIL_WRITE asks to fail, or 0.
std::size_t injected_failure() {
  const char* env = std::getenv("CLAIMDIFF_TEST_FAIL_WRITE");
  return env ? std::strtoul(env, nullptr, 10) : 0;
}

// Writes one file; "" or the reason it failed.
std::string write_file(const fs::path& path, const std::string& content, bool fail) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return std::strerror(errno);
  if (fail) return std::strerror(ENOSPC);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return std::strerror(errno ? errno : EIO);
  return "";
}

// A folder beside `dir` for this process: ".out.claimdiff-new-1234".
fs::path sibling(const fs::path& dir, const char* what) {
  std::string name = ".";  // appended piece by piece: g++ 12 warns (-Wrestrict) on a + chain
  name += dir.filename().string();
  name += ".claimdiff-";
  name += what;
  name += '-';
  name += std::to_string(::getpid());
  return dir.parent_path() / name;
}

// Moves files between folders; on failure moves back those already moved and
// returns the error.
class Mover {
 public:
  std::string move(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) return to.string() + ": cannot move into place: " + ec.message();
    done_.emplace_back(from, to);
    return "";
  }
  void undo() {
    std::error_code ec;
    for (auto it = done_.rbegin(); it != done_.rend(); ++it) fs::rename(it->second, it->first, ec);
    done_.clear();
  }

 private:
  std::vector<std::pair<fs::path, fs::path>> done_;
};

// Moves the staged set into `dir`, keeping the old files in `aside` until all
// new ones are in. "" or the error, with `dir` as it was.
std::string swap_in(const fs::path& staged, const fs::path& dir, const fs::path& aside,
                    const std::vector<std::string>& names) {
  Mover old_out, new_in;
  for (const auto& name : names) {
    std::error_code ec;
    if (!fs::exists(dir / name, ec)) continue;
    if (auto error = old_out.move(dir / name, aside / name); !error.empty()) {
      old_out.undo();
      return error;
    }
  }
  for (const auto& name : names) {
    if (auto error = new_in.move(staged / name, dir / name); !error.empty()) {
      new_in.undo();
      old_out.undo();
      return error;
    }
  }
  return "";
}

std::string left_as_it_was(const fs::path& dir, const std::string& what) {
  return what + "; " + dir.string() + " left as it was";
}

}  // namespace

std::string write_output_set(const fs::path& given, const std::vector<OutputFile>& files) {
  const fs::path dir = fs::absolute(given).lexically_normal();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return given.string() + ": exists and is not a folder; nothing written";
  fs::create_directories(dir.parent_path(), ec);
  if (ec) return dir.parent_path().string() + ": cannot create folder: " + ec.message();
  const fs::path staged = sibling(dir, "new"), aside = sibling(dir, "old");
  fs::remove_all(staged, ec);
  if (!fs::create_directory(staged, ec) || ec)
    return left_as_it_was(given, staged.string() + ": cannot write beside the output folder: " +
                                     (ec ? ec.message() : "exists"));
  std::vector<OutputFile> all = files;
  all.push_back(
      {ingest::kOutputMarker, "claimdiff wrote this folder; claimdiff never reads it as input.\n"});
  const std::size_t fail_at = injected_failure();
  std::vector<std::string> names;
  std::string error;
  for (std::size_t i = 0; i < all.size() && error.empty(); ++i) {
    const std::string why = write_file(staged / all[i].name, all[i].content, i + 1 == fail_at);
    if (!why.empty()) error = (given / all[i].name).string() + ": cannot write: " + why;
    names.push_back(all[i].name);
  }
  if (error.empty()) {
    fs::create_directories(dir, ec);
    if (ec) error = given.string() + ": cannot create folder: " + ec.message();
  }
  if (error.empty()) fs::remove_all(aside, ec);  // left by a crashed run of the same pid
  if (error.empty() && !fs::create_directory(aside, ec))
    error = aside.string() + ": cannot write beside the output folder: " + ec.message();
  if (error.empty()) error = swap_in(staged, dir, aside, names);
  fs::remove_all(staged, ec);
  fs::remove_all(aside, ec);
  return error.empty() ? "" : left_as_it_was(given, error);
}

}  // namespace claimdiff::cli
