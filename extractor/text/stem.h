// text: word stems (Snowball's English stemmer, from Debian's libstemmer), so
// that "deaths" and "death", "employees" and "employee" are one word when the
// claim stage reads what a figure is about. A Stemmer keeps Snowball's working
// buffers and is not thread-safe: one per thread, owned by whoever runs the
// stage (cli::Worker), never shared. It remembers the stems it has made (a
// story's clauses repeat their words), up to a bound.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sb_stemmer;

namespace claimdiff::text {

class Stemmer {
 public:
  Stemmer();  // throws std::runtime_error when Snowball has no English stemmer
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of one lower-case word: "deaths" -> "death", "employees" -> "employe".
  std::string stem(std::string_view word);
  // Each space-separated word stemmed: "death tolls" -> "death toll".
  std::string stem_words(std::string_view words);

 private:
  std::string stem_anew(std::string_view word);
  struct Free {
    void operator()(sb_stemmer* s) const;
  };
  std::unique_ptr<sb_stemmer, Free> stemmer_;
  std::unordered_map<std::string, std::string> made_;
};

}  // namespace claimdiff::text
