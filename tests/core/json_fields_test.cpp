#include "core/json_fields.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"

using namespace xasite;
using nlohmann::json;

namespace {

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST(JsonFields, ReadsFields) {
    json j = json::parse(R"({"s": "x", "n": 7, "b": true, "d": "2024-02-29", "a": ["p", "q"],
                             "o": {"k": "v"}, "z": null, "f": 1.5})");
    JsonFields f(j, "site.json");
    EXPECT_EQ(f.required_string("s"), "x");
    EXPECT_EQ(f.optional_string("missing"), std::nullopt);
    EXPECT_EQ(f.optional_string("z"), std::nullopt);  // null is absent
    EXPECT_EQ(f.string_or("missing", "dflt"), "dflt");
    EXPECT_EQ(f.optional_int("n", 0, 10), 7);
    EXPECT_EQ(f.optional_bool("b"), true);
    EXPECT_EQ(f.optional_number("f"), 1.5);
    EXPECT_EQ(f.optional_date("d"), "2024-02-29");
    EXPECT_EQ(f.optional_date("missing"), "");
    EXPECT_EQ(f.strings("a"), (std::vector<std::string>{"p", "q"}));
    EXPECT_EQ(f.object("o").required_string("k"), "v");
    EXPECT_EQ(f.object("missing").optional_string("k"), std::nullopt);
}

TEST(JsonFields, OneWordingNamingFileRecordAndField) {
    json j = json::parse(R"({"s": 1, "n": "7", "b": "yes", "a": [1], "o": [], "d": "2025-13-45",
                             "big": 99, "e": " ", "list": {"x": 1}})");
    JsonFields f(j, "catalog.json record 3");
    EXPECT_EQ(error_of([&] { f.required_string("s"); }),
              "catalog.json record 3: field \"s\": expected a string, got number");
    EXPECT_EQ(error_of([&] { f.required_string("nope"); }),
              "catalog.json record 3: field \"nope\": missing");
    EXPECT_EQ(error_of([&] { f.required_string("e", true); }),
              "catalog.json record 3: field \"e\": must not be empty");
    EXPECT_EQ(error_of([&] { f.optional_int("n", 0, 10); }),
              "catalog.json record 3: field \"n\": expected a whole number, got string");
    EXPECT_EQ(error_of([&] { f.optional_int("big", 0, 10); }),
              "catalog.json record 3: field \"big\": number out of range");
    EXPECT_EQ(error_of([&] { f.optional_bool("b"); }),
              "catalog.json record 3: field \"b\": expected true or false, got string");
    EXPECT_EQ(error_of([&] { f.strings("a"); }),
              "catalog.json record 3: field \"a[0]\": expected a string, got number");
    EXPECT_EQ(error_of([&] { f.strings("list"); }),
              "catalog.json record 3: field \"list\": expected an array, got object");
    EXPECT_EQ(error_of([&] { f.object("o"); }),
              "catalog.json record 3: field \"o\": expected an object, got array");
    EXPECT_EQ(error_of([&] { f.optional_date("d"); }),
              "catalog.json record 3: field \"d\": expected a date \"YYYY-MM-DD\", got "
              "\"2025-13-45\"");
    EXPECT_EQ(error_of([&] { f.required_date("nope"); }),
              "catalog.json record 3: field \"nope\": missing");
}

TEST(JsonFields, NestedPathsAndUnknownKeys) {
    json j = json::parse(R"({"outer": {"items": [{"name": "a", "extra": 1}]}})");
    JsonFields f(j, "x.json");
    auto items = f.object("outer").objects("items");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].required_string("name"), "a");
    EXPECT_EQ(error_of([&] { items[0].reject_unknown_keys(); }),
              "x.json: field \"outer.items[0].extra\": unknown key");
    EXPECT_EQ(error_of([&] { JsonFields(json::array(), "x.json"); }),
              "x.json: expected an object, got array");
}
