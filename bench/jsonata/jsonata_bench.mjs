// The peer of jsonata_bench.cc: the reference JSONata implementation (npm `jsonata`, pinned in
// package.json) on node, measured the same way: each expression compiled once, then evaluated
// with the input document as the context and $states bound to {"input": document}. Prints one
// JSON line per expression: name, compile_us, evals_per_s (median of the rounds), rounds, and the
// result's JSON text. evaluate() returns a promise in jsonata 2.x: each evaluation is awaited, as
// a caller of the library does.
//   node jsonata_bench.mjs EXPRESSIONS_JSON INPUT_JSON [--warmup S] [--round S] [--rounds N] [--compile S] [--only NAME]
// Run it from the directory where jsonata is installed (run.sh does).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const jsonata = require('jsonata');

const argv = process.argv.slice(2);
if (argv.length < 2) {
  console.error('usage: node jsonata_bench.mjs EXPRESSIONS_JSON INPUT_JSON [--warmup S] [--round S] [--rounds N] [--compile S] [--only NAME]');
  process.exit(2);
}
const opt = { warmup: 0.5, round: 0.3, rounds: 5, compile: 0.2, only: '' };
for (let i = 2; i + 1 < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!(key in opt)) {
    console.error(`unknown option ${argv[i]}`);
    process.exit(2);
  }
  opt[key] = key === 'only' ? argv[i + 1] : Number(argv[i + 1]);
}

const spec = JSON.parse(readFileSync(argv[0], 'utf8'));
const document = JSON.parse(readFileSync(argv[1], 'utf8'));
const bindings = { states: { input: document } };

const secondsSince = (t) => (performance.now() - t) / 1000;
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
let sink = 0;

for (const entry of spec.expressions) {
  if (opt.only && entry.name !== opt.only) continue;
  const line = { name: entry.name };
  let expression;
  try {
    expression = jsonata(entry.expression);
  } catch (e) {
    line.error = `compile ${e.code}: ${e.message}`;
    console.log(JSON.stringify(line));
    continue;
  }
  {
    let n = 0;
    const start = performance.now();
    do {
      const again = jsonata(entry.expression);
      sink += again ? 1 : 0;
      ++n;
    } while (n < 10 || secondsSince(start) < opt.compile);
    line.compile_us = (secondsSince(start) * 1e6) / n;
  }

  let result;
  try {
    result = await expression.evaluate(document, bindings);
  } catch (e) {
    line.error = `evaluate ${e.code}: ${e.message}`;
    console.log(JSON.stringify(line));
    continue;
  }
  line.result = result === undefined ? 'undefined' : JSON.stringify(result);

  // Warm-up (node's JIT), which also sizes a batch between two clock reads to about a millisecond.
  let batch = 1;
  {
    const start = performance.now();
    while (secondsSince(start) < opt.warmup) {
      const t = performance.now();
      for (let i = 0; i < batch; ++i) {
        const r = await expression.evaluate(document, bindings);
        sink += r === undefined ? 0 : 1;
      }
      if (secondsSince(t) < 1e-3) batch *= 2;
    }
  }
  const rates = [];
  for (let round = 0; round < opt.rounds; ++round) {
    let n = 0;
    let elapsed = 0;
    const start = performance.now();
    do {
      for (let i = 0; i < batch; ++i) {
        const r = await expression.evaluate(document, bindings);
        sink += r === undefined ? 0 : 1;
      }
      n += batch;
      elapsed = secondsSince(start);
    } while (elapsed < opt.round);
    rates.push(n / elapsed);
  }
  line.evals_per_s = median(rates);
  line.rounds = rates;
  console.log(JSON.stringify(line));
}
if (sink < 0) console.error(sink);
