// The histogram maths lives in the engine (main computes weight histograms from the shared buffers too).
export { histogram, type Histogram } from '../../engine/histogram';
