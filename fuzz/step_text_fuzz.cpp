// Fuzz target for the step splitter (importers::split_steps / structure_steps) and the dossier
// and time-unit structuring of the `xasite import dvc` parsers.
//
// The bytes, as NFC text when valid UTF-8 (the importers only hand it cleaned text), are split
// into steps. Invariants checked:
//  - every piece (step text, substep) is non-empty unless the step has a title or substeps, is
//    trimmed and occurs in the text after the previous piece: nothing is reordered or invented;
//  - the text left between pieces is only markers and whitespace (tests/procedures/
//    step_markers.hpp states what a marker is, independently of the splitter);
//  - a titled step whose text is the bytes stays one step when it has no "Bước" marker;
//  - a record holding the split steps round-trips through to_json/from_json;
//  - structure_dossier on items named by the lines of the text keeps every line, as an item or a
//    note, in order.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"
#include "generator/procedures/procedure.hpp"
#include "tests/procedures/step_markers.hpp"

namespace {

using namespace xasite;
using namespace xasite::procedures;

void check_pieces(std::string_view text, const std::vector<Step>& steps) {
    for (const auto& step : steps) {
        if (step.title.empty() && step.text.empty() && step.substeps.empty()) std::abort();
        if (text::trim(step.text).size() != step.text.size()) std::abort();
        for (const auto& sub : step.substeps)
            if (sub.empty() || text::trim(sub).size() != sub.size()) std::abort();
    }
    if (std::string problem = procedures::testing::pieces_cover(text, steps); !problem.empty()) {
        std::fprintf(stderr, "step_text: %s\n", problem.c_str());
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (!text::is_valid_utf8(bytes)) return 0;
    const std::string text = text::nfc(bytes);

    std::vector<Step> steps = importers::split_steps(text);
    check_pieces(text, steps);

    std::vector<Step> titled = importers::structure_steps({Step{"Nộp hồ sơ", text, {}}});
    bool buoc = false;
    for (const auto& s : steps)
        buoc = buoc || !s.title.empty();
    if (!buoc && !text::trim(text).empty() && titled.size() != 1) std::abort();

    Procedure p;
    p.code = "1.000000";
    p.name = "Thủ tục";
    p.field = "Lĩnh vực";
    p.steps = std::move(steps);
    DossierCase dossier_case;
    dossier_case.name = std::string(text::trim(text.substr(0, text.find('\n'))));
    std::size_t lines = 0;
    for (auto line : text::split(text, '\n')) {
        std::string name(text::trim(line));
        if (name.empty()) continue;
        ++lines;
        DossierItem item;
        item.name = name;
        if (lines % 3 == 0) item.originals = 1;
        dossier_case.items.push_back(std::move(item));
    }
    p.dossier = {dossier_case};
    importers::structure_dossier(p.dossier);
    if (p.dossier[0].items.size() + p.dossier[0].notes.size() != lines) std::abort();

    std::vector<ChannelInfo> channels(1);
    channels[0].time_text = text;
    auto own = importers::parse_duration(text);
    channels[0].time_value = own.value;
    importers::fill_bare_time_units(channels, {importers::parse_duration(text)});
    p.channels = channels;

    std::string first = to_json_text(p);
    Procedure back = from_json(nlohmann::json::parse(first), "round-trip.json");
    if (to_json_text(back) != first) std::abort();
    return 0;
}
