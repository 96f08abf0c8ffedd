#include "text/stem.h"

#include <libstemmer.h>

#include <stdexcept>

namespace claimdiff::text {

void Stemmer::Free::operator()(sb_stemmer* s) const {
  sb_stemmer_delete(s);
}

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {
  if (!stemmer_) throw std::runtime_error("libstemmer has no English stemmer for UTF-8");
}

Stemmer::~Stemmer() = default;

std::string Stemmer::stem(std::string_view word) {
  constexpr std::size_t kMaxRemembered = 1 << 16;  // words; a few MB at most
  std::string key(word);
  if (const auto it = made_.find(key); it != made_.end()) return it->second;
  if (made_.size() >= kMaxRemembered) made_.clear();
  std::string stem = stem_anew(word);
  made_.emplace(std::move(key), stem);
  return stem;
}

std::string Stemmer::stem_anew(std::string_view word) {
  const sb_symbol* out =
      sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  // Snowball returns null only when it cannot allocate: keep the word as it is.
  if (!out) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_.get())));
}

std::string Stemmer::stem_words(std::string_view words) {
  std::string out;
  while (!words.empty()) {
    const std::size_t space = words.find(' ');
    const std::string_view word = words.substr(0, space);
    if (!word.empty()) {
      // Appended in two steps: `" " + stem(word)` sets off a false -Wrestrict
      // in g++ 12 (GCC bug 105329).
      if (!out.empty()) out += ' ';
      out += stem(word);
    }
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
  return out;
}

}  // namespace claimdiff::text
