/**
 * Immutable description of a decoded module: types, imports, exports, segments, function bodies (as byte ranges
 * into the module's bytes) and custom sections with their offsets.
 *
 * <p>Owns no behaviour beyond equality of types. Must not depend on any other engine package: the decoder produces
 * these values, the validator and the runtime consume them.
 */
package dev.trapdoor.engine.model;
