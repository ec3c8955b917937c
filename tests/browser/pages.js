// The page types the suite visits, as paths from the server root. The URL scheme is
// generator/site/routes.hpp; the three-unit build (22015 24373 24184) publishes the commune sites
// phuong-tuy-hoa, xa-ea-kar (24373) and xa-ea-hleo, and archives the dissolved district Ea Kar.
// A few pages have no fixed address (a document's slug, a page of an archived site): they are found
// by following the first matching link of a page that has one (`from` + `link`).
'use strict';

const UNIT = 'xa-ea-kar/';  // commune 24373: the full record 1.001193 and the catalog-only 1.000080
const ARCHIVE = 'luu-tru/huyen-ea-kar/';

// id: short name used in reports and --only; status: the HTTP status the page is served with;
// expect: an element that shows the page is the one meant (search pages with and without results).
const PAGES = [
  {id: 'province-home', path: ''},
  {id: 'unit-lookup', path: 'tra-cuu-don-vi/'},
  {id: 'commune-home', path: UNIT},
  {id: 'intro', path: UNIT + 'gioi-thieu/'},
  {id: 'procedures', path: UNIT + 'thu-tuc/'},
  {id: 'procedure-field', path: UNIT + 'thu-tuc/linh-vuc/ho-tich/'},
  // A facet list: the first thu-tuc/<facet>/ link of the procedure index (not a field, not a page).
  {id: 'procedure-facet', from: UNIT + 'thu-tuc/', link: /\/thu-tuc\/(?!linh-vuc\/)[^/]+\/$/},
  {id: 'procedure', path: UNIT + 'thu-tuc/1.001193.html'},
  {id: 'procedure-catalog', path: UNIT + 'thu-tuc/1.000080.html'},
  // The printable A4 notice of a full record, with its QR code.
  {id: 'procedure-notice', path: UNIT + 'thu-tuc/ban-in/1.001193.html'},
  // The province's review of the catalogue, and a procedure commune centres do not receive
  // (customs: procedure-scope.json sends it to the province site with who receives it).
  {id: 'province-procedures', path: 'thu-tuc/'},
  {id: 'province-procedure', path: 'thu-tuc/1.000005.html'},
  {id: 'service-centres', path: 'trung-tam-phuc-vu/'},
  {id: 'documents', path: UNIT + 'van-ban/'},
  // A document: van-ban/<slug>/ (its facet lists are two levels deep, van-ban/<group>/<slug>/).
  {id: 'document', from: UNIT + 'van-ban/', link: /\/van-ban\/(?!trang-\d+\/)[^/]+\/$/},
  {id: 'search-results', path: UNIT + 'tra-cuu/?q=khai+sinh', expect: '#search-results .search-result'},
  {id: 'search-empty', path: UNIT + 'tra-cuu/?q=qxzvkjw+zzyqf', expect: '#search-results .search-summary:only-child'},
  // Issue 13: a question no procedure answers says so and shows nothing as the answer; a follow-up
  // is read with the earlier question it carries (hidden context fields, no JavaScript needed).
  {id: 'search-none', path: UNIT + 'tra-cuu/?q=cach+nau+pho+bo', expect: '#search-results .search-none'},
  {id: 'search-followup', path: UNIT + 'tra-cuu/?q=the+con+le+phi+bao+nhieu&context=dang+ky+ket+hon', expect: '#search-results .search-context'},
  {id: 'sitemap', path: UNIT + 'so-do-trang/'},
  {id: 'not-found', path: UNIT + 'khong-co-trang-nay/', status: 404},
  {id: 'archive', path: ARCHIVE},
  // A page of the archived site: the first link of the landing page that goes deeper into it.
  {id: 'archived-page', from: ARCHIVE, link: new RegExp('/' + ARCHIVE + '.+')},
];

// The hrefs of `page`'s links (absolute), in document order, inside <main> when there is one.
async function links(page) {
  return page.$$eval('main a[href], body:not(:has(main)) a[href]', (as) => as.map((a) => a.href));
}

// Resolves every page type to an absolute URL on `base` ("http://127.0.0.1:1234/"). A page found
// through a link reports the page it was looked for on when no link matches.
async function resolvePages(browserPage, base, only) {
  const wanted = only ? PAGES.filter((p) => only.includes(p.id)) : PAGES;
  const resolved = [];
  for (const p of wanted) {
    if (p.path !== undefined) {
      resolved.push({...p, url: base + p.path, status: p.status || 200});
      continue;
    }
    const from = base + p.from;
    await browserPage.goto(from, {waitUntil: 'load'});
    const href = (await links(browserPage)).find((h) => h.startsWith(base) && p.link.test(new URL(h).pathname));
    resolved.push({...p, url: href || null, status: 200,
                   missing: href ? null : `no link matching ${p.link} on ${from}`});
  }
  return resolved;
}

// The path of a page type with a fixed address.
function pathOf(id) {
  return PAGES.find((p) => p.id === id).path;
}

module.exports = {PAGES, UNIT, pathOf, resolvePages};
