// Finding the Java that runs the bundled server: the `trapdoor.java.home` setting, else JAVA_HOME, else `java` on
// PATH; then checking that it is 17 or newer. No VS Code API here: the host (environment, file checks, running
// `java -version`) is passed in, so the logic is unit-tested with fakes and once for real.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const MINIMUM_JAVA = 17;

export type JavaSource = 'trapdoor.java.home' | 'JAVA_HOME' | 'PATH';

/** What the discovery needs from the machine. */
export interface JavaHost {
    readonly platform: NodeJS.Platform;
    readonly env: Readonly<Record<string, string | undefined>>;
    isExecutableFile(file: string): boolean;
    /** Runs `java -version` and returns what it printed (on stderr, normally), or throws. */
    runVersion(javaExecutable: string): Promise<string>;
}

export interface JavaCandidate {
    readonly executable: string;
    readonly source: JavaSource;
}

export interface JavaRuntime extends JavaCandidate {
    readonly major: number;
    readonly versionText: string;
}

/** A Java problem a person can fix; `message` says what is wrong and how to fix it. */
export class JavaError extends Error {
    constructor(readonly problem: string, readonly fix: string) {
        super(`${problem} Fix: ${fix}`);
        this.name = 'JavaError';
    }
}

const INSTALL_FIX = `install a JDK ${MINIMUM_JAVA} or newer (for example from https://adoptium.net) and set `
    + `"trapdoor.java.home" to its folder (the one that contains bin/java), or point JAVA_HOME at it.`;

export function javaExecutableName(platform: NodeJS.Platform): string {
    return platform === 'win32' ? 'java.exe' : 'java';
}

function javaIn(home: string, host: JavaHost): string {
    return path.join(home, 'bin', javaExecutableName(host.platform));
}

function pathDirectories(host: JavaHost): string[] {
    // Windows spells it Path; the env object of a real process is case-insensitive there, a fake one is not.
    const value = host.env.PATH ?? host.env.Path ?? '';
    const separator = host.platform === 'win32' ? ';' : ':';
    return value.split(separator).map(d => d.trim().replace(/^"(.*)"$/, '$1')).filter(d => d.length > 0);
}

/** Where Java is, without running it. Throws a {@link JavaError} when there is none. */
export function locateJava(javaHomeSetting: string | undefined, host: JavaHost): JavaCandidate {
    const setting = javaHomeSetting?.trim();
    if (setting) {
        const executable = javaIn(setting, host);
        if (host.isExecutableFile(executable)) {
            return { executable, source: 'trapdoor.java.home' };
        }
        throw new JavaError(`"trapdoor.java.home" is set to ${setting}, but ${executable} does not exist or cannot be run.`,
            `set "trapdoor.java.home" to the folder of a JDK ${MINIMUM_JAVA}+ (the one that contains bin/java), or `
            + `clear it to use JAVA_HOME or the java on PATH.`);
    }
    const notes: string[] = ['"trapdoor.java.home" is not set'];
    const javaHome = host.env.JAVA_HOME?.trim();
    if (javaHome) {
        const executable = javaIn(javaHome, host);
        if (host.isExecutableFile(executable)) {
            return { executable, source: 'JAVA_HOME' };
        }
        notes.push(`JAVA_HOME (${javaHome}) has no ${path.join('bin', javaExecutableName(host.platform))}`);
    } else {
        notes.push('JAVA_HOME is not set');
    }
    for (const dir of pathDirectories(host)) {
        const executable = path.join(dir, javaExecutableName(host.platform));
        if (host.isExecutableFile(executable)) {
            return { executable, source: 'PATH' };
        }
    }
    notes.push('there is no java on PATH');
    throw new JavaError(`Trapdoor needs Java ${MINIMUM_JAVA} or newer to run its debug server, and none was found: `
        + `${notes.join(', ')}.`, INSTALL_FIX);
}

/**
 * The version in `java -version` output: `openjdk version "17.0.15" 2025-04-15`, `java version "1.8.0_292"`,
 * `openjdk version "21" 2023-09-19`, `openjdk version "22-ea"`. Undefined when there is none.
 */
export function parseJavaVersion(output: string): { major: number; text: string } | undefined {
    const m = /version "([^"]+)"/.exec(output);
    if (!m) {
        return undefined;
    }
    const text = m[1];
    const parts = /^(\d+)(?:\.(\d+))?/.exec(text);
    if (!parts) {
        return undefined;
    }
    const first = Number(parts[1]);
    // Up to Java 8 the scheme was 1.MAJOR.
    const major = first === 1 && parts[2] !== undefined ? Number(parts[2]) : first;
    return { major, text };
}

/** Locates Java and checks its version. Throws a {@link JavaError} with a fix when it cannot be used. */
export async function findJava(javaHomeSetting: string | undefined, host: JavaHost): Promise<JavaRuntime> {
    const candidate = locateJava(javaHomeSetting, host);
    const from = candidate.source === 'PATH' ? 'from PATH' : `from ${candidate.source}`;
    let output: string;
    try {
        output = await host.runVersion(candidate.executable);
    } catch (e) {
        throw new JavaError(`Could not run ${candidate.executable} -version (${from}): `
            + `${e instanceof Error ? e.message : String(e)}.`, INSTALL_FIX);
    }
    const version = parseJavaVersion(output);
    if (!version) {
        throw new JavaError(`${candidate.executable} (${from}) did not report a version Trapdoor understands: `
            + `${JSON.stringify(output.trim().split(/\r?\n/)[0] ?? '')}.`, INSTALL_FIX);
    }
    if (version.major < MINIMUM_JAVA) {
        throw new JavaError(`Trapdoor needs Java ${MINIMUM_JAVA} or newer to run its debug server, but `
            + `${candidate.executable} (${from}) is Java ${version.major} ("${version.text}").`, INSTALL_FIX);
    }
    return { ...candidate, major: version.major, versionText: version.text };
}

/** The real machine. */
export function nodeJavaHost(env: NodeJS.ProcessEnv = process.env): JavaHost {
    return {
        platform: process.platform,
        env,
        isExecutableFile(file: string): boolean {
            try {
                if (!fs.statSync(file).isFile()) {
                    return false;
                }
                fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
                return true;
            } catch {
                return false;
            }
        },
        runVersion(javaExecutable: string): Promise<string> {
            return new Promise((resolve, reject) => {
                execFile(javaExecutable, ['-version'], { timeout: 20_000, windowsHide: true }, (error, stdout, stderr) => {
                    if (error) {
                        reject(error);
                    } else {
                        resolve(`${stderr}${stdout}`);
                    }
                });
            });
        },
    };
}
