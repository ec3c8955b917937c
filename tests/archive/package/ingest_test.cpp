// `archive ingest` and `archive verify`: real WARCs into a BagIt package, merging, fixity, and
// every kind of bad input (each its own test): the package is made or refused with a message
// naming the file and position, the source is never modified and nothing outside the package
// changes.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/file.h>
#include <zlib.h>

#include <fstream>
#include <memory>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "archive/package/archive_package.hpp"
#include "archive/package/digest.hpp"
#include "archive/package/package.hpp"
#include "archive_test_support.hpp"
#include "core/files.hpp"
#include "core/text.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;
using namespace xasite::testing;
using json = nlohmann::json;

// What ingest_package() and verify_package() report, with the messages joined: `err` holds the
// warnings and the error (ingest) or the problems and the error (verify), `out` the sources read.
// (The command's printed text is tested through the binary: ArchiveCli below, portal_crawl_test.)
struct Outcome {
    int code = -1;
    bool valid = false;  // verify
    std::string out, err;
};

// A scratch root with content/ and sources/; ingests and checks that nothing outside the package
// changed (and no staging folder is left behind).
class IngestFixture : public ::testing::Test {
  protected:
    fs::path content() const { return tmp_.path() / "content"; }
    fs::path sources() const { return tmp_.path() / "sources"; }
    fs::path package() const { return content() / "archives" / "651"; }

    void SetUp() override {
        fs::create_directories(content() / "units");
        write_bytes(content() / "units" / "placeholder.json", "{}\n");
        fs::create_directories(sources());
    }

    Outcome ingest(std::vector<fs::path> srcs, std::function<void(IngestOptions&)> tweak = {}) {
        IngestOptions o;
        o.unit_code = "651";
        o.content_dir = content();
        o.sources = std::move(srcs);
        o.unit = ea_kar_unit();
        if (tweak) tweak(o);
        auto before = snapshot(tmp_.path(), package());
        std::map<fs::path, std::string> digests;
        for (const auto& s : o.sources)
            if (fs::is_regular_file(s)) digests[s] = digest_file(s).sha256;
        Outcome r;
        IngestReport rep = ingest_package(o);
        r.code = rep.ok ? 0 : 1;
        for (const auto& s : rep.sources)
            r.out += "read " + s.path + " (" + s.format + "): " + std::to_string(s.captures) +
                     " captures kept\n";
        for (const auto& w : rep.warnings)
            r.err += "warning: " + w + "\n";
        if (!rep.ok) r.err += "error: " + rep.error + "\n";
        auto after = snapshot(tmp_.path(), package());
        // Outside the package: nothing changed, apart from content/archives/ being created.
        after.erase("content/archives");
        before.erase("content/archives");
        EXPECT_EQ(before, after) << "files outside the package changed";
        for (const auto& [s, d] : digests)
            EXPECT_EQ(digest_file(s).sha256, d) << s;
        if (fs::exists(content() / "archives")) {
            for (const auto& e : fs::directory_iterator(content() / "archives")) {
                EXPECT_NE(e.path().filename().string().front(), '.')
                    << "staging left: " << e.path();
            }
        }
        return r;
    }

    Outcome verify() {
        Outcome r;
        VerifyReport rep = verify_package(package());
        r.code = rep.valid() ? 0 : 1;
        r.valid = rep.valid();
        for (const auto& p : rep.problems)
            r.err += p + "\n";
        if (!rep.error.empty()) r.err += rep.error + "\n";
        return r;
    }

    std::vector<Record> records() { return load_package_data(package()).records; }

    fs::path copy_source(const fs::path& from) {
        fs::path to = sources() / from.filename();
        fs::copy_file(from, to);
        return to;
    }

    TempDir tmp_;
};

TEST_F(IngestFixture, WarcBecomesAValidBag) {
    fs::path src = copy_source(archive_fixtures() / "warc" / "example.warc.gz");
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* f :
         {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
          "tagmanifest-sha256.txt", "tagmanifest-sha512.txt", "data/original/example.warc.gz",
          "data/metadata/unit.json", "data/metadata/capture.json", "data/metadata/records.jsonl",
          "data/metadata/premis-events.jsonl"})
        EXPECT_TRUE(fs::is_regular_file(package() / f)) << f;
    EXPECT_EQ(read_file(package() / "data/original/example.warc.gz"), read_file(src));
    EXPECT_TRUE(contains(read_file(package() / "bagit.txt"), "BagIt-Version: 1.0"));
    std::string info = read_file(package() / "bag-info.txt");
    EXPECT_TRUE(contains(info, "Payload-Oxum: "));
    EXPECT_TRUE(contains(info, "Huyện Ea Kar"));
    auto unit = read_json_file(package() / "data/metadata/unit.json");
    EXPECT_EQ(unit["dissolved"], "2025-07-01");
    EXPECT_EQ(unit["successors"].size(), 2u);
    auto cap = read_json_file(package() / "data/metadata/capture.json");
    EXPECT_EQ(cap["sources"][0]["sha256"], digest_file(src).sha256);
    EXPECT_TRUE(contains(cap["software"].get<std::string>(), "xasite"));
    EXPECT_EQ(cap["captured"].get<std::string>().size(), 10u);

    auto recs = records();
    std::size_t responses = 0, revisits = 0;
    for (const auto& x : recs) {
        EXPECT_EQ(x.url, "http://example.com/");
        if (x.kind == "response") {
            ++responses;
            EXPECT_EQ(x.status, 200);
            EXPECT_EQ(x.mime, "text/html");
            ASSERT_FALSE(x.payload.empty());
            std::string body = read_file(package() / x.payload);
            EXPECT_TRUE(contains(body, "Example Domain"));
            EXPECT_EQ(digest_file(package() / x.payload).sha256, x.sha256);
        }
        if (x.kind == "revisit") {
            ++revisits;
            EXPECT_FALSE(x.revisit_of.empty());
            EXPECT_FALSE(x.payload.empty()) << "revisit not resolved to its original";
        }
    }
    EXPECT_EQ(responses, 1u);
    EXPECT_EQ(revisits, 1u);
    // The event log names each action.
    std::string ev = read_file(package() / "data/metadata/premis-events.jsonl");
    for (const char* t : {"replication", "message digest calculation", "format identification",
                          "unpacking", "validation", "ingestion"})
        EXPECT_TRUE(contains(ev, std::string("\"type\":\"") + t + "\"")) << t;
    Outcome v = verify();
    EXPECT_EQ(v.code, 0) << v.err;
    EXPECT_TRUE(v.valid);

    auto packages = find_packages(content());
    ASSERT_EQ(packages.size(), 1u);
    EXPECT_EQ(packages[0].unit.name, "Huyện Ea Kar");
    EXPECT_EQ(packages[0].fixity, "valid");
    EXPECT_EQ(packages[0].pages, 1u);
    EXPECT_EQ(packages[0].sources, std::vector<std::string>{"example.warc.gz"});
    EXPECT_EQ(packages[0].hosts, std::vector<std::string>{"example.com"});
    EXPECT_FALSE(packages[0].home.empty());
}

TEST_F(IngestFixture, WgetWarcWithBracketsAndResources) {
    fs::path src = copy_source(archive_fixtures() / "warc" / "example-wget-bad-target-uri.warc.gz");
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    bool page = false;
    for (const auto& x : records()) {
        EXPECT_EQ(x.url.find('<'), std::string::npos) << x.url;
        if (x.kind == "response" && x.url == "http://example.com/") page = true;
    }
    EXPECT_TRUE(page);
    EXPECT_EQ(verify().code, 0);
}

TEST_F(IngestFixture, RealIanaCaptureRevisitsResolved) {
    XASITE_REQUIRE_SHARED();
    fs::path src = copy_source(shared_warcs() / "pywb" / "iana.warc.gz");
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    auto recs = records();
    std::size_t revisits = 0, resolved = 0;
    std::set<std::string> urls;
    for (const auto& x : recs) {
        urls.insert(x.url);
        if (x.kind != "revisit") continue;
        ++revisits;
        if (!x.revisit_of.empty()) ++resolved;
    }
    EXPECT_EQ(revisits, 123u);
    EXPECT_EQ(resolved, revisits) << r.err;
    EXPECT_TRUE(urls.count("http://www.iana.org/_css/2013.1/screen.css"));
    EXPECT_EQ(verify().code, 0);
    auto pk = find_packages(content());
    ASSERT_EQ(pk.size(), 1u);
    EXPECT_GT(pk[0].pages, 5u);
}

TEST_F(IngestFixture, SeveralSourcesMergeAndReingestKeepsOriginals) {
    fs::path a = copy_source(archive_fixtures() / "warc" / "example.warc.gz");
    fs::path b = copy_source(archive_fixtures() / "warc" / "example-resource.warc.gz");
    ASSERT_EQ(ingest({a}).code, 0);
    std::string first_events = read_file(package() / "data/metadata/premis-events.jsonl");
    Outcome r = ingest({b}, [](IngestOptions& o) { o.unit = {}; });  // unit kept from the package
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(package() / "data/original/example.warc.gz"));
    EXPECT_TRUE(fs::exists(package() / "data/original/example-resource.warc.gz"));
    std::string events = read_file(package() / "data/metadata/premis-events.jsonl");
    EXPECT_EQ(events.rfind(first_events, 0), 0u) << "the event log must only grow";
    EXPECT_EQ(load_package_data(package()).unit.name, "Huyện Ea Kar");
    auto cap = read_json_file(package() / "data/metadata/capture.json");
    EXPECT_EQ(cap["sources"].size(), 2u);
    EXPECT_EQ(verify().code, 0);
    // The same bytes again (under another name) are not added twice.
    fs::path again = sources() / "copy-of-example.warc.gz";
    fs::copy_file(a, again);
    Outcome r3 = ingest({again});
    EXPECT_EQ(r3.code, 0);
    EXPECT_TRUE(contains(r3.err, "already in the package")) << r3.err;
    EXPECT_FALSE(fs::exists(package() / "data/original/copy-of-example.warc.gz"));
    EXPECT_EQ(verify().code, 0);
}

TEST_F(IngestFixture, RevisitInALaterSourceResolvesToAnEarlierOne) {
    const std::string digest = "sha1:5KZTAQUMLTMWUYQ3OLFDPNVQBPMKXWNF";
    fs::path a = sources() / "2025-05.warc.gz", b = sources() / "2025-06.warc.gz";
    write_bytes(a, gz_records({warc_record(
                       "response", "http://eakar.daklak.gov.vn/gioi-thieu.html",
                       http_response(200, "text/html; charset=utf-8", "<html>Giới thiệu</html>"),
                       {{"WARC-Payload-Digest", digest}})}));
    write_bytes(
        b,
        gz_records({warc_record(
            "revisit", "http://eakar.daklak.gov.vn/gioi-thieu.html",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
            {{"WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"},
             {"WARC-Payload-Digest", digest}})}));
    ASSERT_EQ(ingest({a}).code, 0);
    Outcome r = ingest({b});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(contains(r.err, "not found")) << r.err;
    auto recs = records();
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].kind, "response");
    EXPECT_EQ(recs[1].kind, "revisit");
    EXPECT_EQ(recs[1].payload, recs[0].payload);
    EXPECT_EQ(recs[1].revisit_of, recs[0].record_id);
    EXPECT_EQ(read_file(package() / recs[1].payload), "<html>Giới thiệu</html>");
    EXPECT_EQ(verify().code, 0);
}

TEST_F(IngestFixture, VerifyNamesDamagedMissingAndUnexpectedFiles) {
    fs::path src = copy_source(archive_fixtures() / "warc" / "example.warc.gz");
    ASSERT_EQ(ingest({src}).code, 0);
    Record page;
    for (const auto& x : records())
        if (x.kind == "response") page = x;
    ASSERT_FALSE(page.payload.empty());
    {  // one byte changed in a payload file
        std::string body = read_file(package() / page.payload);
        body[10] ^= 1;
        fs::remove(package() / page.payload);
        write_bytes(package() / page.payload, body);
    }
    Outcome v = verify();
    EXPECT_EQ(v.code, 1);
    EXPECT_TRUE(contains(v.err, "damaged: " + page.payload)) << v.err;
    fs::remove(package() / "data/original/example.warc.gz");
    write_bytes(package() / "data/stray.txt", "x");
    v = verify();
    EXPECT_EQ(v.code, 1);
    EXPECT_TRUE(contains(v.err, "missing: data/original/example.warc.gz")) << v.err;
    EXPECT_TRUE(contains(v.err, "unexpected: data/stray.txt")) << v.err;
    // A damaged tag file.
    std::string info = read_file(package() / "bag-info.txt");
    fs::remove(package() / "bag-info.txt");
    write_bytes(package() / "bag-info.txt", info + "Extra: x\n");
    v = verify();
    EXPECT_TRUE(contains(v.err, "damaged: bag-info.txt")) << v.err;
    // find_packages reports the problem without reading every checksum.
    auto pk = find_packages(content());
    ASSERT_EQ(pk.size(), 1u);
    EXPECT_NE(pk[0].fixity, "valid");
    // A re-ingest refuses to extend an incomplete package and leaves it as it was.
    auto before = snapshot(package());
    fs::path b = copy_source(archive_fixtures() / "warc" / "example-resource.warc.gz");
    Outcome r = ingest({b});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "not complete")) << r.err;
    EXPECT_EQ(snapshot(package()), before);
}

TEST_F(IngestFixture, VerifyOnSomethingThatIsNotABag) {
    fs::create_directories(package());
    Outcome v = verify();
    EXPECT_EQ(v.code, 1);
    EXPECT_TRUE(contains(v.err, "missing: bagit.txt")) << v.err;
}

// ---- bad input ----

TEST_F(IngestFixture, NonWarcFilePassedAsWarc) {
    fs::path src = sources() / "trang-chu.warc";
    write_bytes(src, "<!DOCTYPE html><html><body>Trang chủ</body></html>\n");
    Outcome r = ingest({src});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, src.string())) << r.err;
    EXPECT_TRUE(contains(r.err, "not a WARC")) << r.err;
    EXPECT_FALSE(fs::exists(package()));
}

TEST_F(IngestFixture, GzipThatIsNotAWarc) {
    fs::path src = sources() / "backup.warc.gz";
    write_bytes(src, gzip_compress("just some text, not a WARC record\n"));
    Outcome r = ingest({src});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "backup.warc.gz")) << r.err;
    EXPECT_FALSE(fs::exists(package()));
}

TEST_F(IngestFixture, TruncatedWarcGzKeepsRecordsBeforeAndReportsOffset) {
    std::vector<std::string> recs;
    for (int i = 0; i < 4; ++i)
        recs.push_back(
            warc_record("response", "http://eakar.daklak.gov.vn/p" + std::to_string(i) + ".html",
                        http_response(200, "text/html; charset=utf-8",
                                      "<html><title>Trang " + std::to_string(i) + "</title>" +
                                          std::string(1000, 'x') + "</html>")));
    std::string a = gzip_compress(recs[0]) + gzip_compress(recs[1]) + gzip_compress(recs[2]);
    std::string last = gzip_compress(recs[3]);
    fs::path src = sources() / "cut.warc.gz";
    write_bytes(src, a + last.substr(0, last.size() / 2));
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "cut.warc.gz")) << r.err;
    EXPECT_TRUE(contains(r.err, "offset")) << r.err;
    std::set<std::string> urls;
    for (const auto& x : records())
        urls.insert(x.url);
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(urls.count("http://eakar.daklak.gov.vn/p" + std::to_string(i) + ".html")) << i;
    EXPECT_EQ(read_file(package() / "data/original/cut.warc.gz"), read_file(src));
    EXPECT_TRUE(contains(read_file(package() / "data/metadata/capture.json"), "stopped"));
    EXPECT_EQ(verify().code, 0);
}

TEST_F(IngestFixture, ContentLengthThatLies) {
    std::string r1 = warc_record("response", "http://eakar.daklak.gov.vn/a.html",
                                 http_response(200, "text/html", "<html>A</html>"),
                                 {{"Content-Length", "99999"}});
    std::string r2 = warc_record("response", "http://eakar.daklak.gov.vn/b.html",
                                 http_response(200, "text/html", "<html>B</html>"));
    fs::path src = sources() / "liar.warc.gz";
    write_bytes(src, gz_records({r1, r2}));
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "liar.warc.gz: record 1")) << r.err;
    EXPECT_TRUE(contains(r.err, "Content-Length")) << r.err;
    bool b = false;
    for (const auto& x : records())
        if (x.url == "http://eakar.daklak.gov.vn/b.html") {
            b = true;
            EXPECT_EQ(read_file(package() / x.payload), "<html>B</html>");
        }
    EXPECT_TRUE(b);
}

TEST_F(IngestFixture, RevisitWithoutOriginalIsReported) {
    std::string rv = warc_record(
        "revisit", "http://eakar.daklak.gov.vn/x.html", "HTTP/1.1 200 OK\r\n\r\n",
        {{"WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"},
         {"WARC-Payload-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
    fs::path src = sources() / "rv.warc";
    write_bytes(src, rv);
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "original capture not found")) << r.err;
}

TEST_F(IngestFixture, HttpEncodingsAndRedirectsInAWarc) {
    std::string html = "<html><head><title>Ủy ban</title></head><body>Xin chào</body></html>";
    std::string gz = gzip_compress(html);
    char hex[16];
    std::snprintf(hex, sizeof hex, "%zx", gz.size());
    std::string chunked = std::string(hex) + "\r\n" + gz + "\r\n0\r\n\r\n";
    std::vector<std::string> recs = {
        warc_record("response", "<http://eakar.daklak.gov.vn/Default.aspx?tabid=55&ID=101>",
                    http_response(200, "text/html; charset=utf-8", chunked,
                                  {"Transfer-Encoding: chunked", "Content-Encoding: gzip",
                                   "Server: Microsoft-IIS/7.5"})),
        warc_record("response", "<http://eakar.daklak.gov.vn/old>",
                    http_response(301, "text/html", "moved", {"Location: /Default.aspx?tabid=55"})),
    };
    fs::path src = sources() / "enc.warc.gz";
    write_bytes(src, gz_records(recs));
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    bool page = false, redirect = false;
    for (const auto& x : records()) {
        if (x.status == 200) {
            page = true;
            EXPECT_EQ(read_file(package() / x.payload), html);
            EXPECT_EQ(x.charset, "utf-8");
        }
        if (x.status == 301) {
            redirect = true;
            EXPECT_EQ(x.location, "http://eakar.daklak.gov.vn/Default.aspx?tabid=55");
        }
    }
    EXPECT_TRUE(page && redirect);
    auto pk = find_packages(content());
    ASSERT_EQ(pk.size(), 1u);
    EXPECT_EQ(pk[0].redirects, 1u);
}

TEST_F(IngestFixture, ConcurrentIngestIsRefused) {
    fs::path src = copy_source(archive_fixtures() / "warc" / "example.warc.gz");
    fs::create_directories(content() / "archives");
    UniqueFd held(::open((content() / "archives").c_str(), O_RDONLY | O_DIRECTORY));
    ASSERT_GE(held.get(), 0);
    ASSERT_EQ(::flock(held.get(), LOCK_EX), 0);
    Outcome r = ingest({src});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "another `xasite archive ingest` is running")) << r.err;
    EXPECT_FALSE(fs::exists(package()));
    held.reset();
    EXPECT_EQ(ingest({src}).code, 0);
}

TEST_F(IngestFixture, SourceInsidePackageIsRefused) {
    fs::path src = copy_source(archive_fixtures() / "warc" / "example.warc.gz");
    ASSERT_EQ(ingest({src}).code, 0);
    Outcome r = ingest({package() / "data/original/example.warc.gz"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "inside the package")) << r.err;
}

TEST_F(IngestFixture, MissingSourceAndBadOptions) {
    Outcome r = ingest({sources() / "nope.warc"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "nope.warc: not found")) << r.err;
    fs::path src = copy_source(archive_fixtures() / "warc" / "example.warc.gz");
    r = ingest({src}, [](IngestOptions& o) { o.captured = "30/06/2025"; });
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "--captured")) << r.err;
    r = ingest({src}, [](IngestOptions& o) { o.captured = "2025-02-29"; });  // not a leap year
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "--captured")) << r.err;
    r = ingest({src}, [](IngestOptions& o) { o.unit_code = "../x"; });
    EXPECT_EQ(r.code, 1);
    EXPECT_FALSE(fs::exists(content() / "x"));
}

// ---- mirrors (tar, zip) ----

struct Member {
    std::string name, data, symlink;
    bool dir = false;
};
Member file(std::string name, std::string data) {
    return Member{std::move(name), std::move(data), "", false};
}
Member folder(std::string name) {
    return Member{std::move(name), "", "", true};
}
Member link(std::string name, std::string target) {
    return Member{std::move(name), "", std::move(target), false};
}

enum class Format { tar_gz, zip, seven_zip };

// A tar.gz, zip or 7z written with libarchive.
void write_archive(const fs::path& path, const std::vector<Member>& members, Format format) {
    std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_write_new(),
                                                                archive_write_free);
    if (format == Format::zip) {
        archive_write_set_format_zip(a.get());
    } else if (format == Format::seven_zip) {
        archive_write_set_format_7zip(a.get());
    } else {
        archive_write_set_format_pax_restricted(a.get());
        archive_write_add_filter_gzip(a.get());
    }
    ASSERT_EQ(archive_write_open_filename(a.get(), path.c_str()), ARCHIVE_OK);
    for (const auto& m : members) {
        std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(),
                                                                   archive_entry_free);
        archive_entry_copy_pathname(e.get(), m.name.c_str());
        archive_entry_set_mtime(e.get(), 1751270400, 0);
        if (m.dir) {
            archive_entry_set_filetype(e.get(), AE_IFDIR);
            archive_entry_set_perm(e.get(), 0755);
        } else if (!m.symlink.empty()) {
            archive_entry_set_filetype(e.get(), AE_IFLNK);
            archive_entry_copy_symlink(e.get(), m.symlink.c_str());
            archive_entry_set_perm(e.get(), 0777);
        } else {
            archive_entry_set_filetype(e.get(), AE_IFREG);
            archive_entry_set_perm(e.get(), 0644);
            archive_entry_set_size(e.get(), static_cast<la_int64_t>(m.data.size()));
        }
        ASSERT_EQ(archive_write_header(a.get(), e.get()), ARCHIVE_OK) << m.name;
        if (!m.data.empty()) {
            ASSERT_EQ(archive_write_data(a.get(), m.data.data(), m.data.size()),
                      static_cast<la_ssize_t>(m.data.size()));
        }
    }
    ASSERT_EQ(archive_write_close(a.get()), ARCHIVE_OK);
}

// A zip (stored, no UTF-8 flag) written by hand, so member names can be any bytes.
std::string raw_zip(const std::vector<std::pair<std::string, std::string>>& files) {
    auto u16 = [](std::string& s, unsigned v) {
        s.push_back(static_cast<char>(v & 0xff));
        s.push_back(static_cast<char>((v >> 8) & 0xff));
    };
    auto u32 = [&](std::string& s, unsigned long v) {
        u16(s, static_cast<unsigned>(v & 0xffff));
        u16(s, static_cast<unsigned>((v >> 16) & 0xffff));
    };
    std::string out, central;
    for (const auto& [name, data] : files) {
        unsigned long crc =
            crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
        unsigned long off = out.size();
        u32(out, 0x04034b50);
        u16(out, 10);
        u16(out, 0);  // flags: names not UTF-8
        u16(out, 0);  // stored
        u16(out, 0);
        u16(out, 0x5ac1);
        u32(out, crc);
        u32(out, data.size());
        u32(out, data.size());
        u16(out, static_cast<unsigned>(name.size()));
        u16(out, 0);
        out += name + data;
        u32(central, 0x02014b50);
        u16(central, 20);
        u16(central, 10);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0x5ac1);
        u32(central, crc);
        u32(central, data.size());
        u32(central, data.size());
        u16(central, static_cast<unsigned>(name.size()));
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u32(central, 0);
        u32(central, off);
        central += name;
    }
    unsigned long cd = out.size();
    out += central;
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, static_cast<unsigned>(files.size()));
    u16(out, static_cast<unsigned>(files.size()));
    u32(out, central.size());
    u32(out, cd);
    u16(out, 0);
    return out;
}

TEST_F(IngestFixture, WgetMirrorTarGz) {
    fs::path src = sources() / "eakar-mirror.tar.gz";
    write_archive(src,
                  {folder("eakar.daklak.gov.vn/"),
                   file("eakar.daklak.gov.vn/index.html", "<html><title>Trang chủ</title></html>"),
                   file("eakar.daklak.gov.vn/Default.aspx@tabid=55&ID=101.html",
                        "<html><title>Tin 101</title></html>"),
                   file("eakar.daklak.gov.vn/css/site.css", "body{background:url(../img/a.png)}"),
                   file("eakar.daklak.gov.vn/gz.html.gz", gzip_compress("<html>nén</html>"))},
                  Format::tar_gz);
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    std::map<std::string, Record> by_url;
    for (const auto& x : records()) {
        by_url[x.url] = x;
        for (const auto& a : x.aliases)
            by_url[a] = x;  // index.html is also "/"
    }
    ASSERT_TRUE(by_url.count("http://eakar.daklak.gov.vn/index.html")) << r.out;
    EXPECT_EQ(by_url["http://eakar.daklak.gov.vn/"].url, "http://eakar.daklak.gov.vn/index.html");
    ASSERT_TRUE(by_url.count("http://eakar.daklak.gov.vn/Default.aspx?tabid=55&ID=101"));
    EXPECT_EQ(by_url["http://eakar.daklak.gov.vn/css/site.css"].mime, "text/css");
    bool gz_undone = false;
    for (const auto& [u, x] : by_url)
        if (contains(u, "/gz.html")) {
            gz_undone = true;
            EXPECT_EQ(x.mime, "text/html");
            EXPECT_EQ(read_file(package() / x.payload), "<html>nén</html>");
        }
    EXPECT_TRUE(gz_undone);
    EXPECT_EQ(verify().code, 0);
    auto pk = find_packages(content());
    ASSERT_EQ(pk.size(), 1u);
    EXPECT_EQ(pk[0].hosts, std::vector<std::string>{"eakar.daklak.gov.vn"});
    EXPECT_EQ(pk[0].pages, 3u);
    EXPECT_EQ(pk[0].redirects, 0u);  // mirrors lose redirects
}

TEST_F(IngestFixture, SevenZipMirrorWithoutHostFolder) {
    fs::path src = sources() / "eakar.7z";
    write_archive(src,
                  {file("index.html", "<html><title>Trang chủ</title></html>"),
                   file("van-ban/qd-12.pdf", "%PDF-1.4 …")},
                  Format::seven_zip);
    Outcome r = ingest({src}, [](IngestOptions& o) { o.base_url = "http://eakar.daklak.gov.vn/"; });
    ASSERT_EQ(r.code, 0) << r.err;
    std::set<std::string> urls;
    for (const auto& x : records())
        urls.insert(x.url);
    EXPECT_TRUE(urls.count("http://eakar.daklak.gov.vn/index.html")) << r.out;
    EXPECT_TRUE(urls.count("http://eakar.daklak.gov.vn/van-ban/qd-12.pdf")) << r.out;
    auto cap = read_json_file(package() / "data/metadata/capture.json");
    EXPECT_EQ(cap["sources"][0]["format"], "7z");
    // Without --base-url the files are filed under "mirror.invalid", with a warning.
    fs::remove_all(package());
    Outcome r2 = ingest({src});
    ASSERT_EQ(r2.code, 0) << r2.err;
    EXPECT_TRUE(contains(r2.err, "mirror.invalid")) << r2.err;
}

TEST_F(IngestFixture, MirrorGzipBodiesCorruptOrBomb) {
    std::string corrupt = gzip_compress("<html>" + std::string(5000, 'x') + "</html>");
    corrupt.resize(corrupt.size() / 2);
    fs::path src = sources() / "gz.tar.gz";
    write_archive(
        src,
        {file("eakar.daklak.gov.vn/index.html", "<html>ok</html>"),
         file("eakar.daklak.gov.vn/cut.html.gz", corrupt),
         file("eakar.daklak.gov.vn/bomb.html.gz", gzip_compress(std::string(32u << 20, ' '), 9))},
        Format::tar_gz);
    Outcome r = ingest({src}, [](IngestOptions& o) {
        o.bomb_floor_bytes = 1u << 20;
        o.bomb_ratio = 100;
    });
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err,
                         "gz.tar.gz: member 2 \"eakar.daklak.gov.vn/cut.html.gz\": gzip "
                         "body could not be decompressed"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "member 3")) << r.err;
    EXPECT_TRUE(contains(r.err, "decompression bomb")) << r.err;
    bool cut = false;
    for (const auto& x : records()) {
        EXPECT_FALSE(contains(x.url, "bomb")) << x.url;
        if (contains(x.url, "cut.html")) {
            cut = true;
            EXPECT_EQ(read_file(package() / x.payload), corrupt);  // kept as stored
        }
    }
    EXPECT_TRUE(cut);
    EXPECT_EQ(verify().code, 0);
}

TEST_F(IngestFixture, TarWithDotDotMembers) {
    fs::path src = sources() / "evil.tar.gz";
    write_archive(src,
                  {file("eakar.daklak.gov.vn/index.html", "<html>ok</html>"),
                   file("../../escape.html", "<html>evil</html>"),
                   file("eakar.daklak.gov.vn/../../../etc/x", "evil")},
                  Format::tar_gz);
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "evil.tar.gz: member 2 \"../../escape.html\"")) << r.err;
    EXPECT_TRUE(contains(r.err, "member 3")) << r.err;
    EXPECT_FALSE(fs::exists(tmp_.path() / "escape.html"));
    for (const auto& x : records())
        EXPECT_TRUE(contains(x.url, "eakar.daklak.gov.vn/")) << x.url;
    EXPECT_EQ(records().size(), 1u);
}

TEST_F(IngestFixture, TarWithAbsolutePaths) {
    fs::path src = sources() / "abs.tar.gz";
    write_archive(src,
                  {file("/tmp/xasite-absolute-test.html", "<html>evil</html>"),
                   file("eakar.daklak.gov.vn/index.html", "<html>ok</html>")},
                  Format::tar_gz);
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "abs.tar.gz: member 1")) << r.err;
    EXPECT_TRUE(contains(r.err, "absolute")) << r.err;
    EXPECT_FALSE(fs::exists("/tmp/xasite-absolute-test.html"));
    EXPECT_EQ(records().size(), 1u);
}

TEST_F(IngestFixture, TarWithSymlinksPointingOutside) {
    fs::path src = sources() / "links.tar.gz";
    write_archive(src,
                  {file("eakar.daklak.gov.vn/index.html", "<html>ok</html>"),
                   link("eakar.daklak.gov.vn/passwd", "/etc/passwd"),
                   link("eakar.daklak.gov.vn/up", "../../..")},
                  Format::tar_gz);
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "links.tar.gz: member 2 \"eakar.daklak.gov.vn/passwd\"")) << r.err;
    EXPECT_TRUE(contains(r.err, "points outside the archive")) << r.err;
    EXPECT_TRUE(contains(r.err, "member 3")) << r.err;
    EXPECT_EQ(records().size(), 1u);
    std::string all;
    for (const auto& x : records())
        all += read_file(package() / x.payload);
    EXPECT_FALSE(contains(all, "root:"));
}

TEST_F(IngestFixture, ZipDecompressionBomb) {
    fs::path src = sources() / "bomb.zip";
    write_archive(src,
                  {file("eakar.daklak.gov.vn/index.html", "<html>ok</html>"),
                   file("eakar.daklak.gov.vn/bomb.bin", std::string(48u << 20, '\0'))},
                  Format::zip);
    ASSERT_LT(fs::file_size(src), 1u << 20);
    Outcome r = ingest({src}, [](IngestOptions& o) {
        o.bomb_floor_bytes = 4u << 20;
        o.bomb_ratio = 100;
    });
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "bomb.zip: member 2")) << r.err;
    EXPECT_TRUE(contains(r.err, "decompression bomb")) << r.err;
    EXPECT_EQ(records().size(), 1u);
    EXPECT_EQ(verify().code, 0);
}

TEST_F(IngestFixture, WarcGzipBomb) {
    std::string rec =
        warc_record("resource", "http://eakar.daklak.gov.vn/big.bin", std::string(48u << 20, 'a'));
    fs::path src = sources() / "bomb.warc.gz";
    write_bytes(src, gzip_compress(rec, 9));
    Outcome r = ingest({src}, [](IngestOptions& o) {
        o.bomb_floor_bytes = 4u << 20;
        o.bomb_ratio = 100;
    });
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "bomb.warc.gz")) << r.err;
    EXPECT_TRUE(contains(r.err, "bomb")) << r.err;
    EXPECT_TRUE(records().empty());
}

TEST_F(IngestFixture, ZipWithNonUtf8FileNames) {
    // "Thông báo.html" in Windows-1258 (ô = 0xF4, á = 'a' + combining 0xEC).
    std::string name = "eakar.daklak.gov.vn/Th\xf4ng b\x61\xeco.html";
    fs::path src = sources() / "vn-names.zip";
    write_bytes(src, raw_zip({{"eakar.daklak.gov.vn/index.html", "<html>ok</html>"},
                              {name, "<html>Thông báo</html>"}}));
    Outcome r = ingest({src});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "vn-names.zip: member 2")) << r.err;
    EXPECT_TRUE(contains(r.err, "not UTF-8")) << r.err;
    bool found = false;
    for (const auto& x : records()) {
        EXPECT_TRUE(text::is_valid_utf8(x.url)) << x.url;
        if (contains(x.url, "Th")) {
            found = true;
            EXPECT_TRUE(contains(x.url, "Th%C3%B4ng") || contains(x.url, "Thông")) << x.url;
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(verify().code, 0);
}

TEST_F(IngestFixture, DamagedZipNamesTheFile) {
    fs::path src = sources() / "broken.zip";
    std::string z = raw_zip({{"eakar.daklak.gov.vn/index.html", std::string(2000, 'x')}});
    write_bytes(src, z.substr(0, 60));
    Outcome r = ingest({src});
    EXPECT_TRUE(contains(r.err, "broken.zip")) << r.err;
    if (r.code == 0) {
        EXPECT_EQ(verify().code, 0);
    }
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

// The command-line glue (generator/cli/archive_command): registry look-up and exit statuses; the
// dissolution date and legal basis come from site.json, the registry from the file it names.
TEST(ArchiveCli, UnknownUnitMissingPackageAndUsage) {
    TempDir tmp;
    fs::create_directories(tmp / "content" / "units");
    fs::copy_file(content_dir() / "units" / "daklak-units.json",
                  tmp / "content" / "units" / "daklak-units.json");
    fs::path src = tmp / "example.warc.gz";
    fs::copy_file(archive_fixtures() / "warc" / "example.warc.gz", src);
    std::string x = xasite_binary().string();
    std::string content = (tmp / "content").string();
    // Without site.json there is no dissolution date to record: an error naming the file.
    auto r =
        run_command(x + " archive ingest --unit 651 --content " + content + " " + src.string());
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "site.json")) << r.out;
    EXPECT_FALSE(fs::exists(tmp / "content" / "archives" / "651"));
    // The registry is the file site.json names.
    std::string site = read_file(content_dir() / "site.json");
    site.replace(site.find("\"language\""), 0, "\"registry\": \"units/tinh.json\",\n  ");
    write_file_atomic(tmp / "content" / "site.json", site);
    fs::rename(tmp / "content" / "units" / "daklak-units.json",
               tmp / "content" / "units" / "tinh.json");
    // 99999 is neither an old district nor an old commune (old communes are accepted:
    // ingest_trust_test.cpp, IngestTrustCli).
    r = run_command(x + " archive ingest --unit 99999 --content " + content + " " + src.string());
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "--unit 99999: no old district or old commune")) << r.out;
    EXPECT_TRUE(contains(r.out, "units/tinh.json")) << r.out;
    EXPECT_FALSE(fs::exists(tmp / "content" / "archives" / "99999"));
    r = run_command(x + " archive verify " + (tmp / "nothing").string());
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "not a package directory")) << r.out;
    r = run_command(x + " archive ingest --content " + content + " " + src.string());
    EXPECT_EQ(r.exit_code, 2) << r.out;  // --unit is required
    r = run_command(x + " archive ingest --unit 651 --captured 2025-06-30 --content " + content +
                    " " + src.string());
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "captured 2025-06-30")) << r.out;
    auto unit = read_json_file(tmp / "content" / "archives" / "651" / "data/metadata/unit.json");
    EXPECT_EQ(unit["name"], "Huyện Ea Kar");
    EXPECT_FALSE(unit["successors"].empty());
    EXPECT_EQ(unit["dissolved"], "2025-07-01");
    // The district level ended by the acts site.json gives that role (NQ 203/2025/QH15, Luật
    // 72/2025/QH15), not by the commune arrangement (NQ 1660).
    EXPECT_TRUE(contains(unit["legal_basis"].get<std::string>(), "203/2025/QH15"))
        << unit["legal_basis"];
    EXPECT_TRUE(contains(unit["legal_basis"].get<std::string>(), "72/2025/QH15"));
}

}  // namespace
}  // namespace xasite::archive
