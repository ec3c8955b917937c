// The journeys that must work with JavaScript disabled: searching a commune site (the form is
// answered by `xasite serve` with server-rendered results) and finding the new unit of an old
// commune on the province's lookup page (a static page: district anchors, one row per old commune).
'use strict';

const {UNIT} = require('./pages');

function fail(rule, detail) {
  return {check: 'no-js', rule, detail};
}

async function submitAndWait(page, inputSelector, text) {
  await page.type(inputSelector, text);
  const [response] = await Promise.all([
    page.waitForNavigation({waitUntil: 'load'}),
    page.$eval(inputSelector, (input) => input.form.querySelector('button[type="submit"], button:not([type])').click()),
  ]);
  return response;
}

// The commune home's header search, and the search page's own form: both reach the results.
async function searchWithoutJs(page, base, log) {
  const failures = [];
  const query = 'khai sinh';
  for (const [start, input] of [[UNIT, '#q-header'], [UNIT + 'tra-cuu/', '#q-search']]) {
    const where = `form ${input} on /${start}`;
    await page.goto(base + start, {waitUntil: 'load'});
    if (!(await page.$(input))) {
      failures.push(fail('search-form-missing', `${where}: no such input`));
      continue;
    }
    const response = await submitAndWait(page, input, query);
    const url = new URL(page.url());
    if (!response || response.status() !== 200) {
      failures.push(fail('search-status', `${where}: ${url} answered ${response && response.status()}`));
      continue;
    }
    if (url.pathname !== `/${UNIT}tra-cuu/` || url.searchParams.get('q') !== query) {
      failures.push(fail('search-target', `${where} went to ${url}, expected /${UNIT}tra-cuu/?q=${query}`));
    }
    const r = await page.evaluate(() => ({
      results: [...document.querySelectorAll('#search-results .search-result a[href]')].map((a) => a.textContent.trim()),
      box: (document.querySelector('#q-search') || {}).value,
    }));
    if (r.results.length === 0) failures.push(fail('search-no-results', `${where}: no results listed at ${url}`));
    else if (!r.results.some((t) => /khai sinh/i.test(t))) {
      failures.push(fail('search-results-off-topic', `${where}: no result title mentions «${query}»: ${r.results.slice(0, 5).join(' | ')}`));
    }
    if (r.box !== query) failures.push(fail('search-box-empty', `${where}: the results page's box holds «${r.box}», not the query`));
    log(`${where} → ${url.pathname}${url.search}: ${r.results.length} results, first «${r.results[0] || ''}»`);
  }
  return failures;
}

// Old Phường 1 (22015) of Thành phố Tuy Hoà is now part of Phường Tuy Hòa: from the province home,
// through the lookup page's district anchor, to the new unit's site.
async function lookupWithoutJs(page, base, log) {
  const failures = [];
  await page.goto(base, {waitUntil: 'load'});
  const toLookup = await page.$('main a[href$="tra-cuu-don-vi/"]');
  if (!toLookup) return [fail('lookup-link-missing', 'the province home does not link tra-cuu-don-vi/')];
  await Promise.all([page.waitForNavigation({waitUntil: 'load'}), toLookup.click()]);
  if (new URL(page.url()).pathname !== '/tra-cuu-don-vi/') {
    return [fail('lookup-link-target', `the home's lookup link went to ${page.url()}`)];
  }
  const filterShown = await page.$$eval('[data-filter-target]', (els) => els.some((e) => e.offsetParent !== null));
  if (filterShown) failures.push(fail('lookup-dead-filter', 'the filter box shows although it needs JavaScript'));
  // The district's anchor in the district list.
  const district = await page.$$eval('nav a[href^="#huyen-"]', (as) => {
    const a = as.find((x) => /Tuy Ho/.test(x.textContent));
    return a ? a.getAttribute('href') : null;
  });
  if (!district) return failures.concat(fail('lookup-district-missing', 'no district anchor for Tuy Hoà'));
  await page.click(`nav a[href="${district}"]`);
  const section = await page.$eval(district, (s) => {
    const top = s.getBoundingClientRect().top;
    return {top, targeted: s.matches(':target'), innerHeight: window.innerHeight};
  }).catch(() => null);
  if (!section) return failures.concat(fail('lookup-anchor-dangling', `${district} names no element`));
  if (!section.targeted || section.top < -1 || section.top > section.innerHeight) {
    failures.push(fail('lookup-anchor-not-scrolled', `${district}: not brought into view (top ${Math.round(section.top)} px)`));
  }
  const href = await page.$eval('#xa-22015', (row) => {
    const a = row.querySelector('a[href]');
    return {name: row.querySelector('th').textContent.trim(), href: a && a.href, in: row.closest('section').id};
  }).catch(() => null);
  if (!href) return failures.concat(fail('lookup-row-missing', 'no row #xa-22015 (old Phường 1, Tuy Hoà)'));
  if (href.in !== district.slice(1) || href.name !== 'Phường 1') {
    failures.push(fail('lookup-row-misplaced', `#xa-22015 is «${href.name}» in #${href.in}, expected Phường 1 in ${district}`));
  }
  if (!href.href) return failures.concat(fail('lookup-row-unlinked', '#xa-22015 links no new unit'));
  const response = await page.goto(href.href, {waitUntil: 'load'});
  const landed = new URL(page.url()).pathname;
  log(`home → /tra-cuu-don-vi/${district} → #xa-22015 «${href.name}» → ${landed} (${response && response.status()})`);
  if (!response || response.status() !== 200 || landed !== '/phuong-tuy-hoa/') {
    failures.push(fail('lookup-new-unit', `#xa-22015 leads to ${landed} (${response && response.status()}), expected /phuong-tuy-hoa/`));
  }
  return failures;
}

module.exports = {searchWithoutJs, lookupWithoutJs};
