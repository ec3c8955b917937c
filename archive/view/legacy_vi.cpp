#include "archive/view/legacy_vi.hpp"

#include <array>
#include <cctype>
#include <memory>

#include "core/ascii.hpp"
#include "core/text.hpp"

namespace xasite::archive {

namespace {

struct VniPair {
    unsigned char base, mark;
    char32_t letter;
};
struct VniSingle {
    unsigned char byte;
    char32_t letter;
};

// The tables below are data, derived as follows.
//  - TCVN3: TCVN 5712:1993. The lower-case letters and Ă Â Ê Ô Ơ Ư Đ are the VN3 set of the ABC
//    fonts (.VnTime …); the remaining positions hold the VN1 capitals. Generated from glibc
//    iconv's TCVN5712-1 converter, one byte at a time (`printf '\xNN' | iconv -f TCVN5712-1`),
//    and cross-checked against the TCVN table of xvnkb (lamdao/xvnkb tcvn.h). 0xB0-0xB4 are
//    combining marks (NFC composes them afterwards).
//  - VNI (VNI-Windows): a letter is an ASCII base letter followed by one mark byte that carries
//    the vowel mark and the tone: tone marks ù ø û õ ï (acute, grave, hook, tilde, dot below;
//    capitals Ù Ø Û Õ Ï), circumflex â with tones á à å ã ä, breve ê with tones é è ú ü ë
//    (capitals in the same columns); ơ = ô, ư = ö, đ = ñ, and i/ỵ with a tone are single bytes
//    (í ì æ ó ò, î). Generated from that scheme (the order of xvnkb vni.h) with Unicode NFC for
//    the letters, and checked on real VNI phrases ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam").
// Bytes 0x80-0xFF of TCVN3 (.VnTime fonts).
constexpr char32_t kTcvn3High[128] = {
    0x00C0, 0x1EA2, 0x00C3, 0x00C1,
    0x1EA0, 0x1EB6, 0x1EAC, 0x00C8,  // 0x80: À Ả Ã Á Ạ Ặ Ậ È
    0x1EBA, 0x1EBC, 0x00C9, 0x1EB8,
    0x1EC6, 0x00CC, 0x1EC8, 0x0128,  // 0x88: Ẻ Ẽ É Ẹ Ệ Ì Ỉ Ĩ
    0x00CD, 0x1ECA, 0x00D2, 0x1ECE,
    0x00D5, 0x00D3, 0x1ECC, 0x1ED8,  // 0x90: Í Ị Ò Ỏ Õ Ó Ọ Ộ
    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA,
    0x1EE2, 0x00D9, 0x1EE6, 0x0168,  // 0x98: Ờ Ở Ỡ Ớ Ợ Ù Ủ Ũ
    0x00A0, 0x0102, 0x00C2, 0x00CA,
    0x00D4, 0x01A0, 0x01AF, 0x0110,  // 0xA0:   Ă Â Ê Ô Ơ Ư Đ
    0x0103, 0x00E2, 0x00EA, 0x00F4,
    0x01A1, 0x01B0, 0x0111, 0x1EB0,  // 0xA8: ă â ê ô ơ ư đ Ằ
    0x0300, 0x0309, 0x0303, 0x0301,
    0x0323, 0x00E0, 0x1EA3, 0x00E3,  // 0xB0: combining grave, hook, tilde, acute, dot below; à ả ã
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1,
    0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,  // 0xB8: á ạ Ẳ ằ ẳ ẵ ắ Ẵ
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA,
    0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,  // 0xC0: Ắ Ầ Ẩ Ẫ Ấ Ề ặ ầ
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD,
    0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,  // 0xC8: ẩ ẫ ấ ậ è Ể ẻ ẽ
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3,
    0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  // 0xD0: é ẹ ề ể ễ ế ệ ì
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2,
    0x0129, 0x00ED, 0x1ECB, 0x00F2,  // 0xD8: ỉ Ễ Ế Ồ ĩ í ị ò
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3,
    0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  // 0xE0: Ổ ỏ õ ó ọ ồ ổ ỗ
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF,
    0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  // 0xE8: ố ộ ờ ở ỡ ớ ợ ù
    0x1ED6, 0x1EE7, 0x0169, 0x00FA,
    0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  // 0xF0: Ỗ ủ ũ ú ụ ừ ử ữ
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7,
    0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,  // 0xF8: ứ ự ỳ ỷ ỹ ý ỵ Ố
};

// VNI two-byte spellings: base byte, mark byte → letter (236 entries).
constexpr VniPair kVniPairs[] = {
    {'a', 0xF9, 0x00E1},  {'a', 0xF8, 0x00E0},  {'a', 0xFB, 0x1EA3},  {'a', 0xF5, 0x00E3},
    {'a', 0xEF, 0x1EA1},  {'e', 0xF9, 0x00E9},  {'e', 0xF8, 0x00E8},  {'e', 0xFB, 0x1EBB},
    {'e', 0xF5, 0x1EBD},  {'e', 0xEF, 0x1EB9},  {'o', 0xF9, 0x00F3},  {'o', 0xF8, 0x00F2},
    {'o', 0xFB, 0x1ECF},  {'o', 0xF5, 0x00F5},  {'o', 0xEF, 0x1ECD},  {'u', 0xF9, 0x00FA},
    {'u', 0xF8, 0x00F9},  {'u', 0xFB, 0x1EE7},  {'u', 0xF5, 0x0169},  {'u', 0xEF, 0x1EE5},
    {'y', 0xF9, 0x00FD},  {'y', 0xF8, 0x1EF3},  {'y', 0xFB, 0x1EF7},  {'y', 0xF5, 0x1EF9},
    {'y', 0xEF, 0x1EF5},  {'a', 0xE2, 0x00E2},  {'a', 0xE1, 0x1EA5},  {'a', 0xE0, 0x1EA7},
    {'a', 0xE5, 0x1EA9},  {'a', 0xE3, 0x1EAB},  {'a', 0xE4, 0x1EAD},  {'e', 0xE2, 0x00EA},
    {'e', 0xE1, 0x1EBF},  {'e', 0xE0, 0x1EC1},  {'e', 0xE5, 0x1EC3},  {'e', 0xE3, 0x1EC5},
    {'e', 0xE4, 0x1EC7},  {'o', 0xE2, 0x00F4},  {'o', 0xE1, 0x1ED1},  {'o', 0xE0, 0x1ED3},
    {'o', 0xE5, 0x1ED5},  {'o', 0xE3, 0x1ED7},  {'o', 0xE4, 0x1ED9},  {'a', 0xEA, 0x0103},
    {'a', 0xE9, 0x1EAF},  {'a', 0xE8, 0x1EB1},  {'a', 0xFA, 0x1EB3},  {'a', 0xFC, 0x1EB5},
    {'a', 0xEB, 0x1EB7},  {0xF4, 0xF9, 0x1EDB}, {0xF4, 0xF8, 0x1EDD}, {0xF4, 0xFB, 0x1EDF},
    {0xF4, 0xF5, 0x1EE1}, {0xF4, 0xEF, 0x1EE3}, {0xF6, 0xF9, 0x1EE9}, {0xF6, 0xF8, 0x1EEB},
    {0xF6, 0xFB, 0x1EED}, {0xF6, 0xF5, 0x1EEF}, {0xF6, 0xEF, 0x1EF1}, {'a', 0xD9, 0x00E1},
    {'a', 0xD8, 0x00E0},  {'a', 0xDB, 0x1EA3},  {'a', 0xD5, 0x00E3},  {'a', 0xCF, 0x1EA1},
    {'e', 0xD9, 0x00E9},  {'e', 0xD8, 0x00E8},  {'e', 0xDB, 0x1EBB},  {'e', 0xD5, 0x1EBD},
    {'e', 0xCF, 0x1EB9},  {'o', 0xD9, 0x00F3},  {'o', 0xD8, 0x00F2},  {'o', 0xDB, 0x1ECF},
    {'o', 0xD5, 0x00F5},  {'o', 0xCF, 0x1ECD},  {'u', 0xD9, 0x00FA},  {'u', 0xD8, 0x00F9},
    {'u', 0xDB, 0x1EE7},  {'u', 0xD5, 0x0169},  {'u', 0xCF, 0x1EE5},  {'y', 0xD9, 0x00FD},
    {'y', 0xD8, 0x1EF3},  {'y', 0xDB, 0x1EF7},  {'y', 0xD5, 0x1EF9},  {'y', 0xCF, 0x1EF5},
    {'a', 0xC2, 0x00E2},  {'a', 0xC1, 0x1EA5},  {'a', 0xC0, 0x1EA7},  {'a', 0xC5, 0x1EA9},
    {'a', 0xC3, 0x1EAB},  {'a', 0xC4, 0x1EAD},  {'e', 0xC2, 0x00EA},  {'e', 0xC1, 0x1EBF},
    {'e', 0xC0, 0x1EC1},  {'e', 0xC5, 0x1EC3},  {'e', 0xC3, 0x1EC5},  {'e', 0xC4, 0x1EC7},
    {'o', 0xC2, 0x00F4},  {'o', 0xC1, 0x1ED1},  {'o', 0xC0, 0x1ED3},  {'o', 0xC5, 0x1ED5},
    {'o', 0xC3, 0x1ED7},  {'o', 0xC4, 0x1ED9},  {'a', 0xCA, 0x0103},  {'a', 0xC9, 0x1EAF},
    {'a', 0xC8, 0x1EB1},  {'a', 0xDA, 0x1EB3},  {'a', 0xDC, 0x1EB5},  {'a', 0xCB, 0x1EB7},
    {0xF4, 0xD9, 0x1EDB}, {0xF4, 0xD8, 0x1EDD}, {0xF4, 0xDB, 0x1EDF}, {0xF4, 0xD5, 0x1EE1},
    {0xF4, 0xCF, 0x1EE3}, {0xF6, 0xD9, 0x1EE9}, {0xF6, 0xD8, 0x1EEB}, {0xF6, 0xDB, 0x1EED},
    {0xF6, 0xD5, 0x1EEF}, {0xF6, 0xCF, 0x1EF1}, {'A', 0xF9, 0x00C1},  {'A', 0xF8, 0x00C0},
    {'A', 0xFB, 0x1EA2},  {'A', 0xF5, 0x00C3},  {'A', 0xEF, 0x1EA0},  {'E', 0xF9, 0x00C9},
    {'E', 0xF8, 0x00C8},  {'E', 0xFB, 0x1EBA},  {'E', 0xF5, 0x1EBC},  {'E', 0xEF, 0x1EB8},
    {'O', 0xF9, 0x00D3},  {'O', 0xF8, 0x00D2},  {'O', 0xFB, 0x1ECE},  {'O', 0xF5, 0x00D5},
    {'O', 0xEF, 0x1ECC},  {'U', 0xF9, 0x00DA},  {'U', 0xF8, 0x00D9},  {'U', 0xFB, 0x1EE6},
    {'U', 0xF5, 0x0168},  {'U', 0xEF, 0x1EE4},  {'Y', 0xF9, 0x00DD},  {'Y', 0xF8, 0x1EF2},
    {'Y', 0xFB, 0x1EF6},  {'Y', 0xF5, 0x1EF8},  {'Y', 0xEF, 0x1EF4},  {'A', 0xE2, 0x00C2},
    {'A', 0xE1, 0x1EA4},  {'A', 0xE0, 0x1EA6},  {'A', 0xE5, 0x1EA8},  {'A', 0xE3, 0x1EAA},
    {'A', 0xE4, 0x1EAC},  {'E', 0xE2, 0x00CA},  {'E', 0xE1, 0x1EBE},  {'E', 0xE0, 0x1EC0},
    {'E', 0xE5, 0x1EC2},  {'E', 0xE3, 0x1EC4},  {'E', 0xE4, 0x1EC6},  {'O', 0xE2, 0x00D4},
    {'O', 0xE1, 0x1ED0},  {'O', 0xE0, 0x1ED2},  {'O', 0xE5, 0x1ED4},  {'O', 0xE3, 0x1ED6},
    {'O', 0xE4, 0x1ED8},  {'A', 0xEA, 0x0102},  {'A', 0xE9, 0x1EAE},  {'A', 0xE8, 0x1EB0},
    {'A', 0xFA, 0x1EB2},  {'A', 0xFC, 0x1EB4},  {'A', 0xEB, 0x1EB6},  {0xD4, 0xF9, 0x1EDA},
    {0xD4, 0xF8, 0x1EDC}, {0xD4, 0xFB, 0x1EDE}, {0xD4, 0xF5, 0x1EE0}, {0xD4, 0xEF, 0x1EE2},
    {0xD6, 0xF9, 0x1EE8}, {0xD6, 0xF8, 0x1EEA}, {0xD6, 0xFB, 0x1EEC}, {0xD6, 0xF5, 0x1EEE},
    {0xD6, 0xEF, 0x1EF0}, {'A', 0xD9, 0x00C1},  {'A', 0xD8, 0x00C0},  {'A', 0xDB, 0x1EA2},
    {'A', 0xD5, 0x00C3},  {'A', 0xCF, 0x1EA0},  {'E', 0xD9, 0x00C9},  {'E', 0xD8, 0x00C8},
    {'E', 0xDB, 0x1EBA},  {'E', 0xD5, 0x1EBC},  {'E', 0xCF, 0x1EB8},  {'O', 0xD9, 0x00D3},
    {'O', 0xD8, 0x00D2},  {'O', 0xDB, 0x1ECE},  {'O', 0xD5, 0x00D5},  {'O', 0xCF, 0x1ECC},
    {'U', 0xD9, 0x00DA},  {'U', 0xD8, 0x00D9},  {'U', 0xDB, 0x1EE6},  {'U', 0xD5, 0x0168},
    {'U', 0xCF, 0x1EE4},  {'Y', 0xD9, 0x00DD},  {'Y', 0xD8, 0x1EF2},  {'Y', 0xDB, 0x1EF6},
    {'Y', 0xD5, 0x1EF8},  {'Y', 0xCF, 0x1EF4},  {'A', 0xC2, 0x00C2},  {'A', 0xC1, 0x1EA4},
    {'A', 0xC0, 0x1EA6},  {'A', 0xC5, 0x1EA8},  {'A', 0xC3, 0x1EAA},  {'A', 0xC4, 0x1EAC},
    {'E', 0xC2, 0x00CA},  {'E', 0xC1, 0x1EBE},  {'E', 0xC0, 0x1EC0},  {'E', 0xC5, 0x1EC2},
    {'E', 0xC3, 0x1EC4},  {'E', 0xC4, 0x1EC6},  {'O', 0xC2, 0x00D4},  {'O', 0xC1, 0x1ED0},
    {'O', 0xC0, 0x1ED2},  {'O', 0xC5, 0x1ED4},  {'O', 0xC3, 0x1ED6},  {'O', 0xC4, 0x1ED8},
    {'A', 0xCA, 0x0102},  {'A', 0xC9, 0x1EAE},  {'A', 0xC8, 0x1EB0},  {'A', 0xDA, 0x1EB2},
    {'A', 0xDC, 0x1EB4},  {'A', 0xCB, 0x1EB6},  {0xD4, 0xD9, 0x1EDA}, {0xD4, 0xD8, 0x1EDC},
    {0xD4, 0xDB, 0x1EDE}, {0xD4, 0xD5, 0x1EE0}, {0xD4, 0xCF, 0x1EE2}, {0xD6, 0xD9, 0x1EE8},
    {0xD6, 0xD8, 0x1EEA}, {0xD6, 0xDB, 0x1EEC}, {0xD6, 0xD5, 0x1EEE}, {0xD6, 0xCF, 0x1EF0},
};
// VNI single bytes that are letters on their own.
constexpr VniSingle kVniSingles[] = {
    {0xF4, 0x01A1}, {0xD4, 0x01A0}, {0xF6, 0x01B0}, {0xD6, 0x01AF}, {0xF1, 0x0111}, {0xD1, 0x0110},
    {0xED, 0x00ED}, {0xEC, 0x00EC}, {0xE6, 0x1EC9}, {0xF3, 0x0129}, {0xF2, 0x1ECB}, {0xCD, 0x00CD},
    {0xCC, 0x00CC}, {0xC6, 0x1EC8}, {0xD3, 0x0128}, {0xD2, 0x1ECA}, {0xEE, 0x1EF5}, {0xCE, 0x1EF4},
};

bool is_legacy_tcvn_name(std::string_view n) {
    // ".VnTime", ".VnArial", ".VnCentury Schoolbook", ".VnTimeH", ".VnArialH", ".VnBook-Antiqua"…
    return n.size() >= 4 && n[0] == '.' && (n[1] == 'v' || n[1] == 'V') &&
           (n[2] == 'n' || n[2] == 'N') && std::isalpha(static_cast<unsigned char>(n[3]));
}

bool is_legacy_vni_name(std::string_view n) {
    // "VNI-Times", "VNI-Helve", "VNI Times", "VNI-Univer"…
    return n.size() >= 4 && (n[0] == 'v' || n[0] == 'V') && (n[1] == 'n' || n[1] == 'N') &&
           (n[2] == 'i' || n[2] == 'I') && (n[3] == '-' || n[3] == ' ' || n[3] == '_');
}

std::string_view trim_family(std::string_view f) {
    while (!f.empty() && (std::isspace(static_cast<unsigned char>(f.front())) || f.front() == '"' ||
                          f.front() == '\''))
        f.remove_prefix(1);
    while (!f.empty() && (std::isspace(static_cast<unsigned char>(f.back())) || f.back() == '"' ||
                          f.back() == '\'' || f.back() == '!'))
        f.remove_suffix(1);
    return f;
}

LegacyFont classify(std::string_view name) {
    name = trim_family(name);
    if (is_legacy_tcvn_name(name)) {
        // Capitals fonts end in "H" (".VnTimeH", ".VnArialH"), possibly before a style suffix.
        std::string_view core = name;
        for (std::string_view suffix : {" bold", " italic", "-bold", "-italic"}) {
            if (core.size() > suffix.size()) {
                std::string tail(core.substr(core.size() - suffix.size()));
                ascii::lower_in_place(tail);
                if (tail == suffix) core = core.substr(0, core.size() - suffix.size());
            }
        }
        return (!core.empty() && core.back() == 'H') ? LegacyFont::tcvn3_capitals
                                                     : LegacyFont::tcvn3;
    }
    if (is_legacy_vni_name(name)) return LegacyFont::vni;
    return LegacyFont::none;
}

}  // namespace

LegacyFont legacy_font(std::string_view families) {
    auto comma = families.find(',');
    return classify(families.substr(0, comma));
}

LegacyFont legacy_font_in_shorthand(std::string_view value) {
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() &&
               (std::isspace(static_cast<unsigned char>(value[i])) || value[i] == ','))
            ++i;
        std::size_t j = i;
        if (j < value.size() && (value[j] == '"' || value[j] == '\'')) {
            char q = value[j++];
            while (j < value.size() && value[j] != q)
                ++j;
            if (j < value.size()) ++j;
        } else {
            while (j < value.size() && !std::isspace(static_cast<unsigned char>(value[j])) &&
                   value[j] != ',')
                ++j;
        }
        LegacyFont f = classify(value.substr(i, j - i));
        if (f != LegacyFont::none) return f;
        i = j;
    }
    return LegacyFont::none;
}

namespace {

// Finds ".Vn<Capital>" (TCVN3 fonts) and "VNI-<Capital>" (VNI fonts) tokens; the capital letter
// keeps host names such as "www.vnexpress.net" or "daklak.vn/" from counting.
template <typename F>
void scan_legacy_fonts(std::string_view text, F&& found) {
    for (std::size_t i = 0; i + 4 < text.size(); ++i) {
        char c = text[i];
        bool boundary = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
        if (!boundary) continue;
        if (c == '.' && (text[i + 1] == 'v' || text[i + 1] == 'V') &&
            (text[i + 2] == 'n' || text[i + 2] == 'N') &&
            std::isupper(static_cast<unsigned char>(text[i + 3]))) {
            if (!found(LegacyFont::tcvn3)) return;
            i += 3;
        } else if ((c == 'v' || c == 'V') && (text[i + 1] == 'n' || text[i + 1] == 'N') &&
                   (text[i + 2] == 'i' || text[i + 2] == 'I') && text[i + 3] == '-' &&
                   std::isupper(static_cast<unsigned char>(text[i + 4]))) {
            if (!found(LegacyFont::vni)) return;
            i += 4;
        }
    }
}

}  // namespace

bool mentions_legacy_font(std::string_view text, LegacyFont& which) {
    which = LegacyFont::none;
    scan_legacy_fonts(text, [&](LegacyFont f) {
        which = f;
        return false;
    });
    return which != LegacyFont::none;
}

void count_legacy_fonts(std::string_view text, std::size_t& tcvn3, std::size_t& vni) {
    tcvn3 = vni = 0;
    scan_legacy_fonts(text, [&](LegacyFont f) {
        (f == LegacyFont::vni ? vni : tcvn3)++;
        return true;
    });
}

std::string unicode_font_for(std::string_view legacy_family) {
    std::string l;
    for (char c : trim_family(legacy_family))
        l.push_back(ascii::lower(c));
    if (l.find("arial") != std::string::npos || l.find("helve") != std::string::npos ||
        l.find("univer") != std::string::npos)
        return "Arial";
    if (l.find("courier") != std::string::npos) return "Courier New";
    return "Times New Roman";
}

std::string replace_legacy_fonts(std::string_view families) {
    std::string out;
    bool changed = false;
    std::size_t start = 0;
    while (start <= families.size()) {
        auto comma = families.find(',', start);
        std::string_view part = families.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (classify(part) != LegacyFont::none) {
            // Keep the surrounding spaces, drop the quotes of the old name.
            std::size_t lead = 0;
            while (lead < part.size() && std::isspace(static_cast<unsigned char>(part[lead])))
                ++lead;
            out.append(part.substr(0, lead));
            std::string f = unicode_font_for(part);
            out += f.find(' ') != std::string::npos ? "'" + f + "'" : f;
            changed = true;
        } else {
            out.append(part);
        }
        if (comma == std::string_view::npos) break;
        out.push_back(',');
        start = comma + 1;
    }
    return changed ? out : std::string(families);
}

char32_t windows1252_code_point(unsigned char b) {
    static constexpr std::array<char32_t, 32> c1 = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    if (b >= 0x80 && b < 0xA0) return c1[b - 0x80];
    return b;
}

std::string windows1252_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (char c : bytes)
        text::append_utf8(out, windows1252_code_point(static_cast<unsigned char>(c)));
    return out;
}

std::string tcvn3_to_utf8(std::string_view bytes, bool capitals) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        text::append_utf8(out, b < 0x80 ? char32_t(b) : kTcvn3High[b - 0x80]);
    }
    return capitals ? text::upper(text::nfc(out)) : out;
}

std::string vni_to_utf8(std::string_view bytes) {
    // Index the pairs once: base byte → list of (mark, letter).
    static const auto index = [] {
        auto t = std::make_unique<std::array<std::array<char32_t, 256>, 256>>();
        for (auto& row : *t)
            row.fill(0);
        for (const auto& p : kVniPairs)
            (*t)[p.base][p.mark] = p.letter;
        return t;
    }();
    static const auto singles = [] {
        std::array<char32_t, 256> s{};
        for (const auto& p : kVniSingles)
            s[p.byte] = p.letter;
        return s;
    }();
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto b = static_cast<unsigned char>(bytes[i]);
        if (i + 1 < bytes.size()) {
            auto m = static_cast<unsigned char>(bytes[i + 1]);
            if (char32_t l = (*index)[b][m]) {
                text::append_utf8(out, l);
                ++i;
                continue;
            }
        }
        if (char32_t s = singles[b])
            text::append_utf8(out, s);
        else
            text::append_utf8(out, windows1252_code_point(b));
    }
    return out;
}

}  // namespace xasite::archive
