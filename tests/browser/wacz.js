#!/usr/bin/env node
// The WACZ export (docs/ARCHIVES.md "Export") read by other archives' own tools:
//   --check cdx     the CDXJ lines of `xasite archive export` match what warcio's indexer
//                   (npm warcio, CDXIndexer) makes of the same WARCs: urlkey, timestamp, url,
//                   digest, offset, length;
//   --check replay  ReplayWeb.page (npm replaywebpage: the <replay-web-page> component and its
//                   service worker sw.js), served with the WACZ from a loopback HTTP server,
//                   replays a page of it in Chromium (puppeteer-core): the page's text is read
//                   inside the replay iframe.
// Usage: node wacz.js --check cdx|replay --xasite BIN --package DIR --work DIR --deps NODE_MODULES
//                     [--warc FILE,… --content DIR] (cdx: also packages ingested from each FILE)
//                     [--chromium /usr/bin/chromium] [--url URL --expect TEXT] (replay)
// Fails (never skips) when node_modules or Chromium are missing: run `make browser-deps`.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const zlib = require('zlib');
const {spawnSync} = require('child_process');
const {createRequire} = require('module');
const {pathToFileURL} = require('url');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; ++i) {
    const m = /^--(.+)$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    args[m[1]] = argv[++i];
  }
  return args;
}

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

// The entries of a zip (central directory; stored or deflated).
function readZip(file) {
  const z = fs.readFileSync(file);
  const eocd = z.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) fail(`${file}: not a zip`);
  const count = z.readUInt16LE(eocd + 10);
  let p = z.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; ++i) {
    const method = z.readUInt16LE(p + 10);
    const size = z.readUInt32LE(p + 20);
    const nameLen = z.readUInt16LE(p + 28), extra = z.readUInt16LE(p + 30), comment = z.readUInt16LE(p + 32);
    const local = z.readUInt32LE(p + 42);
    const name = z.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + z.readUInt16LE(local + 26) + z.readUInt16LE(local + 28);
    const raw = z.subarray(start, start + size);
    entries.set(name, {method, data: method === 0 ? raw : zlib.inflateRawSync(raw)});
    p += 46 + nameLen + extra + comment;
  }
  return entries;
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, {encoding: 'utf8'});
  if (r.status !== 0) fail(`${cmd} ${argv.join(' ')}: ${r.error ? r.error.message : 'exit ' + r.status}\n${r.stdout}${r.stderr}`);
  return r;
}

// A package made here from a WARC (xasite archive ingest, with the registry and site.json of
// the content tree --content), so the index of an original WARC is compared too.
function warcPackage(args, warc) {
  const content = path.join(args.work, 'content');
  fs.rmSync(content, {recursive: true, force: true});
  fs.mkdirSync(path.join(content, 'units'), {recursive: true});
  fs.copyFileSync(path.join(args.content, 'site.json'), path.join(content, 'site.json'));
  fs.copyFileSync(path.join(args.content, 'units', 'daklak-units.json'), path.join(content, 'units', 'daklak-units.json'));
  run(args.xasite, ['archive', 'ingest', '--unit', '651', '--content', content, warc]);
  return path.join(content, 'archives', '651');
}

function exportWacz(args, pkg = args.package, name = 'export.wacz') {
  fs.mkdirSync(args.work, {recursive: true});
  const out = path.join(args.work, name);
  fs.rmSync(out, {force: true});
  const r = spawnSync(args.xasite, ['archive', 'export', '--format', 'wacz', '--output', out, pkg],
                      {encoding: 'utf8'});
  if (r.status !== 0) fail(`xasite archive export: ${r.error ? r.error.message : 'exit ' + r.status}\n${r.stdout}${r.stderr}`);
  process.stdout.write(r.stdout);
  return out;
}

async function checkCdx(args, deps) {
  let warcio;
  try {
    warcio = await import(pathToFileURL(path.join(deps, 'warcio', 'dist', 'index.js')).href);
  } catch (e) {
    fail(`warcio is not installed in ${deps} (${e.message}); run make browser-deps`);
  }
  const waczs = [exportWacz(args)];
  for (const warc of (args.warc || '').split(',').filter(Boolean))
    waczs.push(exportWacz(args, warcPackage(args, warc), path.basename(warc) + '.wacz'));
  for (const wacz of waczs) await compareCdx(args, warcio, wacz);
}

async function compareCdx(args, warcio, wacz) {
  const zip = readZip(wacz);
  const ours = zip.get('indexes/index.cdxj').data.toString('utf8').split('\n').filter(Boolean).map((line) => {
    const [urlkey, timestamp] = line.split(' ', 2);
    const j = JSON.parse(line.slice(urlkey.length + timestamp.length + 2));
    return {urlkey, timestamp, ...j};
  });
  const files = [];
  for (const [name, e] of zip) {
    if (!name.startsWith('archive/')) continue;
    if (e.method !== 0) fail(`${name} is compressed in the zip (method ${e.method}); WARCs must be stored`);
    const f = path.join(args.work, path.basename(name));
    fs.writeFileSync(f, e.data);
    files.push({filename: path.basename(name), reader: fs.createReadStream(f)});
  }
  const indexer = new warcio.CDXIndexer({format: 'cdxj'});
  const theirs = [];
  for await (const cdx of indexer.iterIndex(files)) theirs.push(cdx);
  const keyOf = (c) => `${c.filename} ${c.offset}`;
  const fields = ['urlkey', 'timestamp', 'url', 'digest', 'offset', 'length'];
  const mine = new Map(ours.map((c) => [keyOf(c), c]));
  let problems = 0;
  for (const t of theirs) {
    const o = mine.get(keyOf(t));
    if (!o) {
      console.error(`warcio indexes ${keyOf(t)} ${t.url} (${t.mime}); xasite does not`);
      ++problems;
      continue;
    }
    mine.delete(keyOf(t));
    for (const f of fields) {
      if (String(o[f]) !== String(t[f])) {
        console.error(`${keyOf(t)} ${f}: xasite "${o[f]}", warcio "${t[f]}"`);
        ++problems;
      }
    }
  }
  for (const [k, o] of mine) {
    console.error(`xasite indexes ${k} ${o.url}; warcio does not`);
    ++problems;
  }
  if (problems) fail(`${path.basename(wacz)}: ${problems} differences between the CDXJ and warcio's index`);
  console.log(`ok: ${path.basename(wacz)}: ${ours.length} CDXJ lines equal warcio ${require(path.resolve(args.deps, 'warcio', 'package.json')).version}'s ` +
              `(${fields.join(', ')}) on ${files.map((f) => f.filename).join(', ')}`);
}

function serve(root, files) {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://127.0.0.1');
    const f = files[u.pathname];
    if (!f) {
      res.writeHead(404, {'Content-Type': 'text/plain'});
      return res.end('not found');
    }
    const body = typeof f.body === 'string' ? Buffer.from(f.body) : fs.readFileSync(f.file);
    const headers = {'Content-Type': f.type, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store'};
    if (f.sw) headers['Service-Worker-Allowed'] = '/';
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
    if (range) {
      let start = range[1] === '' ? body.length - Number(range[2]) : Number(range[1]);
      let end = range[1] === '' || range[2] === '' ? body.length - 1 : Math.min(Number(range[2]), body.length - 1);
      if (start < 0) start = 0;
      if (start > end || start >= body.length) {
        res.writeHead(416, {'Content-Range': `bytes */${body.length}`});
        return res.end();
      }
      res.writeHead(206, {...headers, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1});
      return res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
    }
    res.writeHead(200, {...headers, 'Content-Length': body.length});
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function checkReplay(args, deps) {
  const req = createRequire(path.join(path.resolve(deps), 'noop.js'));
  let puppeteer, rwp;
  try {
    puppeteer = req('puppeteer-core');
    // The package's "exports" hide package.json: its folder is found beside puppeteer-core.
    rwp = path.join(deps, 'replaywebpage');
    for (const f of ['ui.js', 'sw.js', 'package.json'])
      if (!fs.existsSync(path.join(rwp, f))) throw Object.assign(new Error(`${rwp}/${f} missing`), {code: 'MISSING'});
  } catch (e) {
    fail(`puppeteer-core or replaywebpage is not installed in ${deps} (${e.code || e.message}); run make browser-deps`);
  }
  const chromium = args.chromium || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) fail(`${chromium} not found (Debian package chromium)`);
  const wacz = exportWacz(args);
  const target = args.url || 'http://eakar.daklak.gov.vn/index.html';
  const expect = args.expect || 'Ủy ban nhân dân huyện Ea Kar';
  const html = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>WACZ</title>' +
    '<script src="/ui.js"></script></head><body>' +
    `<replay-web-page source="/export.wacz" url="${target}" replayBase="/replay/" embed="replayonly"` +
    ' style="display:block;width:1000px;height:700px"></replay-web-page></body></html>';
  const server = await serve(args.work, {
    '/': {body: html, type: 'text/html; charset=utf-8'},
    '/ui.js': {file: path.join(rwp, 'ui.js'), type: 'application/javascript'},
    '/replay/sw.js': {file: path.join(rwp, 'sw.js'), type: 'application/javascript', sw: true},
    '/export.wacz': {file: wacz, type: 'application/wacz+zip'},
  });
  const port = server.address().port;
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const log = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => log.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.push(`page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`, {waitUntil: 'load'});
    // Under load the replay iframe can be navigated before the freshly installed service worker
    // controls /replay/ (the server then answers 404 and ReplayWeb.page does not retry): the
    // page is reloaded (the worker is installed by then) every 30 s, and the reloads are reported.
    const deadline = Date.now() + 120000;
    let text = null, frameUrl = null, reloads = 0, nextReload = Date.now() + 30000;
    while (Date.now() < deadline && text === null) {
      if (Date.now() > nextReload) {
        ++reloads;
        nextReload = Date.now() + 30000;
        log.push(`reload ${reloads}: frames ${page.frames().map((f) => f.url()).join(' ')}`);
        await page.reload({waitUntil: 'load'}).catch((e) => log.push(`reload: ${e.message}`));
      }
      for (const f of page.frames()) {
        // The replayed page: /replay/w/<collection>/<timestamp>mp_/<original URL>.
        if (!/mp_\//.test(f.url()) || !f.url().endsWith(target)) continue;
        try {
          const t = await f.evaluate(() => (document.body ? document.body.innerText : ''));
          if (t && t.includes(expect)) {
            text = t;
            frameUrl = f.url();
          }
        } catch (e) {
          // the frame navigated meanwhile
        }
      }
      if (text === null) await new Promise((r) => setTimeout(r, 500));
    }
    if (text === null) {
      const frames = page.frames().map((f) => f.url()).join('\n  ');
      fail(`ReplayWeb.page did not show "${expect}" for ${target} within 120 s (${reloads} reloads).\nframes:\n  ${frames}\n${log.join('\n')}`);
    }
    const version = require(path.join(rwp, 'package.json')).version;
    console.log(`ok: ReplayWeb.page ${version} in ${await browser.version()} replayed ${target} from the WACZ ` +
                `(frame ${frameUrl}; ${reloads} reload(s)): "${text.split('\n').find((l) => l.includes(expect))}"`);
  } finally {
    await browser.close();
    server.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const a of ['check', 'xasite', 'package', 'work', 'deps'])
    if (!args[a]) fail(`--${a} is required`);
  const deps = path.resolve(args.deps);
  if (args.check === 'cdx') return checkCdx(args, deps);
  if (args.check === 'replay') return checkReplay(args, deps);
  fail(`--check cdx|replay, not ${args.check}`);
}

main().catch((e) => fail(e.stack || e.message));
