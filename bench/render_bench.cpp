// Hot paths of `xasite build`, measured in isolation:
//  - rendering one procedure page (layout + partials + the full record 1.001193) with the project's
//    compiled Mustache engine, and the same template with kainjow::mustache (Debian
//    libkainjow-mustache-dev), which re-parses partials on every render;
//  - Vietnamese folding and slugs; loading and validating the whole content tree.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <regex>

#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/content/content.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/catalog.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/sections/sections.hpp"
#include "generator/site/theme.hpp"
#include "generator/site/unit_site.hpp"
#include "generator/site/views.hpp"

#ifdef XASITE_HAVE_KAINJOW
#include <kainjow/mustache.hpp>
#endif

namespace {

using namespace xasite;

struct Fixture {
    content::Content content;
    std::string build_date;
    site::Catalog catalog;
    nlohmann::json globals, site_view, page_view;
    std::size_t index = 0;
    site::Theme theme;

    Fixture()
        : content(content::Content::load(std::filesystem::path(XASITE_SOURCE_DIR) / "content")),
          build_date(content.build_date()),
          catalog(site::Catalog::build(content, build_date)),
          theme(site::Theme::load({})) {
        site::DocumentSet documents = site::DocumentSet::build(content, catalog);
        site::ArchiveSet archives;  // none: the page measured is a procedure page
        site::SearchPageCollector pages;
        site::BuildContext ctx{
            content, catalog,    documents, archives,
            pages,   build_date, {"24373"}, site::globals_view(content, build_date)};
        globals = ctx.globals;
        const units::NewUnit& unit = *content.registry.find_new("24373");
        site_view = site::unit_site_view(ctx, unit);
        const site::SharedViews shared = site::SharedViews::build(ctx);
        site_view["menu"] = site::sections::commune_menu(
            ctx,
            site::sections::prepare_commune_site(ctx, shared, unit,
                                                 site_view["site"]["authority"].get<std::string>()),
            theme);
        for (std::size_t i = 0; i < content.procedures.size(); ++i)
            if (content.procedures[i].code == "1.001193") index = i;
        page_view = {{"page",
                      {{"title", "Thủ tục đăng ký khai sinh"},
                       {"description", "Thủ tục đăng ký khai sinh (mã 1.001193)"},
                       {"section", "thu-tuc"},
                       {"root", "../"},
                       {"province_root", "../../"},
                       {"canonical", "https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.001193.html"},
                       {"updated", "2026-04-15"},
                       {"updated_vi", "15/04/2026"},
                       {"og_type", "article"},
                       {"breadcrumbs", nlohmann::json::array()}}}};
        page_view["nav"] = site_view["menu"];
    }
    static Fixture& get() {
        static Fixture f;
        return f;
    }
};

void BM_RenderProcedurePage_Compiled(benchmark::State& state) {
    auto& f = Fixture::get();
    const auto& tmpl = f.theme.page("unit", "procedure");
    std::string out;
    for (auto _ : state) {
        out.clear();
        tmpl.render({&f.globals, &f.site_view, &f.catalog.views[f.index], &f.page_view}, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["bytes"] = static_cast<double>(out.size());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderProcedurePage_Compiled);

#ifdef XASITE_HAVE_KAINJOW
// kainjow needs its own data type: convert the same views once (not timed), then render.
kainjow::mustache::data to_kainjow(const nlohmann::json& j) {
    using kainjow::mustache::data;
    switch (j.type()) {
        case nlohmann::json::value_t::object: {
            data d{data::type::object};
            for (const auto& [k, v] : j.items()) {
                d.set(k, to_kainjow(v));
                // kainjow has no "list.0" lookups: the templates' {{#list.0}} become
                // {{#list_nonempty}}.
                if (v.is_array())
                    d.set(k + "_nonempty",
                          v.empty() ? data{data::type::bool_false} : data{data::type::bool_true});
            }
            return d;
        }
        case nlohmann::json::value_t::array: {
            data d{data::type::list};
            for (const auto& v : j)
                d.push_back(to_kainjow(v));
            return d;
        }
        case nlohmann::json::value_t::string:
            return data{j.get<std::string>()};
        case nlohmann::json::value_t::boolean:
            return j.get<bool>() ? data{data::type::bool_true} : data{data::type::bool_false};
        case nlohmann::json::value_t::null:
            return data{data::type::bool_false};
        default:
            return data{j.dump()};
    }
}

void BM_RenderProcedurePage_Kainjow(benchmark::State& state) {
    auto& f = Fixture::get();
    // The same layout with the page body and every partial supplied as kainjow partials.
    kainjow::mustache::data view = to_kainjow(f.globals);
    for (const auto* part : {&f.site_view, &f.catalog.views[f.index], &f.page_view})
        for (const auto& [k, v] : part->items())
            view.set(k, to_kainjow(v));
    std::vector<std::string> partial_names = {"head",        "skip",  "header-unit", "nav",
                                              "breadcrumbs", "dates", "footer-unit"};
    auto read_theme = [](const std::string& path) {
        std::string src =
            xasite::read_file(std::filesystem::path(XASITE_SOURCE_DIR) / "templates" / path);
        static const std::regex list_zero(R"(\{\{([#^/])([A-Za-z_.]+)\.0\}\})");
        return std::regex_replace(src, list_zero, "{{$1$2_nonempty}}");
    };
    for (const auto& name : partial_names) {
        std::string src = read_theme("partials/" + name + ".mustache");
        view.set(name, kainjow::mustache::partial([src] { return src; }));
    }
    std::string body = read_theme("pages/procedure.mustache");
    view.set("content", kainjow::mustache::partial([body] { return body; }));
    const std::string layout = read_theme("layouts/unit.mustache");
    kainjow::mustache::mustache tmpl(layout);
    std::string out;
    for (auto _ : state) {
        out = tmpl.render(view);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["bytes"] = static_cast<double>(out.size());
    state.SetItemsProcessed(state.iterations());
    if (!tmpl.is_valid()) state.SkipWithError(tmpl.error_message().c_str());
}
BENCHMARK(BM_RenderProcedurePage_Kainjow);
#endif

void BM_FoldVietnamese(benchmark::State& state) {
    const std::string s =
        "Thủ tục đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới, Ủy ban nhân dân xã";
    for (auto _ : state)
        benchmark::DoNotOptimize(text::fold(s));
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(s.size()));
}
BENCHMARK(BM_FoldVietnamese);

void BM_Slug(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(text::slug("Thi đua, khen thưởng - Ea H'Leo"));
}
BENCHMARK(BM_Slug);

void BM_LoadContent(benchmark::State& state) {
    for (auto _ : state) {
        auto c = content::Content::load(std::filesystem::path(XASITE_SOURCE_DIR) / "content");
        benchmark::DoNotOptimize(c.procedures.size());
    }
}
BENCHMARK(BM_LoadContent)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
