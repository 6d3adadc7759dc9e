/**
 * Test utilities for modules of the Enterprise Console backend.
 *
 * @packageDocumentation
 */

export { RecordingBillingWriter } from './RecordingBillingWriter';
export { RecordingDataWriter } from './RecordingDataWriter';
export { createSeedModule } from './createSeedModule';
