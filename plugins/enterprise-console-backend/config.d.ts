export interface Config {
  /**
   * Configuration of the Enterprise Console plugins.
   */
  enterpriseConsole?: {};
}
