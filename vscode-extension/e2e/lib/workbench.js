// What a user does in VS Code's window, as DOM operations: open a file, click the gutter, run a command, read the
// panes. Selectors are VS Code 1.100's class names; each read waits for the text it expects and fails with what it saw.
'use strict';
const path = require('path');

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Whether the focused element is (inside) one of the elements of `locator`; never waits. */
function focused(locator) {
    return locator.evaluateAll(els => els.some(el => el.contains(document.activeElement)));
}

class Workbench {
    constructor(page, shots, context) {
        this.page = page;
        this.shots = shots;
        this.context = context;
        this.count = 0;
        this.dialogsSeen = [];
    }

    /**
     * A modal dialog VS Code opens on its own (the failed gallery fetch of the memory step's Hex Editor arrives late on
     * a slow machine) blocks every later click. Before each action Playwright takes, such a dialog is logged and
     * cancelled, as a user would close it; its text reaches the log so a dialog that matters is still seen.
     */
    async dismissStrayDialogs() {
        const dialog = this.page.locator('.monaco-dialog-box');
        await this.page.addLocatorHandler(dialog, async () => {
            const text = (await dialog.first().innerText().catch(() => '?')).replace(/\s+/g, ' ').trim();
            this.dialogsSeen.push(text);
            console.error(`*** e2e: a modal dialog was open, cancelled: ${text}`);
            const cancel = dialog.locator('.monaco-button').filter({ hasText: /cancel|close|no|ok/i });
            if (await cancel.count()) {
                await cancel.last().click();
            } else {
                await this.page.keyboard.press('Escape');
            }
        });
    }

    async shot(name) {
        this.count++;
        const file = path.join(this.shots, `${String(this.count).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await this.page.screenshot({ path: file });
        return file;
    }

    async ready() {
        await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        await this.page.waitForSelector('.explorer-folders-view, .pane-body', { timeout: 60_000 });
        // The window is usable once the Explorer lists the workspace (the extension host starts behind it).
        await this.page.locator('.explorer-folders-view .monaco-list-row[aria-label="examples"]')
            .waitFor({ state: 'visible', timeout: 60_000 });
    }

    /** Waits until fn() returns a truthy value; fails with `what` and the last value seen. */
    async until(what, fn, timeout = 30_000) {
        const deadline = Date.now() + timeout;
        let last;
        while (Date.now() < deadline) {
            try {
                last = await fn();
                if (last && (!Array.isArray(last) || last.length)) {
                    return last;
                }
            } catch (e) {
                last = e.message;
            }
            await sleep(200);
        }
        throw new Error(`${what} (last seen: ${JSON.stringify(last)})`);
    }

    /**
     * Runs `name` from the command palette. The palette lists the commands known when it opened: an extension's come
     * once the extension host has read its manifest, which on a loaded machine can be after the window is ready, so
     * the palette is opened again when the command is not listed.
     */
    async command(name) {
        const input = this.page.locator('.quick-input-widget input');
        for (let attempt = 1; ; attempt++) {
            await this.page.keyboard.press('Control+Shift+P');
            try {
                await input.waitFor({ state: 'visible', timeout: 10_000 });
                await input.fill('>' + name);
                await this.until(`command '${name}' selected in the palette`, () => this.page
                    .locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: name }).count(), 10_000);
                break;
            } catch (e) {
                if (attempt === 3) {
                    throw e;
                }
                await this.page.keyboard.press('Escape'); // a widget (the logpoint input, a hover) had the keys
                await this.page.locator('.editor-group-container.active').first().click();
            }
        }
        await this.page.keyboard.press('Enter');
    }

    /** Opens examples/`name` from the Explorer (quick open's file index is slow to build on a loaded machine). */
    async openFile(name) {
        await this.page.keyboard.press('Control+Shift+E');
        const row = label => this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${label}"]`);
        const folder = row('examples');
        await folder.waitFor({ state: 'visible', timeout: 30_000 });
        if ((await folder.getAttribute('aria-expanded')) !== 'true') {
            await folder.click();
        }
        await row(name).waitFor({ state: 'visible', timeout: 30_000 });
        await row(name).click();
        await this.until(`${name} open in an editor tab`, () => this.page.locator('.tab.active').filter({ hasText: name })
            .count());
        await this.page.keyboard.press('Control+Shift+D'); // back to Run and Debug, where the panes are read
        await this.page.locator('.part.sidebar .title-label').filter({ hasText: /run and debug/i }).first()
            .waitFor({ state: 'visible', timeout: 30_000 });
    }

    /** The active editor's line-number element of `line` (scrolls it into view first). */
    async lineNumber(line) {
        const widget = this.page.locator('.quick-input-widget');
        await this.page.keyboard.press('Control+G');
        await widget.waitFor({ state: 'visible', timeout: 10_000 });
        // An Enter that comes before the widget has read the line number is dropped: type it again until it closes.
        for (let attempt = 1; await widget.isVisible() && attempt <= 5; attempt++) {
            await widget.locator('input').fill(':' + line);
            await this.page.keyboard.press('Enter');
            await widget.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => {});
        }
        const editor = this.page.locator('.editor-group-container.active .monaco-editor').first();
        return this.until(`line ${line} in the gutter`, async () => {
            const n = editor.locator('.margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^${line}$`) });
            return (await n.count()) ? n.first() : null;
        });
    }

    /** The breakpoint glyphs drawn on `line` of the active editor. */
    async glyphsOn(line) {
        return this.countOnLine(line, '.codicon-debug-breakpoint, .codicon-debug-breakpoint-unverified,'
            + ' .codicon-debug-breakpoint-log, .codicon-debug-breakpoint-log-unverified');
    }

    /** The logpoint glyphs drawn on `line` of the active editor. */
    async logGlyphsOn(line) {
        return this.countOnLine(line, '.codicon-debug-breakpoint-log, .codicon-debug-breakpoint-log-unverified');
    }

    /** How many elements matching `selectors` (a comma-separated list) the active editor draws on `line`. */
    async countOnLine(line, selectors) {
        const y = (await (await this.lineNumber(line)).boundingBox()).y;
        const glyphs = this.page.locator(selectors.split(',')
            .map(sel => `.editor-group-container.active ${sel.trim()}`).join(', '));
        let n = 0;
        for (let i = 0; i < await glyphs.count(); i++) {
            const box = await glyphs.nth(i).boundingBox();
            if (box && Math.abs(box.y + box.height / 2 - (y + 9)) < 10) {
                n++;
            }
        }
        return n;
    }

    /**
     * Clicks the breakpoint gutter (the glyph margin left of the line numbers) of `line`, as a user toggles a
     * breakpoint; `present` is whether a breakpoint should be there afterwards. A click the editor dropped (it was
     * still laying out) is repeated.
     */
    async clickGutter(line, present = true) {
        for (let attempt = 1; ; attempt++) {
            const n = await this.lineNumber(line);
            const box = await n.boundingBox();
            const margin = await this.page.locator('.editor-group-container.active .monaco-editor .margin').first()
                .boundingBox();
            await this.page.mouse.move(margin.x + 8, box.y + box.height / 2);
            await sleep(300);
            await this.page.mouse.click(margin.x + 8, box.y + box.height / 2);
            try {
                await this.until(`the breakpoint on line ${line} ${present ? 'set' : 'removed'}`,
                    async () => ((await this.glyphsOn(line)) > 0) === present, 10_000);
                return;
            } catch (e) {
                if (attempt === 3 || ((await this.glyphsOn(line)) > 0) === present) {
                    if (((await this.glyphsOn(line)) > 0) === present) {
                        return;
                    }
                    throw e;
                }
            }
        }
    }

    /** Where `word` is drawn on `line` of the active editor (the first occurrence), as a DOMRect-like box. */
    async wordBox(line, word) {
        const y = (await (await this.lineNumber(line)).boundingBox()).y;
        const lines = this.page.locator('.editor-group-container.active .view-line');
        for (let i = 0; i < await lines.count(); i++) {
            const box = await lines.nth(i).boundingBox();
            if (box && Math.abs(box.y - y) < 4) {
                const r = await lines.nth(i).evaluate((el, w) => {
                    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                        const text = n.textContent.replace(/\u00a0/g, ' ');
                        const at = text.search(new RegExp(`\\b${w}\\b`));
                        if (at >= 0) {
                            const range = document.createRange();
                            range.setStart(n, at);
                            range.setEnd(n, at + w.length);
                            const b = range.getBoundingClientRect();
                            return { x: b.x, y: b.y, width: b.width, height: b.height };
                        }
                    }
                    return null;
                }, word);
                if (r) {
                    return r;
                }
            }
        }
        throw new Error(`'${word}' is not on line ${line}`);
    }

    /** Hovers `word` on `line` and returns the debug hover's text (the mouse is moved there again if no hover came). */
    async hover(line, word) {
        const box = await this.wordBox(line, word);
        const widget = this.page.locator('.debug-hover-widget');
        for (let attempt = 1; ; attempt++) {
            await this.page.mouse.move(box.x + box.width / 2, box.y - 40);
            await sleep(300);
            await this.page.mouse.move(box.x + 1, box.y + box.height / 2);
            await sleep(100);
            await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
            try {
                return await this.until(`the debug hover over '${word}'`, async () => (await widget.isVisible())
                    ? (await widget.innerText()).replace(/\s+/g, ' ').trim() : null, 8_000);
            } catch (e) {
                if (attempt === 3) {
                    throw e;
                }
            }
        }
    }

    /** A variable's row in the Variables pane. */
    variableRow(name) {
        return this.page.locator(`.debug-variables .monaco-list-row[aria-label^="${name}, value"]`).first();
    }

    /**
     * Clicks an item of the open context menu and waits for the menu to close. VS Code's menu items listen for the
     * mouse only from 100 ms after the menu is drawn (so the release of the right-click that opened it runs no item);
     * a click before that is dropped and the menu stays open, which is what a fast machine's first click hits. So the
     * item is clicked again while the menu is still there.
     */
    async clickMenuItem(item) {
        for (let attempt = 1; ; attempt++) {
            if (attempt > 1 && !(await item.isVisible())) {
                return; // the last click was taken after all
            }
            await item.click({ timeout: 10_000 });
            try {
                await item.waitFor({ state: 'hidden', timeout: 1_000 });
                return;
            } catch (e) {
                if (attempt === 5) {
                    throw new Error(`the menu item '${await item.innerText().catch(() => '?')}' took no click: ${e.message}`);
                }
            }
        }
    }

    /**
     * "Set Value" on a variable, as a user does: right-click its row, pick the item, type into the box that opens. The
     * value is typed only once the box has the focus (typing earlier sends the keys to the source editor), and the
     * menu is opened again when the box did not open.
     */
    async setValue(name, value) {
        const input = this.page.locator('.debug-variables .monaco-inputbox input');
        const item = this.page.locator('.context-view .action-label', { hasText: 'Set Value' });
        for (let attempt = 1; ; attempt++) {
            await this.variableRow(name).click({ button: 'right' });
            await item.waitFor({ state: 'visible', timeout: 10_000 });
            await this.clickMenuItem(item);
            try {
                await this.until(`the Set Value box of '${name}' open and focused`, () => focused(input), 5_000);
                break;
            } catch (e) {
                if (attempt === 3) {
                    throw e;
                }
                await this.page.keyboard.press('Escape');
            }
        }
        await input.fill(value);
        await input.press('Enter');
    }

    /**
     * Adds a logpoint on `line` of the active editor from the gutter's context menu; types the message only once
     * its box has the focus, checks the box holds it, and waits for the logpoint's glyph.
     */
    async addLogpoint(line, message) {
        const widget = this.page.locator('.breakpoint-widget');
        const input = widget.locator('.inputContainer .monaco-editor');
        const item = this.page.locator('.context-view .action-label', { hasText: 'Add Logpoint...' });
        for (let attempt = 1; ; attempt++) {
            const box = await (await this.lineNumber(line)).boundingBox();
            const margin = await this.page.locator('.editor-group-container.active .monaco-editor .margin').first()
                .boundingBox();
            await this.page.mouse.click(margin.x + 8, box.y + box.height / 2, { button: 'right' });
            await item.waitFor({ state: 'visible', timeout: 10_000 });
            await this.clickMenuItem(item);
            try {
                await this.until(`the logpoint box on line ${line} open and focused`, () => focused(input), 5_000);
                break;
            } catch (e) {
                if (attempt === 3) {
                    throw e;
                }
                await this.page.keyboard.press('Escape');
            }
        }
        await this.page.keyboard.type(message);
        await this.until(`the logpoint box holding '${message}'`, async () =>
            (await widget.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').trim() === message);
        if (await widget.locator('.suggest-widget.visible').count()) {
            await this.page.keyboard.press('Escape'); // closes the suggestions, not the box: Enter must submit
        }
        await this.page.keyboard.press('Enter');
        await this.until(`the logpoint box closed`, async () => (await widget.count()) === 0);
        await this.until(`the logpoint glyph on line ${line}`, async () => (await this.logGlyphsOn(line)) > 0);
    }

    /** No editor tab has unsaved changes: keys meant for an input box never reached a source file. */
    async noStrayEdits() {
        const dirty = await this.page.locator('.tab.dirty').allInnerTexts();
        if (dirty.length) {
            throw new Error(`typed text went into the source editor of ${dirty.join(', ')}`);
        }
    }

    async expandVariable(name) {
        await this.variableRow(name).locator('.monaco-tl-twistie').click();
    }

    /** Types into the Debug Console's input and presses Enter. */
    async evaluate(expression) {
        await this.page.locator('.repl-input-wrapper .monaco-editor').click();
        await this.page.keyboard.type(expression);
        await this.page.keyboard.press('Enter');
    }

    /** Starts the launch configuration `config` through quick open's "debug " provider (as Run > Select and Start). */
    async startDebugging(config) {
        const input = this.page.locator('.quick-input-widget input');
        const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: config });
        for (let attempt = 1; ; attempt++) {
            await this.page.keyboard.press('Escape');
            await this.page.keyboard.press('Control+P');
            try {
                await input.waitFor({ state: 'visible', timeout: 10_000 });
                await this.page.keyboard.type(`debug ${config}`);
                await this.until(`launch configuration '${config}' in quick open`, () => row.count(), 15_000);
                break;
            } catch (e) {
                if (attempt === 3) {
                    throw e;
                }
            }
        }
        await this.until(`launch configuration '${config}' selected in quick open`, () => this.page
            .locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: config }).count());
        await this.page.keyboard.press('Enter');
    }

    /** The Call Stack's frames, as their text ("sum debugme.c 23:17"). */
    async frames() {
        return this.page.locator('.debug-call-stack .monaco-list-row .stack-frame').allInnerTexts();
    }

    /** Waits for a stop whose top frame's text matches `re`; returns the frames. */
    async stoppedAt(re, timeout = 90_000) {
        return this.until(`the program paused at ${re}`, async () => {
            if (!(await this.page.locator('.debug-call-stack').first().isVisible())) {
                await this.page.keyboard.press('Control+Shift+D'); // the Explorer was shown to open a file
            }
            const f = (await this.frames()).map(t => t.replace(/\s+/g, ' ').trim());
            return f.length && re.test(f[0]) ? f : null;
        }, timeout);
    }

    /** The Variables pane's rows' text. */
    async variables() {
        return (await this.page.locator('.debug-variables .monaco-list-row').allInnerTexts())
            .map(t => t.replace(/\s+/g, ' ').trim());
    }

    async variable(re) {
        return this.until(`a variable matching ${re}`, async () => (await this.variables()).find(v => re.test(v)));
    }

    async toolbar(action) {
        // debug.toolBarLocation "docked": the actions are in the Run and Debug view's title bar.
        await this.page.locator(`.part.sidebar .title-actions a.codicon-debug-${action}`).first().click();
    }

    /** Text of the Debug Console's output rows. */
    async consoleText() {
        return (await this.page.locator('.repl .monaco-list-row').allInnerTexts()).join('\n');
    }

    async consoleShows(re, timeout = 60_000) {
        return this.until(`the Debug Console showing ${re}`, async () => {
            const t = await this.consoleText();
            return re.test(t) ? t : null;
        }, timeout);
    }

    /** No session is left: the docked debug toolbar's Stop button is gone. */
    async sessionEnded(timeout = 60_000) {
        await this.until('the debug session to end', async () => (await this.page
            .locator('.part.sidebar .title-actions a.codicon-debug-stop').count()) === 0, timeout);
    }
}

module.exports = { Workbench, sleep };
