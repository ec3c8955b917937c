// Reading the fields of a JSON object with errors that name the file (and record) and the field:
//   "<where>: field \"<path>\": <what>"
// where <where> is a file path, optionally with ":line" or " record N" (core/error.hpp), <path> the
// dotted field path ("channels[2].channel") and <what> one of
//   missing | must not be empty | expected a string, got number | expected a whole number, got
//   string | number out of range | expected true or false, got string | expected an array, got
//   object | expected an object, got array | expected a date "YYYY-MM-DD", got "2025-13-45" |
//   unknown key | (a caller's own words through fail()).
// A field that is absent or null counts as absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xasite {

// "string", "number", "boolean", "array", "object", "null".
const char* json_type_name(const nlohmann::json& j);

class JsonFields {
  public:
    // `object` must outlive the reader. Throws "field \"<prefix>\": expected an object, got …"
    // (or "expected an object, got …" at the top) when it is not an object.
    JsonFields(const nlohmann::json& object, std::string where, std::string prefix = "");

    [[noreturn]] void fail(std::string_view key, const std::string& what) const;
    // The same error for an already built field path (array elements: "items[3]").
    [[noreturn]] void fail_at(const std::string& field_path, const std::string& what) const;
    std::string path_of(std::string_view key) const;
    const std::string& where() const { return where_; }
    const std::string& prefix() const { return prefix_; }

    // The field's value; nullptr when absent or null. Marks the key as known.
    const nlohmann::json* find(std::string_view key) const;

    // A string field; std::nullopt when absent. Wrong type → "expected a string, got …".
    std::optional<std::string> optional_string(std::string_view key) const;
    // Absent → "missing"; `non_empty` also rejects "" and whitespace-only values.
    std::string required_string(std::string_view key, bool non_empty = false) const;
    std::string string_or(std::string_view key, std::string fallback) const {
        auto v = optional_string(key);
        return v ? std::move(*v) : std::move(fallback);
    }
    // A whole number in [min, max].
    std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min,
                                             std::int64_t max) const;
    // Any finite number.
    std::optional<double> optional_number(std::string_view key) const;
    std::optional<bool> optional_bool(std::string_view key) const;
    // A string that must be a real date YYYY-MM-DD (core/date.hpp); "" when absent.
    std::string optional_date(std::string_view key) const;
    std::string required_date(std::string_view key) const;
    // An array of strings; empty when absent.
    std::vector<std::string> strings(std::string_view key) const;

    // Calls read(element, element_path) for each element of an array field (none when absent).
    template <typename F>
    void array(std::string_view key, F&& read) const {
        const nlohmann::json* v = find(key);
        if (!v) return;
        if (!v->is_array()) fail(key, std::string("expected an array, got ") + json_type_name(*v));
        for (std::size_t i = 0; i < v->size(); ++i)
            read((*v)[i], path_of(key) + "[" + std::to_string(i) + "]");
    }
    // A nested object (an empty one when absent), read with the same `where`.
    JsonFields object(std::string_view key) const;
    // An array of objects.
    std::vector<JsonFields> objects(std::string_view key) const;

    // Rejects keys that no find() asked for (typos such as "chanels"): "unknown key".
    void reject_unknown_keys() const;

  private:
    const nlohmann::json* object_;
    std::string where_;
    std::string prefix_;
    mutable std::vector<std::string> seen_;
};

}  // namespace xasite
