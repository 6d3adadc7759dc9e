/**
 * Test utilities for modules of the Enterprise Console backend.
 *
 * @packageDocumentation
 */

export { RecordingDataWriter } from './RecordingDataWriter';
export { createSeedModule } from './createSeedModule';
