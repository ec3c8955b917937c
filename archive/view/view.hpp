// Internal: the parts of the archive view that are not the captured pages themselves — the banner
// inserted in every page, the stylesheet, the list of archived pages (muc-luc/), the "not archived"
// page (chua-luu-tru/), redirect stubs and the redirect maps' description (chuyen-huong/). Plain
// HTML5 in Vietnamese, no JavaScript, WCAG 2.1 AA colours. Used by render_view (view.cpp) and
// tests.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/view/archive_view.hpp"

namespace xasite::archive {

// Files of the view, relative to its prefix.
inline constexpr const char* kContents = "muc-luc/index.html";
inline constexpr const char* kNotArchived = "chua-luu-tru/index.html";
inline constexpr const char* kBannerCss = "giao-dien/luu-tru.css";
inline constexpr const char* kRedirectMaps = "chuyen-huong/index.html";

// "2025-07-01" → "01/7/2025" (Vietnamese administrative style: the day on two digits, the month
// on two digits only for January and February). Other text is returned unchanged.
std::string date_vi_admin(std::string_view iso);

struct ContentsRow {
    std::string file;  // relative to the prefix
    std::string url;   // as captured
    std::string title;
    std::string media_type;
    bool page = false;
};

// One capture of a URL in the banner's date navigation.
struct CaptureLink {
    std::string day;       // capture day YYYY-MM-DD (the label)
    std::string datetime;  // its memento datetime (the order)
    std::string file;      // relative to the prefix
    bool current = false;  // the one being shown
};

struct ViewChrome {
    UnitInfo unit;
    std::string captured;      // YYYY-MM-DD
    std::string prefix;        // "luu-tru/huyen-ea-kar/"
    std::string landing_href;  // from the output root
    std::string search_href;   // the search page from the output root, "" for none
    std::vector<std::pair<UnitInfo::Successor, std::string>> successor_sites;
    std::string kept_as;  // ViewOptions::kept_as

    // `file` is the page's path relative to the prefix.
    std::string head_html(std::string_view file) const;
    // `captures`: every capture of the page's URL, newest first (the date navigation, shown when
    // there are two or more). `incomplete`: the capture was cut short or damaged when it was
    // read (Record::truncated); the banner says so.
    std::string banner_html(std::string_view file, std::string_view original_url,
                            std::string_view capture_date,
                            const std::vector<CaptureLink>& captures = {},
                            bool incomplete = false) const;
    std::string form_note_html() const;
    static std::string disabled_link_title();
    // `days`: the package's capture days, newest first; `versions`: how many older captures of
    // pages and files are kept beside the rows (the rows are the default view).
    std::string contents_page(const std::vector<ContentsRow>& rows,
                              const std::vector<std::string>& days = {},
                              std::size_t versions = 0) const;
    std::string not_archived_page() const;
    std::string redirect_page(std::string_view file, std::string_view from_url,
                              std::string_view to_url, std::string_view href, int status,
                              bool refresh) const;
    std::string maps_page(const nlohmann::json& hosts) const;
    static std::string banner_css();
    // A name usable in an nginx variable ("eakar.daklak.gov.vn" → "eakar_daklak_gov_vn").
    static std::string nginx_name(std::string_view host);

    // The href from a file of the view to a path from the output root.
    std::string to_root(std::string_view file, std::string_view root_path) const;

  private:
    std::string standalone(std::string_view file, std::string_view title,
                           std::string_view body) const;
    std::string search_form(std::string_view file) const;
};

}  // namespace xasite::archive
