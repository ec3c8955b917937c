// The whole content tree, loaded and validated once per build:
//   content/site.json                     province-wide settings
//   content/units/daklak-units.json       the unit registry
//   content/units/<code>/unit.json        optional: a commune's contacts, leaders, centre
//   content/units/<code>/*.md             the commune's own pages
//   content/units/<code>/[<section>/]<slug>/index.md   page bundles, their files beside them
//   content/units/<code>/media/           pictures and attachments any page of the unit uses
//   content/pages/*.md                    pages for the province site or for several communes
//   content/procedures/*.json             normalised procedure records
//   content/directives/*.{txt,md,pdf}     official documents (metadata read from their text)
//   content/templates/, content/units/<code>/templates/   theme overrides, file by file
//   content/search/*.txt                  the search lexicon (variants, filler, abbreviations…)
//   content/archives/<old-code>/          preservation packages (read by the archive module)
// Content::load owns every read of the tree: it walks the tree once first (ContentTree) and
// refuses entries that resolve outside it, FIFOs and devices; the other modules receive what it
// read (or, for the archive packages, the folders it checked).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "generator/content/pages.hpp"
#include "generator/content/procedure_scope.hpp"
#include "generator/content/site_config.hpp"
#include "generator/directives/directive.hpp"
#include "generator/procedures/procedure.hpp"
#include "generator/units/registry.hpp"

namespace xasite::content {

struct Person {
    std::string name, position, duties, phone, email;
};

// content/units/<code>/unit.json: what the registry does not know. Every field optional; the
// site shows "đang cập nhật" (being updated) for what is missing.
struct UnitProfile {
    std::string address, phone, email, website;
    std::string responsible_name, responsible_position;  // person responsible for the site (footer)
    std::string centre_address, centre_phone, centre_hours;  // Trung tâm Phục vụ hành chính công
    std::vector<Person> leaders;
    std::string map_url;
};

// A file of a theme override: its bytes and where it came from (for messages).
struct ThemeFile {
    std::string data;
    std::string origin;
};
using ThemeFiles =
    std::map<std::string, ThemeFile>;  // by path inside the theme ("pages/x.mustache")

struct Content {
    std::filesystem::path root;
    SiteConfig config;
    units::Registry registry;
    std::vector<procedures::Procedure> procedures;  // sorted by code
    ProcedureScope procedure_scope;  // content/procedure-scope.json (empty scope when absent)
    std::map<std::string, UnitProfile> profiles;          // by new unit code
    std::map<std::string, std::vector<Page>> unit_pages;  // by new unit code; drafts excluded
    std::vector<Page> province_pages;                     // content/pages/*.md without units
    std::vector<directives::Document> documents;       // content/directives/, sorted by file name
    ThemeFiles templates;                              // content/templates/
    std::map<std::string, ThemeFiles> unit_templates;  // content/units/<code>/templates/
    // content/search/*.txt by file name, and that folder (for messages; empty when absent).
    std::map<std::string, std::string> lexicon_files;
    std::filesystem::path lexicon_dir;
    std::vector<std::filesystem::path> archive_packages;  // content/archives/<old-code>/, sorted
    std::vector<std::string> warnings;
    // The newest date of the province-wide content (procedures, documents, content/pages; not a
    // commune's own pages), YYYY-MM-DD.
    std::string newest_date;

    // Loads and validates everything. Throws InputError naming the file (and line or record) on
    // the first bad input: malformed JSON, invalid UTF-8, duplicate procedure codes, missing
    // required fields, unknown unit codes (in a folder name or a page's front matter), a document
    // marked MẬT / TỐI MẬT / TUYỆT MẬT (never published), an entry that resolves outside the tree
    // or is not a regular file or folder.
    // `drafts`: pages marked `draft: true` are loaded too (the preview shows them; a published
    // build never does).
    static Content load(const std::filesystem::path& dir, bool drafts = false);

    // The date the build stamps on generated pages: site.json build_date, else SOURCE_DATE_EPOCH,
    // else the newest date of the province-wide content. Never the wall clock, so builds are
    // reproducible.
    std::string build_date() const;
};

UnitProfile load_unit_profile(const std::filesystem::path& path);

class ContentTree;
// The files of a theme folder of the tree (every file below `rel`, a path from the tree's root, ""
// for the root itself; .mustache files checked as UTF-8); none when the folder does not exist.
ThemeFiles load_theme_files(const ContentTree& tree, const std::filesystem::path& rel);

}  // namespace xasite::content
