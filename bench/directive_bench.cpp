// Directive extraction speed on the three real documents (tests/fixtures/directives/real):
// extract() alone, and extract() + body_html() + to_json() as `directive inspect --json` and the
// site build use it. The "documents/s" counter is the figure the issue asks for.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "generator/directives/directive.hpp"

namespace {

std::string load(const std::string& name) {
    std::filesystem::path p = std::filesystem::path(XASITE_SOURCE_DIR) / "tests" / "fixtures" /
                              "directives" / "real" / name;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void extract_only(benchmark::State& state, const std::string& name) {
    const std::string text = load(name);
    if (text.empty()) state.SkipWithError(("missing fixture " + name).c_str());
    for (auto _ : state) {
        auto m = xasite::directives::extract(text);
        benchmark::DoNotOptimize(m);
    }
    state.counters["documents/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void extract_render(benchmark::State& state, const std::string& name) {
    const std::string text = load(name);
    if (text.empty()) state.SkipWithError(("missing fixture " + name).c_str());
    for (auto _ : state) {
        auto m = xasite::directives::extract(text);
        std::string html = xasite::directives::body_html(m);
        std::string json = xasite::directives::to_json(m, name).dump();
        benchmark::DoNotOptimize(html);
        benchmark::DoNotOptimize(json);
    }
    state.counters["documents/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK_CAPTURE(extract_only, cong_van_000_5KB, std::string("000_904af3f79e6c7a42.txt"));
BENCHMARK_CAPTURE(extract_only, cong_van_001_9KB, std::string("001_1eb639fe7a9b089c.txt"));
BENCHMARK_CAPTURE(extract_only, ke_hoach_004_22KB, std::string("004_721385dba39d987a.txt"));
BENCHMARK_CAPTURE(extract_render, ke_hoach_004_22KB, std::string("004_721385dba39d987a.txt"));

BENCHMARK_MAIN();
