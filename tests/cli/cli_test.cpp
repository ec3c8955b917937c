// `xasite new` and `xasite preview` through the binary: the commands are registered, `new` prints
// the path on standard output and its errors in Vietnamese with exit status 1, `preview` refuses a
// build folder inside the content tree.
#include <gtest/gtest.h>

#include "core/files.hpp"
#include "tiny_content.hpp"

using namespace xasite::testing;
namespace fs = std::filesystem;

TEST(NewCommand, PrintsThePathOfTheDraftItWrote) {
    TempDir dir;
    make_tiny_content(dir.path() / "content");
    const std::string bin = quote(xasite_binary());
    CommandResult r =
        run_command("{ " + bin + " new lich-cong-tac --unit 24169 --content " +
                    quote(dir.path() / "content") + " \"Lịch công tác tuần 50\" 2>/dev/null; }");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const fs::path written =
        fs::canonical(dir.path() / "content") / "units/24169/lich-cong-tac-tuan-50.md";
    EXPECT_EQ(r.out, written.string() + "\n");
    EXPECT_TRUE(contains(xasite::read_file(written), "draft: true"));

    r = run_command(bin + " new tin-tuc --unit 99999 --content " + quote(dir.path() / "content") +
                    " Tin");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "lỗi: ")) << r.out;
    EXPECT_TRUE(contains(r.out, "không có đơn vị mã '99999'")) << r.out;

    r = run_command(bin + " new lich-cong-tac --unit 24169 --content " +
                    quote(dir.path() / "content") + " Lịch công tác tuần 50");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, written.string() + ": tệp đã có; không ghi đè")) << r.out;
}

TEST(PreviewCommand, RefusesABuildFolderInsideTheContentTree) {
    TempDir dir;
    make_tiny_content(dir.path() / "content");
    CommandResult r =
        run_command(quote(xasite_binary()) + " preview --content " + quote(dir.path() / "content") +
                    " --out " + quote(dir.path() / "content/xem-truoc") + " --port 0");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "nằm trong thư mục nội dung")) << r.out;
    EXPECT_FALSE(fs::exists(dir.path() / "content/xem-truoc"));
}
