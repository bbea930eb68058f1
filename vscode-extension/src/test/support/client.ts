// A DebugClient for the real server: records every event from the start (DebugClient.waitForEvent only sees events
// that arrive after it is called, which loses a `stopped` sent right after configurationDone), and starts the session
// the way VS Code does.
import { ChildProcess } from 'child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { DebugProtocol } from '@vscode/debugprotocol';
import { EXAMPLES, TRAPDOOR_SCRIPT } from './paths';

export const TIMEOUT_MS = 15_000;

/** What VS Code sends in `initialize` (the server only shows some data to clients that support it). */
export const VS_CODE_INITIALIZE: DebugProtocol.InitializeRequestArguments = {
    clientID: 'vscode',
    clientName: 'Visual Studio Code',
    adapterID: 'trapdoor',
    pathFormat: 'path',
    linesStartAt1: true,
    columnsStartAt1: true,
    supportsVariableType: true,
    supportsVariablePaging: true,
    supportsRunInTerminalRequest: true,
    locale: 'en',
    supportsProgressReporting: true,
    supportsInvalidatedEvent: true,
    supportsMemoryReferences: true,
    supportsArgsCanBeInterpretedByShell: true,
    supportsMemoryEvent: true,
    supportsStartDebuggingRequest: true,
};

const RECORDED = ['stopped', 'output', 'exited', 'terminated', 'initialized', 'memory', 'module', 'breakpoint'];

export class TrapdoorClient extends DebugClient {
    private readonly events = new Map<string, DebugProtocol.Event[]>();
    private readonly consumed = new Map<string, number>();
    private readonly waiters: (() => void)[] = [];
    private closed = false;

    /** A client of `bin/trapdoor dap` on stdio (DebugClient passes one argument: `dap`). */
    static overStdio(): TrapdoorClient {
        return new TrapdoorClient(TRAPDOOR_SCRIPT, 'dap', 'trapdoor', { cwd: EXAMPLES });
    }

    constructor(runtime: string, executable: string, debugType: string, spawnOptions?: object) {
        super(runtime, executable, debugType, spawnOptions);
        this.defaultTimeout = TIMEOUT_MS;
        for (const name of RECORDED) {
            this.events.set(name, []);
            this.on(name, (e: DebugProtocol.Event) => {
                this.events.get(name)!.push(e);
                this.waiters.splice(0).forEach(w => w());
            });
        }
    }

    /**
     * Disconnects and ends the adapter. DebugClient.stop() waits for the disconnect response forever, and a server
     * whose program already ended (attach mode) may have closed the connection: give it two seconds.
     */
    async shutdown(): Promise<void> {
        if (this.closed) {
            return;
        }
        this.closed = true;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>(resolve => { timer = setTimeout(resolve, 2_000); });
        await Promise.race([this.disconnectRequest({ terminateDebuggee: true }).catch(() => undefined), late]);
        clearTimeout(timer);
        (this as unknown as { stopAdapter(): void }).stopAdapter();
    }

    /** Talks to an adapter process started elsewhere (e.g. with the extension's own command line). */
    connectToProcess(proc: ChildProcess): void {
        this.connect(proc.stdout!, proc.stdin!);
    }

    /** All events of this kind received so far. */
    all<T extends DebugProtocol.Event>(name: string): T[] {
        return [...(this.events.get(name) ?? [])] as T[];
    }

    /** The next event of this kind not returned before; waits for it. */
    async next<T extends DebugProtocol.Event>(name: string, timeoutMs = TIMEOUT_MS): Promise<T> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const list = this.events.get(name);
            if (!list) {
                throw new Error(`event '${name}' is not recorded`);
            }
            const index = this.consumed.get(name) ?? 0;
            if (index < list.length) {
                this.consumed.set(name, index + 1);
                return list[index] as T;
            }
            const left = deadline - Date.now();
            if (left <= 0) {
                const seen = [...this.events.entries()].map(([k, v]) => `${k}:${v.length}`).join(' ');
                throw new Error(`no '${name}' event after ${timeoutMs} ms (seen: ${seen}; output: ${JSON.stringify(this.output())})`);
            }
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, left);
                this.waiters.push(() => {
                    clearTimeout(timer);
                    resolve();
                });
            });
        }
    }

    /** The output of one category (or all) so far. */
    output(category?: string): string {
        return this.all<DebugProtocol.OutputEvent>('output')
            .filter(e => category === undefined || (e.body.category ?? 'console') === category)
            .map(e => e.body.output).join('');
    }

    /**
     * initialize, launch (or attach), then `configure` once `initialized` arrives, then configurationDone: the order
     * VS Code uses (it sends launch without waiting for `initialized`). Returns the capabilities.
     */
    async startSession(request: 'launch' | 'attach', args: object,
                       configure: () => Promise<unknown> = async () => undefined): Promise<DebugProtocol.Capabilities> {
        const init = await this.initializeRequest(VS_CODE_INITIALIZE);
        const started = request === 'launch'
            ? this.launchRequest(args as DebugProtocol.LaunchRequestArguments)
            : this.attachRequest(args as DebugProtocol.AttachRequestArguments);
        await this.next('initialized');
        await configure();
        await this.configurationDoneRequest();
        await started;
        return init.body ?? {};
    }

    async stopped(reason?: string): Promise<DebugProtocol.StoppedEvent> {
        const e = await this.next<DebugProtocol.StoppedEvent>('stopped');
        if (reason !== undefined && e.body.reason !== reason) {
            throw new Error(`stopped for '${e.body.reason}', expected '${reason}': ${JSON.stringify(e.body)}`);
        }
        return e;
    }

    async frames(threadId = 1): Promise<DebugProtocol.StackFrame[]> {
        return (await this.stackTraceRequest({ threadId })).body.stackFrames;
    }

    async top(threadId = 1): Promise<DebugProtocol.StackFrame> {
        return (await this.frames(threadId))[0];
    }

    async variablesOf(frameId: number, scopeName: string): Promise<DebugProtocol.Variable[]> {
        const scopes = (await this.scopesRequest({ frameId })).body.scopes;
        const scope = scopes.find(s => s.name === scopeName);
        if (!scope) {
            throw new Error(`no scope '${scopeName}' in ${scopes.map(s => s.name).join(', ')}`);
        }
        return (await this.variablesRequest({ variablesReference: scope.variablesReference })).body.variables;
    }

    async exitCode(): Promise<number> {
        return (await this.next<DebugProtocol.ExitedEvent>('exited')).body.exitCode;
    }
}
