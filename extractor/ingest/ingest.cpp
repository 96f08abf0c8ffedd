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
#include <numeric>
#include <set>
#include <sstream>

#include "util/strings.h"
#include "util/utf8.h"

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

// The first bytes of a file, read before the rest: enough to tell binary from text.
constexpr std::size_t kSniffBytes = 64 * 1024;

bool is_article_file(const fs::path& p) {
  const std::string ext = util::lower(p.extension().string());
  return ext == ".txt" || ext == ".md" || ext == ".html" || ext == ".htm";
}

// Files claimdiff reads itself beside a story's articles: never articles, no word said.
bool is_companion_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name == "sources.yaml" || name == "sources.yml" || name == "sources.json" ||
         name == "gold.json" || name == "review.yaml" || (!name.empty() && name[0] == '.');
}

// A story folder's own notes (README.md, SOURCE.txt, NOTES, LICENSE...), any
// extension: not articles, skipped with a note.
bool is_notes_file(const fs::path& p) {
  const std::string stem = util::lower(p.stem().string());
  return stem == "readme" || stem == "source" || stem == "sources" || stem == "notes" ||
         stem == "license" || stem == "licence";
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

std::optional<bool> utf16_without_bom(std::string_view bytes) {
  // Text in UTF-16 has a NUL in the high byte of nearly every ASCII character:
  // look for one side of the pairs being mostly NUL and the other hardly ever.
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
  if (n < 16) return std::nullopt;
  std::size_t even_nul = 0, odd_nul = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even_nul += bytes[i] == '\0';
    odd_nul += bytes[i + 1] == '\0';
  }
  const std::size_t pairs = n / 2;
  if (odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs) return true;  // little-endian
  if (even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs) return false;
  return std::nullopt;
}

namespace {

struct Utf8Scan {
  std::size_t invalid = 0, multibyte = 0, first_invalid = 0, nuls = 0;
};

Utf8Scan scan_utf8(const std::string& in, std::size_t start) {
  Utf8Scan scan;
  const auto* bytes = reinterpret_cast<const unsigned char*>(in.data());
  for (int32_t i = static_cast<int32_t>(start), n = static_cast<int32_t>(in.size()); i < n;) {
    if (bytes[i] < 0x80) {  // ASCII, most of the text
      scan.nuls += bytes[i++] == 0;
      continue;
    }
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) {
      if (scan.invalid++ == 0) scan.first_invalid = static_cast<std::size_t>(at);
    } else if (c >= 0x80) {
      ++scan.multibyte;
    }
  }
  return scan;
}

// Copies valid UTF-8, replacing invalid sequences and NULs with U+FFFD.
// Returns the number of NULs and the offset of the first.
std::pair<std::size_t, std::size_t> decode_utf8(Article& a, std::size_t start,
                                                const Utf8Scan& scan) {
  const std::string& in = a.original;
  // Valid UTF-8 with no NUL, as most text is, is the text itself.
  if (scan.invalid == 0 && scan.nuls == 0) {
    a.text.assign(in, start);
    a.text_to_original.resize(in.size() - start + 1);
    std::iota(a.text_to_original.begin(), a.text_to_original.end(),
              static_cast<std::uint32_t>(start));
    return {0, 0};
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(in.data());
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
  return {nuls, first_nul};
}

// UTF-16 by its byte-order mark, or by its byte pattern when there is none.
bool decode_if_utf16(Article& a, std::vector<Problem>& problems) {
  const std::string& in = a.original;
  const bool le_bom = in.size() >= 2 && in[0] == '\xFF' && in[1] == '\xFE';
  const bool be_bom = in.size() >= 2 && in[0] == '\xFE' && in[1] == '\xFF';
  if (le_bom || be_bom) {
    a.encoding = le_bom ? "UTF-16LE" : "UTF-16BE";
    decode_utf16(a, 2, le_bom);
    return true;
  }
  const auto le = utf16_without_bom(in);
  if (!le) return false;
  a.encoding = *le ? "UTF-16LE" : "UTF-16BE";
  decode_utf16(a, 0, *le);
  problems.push_back(
      {util::escape_invalid_utf8(a.path.string()),
       "no byte-order mark; read as " + a.encoding + " from its pattern of NUL bytes", false});
  return true;
}

}  // namespace

void decode(Article& a, std::vector<Problem>& problems) {
  if (decode_if_utf16(a, problems)) return;
  const std::string& in = a.original;
  std::size_t start = 0;
  a.encoding = "UTF-8";
  if (in.starts_with("\xEF\xBB\xBF")) {
    start = 3;
    a.encoding = "UTF-8 (BOM)";
  }
  const Utf8Scan scan = scan_utf8(in, start);
  // Only text with no UTF-8 sequence at all is legacy 8-bit; a few bad bytes
  // in UTF-8 text are replaced below, and named.
  if (scan.invalid > 0 && scan.multibyte == 0) {
    const std::string charset = detect_legacy_charset(in);
    if (decode_single_byte(a, charset.c_str())) {
      a.encoding = charset;
      problems.push_back({util::escape_invalid_utf8(a.path.string()),
                          "not UTF-8 (first non-UTF-8 byte at " +
                              std::to_string(scan.first_invalid) + "); decoded as " + charset,
                          false});
      return;
    }
  }
  const auto [nuls, first_nul] = decode_utf8(a, start, scan);
  if (scan.invalid > 0) {
    problems.push_back({util::escape_invalid_utf8(a.path.string()),
                        "invalid UTF-8: " + std::to_string(scan.invalid) +
                            " byte sequence(s) replaced with U+FFFD, first at byte " +
                            std::to_string(scan.first_invalid),
                        false});
  }
  if (nuls > 0) {
    problems.push_back({util::escape_invalid_utf8(a.path.string()),
                        std::to_string(nuls) + " NUL byte(s) replaced with U+FFFD, first at byte " +
                            std::to_string(first_nul),
                        false});
  }
}

namespace {

// Each field as a string, cleaned to valid UTF-8 (a warning per bad field).
std::map<std::string, std::string> manifest_fields(const YAML::Node& node, const std::string& where,
                                                   std::vector<Problem>& problems) {
  std::map<std::string, std::string> fields;
  if (!node.IsMap()) return fields;
  for (const auto& f : node) {
    if (!f.first.IsScalar() || !f.second.IsScalar()) continue;
    const std::string& key = f.first.Scalar();
    const std::string& value = f.second.Scalar();
    if (util::first_invalid_utf8(key) != std::string::npos ||
        util::first_invalid_utf8(value) != std::string::npos)
      problems.push_back({where,
                          "field '" + util::escape_invalid_utf8(key) +
                              "' is not valid UTF-8; bad bytes replaced with U+FFFD",
                          false});
    fields[util::valid_utf8(key)] = util::valid_utf8(value);
  }
  return fields;
}

}  // namespace

Manifest parse_manifest(const std::string& text, const std::string& name,
                        std::vector<Problem>& problems) {
  Manifest m;
  try {
    // YAML 1.2 reads JSON too, so one parser serves both forms.
    const YAML::Node root = YAML::Load(text);
    const YAML::Node story = root.IsMap() ? root["story"] : YAML::Node();
    if (story && story.IsScalar()) {
      if (util::first_invalid_utf8(story.Scalar()) != std::string::npos)
        problems.push_back(
            {name, "'story' is not valid UTF-8; bad bytes replaced with U+FFFD", false});
      m.title = util::valid_utf8(story.Scalar());
    }
    const YAML::Node articles = root.IsMap() ? root["articles"] : YAML::Node();
    if (!articles || !articles.IsMap()) {
      problems.push_back({name, "manifest has no 'articles' map; ignored", false});
      return m;
    }
    m.lists_articles = true;
    for (const auto& kv : articles) {
      if (!kv.first.IsScalar()) continue;
      // The key stays as written: it is matched against names on disk.
      const std::string where = name + ": " + util::escape_invalid_utf8(kv.first.Scalar());
      m.articles[kv.first.Scalar()] = manifest_fields(kv.second, where, problems);
    }
  } catch (const YAML::Exception& e) {
    problems.push_back({name,
                        "manifest unreadable (line " + std::to_string(e.mark.line + 1) +
                            "): " + util::valid_utf8(e.msg) + "; ignored",
                        false});
  }
  return m;
}

namespace {

// Reads at most `limit` bytes (all of them when limit is npos).
bool read_bytes(std::ifstream& in, std::string& out, std::size_t limit, std::string& error) {
  char buf[64 * 1024];
  while (out.size() < limit && in) {
    const std::size_t want = std::min<std::size_t>(sizeof buf, limit - out.size());
    in.read(buf, static_cast<std::streamsize>(want));
    out.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    error = "read error: " + std::string(std::strerror(errno));
    return false;
  }
  return true;
}

Manifest read_manifest(const fs::path& dir, std::vector<Problem>& problems) {
  for (const char* name : {"sources.yaml", "sources.yml", "sources.json"}) {
    const fs::path p = dir / name;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) continue;
    std::ifstream in(p, std::ios::binary);
    std::string text, error;
    if (!in || !read_bytes(in, text, std::string::npos, error)) {
      problems.push_back({p.string(),
                          "manifest unreadable: " + std::string(std::strerror(errno)) + "; ignored",
                          false});
      return {};
    }
    return parse_manifest(text, util::escape_invalid_utf8(p.string()), problems);
  }
  return {};
}

void apply_manifest(Article& a, const std::string& name_on_disk, const Manifest& m) {
  auto it = m.articles.find(name_on_disk);
  if (it == m.articles.end()) return;
  auto set = [&](Field& field, const char* key) {
    auto f = it->second.find(key);
    if (f != it->second.end() && !f->second.empty()) field = {f->second, FieldSource::manifest};
  };
  set(a.meta.outlet, "outlet");
  set(a.meta.title, "title");
  set(a.meta.published, "published");
  set(a.meta.url, "url");
  set(a.meta.author, "author");
}

bool looks_binary(const std::string& bytes) {
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return false;  // UTF-16 has NULs by nature
  if (utf16_without_bom(bytes)) return false;
  // Binary formats are dense with NULs and control bytes; text with a stray NUL
  // is still text (decode replaces it and says so).
  const std::size_t n = std::min<std::size_t>(bytes.size(), kSniffBytes);
  std::size_t control = 0, nul = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) ++nul;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return n > 0 && (nul > n / 100 + 1 || control * 10 > n);
}

// report.md and report.html as claimdiff writes them (by name and first line).
bool is_own_report(const fs::path& p, std::string_view head) {
  const std::string name = p.filename().string();
  return (name == "report.md" && head.starts_with("# claimdiff report")) ||
         (name == "report.html" &&
          head.substr(0, 1024).find("<title>claimdiff report</title>") != std::string::npos);
}

std::string canonical_key(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p.empty() ? fs::path(".") : p, ec);
  return ec ? p.string() : c.string();
}

class Walker {
 public:
  Walker(const Options& options, Result& result) : options_(options), result_(result) {
    for (const auto& e : options.exclude) excluded_.insert(canonical_key(e));
  }

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
        problem(path, is_article_file(path)
                          ? "a folder, not an article file, and no articles in it"
                          : "no articles in this folder (.txt, .md, .html or .htm files)");
    } else if (fs::is_regular_file(status)) {
      add_file(story_for(path.parent_path()), path);  // named: read even if unlisted
    } else {
      problem(path, "not a regular file or folder (a FIFO, socket or device?); skipped");
    }
  }

  void finish() {
    for (auto& [key, story] : stories_) {
      if (!story.articles.empty()) {
        std::sort(story.articles.begin(), story.articles.end(),
                  [](const Article& x, const Article& y) { return x.file < y.file; });
        result_.stories.push_back(std::move(story));
      }
    }
    std::sort(result_.stories.begin(), result_.stories.end(),
              [](const Story& x, const Story& y) { return x.name < y.name; });
  }

 private:
  void problem(const fs::path& p, std::string message, bool skipped = true) {
    result_.problems.push_back(
        {util::escape_invalid_utf8(p.string()), std::move(message), skipped});
  }
  void note(const fs::path& p, std::string message) {
    result_.problems.push_back(
        {util::escape_invalid_utf8(p.string()), std::move(message), true, true});
  }

  std::size_t article_count() const {
    std::size_t n = 0;
    for (const auto& [key, story] : stories_) n += story.articles.size();
    return n;
  }

  Story& story_for(const fs::path& dir) {
    const std::string key = canonical_key(dir);
    auto it = stories_.find(key);
    if (it != stories_.end()) return it->second;
    Story story;
    story.dir = dir.empty() ? fs::path(".") : dir;
    story.name = util::valid_utf8(fs::path(key).filename().string());
    if (story.name.empty()) story.name = "story";
    Manifest manifest = read_manifest(story.dir, result_.problems);
    story.title = manifest.title;
    manifests_[key] = std::move(manifest);
    return stories_.emplace(key, std::move(story)).first->second;
  }

  // The run's own output folder, or any folder claimdiff wrote: never input.
  bool is_output_dir(const fs::path& dir, const std::string& canonical) {
    std::error_code ec;
    if (!excluded_.count(canonical) && !fs::exists(dir / kOutputMarker, ec)) return false;
    note(dir, "claimdiff's output folder; not read as input");
    return true;
  }

  // Lists a folder's entries; false when it cannot be listed.
  bool list_dir(const fs::path& dir, std::vector<fs::path>& files, std::vector<fs::path>& dirs) {
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      problem(dir, "cannot list folder: " + ec.message());
      return false;
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
        problem(it->path(), "not a regular file (a FIFO, socket or device?); skipped");
      }
    }
    std::sort(files.begin(), files.end());
    std::sort(dirs.begin(), dirs.end());
    return true;
  }

  void walk_dir(const fs::path& dir) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) {
      problem(dir, "cannot read folder: " + ec.message());
      return;
    }
    if (is_output_dir(dir, canonical.string())) return;
    if (!visited_.insert(canonical.string()).second) {
      problem(dir, "folder already visited (symlink loop?); skipped");
      return;
    }
    std::vector<fs::path> files, dirs;
    if (!list_dir(dir, files, dirs)) return;
    for (const auto& f : files) {
      if (is_companion_file(f) || !is_listed(story_for(dir), f)) continue;
      if (!is_article_file(f)) {
        problem(f, "not an article file (.txt, .md, .html, .htm); skipped");
        continue;
      }
      add_file(story_for(dir), f);
    }
    for (const auto& d : dirs) {
      if (d.filename().string().starts_with(".")) continue;
      if (is_article_file(d)) {
        problem(d, "a folder, not an article file, despite its name; skipped");
        continue;
      }
      walk_dir(d);
    }
  }

  // False (with a note) for files in a story folder that are not its articles.
  bool is_listed(const Story& story, const fs::path& path) {
    const Manifest& m = manifests_[canonical_key(story.dir)];
    if (m.lists_articles) {
      if (m.articles.count(path.filename().string())) return true;
      note(path, "not listed in the story's manifest; skipped");
      return false;
    }
    if (is_notes_file(path)) {
      note(path, "the story folder's own notes, not an article; skipped");
      return false;
    }
    return true;
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
    if (!read_article(path, a.original)) return;
    a.story = story.name;
    a.path = path;
    a.file = util::valid_utf8(path.filename().string());
    if (a.file != path.filename().string())
      problem(path, "file name is not valid UTF-8; shown with U+FFFD in the reports", false);
    decode(a, result_.problems);
    if (looks_like_html(path, a.text)) extract_html(a, options_.page_classes);
    apply_manifest(a, path.filename().string(), manifests_[canonical_key(story.dir)]);
    story.articles.push_back(std::move(a));
  }

  // The file's bytes, after a look at the first ones: a binary file is never
  // read whole, however large. False (with the problem said) when not an article.
  bool read_article(const fs::path& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary);
    std::string error;
    if (!in) {
      problem(path, "cannot open: " + std::string(std::strerror(errno)));
      return false;
    }
    if (!read_bytes(in, bytes, kSniffBytes, error)) {
      problem(path, error);
      return false;
    }
    if (bytes.empty()) {
      problem(path, "empty file; skipped");
      return false;
    }
    if (looks_binary(bytes)) {
      problem(path, "binary file (NUL or control bytes in its first 64 KB); skipped");
      return false;
    }
    if (is_own_report(path, bytes)) {
      note(path, "a report claimdiff wrote, not an article; skipped");
      return false;
    }
    if (!read_bytes(in, bytes, std::string::npos, error)) {
      problem(path, error);
      return false;
    }
    return true;
  }

  const Options& options_;
  Result& result_;
  std::map<std::string, Story> stories_;
  std::map<std::string, Manifest> manifests_;
  std::set<std::string> visited_, excluded_;
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
