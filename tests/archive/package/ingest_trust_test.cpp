// Issue 10, "Archives an archivist can trust" (ingest): each defect the archivist found, on the
// crafted captures in tests/fixtures/archive/crafted/ (made by make-crafted.py, committed):
// decompression bombs (per record and per package, on every path), URLs that made unsafe or
// unbounded view names, mirrors (raw gzip bodies, lying <meta charset>, WARC captures win over
// mirror copies), capture dates kept across ingests, ARC files, old communes as units.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "archive/package/archive_package.hpp"
#include "archive/package/package.hpp"
#include "archive/package/url.hpp"
#include "archive_test_support.hpp"
#include "core/files.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;
using namespace xasite::testing;

fs::path crafted(const std::string& name) {
    return archive_fixtures() / "crafted" / name;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v)
        s += x + "\n";
    return s;
}

class IngestTrust : public ::testing::Test {
  protected:
    fs::path content() const { return tmp_.path() / "content"; }
    fs::path package() const { return content() / "archives" / "651"; }

    IngestReport ingest(const std::vector<std::string>& names,
                        const std::function<void(IngestOptions&)>& tweak = {}) {
        IngestOptions o;
        o.unit_code = "651";
        o.content_dir = content();
        o.unit = ea_kar_unit();
        for (const auto& n : names) {
            fs::create_directories(tmp_.path() / "src");
            fs::path to = tmp_.path() / "src" / n;
            if (!fs::exists(to)) fs::copy_file(crafted(n), to);
            o.sources.push_back(to);
        }
        if (tweak) tweak(o);
        return ingest_package(o);
    }
    PackageData data() const { return load_package_data(package()); }
    // The biggest file under data/records/.
    std::uint64_t largest_payload() const {
        std::uint64_t m = 0;
        if (fs::exists(package() / "data" / "records"))
            for (const auto& e : fs::recursive_directory_iterator(package() / "data" / "records"))
                if (e.is_regular_file()) m = std::max<std::uint64_t>(m, e.file_size());
        return m;
    }
    std::set<std::string> urls() const {
        std::set<std::string> s;
        for (const auto& r : data().records)
            s.insert(r.url);
        return s;
    }

    TempDir tmp_;
};

// ---- 1. Decompression bombs ----

// The archivist's 1.3 KB record whose gzip body expands to 300 MB, with the default limits: not
// a byte of it is extracted (the 257 MiB prefix used to be kept and rendered), and the page after
// it is read.
TEST_F(IngestTrust, Bomb300MbKeepsNoPrefixAndReadsOn) {
    ASSERT_LT(fs::file_size(crafted("bomb-300mb.warc.gz")), 1400u);
    IngestReport r = ingest({"bomb-300mb.warc.gz"});
    ASSERT_TRUE(r.ok) << r.error;
    std::string w = joined(r.warnings);
    EXPECT_NE(w.find("bomb-300mb.warc.gz: record 1 at offset 0"), std::string::npos) << w;
    EXPECT_NE(w.find("decompression bomb"), std::string::npos) << w;
    EXPECT_NE(w.find("not extracted"), std::string::npos) << w;
    auto u = urls();
    EXPECT_FALSE(u.count("http://eakar.daklak.gov.vn/bom-300mb.html"));
    EXPECT_TRUE(u.count("http://eakar.daklak.gov.vn/sau.html"));
    EXPECT_LT(largest_payload(), 4096u);
    EXPECT_LT(r.payload_bytes, 64u << 10);  // the original, one page and the metadata
    // The original is kept whole: the bomb is there, byte for byte, and nowhere else.
    EXPECT_EQ(read_file(package() / "data/original/bomb-300mb.warc.gz"),
              read_file(crafted("bomb-300mb.warc.gz")));
    EXPECT_TRUE(verify_package(package()).valid());
}

// The crafted bombs (bombs.warc.gz, bombs-whole.warc.gz) with a record limit of 1 MiB: the page
// before them and the one after are kept, neither bomb is, and reading never stopped.
void expect_bombs_skipped(const IngestReport& r, const PackageData& d, std::uint64_t largest) {
    ASSERT_TRUE(r.ok) << r.error;
    std::string w = joined(r.warnings);
    std::set<std::string> u;
    for (const auto& x : d.records)
        u.insert(x.url);
    EXPECT_TRUE(u.count("http://eakar.daklak.gov.vn/truoc.html")) << w;
    EXPECT_TRUE(u.count("http://eakar.daklak.gov.vn/sau.html")) << w;  // after the bombs
    EXPECT_FALSE(u.count("http://eakar.daklak.gov.vn/bom-http.html")) << w;
    EXPECT_FALSE(u.count("http://eakar.daklak.gov.vn/bom-warc.bin")) << w;
    EXPECT_NE(w.find("record 2"), std::string::npos) << w;
    EXPECT_NE(w.find("record 3"), std::string::npos) << w;
    EXPECT_EQ(w.find("kept the"), std::string::npos) << w;  // reading never stopped
    EXPECT_LT(largest, 1u << 20);
    // The revisit of truoc.html (record 4) is resolved to the page before the bombs.
    std::size_t revisits = 0;
    for (const auto& x : d.records)
        if (x.kind == "revisit" && !x.payload.empty()) ++revisits;
    EXPECT_EQ(revisits, 1u) << w;
}

void small_record_limit(IngestOptions& o) {
    o.bomb_floor_bytes = 1u << 20;
    o.bomb_ratio = 200;
}

// One gzip member per record: a bomb in the HTTP Content-Encoding and one in the WARC member
// itself are each not extracted; the revisit and the page after them are read.
TEST_F(IngestTrust, BombsPerRecordMemberRecordsAfterRead) {
    IngestReport r = ingest({"bombs.warc.gz"}, small_record_limit);
    expect_bombs_skipped(r, data(), largest_payload());
}

// The same records in one gzip member for the whole file: the bomb's block is decompressed and
// dropped (memory bounded), and the records after it are read.
TEST_F(IngestTrust, BombInsideWholeFileGzipRecordsAfterRead) {
    IngestReport r = ingest({"bombs-whole.warc.gz"}, small_record_limit);
    expect_bombs_skipped(r, data(), largest_payload());
}

// Six bodies of 2 MiB, each under the record limit: the package limit stops extraction once the
// ingest has extracted its share, the rest stay in the original only (the 10 MB WARC that wrote
// 2.6 GB).
TEST_F(IngestTrust, PackageExpansionLimit) {
    IngestReport r = ingest({"expansion-many.warc.gz"}, [](IngestOptions& o) {
        o.bomb_floor_bytes = 4u << 20;
        o.package_floor_bytes = 5u << 20;
        o.package_ratio = 20;
    });
    ASSERT_TRUE(r.ok) << r.error;
    std::string w = joined(r.warnings);
    EXPECT_NE(w.find("package expansion limit reached"), std::string::npos) << w;
    EXPECT_EQ(data().records.size(), 2u) << w;
    EXPECT_LE(r.payload_bytes, 5u << 20);
    EXPECT_TRUE(verify_package(package()).valid());
    // Without the limit all six are extracted.
    fs::remove_all(package());
    r = ingest({"expansion-many.warc.gz"}, [](IngestOptions& o) { o.bomb_floor_bytes = 4u << 20; });
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(data().records.size(), 6u) << joined(r.warnings);
}

// A WARC whose middle gzip member is damaged (a bad sector, a broken copy; made in the test): the
// pages before and after it are kept, the damaged page is never kept as complete, and the warning
// names the file and the offset. Reading used to stop at the damage and lose every later record.
TEST_F(IngestTrust, CorruptGzipMemberLosesOnlyThatPage) {
    auto member = [](const std::string& name, const std::string& word) {
        std::string body = "<html><head><title>" + name + "</title></head><body><p>";
        for (int k = 0; k < 3000; ++k)
            body += std::to_string((k * 7919) % 1000) + " " + word + " ";
        body += "</p></body></html>";
        return gzip_compress(warc_record("response", "http://eakar.daklak.gov.vn/" + name + ".html",
                                         http_response(200, "text/html; charset=utf-8", body),
                                         {{"Content-Type", "application/http; msgtype=response"}}));
    };
    std::string a = member("truoc", "trước"), b = member("hong", "hỏng"), c = member("sau", "sau");
    for (std::size_t k = b.size() / 3; k < b.size() / 3 + 40; ++k)
        b[k] = static_cast<char>(b[k] ^ 0x5a);
    write_bytes(tmp_.path() / "src" / "damaged.warc.gz", a + b + c);
    IngestReport r = ingest({"damaged.warc.gz"});
    ASSERT_TRUE(r.ok) << r.error;
    std::string w = joined(r.warnings);
    EXPECT_NE(w.find("damaged.warc.gz: corrupt gzip data"), std::string::npos) << w;
    EXPECT_NE(w.find("member starting at " + std::to_string(a.size())), std::string::npos) << w;
    EXPECT_EQ(w.find("kept the"), std::string::npos) << w;  // reading never stopped
    PackageData d = data();
    bool before = false, after = false;
    for (const auto& x : d.records) {
        if (x.url == "http://eakar.daklak.gov.vn/truoc.html") before = !x.truncated;
        if (x.url == "http://eakar.daklak.gov.vn/sau.html") after = !x.truncated;
        if (x.url == "http://eakar.daklak.gov.vn/hong.html") {
            EXPECT_TRUE(x.truncated);
        }
    }
    EXPECT_TRUE(before) << w;
    EXPECT_TRUE(after) << w;
    // The original is kept byte for byte, damage included.
    EXPECT_EQ(read_file(package() / "data/original/damaged.warc.gz"), a + b + c);
    EXPECT_TRUE(verify_package(package()).valid());
}

// ---- 2. URLs whose names were unsafe or unbounded ----

TEST_F(IngestTrust, OddUrlsMapToSafeBoundedNames) {
    IngestReport r = ingest({"odd-urls.warc"});
    ASSERT_TRUE(r.ok) << r.error;
    PackageData d = data();
    EXPECT_EQ(d.records.size(), 6u) << joined(r.warnings);
    Catalog c(d);
    std::set<std::string> files;
    for (const auto& e : c.entries()) {
        if (e.file.empty()) continue;
        EXPECT_EQ(e.file.find(".."), std::string::npos) << e.file;
        EXPECT_LT(e.file.size(), 420u) << e.file;
        std::size_t depth = std::count(e.file.begin(), e.file.end(), '/');
        EXPECT_LE(depth, 19u) << e.file;
        std::size_t start = 0;
        for (std::size_t slash; (slash = e.file.find('/', start)) != std::string::npos;
             start = slash + 1) {
            EXPECT_NE(e.file.substr(start, 1), ".") << e.file;
            EXPECT_LT(slash - start, 255u) << e.file;
        }
        EXPECT_LT(e.file.size() - start, 255u) << e.file;
        EXPECT_TRUE(files.insert(e.file).second) << "two URLs share " << e.file;
    }
    EXPECT_EQ(files.size(), 6u);
    // The mapping itself (the one function the view names its files with).
    EXPECT_EQ(key_to_file("h.vn/a..b.html", "text/html").find(".."), std::string::npos);
    EXPECT_NE(key_to_file("h.vn/x?a=..&b=..", "text/html"),
              key_to_file("h.vn/x?a=._&b=._", "text/html"));
}

// ---- 3. Mirrors ----

// A page saved gzip-encoded under a name without ".gz" is decompressed (the WARC path undoes
// Content-Encoding); a real .tar.gz download is kept compressed; a page whose <meta charset>
// lies gets the charset its bytes prove (what the WARC's HTTP header gives the view).
TEST_F(IngestTrust, MirrorRawGzipAndLyingMetaCharset) {
    IngestReport r = ingest({"merge-site-mirror.tar.gz"});
    ASSERT_TRUE(r.ok) << r.error;
    std::map<std::string, Record> by;
    for (auto& x : data().records)
        by[x.url] = x;
    const Record& bai = by.at("http://eakar.daklak.gov.vn/thong-bao/bai-1");
    std::string body = read_file(package() / bai.payload);
    EXPECT_NE(body.find("Thông báo số 1"), std::string::npos) << body.substr(0, 40);
    EXPECT_EQ(bai.mime, "text/html");
    const Record& js = by.at("http://eakar.daklak.gov.vn/giao-dien/site.js");
    EXPECT_EQ(read_file(package() / js.payload).rfind("var x", 0), 0u);
    const Record& dl = by.at("http://eakar.daklak.gov.vn/files/du-lieu.tar.gz");
    EXPECT_TRUE(looks_gzip(read_file(package() / dl.payload)));
    const Record& lich = by.at("http://eakar.daklak.gov.vn/lich.html");
    EXPECT_EQ(lich.charset, "utf-8");
}

// A WARC and a later mirror of the same site: the WARC's captures (with their HTTP headers) win
// over the mirror's copies of the same URLs, whatever the dates, and its redirects are kept.
TEST_F(IngestTrust, WarcWinsOverMirrorCopyAndRedirectsKept) {
    IngestReport r = ingest({"merge-site.warc", "merge-site-mirror.tar.gz"});
    ASSERT_TRUE(r.ok) << r.error;
    PackageData d = data();
    Catalog c(d);
    const auto* home = c.find("http://eakar.daklak.gov.vn/index.html");
    ASSERT_NE(home, nullptr);
    EXPECT_EQ(c.records()[home->record].kind, "response");
    EXPECT_NE(read_file(package() / c.records()[home->record].payload).find("đúng (WARC)"),
              std::string::npos);
    const auto* old = c.find("http://eakar.daklak.gov.vn/old.aspx");
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(old->kind, Catalog::Kind::redirect);
    EXPECT_EQ(c.records()[old->record].location, "http://eakar.daklak.gov.vn/index.html");
    // What only the mirror has is still there.
    EXPECT_NE(c.find("http://eakar.daklak.gov.vn/lich.html"), nullptr);
    EXPECT_EQ(r.redirects, 1u);
    // The order of the sources does not matter.
    fs::remove_all(package());
    r = ingest({"merge-site-mirror.tar.gz"});
    ASSERT_TRUE(r.ok) << r.error;
    r = ingest({"merge-site.warc"});
    ASSERT_TRUE(r.ok) << r.error;
    PackageData d2 = data();
    Catalog c2(d2);
    const auto* old2 = c2.find("http://eakar.daklak.gov.vn/old.aspx");
    ASSERT_NE(old2, nullptr);
    EXPECT_EQ(old2->kind, Catalog::Kind::redirect);
}

// ---- 4. Capture dates ----

// A later ingest without --captured keeps the package's capture date (bag-info Capture-Date and
// capture.json "captured"); each source records its own (capture.json sources[].captured).
TEST_F(IngestTrust, LaterIngestKeepsCaptureDates) {
    IngestReport r =
        ingest({"merge-site.warc"}, [](IngestOptions& o) { o.captured = "2025-06-30"; });
    ASSERT_TRUE(r.ok) << r.error;
    r = ingest({"merge-site-mirror.tar.gz"});  // its members are dated 2025-11-20
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.captured, "2025-06-30");
    auto cap = read_json_file(package() / "data/metadata/capture.json");
    EXPECT_EQ(cap["captured"], "2025-06-30");
    EXPECT_EQ(cap["captured_from"], "option");
    ASSERT_EQ(cap["sources"].size(), 2u);
    EXPECT_EQ(cap["sources"][0]["captured"], "2025-06-30");
    EXPECT_EQ(cap["sources"][0]["captured_from"], "option");
    EXPECT_EQ(cap["sources"][1]["captured"], "2025-11-20");
    EXPECT_EQ(cap["sources"][1]["captured_from"], "records");
    EXPECT_NE(read_file(package() / "bag-info.txt").find("Capture-Date: 2025-06-30"),
              std::string::npos);
    // Without any option the first ingest's record date stays too.
    fs::remove_all(package());
    ASSERT_TRUE(ingest({"merge-site.warc"}).ok);
    r = ingest({"merge-site-mirror.tar.gz"});
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.captured, "2025-06-28");
}

// Several captures of one site: an older crawl added later with --captured keeps its own date and
// does not move the package's date (its newest capture, the default view) back; a newer one
// given with --captured moves it forward.
TEST_F(IngestTrust, OlderCrawlAddedLaterDoesNotMoveThePackageDateBack) {
    ASSERT_TRUE(
        ingest({"merge-site.warc"}, [](IngestOptions& o) { o.captured = "2025-06-30"; }).ok);
    IngestReport r =
        ingest({"merge-site-mirror.tar.gz"}, [](IngestOptions& o) { o.captured = "2024-05-01"; });
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.captured, "2025-06-30");
    auto cap = read_json_file(package() / "data/metadata/capture.json");
    EXPECT_EQ(cap["sources"][1]["captured"], "2024-05-01");
    fs::remove_all(package());
    ASSERT_TRUE(
        ingest({"merge-site.warc"}, [](IngestOptions& o) { o.captured = "2024-05-01"; }).ok);
    r = ingest({"merge-site-mirror.tar.gz"}, [](IngestOptions& o) { o.captured = "2025-12-01"; });
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.captured, "2025-12-01");
    EXPECT_NE(read_file(package() / "bag-info.txt").find("Capture-Date: 2025-12-01"),
              std::string::npos);
}

// ---- 5. ARC files ----

void expect_arc_package(const IngestReport& r, const PackageData& d) {
    ASSERT_TRUE(r.ok) << r.error;
    Catalog c(d);
    const auto* home = c.find("http://eakar.daklak.gov.vn/index.html");
    ASSERT_NE(home, nullptr) << joined(r.warnings);
    EXPECT_EQ(home->kind, Catalog::Kind::page);
    const Record& h = c.records()[home->record];
    EXPECT_EQ(h.date, "2008-03-15T10:10:11Z");
    EXPECT_EQ(h.status, 200);
    EXPECT_EQ(h.charset, "utf-8");
    const auto* red = c.find("http://eakar.daklak.gov.vn/default.asp");
    ASSERT_NE(red, nullptr);
    EXPECT_EQ(red->kind, Catalog::Kind::redirect);
    EXPECT_EQ(c.records()[red->record].location, "http://eakar.daklak.gov.vn/index.html");
    const auto* pdf = c.find("http://eakar.daklak.gov.vn/van-ban/qd%2012.pdf");
    ASSERT_NE(pdf, nullptr);
    EXPECT_EQ(c.records()[pdf->record].mime, "application/pdf");
    EXPECT_EQ(d.records.size(), 3u) << joined(r.warnings);
    EXPECT_EQ(r.captured, "2008-03-15");
}

TEST_F(IngestTrust, ArcVersion1Plain) {
    IngestReport r = ingest({"example.arc"});
    expect_arc_package(r, data());
    ASSERT_EQ(r.sources.size(), 1u);
    EXPECT_EQ(r.sources[0].format, "arc");
    EXPECT_EQ(r.sources[0].entries, 4u);
    EXPECT_TRUE(r.warnings.empty()) << joined(r.warnings);
    EXPECT_TRUE(verify_package(package()).valid());
}

TEST_F(IngestTrust, ArcGzipOneMemberPerRecord) {
    IngestReport r = ingest({"example.arc.gz"});
    expect_arc_package(r, data());
    EXPECT_EQ(r.sources[0].format, "arc.gz");
    EXPECT_TRUE(r.warnings.empty()) << joined(r.warnings);
    // Offsets are the gzip members' (random access into the original).
    std::set<std::uint64_t> offsets;
    for (const auto& x : data().records)
        offsets.insert(x.offset);
    EXPECT_EQ(offsets.size(), 3u);
    EXPECT_FALSE(offsets.count(0));  // member 0 is the filedesc record
}

TEST_F(IngestTrust, ArcVersion2HeaderLines) {
    IngestReport r = ingest({"example-v2.arc.gz"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(r.warnings.empty()) << joined(r.warnings);
    auto d = data();
    ASSERT_EQ(d.records.size(), 1u);
    EXPECT_EQ(d.records[0].url, "http://eakar.daklak.gov.vn/gioi-thieu.html");
    EXPECT_EQ(d.records[0].date, "2009-01-01T00:00:01Z");
    EXPECT_EQ(d.records[0].status, 200);
}

// ---- 1, 6. The command: expansion options and old communes ----

// `--unit` takes the code of an old commune (which ceased to exist) as well as an old district;
// the unit metadata names the commune, its district and its successors. A code that is neither
// is refused. The expansion limits are options.
TEST(IngestTrustCli, OldCommuneUnitAndExpansionOptions) {
    TempDir tmp;
    fs::create_directories(tmp / "content" / "units");
    fs::copy_file(content_dir() / "units" / "daklak-units.json",
                  tmp / "content" / "units" / "daklak-units.json");
    fs::copy_file(content_dir() / "site.json", tmp / "content" / "site.json");
    fs::path src = tmp / "merge-site.warc";
    fs::copy_file(crafted("merge-site.warc"), src);
    std::string x =
        xasite_binary().string() + " archive ingest --content " + (tmp / "content").string() + " ";
    auto r = run_command(x + "--unit 24373 " + src.string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    auto unit = read_json_file(tmp / "content/archives/24373/data/metadata/unit.json");
    EXPECT_EQ(unit["name"], "Thị trấn Ea Kar");
    EXPECT_EQ(unit["type"], "Thị trấn");
    EXPECT_EQ(unit["level"], "commune");
    EXPECT_EQ(unit["district"], "Huyện Ea Kar");
    EXPECT_EQ(unit["district_code"], "651");
    EXPECT_EQ(unit["dissolved"], "2025-07-01");
    ASSERT_FALSE(unit["successors"].empty());
    EXPECT_EQ(unit["successors"][0]["code"], "24373");
    EXPECT_EQ(unit["successors"][0]["name"], "Xã Ea Kar");
    // The commune arrangement resolution is its legal basis.
    EXPECT_NE(unit["legal_basis"].get<std::string>().find("1660"), std::string::npos)
        << unit["legal_basis"];
    r = run_command(x + "--unit 99999 " + src.string());
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find("--unit 99999: no old district or old commune"), std::string::npos)
        << r.out;
    // The limits as options (sizes with units).
    fs::path bomb = tmp / "bombs.warc.gz";
    fs::copy_file(crafted("bombs.warc.gz"), bomb);
    r = run_command(x + "--unit 651 --max-record-expansion 1MiB --max-package-expansion 64MiB " +
                    bomb.string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("decompression bomb"), std::string::npos) << r.out;
    r = run_command(x + "--unit 651 --max-record-expansion lots " + bomb.string());
    EXPECT_EQ(r.exit_code, 2) << r.out;
}

}  // namespace
}  // namespace xasite::archive
