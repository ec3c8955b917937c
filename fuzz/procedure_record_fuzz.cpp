// Fuzz target for procedure records and the `xasite import dvc` parsers.
//
// The bytes go to: parse_json + from_json (the content/procedures schema), each JSON importer
// (catalog list, portal API record, Word export), the JSON-lines importer and, when the bytes
// are valid UTF-8 (as import_sources guarantees by reading with read_text_file), the HTML page
// and list-page parsers. Bad input may only raise InputError. Invariants checked:
//  - a record accepted by from_json serialises to bytes that from_json accepts and that
//    serialise to the same bytes;
//  - every record an importer returns with a usable code, name and field does the same.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"
#include "generator/procedures/procedure.hpp"

namespace {

using namespace xasite;
using namespace xasite::procedures;

void check_round_trip(const Procedure& p) {
    if (!is_valid_code(p.code) || text::trim(p.name).empty() || text::trim(p.field).empty()) return;
    std::string first = to_json_text(p);
    Procedure back = from_json(nlohmann::json::parse(first), "round-trip.json");
    if (to_json_text(back) != first) std::abort();
}

template <typename F>
void expect_only_input_errors(F&& f) {
    try {
        f();
    } catch (const InputError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    importers::Warnings warnings;
    const importers::Origin origin{"fuzz-input", "fuzz-input", ""};

    // The record schema.
    expect_only_input_errors([&] {
        Procedure p = from_json(parse_json_strict(text, "fuzz.json"), "fuzz.json");
        check_round_trip(p);
    });

    // The JSON importers, each given whatever JSON the bytes hold.
    expect_only_input_errors([&] {
        const nlohmann::json doc = parse_json_strict(text, "fuzz.json");
        expect_only_input_errors([&] {
            for (const auto& r : importers::parse_catalog(doc, origin, warnings))
                check_round_trip(r);
        });
        expect_only_input_errors([&] {
            if (auto r = importers::parse_dvc_api_record(doc, origin, "fuzz:1", warnings))
                check_round_trip(*r);
        });
        expect_only_input_errors([&] {
            if (auto r = importers::parse_word_export(doc, origin, warnings)) check_round_trip(*r);
        });
    });

    // JSON lines (the importer checks UTF-8 itself).
    expect_only_input_errors([&] {
        for (const auto& r : importers::parse_dvc_api_lines(text, origin, warnings))
            check_round_trip(r);
    });

    // HTML pages: import_sources hands the parsers NFC text of valid UTF-8.
    if (text::is_valid_utf8(text)) {
        const std::string html = text::nfc(text);
        expect_only_input_errors([&] {
            if (auto r = importers::parse_html_page(html, origin, warnings)) {
                if (r->field.empty()) r->field = "Đất đai";
                check_round_trip(*r);
            }
        });
        expect_only_input_errors([&] { (void)importers::parse_html_index_field(html); });
    }
    return 0;
}
