// Runs a WASI command in node (V8) and prints, on stderr, the milliseconds from compiling the module to the end of
// _start: the same span GrowthRun measures in Trapdoor. Usage: node node-run.mjs PROGRAM.wasm [ARGS...]
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { performance } from 'node:perf_hooks';

const [program, ...args] = process.argv.slice(2);
const bytes = readFileSync(program);
const start = performance.now();
const wasi = new WASI({ version: 'preview1', args: [program, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(bytes);
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
process.stderr.write(`run-ms ${(performance.now() - start).toFixed(1)}\n`);
process.exitCode = code;
