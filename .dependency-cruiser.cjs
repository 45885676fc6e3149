// The layers, as folders: each imports only from the layers below it.
//   src/model  → nothing of ours (the document model, the record, errors, config)
//   parsers    → src/model
//   src        → src (the analysis: sections, tables, rules, metadata; knows no format)
//   store      → src
//   pipeline   → parsers, src, store
//   queues     → pipeline, store, src
//   apps       → everything above
// `npm run lint:layers` (run by `npm test` and `npm run lint`) fails on the first import that
// goes up a layer; tests/layers.test.ts shows that it does.
const layer = (name, path, allowed) => ({
  name: `${name}-imports-only-lower-layers`,
  comment: `${name} may import only ${allowed.join(', ') || 'itself'}`,
  severity: 'error',
  from: { path },
  to: {
    path: '^(src|parsers|store|pipeline|queues|apps|bench|tests)/',
    pathNot: [path, ...allowed.map((a) => LAYERS[a])],
  },
});

const LAYERS = {
  model: '^src/model/',
  parsers: '^parsers/',
  src: '^src/',
  store: '^store/',
  pipeline: '^pipeline/',
  queues: '^queues/',
};

module.exports = {
  forbidden: [
    layer('model', '^src/model/', []),
    layer('parsers', '^parsers/', ['model']),
    layer('src', '^src/(?!model/)', ['src']),
    layer('store', '^store/', ['src']),
    layer('pipeline', '^pipeline/', ['parsers', 'src', 'store']),
    layer('queues', '^queues/', ['pipeline', 'store', 'src']),
    {
      name: 'apps-never-imported-below',
      severity: 'error',
      from: { pathNot: '^(apps|bench|tests)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular-folders',
      comment: 'a cycle between files hides which one is the lower layer',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
