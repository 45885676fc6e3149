// Parser versions compare as numbers: the padding lives with the dataset's choice of the
// latest parser (src/dataset/versionOrder.ts), one place for both.
export { versionKey } from '../src/dataset/versionOrder';
