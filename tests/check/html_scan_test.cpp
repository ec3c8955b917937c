#include "generator/check/html_scan.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

using xasite::check::PageScan;
using xasite::check::scan_html;
using Strings = std::vector<std::string>;

TEST(CheckHtmlScan, CollectsEveryKindOfReferenceInDocumentOrder) {
    const std::string html = R"html(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>T</title>
<link rel="stylesheet" href="a.css"><link rel="canonical" href="https://x.gov.vn/">
<script src="s.js"></script>
<meta http-equiv="refresh" content="0; url=moi/">
</head><body>
<a href="p.html">p</a><a>no href</a><a href="">empty</a><a href="  ">blank</a>
<area href="area.html">
<img src="i.png" srcset="i1.png 1x, i2.png 2x">
<picture><source srcset="s1.webp 480w, s2.webp" src="s0.webp"></picture>
<iframe src="f.html"></iframe><embed src="e.swf"><object data="o.pdf"></object>
<video src="v.mp4" poster="poster.jpg"><track src="t.vtt"></video><audio src="a.mp3"></audio>
<form action="/tra-cuu/"></form>
<a href="mailto:a@b.vn">m</a><a href="tel:1">t</a><a href="javascript:void(0)">j</a>
<img src="data:image/gif;base64,R0lGOD"><script src="//cdn.x/y.js"></script>
<a href="
  wrapped.html
">w</a>
<template><a href="in-template.html">t</a></template>
<svg><a href="svg-link.html"><text>x</text></a></svg>
</body></html>)html";
    PageScan s = scan_html(html);
    ASSERT_TRUE(s.parsed);
    EXPECT_EQ(s.links, (Strings{"a.css",           "s.js",   "moi/",   "p.html",    "area.html",
                                "i.png",           "i1.png", "i2.png", "s0.webp",   "s1.webp",
                                "s2.webp",         "f.html", "e.swf",  "o.pdf",     "v.mp4",
                                "poster.jpg",      "t.vtt",  "a.mp3",  "/tra-cuu/", "wrapped.html",
                                "in-template.html"}));
}

TEST(CheckHtmlScan, IdsAndAnchorNamesSortedWithoutDuplicates) {
    PageScan s = scan_html(
        "<p id=b>x</p><a name=a></a><div id=b></div><span name=not-an-anchor></span>"
        "<svg><g id=icon></g></svg><h2 id='Mục 1'></h2><p id=''></p>");
    EXPECT_EQ(s.ids, (Strings{"Mục 1", "a", "b", "icon"}));
}

TEST(CheckHtmlScan, Basics) {
    PageScan s = scan_html(
        "<html lang=' vi '><head><meta charset=UTF-8><title>\n  Xã A  </title>"
        "<title>second</title></head></html>");
    ASSERT_TRUE(s.lang && s.charset && s.title);
    EXPECT_EQ(*s.lang, "vi");
    EXPECT_EQ(*s.charset, "UTF-8");
    EXPECT_FALSE(s.charset_late);
    EXPECT_EQ(*s.title, "Xã A");

    s = scan_html("<p>nothing</p>");
    EXPECT_FALSE(s.lang);
    EXPECT_FALSE(s.charset);
    EXPECT_FALSE(s.title);

    s = scan_html("<html lang><title> &nbsp; </title>");
    ASSERT_TRUE(s.lang && s.title);
    EXPECT_EQ(*s.lang, "");
    EXPECT_EQ(*s.title, "");
}

TEST(CheckHtmlScan, CharsetFromHttpEquivAndFirstDeclarationWins) {
    PageScan s = scan_html(
        "<meta http-equiv=content-type content='text/html'>"  // no charset: not a declaration
        "<meta http-equiv=Content-Type content='text/html; charset=windows-1258'>"
        "<meta charset=utf-8>");
    ASSERT_TRUE(s.charset);
    EXPECT_EQ(*s.charset, "windows-1258");
}

TEST(CheckHtmlScan, CharsetMustEndWithinTheFirst1024Bytes) {
    std::string padding = "<!--" + std::string(1000, 'x') + "-->";
    PageScan late = scan_html("<html lang=vi><head>" + padding + "<meta charset=utf-8>");
    ASSERT_TRUE(late.charset);
    EXPECT_TRUE(late.charset_late);

    std::string just_fits(1024 - std::string("<meta charset=utf-8>").size(), ' ');
    PageScan fits = scan_html(just_fits + "<meta charset=utf-8>");
    ASSERT_TRUE(fits.charset);
    EXPECT_FALSE(fits.charset_late);
}

TEST(CheckHtmlScan, MalformedInputParses) {
    PageScan s = scan_html("<html lang=vi><title>T<a href=x.html><div><table><tr><td><a href=y");
    EXPECT_TRUE(s.parsed);  // <title> is RCDATA: the rest of the file is its text
    ASSERT_TRUE(s.title);
    EXPECT_TRUE(s.links.empty());

    s = scan_html(
        "<body><div><p><a href='u.html'>unclosed <div><table><tr><td><img src=i.png><p>open");
    EXPECT_EQ(s.links, (Strings{"u.html", "i.png"}));
    // A tag cut off by the end of the file is dropped, as browsers do.
    s = scan_html("<p><a href='u.html'>x</a><img src=cut.png");
    EXPECT_EQ(s.links, (Strings{"u.html"}));

    std::string garbage;
    for (int i = 0; i < 4096; ++i)
        garbage += static_cast<char>((i * 37 + 11) & 0xFF);
    EXPECT_TRUE(scan_html(garbage).parsed);
    const char binary[] =
        "\0\0<a href=\"\xFF\xFE"
        "z.html\">";
    s = scan_html(std::string(binary, sizeof binary - 1));
    ASSERT_EQ(s.links.size(), 1u);  // gumbo reads the invalid bytes as U+FFFD
    EXPECT_EQ(s.links[0], "\uFFFD\uFFFDz.html");
    EXPECT_TRUE(scan_html("").parsed);

    std::string deep;
    for (int i = 0; i < 3000; ++i)
        deep += "<div>";
    deep += "<a href=deep.html id=bottom>x</a>";
    s = scan_html(deep);
    EXPECT_EQ(s.links, Strings{"deep.html"});
    EXPECT_EQ(s.ids, Strings{"bottom"});
}
