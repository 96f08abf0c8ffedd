#include "ingest/ingest.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "util/strings.h"

namespace fs = std::filesystem;

namespace claimdiff::ingest {

const char* to_string(FieldSource source) {
  switch (source) {
    case FieldSource::manifest:
      return "manifest";
    case FieldSource::inferred:
      return "inferred";
    case FieldSource::unknown:
      break;
  }
  return "unknown";
}

namespace {

bool is_article_file(const fs::path& p) {
  const std::string ext = util::lower(p.extension().string());
  return ext == ".txt" || ext == ".md" || ext == ".html" || ext == ".htm";
}

// Files that live beside a story's articles and are not articles.
bool is_companion_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name == "sources.yaml" || name == "sources.yml" || name == "sources.json" ||
         name == "gold.json" || name == "review.yaml" || name == "README.md" ||
         (!name.empty() && name[0] == '.');
}

void append_utf8(std::string& out, std::vector<std::uint32_t>& map, UChar32 c,
                 std::uint32_t original_offset) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (error) {
    len = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, 0xFFFD);
  }
  out.append(buf, len);
  map.insert(map.end(), len, original_offset);
}

void decode_utf16(Article& a, std::size_t start, bool little_endian) {
  const std::string& in = a.original;
  std::string out;
  std::vector<std::uint32_t> map;
  out.reserve(in.size());
  map.reserve(in.size() + 1);
  auto unit_at = [&](std::size_t i) -> char16_t {
    const auto b0 = static_cast<unsigned char>(in[i]), b1 = static_cast<unsigned char>(in[i + 1]);
    return static_cast<char16_t>(little_endian ? (b0 | (b1 << 8)) : ((b0 << 8) | b1));
  };
  std::size_t i = start;
  while (i + 1 < in.size()) {
    const std::uint32_t at = static_cast<std::uint32_t>(i);
    char16_t u = unit_at(i);
    i += 2;
    UChar32 c = u;
    if (U16_IS_LEAD(u) && i + 1 < in.size() && U16_IS_TRAIL(unit_at(i))) {
      c = U16_GET_SUPPLEMENTARY(u, unit_at(i));
      i += 2;
    } else if (U16_IS_SURROGATE(u)) {
      c = 0xFFFD;
    }
    append_utf8(out, map, c, at);
  }
  map.push_back(static_cast<std::uint32_t>(in.size()));
  a.text = std::move(out);
  a.text_to_original = std::move(map);
}

// Single-byte legacy charsets: each byte converts on its own, which keeps the map exact.
bool decode_single_byte(Article& a, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  if (U_FAILURE(status)) return false;
  std::string out;
  std::vector<std::uint32_t> map;
  out.reserve(a.original.size() + a.original.size() / 8);
  for (std::size_t i = 0; i < a.original.size(); ++i) {
    const auto byte = static_cast<unsigned char>(a.original[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      map.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    UChar buf[4];
    status = U_ZERO_ERROR;
    const char* src = a.original.data() + i;
    int32_t n = ucnv_toUChars(conv, buf, 4, src, 1, &status);
    UChar32 c = (U_SUCCESS(status) && n >= 1) ? buf[0] : 0xFFFD;
    append_utf8(out, map, c, static_cast<std::uint32_t>(i));
  }
  ucnv_close(conv);
  map.push_back(static_cast<std::uint32_t>(a.original.size()));
  a.text = std::move(out);
  a.text_to_original = std::move(map);
  return true;
}

std::string detect_legacy_charset(const std::string& bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::string name = "windows-1252";
  if (U_SUCCESS(status)) {
    ucsdet_setText(det, bytes.data(),
                   static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20)), &status);
    const UCharsetMatch* match = ucsdet_detect(det, &status);
    if (U_SUCCESS(status) && match) {
      const char* detected = ucsdet_getName(match, &status);
      // Only single-byte Latin charsets are decoded this way; anything else is read as 1252.
      if (U_SUCCESS(status) && detected &&
          (std::string_view(detected).starts_with("ISO-8859") ||
           std::string_view(detected).starts_with("windows-125")))
        name = detected;
    }
    ucsdet_close(det);
  }
  if (name == "ISO-8859-1") name = "windows-1252";  // 1252 is the superset real pages use
  return name;
}

}  // namespace

void decode(Article& a, std::vector<Problem>& problems) {
  const std::string& in = a.original;
  const auto* bytes = reinterpret_cast<const unsigned char*>(in.data());
  if (in.size() >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) {
    a.encoding = "UTF-16LE";
    decode_utf16(a, 2, true);
    return;
  }
  if (in.size() >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) {
    a.encoding = "UTF-16BE";
    decode_utf16(a, 2, false);
    return;
  }
  std::size_t start = 0;
  a.encoding = "UTF-8";
  if (in.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
    start = 3;
    a.encoding = "UTF-8 (BOM)";
  }
  // Count invalid sequences first: a file with mostly invalid high bytes is legacy 8-bit.
  std::size_t invalid = 0, multibyte = 0, first_invalid = 0;
  for (int32_t i = static_cast<int32_t>(start), n = static_cast<int32_t>(in.size()); i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) {
      if (invalid++ == 0) first_invalid = static_cast<std::size_t>(at);
    } else if (c >= 0x80) {
      ++multibyte;
    }
  }
  if (invalid > 0 && invalid > multibyte) {
    const std::string charset = detect_legacy_charset(in);
    if (decode_single_byte(a, charset.c_str())) {
      a.encoding = charset;
      return;
    }
  }
  std::string out;
  std::vector<std::uint32_t> map;
  std::size_t nuls = 0, first_nul = 0;
  out.reserve(in.size() - start);
  map.reserve(in.size() - start + 1);
  for (int32_t i = static_cast<int32_t>(start), n = static_cast<int32_t>(in.size()); i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) {
      append_utf8(out, map, 0xFFFD, static_cast<std::uint32_t>(at));
    } else if (c == 0) {  // a stray NUL in text: replaced, so no later stage stops at it
      if (nuls++ == 0) first_nul = static_cast<std::size_t>(at);
      append_utf8(out, map, 0xFFFD, static_cast<std::uint32_t>(at));
    } else {
      out.append(in, static_cast<std::size_t>(at), static_cast<std::size_t>(i - at));
      for (int32_t k = at; k < i; ++k) map.push_back(static_cast<std::uint32_t>(k));
    }
  }
  map.push_back(static_cast<std::uint32_t>(in.size()));
  a.text = std::move(out);
  a.text_to_original = std::move(map);
  if (invalid > 0) {
    problems.push_back({a.path.string(),
                        "invalid UTF-8: " + std::to_string(invalid) +
                            " byte sequence(s) replaced with U+FFFD, first at byte " +
                            std::to_string(first_invalid),
                        false});
  }
  if (nuls > 0) {
    problems.push_back({a.path.string(),
                        std::to_string(nuls) + " NUL byte(s) replaced with U+FFFD, first at byte " +
                            std::to_string(first_nul),
                        false});
  }
}

namespace {

struct ManifestEntry {
  std::map<std::string, std::string> fields;
};

struct Manifest {
  std::string title;
  std::map<std::string, ManifestEntry> articles;
};

Manifest read_manifest(const fs::path& dir, std::vector<Problem>& problems) {
  Manifest m;
  for (const char* name : {"sources.yaml", "sources.yml", "sources.json"}) {
    const fs::path p = dir / name;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) continue;
    try {
      // YAML 1.2 reads JSON too, so one parser serves both forms.
      YAML::Node root = YAML::LoadFile(p.string());
      if (root["story"] && root["story"].IsScalar()) m.title = root["story"].as<std::string>();
      const YAML::Node articles = root["articles"];
      if (articles && articles.IsMap()) {
        for (const auto& kv : articles) {
          ManifestEntry entry;
          if (kv.second.IsMap()) {
            for (const auto& f : kv.second)
              if (f.second.IsScalar())
                entry.fields[f.first.as<std::string>()] = f.second.as<std::string>();
          }
          m.articles[kv.first.as<std::string>()] = std::move(entry);
        }
      } else {
        problems.push_back({p.string(), "manifest has no 'articles' map; ignored", false});
      }
    } catch (const YAML::Exception& e) {
      problems.push_back({p.string(),
                          "manifest unreadable (line " + std::to_string(e.mark.line + 1) +
                              "): " + e.msg + "; ignored",
                          false});
    }
    break;
  }
  return m;
}

void apply_manifest(Article& a, const Manifest& m) {
  auto it = m.articles.find(a.file);
  if (it == m.articles.end()) return;
  auto set = [&](Field& field, const char* key) {
    auto f = it->second.fields.find(key);
    if (f != it->second.fields.end() && !f->second.empty())
      field = {f->second, FieldSource::manifest};
  };
  set(a.meta.outlet, "outlet");
  set(a.meta.title, "title");
  set(a.meta.published, "published");
  set(a.meta.url, "url");
  set(a.meta.author, "author");
}

bool read_bytes(const fs::path& p, std::string& out, std::string& error) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    error = "cannot open: " + std::string(std::strerror(errno));
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return false;
  }
  out = std::move(ss).str();
  return true;
}

bool looks_binary(const std::string& bytes) {
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return false;  // UTF-16 has NULs by nature
  // Binary formats are dense with NULs and control bytes; text with a stray NUL
  // is still text (decode replaces it and says so).
  const std::size_t n = std::min<std::size_t>(bytes.size(), 64 * 1024);
  std::size_t control = 0, nul = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) ++nul;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return n > 0 && (nul > n / 100 + 1 || control * 10 > n);
}

class Walker {
 public:
  Walker(const Options& options, Result& result) : options_(options), result_(result) {}

  void add_path(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec) {
      problem(path, "cannot read: " + ec.message());
      return;
    }
    if (fs::is_directory(status)) {
      const std::size_t articles = article_count(), problems = result_.problems.size();
      walk_dir(path);
      // A folder that gave nothing and said nothing: a wrong path, most likely.
      if (article_count() == articles && result_.problems.size() == problems)
        problem(path, "no articles in this folder (.txt, .md, .html or .htm files)");
    } else if (fs::is_regular_file(status)) {
      add_file(story_for(path.parent_path()), path);
    } else {
      problem(path, "not a regular file or folder; skipped");
    }
  }

  void finish() {
    for (auto& [key, story] : stories_) {
      if (story.articles.empty()) continue;
      std::sort(story.articles.begin(), story.articles.end(),
                [](const Article& x, const Article& y) { return x.file < y.file; });
      result_.stories.push_back(std::move(story));
    }
    std::sort(result_.stories.begin(), result_.stories.end(),
              [](const Story& x, const Story& y) { return x.name < y.name; });
  }

 private:
  void problem(const fs::path& p, std::string message, bool skipped = true) {
    result_.problems.push_back({p.string(), std::move(message), skipped});
  }

  std::size_t article_count() const {
    std::size_t n = 0;
    for (const auto& [key, story] : stories_) n += story.articles.size();
    return n;
  }

  Story& story_for(const fs::path& dir) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(dir.empty() ? fs::path(".") : dir, ec);
    if (ec) canonical = dir;
    const std::string key = canonical.string();
    auto it = stories_.find(key);
    if (it != stories_.end()) return it->second;
    Story story;
    story.dir = dir.empty() ? fs::path(".") : dir;
    story.name = canonical.filename().string();
    if (story.name.empty()) story.name = "story";
    Manifest manifest = read_manifest(story.dir, result_.problems);
    story.title = manifest.title;
    manifests_[key] = std::move(manifest);
    return stories_.emplace(key, std::move(story)).first->second;
  }

  void walk_dir(const fs::path& dir) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) {
      problem(dir, "cannot read folder: " + ec.message());
      return;
    }
    if (!visited_.insert(canonical.string()).second) {
      problem(dir, "folder already visited (symlink loop?); skipped");
      return;
    }
    std::vector<fs::path> files, dirs;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      problem(dir, "cannot list folder: " + ec.message());
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        problem(dir, "error while listing: " + ec.message());
        break;
      }
      std::error_code sec;
      const auto st = it->status(sec);
      if (sec) {
        problem(it->path(), "cannot read: " + sec.message());
      } else if (fs::is_directory(st)) {
        dirs.push_back(it->path());
      } else if (fs::is_regular_file(st)) {
        files.push_back(it->path());
      } else {
        problem(it->path(), "not a regular file; skipped");
      }
    }
    std::sort(files.begin(), files.end());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& f : files) {
      if (is_companion_file(f)) continue;
      if (!is_article_file(f)) {
        problem(f, "not an article file (.txt, .md, .html, .htm); skipped");
        continue;
      }
      add_file(story_for(dir), f);
    }
    for (const auto& d : dirs) {
      if (d.filename().string().starts_with(".")) continue;
      walk_dir(d);
    }
  }

  void add_file(Story& story, const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
      problem(path, "cannot read: " + ec.message());
      return;
    }
    if (size > options_.max_bytes) {
      problem(path, "file is " + std::to_string(size) + " bytes, over the limit of " +
                        std::to_string(options_.max_bytes) + " (--max-bytes); skipped");
      return;
    }
    Article a;
    a.story = story.name;
    a.path = path;
    a.file = path.filename().string();
    std::string error;
    if (!read_bytes(path, a.original, error)) {
      problem(path, error);
      return;
    }
    if (a.original.empty()) {
      problem(path, "empty file; skipped");
      return;
    }
    if (looks_binary(a.original)) {
      problem(path, "binary file (NUL or control bytes in its first 64 KB); skipped");
      return;
    }
    decode(a, result_.problems);
    if (looks_like_html(path, a.text)) extract_html(a, options_.page_classes);
    std::error_code cec;
    apply_manifest(a, manifests_[fs::weakly_canonical(story.dir, cec).string()]);
    story.articles.push_back(std::move(a));
  }

  const Options& options_;
  Result& result_;
  std::map<std::string, Story> stories_;
  std::map<std::string, Manifest> manifests_;
  std::set<std::string> visited_;
};

}  // namespace

std::size_t text_offset(std::span<const std::uint32_t> map, std::uint32_t original) {
  if (map.empty()) return 0;
  const auto at = std::lower_bound(map.begin(), map.end(), original);
  return std::min(static_cast<std::size_t>(at - map.begin()), map.size() - 1);
}

Result read_inputs(const std::vector<fs::path>& paths, const Options& options) {
  Result result;
  Walker walker(options, result);
  for (const auto& p : paths) walker.add_path(p);
  walker.finish();
  return result;
}

}  // namespace claimdiff::ingest
