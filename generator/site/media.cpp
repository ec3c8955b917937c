#include "generator/site/media.hpp"

#include <tbb/parallel_for.h>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/image.hpp"

namespace xasite::site {

namespace {

void write_one(SiteRenderer& r, const content::Page& page, const content::PageMedia& m,
               const std::string& dir) {
    const std::string where = location(page.source, m.line);
    const std::string bytes = read_file(m.source);
    if (bytes.size() != m.bytes)
        throw InputError(where, m.source.string() + " changed during the build; build again");
    if (m.kind == content::PageMedia::Kind::attachment) {
        r.file(dir + m.main().name, bytes);
        return;
    }
    std::vector<image::Size> sizes;
    for (const auto& c : m.copies)
        sizes.push_back({c.width, c.height});
    std::vector<image::Encoded> encoded;
    try {
        encoded = image::render(bytes, sizes);
    } catch (const image::Error& e) {
        throw InputError(where, m.source.string() + ": " + e.what());
    }
    for (std::size_t i = 0; i < m.copies.size(); ++i) {
        if (encoded[i].size != sizes[i])
            throw InputError(where, m.source.string() +
                                        " changed during the build (its size is not what was "
                                        "read); build again");
        r.file(dir + m.copies[i].name, encoded[i].bytes);
    }
}

}  // namespace

void write_page_media(SiteRenderer& r, const content::Page& page, const std::string& dir) {
    // A page's pictures are encoded side by side (a news item with ten photos); the output
    // directory's writes are thread-safe and every file has its own name.
    tbb::parallel_for(std::size_t{0}, page.media.size(),
                      [&](std::size_t i) { write_one(r, page, page.media[i], dir); });
}

}  // namespace xasite::site
