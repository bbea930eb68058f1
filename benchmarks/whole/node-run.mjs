// Runs a WASI command in node (V8), as benchmarks/whole/run.sh runs it on Trapdoor: the working directory preopened
// as ".", HOME=/ and nothing else in the environment, stdio inherited. Exits with the program's exit code.
// Usage: node --experimental-wasi-unstable-preview1 node-run.mjs PROGRAM.wasm [ARGS...]
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [program, ...args] = process.argv.slice(2);
const wasi = new WASI({
  version: 'preview1', args: [program, ...args], env: { HOME: '/' }, preopens: { '.': '.' }, returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(program));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
