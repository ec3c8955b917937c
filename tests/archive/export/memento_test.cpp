// Memento (RFC 7089) helpers: HTTP dates, TimeMaps, the nearest memento, the captures of the Ea
// Kar package by original URL.
#include <gtest/gtest.h>

#include "archive/export/archive_export.hpp"

using namespace xasite::archive;

TEST(Memento, Dates) {
    EXPECT_EQ(http_date("2025-06-28T00:00:00Z"), "Sat, 28 Jun 2025 00:00:00 GMT");
    EXPECT_EQ(http_date("junk"), "");
    EXPECT_EQ(parse_datetime("Sat, 28 Jun 2025 00:00:00 GMT"),
              parse_datetime("2025-06-28T00:00:00Z"));
    EXPECT_FALSE(parse_datetime("28/06/2025"));
    EXPECT_FALSE(parse_datetime("Sat, 28 Foo 2025 00:00:00 GMT"));
}

TEST(Memento, TimeMapAndNearest) {
    std::vector<Memento> m = {{"2025-06-28T00:00:00Z", "/b"}, {"2024-01-01T00:00:00Z", "/a"}};
    const std::string tm = timemap_link("http://x.vn/", "/tg/http://x.vn/", "/tm/http://x.vn/", m);
    EXPECT_EQ(tm,
              "<http://x.vn/>; rel=\"original\",\n"
              "</tg/http://x.vn/>; rel=\"timegate\",\n"
              "</tm/http://x.vn/>; rel=\"self\"; type=\"application/link-format\"; "
              "from=\"Mon, 01 Jan 2024 00:00:00 GMT\"; until=\"Sat, 28 Jun 2025 00:00:00 GMT\",\n"
              "</a>; rel=\"first memento\"; datetime=\"Mon, 01 Jan 2024 00:00:00 GMT\",\n"
              "</b>; rel=\"last memento\"; datetime=\"Sat, 28 Jun 2025 00:00:00 GMT\"\n");
    EXPECT_EQ(nearest_memento(m, std::nullopt)->uri, "/b");
    EXPECT_EQ(nearest_memento(m, parse_datetime("2024-02-01T00:00:00Z"))->uri, "/a");
    EXPECT_EQ(nearest_memento(m, parse_datetime("2030-02-01T00:00:00Z"))->uri, "/b");
    EXPECT_EQ(nearest_memento({}, std::nullopt), nullptr);
}

TEST(Memento, CapturesOfThePackage) {
    CaptureIndex index =
        CaptureIndex::load(std::string(XASITE_SOURCE_DIR) + "/content/archives/651");
    EXPECT_FALSE(index.captures().empty());
    // Parameters in any order, any case (an IIS host), https or http.
    const Capture* c = index.find("https://eakar.daklak.gov.vn/default.aspx?ID=101&TABID=55");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->datetime, "2025-06-28T00:00:00Z");
    EXPECT_EQ(c->view_file.rfind("trang/eakar.daklak.gov.vn/", 0), 0u) << c->view_file;
    EXPECT_EQ(index.find_view_file(c->view_file), c);
    EXPECT_EQ(index.find("http://other.example/"), nullptr);
}
