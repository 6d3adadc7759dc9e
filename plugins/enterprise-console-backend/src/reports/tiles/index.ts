export { ConsoleTileStore } from './ConsoleTileStore';
export type { ConsoleTotals } from './ConsoleTileStore';
export { createTilesRouter } from './createTilesRouter';
