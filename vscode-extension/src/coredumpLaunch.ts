// "Open Wasm coredump": the launch configuration that opens a coredump post-mortem (no `vscode` import: unit-tested).
import * as path from 'path';
import { DEBUG_TYPE } from './launchConfig';

/** A launch of `program` that shows `coredump` (stopped at its trap, read-only) instead of running it. */
export function coredumpConfiguration(coredump: string, program: string): Record<string, unknown> {
    return {
        type: DEBUG_TYPE,
        request: 'launch',
        name: `Coredump ${path.basename(coredump)}`,
        program,
        coredump,
    };
}
