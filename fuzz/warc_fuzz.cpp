// Fuzz target: the WARC record reader and the HTTP response parser/decoder together, as ingest
// uses them. Any input must read to the end or stop with a reported reason (NotWarcError,
// StreamError), never crash, hang or trip a sanitizer. Small expansion limits keep each run fast
// (a bomb's block is dropped, and the records after it are still read). ARC files go the same way.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "archive/package/http.hpp"
#include "archive/package/io.hpp"
#include "archive/package/warc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace xasite::archive;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    MemoryInput in(bytes);
    InflateLimits limits;
    limits.floor = 1 << 20;
    limits.ratio = 50;
    WarcReader reader(in, "fuzz.warc", limits);
    WarcRecord rec;
    char buf[512];
    try {
        while (reader.next(rec)) {
            (void)rec.type();
            (void)rec.target_uri();
            std::string day, iso;
            (void)parse_warc_date(rec.date(), day, iso);
            std::string head;
            HttpHead h;
            std::unique_ptr<BodyDecoder> dec;
            std::uint64_t out = 0;
            try {
                for (;;) {
                    // As ingest does: a block that expands beyond the limit is dropped.
                    if (reader.over_limit(std::max(out, reader.block_read()))) break;
                    std::size_t n = reader.read(buf, sizeof buf);
                    if (n == 0) break;
                    if (dec) {
                        dec->feed(std::string_view(buf, n));
                        continue;
                    }
                    head.append(buf, n);
                    auto r = parse_response_head(head, h);
                    if (r == HeadResult::ok) {
                        dec = std::make_unique<BodyDecoder>(
                            h, [&](std::string_view d) { out += d.size(); }, limits);
                        dec->feed(std::string_view(head).substr(h.length));
                    } else if (r == HeadResult::invalid || head.size() > 65536) {
                        head.clear();
                    }
                }
                if (dec) dec->finish();
            } catch (const StreamError& e) {
                reader.stop(e);
            }
            (void)reader.take_warnings();
        }
    } catch (const NotWarcError&) {
    } catch (const StreamError&) {
    }
    return 0;
}
