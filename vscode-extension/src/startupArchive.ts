// Class-data sharing for the bundled server: JDK 17 only maps an archive made for the jar at its current path, so
// the .vsix ships the class list a start loads (server/trapdoor.classlist, recorded at package time) and the first
// session builds server/trapdoor.jsa from it in the background; later sessions start from the archive.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface ArchiveFiles {
    classList: string;
    archive: string;
}

export function archiveFiles(jar: string): ArchiveFiles {
    const dir = path.dirname(jar);
    return { classList: path.join(dir, 'trapdoor.classlist'), archive: path.join(dir, 'trapdoor.jsa') };
}

/**
 * JVM options that start the server from the archive, when it has been built. It is mapped at the address it was made
 * for: JDK 17.0.15 relocates it by default, rewriting every pointer in it on each start (~100 ms on 2 cores).
 */
export function archiveOptions(jar: string, exists: (file: string) => boolean): string[] {
    const { archive } = archiveFiles(jar);
    return exists(archive)
        ? [`-XX:SharedArchiveFile=${archive}`, '-XX:+UnlockDiagnosticVMOptions', '-XX:ArchiveRelocationMode=0']
        : [];
}

/** The command that dumps the archive from the class list, or undefined when there is nothing to do. */
export function dumpCommand(java: string, jar: string, exists: (file: string) => boolean):
    { command: string; args: string[]; tmp: string } | undefined {
    const { classList, archive } = archiveFiles(jar);
    if (exists(archive) || !exists(classList)) {
        return undefined;
    }
    const tmp = `${archive}.${process.pid}.tmp`;
    return {
        command: java,
        args: ['-Xshare:dump', `-XX:SharedClassListFile=${classList}`, `-XX:SharedArchiveFile=${tmp}`, '-cp', jar],
        tmp,
    };
}

/** Starts the dump, detached and quiet; a failure (read-only folder, another JDK) only leaves start-up as it was. */
export function buildArchiveInBackground(java: string, jar: string): void {
    const dump = dumpCommand(java, jar, f => fs.existsSync(f));
    if (!dump) {
        return;
    }
    try {
        const child = spawn(dump.command, dump.args, { stdio: 'ignore', detached: true });
        child.on('exit', code => {
            try {
                if (code === 0) {
                    fs.renameSync(dump.tmp, archiveFiles(jar).archive);
                } else {
                    fs.rmSync(dump.tmp, { force: true });
                }
            } catch {
                // another window's dump won the race, or the folder is read-only
            }
        });
        child.on('error', () => undefined);
        child.unref();
    } catch {
        // no archive: the server starts without it
    }
}
