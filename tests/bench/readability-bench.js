// SPDX-License-Identifier: GPL-3.0-or-later
// node readability-bench.js PASSES FILE...: the Readability.js side of
// tests/bench/extract-bench.sh. Loads every page into memory first (as bytes:
// jsdom sniffs the charset as a browser does), then times, per page,
// `new JSDOM(bytes, {url})` + `new Readability(document).parse()` and prints
// the same key=value line as extract_bench.c (CPU seconds are the process's,
// the garbage collector's threads included).
'use strict';
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const passes = Math.max(1, parseInt(process.argv[2], 10) || 1);
const files = process.argv.slice(3);
const pages = files.map((f) => fs.readFileSync(f));
const total = pages.reduce((n, b) => n + b.length, 0);
const largest = pages.reduce((n, b) => Math.max(n, b.length), 0);
const loadedKb = Math.round(process.memoryUsage().rss / 1024);
// jsdom reports CSS it cannot parse on the console; nothing is printed
const quiet = new VirtualConsole();
const url = 'http://fakehost/test/page.html'; // what Readability.js's own tests use

const cpu = [];
const wall = [];
let failed = 0;
for (let k = 0; k < passes; k++) {
  const c0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  failed = 0;
  for (let i = 0; i < pages.length; i++) {
    const dom = new JSDOM(pages[i], { url, virtualConsole: quiet });
    let art = null;
    try {
      art = new Readability(dom.window.document).parse();
    } catch (e) {
      art = null;
    }
    if (!art) failed++;
    dom.window.close();
  }
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e6);
  wall.push(Number(process.hrtime.bigint() - w0) / 1e9);
}
const byNum = (a, b) => a - b;
cpu.sort(byNum);
wall.sort(byNum);
const med = (a) => a[Math.floor(a.length / 2)];
console.log(
  `tool=readability pages=${pages.length} bytes=${total} largest=${largest} passes=${passes} ` +
    `failed=${failed} cpu_best=${cpu[0].toFixed(4)} cpu_median=${med(cpu).toFixed(4)} ` +
    `wall_best=${wall[0].toFixed(4)} wall_median=${med(wall).toFixed(4)} ` +
    `peak_kb=${process.resourceUsage().maxRSS} loaded_kb=${loadedKb}`
);
