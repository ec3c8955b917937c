#include "search_fixture.hpp"

#include <cstdlib>
#include <random>

#include "procedure_documents.hpp"
#include "test_support.hpp"

namespace xasite::testing {

namespace fs = std::filesystem;

std::string portal_url(const std::string& code) {
    return search_data::portal_url(code);
}

search::SearchDocument procedure_document(const procedures::Procedure& p) {
    return search_data::procedure_document(p);
}

const std::vector<search::SearchDocument>& real_procedure_documents() {
    static const std::vector<search::SearchDocument> docs = [] {
        return search_data::procedure_documents(content_dir() / "procedures");
    }();
    return docs;
}

const std::map<std::string, std::pair<std::string, std::string>>& real_units() {
    static const std::map<std::string, std::pair<std::string, std::string>> units = [] {
        return search_data::unit_map(content_dir() / "units" / "daklak-units.json");
    }();
    return units;
}

void build_index(const fs::path& dir, const std::vector<search::SearchDocument>& extra) {
    search::IndexWriter writer(dir);
    writer.set_units(real_units());
    for (const auto& d : real_procedure_documents())
        writer.add(d);
    for (const auto& d : extra)
        writer.add(d);
    writer.finish();
}

void build_small_index(const fs::path& dir, const std::vector<search::SearchDocument>& docs) {
    search::IndexWriter writer(dir);
    writer.set_units(real_units());
    for (const auto& d : docs)
        writer.add(d);
    writer.finish();
}

search::SearchDocument page(const std::string& slug, const std::string& title,
                            const std::string& body) {
    search::SearchDocument d;
    d.id = "page/xa-ea-kar/" + slug;
    d.type = "page";
    d.title = title;
    d.url = "xa-ea-kar/" + slug + "/";
    d.units = {kUnitEaKar};
    d.body = body;
    return d;
}

namespace {

std::vector<search::SearchDocument> extra_documents() {
    std::vector<search::SearchDocument> out;
    search::SearchDocument intro;
    intro.id = "page/xa-ea-kar/gioi-thieu";
    intro.type = "page";
    intro.title = "Giới thiệu xã Ea Kar";
    intro.url = "xa-ea-kar/gioi-thieu/";
    intro.units = {kUnitEaKar};
    intro.body =
        "Xã Ea Kar được thành lập trên cơ sở nhập thị trấn Ea Kar, xã Cư Huê và xã Ea Đar. Uỷ ban "
        "nhân dân xã đặt trụ sở tại thị trấn Ea Kar cũ.";
    out.push_back(intro);
    search::SearchDocument contact;
    contact.id = "page/xa-ea-kar/lien-he";
    contact.type = "page";
    contact.title = "Liên hệ";
    contact.url = "xa-ea-kar/lien-he/";
    contact.units = {kUnitEaKar};
    contact.body =
        "Trung tâm Phục vụ hành chính công xã Ea Kar tiếp nhận hồ sơ từ thứ Hai đến "
        "thứ Sáu. Điện thoại: 0262 3625 xxx.";
    out.push_back(contact);
    search::SearchDocument directive;
    directive.id = "directive/156-kh-ubnd-2025";
    directive.type = "directive";
    directive.code = "156/KH-UBND";
    directive.title = "Kế hoạch chuyển đổi số năm 2025";
    directive.url = "van-ban/156-kh-ubnd-2025/";
    directive.units = {kUnitEaKar};
    directive.date = "2025-08-12";
    directive.issuer = "Ủy ban nhân dân xã Ea Kar";
    directive.keywords = "Ủy ban nhân dân xã Ea Kar; các phòng, ban";
    directive.body =
        "Triển khai dịch vụ công trực tuyến toàn trình, thanh toán không dùng tiền "
        "mặt và hướng dẫn người dân đăng ký tài khoản định danh điện tử VNeID.";
    out.push_back(directive);
    // Stored in NFD (as Word or macOS may give it), with old-style tone placement and "kí".
    out.push_back(page("thong-bao-tiep-dan",
                       "Tho\xCC\x82ng ba\xCC\x81o li\xCC\xA3"
                       "ch tie\xCC\x82\xCC\x81p co\xCC\x82ng da\xCC\x82n",
                       "Chu\xCC\x89 ti\xCC\xA3"
                       "ch Uỷ ban nhân dân xã tiếp công dân định kỳ vào thứ Năm."));
    out.push_back(page("huong-dan-tam-tru", "Hướng dẫn đăng kí tạm trú trực tuyến",
                       "Người dân đăng kí tạm trú qua Cổng dịch vụ công quốc gia hoặc ứng dụng "
                       "VNeID; hoá đơn điện nước không cần nộp."));
    return out;
}

struct SharedIndex {
    fs::path dir;
    SharedIndex() {
        std::random_device rd;
        dir = fs::temp_directory_path() /
              ("xasite-search-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        build_index(dir / "site.xapian", extra_documents());
        dir /= "site.xapian";
    }
    ~SharedIndex() {
        std::error_code ec;
        fs::remove_all(dir.parent_path(), ec);
    }
};

}  // namespace

const fs::path& shared_index() {
    static SharedIndex index;
    return index.dir;
}

search::Searcher& default_searcher() {
    static search::Searcher searcher(shared_index());
    return searcher;
}

}  // namespace xasite::testing
