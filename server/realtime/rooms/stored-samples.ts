// The live samples a log holds, each stored one exactly once: server/store/stored-samples.ts (the
// reveal reads them in the worker thread, the exports rater by rater, decision 024).
export { storedSamples } from "../../store/stored-samples";
