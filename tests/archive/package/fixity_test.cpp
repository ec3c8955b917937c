// Fixity as an archivist checks it (issue 10), on a package ingested in the test from
// tests/fixtures/archive/warc/example.warc.gz:
// - the build's check (read_package) hashes every payload file: two bytes changed without
//   changing the size are caught, and read_record_payload (what the view reads) refuses them;
// - its cache lives outside the package, skips unchanged files and still sees a change made with
//   the modification time put back;
// - removing the tag manifests is itself a failure (bag-info.txt edits would go unnoticed);
// - a FIFO, a socket or a symbolic link inside the bag is refused with its name, without hanging;
// - a demonstration package says so in bag-info.txt.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "archive/package/archive_package.hpp"
#include "archive/package/bagit.hpp"
#include "archive/package/package.hpp"
#include "archive_test_support.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;
using namespace xasite::testing;

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v)
        s += x + "\n";
    return s;
}

// Flips two bytes in place (same size, same inode), optionally putting the times back.
void alter_two_bytes(const fs::path& p, bool keep_mtime) {
    struct stat before {};
    ASSERT_EQ(::stat(p.c_str(), &before), 0);
    {
        std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
        ASSERT_TRUE(f);
        for (std::streamoff at : {std::streamoff{0}, std::streamoff{1}}) {
            f.seekg(at);
            char c = 0;
            f.get(c);
            f.seekp(at);
            f.put(static_cast<char>(c ^ 0x20));
        }
    }
    if (keep_mtime) {
        struct timespec times[2] = {before.st_atim, before.st_mtim};
        ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0);
    }
    EXPECT_EQ(fs::file_size(p), static_cast<std::uintmax_t>(before.st_size));
}

class Fixity : public ::testing::Test {
  protected:
    fs::path content() const { return tmp_.path() / "content"; }
    fs::path package() const { return content() / "archives" / "651"; }
    fs::path cache() const { return tmp_.path() / "site.archive-fixity" / "651.tsv"; }

    void SetUp() override {
        fs::create_directories(content());
        fs::create_directories(tmp_.path() / "sources");
        fs::path src = tmp_.path() / "sources" / "example.warc.gz";
        fs::copy_file(archive_fixtures() / "warc" / "example.warc.gz", src);
        IngestOptions o;
        o.unit_code = "651";
        o.content_dir = content();
        o.sources = {src};
        o.unit.code = "651";
        o.unit.name = "Huyện Ea Kar";
        o.unit.province = "Đắk Lắk";
        o.unit.dissolved = "2025-07-01";
        o.demonstration = demonstration_;
        IngestReport rep = ingest_package(o);
        ASSERT_TRUE(rep.ok) << rep.error;
    }

    // A captured page's payload (what the view would render).
    Record page() {
        for (auto& r : load_package_data(package()).records)
            if (!r.payload.empty() && r.mime == "text/html") return r;
        ADD_FAILURE() << "no HTML payload in the package";
        return {};
    }

    std::string demonstration_;
    TempDir tmp_;
};

TEST_F(Fixity, SameSizeEditIsCaughtByTheBuildCheckAndByTheReader) {
    PackageInfo clean = read_package(package());
    EXPECT_EQ(clean.fixity, "valid");
    EXPECT_TRUE(clean.fixity_check.ok);
    EXPECT_GT(clean.fixity_check.files, 3u);
    EXPECT_EQ(clean.fixity_check.hashed, clean.fixity_check.files);
    EXPECT_FALSE(clean.fixity_check.verified_since.empty());

    Record r = page();
    ASSERT_FALSE(r.payload.empty());
    EXPECT_EQ(read_record_payload(package(), r).size(), r.bytes);
    alter_two_bytes(package() / r.payload, false);

    // verify and the build's check both fail, naming the file.
    VerifyReport v = verify_package(package());
    EXPECT_FALSE(v.valid());
    EXPECT_NE(joined(v.problems).find("damaged: " + r.payload), std::string::npos);
    PackageInfo p = read_package(package());
    EXPECT_NE(p.fixity, "valid");
    EXPECT_FALSE(p.fixity_check.ok);
    EXPECT_NE(p.fixity.find("damaged: " + r.payload + " (sha256 expected " + r.sha256),
              std::string::npos)
        << p.fixity;
    EXPECT_EQ(p.unit.code, "651");  // from the folder: nothing of the package is trusted
    EXPECT_EQ(p.pages, 0u);
    // What the view reads is hashed while read.
    try {
        read_record_payload(package(), r);
        ADD_FAILURE() << "altered payload read without error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(r.payload), std::string::npos) << e.what();
    }
}

TEST_F(Fixity, CacheOutsideThePackageSkipsUnchangedFilesAndSeesChanges) {
    auto before = snapshot(package());
    FixityOptions fo;
    fo.cache_file = cache();
    PackageInfo cold = read_package(package(), fo);
    ASSERT_EQ(cold.fixity, "valid");
    EXPECT_EQ(cold.fixity_check.hashed, cold.fixity_check.files);
    EXPECT_EQ(cold.fixity_check.cached, 0u);
    ASSERT_TRUE(fs::is_regular_file(cache()));

    PackageInfo warm = read_package(package(), fo);
    ASSERT_EQ(warm.fixity, "valid");
    EXPECT_EQ(warm.fixity_check.hashed, 0u);
    EXPECT_EQ(warm.fixity_check.cached, warm.fixity_check.files);
    EXPECT_EQ(warm.fixity_check.verified_since, cold.fixity_check.verified_since);
    EXPECT_EQ(snapshot(package()), before) << "the check wrote into the package";

    // The same size and the modification time put back: the change time still differs.
    Record r = page();
    alter_two_bytes(package() / r.payload, true);
    PackageInfo changed = read_package(package(), fo);
    EXPECT_NE(changed.fixity, "valid");
    EXPECT_EQ(changed.fixity_check.hashed, 1u);
    EXPECT_NE(changed.fixity.find("damaged: " + r.payload), std::string::npos) << changed.fixity;

    // A cache of another package is ignored.
    fs::copy(package(), tmp_.path() / "other", fs::copy_options::recursive);
    alter_two_bytes(tmp_.path() / "other" / r.payload, false);  // back to the original bytes
    PackageInfo other = read_package(tmp_.path() / "other", fo);
    EXPECT_EQ(other.fixity, "valid") << other.fixity;
    EXPECT_EQ(other.fixity_check.cached, 0u);
}

TEST_F(Fixity, RemovedTagManifestsAreAFailure) {
    fs::remove(package() / "tagmanifest-sha256.txt");
    fs::remove(package() / "tagmanifest-sha512.txt");
    std::string info = read_file(package() / "bag-info.txt");
    fs::remove(package() / "bag-info.txt");
    write_bytes(package() / "bag-info.txt", info + "Source-Organization: someone else\n");
    VerifyReport v = verify_package(package());
    EXPECT_FALSE(v.valid());
    std::string problems = joined(v.problems);
    EXPECT_NE(problems.find("missing: tagmanifest-sha256.txt"), std::string::npos) << problems;
    EXPECT_NE(problems.find("missing: tagmanifest-sha512.txt"), std::string::npos) << problems;
    PackageInfo p = read_package(package());
    EXPECT_NE(p.fixity, "valid");
    EXPECT_NE(p.fixity.find("missing: tagmanifest-sha"), std::string::npos) << p.fixity;
}

TEST_F(Fixity, TagManifestMustListEveryTagFile) {
    // One tag manifest rewritten without bag-info.txt (the other still lists it).
    std::string t = read_file(package() / "tagmanifest-sha256.txt");
    std::string kept;
    std::istringstream in(t);
    for (std::string line; std::getline(in, line);)
        if (line.find("bag-info.txt") == std::string::npos) kept += line + "\n";
    fs::remove(package() / "tagmanifest-sha256.txt");
    write_bytes(package() / "tagmanifest-sha256.txt", kept);
    VerifyReport v = verify_package(package());
    EXPECT_FALSE(v.valid());
    EXPECT_NE(joined(v.problems).find("unexpected: bag-info.txt (not in tagmanifest-sha256.txt)"),
              std::string::npos)
        << joined(v.problems);
}

TEST_F(Fixity, SpecialFilesAreRefusedByName) {
    ASSERT_EQ(::mkfifo((package() / "data" / "pipe").c_str(), 0644), 0);
    // A FIFO in place of a listed payload file: never opened (that would block).
    Record r = page();
    fs::remove(package() / r.payload);
    ASSERT_EQ(::mkfifo((package() / r.payload).c_str(), 0644), 0);
    fs::create_symlink("/etc/passwd", package() / "data" / "metadata" / "passwd");
    {
        int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        ASSERT_GE(s, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::string path = (package() / "data" / "sock").string();
        ASSERT_LT(path.size(), sizeof a.sun_path);
        std::copy(path.begin(), path.end(), a.sun_path);
        ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        ::close(s);
    }
    ASSERT_EQ(::mkfifo((package() / "notes.txt").c_str(), 0644), 0);  // a tag-level FIFO

    VerifyReport v = verify_package(package());
    EXPECT_FALSE(v.valid());
    std::string problems = joined(v.problems);
    EXPECT_NE(problems.find("unexpected: data/pipe (a FIFO, not a regular file in the payload)"),
              std::string::npos)
        << problems;
    EXPECT_NE(problems.find("unexpected: " + r.payload + " (a FIFO"), std::string::npos)
        << problems;
    EXPECT_NE(problems.find("unexpected: data/sock (a socket"), std::string::npos) << problems;
    EXPECT_NE(problems.find("unexpected: data/metadata/passwd (symbolic link"), std::string::npos)
        << problems;
    EXPECT_NE(problems.find("unexpected: notes.txt (a FIFO"), std::string::npos) << problems;
    PackageInfo p = read_package(package());
    EXPECT_NE(p.fixity, "valid");
}

class DemonstrationFixity : public Fixity {
  protected:
    DemonstrationFixity() { demonstration_ = "Gói thử nghiệm, không phải trang thật."; }
};

TEST_F(DemonstrationFixity, BagInfoSaysItIsADemonstration) {
    std::string info = read_file(package() / "bag-info.txt");
    EXPECT_NE(info.find("Xasite-Demonstration: Gói thử nghiệm, không phải trang thật.\n"),
              std::string::npos)
        << info;
    PackageInfo p = read_package(package());
    EXPECT_EQ(p.fixity, "valid");
    EXPECT_EQ(p.demonstration, "Gói thử nghiệm, không phải trang thật.");
}

}  // namespace
}  // namespace xasite::archive
