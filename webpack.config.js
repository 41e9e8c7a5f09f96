// The add-in bundle: taskpane.html loads the task pane and the DBR functions into one page (the
// shared runtime of manifest.xml); the import worker is its own bundle so parsing stays off the UI
// thread. Output: dist/addin. No network calls, no telemetry, no Node polyfills.
//
//   npm run build:addin                 production build
//   npm start                           dev server on http://localhost:3000
//   RERATE_HTTPS=1 npm start            https://localhost:3000 (Excel needs https), with the
//                                       certificates of office-addin-dev-certs when installed
//                                       (it runs sudo on Linux to trust its CA; install it yourself)
'use strict';
const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const FUNCTIONS_FILE = './src/functions/functions.ts';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * The metadata plugin also adds a loader that appends `CustomFunctions.associate(...)` to
 * functions.ts. Those calls are unguarded and would throw outside Excel, and functions.ts already
 * registers its functions itself only when `CustomFunctions` exists (registerFunctions.ts), so
 * the loader is taken out again; the plugin's metadata generation (errors fail the build) stays.
 */
class DropAssociateLoaderPlugin {
  apply(compiler) {
    const associateLoader = require.resolve('custom-functions-metadata-plugin/lib/loader.js');
    compiler.hooks.compilation.tap('DropAssociateLoaderPlugin', (compilation) => {
      compiler.webpack.NormalModule.getCompilationHooks(compilation).beforeLoaders.tap('DropAssociateLoaderPlugin', (loaders, module) => {
        module.loaders = module.loaders.filter((entry) => entry.loader !== associateLoader);
      });
    });
  }
}

function httpsOptions() {
  if (process.env.RERATE_HTTPS !== '1') return undefined;
  try {
    // Lazily: only for this switch, and only if the developer installed it.
    // eslint-disable-next-line global-require
    const devCerts = require('office-addin-dev-certs');
    return { type: 'https', options: devCerts.getHttpsServerOptions() };
  } catch {
    // webpack-dev-server makes a self-signed certificate; trust it in the browser once.
    return { type: 'https' };
  }
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== 'development';
  const outputPath = env.outputPath ? path.resolve(env.outputPath) : path.resolve(__dirname, 'dist/addin');
  return {
    mode: production ? 'production' : 'development',
    // No eval-based source maps: the page's CSP forbids eval.
    devtool: production ? false : 'cheap-module-source-map',
    context: __dirname,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: FUNCTIONS_FILE,
      importWorker: './src/taskpane/importWorker.ts',
    },
    output: {
      path: outputPath,
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // src/formats is browser-clean; nothing may pull a Node built-in into the bundle.
      fallback: { fs: false, path: false, zlib: false, stream: false, os: false, crypto: false, buffer: false, util: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020', sourceMap: !production } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_FILE, output: 'functions.json' }),
      new DropAssociateLoaderPlugin(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        // Both bundles in one page: the shared runtime runs the functions where the pane runs.
        chunks: ['functions', 'taskpane'],
        chunksSortMode: 'manual',
        templateParameters: { officeJs: OFFICE_JS },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml' },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      host: 'localhost',
      server: httpsOptions(),
      headers: { 'Access-Control-Allow-Origin': 'https://localhost:3000' },
      static: false,
      hot: false,
      liveReload: true,
    },
  };
};
