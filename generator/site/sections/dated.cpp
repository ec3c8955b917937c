// Dated sections of a commune site: Tin tức (news), Lịch công tác (the leaders' work schedule,
// NĐ 43/2011 Điều 10) and Hỏi đáp (questions and answers). Each is a list, newest first; the items
// are Markdown pages (pages.cpp).
#include <algorithm>

#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

namespace {

void render_dated_list(CommuneSite& s, SiteRenderer& r, const CommuneSection& self,
                       const std::string& description, const char* items_key) {
    // A list has no publication date, and it changed when its newest item did: the build date is
    // not an update date. An empty list shows no date at all.
    std::string updated;
    for (const auto* p : s.pages_of(self.key))
        updated = std::max(updated, p->changed());
    json v;
    v["page"] = section_page_meta(r, self, s, description);
    v["page"]["published"] = "";
    v["page"]["updated"] = updated;
    v[items_key] = s.items_of(self.key);
    // The section's page template is the first its row names.
    r.page(routes::dir(self.folder), std::string(self.templates.front()), v, nullptr, updated);
}

}  // namespace

void render_news(const BuildContext&, CommuneSite& s, SiteRenderer& r, const CommuneSection& self) {
    render_dated_list(s, r, self, "Tin tức, sự kiện của " + s.authority + ".", "news");
}

void render_schedule(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                     const CommuneSection& self) {
    render_dated_list(s, r, self, "Lịch công tác của lãnh đạo " + s.authority + ".", "schedule");
}

// Hỏi đáp: questions from citizens and the commune's answers, one page each (front matter
// `section: hoi-dap`, the question as title, the answer as body).
void render_questions(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                      const CommuneSection& self) {
    render_dated_list(s, r, self,
                      "Câu hỏi của người dân, tổ chức và trả lời của " + s.authority + ".",
                      "questions");
}

}  // namespace xasite::site::sections
