/** "METHOD /path" of every route in an express router, nested routers included. */
export function routesOf(router: any): string[] {
  const routes: string[] = [];
  for (const layer of router.stack ?? []) {
    if (layer.route) {
      const routePath = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
      for (const method of Object.keys(layer.route.methods)) {
        routes.push(`${method.toUpperCase()} ${routePath}`);
      }
    } else if (layer.handle?.stack) {
      routes.push(...routesOf(layer.handle));
    }
  }
  return routes;
}
