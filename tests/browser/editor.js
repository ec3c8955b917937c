#!/usr/bin/env node
// The editor's browser test (issue 12 §3): a tiny content tree (the real site.json, registry and
// documents, three procedure records) built for Xã Ea Kar (24373), served by `xasite serve`, edited
// through `xasite admin` in Chromium with JavaScript DISABLED: an editor logs in, writes a news
// item, previews it and saves a draft; the approver publishes it; the page is on the public site;
// a work schedule, a document and the contacts are published; the commune's account is refused
// another commune (Xã Ea H'Leo, 24184). Then every editor page is checked with JavaScript on at
// 320, 375 and 1366 px: axe-core WCAG 2.1 A/AA, no sideways scrolling, lang="vi", one <h1>.
// Screenshots of each step (375 px wide) go to --screenshots DIR (default <work>/screenshots);
// docs/huong-dan/ holds the ones the staff guide (docs/HUONG-DAN-CAN-BO.md) shows.
//
//   node editor.js --xasite BIN --content DIR --work DIR [--screenshots DIR] [--deps DIR]
//                  [--chromium PATH]
// Exit status 0 when every check passed, 1 when one failed, 2 when the test could not run.
'use strict';

const fs = require('fs');
const path = require('path');
const {spawn, spawnSync} = require('child_process');
const {createRequire} = require('module');

const checks = require('./checks');

const UNIT = '24373';          // Xã Ea Kar
const UNIT_SLUG = 'xa-ea-kar';
const OTHER_UNIT = '24184';    // Xã Ea H'Leo
const PASSWORD = 'Mat-khau-thu-nghiem-2025';
const EDITOR = 'bientap.eakar';
const APPROVER = 'duyet.eakar';
const PHONE = {width: 375, height: 812};
const HEIGHTS = {320: 568, 375: 812, 1366: 768};

class SetupError extends Error {}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; ++i) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m || i + 1 >= argv.length) throw new SetupError(`bad argument ${argv[i]} (see the head of editor.js)`);
    args[m[1]] = argv[++i];
  }
  for (const required of ['xasite', 'content', 'work']) {
    if (!args[required]) throw new SetupError(`--${required} is required (see the head of editor.js)`);
  }
  return args;
}

function loadDeps(dir) {
  const req = createRequire(path.join(path.resolve(dir), 'noop.js'));
  try {
    return {puppeteer: req('puppeteer-core'), axeSource: fs.readFileSync(req.resolve('axe-core/axe.min.js'), 'utf8')};
  } catch (e) {
    throw new SetupError(`puppeteer-core or axe-core is not installed in ${dir} (${e.code || e.message}).\n` +
                         'Run `make browser-deps` in the repository root to install them.');
  }
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, {encoding: 'utf8', input, maxBuffer: 64 << 20});
  if (r.error || r.status !== 0) {
    throw new SetupError(`${cmd} ${args.join(' ')} failed (${r.error ? r.error.message : 'exit ' + r.status}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

// A child process that prints "<what> at http://…/" on stderr once it listens.
function start(cmd, args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {stdio: ['ignore', 'ignore', 'pipe']});
    process.on('exit', () => child.exitCode === null && child.kill('SIGKILL'));
    let log = '';
    const timer = setTimeout(() => { child.kill(); reject(new SetupError(`${cmd} ${args[0]} printed no address in 60 s:\n${log}`)); }, 60000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = pattern.exec(log);
      if (m) { clearTimeout(timer); resolve({child, url: m[1], log: () => log}); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new SetupError(`${cmd} ${args[0]} exited (${code}):\n${log}`)); });
  });
}

function stop(proc) {
  if (!proc || proc.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => proc.child.kill('SIGKILL'), 10000);
    proc.child.removeAllListeners('exit');
    proc.child.on('exit', () => { clearTimeout(hard); resolve(); });
    proc.child.kill('SIGTERM');
  });
}

// The content tree: the real settings, registry and documents; three procedure records.
function makeContent(src, dir) {
  fs.rmSync(dir, {recursive: true, force: true});
  for (const sub of ['units', 'directives', 'procedures']) fs.mkdirSync(path.join(dir, sub), {recursive: true});
  fs.copyFileSync(path.join(src, 'site.json'), path.join(dir, 'site.json'));
  fs.copyFileSync(path.join(src, 'units', 'daklak-units.json'), path.join(dir, 'units', 'daklak-units.json'));
  for (const f of fs.readdirSync(path.join(src, 'directives'))) {
    if (/\.(txt|md|pdf)$/.test(f) && !f.startsWith('README')) fs.copyFileSync(path.join(src, 'directives', f), path.join(dir, 'directives', f));
  }
  for (const code of ['1.001193', '1.000080', '1.000094']) {
    fs.copyFileSync(path.join(src, 'procedures', `${code}.json`), path.join(dir, 'procedures', `${code}.json`));
  }
}

// A commune's notice, as the text exported from a signed Word file.
const NOTICE = `ỦY BAN NHÂN DÂN
XÃ EA KAR

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 15/TB-UBND
Ea Kar, ngày 04 tháng 8 năm 2025

THÔNG BÁO
Lịch tiếp công dân tháng 8 năm 2025

Kính gửi: Nhân dân trên địa bàn xã Ea Kar.

Chủ tịch Ủy ban nhân dân xã tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở Ủy ban nhân dân xã.

Nơi nhận:
- Các thôn, buôn;
- Lưu: VT.

CHỦ TỊCH

Nguyễn Văn An
`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const deps = args.deps || process.env.NODE_PATH || path.join(__dirname, '..', '..', 'build', 'browser-deps', 'node_modules');
  const chromium = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
  const {puppeteer, axeSource} = loadDeps(deps);
  if (!fs.existsSync(chromium)) throw new SetupError(`Chromium not found at ${chromium} (make deps), or pass --chromium PATH`);
  const work = path.resolve(args.work);
  fs.mkdirSync(work, {recursive: true});
  const shots = path.resolve(args.screenshots || path.join(work, 'screenshots'));
  fs.mkdirSync(shots, {recursive: true});
  const content = path.join(work, 'content');
  const site = path.join(work, 'site');
  const users = path.join(work, 'private', 'users.json');
  fs.rmSync(path.dirname(users), {recursive: true, force: true});
  fs.rmSync(site, {recursive: true, force: true});
  makeContent(path.resolve(args.content), content);
  const noticeFile = path.join(work, 'thong-bao-tiep-cong-dan.txt');
  fs.writeFileSync(noticeFile, NOTICE);

  run(args.xasite, ['build', '--content', content, '--out', site, '--unit', UNIT, '--no-index', '--quiet']);
  for (const [name, unit, role] of [[EDITOR, UNIT, 'editor'], [APPROVER, UNIT, 'approver']]) {
    run(args.xasite, ['admin', 'user', 'add', '--users', users, '--content', content, '--site', site,
                      '--unit', unit, '--role', role, name], PASSWORD + '\n');
  }

  const failures = [];
  const fail = (step, detail) => { failures.push({step, detail}); console.log(`FAIL ${step}: ${detail}`); };
  const ok = (step, detail = '') => console.log(`ok   ${step}${detail ? ': ' + detail : ''}`);

  let serve = null, admin = null, browser = null;
  try {
    serve = await start(args.xasite, ['serve', '--site', site, '--port', '0', '--quiet'], / at (http:\/\/[^\s]+\/) /);
    admin = await start(args.xasite, ['admin', '--content', content, '--site', site, '--users', users, '--port', '0',
                                      '--unit', UNIT, '--no-index', '--quiet', '--public-url', serve.url],
                        /xasite admin at (http:\/\/[^\s]+\/) /);
    if (!/TLS/.test(admin.log())) fail('tls-notice', 'xasite admin does not say that TLS comes from the reverse proxy');
    if (!/127\.0\.0\.1/.test(admin.url)) fail('bind', `xasite admin listens on ${admin.url}, not 127.0.0.1`);
    const base = admin.url;
    console.log(`xasite serve at ${serve.url}, xasite admin at ${base}`);

    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--hide-scrollbars', '--lang=vi-VN'],
    });
    const page = await browser.newPage();
    page.setDefaultNavigationTimeout(60000);
    page.setDefaultTimeout(60000);
    await page.setViewport(PHONE);
    await page.setJavaScriptEnabled(false);

    const shot = async (name) => {
      await page.screenshot({path: path.join(shots, `${name}.png`), fullPage: true});
    };
    const text = () => page.evaluate(() => document.body.innerText);
    const submit = async (selector) => {
      const [response] = await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click(selector)]);
      return response;
    };
    const login = async (name) => {
      await page.goto(base, {waitUntil: 'load'});
      await page.type('#ten', name);
      await page.type('#mat-khau', PASSWORD);
      return submit('form[action="/dang-nhap"] button[type="submit"]');
    };
    const logout = () => submit('form.logout button');
    const fill = async (selector, value) => {
      await page.$eval(selector, (el) => { el.value = ''; });
      await page.type(selector, value);
    };
    const editorPages = [];  // GET pages checked with axe afterwards

    // 1. An editor logs in and sees the commune's list.
    await page.goto(base, {waitUntil: 'load'});
    if (!new URL(page.url()).pathname.startsWith('/dang-nhap')) fail('login-required', `/ went to ${page.url()}`);
    await shot('01-dang-nhap');
    editorPages.push({id: 'login', url: base + 'dang-nhap', session: null});
    await login(EDITOR);
    if (new URL(page.url()).pathname !== `/don-vi/${UNIT}/`) fail('login', `landed on ${page.url()}`);
    else ok('login', page.url());
    await shot('02-danh-sach');
    editorPages.push({id: 'unit', url: `${base}don-vi/${UNIT}/`, session: EDITOR});

    // 2. Writes a news item, previews it, saves a draft.
    await submit(`a[href="/don-vi/${UNIT}/moi?muc=tin-tuc"]`);
    editorPages.push({id: 'new', url: `${base}don-vi/${UNIT}/moi?muc=tin-tuc`, session: EDITOR});
    const title = 'Ra quân tổng vệ sinh môi trường thôn 1';
    await page.type('#tieu-de', title);
    await fill('#ngay', '2025-08-02');
    await page.type('#noi-dung-bai', 'Sáng 02/8, **Ủy ban nhân dân xã** phối hợp các đoàn thể ra quân tổng vệ sinh.\n\n' +
                    '- Thu gom rác thải dọc đường liên thôn\n- Phát quang bụi rậm\n\n<script>alert(1)</script>\n');
    await shot('03-viet-tin');
    await submit('button[value="xem-truoc"]');
    const preview = await page.evaluate(() => {
      const p = document.querySelector('.preview');
      return p ? {html: p.innerHTML, strong: !!p.querySelector('strong'), script: !!p.querySelector('script')} : null;
    });
    if (!preview || !preview.strong) fail('preview', 'no rendered preview with <strong>');
    else if (preview.script || /<script/i.test(preview.html)) fail('preview-safe', 'the preview holds a <script>');
    else ok('preview');
    await shot('04-xem-truoc');
    await submit('button[value="luu"]');
    const draftUrl = page.url();
    const slug = (/\/bai\/([a-z0-9-]+)\//.exec(draftUrl) || [])[1];
    if (!slug) fail('save-draft', `after saving: ${draftUrl}`);
    else if (!/bản nháp/i.test(await text())) fail('save-draft', 'the page does not say it is a draft');
    else ok('save-draft', slug);
    await shot('05-ban-nhap');
    if (await page.$('button[value="xuat-ban"]')) fail('editor-cannot-publish', 'an editor is offered the publish button');
    editorPages.push({id: 'edit-draft', url: `${base}don-vi/${UNIT}/bai/${slug}/`, session: EDITOR});
    editorPages.push({id: 'history', url: `${base}don-vi/${UNIT}/bai/${slug}/lich-su`, session: EDITOR});

    // 3. Another commune is refused.
    const refused = await page.goto(`${base}don-vi/${OTHER_UNIT}/`, {waitUntil: 'load'});
    if (refused.status() !== 403) fail('other-commune', `/don-vi/${OTHER_UNIT}/ answered ${refused.status()}, expected 403`);
    else ok('other-commune', '403');
    await shot('11-don-vi-khac');
    editorPages.push({id: 'forbidden', url: `${base}don-vi/${OTHER_UNIT}/`, session: EDITOR, status: 403});
    await page.goto(`${base}don-vi/${UNIT}/`, {waitUntil: 'load'});
    await logout();

    // 4. The approver publishes it; the page is on the public site.
    await login(APPROVER);
    await page.goto(`${base}don-vi/${UNIT}/bai/${slug}/`, {waitUntil: 'load'});
    await submit('button[value="xuat-ban"]');
    if (!/Đã xuất bản/.test(await text())) fail('publish', `no confirmation: ${(await text()).slice(0, 300)}`);
    else ok('publish');
    await shot('06-da-xuat-ban');
    const publicUrl = `${serve.url}${UNIT_SLUG}/tin-tuc/${slug}/`;
    const pub = await page.goto(publicUrl, {waitUntil: 'load'});
    const pubText = await text();
    if (pub.status() !== 200 || !pubText.includes(title)) fail('public-page', `${publicUrl}: ${pub.status()}`);
    else if (/alert\(1\)/.test(await page.content()) && await page.$('main script')) fail('public-safe', 'a script reached the page');
    else ok('public-page', publicUrl);
    await shot('07-trang-cong-khai');

    // 5. A work schedule, published at once by the approver.
    await page.goto(`${base}don-vi/${UNIT}/moi?muc=lich-cong-tac`, {waitUntil: 'load'});
    await page.type('#tieu-de', 'Lịch công tác tuần 32 (04/8 – 08/8/2025)');
    await fill('#ngay', '2025-08-04');
    await page.type('#noi-dung-bai', '| Ngày | Nội dung | Chủ trì |\n|---|---|---|\n| Thứ Hai 04/8 | Giao ban đầu tuần | Chủ tịch UBND xã |\n' +
                    '| Thứ Năm 07/8 | Tiếp công dân định kỳ | Chủ tịch UBND xã |\n');
    await shot('08-lich-cong-tac');
    await submit('button[value="xuat-ban"]');
    const schedule = await page.goto(`${serve.url}${UNIT_SLUG}/lich-cong-tac/`, {waitUntil: 'load'});
    if (schedule.status() !== 200 || !(await text()).includes('Lịch công tác tuần 32')) fail('schedule', 'not on lich-cong-tac/');
    else ok('schedule');

    // 6. A document: the notice's text, uploaded; on the commune's văn bản list.
    await page.goto(`${base}don-vi/${UNIT}/tai-len`, {waitUntil: 'load'});
    editorPages.push({id: 'upload', url: `${base}don-vi/${UNIT}/tai-len`, session: APPROVER});
    await page.click('#loai-van-ban');
    await page.type('#ten-tep', 'Thông báo lịch tiếp công dân tháng 8');
    const input = await page.$('#tep');
    await input.uploadFile(noticeFile);
    await shot('09-tai-len-van-ban');
    const up = await submit('form[enctype="multipart/form-data"] button[type="submit"]');
    if (up.status() !== 201) fail('upload-document', `answered ${up.status()}: ${(await text()).slice(0, 400)}`);
    else ok('upload-document');
    const docs = await page.goto(`${serve.url}${UNIT_SLUG}/van-ban/`, {waitUntil: 'load'});
    if (docs.status() !== 200 || !/tiếp công dân/i.test(await text())) fail('document-published', 'not on van-ban/');
    else ok('document-published');

    // 7. Contacts.
    await page.goto(`${base}don-vi/${UNIT}/lien-he`, {waitUntil: 'load'});
    editorPages.push({id: 'contacts', url: `${base}don-vi/${UNIT}/lien-he`, session: APPROVER});
    await fill('#lh-phone', '0262 3625 123');
    await fill('#lh-service-centre-hours', 'Sáng 7:00–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu');
    await shot('10-lien-he');
    await submit('form[action$="/lien-he"] button[type="submit"]');
    const contact = await page.goto(`${serve.url}${UNIT_SLUG}/lien-he/`, {waitUntil: 'load'});
    if (contact.status() !== 200 || !(await text()).includes('0262 3625 123')) fail('contacts', 'the phone is not on lien-he/');
    else ok('contacts');
    editorPages.push({id: 'edit-published', url: `${base}don-vi/${UNIT}/bai/${slug}/`, session: APPROVER});

    // 8. axe, sideways scrolling, lang and one <h1> on every editor page at every width, with
    //    JavaScript on (axe needs it); the preview is a POST, checked by submitting it again.
    await page.setJavaScriptEnabled(true);
    let checked = 0;
    let session = null;
    for (const p of [...editorPages].sort((a, b) => String(a.session).localeCompare(String(b.session)))) {
      if (p.session !== session) {
        await page.deleteCookie(...(await page.cookies(base)));
        if (p.session) await login(p.session);
        session = p.session;
      }
      for (const width of [320, 375, 1366]) {
        await page.setViewport({width, height: HEIGHTS[width]});
        const r = await page.goto(p.url, {waitUntil: 'load'});
        if (r.status() !== (p.status || 200)) fail(`status ${p.id}@${width}`, `${p.url}: ${r.status()}`);
        const found = [].concat(await checks.axeViolations(page, axeSource), await checks.sidewaysScroll(page),
                                await checks.langAndHeading(page));
        for (const f of found) fail(`${f.check} ${f.rule || ''} ${p.id}@${width}`, f.detail);
        ++checked;
      }
    }
    if (session !== APPROVER) {
      await page.deleteCookie(...(await page.cookies(base)));
      await login(APPROVER);
    }
    for (const width of [320, 375, 1366]) {
      await page.setViewport({width, height: HEIGHTS[width]});
      await page.goto(`${base}don-vi/${UNIT}/moi?muc=tin-tuc`, {waitUntil: 'load'});
      await page.type('#tieu-de', 'Xem trước');
      await page.type('#noi-dung-bai', '## Mục\n\nĐoạn **đậm** và [liên kết](https://daklak.gov.vn/).\n');
      await submit('button[value="xem-truoc"]');
      const found = [].concat(await checks.axeViolations(page, axeSource), await checks.sidewaysScroll(page),
                              await checks.langAndHeading(page));
      for (const f of found) fail(`${f.check} ${f.rule || ''} preview@${width}`, f.detail);
      ++checked;
    }
    console.log(`checked ${checked} editor page loads with axe-core (WCAG 2.1 A/AA) at 320, 375 and 1366 px`);
  } finally {
    if (browser) await browser.close();
    await stop(admin);
    await stop(serve);
  }
  console.log(`screenshots in ${shots}`);
  console.log(failures.length ? `${failures.length} failure(s)` : 'editor journey passed');
  return failures.length ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(2));
const deadline = Number(process.env.XASITE_BROWSER_DEADLINE || 330);
setTimeout(() => {
  console.error(`editor test cannot run: not finished after ${deadline} s (XASITE_BROWSER_DEADLINE)`);
  process.exit(2);
}, deadline * 1000).unref();

main().then((code) => { process.exitCode = code; }, (e) => {
  console.error(e instanceof SetupError ? `editor test cannot run: ${e.message}` : e);
  process.exitCode = 2;
});
