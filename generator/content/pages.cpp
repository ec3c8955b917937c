#include "generator/content/pages.hpp"

#include <yaml-cpp/yaml.h>

#include <set>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/front_matter.hpp"
#include "core/text.hpp"
#include "generator/content/markdown.hpp"

namespace xasite::content {

namespace {

std::string scalar(const YAML::Node& n, const std::string& key,
                   const std::filesystem::path& source) {
    if (!n.IsScalar())
        throw InputError(location(source, static_cast<std::size_t>(n.Mark().line) + 1),
                         "front matter key '" + key + "' must be a single value",
                         "mục '" + key + "' ở phần đầu trang phải là một giá trị");
    return text::nfc(n.Scalar());
}

}  // namespace

Page parse_page(std::string_view text, const std::filesystem::path& source) {
    require_utf8(text, source);
    std::optional<FrontMatter> split = split_front_matter(text, source);
    if (!split)
        throw InputError(location(source, 1),
                         "a page must start with a front matter block ('---' line)",
                         "trang phải bắt đầu bằng phần đầu trang (dòng '---')");
    const FrontMatter& fm = *split;
    YAML::Node root;
    try {
        root = YAML::Load(std::string(fm.yaml));
    } catch (const YAML::Exception& e) {
        throw InputError(location(source, static_cast<std::size_t>(e.mark.line) + 2),
                         "front matter is not valid YAML: " + e.msg,
                         "phần đầu trang viết sai cú pháp (YAML): " + e.msg);
    }
    Page page;
    page.source = source;
    if (!root.IsDefined() || root.IsNull())
        throw InputError(location(source, 1), "front matter is empty: 'title' is required",
                         "phần đầu trang trống: cần có 'title' (tiêu đề)");
    if (!root.IsMap())
        throw InputError(location(source, 2), "front matter must be a YAML mapping (key: value)",
                         "phần đầu trang phải gồm các dòng 'tên mục: giá trị'");
    static const std::set<std::string> known = {"title",       "section", "date",  "updated",
                                                "description", "slug",    "units", "weight",
                                                "menu",        "draft",   "tags",  "author"};
    for (const auto& kv : root) {
        std::size_t line = static_cast<std::size_t>(kv.first.Mark().line) + 2;
        if (!kv.first.IsScalar())
            throw InputError(location(source, line),
                             "front matter keys must be plain words (title, date, …)",
                             "tên mục ở phần đầu trang phải là một từ (title, date, …)");
        std::string key = kv.first.Scalar();
        const YAML::Node& v = kv.second;
        if (!known.count(key))
            throw InputError(location(source, line), "unknown front matter key '" + key + "'",
                             "mục '" + key +
                                 "' không có trong phần đầu trang (dùng: title, section, date, "
                                 "updated, description, slug, draft, tags, author…)");
        try {
            if (key == "title") {
                page.title = text::tidy(scalar(v, key, source));
            } else if (key == "section") {
                std::string s = scalar(v, key, source);
                bool word = !s.empty();
                for (char c : s)
                    word = word && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
                if (!word)
                    throw InputError(location(source, line),
                                     "section must be a section name such as trang, tin-tuc, "
                                     "lich-cong-tac, hoi-dap, gioi-thieu, lien-he; got '" +
                                         s + "'",
                                     "section phải là tên một mục như trang, tin-tuc, "
                                     "lich-cong-tac, hoi-dap, gioi-thieu, lien-he; đang ghi '" +
                                         s + "'");
                page.section = s;
                page.section_line = line;
            } else if (key == "date" || key == "updated") {
                std::string d = scalar(v, key, source);
                if (!date::is_iso_date(d))
                    throw InputError(location(source, line),
                                     key + " must be a date YYYY-MM-DD; got '" + d + "'",
                                     key +
                                         " phải là ngày dạng NĂM-THÁNG-NGÀY (ví dụ 2025-08-02); "
                                         "đang ghi '" +
                                         d + "'");
                (key == "date" ? page.date : page.updated) = d;
            } else if (key == "description") {
                page.description = text::tidy(scalar(v, key, source));
            } else if (key == "slug") {
                std::string raw = scalar(v, key, source);
                page.slug = text::slug(raw);
                if (page.slug.empty())
                    throw InputError(location(source, line),
                                     "slug '" + raw + "' has no letters or digits",
                                     "slug '" + raw + "' không có chữ hay số nào");
            } else if (key == "units") {
                if (v.IsScalar()) {
                    std::string s = v.Scalar();
                    if (s == "all")
                        page.all_units = true;
                    else
                        page.units.push_back(s);
                } else if (v.IsSequence()) {
                    for (const auto& item : v)
                        page.units.push_back(scalar(item, key, source));
                } else {
                    throw InputError(location(source, line),
                                     "units must be \"all\" or a list of unit codes",
                                     "units phải là \"all\" hoặc danh sách mã đơn vị");
                }
            } else if (key == "weight") {
                page.weight = v.as<int>();
            } else if (key == "menu") {
                page.menu = v.as<bool>();
            } else if (key == "draft") {
                page.draft = v.as<bool>();
            } else if (key == "tags") {
                if (v.IsScalar())
                    page.tags.push_back(text::tidy(v.Scalar()));
                else if (v.IsSequence())
                    for (const auto& item : v)
                        page.tags.push_back(text::tidy(scalar(item, key, source)));
                else
                    throw InputError(location(source, line), "tags must be a list",
                                     "tags phải là một danh sách");
            } else if (key == "author") {
                page.author = text::tidy(scalar(v, key, source));
            }
        } catch (const YAML::BadConversion&) {
            throw InputError(location(source, line),
                             "front matter key '" + key + "' has the wrong type",
                             "mục '" + key + "' ở phần đầu trang ghi sai kiểu giá trị");
        } catch (const YAML::Exception& e) {
            throw InputError(location(source, line), "front matter key '" + key + "': " + e.msg,
                             "mục '" + key + "' ở phần đầu trang: " + e.msg);
        }
    }
    if (page.title.empty())
        throw InputError(location(source, 1), "front matter has no 'title'",
                         "phần đầu trang thiếu 'title' (tiêu đề)");
    if (!page.updated.empty() && !page.date.empty() && page.updated < page.date)
        throw InputError(location(source, 1),
                         "updated (" + page.updated + ") is before date (" + page.date + ")",
                         "ngày cập nhật (updated " + page.updated + ") trước ngày đăng (date " +
                             page.date + ")");
    if (page.slug.empty()) {
        // A page bundle (<slug>/index.md, with its files beside) is named by its folder.
        page.slug =
            text::slug(source.filename() == "index.md" ? source.parent_path().filename().string()
                                                       : source.stem().string());
        if (page.slug.empty()) page.slug = text::slug(page.title);
    }
    page.body_markdown = text::nfc(fm.body);
    page.body_line = line_col(text, static_cast<std::size_t>(fm.body.data() - text.data())).first;
    page.body_html = markdown_to_html(page.body_markdown);
    if (page.description.empty()) page.description = markdown_summary(page.body_markdown, 200);
    return page;
}

Page load_page(const std::filesystem::path& path) {
    std::string data = read_file(path);
    if (data.size() >= 3 && data.compare(0, 3, "\xEF\xBB\xBF") == 0) data.erase(0, 3);
    return parse_page(data, path);
}

}  // namespace xasite::content
