// Replays inputs through a fuzz target without libFuzzer (for `make test`,
// built with the normal compiler): each file named, and each file in each
// folder named, is fed to LLVMFuzzerTestOneInput once. A crash is the failure.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void feed(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t fed = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path p = argv[i];
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file() && !e.path().filename().string().starts_with("."))
          files.push_back(e.path());
    } else {
      files.push_back(p);
    }
    for (const auto& f : files) {
      feed(f);
      ++fed;
    }
  }
  std::printf("replayed %zu input(s), no crash\n", fed);
  return 0;
}
