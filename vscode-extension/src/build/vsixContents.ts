// The build's check of the .vsix (a zip): lists its entries from the zip's central directory and says what is
// missing or should not be there. Build tooling, not part of the extension (out/build is left out of the .vsix).
import * as fs from 'fs';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;

/** The names of the entries of a zip file, in directory order. */
export function zipEntries(zip: Buffer): string[] {
    // The end record is the last 22 bytes, followed by a comment of up to 65535 bytes.
    let end = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
        if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
            end = i;
            break;
        }
    }
    if (end < 0) {
        throw new Error('not a zip file: no end of central directory record');
    }
    const count = zip.readUInt16LE(end + 10);
    let offset = zip.readUInt32LE(end + 16);
    if (count === 0xffff || offset === 0xffffffff) {
        throw new Error('zip64 archives are not supported');
    }
    const names: string[] = [];
    for (let n = 0; n < count; n++) {
        if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_HEADER) {
            throw new Error(`corrupt zip: no central directory header at ${offset}`);
        }
        const nameLength = zip.readUInt16LE(offset + 28);
        const extraLength = zip.readUInt16LE(offset + 30);
        const commentLength = zip.readUInt16LE(offset + 32);
        names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return names;
}

/** What the .vsix must contain (vsce lower-cases readme and changelog, and may add .txt to LICENSE). */
export const REQUIRED: readonly { readonly what: string; readonly pattern: RegExp }[] = [
    { what: 'the manifest', pattern: /^extension\/package\.json$/ },
    { what: 'the compiled extension', pattern: /^extension\/out\/extension\.js$/ },
    { what: 'the bundled server jar', pattern: /^extension\/server\/trapdoor\.jar$/ },
    { what: 'the README', pattern: /^extension\/readme\.md$/i },
    { what: 'the CHANGELOG', pattern: /^extension\/changelog\.md$/i },
    { what: 'the LICENSE', pattern: /^extension\/license(\.txt|\.md)?$/i },
    { what: 'the icon', pattern: /^extension\/images\/icon\.png$/ },
    { what: "the server's start-up class list", pattern: /^extension\/server\/trapdoor\.classlist$/ },
];

/** What must not be shipped: sources, tests, build tooling, dependencies. */
export const FORBIDDEN: readonly RegExp[] = [
    /^extension\/src\//, /^extension\/out\/test\//, /^extension\/out\/build\//, /^extension\/node_modules\//,
    /^extension\/scripts\//, /\.ts$/, /\.map$/, /^extension\/pom\.xml$/,
];

/** Problems with a .vsix's entry list; empty when it is complete and clean. */
export function checkVsixEntries(entries: readonly string[]): string[] {
    const problems: string[] = [];
    for (const r of REQUIRED) {
        if (!entries.some(e => r.pattern.test(e))) {
            problems.push(`missing ${r.what} (${r.pattern.source})`);
        }
    }
    for (const e of entries) {
        if (FORBIDDEN.some(f => f.test(e))) {
            problems.push(`should not be packaged: ${e}`);
        }
    }
    return problems;
}

export function checkVsixFile(file: string): { entries: string[]; problems: string[] } {
    const entries = zipEntries(fs.readFileSync(file));
    return { entries, problems: checkVsixEntries(entries) };
}
