/**
 * Deterministic demo data for the Enterprise Console.
 *
 * @packageDocumentation
 */

export { enterpriseConsoleModuleDemoData as default } from './module';
export { generateDemoData } from './generateDemoData';
export type { DemoData, DemoDataOptions } from './generateDemoData';
