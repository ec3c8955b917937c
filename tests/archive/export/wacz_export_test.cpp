// The WACZ export: structure, stored WARCs, datapackage hashes, the CDXJ index (sorted, each line
// pointing at a gzip member that holds the record it names, with the payload digest it gives) and
// pages.jsonl, on the Ea Kar package (content/archives/651, a mirror: the WARC is written from its
// captures) and on a package ingested from a WARC (its original is exported byte for byte).
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "archive/export/archive_export.hpp"
#include "archive/package/archive_package.hpp"
#include "archive/package/digest.hpp"
#include "archive/package/gzip.hpp"
#include "archive/package/io.hpp"
#include "archive/package/warc.hpp"
#include "core/files.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace xasite;
using namespace xasite::archive;

namespace {

struct ZipEntry {
    std::string data;
    int method = -1;  // from the central directory: 0 stored, 8 deflated
};

std::uint32_t le32(const std::string& s, std::size_t at) {
    return static_cast<std::uint8_t>(s[at]) | static_cast<std::uint8_t>(s[at + 1]) << 8 |
           static_cast<std::uint8_t>(s[at + 2]) << 16 |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at + 3])) << 24;
}
std::uint16_t le16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<std::uint8_t>(s[at]) |
                                      static_cast<std::uint8_t>(s[at + 1]) << 8);
}

// Reads the zip with libarchive (contents) and its central directory by hand (methods).
std::map<std::string, ZipEntry> read_zip(const fs::path& path, std::vector<std::string>& order) {
    std::map<std::string, ZipEntry> out;
    struct archive* a = archive_read_new();
    archive_read_support_format_zip(a);
    EXPECT_EQ(archive_read_open_filename(a, path.c_str(), 1 << 16), ARCHIVE_OK);
    archive_entry* e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        std::string name = archive_entry_pathname(e);
        order.push_back(name);
        std::string data;
        char buf[1 << 14];
        la_ssize_t n;
        while ((n = archive_read_data(a, buf, sizeof buf)) > 0)
            data.append(buf, n);
        out[name].data = data;
    }
    archive_read_free(a);
    const std::string z = read_file(path);
    const std::size_t eocd = z.rfind(std::string("PK\x05\x06", 4));
    EXPECT_NE(eocd, std::string::npos);
    std::size_t p = le32(z, eocd + 16);
    const std::size_t count = le16(z, eocd + 10);
    for (std::size_t i = 0; i < count && p + 46 <= z.size(); ++i) {
        EXPECT_EQ(le32(z, p), 0x02014b50u);
        const int method = le16(z, p + 10);
        const std::size_t name_len = le16(z, p + 28), extra = le16(z, p + 30),
                          comment = le16(z, p + 32);
        out[z.substr(p + 46, name_len)].method = method;
        p += 46 + name_len + extra + comment;
    }
    return out;
}

std::string sha256_hex(std::string_view s) {
    Digest d(DigestAlgorithm::sha256);
    d.update(s);
    return d.finish_hex();
}

std::string field(std::string_view head, std::string_view name) {
    std::istringstream in{std::string(head)};
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 &&
            line[name.size()] == ':')
            return std::string(line.substr(name.size() + 2));
    }
    return {};
}

// What every WACZ must hold; `zip` gets the entries.
void check_wacz(const fs::path& wacz, std::size_t& cdx_lines,
                std::map<std::string, ZipEntry>& zip) {
    std::vector<std::string> order;
    zip = read_zip(wacz, order);
    EXPECT_TRUE(zip.count("indexes/index.cdxj"));
    EXPECT_TRUE(zip.count("pages/pages.jsonl"));
    EXPECT_TRUE(zip.count("datapackage.json"));
    EXPECT_TRUE(zip.count("datapackage-digest.json"));

    // datapackage.json: every other file listed with its SHA-256 and size.
    const json dp = json::parse(zip["datapackage.json"].data);
    EXPECT_EQ(dp["profile"], "data-package");
    EXPECT_EQ(dp["wacz_version"], "1.1.1");
    EXPECT_FALSE(dp.value("created", "").empty());
    EXPECT_NE(dp.value("software", "").find("xasite"), std::string::npos);
    std::set<std::string> listed;
    for (const json& r : dp["resources"]) {
        const std::string path = r["path"];
        listed.insert(path);
        ASSERT_TRUE(zip.count(path)) << path;
        EXPECT_EQ(r["hash"], "sha256:" + sha256_hex(zip[path].data)) << path;
        EXPECT_EQ(r["bytes"].get<std::size_t>(), zip[path].data.size()) << path;
        EXPECT_EQ(r["name"], fs::path(path).filename().string());
    }
    for (const auto& [name, e] : zip) {
        if (name != "datapackage.json" && name != "datapackage-digest.json") {
            EXPECT_TRUE(listed.count(name)) << name << " not in datapackage.json";
        }
    }
    const json digest = json::parse(zip["datapackage-digest.json"].data);
    EXPECT_EQ(digest["path"], "datapackage.json");
    EXPECT_EQ(digest["hash"], "sha256:" + sha256_hex(zip["datapackage.json"].data));

    // WARCs stored, never deflated (py-wacz does the same: replay reads them by offset).
    std::size_t warcs = 0;
    for (const auto& [name, e] : zip) {
        if (name.rfind("archive/", 0) == 0) {
            ++warcs;
            EXPECT_EQ(e.method, 0) << name;
        }
    }
    EXPECT_GE(warcs, 1u);

    // CDXJ: sorted; each line's offset and length give one gzip member holding the record.
    std::istringstream lines(zip["indexes/index.cdxj"].data);
    std::string line, previous;
    cdx_lines = 0;
    while (std::getline(lines, line)) {
        ++cdx_lines;
        EXPECT_LE(previous, line);
        previous = line;
        const std::size_t s1 = line.find(' '), s2 = line.find(' ', s1 + 1);
        const std::string key = line.substr(0, s1), ts = line.substr(s1 + 1, s2 - s1 - 1);
        const json j = json::parse(line.substr(s2 + 1));
        EXPECT_EQ(ts.size(), 14u);
        EXPECT_EQ(key, surt_key(j["url"].get<std::string>()));
        const std::string warc = zip["archive/" + j["filename"].get<std::string>()].data;
        const std::size_t offset = std::stoull(j["offset"].get<std::string>());
        const std::size_t length = std::stoull(j["length"].get<std::string>());
        ASSERT_LE(offset + length, warc.size()) << line;
        std::string record;
        ASSERT_TRUE(inflate_all(std::string_view(warc).substr(offset, length),
                                ZFormat::gzip_or_zlib, 1 << 26, record))
            << line;
        ASSERT_EQ(record.rfind("WARC/", 0), 0u) << line;
        const std::size_t head_end = record.find("\r\n\r\n");
        const std::string head = record.substr(0, head_end);
        EXPECT_EQ(
            field(head, "WARC-Target-URI").find(j["url"].get<std::string>()) != std::string::npos,
            true)
            << line;
        EXPECT_EQ(ts, cdx_timestamp(field(head, "WARC-Date")).substr(0, 14));
        if (j.contains("digest")) {
            EXPECT_NE(field(head, "WARC-Payload-Digest").find(j["digest"].get<std::string>()),
                      std::string::npos);
        }
    }
}

}  // namespace

TEST(WaczExport, SurtKeysAsPywbAndWarcio) {
    EXPECT_EQ(surt_key("http://eakar.daklak.gov.vn/Default.aspx?tabid=55&ID=101"),
              "vn,gov,daklak,eakar)/default.aspx?id=101&tabid=55");
    EXPECT_EQ(surt_key("https://www.example.com/"), "com,example)/");
    EXPECT_EQ(surt_key("http://example.com"), "com,example)/");
    EXPECT_EQ(surt_key("http://example.com:8080/a/B.html"), "com,example:8080)/a/b.html");
    EXPECT_EQ(cdx_timestamp("2025-06-28T07:08:09Z"), "20250628070809");
}

// The Ea Kar package is a mirror: the WACZ carries a WARC 1.1 written from its captures.
TEST(WaczExport, EaKarMirrorPackage) {
    xasite::testing::TempDir tmp;
    const fs::path package = fs::path(XASITE_SOURCE_DIR) / "content/archives/651";
    const fs::path out = tmp / "eakar.wacz";
    ExportReport r = export_wacz(package, out, {"xasite-test", "2026-12-06T00:00:00Z"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(r.wrote_warc);
    ASSERT_EQ(r.warcs.size(), 1u);
    EXPECT_EQ(r.warcs[0], "archive/xasite-651-mirror.warc.gz");
    std::size_t lines = 0;
    std::map<std::string, ZipEntry> zip;
    check_wacz(out, lines, zip);
    EXPECT_EQ(lines, 15u);  // every capture of records.jsonl
    EXPECT_EQ(r.index_lines, 15u);

    // The written WARC: warcinfo first, then resource records with their digests.
    const std::string warc = zip["archive/xasite-651-mirror.warc.gz"].data;
    std::string all;
    ASSERT_TRUE(inflate_all(warc, ZFormat::gzip_or_zlib, 1 << 26, all));  // concatenated members
    EXPECT_EQ(all.rfind("WARC/1.1\r\nWARC-Type: warcinfo\r\n", 0), 0u);
    EXPECT_NE(all.find("WARC-Type: resource\r\n"), std::string::npos);
    EXPECT_NE(all.find("WARC-Target-URI: http://eakar.daklak.gov.vn/Default.aspx?ID=102&tabid=55"),
              std::string::npos);
    EXPECT_NE(all.find("WARC-Date: 2025-06-28T00:00:00Z"), std::string::npos);

    // pages.jsonl: the header, then the HTML pages with title and text.
    std::istringstream pages(zip["pages/pages.jsonl"].data);
    std::string line;
    ASSERT_TRUE(std::getline(pages, line));
    const json header = json::parse(line);
    EXPECT_EQ(header["format"], "json-pages-1.0");
    EXPECT_EQ(header["id"], "pages");
    std::size_t n = 0;
    bool home = false;
    while (std::getline(pages, line)) {
        const json p = json::parse(line);
        ++n;
        EXPECT_FALSE(p.value("url", "").empty());
        EXPECT_EQ(p.value("ts", "").size(), 20u);
        EXPECT_TRUE(p.contains("title") && p.contains("text"));
        if (p["url"] == "http://eakar.daklak.gov.vn/index.html") {
            home = true;
            EXPECT_EQ(p["title"], "Cổng thông tin điện tử huyện Ea Kar");
            EXPECT_NE(p["text"].get<std::string>().find("Ủy ban nhân dân huyện Ea Kar"),
                      std::string::npos);
            EXPECT_EQ(p["text"].get<std::string>().find("<"), std::string::npos);
        }
    }
    EXPECT_EQ(n, r.pages);
    EXPECT_GE(n, 5u);
    const json dp = json::parse(zip["datapackage.json"].data);
    EXPECT_EQ(dp["created"], "2026-12-06T00:00:00Z");
    EXPECT_TRUE(dp.contains("mainPageUrl")) << dp.dump(2);
    EXPECT_EQ(dp.value("mainPageDate", ""), "2025-06-28T00:00:00Z");
    EXPECT_TRUE(home);

    // Two exports of one package hold the same WARC and index (stable record ids).
    ExportReport again =
        export_wacz(package, tmp / "again.wacz", {"xasite-test", "2026-12-06T00:00:00Z"});
    ASSERT_TRUE(again.ok);
    std::vector<std::string> order;
    auto zip2 = read_zip(tmp / "again.wacz", order);
    EXPECT_EQ(zip2["archive/xasite-651-mirror.warc.gz"].data, warc);
    EXPECT_EQ(zip2["indexes/index.cdxj"].data, zip["indexes/index.cdxj"].data);
}

// A package made from a WARC: the original is exported byte for byte and indexed.
TEST(WaczExport, WarcPackageKeepsTheOriginal) {
    xasite::testing::TempDir tmp;
    const fs::path src =
        fs::path(XASITE_SOURCE_DIR) / "tests/fixtures/archive/warc/example.warc.gz";
    IngestOptions o;
    o.unit_code = "651";
    o.content_dir = tmp / "content";
    o.sources = {src};
    o.unit.code = "651";
    o.unit.name = "Huyện Ea Kar";
    o.unit.type = "Huyện";
    o.unit.province = "Đắk Lắk";
    o.unit.dissolved = "2025-07-01";
    IngestReport ing = ingest_package(o);
    ASSERT_TRUE(ing.ok) << ing.error;
    const fs::path out = tmp / "warc.wacz";
    ExportReport r = export_wacz(ing.package, out);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_FALSE(r.wrote_warc);
    ASSERT_EQ(r.warcs.size(), 1u);
    std::size_t lines = 0;
    std::map<std::string, ZipEntry> zip;
    check_wacz(out, lines, zip);
    EXPECT_EQ(zip["archive/example.warc.gz"].data, read_file(src));
    EXPECT_GE(lines, 1u);
    EXPECT_EQ(lines, r.index_lines);
}

TEST(WaczExport, BadPackageWritesNothing) {
    xasite::testing::TempDir tmp;
    ExportReport r = export_wacz(tmp / "nope", tmp / "x.wacz");
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.error.empty());
    EXPECT_FALSE(fs::exists(tmp / "x.wacz"));
    EXPECT_TRUE(fs::is_empty(tmp.path()));
}
