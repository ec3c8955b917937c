// make bench: the search index's figures (issue 4): indexing documents/s and database size per
// document for the full province (the build's own feed), and query latency p50/p99 over a fixed
// query list (the queries of tests/search/quality-queries.tsv, each searched province-wide and in
// three communes), then over the citizen questions of tests/search/citizen-questions.tsv with their
// context (issue 13: a follow-up also reads its earlier question). Prints plain "name: key=value …"
// lines like bench/run.sh.
//   xasite_search_bench CONTENT_DIR WORK_DIR [--remote]
// --remote: the same queries again on the index split in two shards by docid parity, each served
// by an `xapian-tcpsrv` on 127.0.0.1 (Debian xapian-tools) and named by a stub file.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/text.hpp"
#include "generator/content/content.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/catalog.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/views.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"
#include "tests/loopback.hpp"

namespace fs = std::filesystem;
using namespace xasite;
using Clock = std::chrono::steady_clock;

namespace {

std::uintmax_t directory_bytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

// A question and the earlier questions of its conversation (SearchRequest::context).
struct Question {
    std::string query;
    std::vector<std::string> context;
};

// The lines of a tab-separated file, each split into its columns (comments and blank lines left
// out).
std::vector<std::vector<std::string>> tsv_rows(const fs::path& tsv) {
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(tsv);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto& row = rows.emplace_back();
        for (std::string_view col : text::split(line, '\t'))
            row.emplace_back(col);
    }
    return rows;
}

// The queries of quality-queries.tsv (its second column).
std::vector<Question> fixed_queries(const fs::path& tsv) {
    std::vector<Question> out;
    for (auto& row : tsv_rows(tsv))
        if (row.size() >= 3) out.push_back({std::move(row[1]), {}});
    return out;
}

// The citizen questions (split, class, context, query, …), with their context: a follow-up runs
// the earlier question too.
std::vector<Question> citizen_questions(const fs::path& tsv) {
    std::vector<Question> out;
    for (auto& row : tsv_rows(tsv)) {
        if (row.size() < 5) continue;
        Question q{std::move(row[3]), {}};
        if (row[2] != "-")
            for (std::string_view rest = row[2];;) {
                const auto bar = rest.find(" || ");
                q.context.emplace_back(rest.substr(0, bar));
                if (bar == std::string_view::npos) break;
                rest.remove_prefix(bar + 4);
            }
        out.push_back(std::move(q));
    }
    return out;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

// Copies the documents of `from` whose docid has parity `parity` (and its metadata) to `to`.
void split_shard(const fs::path& from, const fs::path& to, unsigned parity) {
    Xapian::Database in(from.string());
    Xapian::WritableDatabase out(to.string(), Xapian::DB_CREATE);
    for (auto key = in.metadata_keys_begin(); key != in.metadata_keys_end(); ++key)
        out.set_metadata(*key, in.get_metadata(*key));
    for (Xapian::docid d = 1; d <= in.get_lastdocid(); ++d)
        if (d % 2 == parity) out.replace_document((d + 1) / 2, in.get_document(d));
    out.commit();
}

void measure(search::Searcher& searcher, const std::vector<Question>& queries, const char* label) {
    const std::vector<std::string> units = {"", "24373", "22015", "24184"};
    // One warm-up pass, then three measured passes; with facet counts (as /api/search) and without.
    for (bool facets : {true, false}) {
        std::vector<double> ms;
        std::vector<std::pair<double, std::string>> slowest;
        for (int pass = 0; pass < 4; ++pass)
            for (const auto& q : queries)
                for (const auto& unit : units) {
                    search::SearchRequest r;
                    r.query = q.query;
                    r.context = q.context;
                    r.unit = unit;
                    r.facets = facets;
                    auto t = Clock::now();
                    try {
                        searcher.search(r);
                    } catch (const search::SearchError&) {
                    }
                    if (pass == 0) continue;
                    ms.push_back(
                        std::chrono::duration<double, std::milli>(Clock::now() - t).count());
                    if (pass == 1) slowest.emplace_back(ms.back(), q.query + " [" + unit + "]");
                }
        if (ms.empty()) return;
        std::printf(
            "search latency%s (%zu queries × %zu scopes × 3 passes, facets %s): p50_ms=%.2f "
            "p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
            label, queries.size(), units.size(), facets ? "on" : "off", percentile(ms, 0.5),
            percentile(ms, 0.9), percentile(ms, 0.99), percentile(ms, 1.0));
        std::sort(slowest.rbegin(), slowest.rend());
        for (std::size_t i = 0; i < 3 && i < slowest.size(); ++i)
            std::printf("  slow query: %.2f ms  %s\n", slowest[i].first, slowest[i].second.c_str());
    }
}

}  // namespace

int main(int argc, char** argv) {
    const bool remote = argc == 4 && std::string(argv[3]) == "--remote";
    if (argc != 3 && !remote) {
        std::cerr << "usage: xasite_search_bench CONTENT_DIR WORK_DIR [--remote]\n";
        return 2;
    }
    const fs::path content_dir = argv[1], work = argv[2];
    content::Content content = content::Content::load(content_dir);
    const std::string date = content.build_date();
    site::Catalog catalog = site::Catalog::build(content, date);
    site::DocumentSet documents = site::DocumentSet::build(content, catalog);
    site::ArchiveSet archives;  // the archives' pages are measured by the build bench
    site::SearchPageCollector pages;
    site::BuildContext ctx{content, catalog, documents, archives,
                           pages,   date,    {},        site::globals_view(content, date)};
    for (const auto& u : content.registry.new_units())
        ctx.built.insert(u.code);

    const fs::path index_dir = work / "bench.xapian";
    fs::remove_all(index_dir);
    auto start = Clock::now();
    std::size_t docs = 0;
    {
        search::IndexWriter writer(index_dir);
        std::map<std::string, std::pair<std::string, std::string>> units;
        for (const auto& u : content.registry.new_units())
            units[u.code] = {site::routes::unit_dir(u), u.full_name};
        writer.set_units(units);
        site::feed_search_index(ctx, writer);
        docs = writer.count();
        writer.finish();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const auto bytes = directory_bytes(index_dir);
    std::printf(
        "search index (full province, single thread, compacted): documents=%zu wall_s=%.2f "
        "docs_per_s=%.0f size_mib=%.1f bytes_per_doc=%.0f\n",
        docs, seconds, static_cast<double>(docs) / seconds,
        static_cast<double>(bytes) / (1024.0 * 1024.0),
        static_cast<double>(bytes) / static_cast<double>(docs));

    const auto queries =
        fixed_queries(content_dir / ".." / "tests" / "search" / "quality-queries.tsv");
    {
        search::Searcher searcher(index_dir);
        measure(searcher, queries, "");
        // Issue 13: the citizens' own questions, follow-ups with their earlier questions.
        measure(
            searcher,
            citizen_questions(content_dir / ".." / "tests" / "search" / "citizen-questions.tsv"),
            ", citizen questions with context");
    }
    if (remote) {
        split_shard(index_dir, work / "shard0.xapian", 1);
        split_shard(index_dir, work / "shard1.xapian", 0);
        const loopback::Server a = loopback::xapian_tcpsrv(work / "shard0.xapian");
        const loopback::Server b = loopback::xapian_tcpsrv(work / "shard1.xapian");
        if (!a.child || !b.child) {
            std::fprintf(stderr, "xapian-tcpsrv did not start (Debian xapian-tools)\n");
            return 1;
        }
        std::ofstream(work / "remote.stub")
            << "remote :127.0.0.1:" << a.port << "\nremote :127.0.0.1:" << b.port << "\n";
        search::Searcher searcher(work / "remote.stub");
        measure(searcher, queries, ", two xapian-tcpsrv shards on loopback");
    }
    fs::remove_all(index_dir);
    fs::remove_all(work / "shard0.xapian");
    fs::remove_all(work / "shard1.xapian");
    fs::remove(work / "remote.stub");
    return 0;
}
