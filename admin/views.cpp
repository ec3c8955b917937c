#include "admin/views.hpp"

#include <ctime>

#include "core/text.hpp"

namespace xasite::admin::views {

namespace {

std::string esc(std::string_view s) {
    return text::html_escape(s);
}

std::string csrf_field(std::string_view csrf) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">";
}

std::string section_name(std::string_view key) {
    const SectionInfo* s = find_section(key);
    return s ? std::string(s->name) : std::string(key);
}

}  // namespace

std::string format_time(long long seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string layout(std::string_view title, const Viewer* who, std::string_view body,
                   const Notice& notice, std::string_view back_href, std::string_view back_label) {
    std::string h;
    h.reserve(4096 + body.size());
    h += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    h += esc(title);
    h += " — Quản trị nội dung</title>\n<link rel=\"stylesheet\" href=\"/admin.css\">\n</head>\n"
         "<body>\n<a class=\"skip\" href=\"#noi-dung\">Bỏ qua, đến nội dung chính</a>\n"
         "<header class=\"top\">\n<p class=\"brand\"><a href=\"/\">Quản trị trang thông tin "
         "xã, phường</a></p>\n";
    if (who) {
        h += "<p class=\"who\">Tài khoản <strong>" + esc(who->name) + "</strong> · " +
             esc(who->unit_label) + " · " + (who->approver ? "người duyệt" : "biên tập viên") +
             "</p>\n<form method=\"post\" action=\"/dang-xuat\" class=\"logout\">" +
             csrf_field(who->csrf) + "<button type=\"submit\">Đăng xuất</button></form>\n";
    }
    h += "</header>\n<main id=\"noi-dung\">\n";
    if (!back_href.empty())
        h += "<p class=\"back\"><a href=\"" + esc(back_href) + "\">← " + esc(back_label) +
             "</a></p>\n";
    h += "<h1>" + esc(title) + "</h1>\n";
    if (!notice.text.empty())
        h += std::string("<div class=\"notice") +
             (notice.error ? " error\" role=\"alert\"" : "\" role=\"status\"") + "><p>" +
             esc(notice.text) + "</p></div>\n";
    h.append(body);
    h += "</main>\n</body>\n</html>\n";
    return h;
}

std::string login_form(std::string_view username, const Notice&) {
    return "<form method=\"post\" action=\"/dang-nhap\" class=\"stack\">\n"
           "<label for=\"ten\">Tên đăng nhập</label>\n"
           "<input id=\"ten\" name=\"username\" autocomplete=\"username\" required "
           "autocapitalize=\"none\" spellcheck=\"false\" value=\"" +
           esc(username) +
           "\">\n<label for=\"mat-khau\">Mật khẩu</label>\n"
           "<input id=\"mat-khau\" name=\"password\" type=\"password\" "
           "autocomplete=\"current-password\" required>\n"
           "<button type=\"submit\">Đăng nhập</button>\n</form>\n"
           "<p class=\"hint\">Quên mật khẩu? Liên hệ người quản trị của tỉnh để đặt lại.</p>\n";
}

std::string unit_index(const std::vector<UnitLink>& units) {
    std::string h = "<p>Chọn đơn vị để biên tập.</p>\n<ul class=\"units\">\n";
    for (const auto& u : units)
        h += "<li><a href=\"/don-vi/" + esc(u.code) + "/\">" + esc(u.name) + "</a> (" +
             esc(u.code) + ")</li>\n";
    h += "</ul>\n";
    return h;
}

std::string unit_page(const UnitView& u) {
    const std::string base = "/don-vi/" + esc(u.code) + "/";
    std::string h = "<nav aria-label=\"Việc cần làm\" class=\"tasks\">\n<ul>\n";
    for (const auto& s : editor_sections())
        h += "<li><a href=\"" + base + "moi?muc=" + std::string(s.key) +
             "\">Viết mới: " + esc(s.name) + "</a></li>\n";
    h += "<li><a href=\"" + base + "lien-he\">Thông tin liên hệ của đơn vị</a></li>\n";
    h += "<li><a href=\"" + base + "tai-len\">Tải lên văn bản hoặc ảnh</a></li>\n";
    if (!u.site_href.empty())
        h += "<li><a href=\"" + esc(u.site_href) + "\">Xem trang của đơn vị</a></li>\n";
    h += "</ul>\n</nav>\n<h2>Bài viết của đơn vị</h2>\n";
    if (u.items.empty()) {
        h += "<p>Đơn vị chưa có bài viết nào.</p>\n";
        return h;
    }
    h += "<div class=\"table\"><table>\n<caption>Tin tức, lịch công tác và các trang (" +
         std::to_string(u.items.size()) +
         ")</caption>\n<thead><tr><th scope=\"col\">Tiêu đề</th><th scope=\"col\">Chuyên mục</th>"
         "<th scope=\"col\">Ngày</th><th scope=\"col\">Trạng thái</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < u.items.size(); ++i) {
        const PageItem& item = u.items[i];
        h += "<tr><td><a href=\"" + base + "bai/" + esc(item.slug) + "/\">" +
             esc(item.fields.title) + "</a>";
        if (!item.error.empty()) h += "<br><span class=\"bad\">Lỗi: " + esc(item.error) + "</span>";
        h += "</td><td>" + esc(section_name(item.fields.section)) + "</td><td>" +
             esc(item.fields.date) + "</td><td>";
        if (item.fields.draft)
            h += "<span class=\"draft\">Bản nháp</span>";
        else if (i < u.page_hrefs.size() && !u.page_hrefs[i].empty())
            h += "<a href=\"" + esc(u.page_hrefs[i]) + "\">Đã đăng</a>";
        else
            h += "Đã đăng";
        h += "</td></tr>\n";
    }
    h += "</tbody>\n</table></div>\n";
    return h;
}

std::string page_editor(const EditorView& v) {
    std::string h;
    const PageFields& f = v.fields;
    if (!v.slug.empty()) {
        h += "<p>Trạng thái: <strong>" +
             std::string(v.published ? "đã đăng" : "bản nháp (chưa đăng)") + "</strong>";
        if (v.published && !v.public_href.empty())
            h += " · <a href=\"" + esc(v.public_href) + "\">xem trên trang</a>";
        h += " · <a href=\"/don-vi/" + esc(v.code) + "/bai/" + esc(v.slug) +
             "/lich-su\">lịch sử thay đổi</a></p>\n";
    }
    if (!v.preview_html.empty()) {
        h += "<section class=\"preview\" aria-labelledby=\"xem-truoc\">\n<h2 id=\"xem-truoc\">Xem "
             "trước: " +
             esc(f.title) + "</h2>\n<div class=\"content\">\n" + v.preview_html +
             "</div>\n</section>\n";
    }
    if (!v.can_edit) {
        h += "<p>Bài đã đăng chỉ người duyệt mới sửa được. Nội dung hiện tại:</p>\n<pre>" +
             esc(f.body) + "</pre>\n";
        return h;
    }
    h += "<form method=\"post\" action=\"" + esc(v.action) + "\" class=\"stack\">\n" +
         csrf_field(v.csrf) +
         "\n<label for=\"muc\">Chuyên mục</label>\n<select id=\"muc\" name=\"section\">\n";
    for (const auto& s : editor_sections()) {
        h += "<option value=\"" + std::string(s.key) + "\"";
        if (s.key == f.section) h += " selected";
        h += ">" + esc(s.name) + "</option>\n";
    }
    h += "</select>\n<label for=\"tieu-de\">Tiêu đề</label>\n<input id=\"tieu-de\" name=\"title\" "
         "required maxlength=\"300\" value=\"" +
         esc(f.title) +
         "\">\n<label for=\"ngay\">Ngày (năm-tháng-ngày, ví dụ 2025-08-02)</label>\n"
         "<input id=\"ngay\" name=\"date\" inputmode=\"numeric\" "
         "pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" aria-describedby=\"ngay-goi-y\" value=\"" +
         esc(f.date) +
         "\">\n<p id=\"ngay-goi-y\" class=\"hint\">Tin tức, lịch công tác và hỏi đáp cần ngày; "
         "trang không bắt buộc.</p>\n"
         "<label for=\"mo-ta\">Mô tả ngắn (không bắt buộc)</label>\n<input id=\"mo-ta\" "
         "name=\"description\" maxlength=\"300\" value=\"" +
         esc(f.description) +
         "\">\n<label for=\"noi-dung-bai\">Nội dung</label>\n<textarea id=\"noi-dung-bai\" "
         "name=\"body\" rows=\"14\" aria-describedby=\"markdown-goi-y\">" +
         esc(f.body) +
         "</textarea>\n<p id=\"markdown-goi-y\" class=\"hint\">Viết như văn bản thường; để trống "
         "một dòng giữa hai đoạn. <code>## Tiêu đề nhỏ</code> tạo tiêu đề mục, <code>- </code> "
         "đầu dòng tạo danh sách, <code>**chữ đậm**</code> in đậm, <code>[chữ](https://…)</code> "
         "tạo liên kết. Mã HTML không được hiển thị.</p>\n<div class=\"actions\">\n"
         "<button type=\"submit\" name=\"action\" value=\"xem-truoc\">Xem trước</button>\n"
         "<button type=\"submit\" name=\"action\" value=\"luu\">";
    h += v.published ? "Lưu và cập nhật trang" : "Lưu bản nháp";
    h += "</button>\n";
    if (v.can_publish && !v.published)
        h += "<button type=\"submit\" name=\"action\" value=\"xuat-ban\" class=\"primary\">Lưu và "
             "xuất bản</button>\n";
    h += "</div>\n</form>\n";
    if (!v.slug.empty())
        h += "<p><a href=\"/don-vi/" + esc(v.code) + "/bai/" + esc(v.slug) +
             "/xoa\" class=\"danger\">Xóa bài này</a></p>\n";
    if (!v.can_publish && !v.slug.empty())
        h += "<p class=\"hint\">Bản nháp sẽ được đăng khi người duyệt của đơn vị xuất bản.</p>\n";
    return h;
}

std::string delete_form(std::string_view code, std::string_view slug, std::string_view title,
                        std::string_view csrf) {
    return "<p>Xóa bài <strong>" + esc(title) +
           "</strong>? Bài đã đăng sẽ được gỡ khỏi trang. Có thể khôi phục lại từ lịch sử của kho "
           "nội dung.</p>\n<form method=\"post\" action=\"/don-vi/" +
           esc(code) + "/bai/" + esc(slug) + "/xoa\">" + csrf_field(csrf) +
           "<button type=\"submit\" class=\"danger\">Xóa</button></form>\n<p><a href=\"/don-vi/" +
           esc(code) + "/bai/" + esc(slug) + "/\">Không xóa, quay lại</a></p>\n";
}

std::string history(const HistoryView& v) {
    const std::string base = "/don-vi/" + esc(v.code) + "/bai/" + esc(v.slug) + "/";
    std::string h;
    if (!v.shown_id.empty()) {
        h += "<section aria-labelledby=\"phien-ban\">\n<h2 id=\"phien-ban\">Phiên bản " +
             esc(v.shown_id.substr(0, 10)) + "</h2>\n<pre>" + esc(v.shown_text) + "</pre>\n";
        if (v.can_restore)
            h += "<form method=\"post\" action=\"" + base + "khoi-phuc\">" + csrf_field(v.csrf) +
                 "<input type=\"hidden\" name=\"commit\" value=\"" + esc(v.shown_id) +
                 "\"><button type=\"submit\">Khôi phục phiên bản này</button></form>\n";
        h += "</section>\n";
    }
    if (v.revisions.empty()) return h + "<p>Chưa có thay đổi nào được ghi lại.</p>\n";
    h += "<div class=\"table\"><table>\n<caption>Các lần thay đổi (mới nhất trước)</caption>\n"
         "<thead><tr><th scope=\"col\">Thời gian</th><th scope=\"col\">Người thực hiện</th>"
         "<th scope=\"col\">Nội dung thay đổi</th><th scope=\"col\">Phiên bản</th></tr></thead>\n"
         "<tbody>\n";
    for (const auto& r : v.revisions)
        h += "<tr><td>" + esc(format_time(r.time)) + "</td><td>" + esc(r.author) + "</td><td>" +
             esc(r.message) + "</td><td><a href=\"" + base + "lich-su?phien-ban=" + esc(r.id) +
             "\">Xem " + esc(r.id.substr(0, 7)) + "</a></td></tr>\n";
    h += "</tbody>\n</table></div>\n";
    return h;
}

std::string contacts_form(std::string_view code, const std::vector<ContactField>& fields,
                          bool can_save, std::string_view csrf) {
    std::string h;
    if (!can_save)
        h += "<p>Chỉ người duyệt của đơn vị mới cập nhật được thông tin liên hệ (thay đổi được "
             "đăng ngay).</p>\n";
    h += "<form method=\"post\" action=\"/don-vi/" + esc(code) + "/lien-he\" class=\"stack\">\n" +
         csrf_field(csrf) + "\n";
    for (const auto& f : fields)
        h += "<label for=\"" + esc(f.name) + "\">" + esc(f.label) + "</label>\n<input id=\"" +
             esc(f.name) + "\" name=\"" + esc(f.name) + "\" value=\"" + esc(f.value) + "\"" +
             (can_save ? "" : " readonly") + ">\n";
    if (can_save) h += "<button type=\"submit\" class=\"primary\">Lưu và đăng</button>\n";
    h += "</form>\n";
    return h;
}

std::string upload_form(std::string_view code, bool can_publish, std::string_view csrf,
                        std::string_view result_html) {
    std::string h(result_html);
    h +=
        "<form method=\"post\" action=\"/don-vi/" + esc(code) +
        "/tai-len\" enctype=\"multipart/form-data\" class=\"stack\">\n" + csrf_field(csrf) +
        "\n<fieldset>\n<legend>Loại tệp</legend>\n"
        "<div class=\"choice\"><input type=\"radio\" id=\"loai-anh\" name=\"kind\" value=\"image\" "
        "checked><label for=\"loai-anh\">Ảnh (PNG, JPEG, GIF, WebP) để chèn vào "
        "bài</label></div>\n";
    if (can_publish)
        h += "<div class=\"choice\"><input type=\"radio\" id=\"loai-van-ban\" name=\"kind\" "
             "value=\"directive\"><label for=\"loai-van-ban\">Văn bản (PDF, Word .docx hoặc "
             "văn bản thuần .txt): đăng ngay lên mục Văn bản</label></div>\n";
    h += "</fieldset>\n<label for=\"ten-tep\">Tên hoặc mô tả (không bắt buộc)</label>\n"
         "<input id=\"ten-tep\" name=\"title\" maxlength=\"200\">\n"
         "<label for=\"tep\">Chọn tệp (tối đa 20 MB)</label>\n<input id=\"tep\" type=\"file\" "
         "name=\"file\" required>\n<button type=\"submit\">Tải lên</button>\n</form>\n";
    if (!can_publish)
        h += "<p class=\"hint\">Văn bản được đăng ngay nên chỉ người duyệt mới tải lên được.</p>\n";
    return h;
}

}  // namespace xasite::admin::views
