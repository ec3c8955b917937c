// The editor's HTML: Vietnamese, server-rendered, no script. Every value is escaped with the
// project's one escaper (core/text.hpp html_escape); the only unescaped HTML is the Markdown
// preview, rendered in cmark-gfm's safe mode (generator/content/markdown.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "admin/repo.hpp"
#include "admin/store.hpp"

namespace xasite::admin::views {

// Who is looking: shown in the header, with the log-out form (which carries the CSRF token).
struct Viewer {
    std::string name;
    std::string unit_label;  // "Phường Ea Kao" or "toàn tỉnh"
    bool approver = false;
    std::string csrf;
};

struct Notice {
    std::string text;
    bool error = false;
};

std::string layout(std::string_view title, const Viewer* who, std::string_view body,
                   const Notice& notice = {}, std::string_view back_href = "",
                   std::string_view back_label = "");

std::string login_form(std::string_view username, const Notice& notice);

// The province account's list of units.
struct UnitLink {
    std::string code, name;
};
std::string unit_index(const std::vector<UnitLink>& units);

struct UnitView {
    std::string code, name;
    std::string site_href;  // the unit's public site ("" = unknown)
    std::vector<PageItem> items;
    std::vector<std::string> page_hrefs;  // public address of each item ("" = not built)
};
std::string unit_page(const UnitView& unit);

struct EditorView {
    std::string code;
    std::string action;  // where the form posts
    std::string slug;    // "" for a new page
    PageFields fields;
    bool published = false;    // the file as saved is not a draft
    bool can_publish = false;  // approver
    bool can_edit = true;      // false: an editor looking at a published page
    std::string preview_html;  // "" = no preview
    std::string public_href;   // where a published page is
    std::string csrf;
};
std::string page_editor(const EditorView& v);

std::string delete_form(std::string_view code, std::string_view slug, std::string_view title,
                        std::string_view csrf);

struct HistoryView {
    std::string code, slug, title, csrf;
    std::vector<Revision> revisions;
    std::string shown_id, shown_text;  // a version opened for reading
    bool can_restore = true;
};
std::string history(const HistoryView& v);

struct ContactField {
    std::string name, label, value;
};
std::string contacts_form(std::string_view code, const std::vector<ContactField>& fields,
                          bool can_save, std::string_view csrf);

std::string upload_form(std::string_view code, bool can_publish, std::string_view csrf,
                        std::string_view result_html);

// "2025-08-02 14:05" in the server's local time.
std::string format_time(long long seconds);

}  // namespace xasite::admin::views
