#include "generator/units/lookup_command.hpp"

#include "core/text.hpp"
#include "generator/units/unit_text.hpp"

namespace xasite::units {
namespace {

using nlohmann::json;

json new_units_json(const std::vector<Successor>& successors) {
    json list = json::array();
    for (const Successor& s : successors)
        list.push_back({{"code", s.unit->code},
                        {"name", s.unit->full_name},
                        {"type", s.unit->type},
                        {"partial", s.partial}});
    return list;
}

// "Xã Ea Kao (Thành phố Buôn Ma Thuột, tỉnh Đắk Lắk, mã 24169)" / "Huyện Lắk (tỉnh Đắk Lắk, mã
// 656)"
std::string describe_old(const Registry& registry, const LookupMatch& m) {
    if (m.commune) {
        std::string place;
        if (const OldDistrict* d = registry.find_old_district(m.commune->district_code))
            place = d->full_name + ", tỉnh " + d->province_name + ", ";
        return m.commune->full_name + " (" + place + "mã " + m.commune->code + ")";
    }
    return m.district->full_name + " (tỉnh " + m.district->province_name + ", mã " +
           m.district->code + ")";
}

// "Phường Tuy Hòa (22015) (một phần), Phường Bình Kiến (22045) (một phần)"
std::string describe_new(const std::vector<Successor>& successors) {
    if (successors.empty()) return "(không rõ đơn vị mới)";
    std::string out;
    for (const Successor& s : successors) {
        if (!out.empty()) out += ", ";
        out += s.unit->full_name + " (" + s.unit->code + ")";
        if (s.partial) out += " (một phần)";
    }
    return out;
}

}  // namespace

json lookup_json(const Registry& registry, const std::string& query) {
    json matches = json::array();
    for (const LookupMatch& m : registry.lookup(query)) {
        json old;
        if (m.commune) {
            const OldDistrict* d = registry.find_old_district(m.commune->district_code);
            old = {{"code", m.commune->code},
                   {"name", m.commune->full_name},
                   {"type", m.commune->type},
                   {"district", d ? json(d->full_name) : json(nullptr)}};
        } else {
            old = {{"code", m.district->code},
                   {"name", m.district->full_name},
                   {"type", m.district->type},
                   {"district", nullptr}};
        }
        matches.push_back({{"old", std::move(old)}, {"new", new_units_json(m.successors)}});
    }
    // The query is echoed as given; invalid UTF-8 bytes become U+FFFD so the JSON can be written.
    return {{"query", detail::valid_utf8(query)}, {"matches", std::move(matches)}};
}

int run_units_lookup(const Registry& registry, const std::vector<std::string>& queries, bool json,
                     std::ostream& out) {
    int status = 0;
    bool first = true;
    for (const std::string& query : queries) {
        if (json) {
            nlohmann::json doc = lookup_json(registry, query);
            if (doc["matches"].empty()) status = 1;
            out << doc.dump() << '\n';
            continue;
        }
        std::vector<LookupMatch> matches = registry.lookup(query);
        if (!first) out << '\n';
        first = false;
        out << detail::valid_utf8(query) << ":\n";
        if (matches.empty()) {
            out << "  không tìm thấy\n";
            status = 1;
            continue;
        }
        for (const LookupMatch& m : matches)
            out << "  " << describe_old(registry, m) << " → " << describe_new(m.successors) << '\n';
    }
    return status;
}

}  // namespace xasite::units
