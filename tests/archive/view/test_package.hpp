// A synthetic preservation package for the view tests, written in a scratch directory following
// the layout of archive/package.hpp (metadata as A's record_to_json/unit_to_json write it).
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "archive/package/bagit.hpp"
#include "archive/package/digest.hpp"
#include "archive/package/package.hpp"
#include "archive/view/archive_view.hpp"

namespace xasite::archive::testing {

// A one-page PDF whose page shows `text` (ASCII) in Helvetica; xref offsets computed.
inline std::string make_pdf(const std::string& text, const std::string& title) {
    std::string content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
    std::vector<std::string> objs = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Title (" + title + ") >>"};
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objs.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
    }
    std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
    for (auto o : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) +
           " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

class PackageBuilder {
  public:
    explicit PackageBuilder(std::filesystem::path dir) : dir_(std::move(dir)) {
        std::filesystem::create_directories(dir_ / "data" / "metadata");
        unit_.code = "651";
        unit_.name = "Huyện Ea Kar";
        unit_.type = "Huyện";
        unit_.province = "Đắk Lắk";
        unit_.dissolved = "2025-07-01";
        unit_.successors = {{"24001", "Xã Ea Kar", false}, {"24002", "Xã Ea Knốp", true}};
    }

    // A 200 response with a payload.
    Record& add(const std::string& url, const std::string& mime, const std::string& body,
                const std::string& charset = "", const std::string& server = "Microsoft-IIS/7.5") {
        Record r;
        r.kind = "response";
        r.url = url;
        r.date = "2025-06-20T08:00:00Z";
        r.status = 200;
        r.mime = mime;
        r.charset = charset;
        r.server = server;
        r.bytes = body.size();
        r.source = "data/original/site.warc.gz";
        if (!body.empty()) {
            r.payload = "data/records/00/r" + std::to_string(records_.size());
            write(r.payload, body);
        }
        records_.push_back(r);
        return records_.back();
    }
    Record& redirect(const std::string& url, int status, const std::string& location) {
        Record r;
        r.kind = "response";
        r.url = url;
        r.date = "2025-06-20T08:00:00Z";
        r.status = status;
        r.mime = "text/html";
        r.location = location;
        r.server = "Microsoft-IIS/7.5";
        r.source = "data/original/site.warc.gz";
        records_.push_back(r);
        return records_.back();
    }

    UnitInfo& unit() { return unit_; }
    // capture.json "sources" (empty: none written).
    nlohmann::json& sources() { return sources_; }

    PackageInfo finish() {
        write("data/metadata/unit.json", unit_to_json(unit_).dump(2));
        nlohmann::json capture = {{"captured", "2025-06-20"},
                                  {"hosts",
                                   {{{"host", "eakar.daklak.gov.vn"},
                                     {"case_insensitive", true},
                                     {"records", records_.size()}}}}};
        if (!sources_.empty()) capture["sources"] = sources_;
        write("data/metadata/capture.json", capture.dump(2));
        std::string lines;
        for (const auto& r : records_)
            lines += record_to_json(r).dump() + "\n";
        write("data/metadata/records.jsonl", lines);
        // The BagIt tag files (manifests of every file under data/), with A's writer.
        Manifest payload;
        for (const auto& f : std::filesystem::recursive_directory_iterator(dir_ / "data"))
            if (f.is_regular_file())
                payload[std::filesystem::relative(f.path(), dir_).generic_string()] =
                    digest_file(f.path());
        write_bag_files(dir_, payload, {{"Source-Organization", "xasite tests"}});
        PackageInfo p;
        p.dir = dir_;
        p.unit = unit_;
        p.captured = "2025-06-20";
        p.hosts = {"eakar.daklak.gov.vn"};
        p.fixity = "valid";
        return p;
    }

  private:
    void write(const std::string& rel, const std::string& data) {
        auto p = dir_ / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << data;
    }
    std::filesystem::path dir_;
    UnitInfo unit_;
    std::vector<Record> records_;
    nlohmann::json sources_ = nlohmann::json::array();
};

// The package the view and server tests share: an IIS district portal with a Windows-1258 home
// page, a TCVN3 article reached by a query-string URL, a PDF, a stylesheet, an image, a script,
// a redirect and links to pages that were never captured.
inline PackageInfo district_portal(const std::filesystem::path& dir) {
    PackageBuilder b(dir);
    const std::string host = "http://eakar.daklak.gov.vn";
    // "Trang chủ Huyện Ea Kar" / "Quyết định về việc" in Windows-1258.
    b.add(
        host + "/Default.aspx", "text/html",
        "<!DOCTYPE html><html><head>"
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"
        "<title>Trang chu\xD2 Huy\xEA\xF2n Ea Kar</title>"
        "<link rel=\"stylesheet\" href=\"/Portals/style.css\">"
        "<script src=\"/js/app.js\"></script><script>document.write('x')</script></head>"
        "<body onload=\"init()\"><img src=\"Portals/logo.gif\" alt=\"Logo\">"
        "<a href=\"Default.aspx?tabid=55&amp;ID=101\">Quy\xEA\xECt \xF0i\xF2nh v\xEA\xCC vi\xEA\xF2"
        "c</a>"
        "<a href=\"/DEFAULT.ASPX?ID=101&amp;TabId=55#doan-2\">same page</a>"
        "<a href=\"http://www.eakar.daklak.gov.vn/Portals/0/QD-15.pdf\">PDF</a>"
        "<a href=\"/old.aspx\">old</a>"
        "<a href=\"/tin-tuc/chua-thu.aspx\">never captured</a>"
        "<a href=\"https://chinhphu.vn/\">external</a>"
        "<a href=\"javascript:__doPostBack('ctl00$p','Page$2')\">2</a>"
        "<form method=\"post\" action=\"/Default.aspx\"><input name=\"q\"></form>"
        "</body></html>");
    // TCVN3 article: "Huyện Ea Kar" in .VnTime (HUYỆN in .VnTimeH).
    b.add(host + "/Default.aspx?tabid=55&ID=101", "text/html",
          "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
          "<title>Quyet dinh 15</title></head><body>"
          "<p><font face=\".VnTime\">Quy\xD5t \xAE\xDEnh s\xE8 15 c\xF1"
          "a Huy\xD6n Ea Kar</font></p>"
          "<p><font face=\".VnTimeH\">huy\xD6n</font></p>"
          "<a href=\"/Default.aspx\">home</a><a name=\"doan-2\">2</a></body></html>");
    b.add(host + "/Portals/0/QD-15.pdf", "application/pdf",
          make_pdf("Quyet dinh so 15 ve viec thanh lap", "QD 15"));
    b.add(host + "/Portals/style.css", "text/css",
          "body{background:url(logo.gif)} .x{background:url('/nothere.png')}");
    b.add(host + "/Portals/logo.gif", "image/gif",
          std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14));
    b.add(host + "/js/app.js", "application/javascript", "alert('archived script')");
    b.redirect(host + "/old.aspx", 301, "/Default.aspx?ID=101&tabid=55");
    b.redirect(host + "/cong-moi.aspx", 302, "https://daklak.gov.vn/");
    return b.finish();
}

inline ViewOptions district_view_options() {
    ViewOptions o;
    o.prefix = "luu-tru/huyen-ea-kar/";
    o.landing_href = "luu-tru/huyen-ea-kar/";
    o.search_href = "tra-cuu/";
    o.successor_sites = {{{"24001", "Xã Ea Kar", false}, "xa-ea-kar/"},
                         {{"24002", "Xã Ea Knốp", true}, ""}};
    o.base_url = "https://daklak.gov.vn/";
    return o;
}

}  // namespace xasite::archive::testing
