#include "generator/authoring/scaffold.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "core/unique_fd.hpp"
#include "generator/authoring/embedded.hpp"
#include "generator/content/site_config.hpp"
#include "generator/units/registry.hpp"

namespace xasite::authoring {

namespace fs = std::filesystem;

namespace {

// Whether `p` is `root` or below it (both canonical or weakly canonical).
bool inside(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q)
        if (q == p.end() || *r != *q) return false;
    return true;
}

// A value for YAML double quotes: `"` and `\` escaped, line breaks and tabs as spaces.
std::string yaml_quoted_inner(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
    return out;
}

// "Xã Ea Kar" → "xã Ea Kar" (the type word in lower case, as in "UBND xã Ea Kar").
std::string type_lower(const units::NewUnit& unit) {
    if (unit.type.empty()) return unit.full_name;
    const std::string lowered = text::lower(unit.full_name);
    if (lowered.rfind(unit.type, 0) == 0)
        return unit.type + unit.full_name.substr(unit.type.size());
    return unit.full_name;
}

}  // namespace

const std::vector<std::string>& archetype_kinds() {
    static const std::vector<std::string> kinds = {"tin-tuc", "lich-cong-tac", "trang", "van-ban"};
    return kinds;
}

std::string local_date_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string archetype_text(const fs::path& content_dir, std::string_view kind,
                           std::string& origin) {
    const fs::path own = content_dir / "archetypes" / (std::string(kind) + ".md");
    std::error_code ec;
    if (fs::is_regular_file(own, ec)) {
        origin = own.string();
        return read_text_file(own);
    }
    const std::string name = std::string(kind) + ".md";
    for (std::size_t i = 0; i < embedded_file_count; ++i) {
        if (name == embedded_files[i].path) {
            origin = "mặc định archetypes/" + name;
            return std::string(embedded_files[i].data, embedded_files[i].size);
        }
    }
    throw InputError("không có mẫu cho loại '" + std::string(kind) + "'");
}

std::string fill_archetype(std::string_view text,
                           const std::vector<std::pair<std::string, std::string>>& values) {
    std::string out;
    out.reserve(text.size() + 256);
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t open = text.find("{{", i);
        if (open == std::string_view::npos) break;
        std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        std::string_view name = text.substr(open + 2, close - open - 2);
        const std::string* value = nullptr;
        for (const auto& [k, v] : values)
            if (k == name) value = &v;
        if (value)
            out += yaml_quoted_inner(*value);
        else
            out.append(text.substr(open, close + 2 - open));
        i = close + 2;
    }
    out.append(text.substr(i));
    return out;
}

NewResult create_content(const NewOptions& options) {
    const auto& kinds = archetype_kinds();
    bool known_kind = false;
    for (const auto& k : kinds)
        known_kind = known_kind || k == options.kind;
    if (!known_kind)
        throw InputError("loại '" + options.kind +
                         "' không có; dùng một trong: tin-tuc, lich-cong-tac, trang, van-ban");
    std::error_code ec;
    if (!fs::is_directory(options.content_dir, ec))
        throw InputError(options.content_dir.string(), "không có thư mục nội dung này");
    const fs::path root = fs::canonical(options.content_dir);

    // The unit must be a new unit of the registry the content tree names.
    const auto config = content::SiteConfig::load(root / "site.json");
    const auto registry = units::Registry::load(root / config.registry);
    const units::NewUnit* unit = registry.find_new(options.unit);
    if (!unit)
        throw InputError((root / config.registry).string(),
                         "không có đơn vị mã '" + options.unit +
                             "' (mã đơn vị mới, ví dụ 24373 là Xã Ea Kar; tra cứu: xasite units "
                             "lookup TÊN)");

    const std::string title = text::tidy(text::nfc(options.title));
    const std::string slug = text::slug(title);
    if (slug.empty())
        throw InputError("tiêu đề '" + title + "' không có chữ hay số nào để đặt tên tệp");
    std::string today = options.today.empty() ? local_date_today() : options.today;
    if (!date::is_iso_date(today))
        throw InputError("ngày '" + today + "' không đúng dạng YYYY-MM-DD");

    const bool document = options.kind == "van-ban";
    const fs::path folder = document ? root / "directives" : root / "units" / unit->code;
    const fs::path target = folder / (slug + ".md");
    // The folder may be a link: where it really leads must still be inside the content tree.
    if (!inside(root, fs::weakly_canonical(folder, ec)) || ec)
        throw InputError(target.string(),
                         "tệp nằm ngoài thư mục nội dung " + root.string() + "; không ghi");
    if (fs::exists(fs::symlink_status(target, ec)))
        throw InputError(target.string(),
                         "tệp đã có; không ghi đè. Sửa tệp đó, hoặc đặt tiêu đề khác");

    NewResult result;
    const std::string archetype = archetype_text(root, options.kind, result.archetype);
    const std::string author = "UBND " + type_lower(*unit);
    const std::string text =
        fill_archetype(archetype, {{"title", title},
                                   {"date", today},
                                   {"slug", slug},
                                   {"unit", unit->code},
                                   {"unit_name", unit->full_name},
                                   {"author", author},
                                   {"issuer", text::upper("Ủy ban nhân dân " + unit->full_name)}});

    fs::create_directories(folder);
    if (!inside(root, fs::canonical(folder)))
        throw InputError(target.string(),
                         "tệp nằm ngoài thư mục nội dung " + root.string() + "; không ghi");
    // O_EXCL: never replace a file, even one created since the check above.
    UniqueFd fd(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) {
        if (errno == EEXIST)
            throw InputError(target.string(),
                             "tệp đã có; không ghi đè. Sửa tệp đó, hoặc đặt tiêu đề khác");
        throw InputError(target.string(),
                         std::string("không ghi được tệp: ") + std::strerror(errno));
    }
    write_all(fd.get(), text, target.string());
    result.path = target;
    if (document) {
        result.notes.push_back(
            "Văn bản không có chế độ bản nháp: tệp này được đăng ở lần dựng trang kế tiếp (trên "
            "trang của tỉnh và trang của " +
            unit->full_name +
            "). Điền số, ký hiệu, loại văn bản và nội dung trước khi dựng trang. \"draft: true\" ở "
            "văn bản nghĩa là văn bản dự thảo (nhãn \"Dự thảo\"), không phải chưa đăng.");
    } else {
        result.notes.push_back(
            "Bản nháp (draft: true): chưa được đăng, và bản nháp không được dựng. Để xem trước, "
            "đổi thành draft: false rồi chạy: xasite preview --content " +
            options.content_dir.string() + " --unit " + unit->code +
            " (xem trước dựng vào thư mục tạm, không đăng). Trang chỉ được đăng khi dựng bằng "
            "xasite build.");
    }
    return result;
}

}  // namespace xasite::authoring
