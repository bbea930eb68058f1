// How a debug session reaches the server: connect to a port (attach, or the `trapdoor.server.port` setting) or start
// the bundled jar with Java over stdio. No VS Code API here; descriptorFactory.ts turns the plan into descriptors.
import * as path from 'path';
import { DEFAULT_ATTACH_HOST, DebugConfig } from './launchConfig';

/** The extension's settings, read once per session (see settings.ts). */
export interface Settings {
    readonly javaHome: string | undefined;
    readonly javaOptions: readonly string[];
    readonly serverPort: number | undefined;
    readonly serverHost: string;
    readonly serverJar: string | undefined;
    readonly trace: 'off' | 'messages' | 'verbose';
}

/** Raw setting values (what `WorkspaceConfiguration.get` returns) to {@link Settings}, ignoring junk. */
export function normalizeSettings(raw: (key: string) => unknown): Settings {
    const text = (key: string): string | undefined => {
        const v = raw(key);
        return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    const port = raw('server.port');
    const options = raw('java.options');
    const trace = raw('trace');
    return {
        javaHome: text('java.home'),
        javaOptions: Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string' && o !== '') : [],
        serverPort: typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined,
        serverHost: text('server.host') ?? DEFAULT_ATTACH_HOST,
        serverJar: text('server.jar'),
        trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
    };
}

export type AdapterPlan =
    | { readonly kind: 'connect'; readonly host: string; readonly port: number; readonly why: string }
    | { readonly kind: 'spawn'; readonly jar: string; readonly cwd: string | undefined };

/** A problem with the server (not Java): `message` says how to fix it. */
export class ServerError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ServerError';
    }
}

export function bundledJar(extensionPath: string): string {
    return path.join(extensionPath, 'server', 'trapdoor.jar');
}

/** Decides how the session reaches a server. Throws a {@link ServerError} when the jar to start is missing. */
export function planAdapter(config: DebugConfig, settings: Settings, extensionPath: string,
                            exists: (file: string) => boolean): AdapterPlan {
    if (config.request === 'attach') {
        const host = typeof config.host === 'string' && config.host !== '' ? config.host : DEFAULT_ATTACH_HOST;
        return { kind: 'connect', host, port: Number(config.port), why: 'attach configuration' };
    }
    if (settings.serverPort !== undefined) {
        return { kind: 'connect', host: settings.serverHost, port: settings.serverPort, why: 'trapdoor.server.port' };
    }
    const jar = settings.serverJar ?? bundledJar(extensionPath);
    if (!exists(jar)) {
        throw new ServerError(settings.serverJar
            ? `Trapdoor: "trapdoor.server.jar" is set to ${jar}, which does not exist. Fix: point it at a built `
                + 'trapdoor.jar (./mvnw package builds dap-server/target/trapdoor.jar) or clear it to use the bundled one.'
            : `Trapdoor: the bundled debug server is missing (${jar}). Fix: reinstall the extension; in a development `
                + 'checkout, build the server (./mvnw package) and run "npm run bundle-jar", or set "trapdoor.server.jar".');
    }
    return { kind: 'spawn', jar, cwd: typeof config.cwd === 'string' ? config.cwd : undefined };
}

/**
 * Lets the server read linear memory through `sun.misc.Unsafe` without the four warning lines JDK 24 and later print
 * on its first use (the property behind `--sun-misc-unsafe-memory-access`, which JDK 17 accepts too). First, so that
 * the user's Java options can override it.
 */
export const UNSAFE_MEMORY_ACCESS = '-Dsun.misc.unsafe.memory.access=allow';

/** The command that runs the server on stdio: `java [options] -jar trapdoor.jar dap`. */
export function serverCommandLine(javaExecutable: string, javaOptions: readonly string[], jar: string,
                                  extraArgs: readonly string[] = []): { command: string; args: string[] } {
    return { command: javaExecutable, args: [UNSAFE_MEMORY_ACCESS, ...javaOptions, '-jar', jar, 'dap', ...extraArgs] };
}

/** The port in the server's `listening on HOST:PORT` line, or undefined. */
export function parseListeningLine(line: string): { host: string; port: number } | undefined {
    const m = /listening on (\S+):(\d+)\s*$/.exec(line.trim());
    return m ? { host: m[1], port: Number(m[2]) } : undefined;
}
