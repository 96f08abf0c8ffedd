// ingest: from paths on the command line to decoded articles grouped by story.
//
// A folder is a story; each subfolder is a story of its own. A story may carry
// a manifest (sources.yaml or sources.json) naming each file's outlet, url and
// published date. Every article keeps its original bytes and a map from each
// byte of its decoded UTF-8 text back to the original file, so later stages can
// report positions in the file as it is on disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace claimdiff::ingest {

// The file claimdiff leaves in each output folder, so that no later run reads
// the folder as articles.
inline constexpr const char* kOutputMarker = ".claimdiff-output";

// How a metadata field became known.
enum class FieldSource { unknown, manifest, inferred };
const char* to_string(FieldSource source);

struct Field {
  std::string value;
  FieldSource source = FieldSource::unknown;
  bool known() const { return source != FieldSource::unknown; }
};

struct ArticleMeta {
  Field outlet, title, published, url, author;
};

// A stretch of the page whose markup says what it is (<h1>, <figcaption>, an
// element classed "byline"), in original bytes. The text stage prefers it to
// its own guesses.
struct BlockHint {
  std::uint32_t begin = 0, end = 0;
  std::string region;  // a region name of the text stage: headline, caption, byline, ...
  std::string why;     // the markup that said so, e.g. "<figcaption>"
};

struct Article {
  std::string story;           // the story's name (its folder)
  std::string file;            // path relative to the story folder, '/'-separated
  std::filesystem::path path;  // path as given on disk
  std::string original;        // the file's bytes, untouched
  std::string encoding;        // e.g. "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "windows-1252"
  std::string text;            // decoded UTF-8
  // For each byte of `text` (and one past its end) the offset in `original`.
  std::vector<std::uint32_t> text_to_original;
  std::string format = "text";   // "text" or "html"
  std::vector<BlockHint> hints;  // html only
  ArticleMeta meta;
};

struct Story {
  std::string name;
  std::filesystem::path dir;
  std::string title;  // from the manifest, if any
  std::vector<Article> articles;
};

// Something about an input that the user should hear of; the run goes on.
struct Problem {
  std::string file;  // as given, with bytes that are not UTF-8 shown as \xNN
  std::string message;
  bool skipped = true;  // the file was not used at all
  // Passed over on purpose (not an article: a README, a file the manifest does
  // not list, claimdiff's own output): said once, not an error.
  bool note = false;
};

// Words in an HTML element's class or id that mark it as page furniture: the
// rule packs' lexicon `page_classes`, tried in order.
struct PageClass {
  std::string region;              // a region name: byline, caption, related-links, promo
  std::vector<std::string> words;  // lower case, found anywhere in the class or id
};

struct Options {
  std::uintmax_t max_bytes = 10 * 1024 * 1024;
  std::vector<PageClass> page_classes;  // for HTML pages
  // Folders never read as input (the run's own output folder): skipped with a note.
  std::vector<std::filesystem::path> exclude;
};

// A story's sources.yaml / sources.json: the story's title and, per file it
// lists, the fields given (outlet, title, published, url, author, ...).
// Keys are the file names as on disk; values are valid UTF-8 (bad bytes
// replaced with U+FFFD, and a warning for each field).
struct Manifest {
  bool lists_articles = false;  // an 'articles' map was read: only its files are articles
  std::string title;
  std::map<std::string, std::map<std::string, std::string>> articles;
};

// Parses a manifest's text; `name` is the file, for messages. Never throws.
Manifest parse_manifest(const std::string& text, const std::string& name,
                        std::vector<Problem>& problems);

struct Result {
  std::vector<Story> stories;  // sorted by name; articles sorted by file
  std::vector<Problem> problems;
};

// Walks files and folders. A file given directly becomes a story of its own
// folder. Never throws for bad input: problems are collected. Folders holding
// claimdiff's output marker (kOutputMarker), and report.md / report.html that
// claimdiff wrote, are never read as articles.
Result read_inputs(const std::vector<std::filesystem::path>& paths, const Options& options);

// Decodes bytes into an Article's text, encoding and offset map. Exposed for
// `extract --stdin` and tests. Warnings (e.g. invalid UTF-8) go to `problems`.
void decode(Article& article, std::vector<Problem>& problems);

// UTF-16 without a byte-order mark, told by its NUL bytes when the pattern is
// clear: true little-endian, false big-endian, nullopt not UTF-16 (or unclear).
std::optional<bool> utf16_without_bom(std::string_view bytes);

// The byte of an article's decoded text at a file offset: the first whose
// offset in the file is `original` or later (the map only grows), at most the
// text's size.
std::size_t text_offset(std::span<const std::uint32_t> text_to_original, std::uint32_t original);

// True for an HTML page: a .html/.htm name, or text that opens with a doctype
// or an <html> tag (for `--stdin`).
bool looks_like_html(const std::filesystem::path& path, std::string_view text);

// Replaces a decoded HTML page's text with what a reader sees: one line per
// heading, paragraph, list item or caption; script, style, nav, footer, aside,
// forms and the like dropped; whitespace collapsed as a browser does. The
// offset map still leads to the original file's bytes. Fills unknown metadata
// from <title>, <meta> (og:site_name, author, article:published_time, ...),
// <link rel=canonical> and the first <time datetime>, marked inferred.
// `page_classes` say which class and id words mark furniture.
void extract_html(Article& article, const std::vector<PageClass>& page_classes);

}  // namespace claimdiff::ingest
