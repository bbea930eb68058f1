// Where the tests find the repository's pieces (compiled to out/test/support/, three levels below the extension).
import * as fs from 'fs';
import * as path from 'path';

export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');
export const REPO_ROOT = path.resolve(EXTENSION_ROOT, '..');
export const SERVER_JAR = path.join(REPO_ROOT, 'dap-server', 'target', 'trapdoor.jar');
export const TRAPDOOR_SCRIPT = path.join(REPO_ROOT, 'bin', 'trapdoor');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
export const DEBUGME_C = path.join(EXAMPLES, 'debugme.c');
export const DEBUGME_WASM = path.join(EXAMPLES, 'debugme.wasm');
export const COUNT_WAT = path.join(EXAMPLES, 'count.wat');

/** The line of a `// @name` marker comment in examples/debugme.c (tests never hard-code line numbers). */
export function markerLine(name: string, file: string = DEBUGME_C): number {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex(l => new RegExp(`// @${name}(\\s|$)`).test(l));
    if (index < 0) {
        throw new Error(`no marker @${name} in ${file}`);
    }
    return index + 1;
}
