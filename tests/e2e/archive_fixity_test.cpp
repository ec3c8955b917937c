// `xasite build` with the Ea Kar demonstration package (content/archives/651), as an archivist
// tests it (issue 10): a payload changed without changing its size stops that package's view and
// the landing page says so (the rest of the site builds); removed tag manifests do the same; a
// clean package's landing page says what was checked and when, from a cache beside the output
// that the next build reuses; the index says which districts have a package, which do not, and
// that the demonstration is one, and claims no domain redirect.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e_support.hpp"

namespace {

namespace fs = std::filesystem;
using xasite::read_file;
using xasite::testing::contains;
using xasite::testing::quote;
using xasite::testing::run_command;

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1))
        ++n;
    return n;
}

// path → bytes and modification time of every file under root.
std::map<std::string, std::string> state(const fs::path& root) {
    std::map<std::string, std::string> m;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file())
            m[fs::relative(e.path(), root).generic_string()] =
                read_file(e.path()) + "@" +
                std::to_string(e.last_write_time().time_since_epoch().count());
    return m;
}

class ArchiveFixity : public ::testing::Test {
  protected:
    void SetUp() override { content_ = xasite::testing::copy_content(tmp_.path()); }
    fs::path package() const { return content_ / "archives" / "651"; }
    fs::path site() const { return tmp_.path() / "site"; }
    fs::path landing() const { return site() / "luu-tru" / "huyen-ea-kar" / "index.html"; }

    xasite::testing::CommandResult build() {
        // Xã Ea Kar (24373) is one of Huyện Ea Kar's successors.
        return run_command(quote(xasite::testing::xasite_binary()) + " build -q --no-index" +
                           " --content " + quote(content_) + " --out " + quote(site()) +
                           " --unit 24373");
    }

    // The payload of a captured HTML page of the package.
    std::string page_payload() {
        std::istringstream in(read_file(package() / "data/metadata/records.jsonl"));
        for (std::string line; std::getline(in, line);) {
            auto j = nlohmann::json::parse(line);
            if (j.value("mime", "") == "text/html" && j.contains("payload"))
                return j["payload"].get<std::string>();
        }
        ADD_FAILURE() << "no HTML payload in " << package();
        return {};
    }

    xasite::testing::TempDir tmp_;
    fs::path content_;
};

TEST_F(ArchiveFixity, SameSizeChangeStopsOnlyThatView) {
    std::string payload = page_payload();
    ASSERT_FALSE(payload.empty());
    {
        std::fstream f(package() / payload, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(0);
        f.write("##", 2);
    }
    auto before = state(package());
    auto r = build();
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "archives/651: fixity check failed")) << r.out;
    EXPECT_TRUE(contains(r.out, "damaged: " + payload)) << r.out;
    std::string page = read_file(landing());
    EXPECT_TRUE(contains(page, "<strong>có lỗi</strong>")) << page;
    EXPECT_TRUE(contains(page, "damaged: " + payload)) << page;
    EXPECT_FALSE(contains(page, "khớp với bảng kê manifest-sha256.txt")) << page;
    EXPECT_FALSE(contains(page, "SHA-512 khớp")) << page;
    EXPECT_FALSE(fs::exists(site() / "luu-tru" / "huyen-ea-kar" / "trang"));
    EXPECT_FALSE(fs::exists(site() / "luu-tru" / "huyen-ea-kar" / "muc-luc"));
    // The rest of the site is there, without a broken link.
    EXPECT_TRUE(fs::exists(site() / "xa-ea-kar" / "index.html"));
    EXPECT_TRUE(contains(read_file(site() / "luu-tru" / "index.html"),
                         "Gói lưu trữ có lỗi toàn vẹn, chưa hiển thị"));
    auto check =
        run_command(quote(xasite::testing::xasite_binary()) + " check --site " + quote(site()));
    EXPECT_EQ(check.exit_code, 0) << check.out;
    // The package was not touched; verify agrees.
    EXPECT_EQ(state(package()), before);
    EXPECT_EQ(
        run_command(quote(xasite::testing::xasite_binary()) + " archive verify " + quote(package()))
            .exit_code,
        1);
}

TEST_F(ArchiveFixity, RemovedTagManifestsStopTheView) {
    fs::remove(package() / "tagmanifest-sha256.txt");
    fs::remove(package() / "tagmanifest-sha512.txt");
    std::string info = read_file(package() / "bag-info.txt");
    fs::remove(package() / "bag-info.txt");
    std::ofstream(package() / "bag-info.txt") << info << "Source-Organization: ai đó\n";
    auto r = build();
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "missing: tagmanifest-sha256.txt")) << r.out;
    EXPECT_TRUE(contains(read_file(landing()), "missing: tagmanifest-sha256.txt"));
    EXPECT_FALSE(fs::exists(site() / "luu-tru" / "huyen-ea-kar" / "trang"));
}

TEST_F(ArchiveFixity, CleanPackageStatesTheCheckAndTheIndexWhatExists) {
    auto before = state(package());
    auto r = build();
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_FALSE(contains(r.out, "archives/651")) << r.out;
    std::string page = read_file(landing());
    EXPECT_TRUE(contains(page, "<strong>đã kiểm tra, nguyên vẹn</strong>")) << page;
    EXPECT_TRUE(contains(page, "khớp với bảng kê manifest-sha256.txt")) << page;
    EXPECT_TRUE(contains(page, "lần tính lại mã SHA-256 gần nhất cho toàn bộ các tệp: ngày"))
        << page;
    EXPECT_TRUE(contains(page, "Gói trình diễn, không phải bản sao trang thông tin điện tử thật"))
        << page;
    EXPECT_TRUE(fs::exists(site() / "luu-tru" / "huyen-ea-kar" / "muc-luc" / "index.html"));
    // The cache is beside the output, never in the package.
    EXPECT_TRUE(fs::is_regular_file(tmp_.path() / "site.archive-fixity" / "651.tsv"));
    EXPECT_EQ(state(package()), before);

    // The index: one demonstration package, every other district "chưa có bản lưu", no claim
    // that the old domains were redirected.
    std::string index = read_file(site() / "luu-tru" / "index.html");
    std::size_t rows = count(index, "<tr><th scope=\"row\">");
    EXPECT_GT(rows, 1u);
    EXPECT_EQ(count(index, "Chưa có bản lưu</td>"), rows - 1) << index;
    EXPECT_EQ(count(index, "<strong>Gói trình diễn</strong>"), 1u) << index;
    EXPECT_TRUE(contains(index, "trong đó 1 là gói trình diễn")) << index;
    EXPECT_FALSE(contains(index, "chuyển hướng về đây")) << index;
    EXPECT_FALSE(contains(index, "được sao lưu tại thời điểm")) << index;
    std::string other = read_file(site() / "luu-tru" / "huyen-krong-pac" / "index.html");
    EXPECT_TRUE(contains(other, "Chưa có bản lưu")) << other;

    // The next build reuses the verified state: the same landing page, the package unchanged.
    fs::path cache = tmp_.path() / "site.archive-fixity" / "651.tsv";
    std::string cached = read_file(cache);
    auto again = build();
    ASSERT_EQ(again.exit_code, 0) << again.out;
    EXPECT_EQ(read_file(landing()), page);
    EXPECT_EQ(read_file(cache), cached) << "an unchanged package was hashed again";
    EXPECT_EQ(state(package()), before);
}

}  // namespace
