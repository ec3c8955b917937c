#include "generator/cli/new_command.hpp"

#include "core/error.hpp"

namespace xasite::cli {

void add_new_command(CLI::App& app, NewCommand& cmd) {
    cmd.app = app.add_subcommand(
        "new", "Tạo tệp nội dung mới từ mẫu (bản nháp): tin-tuc, lich-cong-tac, trang, van-ban");
    cmd.app->add_option("KIND", cmd.options.kind, "tin-tuc | lich-cong-tac | trang | van-ban")
        ->required()
        ->check(CLI::IsMember(authoring::archetype_kinds()));
    cmd.app->add_option("--unit", cmd.options.unit, "Mã đơn vị mới (ví dụ 24373)")->required();
    cmd.app->add_option("--content", cmd.options.content_dir, "Thư mục nội dung")
        ->capture_default_str();
    cmd.app->add_option("TITLE", cmd.title_words, "Tiêu đề (trong dấu ngoặc kép)")->required();
}

int run_new_command(NewCommand& cmd, std::ostream& out, std::ostream& err) {
    for (const auto& w : cmd.title_words)
        cmd.options.title += (cmd.options.title.empty() ? "" : " ") + w;
    try {
        authoring::NewResult r = authoring::create_content(cmd.options);
        out << r.path.string() << "\n";
        err << "Đã tạo " << r.path.string() << " (mẫu " << r.archetype << ").\n";
        for (const auto& note : r.notes)
            err << note << "\n";
        return 0;
    } catch (const InputError& e) {
        err << "lỗi: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace xasite::cli
