// The layout of the search database, shared by the indexer and the query engine. Described for
// people in docs/SEARCH-INDEX.md; change both together (and kFormatVersion).
#pragma once

#include <string_view>

#include <xapian.h>

namespace xasite::search::layout {

// Stored in the metadata under kMetaFormat; a database with another version is refused.
inline constexpr std::string_view kFormatVersion = "1";

// Term prefixes. Folded syllables ("dang", "ki") are unprefixed and carry positions.
inline constexpr std::string_view kTitle = "S";        // folded title syllable
inline constexpr std::string_view kKeywords = "K";     // folded keyword syllable (field, agencies)
inline constexpr std::string_view kTitleBigram = "T";  // "khai_sinh": adjacent title syllables
inline constexpr std::string_view kBigram = "B";       // adjacent syllables anywhere
inline constexpr std::string_view kExact = "E";        // exact form with marks ("đăng", "ủy")
inline constexpr std::string_view kCode = "XC";        // code key ("1.001193", "156/kh-ubnd")
inline constexpr std::string_view kId = "Q";           // unique id ("procedure/1.001193")
inline constexpr std::string_view kUnit = "XU";        // unit code; "XU*" = every unit
inline constexpr std::string_view kEveryUnit = "XU*";
inline constexpr std::string_view kType = "XT";          // procedure | directive | page | archive
inline constexpr std::string_view kField = "XF";         // folded field name ("ho tich")
inline constexpr std::string_view kLevel = "XL";         // commune | province | ministry | …
inline constexpr std::string_view kOnline = "XO";        // none | partial | full
inline constexpr std::string_view kBoundaryFree = "XB";  // "XB1" when boundary-free
inline constexpr std::string_view kOldUnit = "XA";       // archives: the old unit code

inline constexpr char kBigramJoin = '_';

// Value slots (facets and sorting). Multi-valued slots join their values with '\n'.
//
// Facet counting (searcher.cpp), the same figures either way:
//  - every shard local (a database directory, or a stub file of local shards): the slots of
//    IndexSnapshot::kFacetSlots and kSlotFoldedTitle are read into memory at open (in Xapian's
//    combined docid space when there are several shards) and counted over the MSet of every match;
//  - a remote shard (xapian-tcpsrv): counted on the servers by Xapian's built-in, serialisable
//    ValueCountMatchSpy, one per facet slot. A multi-valued slot (kSlotLevels, kSlotUnits) is
//    counted by its whole value, the combination ("commune\nprovince"), and the combinations are
//    split after merging: a value's count is the sum of the counts of the combinations that hold
//    it (a document holds each value once), so no layout change is needed. The life events are
//    counted the same way on kSlotFoldedTitle (each distinct title, then its events).
//  Keep every facet in a value slot, values joined by '\n' without repeats, or this breaks.
inline constexpr Xapian::valueno kSlotType = 0;
inline constexpr Xapian::valueno kSlotField = 1;
inline constexpr Xapian::valueno kSlotLevels = 2;
inline constexpr Xapian::valueno kSlotOnline = 3;
inline constexpr Xapian::valueno kSlotUnits = 4;
inline constexpr Xapian::valueno kSlotDate = 5;  // "YYYY-MM-DD" (sorts as text)
inline constexpr Xapian::valueno kSlotBoundaryFree = 6;
inline constexpr Xapian::valueno kSlotOldUnit = 7;
inline constexpr Xapian::valueno kSlotFoldedTitle = 8;  // analyzer.hpp fold_title()
// A hash of the document's fields, the lexicon it was analysed with and kAnalysisVersion: an
// incremental build replaces a document only when this differs.
inline constexpr Xapian::valueno kSlotFingerprint = 9;
// The way analyze() turns a document into terms and values. Raise it when that changes, so that
// an incremental build re-analyses every document of an index written before (2: qualifiers in
// parentheses left out of the folded title and of the title's brevity).
inline constexpr int kAnalysisVersion = 2;
// A procedure's id ("procedure/1.001193"): the collapse key when several shards are searched as
// one, so that a national procedure every province's index holds is shown and counted once.
// Other documents, and indexes written before it, have no value there: Xapian never collapses an
// empty key.
inline constexpr Xapian::valueno kSlotCollapse = 10;

// Term positions: each field starts kFieldGap after the previous one, so phrases never cross
// fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// Title brevity: title terms get wdf = kBrevityFloor + max(0, kBrevityBase - syllables in the
// title outside parentheses), so a query that covers most of a short title ("Đăng ký khai sinh")
// beats the same words in a long title. With BM25 (k1 1.2) the shortest titles weigh about 1.25×
// the longest.
inline constexpr int kBrevityBase = 28;
inline constexpr int kBrevityFloor = 4;

// Metadata keys.
inline constexpr std::string_view kMetaFormat = "xasite.format";
inline constexpr std::string_view kMetaUnits = "xasite.units";      // {"code": ["slug", "name"]}
inline constexpr std::string_view kMetaLexicon = "xasite.lexicon";  // Lexicon::serialize()

// Terms longer than this are not indexed (Xapian's limit is 245 bytes).
inline constexpr std::size_t kMaxTermBytes = 120;

}  // namespace xasite::search::layout
