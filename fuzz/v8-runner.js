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
  const imports = {
    'fuzzing-support': {
      'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'),
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
