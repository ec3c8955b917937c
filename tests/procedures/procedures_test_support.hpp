// Helpers for the procedure tests: fixture paths, the whole-fixture import (done once per test
// process), lookups and error expectations.
#pragma once

#include <algorithm>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "generator/procedures/import.hpp"
#include "generator/procedures/procedure.hpp"
#include "test_support.hpp"

namespace xasite::procedures::testing {

inline std::filesystem::path dvc_dir() {
    return ::xasite::testing::fixtures_dir() / "dvc";
}
inline std::filesystem::path bad_dir() {
    return ::xasite::testing::fixtures_dir() / "dvc-bad";
}
inline std::filesystem::path catalog_file() {
    return dvc_dir() / "catalog-1350" / "catalog.json";
}
inline std::filesystem::path api_file() {
    return dvc_dir() / "catalog-1350" / "full-records.jsonl";
}
inline std::filesystem::path word_dir() {
    return dvc_dir() / "nhdandz-ThuTucHanhChinh" / "extracted_fixed";
}
inline std::filesystem::path html_dir() {
    return dvc_dir() / "phamhungVpdklk-TTHC-2228";
}

struct Imported {
    std::vector<Procedure> records;
    ImportReport report;
};

inline Imported import_paths(const std::vector<std::filesystem::path>& inputs) {
    Imported result;
    result.records = import_sources(inputs, result.report);
    return result;
}

// The whole of tests/fixtures/dvc, imported once per process.
inline const Imported& whole_fixture_import() {
    static const Imported imported = import_paths({dvc_dir()});
    return imported;
}

inline const Procedure* find_code(const std::vector<Procedure>& records, const std::string& code) {
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const Procedure& p) { return p.code == code; });
    return it == records.end() ? nullptr : &*it;
}

// The record with that code; fails the test (and throws to stop it) when it is missing.
inline const Procedure& record(const std::vector<Procedure>& records, const std::string& code) {
    const Procedure* p = find_code(records, code);
    if (!p) {
        ADD_FAILURE() << "no record with code " << code;
        throw std::runtime_error("missing record " + code);
    }
    return *p;
}

inline const ChannelInfo* channel(const Procedure& p, Channel c) {
    for (const auto& info : p.channels)
        if (info.channel == c) return &info;
    return nullptr;
}

inline bool any_warning_contains(const ImportReport& report,
                                 std::initializer_list<std::string> parts) {
    return std::any_of(report.warnings.begin(), report.warnings.end(), [&](const std::string& w) {
        return std::all_of(parts.begin(), parts.end(), [&](const std::string& part) {
            return w.find(part) != std::string::npos;
        });
    });
}

// Runs f, expects an InputError whose message contains every part; returns the message.
inline std::string expect_input_error(const std::function<void()>& f,
                                      std::initializer_list<std::string> parts) {
    try {
        f();
    } catch (const InputError& e) {
        std::string message = e.what();
        for (const auto& part : parts)
            EXPECT_NE(message.find(part), std::string::npos)
                << "message \"" << message << "\" lacks \"" << part << "\"";
        return message;
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected InputError, got another exception: " << e.what();
        return {};
    }
    ADD_FAILURE() << "expected an InputError, nothing was thrown";
    return {};
}

}  // namespace xasite::procedures::testing
