#include "core/pdf_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace xasite;

TEST(PdfText, Signature) {
    EXPECT_TRUE(pdf::has_signature("%PDF-1.4\n"));
    EXPECT_FALSE(pdf::has_signature("<html>"));
    EXPECT_FALSE(pdf::has_signature("xx%PDF-1.4"));
    EXPECT_TRUE(pdf::has_signature("xx%PDF-1.4", 1024));
}

TEST(PdfText, DamagedPdfIsUnreadable) {
    pdf::Document doc("%PDF-1.4\ngarbage");
    EXPECT_EQ(doc.status(), pdf::Document::Status::unreadable);
    EXPECT_EQ(doc.pages(), 0);
    EXPECT_EQ(doc.title(), "");
    EXPECT_FALSE(doc.page_text(0));
}

namespace {

// A one-page PDF with a Helvetica text line and a document title, offsets computed here.
std::string tiny_pdf() {
    std::string content = "BT /F1 12 Tf 10 50 Td (Hello xasite) Tj ET";
    std::vector<std::string> objects = {
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R"
        "/Resources<</Font<</F1 5 0 R>>>>>>",
        "<</Length " + std::to_string(content.size()) + ">>\nstream\n" + content + "\nendstream",
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        "<</Title(Cong van 21)>>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t off : offsets) {
        std::string n = std::to_string(off);
        pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
    }
    pdf += "trailer\n<</Size " + std::to_string(objects.size() + 1) +
           "/Root 1 0 R/Info 6 0 R>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

}  // namespace

TEST(PdfText, ReadsTitleAndPageText) {
    pdf::Document doc(tiny_pdf());
    ASSERT_EQ(doc.status(), pdf::Document::Status::ok);
    EXPECT_EQ(doc.pages(), 1);
    EXPECT_EQ(doc.title(), "Cong van 21");
    auto text = doc.page_text(0);
    ASSERT_TRUE(text);
    EXPECT_NE(text->find("Hello xasite"), std::string::npos) << *text;
    EXPECT_FALSE(doc.page_text(5));
}
