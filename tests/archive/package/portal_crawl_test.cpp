// End to end on a real crawl: starts the fixture portal (tests/fixtures/archive/portal), crawls it
// with Debian's wget into a WARC, runs `xasite archive ingest` and `xasite archive verify` (the
// real binary, with the real units registry), and checks the package.
//
// NOTE FOR THE VIEW SIDE (helper B): this test leaves the crawl at
//     <build>/tests/archive/package/portal-crawl/portal.warc.gz      (the WARC wget wrote)
//     <build>/tests/archive/package/portal-crawl/content/archives/651/  (the package made from it)
//     <build>/tests/archive/package/portal-crawl/port                (the port the portal ran on)
// i.e. "../package/portal-crawl/…" from tests/archive/view's binary directory. The pages it holds,
// and the expected UTF-8 NFC text of each legacy-encoded page, are listed in
// tests/fixtures/archive/portal/README.md. The host in every URL is 127.0.0.1:<port>.
// Under CTest this test is the fixture "archive_portal_crawl": a test that needs the crawl sets
// the property FIXTURES_REQUIRED archive_portal_crawl and runs after it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "archive/package/package.hpp"
#include "archive_test_support.hpp"
#include "core/files.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;
using namespace xasite::testing;

// The portal, started as a child process and killed (by its pid) when done.
class Portal {
  public:
    Portal() {
        int fds[2];
        if (pipe(fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            execl(ARCHIVE_PORTAL, ARCHIVE_PORTAL, static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n')
            line.push_back(c);
        close(fds[0]);
        if (line.rfind("port ", 0) == 0) port_ = std::stoi(line.substr(5));
    }
    ~Portal() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int st = 0;
            waitpid(pid_, &st, 0);
        }
    }
    Portal(const Portal&) = delete;
    Portal& operator=(const Portal&) = delete;
    int port() const { return port_; }

  private:
    pid_t pid_ = -1;
    int port_ = 0;
};

TEST(PortalCrawl, WgetWarcIngestedAndVerified) {
    if (run_command("wget --version").exit_code != 0) GTEST_SKIP() << "wget not installed";
    fs::path work = fs::absolute("portal-crawl");
    fs::remove_all(work);
    fs::create_directories(work / "mirror");
    fs::create_directories(work / "content" / "units");
    fs::copy_file(content_dir() / "units" / "daklak-units.json",
                  work / "content" / "units" / "daklak-units.json");
    fs::copy_file(content_dir() / "site.json", work / "content" / "site.json");

    std::string base;
    {
        Portal portal;
        ASSERT_GT(portal.port(), 0) << "the portal did not start";
        base = "http://127.0.0.1:" + std::to_string(portal.port());
        write_file_atomic(work / "port", std::to_string(portal.port()) + "\n");
        auto crawl = run_command(
            "cd " + work.string() +
            " && wget --recursive --level=inf --page-requisites --no-verbose -e robots=off"
            " --tries=1 --timeout=10 --directory-prefix=mirror --warc-file=portal " +
            base + "/");
        // wget exits 8 on the 404s of links it followed; the WARC is what matters.
        ASSERT_TRUE(crawl.exit_code == 0 || crawl.exit_code == 8) << crawl.out;
    }
    fs::path warc = work / "portal.warc.gz";
    ASSERT_TRUE(fs::exists(warc));
    std::string warc_bytes = read_file(warc);

    auto ingest = run_command(xasite_binary().string() + " archive ingest --unit 651 --content " +
                              (work / "content").string() + " " + warc.string());
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
    EXPECT_EQ(read_file(warc), warc_bytes) << "the source changed";
    fs::path pkg = work / "content" / "archives" / "651";
    EXPECT_EQ(read_file(pkg / "data/original/portal.warc.gz"), warc_bytes);

    // Unit metadata from the real registry.
    auto unit = read_json_file(pkg / "data/metadata/unit.json");
    EXPECT_EQ(unit["name"], "Huyện Ea Kar");
    EXPECT_EQ(unit["province"], "Đắk Lắk");
    EXPECT_EQ(unit["dissolved"], "2025-07-01");
    EXPECT_FALSE(unit["successors"].empty());
    EXPECT_TRUE(contains(unit["legal_basis"].get<std::string>(), "203/2025/QH15"));
    auto cap = read_json_file(pkg / "data/metadata/capture.json");
    EXPECT_TRUE(contains(cap["sources"][0]["warcinfo"].dump(), "Wget")) << cap.dump(1);

    PackageData data = load_package_data(pkg);
    std::map<std::string, Record> by_url;
    for (const auto& r : data.records)
        by_url[r.url] = r;
    auto body = [&](const std::string& path) {
        auto it = by_url.find(base + path);
        if (it == by_url.end() || it->second.payload.empty()) return std::string("<missing>");
        return read_file(pkg / it->second.payload);
    };
    for (const char* path :
         {"/", "/Default.aspx?tabid=55&ID=101", "/Default.aspx?tabid=55&ID=102",
          "/Default.aspx?ID=102&tabid=55", "/tcvn3.htm", "/vni.htm", "/nfd.html", "/gzip.html",
          "/chunked.html", "/old-page.aspx", "/tin-tuc", "/tin-tuc/", "/docs/quyet-dinh-123.pdf",
          "/css/site.css", "/images/logo.png", "/images/bg.png"})
        EXPECT_TRUE(by_url.count(base + path)) << path << " not captured";

    // Bodies as served, transfer and content codings undone.
    EXPECT_TRUE(contains(body("/gzip.html"), "Nội dung được nén gzip.")) << body("/gzip.html");
    EXPECT_EQ(body("/chunked.html"),
              "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Chunked</title></head>"
              "<body><p>Nội dung gửi từng phần.</p></body></html>\n");
    EXPECT_TRUE(contains(body("/Default.aspx?tabid=55&ID=102"), "Th\xf4ng b\x61\xeco"));
    EXPECT_TRUE(contains(body("/tcvn3.htm"), "nh\xa9n d\xa9n"));
    EXPECT_EQ(body("/docs/quyet-dinh-123.pdf").substr(0, 5), "%PDF-");
    EXPECT_EQ(by_url[base + "/docs/quyet-dinh-123.pdf"].mime, "application/pdf");
    // (The attachment's text, as the search index gets it, is the view's: portal_view_test.)
    EXPECT_EQ(by_url[base + "/css/site.css"].mime, "text/css");
    EXPECT_EQ(body("/images/logo.png").substr(1, 3), "PNG");
    // Redirects kept as redirects.
    EXPECT_EQ(by_url[base + "/old-page.aspx"].status, 301);
    EXPECT_EQ(by_url[base + "/old-page.aspx"].location, base + "/Default.aspx?tabid=55&ID=101");
    EXPECT_EQ(by_url[base + "/tin-tuc"].status, 302);
    EXPECT_EQ(by_url[base + "/tin-tuc"].location, base + "/tin-tuc/");
    // IIS host: case-insensitive URL rules recorded.
    ASSERT_FALSE(data.hosts.empty());
    EXPECT_TRUE(data.hosts[0].case_insensitive);

    auto pk = find_packages(work / "content");
    ASSERT_EQ(pk.size(), 1u);
    EXPECT_EQ(pk[0].fixity, "valid");
    EXPECT_GE(pk[0].pages, 9u);
    EXPECT_EQ(pk[0].redirects, 2u);
    EXPECT_EQ(pk[0].captured, cap["captured"]);

    auto v = run_command(xasite_binary().string() + " archive verify " + pkg.string());
    EXPECT_EQ(v.exit_code, 0) << v.out;

    // Corrupt a copy of the package (the original stays for the view's tests).
    fs::path broken = work / "broken";
    fs::copy(pkg, broken, fs::copy_options::recursive);
    const Record& pdf = by_url[base + "/docs/quyet-dinh-123.pdf"];
    {
        std::string b = read_file(broken / pdf.payload);
        b[b.size() / 2] ^= 0x20;
        fs::remove(broken / pdf.payload);
        write_bytes(broken / pdf.payload, b);
    }
    v = run_command(xasite_binary().string() + " archive verify " + broken.string());
    EXPECT_EQ(v.exit_code, 1) << v.out;
    EXPECT_TRUE(contains(v.out, "damaged: " + pdf.payload)) << v.out;
    fs::remove_all(broken);
}

}  // namespace
}  // namespace xasite::archive
