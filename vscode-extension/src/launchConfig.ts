// Debug configurations: defaults for F5 without a launch.json, the checks and fill-ins done before VS Code starts
// the adapter, and the configurations offered for the workspace's .wasm files. No VS Code API here.
import * as path from 'path';

export const DEBUG_TYPE = 'trapdoor';
export const ASK_FOR_PROGRAM = '${command:AskForProgram}';
export const DEFAULT_ATTACH_HOST = '127.0.0.1';

/** The shape of vscode.DebugConfiguration, without depending on VS Code. */
export interface DebugConfig {
    type: string;
    request: string;
    name: string;
    [key: string]: unknown;
}

/** A configuration problem; `message` is shown to the person as is. */
export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ConfigError';
    }
}

export interface ResolveContext {
    /** The folder the configuration belongs to (file system path), if any. */
    readonly workspaceFolder?: string;
    /** A .wasm file the person is looking at, offered instead of asking. */
    readonly activeWasmFile?: string;
}

function isEmpty(config: Partial<DebugConfig>): boolean {
    return !config.type && !config.request && !config.name;
}

/**
 * Before variables are substituted: F5 without a launch.json (an empty configuration) becomes a launch of the
 * active .wasm file, or asks for a program; a missing request is a launch; a launch's cwd defaults to the folder.
 */
export function resolveBeforeSubstitution(config: Partial<DebugConfig>, ctx: ResolveContext): DebugConfig {
    let out: DebugConfig;
    if (isEmpty(config)) {
        out = {
            type: DEBUG_TYPE,
            request: 'launch',
            name: 'Debug WebAssembly program',
            program: ctx.activeWasmFile ?? ASK_FOR_PROGRAM,
        };
    } else {
        out = {
            ...config,
            type: config.type || DEBUG_TYPE,
            request: config.request || 'launch',
            name: config.name || 'Debug WebAssembly program',
        };
    }
    if (out.request === 'launch' && out.program === undefined) {
        out.program = ctx.activeWasmFile ?? ASK_FOR_PROGRAM;
    }
    return out;
}

/**
 * After variables are substituted, the final checks: a launch needs a program and gets an absolute cwd (the server may
 * run elsewhere, with `trapdoor.server.port`, so relative paths must not depend on its directory); an attach needs a
 * port. Throws a {@link ConfigError} that says how to fix the configuration.
 */
export function resolveAfterSubstitution(config: DebugConfig, ctx: ResolveContext): DebugConfig {
    if (config.request === 'attach') {
        return resolveAttach(config);
    }
    if (config.request !== 'launch') {
        throw new ConfigError(`Trapdoor: "request" must be "launch" or "attach", not ${JSON.stringify(config.request)}.`);
    }
    const out: DebugConfig = { ...config };
    const program = out.program;
    if (typeof program !== 'string' || program.trim() === '') {
        throw new ConfigError('Trapdoor: the launch configuration has no "program". Set it to the .wasm file to debug, '
            + 'e.g. "program": "${workspaceFolder}/build/app.wasm".');
    }
    out.program = program.trim();
    const cwd = out.cwd;
    if (cwd !== undefined && typeof cwd !== 'string') {
        throw new ConfigError(`Trapdoor: "cwd" must be a directory path (a string), not ${JSON.stringify(cwd)}.`);
    }
    if (cwd === undefined || cwd.trim() === '') {
        if (ctx.workspaceFolder) {
            out.cwd = ctx.workspaceFolder;
        } else if (path.isAbsolute(out.program as string)) {
            out.cwd = path.dirname(out.program as string);
        } else {
            throw new ConfigError(`Trapdoor: "program" is the relative path ${JSON.stringify(out.program)}, but there `
                + 'is no folder open and no "cwd" to resolve it against. Use an absolute path or set "cwd".');
        }
    } else if (!path.isAbsolute(cwd)) {
        if (!ctx.workspaceFolder) {
            throw new ConfigError(`Trapdoor: "cwd" is the relative path ${JSON.stringify(cwd)}, but there is no folder `
                + 'open to resolve it against. Use an absolute path.');
        }
        out.cwd = path.resolve(ctx.workspaceFolder, cwd);
    }
    return out;
}

function resolveAttach(config: DebugConfig): DebugConfig {
    const out: DebugConfig = { ...config };
    // "${input:port}" and friends substitute to strings.
    const port = typeof out.port === 'string' && /^\d+$/.test(out.port.trim()) ? Number(out.port.trim()) : out.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw new ConfigError('Trapdoor: an attach configuration needs the "port" of a program started with '
            + `'trapdoor run --listen PORT PROGRAM.wasm' (1-65535), not ${JSON.stringify(out.port)}.`);
    }
    out.port = port;
    if (out.host === undefined || out.host === '') {
        out.host = DEFAULT_ATTACH_HOST;
    } else if (typeof out.host !== 'string') {
        throw new ConfigError(`Trapdoor: "host" must be a host name or address, not ${JSON.stringify(out.host)}.`);
    }
    return out;
}

function toPosix(p: string): string {
    return p.split(path.sep).join('/');
}

/** The launch configurations offered for a workspace's .wasm files (the dynamic configuration provider). */
export function dynamicConfigurations(wasmFiles: readonly string[], workspaceFolder: string | undefined): DebugConfig[] {
    return [...wasmFiles]
        .sort((a, b) => a.localeCompare(b))
        .map(file => {
            const relative = workspaceFolder ? path.relative(workspaceFolder, file) : '';
            const inFolder = workspaceFolder !== undefined && relative !== '' && !relative.startsWith('..')
                && !path.isAbsolute(relative);
            return {
                type: DEBUG_TYPE,
                request: 'launch',
                name: `Debug ${inFolder ? toPosix(relative) : path.basename(file)}`,
                program: inFolder ? `\${workspaceFolder}/${toPosix(relative)}` : file,
                cwd: inFolder ? '${workspaceFolder}' : path.dirname(file),
            };
        });
}

export interface ProgramChoice {
    readonly label: string;
    readonly description: string;
    readonly file: string;
}

/** The AskForProgram quick pick: file names first, their folders (relative to the workspace) as descriptions. */
export function programChoices(wasmFiles: readonly string[], workspaceFolder: string | undefined): ProgramChoice[] {
    return [...wasmFiles]
        .sort((a, b) => a.localeCompare(b))
        .map(file => {
            const dir = path.dirname(file);
            const rel = workspaceFolder ? path.relative(workspaceFolder, dir) : dir;
            const description = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : toPosix(rel);
            return { label: path.basename(file), description, file };
        });
}
