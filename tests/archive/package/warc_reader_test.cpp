// The project's WARC record reader and HTTP response parsing, on real WARCs (warcio and pywb test
// files, a 2014 iana.org capture, wget output) and on synthetic broken ones.
#include <gtest/gtest.h>

#include <map>

#include "archive/package/http.hpp"
#include "archive_test_support.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;
using namespace xasite::testing;

std::string decode_http(const std::string& block, HttpHead& head,
                        std::vector<std::string>* notes = nullptr) {
    EXPECT_EQ(parse_response_head(block, head), HeadResult::ok);
    std::string body;
    BodyDecoder dec(
        head, [&](std::string_view d) { body.append(d); }, InflateLimits{});
    dec.feed(std::string_view(block).substr(head.length));
    dec.finish();
    if (notes) *notes = dec.warnings();
    return body;
}

// Decodes each response record of a fixture file and passes it to `check`; returns how many.
template <class Check>
std::size_t each_response(const std::string& fixture, Check check) {
    auto r = read_warc_file(archive_fixtures() / "warc" / fixture);
    EXPECT_TRUE(r.stopped.empty()) << r.stopped;
    std::size_t n = 0;
    for (const auto& x : r.records) {
        if (x.rec.type() != "response") continue;
        ++n;
        HttpHead head;
        std::vector<std::string> notes;
        std::string body = decode_http(x.block, head, &notes);
        check(x, head, body, notes);
    }
    return n;
}

TEST(WarcReader, FixtureCopiesReadCompletely) {
    auto r = read_warc_file(archive_fixtures() / "warc" / "example.warc.gz");
    EXPECT_TRUE(r.stopped.empty()) << r.stopped;
    auto t = type_counts(r);
    EXPECT_EQ(t["warcinfo"], 2u);
    EXPECT_EQ(t["request"], 2u);
    EXPECT_EQ(t["response"], 1u);
    EXPECT_EQ(t["revisit"], 1u);
    ASSERT_EQ(r.records.size(), 6u);
    EXPECT_EQ(r.records[0].rec.offset, 0u);
    for (std::size_t i = 1; i < r.records.size(); ++i) {
        EXPECT_GT(r.records[i].rec.offset, r.records[i - 1].rec.offset);  // one member each
        EXPECT_EQ(r.records[i].rec.index, i + 1);
    }
}

TEST(WarcReader, WgetBracketedTargetUri) {
    auto r = read_warc_file(archive_fixtures() / "warc" / "example-wget-bad-target-uri.warc.gz");
    EXPECT_TRUE(r.stopped.empty()) << r.stopped;
    bool response = false;
    for (const auto& x : r.records) {
        if (x.rec.type() == "response") {
            response = true;
            EXPECT_EQ(x.rec.target_uri(), "http://example.com/");
            HttpHead head;
            std::string body = decode_http(x.block, head);
            EXPECT_EQ(head.status, 200);
            EXPECT_TRUE(contains(body, "<title>Example Domain</title>")) << body.substr(0, 200);
        }
        if (x.rec.type() == "metadata") {
            EXPECT_EQ(x.rec.target_uri().rfind("metadata://gnu.org/software/wget/warc/", 0), 0u);
        }
    }
    EXPECT_TRUE(response);
}

TEST(WarcReader, ChunkedResponseIsDechunked) {
    auto n = each_response(
        "example-iana.org-chunked.warc",
        [](const ReadRecord& x, const HttpHead& head, const std::string& body, const auto& notes) {
            EXPECT_TRUE(iequals(head.header("Transfer-Encoding"), "chunked"));
            EXPECT_TRUE(notes.empty()) << notes.front();
            // The chunk-size lines are gone: the body is the HTML document, whole.
            EXPECT_EQ(body.rfind("<!doctype html>", 0), 0u) << body.substr(0, 40);
            EXPECT_TRUE(contains(body, "</html>"));
            EXPECT_LT(body.size(), x.block.size() - head.length);
        });
    EXPECT_EQ(n, 1u);
}

// warcio's "wrong chunks" file: the gzip members do not follow the records (records split across
// and sharing members). The reader must not depend on the member layout.
TEST(WarcReader, GzipMembersNotAlignedWithRecords) {
    auto n = each_response(
        "example-wrong-chunks.warc.gz",
        [](const ReadRecord&, const HttpHead&, const std::string& body, const auto& notes) {
            // The file's HTTP body is one byte short of its Content-Length:
            // said, and kept.
            ASSERT_EQ(notes.size(), 1u);
            EXPECT_TRUE(contains(notes.front(), "1270 of 1271")) << notes.front();
            EXPECT_TRUE(contains(body, "</html>"));
        });
    EXPECT_EQ(n, 1u);
}

// warcio's "trunc" file: the WARC records are whole, but the gzip HTTP body of the response is
// cut two bytes short of its Content-Length.
TEST(WarcReader, TruncatedHttpBodyIsNoticed) {
    auto r = read_warc_file(archive_fixtures() / "warc" / "example-trunc.warc");
    EXPECT_TRUE(r.stopped.empty()) << r.stopped;
    ASSERT_EQ(r.records.size(), 4u);
    bool seen = false;
    for (const auto& x : r.records) {
        EXPECT_FALSE(x.truncated);
        if (x.rec.type() != "response") continue;
        seen = true;
        HttpHead head;
        std::string body;
        ASSERT_EQ(parse_response_head(x.block, head), HeadResult::ok);
        BodyDecoder dec(
            head, [&](std::string_view d) { body.append(d); }, InflateLimits{});
        dec.feed(std::string_view(x.block).substr(head.length));
        dec.finish();
        EXPECT_TRUE(dec.truncated());
        ASSERT_FALSE(dec.warnings().empty());
        EXPECT_TRUE(contains(dec.warnings().front(), "604 of 606")) << dec.warnings().front();
        EXPECT_TRUE(contains(body, "Example Domain"));  // what could be decoded is kept
    }
    EXPECT_TRUE(seen);
}

// Every real WARC in ../shared: read to the end or to a reported stop, never a crash.
TEST(WarcReader, EverySharedWarcReads) {
    XASITE_REQUIRE_SHARED();
    std::size_t files = 0;
    bool missing_status = false;
    for (const char* sub : {"warcio", "pywb"}) {
        for (const auto& e : fs::directory_iterator(shared_warcs() / sub)) {
            std::string n = e.path().filename().string();
            if (n.find(".warc") == std::string::npos) continue;
            ++files;
            auto r = read_warc_file(e.path());
            EXPECT_FALSE(r.records.empty()) << n << ": " << r.stopped;
            for (const auto& x : r.records) {
                EXPECT_EQ(x.rec.version.rfind("WARC/", 0), 0u) << n;
            }
            if (n == "missing-status-text.warc") {
                // CR CR LF line ends (the Content-Length was counted with CR LF, so the block
                // ends inside the HTTP head) and "302 " without a reason phrase. Ingest closes
                // such a head and notes the cut.
                ASSERT_EQ(r.records.size(), 1u);
                HttpHead head;
                EXPECT_EQ(parse_response_head(r.records[0].block, head), HeadResult::incomplete);
                ASSERT_EQ(parse_response_head(r.records[0].block + "\r\n\r\n", head),
                          HeadResult::ok);
                EXPECT_EQ(head.status, 302);
                EXPECT_EQ(head.header("Location"), "http://www.iana.org/badst");
                missing_status = true;
            }
        }
    }
    EXPECT_EQ(files, 24u);
    EXPECT_TRUE(missing_status);
}

TEST(WarcReader, RealIanaCapture2014) {
    XASITE_REQUIRE_SHARED();
    auto r = read_warc_file(shared_warcs() / "pywb" / "iana.warc.gz");
    EXPECT_TRUE(r.stopped.empty()) << r.stopped;
    EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
    auto t = type_counts(r);
    EXPECT_EQ(r.records.size(), 343u);
    EXPECT_EQ(t["request"], 171u);
    EXPECT_EQ(t["revisit"], 123u);
    EXPECT_EQ(t["response"], 48u);
    std::size_t html = 0;
    for (const auto& x : r.records) {
        if (x.rec.type() != "response") continue;
        HttpHead head;
        std::string body = decode_http(x.block, head);
        if (media_type(head.header("Content-Type")) == "text/html" && head.status == 200) {
            ++html;
            EXPECT_TRUE(contains(body, "</html>")) << x.rec.target_uri();
        }
    }
    EXPECT_GT(html, 0u);
}

TEST(WarcReader, NonWarcFileIsRefused) {
    std::string html = "<!doctype html><html><body>not a WARC</body></html>\n";
    archive::MemoryInput in(html);
    WarcReader rd(in, "page.warc");
    WarcRecord rec;
    try {
        rd.next(rec);
        FAIL() << "no error";
    } catch (const NotWarcError& e) {
        EXPECT_TRUE(contains(e.what(), "page.warc")) << e.what();
    }
    // The same as gzip.
    std::string gz = gzip_compress(html);
    archive::MemoryInput in2(gz);
    WarcReader rd2(in2, "page.warc.gz");
    EXPECT_THROW(rd2.next(rec), NotWarcError);
}

TEST(WarcReader, Warc11BareUriFractionalDate) {
    std::string data = warc_record("resource", "http://eakar.daklak.gov.vn/a.txt", "xin chào",
                                   {{"Content-Type", "text/plain; charset=utf-8"}}, "WARC/1.1");
    auto pos = data.find("2025-06-30T10:20:30Z");
    data.replace(pos, 20, "2025-06-30T10:20:30.123456Z");
    auto r = read_warc_bytes(data);
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].rec.version, "WARC/1.1");
    EXPECT_EQ(r.records[0].block, "xin chào");
    std::string day, iso;
    ASSERT_TRUE(parse_warc_date(r.records[0].rec.date(), day, iso));
    EXPECT_EQ(iso, "2025-06-30T10:20:30Z");
    // The day must exist in its month (core/date.hpp).
    EXPECT_FALSE(parse_warc_date("2025-13-45T10:20:30Z", day, iso));
    EXPECT_FALSE(parse_warc_date("2025-02-29T00:00:00Z", day, iso));
    EXPECT_TRUE(parse_warc_date("2024-02-29T00:00:00Z", day, iso));
    EXPECT_EQ(day, "2024-02-29");
    EXPECT_TRUE(parse_warc_date("20240229000000", day, iso));
}

TEST(WarcReader, WholeFileGzipAndManyMembers) {
    std::vector<std::string> recs;
    for (int i = 0; i < 5; ++i)
        recs.push_back(warc_record("resource", "http://x.vn/" + std::to_string(i),
                                   std::string(100000 + i, static_cast<char>('a' + i))));
    std::string plain;
    for (const auto& s : recs)
        plain += s;
    auto one = read_warc_bytes(gzip_compress(plain), "one.warc.gz");
    auto many = read_warc_bytes(gz_records(recs), "many.warc.gz");
    ASSERT_EQ(one.records.size(), 5u);
    ASSERT_EQ(many.records.size(), 5u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(one.records[i].block.size(), 100000u + i);
        EXPECT_EQ(many.records[i].block, one.records[i].block);
    }
    EXPECT_TRUE(one.warnings.empty() && many.warnings.empty());
}

TEST(WarcReader, TruncatedGzipReportsOffsetAndKeepsRecordsBefore) {
    std::vector<std::string> recs;
    for (int i = 0; i < 3; ++i)
        recs.push_back(warc_record("resource", "http://x.vn/" + std::to_string(i),
                                   std::string(5000, static_cast<char>('a' + i))));
    std::string a = gzip_compress(recs[0]), b = gzip_compress(recs[1]), c = gzip_compress(recs[2]);
    std::string data = a + b + c.substr(0, c.size() / 2);
    auto r = read_warc_bytes(data, "cut.warc.gz");
    ASSERT_GE(r.records.size(), 2u);
    EXPECT_EQ(r.records[0].block, std::string(5000, 'a'));
    EXPECT_EQ(r.records[1].block, std::string(5000, 'b'));
    ASSERT_FALSE(r.stopped.empty());
    // The offset named is inside the third member.
    std::string third = std::to_string(a.size() + b.size());
    bool offset_named = false;
    for (std::uint64_t off = a.size() + b.size(); off <= data.size(); ++off)
        if (contains(r.stopped, "offset " + std::to_string(off))) offset_named = true;
    EXPECT_TRUE(offset_named) << r.stopped << " (third member starts at " << third << ")";
    EXPECT_TRUE(contains(r.stopped, "cut.warc.gz") || contains(r.stopped, "truncated") ||
                contains(r.stopped, "unexpected end"))
        << r.stopped;
}

// Records shorter than the reader's 4 KiB header look-ahead: the look-ahead must not run into the
// cut member and lose the last complete record.
TEST(WarcReader, TruncatedGzipAfterSmallRecords) {
    std::vector<std::string> recs;
    for (int i = 0; i < 4; ++i)
        recs.push_back(warc_record("resource", "http://x.vn/" + std::to_string(i),
                                   std::string(300, static_cast<char>('a' + i))));
    std::string last = gzip_compress(recs[3]);
    std::string data = gz_records({recs[0], recs[1], recs[2]}) + last.substr(0, last.size() / 2);
    auto r = read_warc_bytes(data, "small.warc.gz");
    ASSERT_GE(r.records.size(), 3u) << r.stopped;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(r.records[i].block, std::string(300, static_cast<char>('a' + i)));
        EXPECT_FALSE(r.records[i].truncated);
    }
    EXPECT_TRUE(contains(r.stopped, "truncated gzip data")) << r.stopped;
}

// A damaged gzip member (bytes changed inside its deflate data, as a bad disk sector or a broken
// copy leaves them) loses that record only: the reader names the offset, cuts the damaged record
// (flagged truncated, never passed on as complete) and goes on with the next member, as it does
// after a bomb. Before, the records after the damage were lost.
TEST(WarcReader, CorruptGzipMemberLosesThatRecordOnly) {
    std::vector<std::string> recs, bodies;
    for (int i = 0; i < 4; ++i) {
        std::string body;
        // Text that compresses but not to nothing, so the damage lands in real deflate codes.
        for (int k = 0; k < 4000; ++k)
            body += std::to_string((k * 7919 + i) % 1000) + (k % 13 == 0 ? "\n" : " ");
        bodies.push_back(body);
        recs.push_back(warc_record("resource", "http://x.vn/" + std::to_string(i), body));
    }
    std::vector<std::string> members;
    for (const auto& r : recs)
        members.push_back(gzip_compress(r));
    std::string damaged = members[1];
    for (std::size_t k = damaged.size() / 3; k < damaged.size() / 3 + 40; ++k)
        damaged[k] = static_cast<char>(damaged[k] ^ 0x5a);
    std::string data = members[0] + damaged + members[2] + members[3];
    auto r = read_warc_bytes(data, "damaged.warc.gz");
    EXPECT_TRUE(r.stopped.empty()) << r.stopped;
    std::map<std::string, const ReadRecord*> by_uri;
    for (const auto& x : r.records)
        by_uri[std::string(x.rec.field("WARC-Target-URI"))] = &x;
    for (int i : {0, 2, 3}) {
        const auto* x = by_uri["http://x.vn/" + std::to_string(i)];
        ASSERT_TRUE(x) << "record " << i << " lost";
        EXPECT_FALSE(x->truncated) << i;
        EXPECT_EQ(x->block, bodies[i]) << i;
    }
    if (const auto* x = by_uri["http://x.vn/1"]) {
        EXPECT_TRUE(x->truncated);
    }
    const std::string at = std::to_string(members[0].size());
    bool named = false;
    for (const auto& w : r.warnings)
        if (contains(w, "damaged.warc.gz") && contains(w, "corrupt gzip data") &&
            contains(w, "member starting at " + at) &&
            contains(w, "next gzip member at offset " +
                            std::to_string(members[0].size() + damaged.size())))
            named = true;
    EXPECT_TRUE(named) << ::testing::PrintToString(r.warnings);
}

// A member whose only damage is its CRC: the bytes decoded may be wrong, so the record is not
// passed on as complete; the records after it are read.
TEST(WarcReader, GzipCrcMismatchFlagsThatRecord) {
    std::vector<std::string> recs;
    for (int i = 0; i < 3; ++i)
        recs.push_back(warc_record("resource", "http://x.vn/" + std::to_string(i),
                                   std::string(2000, static_cast<char>('a' + i))));
    std::string a = gzip_compress(recs[0]), b = gzip_compress(recs[1]), c = gzip_compress(recs[2]);
    b[b.size() - 8] = static_cast<char>(b[b.size() - 8] ^ 1);  // the CRC-32 of the trailer
    auto r = read_warc_bytes(a + b + c, "crc.warc.gz");
    EXPECT_TRUE(r.stopped.empty()) << r.stopped;
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_FALSE(r.records[0].truncated);
    EXPECT_TRUE(r.records[1].truncated);
    EXPECT_FALSE(r.records[2].truncated);
    EXPECT_EQ(r.records[2].block, std::string(2000, 'c'));
}

// Damage in the last member with no member after it: the reader stops there, naming the offset,
// and keeps what came before (as for a truncated file).
TEST(WarcReader, CorruptLastMemberStopsWithTheRecordsBefore) {
    std::vector<std::string> recs;
    for (int i = 0; i < 2; ++i) {
        std::string body;
        for (int k = 0; k < 3000; ++k)
            body += std::to_string((k * 31 + i) % 977) + " ";
        recs.push_back(warc_record("resource", "http://x.vn/" + std::to_string(i), body));
    }
    std::string a = gzip_compress(recs[0]), b = gzip_compress(recs[1]);
    for (std::size_t k = b.size() / 2; k < b.size() / 2 + 30; ++k)
        b[k] = static_cast<char>(~b[k]);
    auto r = read_warc_bytes(a + b, "last.warc.gz");
    ASSERT_GE(r.records.size(), 1u);
    EXPECT_FALSE(r.records[0].truncated);
    EXPECT_TRUE(contains(r.stopped, "corrupt gzip data")) << r.stopped;
}

TEST(WarcReader, ContentLengthTooLongInGzipMemberResyncs) {
    std::string r1 =
        warc_record("resource", "http://x.vn/1", "first body", {{"Content-Length", "5000"}});
    std::string r2 = warc_record("resource", "http://x.vn/2", "second body");
    auto r = read_warc_bytes(gz_records({r1, r2}), "liar.warc.gz");
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_TRUE(r.records[0].truncated);
    EXPECT_EQ(r.records[1].block, "second body");
    bool named = false;
    for (const auto& w : r.warnings)
        if (contains(w, "liar.warc.gz: record 1") && contains(w, "Content-Length")) named = true;
    EXPECT_TRUE(named) << (r.warnings.empty() ? "no warnings" : r.warnings.front());
}

TEST(WarcReader, ContentLengthTooShortInPlainFileResyncs) {
    std::string r1 = warc_record("resource", "http://x.vn/1", "first body that is longer",
                                 {{"Content-Length", "5"}});
    std::string r2 = warc_record("resource", "http://x.vn/2", "second body");
    auto r = read_warc_bytes(r1 + r2, "short.warc");
    ASSERT_GE(r.records.size(), 2u);
    EXPECT_EQ(r.records.back().block, "second body");
    EXPECT_EQ(r.records.back().rec.target_uri(), "http://x.vn/2");
    EXPECT_FALSE(r.warnings.empty());
}

TEST(WarcReader, ContentLengthNotANumber) {
    std::string r1 =
        warc_record("resource", "http://x.vn/1", "body", {{"Content-Length", "12abc"}});
    std::string r2 = warc_record("resource", "http://x.vn/2", "second body");
    auto r = read_warc_bytes(r1 + r2, "nan.warc");
    ASSERT_FALSE(r.records.empty());
    EXPECT_EQ(r.records.back().block, "second body");
    bool named = false;
    for (const auto& w : r.warnings)
        if (contains(w, "nan.warc") && contains(w, "Content-Length")) named = true;
    EXPECT_TRUE(named);
}

TEST(HttpParse, GzipAndChunkedBodies) {
    std::string html = "<html><body>Ủy ban nhân dân huyện</body></html>";
    std::string gz = gzip_compress(html);
    // chunked over gzip, in two chunks
    char size1[32], size2[32];
    std::snprintf(size1, sizeof size1, "%zx", gz.size() / 2);
    std::snprintf(size2, sizeof size2, "%zx", gz.size() - gz.size() / 2);
    std::string body = std::string(size1) + "\r\n" + gz.substr(0, gz.size() / 2) + "\r\n" + size2 +
                       "\r\n" + gz.substr(gz.size() / 2) + "\r\n0\r\n\r\n";
    std::string msg = http_response(200, "text/html; charset=UTF-8", body,
                                    {"Transfer-Encoding: chunked", "Content-Encoding: gzip"});
    HttpHead head;
    std::vector<std::string> notes;
    // Fed byte by byte: the decoder must not depend on how the block is cut.
    ASSERT_EQ(parse_response_head(msg, head), HeadResult::ok);
    std::string out;
    BodyDecoder dec(
        head, [&](std::string_view d) { out.append(d); }, InflateLimits{});
    for (std::size_t i = head.length; i < msg.size(); ++i)
        dec.feed(msg.substr(i, 1));
    dec.finish();
    EXPECT_EQ(out, html);
    EXPECT_TRUE(dec.warnings().empty());
    EXPECT_EQ(charset_param(head.header("Content-Type")), "utf-8");
}

TEST(HttpParse, MissingReasonFoldedAndLfOnlyHeaders) {
    std::string msg = "HTTP/1.0 404\nX-Long: a\n b\nContent-Type: text/plain\n\nbody";
    HttpHead head;
    ASSERT_EQ(parse_response_head(msg, head), HeadResult::ok);
    EXPECT_EQ(head.status, 404);
    EXPECT_EQ(msg.substr(head.length), "body");
    EXPECT_EQ(media_type(head.header("content-type")), "text/plain");
    EXPECT_EQ(parse_response_head("<html>", head), HeadResult::invalid);
}

TEST(HttpParse, DeflateRawAndZlib) {
    std::string text(3000, 'x');
    std::string z;
    ASSERT_TRUE(inflate_all(gzip_compress(text), ZFormat::gzip_or_zlib, 1 << 20, z));
    EXPECT_EQ(z, text);
    std::string bad;
    std::string err;
    EXPECT_FALSE(inflate_all("\x1f\x8b garbage", ZFormat::gzip_or_zlib, 1 << 20, bad, &err));
    EXPECT_FALSE(err.empty());
}

TEST(HttpParse, DecompressionBombStops) {
    std::string big(64u << 20, '\0');
    std::string gz = gzip_compress(big, 9);
    std::string msg = http_response(200, "text/html", gz, {"Content-Encoding: gzip"});
    HttpHead head;
    ASSERT_EQ(parse_response_head(msg, head), HeadResult::ok);
    InflateLimits lim;
    lim.floor = 1 << 20;
    lim.ratio = 100;
    std::uint64_t out = 0;
    BodyDecoder dec(
        head, [&](std::string_view d) { out += d.size(); }, lim);
    dec.feed(std::string_view(msg).substr(head.length));
    dec.finish();
    EXPECT_TRUE(dec.truncated());
    ASSERT_FALSE(dec.warnings().empty());
    EXPECT_TRUE(contains(dec.warnings().front(), "decompression bomb")) << dec.warnings().front();
    EXPECT_LT(out, 64u << 20);
}

}  // namespace
}  // namespace xasite::archive
