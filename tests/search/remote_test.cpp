// Search across shards (issue 14, item 7): the real procedures and a few unit pages split between
// two databases of the same layout, by docid parity (shard 0 holds documents 1, 3, 5 …, shard 1
// holds 2, 4, 6 …, so Xapian's combined docids of a stub naming both equal those of one database
// holding all), each with half of the units. Served by two xapian-tcpsrv on loopback and named by
// a stub file, they must answer every question of the quality sets exactly as the single local
// database does: the top 10 URLs, the total, the confidence and every facet count. And a replica
// (xapian-replicate-server, xapian-replicate) follows a changed and a rebuilt master.
#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "loopback.hpp"
#include "question_set.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"
#include "search/snapshot.hpp"
#include "search_fixture.hpp"

extern char** environ;

namespace fs = std::filesystem;
using namespace xasite;
namespace xt = xasite::testing;

namespace {

// Runs a command to its end; its exit status (-1 when it could not start).
int run(std::vector<std::string> argv) {
    std::vector<char*> args;
    for (auto& a : argv)
        args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

using loopback::free_port;
using loopback::Server;
using loopback::xapian_tcpsrv;

std::map<std::string, std::pair<std::string, std::string>> half_of_units(int parity) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    int k = 0;
    for (const auto& [code, slug_name] : xt::real_units())
        if (k++ % 2 == parity) out.emplace(code, slug_name);
    return out;
}

// Every real procedure and, per unit, one page of that unit (so that unit filters, unit URLs and
// the unit facet differ from shard to shard).
std::vector<search::SearchDocument> all_documents() {
    std::vector<search::SearchDocument> docs = xt::real_procedure_documents();
    for (const auto& [code, slug_name] : xt::real_units()) {
        search::SearchDocument d;
        d.id = "page/" + slug_name.first + "/gioi-thieu";
        d.type = "page";
        d.title = "Giới thiệu " + slug_name.second;
        d.url = slug_name.first + "/gioi-thieu/";
        d.units = {code};
        d.body = "Trung tâm phục vụ hành chính công của " + slug_name.second +
                 " tiếp nhận hồ sơ đăng ký khai sinh, chứng thực và đất đai.";
        docs.push_back(std::move(d));
    }
    return docs;
}

void write_index(const fs::path& dir,
                 const std::map<std::string, std::pair<std::string, std::string>>& units,
                 const std::vector<search::SearchDocument>& docs, int parity) {
    search::IndexWriter writer(dir);
    writer.set_units(units);
    for (std::size_t k = 0; k < docs.size(); ++k)
        if (parity < 0 || static_cast<int>(k % 2) == parity) writer.add(docs[k]);
    writer.finish();
}

struct Shards {
    fs::path dir;
    Shards() {
        std::random_device rd;
        dir = fs::temp_directory_path() /
              ("xasite-remote-test-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(dir);
        const auto docs = all_documents();
        write_index(dir / "all", xt::real_units(), docs, -1);
        write_index(dir / "shard0", half_of_units(0), docs, 0);
        write_index(dir / "shard1", half_of_units(1), docs, 1);
        std::ofstream(dir / "local.stub") << "# two local shards\nauto shard0\nauto shard1\n";
    }
    ~Shards() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const Shards& shards() {
    static Shards s;
    return s;
}

struct Asked {
    search::SearchRequest request;
    std::string label;
};

std::vector<Asked> questions() {
    std::vector<Asked> out;
    const fs::path here = fs::path(XASITE_SOURCE_DIR) / "tests" / "search";
    for (const auto& q : xt::load_questions(here / "citizen-questions.tsv")) {
        Asked a;
        a.request.query = q.query;
        a.request.context = q.context;
        a.label = q.query;
        out.push_back(a);
    }
    // A unit of each shard, by code and by slug.
    const std::string unit0 = half_of_units(0).begin()->first;
    const std::string unit1 = half_of_units(1).begin()->second.first;
    std::ifstream in(here / "quality-queries.tsv");
    std::string line;
    int k = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto a = line.find('\t'), b = line.find('\t', a + 1);
        if (a == std::string::npos || b == std::string::npos) continue;
        Asked q;
        q.request.query = line.substr(a + 1, b - a - 1);
        // Every other one within a unit, alternately of each shard.
        if (k % 2 == 1) q.request.unit = (k % 4 == 1) ? unit0 : unit1;
        ++k;
        q.label = q.request.query + " [" + q.request.unit + "]";
        out.push_back(q);
    }
    // Filter-only lists and a page deeper than the re-ranking window.
    Asked filtered;
    filtered.request.type = "page";
    filtered.label = "type=page";
    out.push_back(filtered);
    Asked deep;
    deep.request.query = "đăng ký";
    deep.request.offset = 200;
    deep.label = "đăng ký offset 200";
    out.push_back(deep);
    return out;
}

// A response as text, for comparison. Results of equal scores (to 1/1000) are listed by URL:
// Xapian sums a document's term weights in an order that depends on each shard's term
// frequencies, so a one-database tie may come out of the shards one ulp apart, in the other order.
// For the same reason the tie at the end of a full page is compared by its size only, and the
// clarify options by label.
std::string describe(const search::SearchResponse& r, std::size_t limit) {
    std::ostringstream out;
    out << "total " << r.total << ", confidence " << r.confidence << ", suggestion " << r.suggestion
        << ", action " << r.action << ", context " << r.context_used << "\n";
    std::vector<std::pair<double, std::string>> hits;
    for (const auto& hit : r.results)
        hits.emplace_back(hit.score, hit.url + " " + hit.title);
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const bool full = hits.size() == limit;
    for (const auto& [score, what] : hits)
        out << "  " << score << " "
            << (full && score == hits.back().first ? std::string("(tie at the end)") : what)
            << "\n";
    for (const auto& [name, list] : r.facets) {
        out << "  " << name << ":";
        for (const auto& f : list)
            out << " " << f.value << "=" << f.count << (f.label.empty() ? "" : "(" + f.label + ")");
        out << "\n";
    }
    if (!r.clarify.empty()) {
        std::vector<std::string> options;
        for (const auto& o : r.clarify.options)
            options.push_back(o.label + "→" + o.url);
        std::sort(options.begin(), options.end());
        out << "  clarify:";
        for (const auto& o : options)
            out << " " << o;
        out << "\n";
    }
    return out.str();
}

std::string answer(search::Searcher& searcher, const search::SearchRequest& request,
                   bool* found = nullptr) {
    try {
        auto response = searcher.search(request);
        if (found) *found = !response.results.empty();
        return describe(response, request.limit);
    } catch (const search::SearchError& e) {
        return std::string("error: ") + e.what();
    }
}

// Every question answered alike by `sharded` and by the one database of everything.
void expect_same_answers(search::Searcher& sharded) {
    search::Searcher single(shards().dir / "all");
    const auto asked = questions();
    ASSERT_GT(asked.size(), 400u);
    std::size_t compared = 0, with_results = 0;
    for (const auto& q : asked) {
        bool found = false;
        const std::string expected = answer(single, q.request, &found);
        const std::string got = answer(sharded, q.request);
        EXPECT_EQ(got, expected) << q.label;
        ++compared;
        if (found) ++with_results;
    }
    EXPECT_EQ(compared, asked.size());
    EXPECT_GT(with_results, asked.size() / 2);  // not a comparison of empty answers
}

TEST(RemoteShards, StubFilesAreReadWithTheirErrorsNamed) {
    const fs::path dir = shards().dir;
    std::ofstream(dir / "mixed.stub") << "auto shard0  # comment\n\nremote :127.0.0.1:7000\n"
                                         "tcp db.example 7001\n";
    const auto list = search::read_stub(dir / "mixed.stub");
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].path, dir / "shard0");
    EXPECT_TRUE(list[1].remote());
    EXPECT_EQ(list[1].describe(), "127.0.0.1:7000");
    EXPECT_EQ(list[2].describe(), "db.example:7001");
    std::ofstream(dir / "bad.stub") << "auto shard0\nremote ssh host xapian-progsrv db\n";
    try {
        search::read_stub(dir / "bad.stub");
        FAIL() << "a remote program was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.stub:2"), std::string::npos) << e.what();
    }
    std::ofstream(dir / "down.stub") << "auto shard0\nremote :127.0.0.1:" << free_port() << "\n";
    try {
        search::IndexSnapshot::open(dir / "down.stub");
        FAIL() << "a shard nobody serves was opened";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("(shard 127.0.0.1:"), std::string::npos) << e.what();
    }
}

TEST(RemoteShards, TwoLocalShardsAnswerLikeOneDatabase) {
    search::Searcher sharded(shards().dir / "local.stub");
    auto snap = sharded.snapshot();
    EXPECT_TRUE(snap->values_in_memory());
    EXPECT_EQ(snap->shards().size(), 2u);
    expect_same_answers(sharded);
}

TEST(RemoteShards, TwoRemoteShardsAnswerLikeOneDatabase) {
    Server a = xapian_tcpsrv(shards().dir / "shard0");
    Server b = xapian_tcpsrv(shards().dir / "shard1");
    ASSERT_TRUE(a.child && b.child) << "xapian-tcpsrv did not start (Debian xapian-tools)";
    const fs::path stub = shards().dir / "remote.stub";
    std::ofstream(stub) << "remote :127.0.0.1:" << a.port << "\ntcp 127.0.0.1 " << b.port << "\n";
    search::Searcher sharded(stub);
    auto snap = sharded.snapshot();
    EXPECT_FALSE(snap->values_in_memory());
    EXPECT_EQ(snap->document_count(), search::Searcher::count_documents(shards().dir / "all"));
    // Units of either shard resolve (each shard knows only half of them).
    const auto units = xt::real_units();
    for (const auto& [code, slug_name] : units) {
        EXPECT_EQ(sharded.resolve_unit(slug_name.first), code);
        EXPECT_EQ(sharded.resolve_unit(code), code);
    }
    expect_same_answers(sharded);
    // The shards are really asked: with them gone, search reports the index unavailable.
    a.child->stop();
    b.child->stop();
    search::SearchRequest r;
    r.query = "đăng ký khai sinh";
    try {
        sharded.search(r);
        FAIL() << "answered without its shards";
    } catch (const search::SearchError& e) {
        EXPECT_EQ(e.kind(), search::SearchError::Kind::unavailable) << e.what();
    }
}

std::size_t replica_count(const fs::path& db) {
    return Xapian::Database(db.string()).get_doccount();
}

TEST(Replication, AReplicaFollowsAChangedAndARebuiltMaster) {
    const fs::path root = shards().dir / "replication";
    const fs::path master = root / "master", replica = root / "replica" / "index";
    fs::create_directories(master);
    fs::create_directories(replica.parent_path());
    const auto docs = all_documents();
    std::vector<search::SearchDocument> first(docs.begin(), docs.begin() + 100);
    // As `xasite build` keeps it: "index" is a link to the current generation.
    xt::build_small_index(root / "index.g-1", first);
    fs::create_directory_symlink(root / "index.g-1", master / "index");
    Server server([&](unsigned port) {
        return std::vector<std::string>{
            "xapian-replicate-server", "-I",           "127.0.0.1", "-p",
            std::to_string(port),      master.string()};
    });
    ASSERT_TRUE(server.child) << "xapian-replicate-server did not start";
    auto replicate = [&] {
        return run({"xapian-replicate", "-q", "-o", "-r", "0", "-h", "127.0.0.1", "-p",
                    std::to_string(server.port), "-m", "index", replica.string()});
    };
    ASSERT_EQ(replicate(), 0);
    EXPECT_EQ(replica_count(replica), 100u);
    // Changed in place (an incremental build): one more document, one title edited.
    {
        search::IndexWriter writer(root / "index.g-1", search::IndexWriter::InPlace{});
        for (std::size_t k = 0; k < 100; ++k)
            writer.add(first[k]);
        writer.add(docs[100]);
        auto edited = first[0];
        edited.title = "Thủ tục đã sửa tên";
        writer.add(edited);
        writer.finish();
    }
    ASSERT_EQ(replicate(), 0);
    EXPECT_EQ(replica_count(replica), 101u);
    {
        search::Searcher on_replica(replica, std::chrono::milliseconds(0));
        search::SearchRequest r;
        r.query = "thủ tục đã sửa tên";
        auto response = on_replica.search(r);
        ASSERT_FALSE(response.results.empty());
        EXPECT_EQ(response.results[0].id, first[0].id);
        EXPECT_EQ(response.results[0].title, "Thủ tục đã sửa tên");
    }
    // Rebuilt from scratch (a cold build: a new generation, the link moved to it): copied whole.
    xt::build_small_index(root / "index.g-2",
                          std::vector<search::SearchDocument>(docs.begin(), docs.begin() + 7));
    fs::create_directory_symlink(root / "index.g-2", root / "index.new");
    fs::rename(root / "index.new", master / "index");
    fs::remove_all(root / "index.g-1");
    ASSERT_EQ(replicate(), 0);
    EXPECT_EQ(replica_count(replica), 7u);
}

}  // namespace

// A national stub names every province's index, and each holds the same national procedures: a
// procedure is shown and counted once, whichever shards hold it. Here one database is named twice.
TEST(RemoteShards, AProcedureEveryShardHoldsIsShownOnce) {
    const fs::path dir = shards().dir;
    std::ofstream(dir / "twice.stub") << "auto all\nauto all\n";
    search::Searcher twice(dir / "twice.stub");
    search::Searcher one(dir / "all");
    search::SearchRequest request;
    request.query = "đăng ký khai sinh";
    request.limit = 50;
    const search::SearchResponse a = twice.search(request), b = one.search(request);
    ASSERT_FALSE(a.results.empty());
    std::set<std::string> procedures;
    for (const auto& hit : a.results) {
        if (hit.type == "procedure") {
            EXPECT_TRUE(procedures.insert(hit.id).second) << hit.id << " shown twice";
        }
    }
    EXPECT_GT(procedures.size(), 0u);
    EXPECT_EQ(a.results.front().id, b.results.front().id);
    // Pages are not collapsed (each province has its own, perhaps in a folder of the same name):
    // they count twice, the procedures once.
    EXPECT_LT(a.total, 2 * b.total);
}
