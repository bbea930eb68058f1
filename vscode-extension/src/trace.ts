// One line per DAP message for the "trapdoor.trace" log.

/** `request launch #3`, `response launch #3 ok`, `event stopped`; with "verbose", the JSON follows. */
export function describeMessage(message: unknown, level: 'messages' | 'verbose'): string {
    const m = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
    let head: string;
    switch (m.type) {
        case 'request':
            head = `request ${String(m.command)} #${String(m.seq)}`;
            break;
        case 'response':
            head = `response ${String(m.command)} #${String(m.request_seq)} ${m.success ? 'ok' : `failed: ${String(m.message)}`}`;
            break;
        case 'event':
            head = `event ${String(m.event)}`;
            break;
        default:
            head = 'message';
    }
    return level === 'verbose' ? `${head} ${JSON.stringify(message)}` : head;
}
