// fleetplan serve PLAN [--port N] [--documents DIR]: the UI in a browser on 127.0.0.1 only, with
// a per-start token in the printed URL; runs until SIGINT/SIGTERM. The browser never names a
// server path: other documents only by file name inside DIR (none without --documents).
import fs from 'node:fs';
import path from 'node:path';
import { startHttpServer } from '../../backend/http-server.ts';
import { createOptimizer, openApi, userDataDir } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';

export const serve: Command = {
  name: 'serve',
  summary: 'serve the UI on 127.0.0.1 (prints the URL with its access token)',
  usage: 'fleetplan serve PLAN [--port N] [--documents DIR]',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, { port: { type: 'string' }, documents: { type: 'string' } });
    const [file, ...extra] = positionals;
    if (extra.length) throw badInput(`unexpected "${extra[0]}"\nusage: ${this.usage}`);
    let port = 0;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw badInput(`--port: "${values.port}" is not a port number (0–65535)`);
    }
    let documents: string | null = null;
    if (values.documents !== undefined) {
      documents = path.resolve(values.documents);
      if (!fs.existsSync(documents) || !fs.statSync(documents).isDirectory()) throw badInput(`--documents: ${documents} is not a folder`);
    }
    // a bad document fails here, with exit 2, before the server starts
    const optimizer = createOptimizer();
    const conn = await openApi(file, this.usage, { userDataDir: userDataDir(ctx.env), optimizer });
    const server = await startHttpServer({ dispatch: conn.dispatch, port, paths: { documents }, events: conn.changes }).catch(async (e: NodeJS.ErrnoException) => {
      await conn.close();
      throw e.code === 'EADDRINUSE' ? badInput(`--port ${port}: already in use`) : e;
    });
    ctx.out(`FleetPlan is serving ${path.basename(file!)} at ${server.url}`);
    ctx.out('Press Ctrl+C to stop.');
    // the first Optimize as fast as the later ones: the worker warms up now, in the background (an
    // Optimize meanwhile stops the warm-up and starts at once)
    void optimizer.warm();
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    await conn.close();
    ctx.out('stopped');
    return EXIT_OK;
  },
};
