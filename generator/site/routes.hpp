// The URL scheme of the generated sites, in one place (as Hugo's page_paths.go): the folder of each
// commune site, the section folders, procedure and document paths, paginated lists, the archive
// prefix and the anchors of the old→new lookup. Every path is relative to a site root (commune
// sites) or to the output root (province site, archives), without a leading slash; folders end in
// "/". The archive module and the server never spell these: they receive them from here through
// their options.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xasite::units {
struct NewUnit;
struct OldCommune;
}  // namespace xasite::units

namespace xasite::site::routes {

// Section folders (without the trailing slash). The section tables (sections/sections.hpp) say
// which site carries which; these names are the URL scheme.
inline constexpr std::string_view kIntro = "gioi-thieu";
inline constexpr std::string_view kProcedures = "thu-tuc";
inline constexpr std::string_view kDocuments = "van-ban";
inline constexpr std::string_view kNews = "tin-tuc";
inline constexpr std::string_view kSchedule = "lich-cong-tac";
inline constexpr std::string_view kQuestions = "hoi-dap";
inline constexpr std::string_view kDisclosure = "cong-khai";
inline constexpr std::string_view kContact = "lien-he";
inline constexpr std::string_view kSearch = "tra-cuu";
inline constexpr std::string_view kSitemap = "so-do-trang";
inline constexpr std::string_view kExports = "du-lieu";
inline constexpr std::string_view kAssets = "assets";
inline constexpr std::string_view kNotFound = "404.html";
inline constexpr std::string_view kUnitLookup = "tra-cuu-don-vi";
inline constexpr std::string_view kServiceCentres = "trung-tam-phuc-vu";
inline constexpr std::string_view kArchives = "luu-tru";
// The nginx configuration every build writes at the top of the output (for nginx, never served).
inline constexpr std::string_view kNginxConf = "nginx.conf";
// The server's JSON API on the province root (`xasite serve`): reserved, never a page.
inline constexpr std::string_view kApi = "api";

// "<folder>/" for a section folder.
std::string dir(std::string_view folder);

// The site folder of a new unit inside the output: its slug ("xa-ea-kar").
std::string unit_dir(const units::NewUnit& unit);

// A procedure's file name under thu-tuc/: the code itself (record codes are validated to
// [0-9A-Za-z._-], so distinct codes never share a file); anything else is replaced by -.
std::string procedure_file(const std::string& code);
// A procedure page's path inside a commune site: "thu-tuc/1.001193.html". One file per procedure,
// not a folder with index.html: a province build writes ~150,000 of them, and on ext4 a mkdir
// costs as much as the page itself (docs/ARCHITECTURE.md, "Decisions").
std::string procedure_path(const std::string& code);
// A procedure's printable A4 notice for the centre's wall (with a QR code to its page):
// "thu-tuc/ban-in/1.001193.html".
std::string procedure_notice(const std::string& code);
// A field's list of procedures: "thu-tuc/linh-vuc/<slug>/".
std::string procedure_field(const std::string& slug);
// A facet's list ("thu-tuc/<slug>/") and the list of retired procedures ("thu-tuc/da-bai-bo/").
std::string procedure_facet(const std::string& slug);
std::string retired_procedures();
// The exports of the procedure list: "du-lieu/thu-tuc.json" and "du-lieu/thu-tuc.csv".
std::string procedures_export(std::string_view extension);

// A document's page ("van-ban/<slug>/"), and a document facet list ("van-ban/<group>/<slug>/").
std::string document(const std::string& slug);
std::string document_facet(const std::string& group, const std::string& slug);

// Page n (1-based) of a paginated list whose first page is `first`: `first` itself for n = 1,
// else "<first>trang-<n>/".
std::string list_page(const std::string& first, std::size_t n);

// An old unit's archive (landing page and view): "luu-tru/<slug>/" from the output root, one
// level down (the server finds every view's redirect tables at luu-tru/*/chuyen-huong/). The slug
// is the registry's district slug ("huyen-ea-kar") or old_commune_slug.
std::string archive(const std::string& slug);
// An old commune's archive slug: its full name's slug and its code, "thi-tran-ea-kar-24373".
// The code keeps it unique (several old communes share a name, "Phường 1" in three towns), and it
// never equals a district slug: those begin with huyen-, thi-xa- or thanh-pho-, these with xa-,
// phuong- or thi-tran- (ArchiveSet::load checks it all the same).
std::string old_commune_slug(const units::OldCommune& commune);
// Anchors of the old→new lookup page on the province site.
std::string old_commune(const std::string& code);   // "tra-cuu-don-vi/#xa-<code>"
std::string old_district(const std::string& code);  // "tra-cuu-don-vi/#huyen-<code>"

// Top-level names of a commune site that are not sections but must never be taken by a page:
// "luu-tru" (kept free for the archives of a commune's old units).
const std::vector<std::string_view>& unit_reserved_extra();
// Likewise on the province root: "api" (the server's JSON API).
const std::vector<std::string_view>& province_reserved_extra();

}  // namespace xasite::site::routes
