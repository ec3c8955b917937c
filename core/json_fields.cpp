#include "core/json_fields.hpp"

#include <algorithm>
#include <cmath>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace xasite {

namespace {
const nlohmann::json& empty_object() {
    static const nlohmann::json e = nlohmann::json::object();
    return e;
}
}  // namespace

const char* json_type_name(const nlohmann::json& j) {
    if (j.is_number()) return "number";
    return j.type_name();  // "string", "array", "object", "boolean", "null"
}

JsonFields::JsonFields(const nlohmann::json& object, std::string where, std::string prefix)
    : object_(&object), where_(std::move(where)), prefix_(std::move(prefix)) {
    if (!object.is_object()) {
        std::string what = std::string("expected an object, got ") + json_type_name(object);
        if (prefix_.empty()) throw InputError(where_, what);
        throw InputError(where_, "field \"" + prefix_ + "\": " + what);
    }
}

void JsonFields::fail(std::string_view key, const std::string& what) const {
    fail_at(path_of(key), what);
}

void JsonFields::fail_at(const std::string& field_path, const std::string& what) const {
    throw InputError(where_, "field \"" + field_path + "\": " + what);
}

std::string JsonFields::path_of(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

const nlohmann::json* JsonFields::find(std::string_view key) const {
    seen_.emplace_back(key);
    auto it = object_->find(key);
    if (it == object_->end() || it->is_null()) return nullptr;
    return &*it;
}

std::optional<std::string> JsonFields::optional_string(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) fail(key, std::string("expected a string, got ") + json_type_name(*v));
    return v->get<std::string>();
}

std::string JsonFields::required_string(std::string_view key, bool non_empty) const {
    auto v = optional_string(key);
    if (!v) fail(key, "missing");
    if (non_empty && text::trim(*v).empty()) fail(key, "must not be empty");
    return std::move(*v);
}

std::optional<std::int64_t> JsonFields::optional_int(std::string_view key, std::int64_t min,
                                                     std::int64_t max) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number_integer())
        fail(key, std::string("expected a whole number, got ") + json_type_name(*v));
    if (v->is_number_unsigned()) {
        auto u = v->get<std::uint64_t>();
        if (max < 0 || u > static_cast<std::uint64_t>(max)) fail(key, "number out of range");
        return static_cast<std::int64_t>(u);
    }
    auto i = v->get<std::int64_t>();
    if (i < min || i > max) fail(key, "number out of range");
    return i;
}

std::optional<double> JsonFields::optional_number(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) fail(key, std::string("expected a number, got ") + json_type_name(*v));
    double d = v->get<double>();
    if (!std::isfinite(d)) fail(key, "number out of range");
    return d;
}

std::optional<bool> JsonFields::optional_bool(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean())
        fail(key, std::string("expected true or false, got ") + json_type_name(*v));
    return v->get<bool>();
}

std::string JsonFields::optional_date(std::string_view key) const {
    std::string s = optional_string(key).value_or("");
    if (!s.empty() && !date::is_iso_date(s))
        fail(key, "expected a date \"YYYY-MM-DD\", got \"" + s + "\"");
    return s;
}

std::string JsonFields::required_date(std::string_view key) const {
    if (!find(key)) fail(key, "missing");
    std::string s = optional_date(key);
    if (s.empty()) fail(key, "expected a date \"YYYY-MM-DD\", got \"\"");
    return s;
}

std::vector<std::string> JsonFields::strings(std::string_view key) const {
    std::vector<std::string> out;
    array(key, [&](const nlohmann::json& e, const std::string& path) {
        if (!e.is_string())
            fail_at(path, std::string("expected a string, got ") + json_type_name(e));
        out.push_back(e.get<std::string>());
    });
    return out;
}

JsonFields JsonFields::object(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return JsonFields(empty_object(), where_, path_of(key));
    return JsonFields(*v, where_, path_of(key));
}

std::vector<JsonFields> JsonFields::objects(std::string_view key) const {
    std::vector<JsonFields> out;
    array(key, [&](const nlohmann::json& e, const std::string& path) {
        out.emplace_back(e, where_, path);
    });
    return out;
}

void JsonFields::reject_unknown_keys() const {
    for (auto it = object_->begin(); it != object_->end(); ++it)
        if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end())
            fail(it.key(), "unknown key");
}

}  // namespace xasite
