// The V8 half of the differential test (engine/src/test/java/dev/trapdoor/engine/fuzz): one node process runs a whole
// batch. Each stdin line is one module and its calls, planned by the Java side (which knows the export signatures):
//   PATH|NAME_HEX;ARG,ARG;RESULT,RESULT|...
// with ARG as TYPE=VALUE (i32/i64 decimal, f32/f64 raw bits in hex, ref=null). For each line it prints what
// happened, one event a line, in the format Trapdoor's side prints too, then "end". Exports are called in the order
// given; "hangLimitInitializer" (binaryen's loop and recursion budget) is called before each one when it exists.
'use strict';
const fs = require('fs');
const readline = require('readline');

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

// JavaScript cannot take a v128, so SIMD modules' log-v128 import is this module's export, which passes the four
// i32 lanes to one JS function, low lane first:
//   (func (import "js" "lane") (param i32))
//   (func (export "log") (param v128) lane 0..3: (call 0 (i32x4.extract_lane N (local.get 0))))
const V128_LOG = new WebAssembly.Module(Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x09, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x01, 0x7b, 0x00,
  0x02, 0x0b, 0x01, 0x02, 0x6a, 0x73, 0x04, 0x6c, 0x61, 0x6e, 0x65, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x01,
  0x07, 0x07, 0x01, 0x03, 0x6c, 0x6f, 0x67, 0x00, 0x01,
  0x0a, 0x20, 0x01, 0x1e, 0x00,
  ...[0, 1, 2, 3].flatMap((lane) => [0x20, 0x00, 0xfd, 0x1b, lane, 0x10, 0x00]),
  0x0b,
]));

// A logged v128 as Transcript.v128 prints it: a NaN's payload may differ between engines (--denan does not reach
// lanes) and the lanes' types are unknown, so a 64-bit half whose high 32-bit lane is an f32 NaN prints "nan64" (every
// f64 NaN has one), else each 32-bit lane that is an f32 NaN "nan32".
function v128Line(lanes) {
  const nan32 = (x) => (x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0;
  const parts = [];
  for (let h = 0; h < 2; h++) {
    const lo = lanes[2 * h] >>> 0;
    const hi = lanes[2 * h + 1] >>> 0;
    if (nan32(hi)) {
      parts.push('nan64');
      continue;
    }
    for (const x of [lo, hi]) {
      parts.push(nan32(x) ? 'nan32' : x.toString(16).padStart(8, '0'));
    }
  }
  return 'v128:' + parts.join(',');
}

function format(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + (v | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, v);
    case 'f32': f32[0] = v; return Number.isNaN(f32[0]) ? 'f32:nan' : 'f32:' + u32[0].toString(16);
    case 'f64': f64[0] = v; return Number.isNaN(f64[0]) ? 'f64:nan' : 'f64:' + u64[0].toString(16);
    default: return type + ':' + (v === null ? 'null' : 'nonnull');
  }
}

function parseArg(arg) {
  const [type, value] = arg.split('=');
  switch (type) {
    case 'i32': return Number(value) | 0;
    case 'i64': return BigInt(value);
    case 'f32': u32[0] = parseInt(value, 16); return f32[0];
    case 'f64': u64[0] = BigInt('0x' + value); return f64[0];
    default: return null;
  }
}

// V8's trap messages, as the spec's trap kinds where V8 tells them apart (Transcript.java says where it does not).
function trapKind(e) {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'call stack exhausted';
  if (!(e instanceof WebAssembly.RuntimeError)) return 'host error ' + e.constructor.name + ': ' + e.message;
  const m = e.message;
  if (m === 'unreachable') return 'unreachable';
  if (/memory access out of bounds|data segment out of bounds|offset is out of bounds/.test(m)) {
    return 'out of bounds memory access';
  }
  if (/divide by zero|remainder by zero/.test(m)) return 'integer divide by zero';
  if (/integer overflow|divide result unrepresentable/.test(m)) return 'integer overflow';
  if (/float unrepresentable/.test(m)) return 'float unrepresentable';
  if (/table index is out of bounds|element segment out of bounds|table access out of bounds/.test(m)) {
    return 'out of bounds table access';
  }
  if (/null function or function signature mismatch|signature mismatch|null function/.test(m)) return 'indirect call';
  return 'other ' + m;
}

function run(line, out) {
  const parts = line.split('|');
  let module;
  try {
    module = new WebAssembly.Module(fs.readFileSync(parts[0]));
  } catch (e) {
    out.push('rejected');
    return;
  }
  const log = (type) => (v) => { out.push('log ' + format(type, v)); };
  const lanes = [];
  const imports = {
    'fuzzing-support': {
      'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'),
      'log-v128': new WebAssembly.Instance(V128_LOG, { js: { lane: (v) => {
        lanes.push(v);
        if (lanes.length === 4) out.push('log ' + v128Line(lanes.splice(0)));
      } } }).exports.log,
    },
  };
  let instance;
  try {
    instance = new WebAssembly.Instance(module, imports);
  } catch (e) {
    out.push(e instanceof WebAssembly.LinkError ? 'unlinkable' : 'uninstantiable');
    return;
  }
  const reset = instance.exports.hangLimitInitializer;
  for (let i = 1; i < parts.length; i++) {
    const [nameHex, args, results] = parts[i].split(';');
    const name = Buffer.from(nameHex, 'hex').toString('utf8');
    const resultTypes = results === '' ? [] : results.split(',');
    out.push('call ' + name);
    try {
      if (reset) reset();
      const r = instance.exports[name](...(args === '' ? [] : args.split(',').map(parseArg)));
      const values = resultTypes.length === 1 ? [r] : resultTypes.length === 0 ? [] : Array.from(r);
      out.push('result' + values.map((v, j) => ' ' + format(resultTypes[j], v)).join(''));
    } catch (e) {
      out.push('trap ' + trapKind(e));
    }
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  const out = [];
  try {
    run(line, out);
  } catch (e) {
    out.push('runner error ' + e);
  }
  out.push('end');
  process.stdout.write(out.join('\n') + '\n');
});
