// The HTTP pieces of `xasite serve` that need no socket (private to serve/): byte ranges
// (RFC 9110 §14), validators (ETag, Last-Modified) and their conditions, HTTP dates, content
// coding (gzip), and the escaping of request fields written to the access log.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::serve::http {

struct ByteRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;  // inclusive
    std::uint64_t length() const { return last - first + 1; }
};

// What to do with a Range header on a representation of `size` bytes.
struct RangePlan {
    enum class Kind { full, partial, unsatisfiable } kind = Kind::full;
    std::vector<ByteRange> ranges;  // for partial: one or more, in the order asked
};

// Parses `Range: bytes=…`. A malformed header, another unit, more than `max_ranges` ranges, or
// ranges that overlap or sum past the size (the multi-range amplification nginx also refuses) →
// full (200, the Range ignored). No satisfiable range → unsatisfiable (416).
RangePlan plan_ranges(std::string_view header, std::uint64_t size, std::size_t max_ranges = 16);

// "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate, independent of the locale).
std::string http_date(std::time_t t);
// The three formats of RFC 9110 §5.6.7 are not all needed: IMF-fixdate (and the ISO form the
// archives use); nullopt when malformed.
std::optional<std::time_t> parse_http_date(std::string_view text);

// A strong validator from the file's size and modification time (nanoseconds); `variant` (e.g.
// "gz") gives each content coding its own tag. Quoted.
std::string etag(std::uint64_t size, std::int64_t mtime_ns, std::string_view variant = {});
// If-None-Match: whether `tag` is in the list (weak comparison, "*" matches anything).
bool none_match_hits(std::string_view if_none_match, std::string_view tag);

// Whether Accept-Encoding allows `coding` ("gzip", "br"): listed (or "*") with q > 0.
bool accepts_coding(std::string_view accept_encoding, std::string_view coding);
// Content types worth compressing: text/*, JSON, JavaScript, SVG, XML.
bool compressible(std::string_view content_type);
// gzip (RFC 1952) of `data`, zlib level 6. Throws std::runtime_error on a zlib failure.
std::string gzip(std::string_view data);

// A request field for the access log: printable ASCII kept, '"' and '\\' and every control or
// non-ASCII byte written \xHH, so a line can neither be split nor forged; "-" when empty.
std::string log_escape(std::string_view field);
// "[10/Oct/2000:13:55:36 +0000]" for the combined log format (UTC).
std::string log_time(std::time_t t);

}  // namespace xasite::serve::http
