import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cachedBuild, runBuildCommand } from './cache.js';
import { root } from './paths.js';

const webDir = join(root, 'web');
/** What the bundle is made of: the app's sources and config, and the lockfile that pins its libraries. */
const configFiles = ['web/index.html', 'web/package.json', 'web/tsconfig.json', 'web/vite.config.ts', 'pnpm-lock.yaml'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .map((file) => relative(root, file))
    .sort();
}

/** The web app built by `vite build` once per version of its inputs: .cache/web/<hash>/, served by the gateway. */
export function ensureWebBuild(): Promise<string> {
  return cachedBuild('web', [...configFiles, ...filesUnder(join(webDir, 'src'))], (out, logFile) =>
    runBuildCommand('vite build (web app)', process.execPath, [join(webDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', out, '--emptyOutDir'], {
      cwd: webDir,
      logFile,
    }),
  );
}
