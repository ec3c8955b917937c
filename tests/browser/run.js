#!/usr/bin/env node
// The browser suite: builds the three-unit site with xasite, serves it with `xasite serve`, and
// checks every page type in Chromium (puppeteer-core) at phone and desktop widths: axe-core WCAG 2.1
// A/AA, no sideways scrolling, lang="vi" and one <h1>; the procedure summary in the first phone
// screen; search and the old→new unit lookup with JavaScript disabled. See README.md.
//
//   node run.js --xasite BIN --content DIR --work DIR   build into DIR/site, serve it, check it
//   node run.js --xasite BIN --site DIR [--work DIR]    serve an already built site, check it
//   node run.js --url http://127.0.0.1:8080/            check a server that is already running
// Options: --only id,id (page types, or nojs/summary), --widths 320,375,1366,
//          --deps DIR (node_modules; default ../../build/browser-deps/node_modules),
//          --chromium PATH (default $CHROMIUM or /usr/bin/chromium).
// Exit status 0 when every check passed, 1 when one failed, 2 when the suite could not run.
'use strict';

const fs = require('fs');
const path = require('path');
const {spawn, spawnSync} = require('child_process');
const {createRequire} = require('module');

const {pathOf, resolvePages} = require('./pages');
const checks = require('./checks');
const {searchWithoutJs, lookupWithoutJs} = require('./nojs');

const PHONE = {width: 375, height: 812};
// The screen height that goes with each width checked (other widths get 800 px).
const HEIGHTS = {320: 568, 375: PHONE.height, 1366: 768};

function parseArgs(argv) {
  const args = {widths: '320,375,1366'};
  for (let i = 0; i < argv.length; ++i) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]} (see the head of run.js)`);
    args[m[1]] = argv[++i];
  }
  args.widths = args.widths.split(',').map(Number);
  args.only = args.only ? args.only.split(',') : null;
  return args;
}

class SetupError extends Error {}

// puppeteer-core and axe-core from the folder `make browser-deps` installs them into.
function loadDeps(dir) {
  const req = createRequire(path.join(path.resolve(dir), 'noop.js'));
  try {
    return {puppeteer: req('puppeteer-core'), axeSource: fs.readFileSync(req.resolve('axe-core/axe.min.js'), 'utf8')};
  } catch (e) {
    throw new SetupError(`puppeteer-core or axe-core is not installed in ${dir} (${e.code || e.message}).\n` +
                         'Run `make browser-deps` in the repository root to install them.');
  }
}

function run(cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 64 << 20});
  if (r.error || r.status !== 0) {
    throw new SetupError(`${cmd} ${args.join(' ')} failed (${r.error ? r.error.message : 'exit ' + r.status}):\n${r.stdout}${r.stderr}`);
  }
  return (Date.now() - started) / 1000;
}

// `xasite serve --port 0` prints "serving <dir> at http://127.0.0.1:<port>/ (Ctrl+C to stop)".
function startServer(xasite, site) {
  return new Promise((resolve, reject) => {
    const child = spawn(xasite, ['serve', '--site', site, '--port', '0', '--quiet'], {stdio: ['ignore', 'ignore', 'pipe']});
    // Never leave the server behind, whatever ends this process (CTest's timeout sends SIGTERM).
    process.on('exit', () => child.exitCode === null && child.kill('SIGKILL'));
    let log = '';
    const timer = setTimeout(() => { child.kill(); reject(new SetupError(`xasite serve printed no address in 60 s:\n${log}`)); }, 60000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = / at (http:\/\/[^\s]+\/) /.exec(log);
      if (m) { clearTimeout(timer); resolve({child, url: m[1], log: () => log}); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new SetupError(`xasite serve exited (${code}):\n${log}`)); });
    child.on('error', (e) => { clearTimeout(timer); reject(new SetupError(`xasite serve: ${e.message}`)); });
  });
}

function stopServer(server) {
  if (!server || server.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => server.child.kill('SIGKILL'), 10000);
    server.child.removeAllListeners('exit');
    server.child.on('exit', () => { clearTimeout(hard); resolve(); });
    server.child.kill('SIGTERM');
  });
}

// Runs one visit; an exception (a navigation timeout, a page that crashed) is that visit's failure,
// and the suite goes on with the next.
async function guarded(record, at, visit) {
  try {
    await visit();
  } catch (e) {
    record({check: 'page', rule: 'error', ...at, detail: String(e && e.stack || e).split('\n').slice(0, 3).join(' | ')});
  }
}

// Every page type at every width: loaded afresh at that width, then axe, sideways scrolling, lang
// and <h1>. The procedure summary is checked on the phone screen.
async function checkPages(page, pages, widths, axeSource, record) {
  for (const p of pages) {
    if (!p.url) { record({check: 'page', rule: 'page-not-found', page: p.id, detail: p.missing}); continue; }
    for (const width of widths) {
      const at = {page: p.id, width, url: p.url};
      await page.setViewport({width, height: HEIGHTS[width] || 800});
      await guarded(record, at, async () => {
        const response = await page.goto(p.url, {waitUntil: 'load'});
        const status = response ? response.status() : 0;
        // HTML is sent with Cache-Control: no-cache and an ETag: the same page at the next width is
        // revalidated, and 304 means the browser shows the 200 it has.
        const revalidated = p.status === 200 && status === 304;
        if (status !== p.status && !revalidated) record({check: 'page', rule: 'http-status', ...at, detail: `HTTP ${status}, expected ${p.status}`});
        if (p.expect && !(await page.$(p.expect))) record({check: 'page', rule: 'page-content', ...at, detail: `no ${p.expect} on the page`});
        const found = [].concat(await checks.axeViolations(page, axeSource), await checks.sidewaysScroll(page),
                                await checks.langAndHeading(page));
        for (const f of found) record({...f, ...at});
        record(null, {...at, status, failures: found.length});
      });
    }
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const deps = args.deps || path.join(__dirname, '..', '..', 'build', 'browser-deps', 'node_modules');
  const chromium = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
  const {puppeteer, axeSource} = loadDeps(deps);
  if (!fs.existsSync(chromium)) {
    throw new SetupError(`Chromium not found at ${chromium}. Install the Debian package chromium ` +
                         '(`make deps`, then `make browser-deps`), or pass --chromium PATH.');
  }
  const work = path.resolve(args.work || fs.mkdtempSync(path.join(require('os').tmpdir(), 'xasite-browser-')));
  fs.mkdirSync(work, {recursive: true});
  const timings = {};
  let site = args.site;
  if (!args.url && !site) {
    if (!args.xasite || !args.content) throw new SetupError('give --url, or --xasite with --site or --content');
    site = path.join(work, 'site');
    fs.rmSync(site, {recursive: true, force: true});
    timings.build_s = run(args.xasite, ['build', '--content', args.content, '--out', site,
                                        '--unit', '22015', '--unit', '24373', '--unit', '24184', '--quiet']);
    console.log(`built the three units into ${site} in ${timings.build_s.toFixed(1)} s`);
  }

  const results = {started: new Date().toISOString(), widths: args.widths, axe_tags: checks.AXE_TAGS, pages: [], nojs: [], failures: []};
  const record = (failure, visit) => {
    if (visit) results.pages.push(visit);
    if (!failure) return;
    results.failures.push(failure);
    const where = [failure.page, failure.width && `@${failure.width}`].filter(Boolean).join(' ');
    console.log(`FAIL ${failure.check} ${failure.rule || ''} — ${where}${failure.url ? ' ' + failure.url : ''}\n    ${failure.detail}`);
  };

  let server = null;
  let browser = null;
  try {
    if (!args.url) {
      server = await startServer(args.xasite, site);
      console.log(`xasite serve at ${server.url}`);
    }
    const base = args.url ? args.url.replace(/\/?$/, '/') : server.url;
    results.base_url = base;
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--hide-scrollbars', '--lang=vi-VN'],
    });
    results.browser = await browser.version();
    const page = await browser.newPage();
    page.setDefaultNavigationTimeout(60000);
    page.setDefaultTimeout(60000);

    let t = Date.now();
    const pages = await resolvePages(page, base, args.only);
    await checkPages(page, pages, args.widths, axeSource, record);
    timings.pages_s = (Date.now() - t) / 1000;

    if (!args.only || args.only.includes('summary') || args.only.includes('procedure')) {
      await page.setViewport(PHONE);
      const at = {page: 'procedure', width: PHONE.width, url: base + pathOf('procedure')};
      await guarded(record, at, async () => {
        await page.goto(at.url, {waitUntil: 'load'});
        for (const f of await checks.summaryInFirstScreen(page, PHONE.height)) record({...f, ...at});
      });
    }

    if (!args.only || args.only.includes('nojs')) {
      t = Date.now();
      await page.setViewport(PHONE);
      await page.setJavaScriptEnabled(false);
      const log = (line) => { results.nojs.push(line); console.log(`no JS: ${line}`); };
      for (const [name, journey] of [['search (no JS)', searchWithoutJs], ['unit-lookup (no JS)', lookupWithoutJs]]) {
        const at = {page: name, width: PHONE.width};
        await guarded(record, at, async () => {
          for (const f of await journey(page, base, log)) record({...f, ...at});
        });
      }
      await page.setJavaScriptEnabled(true);
      timings.nojs_s = (Date.now() - t) / 1000;
    }
  } finally {
    if (browser) await browser.close();
    await stopServer(server);
  }

  results.timings = timings;
  const file = path.join(work, 'results.json');
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  const byRule = {};
  for (const f of results.failures) {
    const key = `${f.check} ${f.rule || ''}`.trim();
    (byRule[key] = byRule[key] || new Set()).add(`${f.page}${f.width ? '@' + f.width : ''}`);
  }
  console.log(`\n${results.pages.length} page loads, ${results.failures.length} failure(s); results in ${file}`);
  for (const [rule, where] of Object.entries(byRule)) console.log(`  ${rule}: ${[...where].join(', ')}`);
  return results.failures.length === 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(2));
// Under CTest's TIMEOUT (tests/browser/CMakeLists.txt), so that a hang is reported by the suite.
const deadline = Number(process.env.XASITE_BROWSER_DEADLINE || 330);
setTimeout(() => {
  console.error(`browser suite cannot run: not finished after ${deadline} s (XASITE_BROWSER_DEADLINE)`);
  process.exit(2);
}, deadline * 1000).unref();

main().then((code) => { process.exitCode = code; }, (e) => {
  console.error(e instanceof SetupError ? `browser suite cannot run: ${e.message}` : e);
  process.exitCode = 2;
});
