/**
 * The bridge from a stopped frame to typed source variables: {@link dev.trapdoor.engine.debug.vars.FrameMachineState}
 * adapts a {@link dev.trapdoor.engine.debug.DebugFrame} and its {@link dev.trapdoor.engine.exec.Instance} to the
 * {@link dev.trapdoor.engine.dwarf.MachineState} that {@code dwarf}'s variables and evaluator read through. It lives
 * here because {@code dwarf} must not depend on {@code exec} or {@code debug}; this package depends on all three.
 */
package dev.trapdoor.engine.debug.vars;
