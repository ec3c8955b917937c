// The checks run on a loaded page. Each returns a list of failures: {check, detail} (empty = pass).
'use strict';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axe-core with the WCAG 2.0/2.1 A and AA rules. axe runs through the DevTools protocol, which the
// page's Content-Security-Policy does not govern, so the page is tested with its real CSP.
async function axeViolations(page, axeSource) {
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) await page.evaluate(axeSource);
  const result = await page.evaluate(
      (tags) => window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}),
      AXE_TAGS);
  return result.violations.map((v) => ({
    check: 'axe',
    rule: v.id,
    impact: v.impact,
    detail: `${v.id} (${v.impact}): ${v.help} [${v.nodes.length} element(s)] ${v.helpUrl}\n` +
        v.nodes.slice(0, 8)
            .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 220) : ''}`)
            .join('\n') +
        (v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : ''),
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

// No sideways scrolling: the document is no wider than the viewport (0 px allowed), and no element
// scrolls sideways by itself (a menu strip the reader has to swipe), except the WCAG 1.4.10 reflow
// exceptions: a data table, preformatted text or code, an image, inside it. For an actionable
// report, the elements that stick out past the viewport's right edge are named.
async function sidewaysScroll(page) {
  const r = await page.evaluate(() => {
    function selector(el) {
      const parts = [];
      for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
        let s = e.localName;
        if (e.id) { parts.unshift(s + '#' + e.id); break; }
        const cls = [...e.classList].slice(0, 2).join('.');
        if (cls) s += '.' + cls;
        parts.unshift(s);
      }
      return parts.join(' > ');
    }
    const vw = window.innerWidth;
    const doc = document.documentElement.scrollWidth;
    // Inside an element that clips or scrolls its overflow, content does not widen the page.
    function contained(el) {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    }
    const past = (el) => el.getBoundingClientRect().right > vw + 0.5;
    // The deepest elements past the right edge (their ancestors stick out only because of them).
    const out = [...document.body.querySelectorAll('*')].filter((el) => {
      if (el.getBoundingClientRect().width === 0 || !past(el)) return false;
      if (el.closest('.visually-hidden, [hidden], script, style') || contained(el)) return false;
      return ![...el.children].some(past);
    });
    // Text that does not wrap overflows its box without widening it: the element holding it.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!t.textContent.trim() || out.includes(el) || el.closest('script, style, .visually-hidden') || contained(el)) continue;
      range.selectNodeContents(t);
      if (range.getBoundingClientRect().right > vw + 0.5) out.push(el);
    }
    const scrollers = [...document.body.querySelectorAll('*')].filter((el) => {
      const ox = getComputedStyle(el).overflowX;
      if (ox !== 'auto' && ox !== 'scroll') return false;
      if (el.scrollWidth <= el.clientWidth) return false;
      return !el.querySelector('table, pre, code, img, svg, canvas, video');
    });
    return {
      vw, doc,
      out: out.slice(0, 6).map((el) => `${selector(el)} «${el.textContent.trim().slice(0, 60)}»`),
      outCount: out.length,
      scrollers: scrollers.map((el) => `${selector(el)} (content ${el.scrollWidth} px in ${el.clientWidth} px)`),
    };
  });
  const failures = [];
  if (r.doc > r.vw) {
    failures.push({check: 'sideways-scroll', rule: 'page-wider-than-viewport',
                   detail: `page is ${r.doc} px wide in a ${r.vw} px viewport; sticking out: ` +
                       (r.out.join('; ') || '(nothing visible: look for margins or transforms)') +
                       (r.outCount > r.out.length ? `; … ${r.outCount - r.out.length} more` : '')});
  }
  for (const s of r.scrollers) {
    failures.push({check: 'sideways-scroll', rule: 'element-scrolls-sideways',
                   detail: `${s} scrolls sideways (not a table, code or image)`});
  }
  return failures;
}

// <html lang="vi">, exactly one <h1>, and headings that go down one level at a time (h1 then h3
// leaves a screen-reader user wondering what they missed; axe's heading-order is a best practice,
// outside the WCAG tags, so it is checked here).
async function langAndHeading(page) {
  const r = await page.evaluate(() => {
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter((h) => h.getClientRects().length > 0 || h.closest('.visually-hidden'))
        .map((h) => ({level: Number(h.localName[1]), text: h.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)}));
    const jumps = [];
    headings.forEach((h, i) => {
      if (i > 0 && h.level > headings[i - 1].level + 1) {
        jumps.push(`h${headings[i - 1].level} «${headings[i - 1].text}» → h${h.level} «${h.text}»`);
      }
    });
    return {
      lang: document.documentElement.getAttribute('lang'),
      h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim().slice(0, 80)),
      jumps,
    };
  });
  const failures = [];
  if (r.jumps.length) {
    failures.push({check: 'headings', rule: 'heading-skips-level',
                   detail: r.jumps.slice(0, 3).join('; ') + (r.jumps.length > 3 ? `; … ${r.jumps.length - 3} more` : '')});
  }
  if (r.lang !== 'vi') failures.push({check: 'lang', rule: 'html-lang-vi', detail: `<html lang="${r.lang}">, expected "vi"`});
  if (r.h1.length !== 1) {
    failures.push({check: 'h1', rule: 'one-h1', detail: `${r.h1.length} <h1> elements, expected 1: ${JSON.stringify(r.h1)}`});
  }
  return failures;
}

// The procedure summary (what papers, fee, time, where) in the first phone screen: each
// [data-summary=…] exists, is visible and ends within `screenHeight` px of the top of the page.
const SUMMARY_ITEMS = ['papers', 'fee', 'time', 'where'];

async function summaryInFirstScreen(page, screenHeight) {
  const r = await page.evaluate((items) => items.map((name) => {
    const el = document.querySelector(`[data-summary="${name}"]`);
    if (!el) return {name, exists: false};
    const b = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const visible = b.width > 0 && b.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' &&
        Number(cs.opacity) > 0;
    return {name, exists: true, visible, bottom: b.bottom + window.scrollY};
  }), SUMMARY_ITEMS);
  const failures = [];
  for (const s of r) {
    const what = `[data-summary="${s.name}"]`;
    if (!s.exists) failures.push({check: 'summary', rule: 'summary-missing', detail: `${what} not on the page`});
    else if (!s.visible) failures.push({check: 'summary', rule: 'summary-hidden', detail: `${what} is not visible`});
    else if (s.bottom > screenHeight) {
      failures.push({check: 'summary', rule: 'summary-below-first-screen',
                     detail: `${what} ends ${Math.round(s.bottom)} px from the top, below the first ${screenHeight} px`});
    }
  }
  return failures;
}

module.exports = {AXE_TAGS, axeViolations, sidewaysScroll, langAndHeading, summaryInFirstScreen};
