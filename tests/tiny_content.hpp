// A tiny content tree made in the test: site.json and the directive it quotes, the minimal registry
// fixture (new units 24169 Phường Ea Kao, 24352, 24121), real procedure records (1.001193 unless
// others are named). The one copy of this set-up, for every test that builds a site.
#pragma once

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include "test_support.hpp"

namespace xasite::testing {

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

inline void make_tiny_content(const std::filesystem::path& content,
                              std::initializer_list<const char*> procedures = {"1.001193"}) {
    namespace fs = std::filesystem;
    fs::create_directories(content / "procedures");
    fs::create_directories(content / "directives");
    fs::create_directories(content / "units");
    fs::copy_file(content_dir() / "site.json", content / "site.json");
    fs::copy_file(content_dir() / "directives/001_1eb639fe7a9b089c.txt",
                  content / "directives/001_1eb639fe7a9b089c.txt");
    fs::copy_file(fixtures_dir() / "units" / "minimal.json",
                  content / "units" / "daklak-units.json");
    for (const char* code : procedures)
        fs::copy_file(content_dir() / "procedures" / (std::string(code) + ".json"),
                      content / "procedures" / (std::string(code) + ".json"));
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace xasite::testing
