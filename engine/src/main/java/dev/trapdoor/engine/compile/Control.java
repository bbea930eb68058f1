package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;

/**
 * One open block, loop, if or the function body, as the translator tracks it. Labels belong to the chunk being
 * emitted: when a chunk ends, every open control gets fresh labels in the next one, and a branch to a label its
 * chunk never places leaves through an exit to the entry id that names the target.
 */
final class Control {
    static final int FUNC = 0;
    static final int BLOCK = 2;
    static final int LOOP = 3;
    static final int IF = 4;

    final int kind;
    /** Module offset of the block, loop or if instruction: names its entry ids. */
    final int openOffset;
    /** Operand-stack height below the block's parameters. */
    final int height;
    /** Values a branch to this control carries (loop: parameters; others: results). */
    final int arity;
    final int results;
    /** Opened in unreachable code: nothing of it is emitted. */
    final boolean dead;
    /** For an if: whether its false edge can run (the if itself was reachable). */
    final boolean falseEdgeLive;

    Label label;
    boolean labelPlaced;
    boolean labelUsed;
    Label elseLabel;
    boolean elsePlaced;
    boolean elseUsed;
    boolean elseSeen;
    /** A loop's header label, placed in chunk {@link #headerChunk}; later chunks reach it through an entry. */
    Label header;
    int headerChunk = -1;
    /** A loop whose header later chunks copy (see {@link HeaderCopy}); null for most. */
    HeaderCopy copy;
    /** This chunk's label names a copy (of the loop's header, or of the code after the block's end). */
    boolean copied;
    /** Some branch, in any chunk, targets the end: the code after it is reachable. */
    boolean endTargeted;

    Control(int kind, int openOffset, int height, int arity, int results, boolean dead, boolean falseEdgeLive) {
        this.kind = kind;
        this.openOffset = openOffset;
        this.height = height;
        this.arity = arity;
        this.results = results;
        this.dead = dead;
        this.falseEdgeLive = falseEdgeLive;
    }

    /** Gives the control labels of a new chunk; a loop header placed in an earlier chunk is not placed here. */
    void freshLabels() {
        label = new Label();
        labelPlaced = false;
        labelUsed = false;
        copied = false;
        if (kind == IF && !elseSeen) {
            elseLabel = new Label();
            elsePlaced = false;
            elseUsed = false;
        }
    }

    /** The entry id of the code a branch to this control continues at. */
    int targetId() {
        return EntryIds.of(openOffset, kind == LOOP ? EntryIds.LOOP : EntryIds.END);
    }

    int elseId() {
        return EntryIds.of(openOffset, EntryIds.ELSE);
    }
}
