// Runs a WASI command in node (V8) and prints, on stderr, the milliseconds from compiling the module to the end of
// _start (run-ms) and the process's CPU time over it (run-cpu-ms): the same spans GrowthRun measures in Trapdoor.
// Usage: node node-run.mjs PROGRAM.wasm [ARGS...]
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { performance } from 'node:perf_hooks';

const [program, ...args] = process.argv.slice(2);
const bytes = readFileSync(program);
const start = performance.now();
const cpuStart = process.cpuUsage();
const wasi = new WASI({ version: 'preview1', args: [program, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(bytes);
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
process.stderr.write(`run-ms ${(performance.now() - start).toFixed(1)}\n`);
const cpu = process.cpuUsage(cpuStart);
process.stderr.write(`run-cpu-ms ${((cpu.user + cpu.system) / 1000).toFixed(1)}\n`);
process.exitCode = code;
