// `xasite import dvc`: converts real procedure exports into normalised records.
//
// Recognised inputs (a file, or a directory searched recursively):
//  - the national catalog list: a JSON array of {code, name, field} (catalog-1350/catalog.json)
//  - national-portal API records, one JSON object per line (catalog-1350/full-records.jsonl)
//  - Word-export JSON records of the national TTHC database (nhdandz …/extracted_fixed/<code>.json)
//  - hand-made HTML procedure pages (phamhungVpdklk-TTHC-2228/<code>[.H19].html), parsed with gumbo
// Records merge by code: a full record beats a catalog-only one; each keeps every source it came
// from.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "generator/procedures/procedure.hpp"

namespace xasite::procedures {

struct ImportReport {
    std::size_t files_read = 0;
    std::size_t records_read = 0;  // before merging
    std::size_t full = 0;          // after merging
    std::size_t catalog_only = 0;
    std::vector<std::string> warnings;  // "file: record N: …" for skipped or repaired records
};

// Reads and merges every input. Throws InputError (file, record/line, what) on unreadable or
// malformed input that cannot be skipped safely. Result sorted by code.
std::vector<Procedure> import_sources(const std::vector<std::filesystem::path>& inputs,
                                      ImportReport& report);

// Writes one <code>.json per record into out_dir (deterministic bytes: sorted keys as defined by
// to_json, two-space indent, trailing newline). Records whose file is unchanged are not rewritten.
// With prune, the records of codes no longer present are removed: only files it can identify as
// its own ("<code>.json" holding a valid record of that code); other .json files in out_dir (a
// config.json) are kept and returned, so the caller can say so.
std::vector<std::filesystem::path> write_records(const std::vector<Procedure>& records,
                                                 const std::filesystem::path& out_dir, bool prune);

// The whole command: import, write, print a summary (and warnings) to `log`. Returns exit status.
int run_import_dvc(const std::vector<std::filesystem::path>& inputs,
                   const std::filesystem::path& out_dir, bool prune, std::ostream& log);

}  // namespace xasite::procedures
